"""govkg's command line: build the graph from articles, query it, validate it, view it.

Every expected failure (bad input, unknown query name, unparsable graph) is one line on stderr
and a non-zero exit code; tracebacks are for bugs.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

EXAMPLES = """
\b
Examples:
  govkg build seeds --out out
  govkg query out/graph.ttl --named successions
  govkg query out/graph.ttl --named person-posts --param person="Tran Tien Dung"
  govkg query out/graph.ttl "SELECT ?name WHERE { ?p a foaf:Person ; foaf:name ?name }" --format csv
  govkg validate out/graph.ttl
  govkg view out/graph.ttl --focus "Trần Tiến Dũng" --depth 2 --out dung.html
"""


class Failure(click.ClickException):
    """An expected failure: printed as one line, exit code 1."""

    def show(self, file=None) -> None:  # noqa: ARG002
        click.echo(f"govkg: error: {self.message}", err=True)


def _fail(exc: BaseException) -> Failure:
    text = " ".join(str(exc).split())
    return Failure(text or type(exc).__name__)


@click.group(epilog=EXAMPLES, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option("-v", "--verbose", is_flag=True, help="Log what each stage does.")
def cli(verbose: bool) -> None:
    """govkg: turn government news articles into one RDF knowledge graph.

    Officials, organisations, posts (who held which post when), events, targets and reported
    figures, each traceable to the sentence it was read from.
    """
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="govkg: %(message)s")


@cli.command(epilog="""
\b
Examples:
  govkg build seeds --out out
  govkg build archive/2024 archive/2025/hanoi.html --out out
""")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", "out_dir", default="out", show_default=True, type=click.Path(path_type=Path),
              help="Folder for graph.ttl, graph.trig, graph.jsonld, graph.html and report.json.")
@click.option("--no-html", is_flag=True, help="Skip the HTML view.")
def build(inputs: tuple[Path, ...], out_dir: Path, no_html: bool) -> None:
    """Build the graph from article files or folders (.txt, .md, .html, .jsonl; NAME.meta.json sidecars)."""
    from extractors.article import ArticleLoadError  # noqa: PLC0415
    from extractors.nlp import ModelNotInstalled  # noqa: PLC0415

    from .pipeline import BuildError, build as run_build  # noqa: PLC0415

    try:
        result = run_build(inputs, out_dir, html=not no_html)
    except (BuildError, ArticleLoadError, ModelNotInstalled, OSError) as exc:
        raise _fail(exc) from exc
    c = result.counts
    click.echo(f"Read {c['articles']} article(s); the graph has {c['triples']} triples:")
    for key in ("people", "organisations", "posts", "holdings", "events", "targets", "observations",
                "commitments", "documents", "successions", "conflicts"):
        click.echo(f"  {key:<14}{c[key]:>6}")
    for w in result.warnings:
        click.echo(f"warning: {w['file']}: {w['problem']}", err=True)
    click.echo("Files:")
    for key in ("ttl", "trig", "jsonld", "html", "report"):
        if key in result.files:
            click.echo(f"  {result.files[key]}")


def _params(values: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for v in values:
        if "=" not in v:
            raise Failure(f"--param takes NAME=VALUE, got {v!r}")
        k, _, val = v.partition("=")
        out[k.strip()] = val
    return out


@cli.command(epilog="""
\b
Shipped queries (--named): run `govkg query --list`.
Examples:
  govkg query out/graph.ttl --named post-holders --param post="Secretary of the Điện Biên Provincial Party Committee"
  govkg query out/graph.ttl --file my.rq --format json
""")
@click.argument("graph", required=False, type=click.Path(path_type=Path))
@click.argument("sparql", required=False)
@click.option("--file", "query_file", type=click.Path(path_type=Path), help="Read the SPARQL query from a file.")
@click.option("--named", help="Run a shipped query by name.")
@click.option("--param", "params", multiple=True, help="NAME=VALUE for a shipped query's parameter.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.option("--list", "list_only", is_flag=True, help="List the shipped queries and their parameters.")
def query(graph: Path | None, sparql: str | None, query_file: Path | None, named: str | None,
          params: tuple[str, ...], fmt: str, list_only: bool) -> None:
    """Run a SPARQL query on a graph file (.ttl/.trig/.nt/.jsonld) or an Oxigraph store folder."""
    from .query import QueryError, format_result, list_named, load_named, run_query  # noqa: PLC0415
    from .store import StoreError, open_source  # noqa: PLC0415

    if list_only:
        for name, (question, qparams) in list_named().items():
            click.echo(f"{name:<18} {question}")
            for p, desc in qparams.items():
                click.echo(f"{'':<20}--param {p}=...  {desc}")
        return
    if graph is None:
        raise Failure("query needs GRAPH (a graph file or store folder); see `govkg query --help`")
    chosen = [x for x in (sparql, query_file, named) if x]
    if len(chosen) != 1:
        raise Failure("give exactly one of SPARQL text, --file Q.rq or --named NAME")
    try:
        if named:
            text = load_named(named)
        elif query_file:
            text = Path(query_file).read_text(encoding="utf-8")
        else:
            text = sparql
        source = open_source(graph)
        result = run_query(source, text, _params(params))
    except (QueryError, StoreError, KeyError, ValueError, OSError) as exc:
        raise _fail(exc) from exc
    click.echo(format_result(result, fmt), nl=False)


@cli.command(epilog="""
\b
Example:
  govkg validate out/graph.ttl
""")
@click.argument("graph", type=click.Path(path_type=Path))
@click.option("--shapes", type=click.Path(path_type=Path), help="SHACL shapes (default: ontology/shapes.ttl).")
def validate(graph: Path, shapes: Path | None) -> None:
    """Check a graph against the SHACL shapes; exit code 1 with the violations when it does not conform."""
    from .validate import GraphLoadError, format_violations, load_graph, validate as run_validate  # noqa: PLC0415

    try:
        g = load_graph(graph)
        result = run_validate(g, shapes)
    except (GraphLoadError, OSError) as exc:
        raise _fail(exc) from exc
    if result.conforms:
        click.echo(f"{graph}: conforms ({len(g)} triples)")
        return
    click.echo(format_violations(result))
    click.echo(f"{graph}: {len(result.violations)} violation(s)", err=True)
    sys.exit(1)


@cli.command(epilog="""
\b
Examples:
  govkg view out/graph.ttl --out out/view.html
  govkg view out/graph.ttl --focus "Tran Tien Dung" --depth 2 --out dung.html
  govkg view out/graph.ttl --timeline --out out/timeline.html
""")
@click.argument("graph", type=click.Path(path_type=Path))
@click.option("--out", "out_file", default="view.html", show_default=True, type=click.Path(path_type=Path))
@click.option("--focus", help="Name of a person or organisation (diacritics optional) to centre on.")
@click.option("--depth", default=2, show_default=True, help="How many hops around --focus to keep.")
@click.option("--types", help="Comma-separated node types to keep, e.g. person,organisation,event.")
@click.option("--max-nodes", default=1500, show_default=True, help="Upper bound on nodes shown.")
@click.option("--timeline", is_flag=True, help="Write the timeline of posts instead of the network.")
def view(graph: Path, out_file: Path, focus: str | None, depth: int, types: str | None, max_nodes: int,
         timeline: bool) -> None:
    """Write an interactive HTML view (offline, one file) of a graph or a neighbourhood of it."""
    from .files import atomic_write_text  # noqa: PLC0415
    from .html import render_html  # noqa: PLC0415
    from .validate import GraphLoadError, load_graph  # noqa: PLC0415
    from .view import render_timeline_html, select_subgraph  # noqa: PLC0415

    try:
        g = load_graph(graph)
        if timeline:
            page = render_timeline_html(g)
        else:
            kinds = {t.strip() for t in types.split(",")} if types else None
            sub = select_subgraph(g, focus, depth, kinds, max_nodes)
            page = render_html(sub, title=f"govkg — {focus}" if focus else "govkg")
        atomic_write_text(out_file, page)
    except (GraphLoadError, ValueError, LookupError, OSError) as exc:
        raise _fail(exc) from exc
    click.echo(str(out_file))


def main() -> None:
    cli(prog_name="govkg")


if __name__ == "__main__":
    main()
