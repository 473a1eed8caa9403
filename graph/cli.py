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
  govkg timeline out/graph.ttl --person "Tran Tien Dung"
  govkg query out/graph.ttl "SELECT ?name WHERE { ?p a foaf:Person ; foaf:name ?name }" --format csv
  govkg validate out/graph.ttl
  govkg site out/graph.ttl --out site
  govkg view out/graph.ttl --focus "Trần Tiến Dũng" --depth 2 --out dung.html
  govkg export out/graph.ttl --format graphml --out out/graph.graphml
  govkg stats out/graph.ttl
  govkg serve out/graph.trig --port 7878
  govkg push out/graph.trig --endpoint http://localhost:8890/sparql-graph-crud
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
@click.version_option(package_name="govkg", prog_name="govkg", message="%(prog)s %(version)s")
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
  govkg build archive --out out --jobs 0                 # parse in every core
  govkg build archive --out out --store oxigraph:out/store
  govkg build archive --out out --executor dask --scheduler tcp://10.0.0.5:8786
\b
A second build into the same --out only parses new or changed articles (their facts are cached in
OUT/.govkg-cache); the output is byte-identical to a clean build.
""")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", "out_dir", default="out", show_default=True, type=click.Path(path_type=Path),
              help="Folder for graph.ttl, graph.trig, graph.jsonld, graph.html and report.json.")
@click.option("--no-html", is_flag=True, help="Skip the HTML view.")
@click.option("--jobs", "-j", default=1, show_default=True, type=click.IntRange(min=0),
              help="Processes that parse articles (0 = all cores); workers for a local Dask cluster.")
@click.option("--store", "store", metavar="oxigraph:DIR",
              help="Also keep the graph in an on-disk Oxigraph store (query/serve it with DIR).")
@click.option("--executor", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Where articles are parsed: this machine, or a Dask cluster.")
@click.option("--scheduler", metavar="ADDRESS",
              help="Dask scheduler address (with --executor dask; default: a local cluster of --jobs workers).")
@click.option("--rebuild", is_flag=True, help="Ignore cached facts and parse every article again.")
@click.option("--progress/--no-progress", default=None,
              help="Show a progress bar (default: only when stderr is a terminal).")
def build(inputs: tuple[Path, ...], out_dir: Path, no_html: bool, jobs: int, store: str | None, executor: str,
          scheduler: str | None, rebuild: bool, progress: bool | None) -> None:
    """Build the graph from article files or folders (.txt, .md, .html, .jsonl; NAME.meta.json sidecars)."""
    from extractors.article import ArticleLoadError  # noqa: PLC0415
    from extractors.nlp import ModelNotInstalled  # noqa: PLC0415

    from graph.pipeline import BuildError, build as run_build  # noqa: PLC0415

    if scheduler and executor != "dask":
        raise Failure("--scheduler needs --executor dask")
    bar = _ProgressBar("parsing", "article", progress)
    try:
        result = run_build(inputs, out_dir, html=not no_html, progress=bar, jobs=jobs, executor=executor,
                           scheduler=scheduler, store=store, incremental=not rebuild)
    except (BuildError, ArticleLoadError, ModelNotInstalled, OSError) as exc:
        raise _fail(exc) from exc
    finally:
        bar.close()
    c = result.counts
    click.echo(f"Read {c['articles']} article(s) ({result.parsed} parsed, {result.reused} from the cache); "
               f"the graph has {c['triples']} triples:")
    for key in ("people", "organisations", "posts", "holdings", "events", "targets", "observations",
                "commitments", "documents", "successions", "conflicts"):
        click.echo(f"  {key:<14}{c[key]:>6}")
    for w in result.warnings:
        click.echo(f"warning: {w['file']}: {w['problem']}", err=True)
    click.echo("Files:")
    for key in ("ttl", "trig", "jsonld", "html", "report"):
        if key in result.files:
            click.echo(f"  {result.files[key]}")
    if result.store is not None:
        click.echo(f"  {result.store}/ (Oxigraph store)")


class _ProgressBar:
    """A tqdm bar with rate and ETA on stderr, fed progress(done, total); silent when stderr is not a terminal."""

    def __init__(self, desc: str, unit: str, enabled: bool | None):
        self.desc, self.unit = desc, unit
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self.bar = None

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        if self.bar is None:
            from tqdm import tqdm  # noqa: PLC0415

            self.bar = tqdm(total=total, initial=done, desc=self.desc, unit=self.unit, file=sys.stderr,
                            dynamic_ncols=True, leave=False, smoothing=0.1)
            return
        self.bar.update(done - self.bar.n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


WIDE = click.option("--wide", is_flag=True,
                    help="Print table cells whole (by default a table fits 120 columns, long cells end in …).")


def _width(wide: bool) -> int | None:
    """The width a table is cut to: none with --wide, else TABLE_WIDTH columns."""
    from graph.views.tables import TABLE_WIDTH  # noqa: PLC0415

    return None if wide else TABLE_WIDTH


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
  govkg query out/graph.ttl --named evidence --limit 100 --offset 100    (rows 101-200)
""")
@click.argument("graph", required=False, type=click.Path(path_type=Path))
@click.argument("sparql", required=False)
@click.option("--file", "query_file", type=click.Path(path_type=Path), help="Read the SPARQL query from a file.")
@click.option("--named", help="Run a shipped query by name.")
@click.option("--param", "params", multiple=True, help="NAME=VALUE for a shipped query's parameter.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.option("--limit", type=click.IntRange(min=0), help="At most this many rows (a page).")
@click.option("--offset", type=click.IntRange(min=0), help="Skip this many rows first (with --limit: the page start).")
@click.option("--list", "list_only", is_flag=True, help="List the shipped queries and their parameters.")
@WIDE
def query(graph: Path | None, sparql: str | None, query_file: Path | None, named: str | None,
          params: tuple[str, ...], fmt: str, limit: int | None, offset: int | None, list_only: bool,
          wide: bool) -> None:
    """Run a SPARQL query on a graph file (.ttl/.trig/.nt/.jsonld) or an Oxigraph store folder."""
    from graph.store.query import QueryError, format_result, list_named, load_named, run_query  # noqa: PLC0415
    from graph.store.stores import StoreError, open_source  # noqa: PLC0415

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
        result = run_query(source, text, _params(params), limit=limit, offset=offset)
    except (QueryError, StoreError, KeyError, ValueError, OSError) as exc:
        raise _fail(exc) from exc
    click.echo(format_result(result, fmt, width=_width(wide)), nl=False)
    if limit and result.kind == "select" and len(result) == limit:
        click.echo(f"more rows may follow: add --offset {(offset or 0) + limit}", err=True)


@cli.command(epilog="""
\b
Example:
  govkg validate out/graph.ttl
""")
@click.argument("graph", type=click.Path(path_type=Path))
@click.option("--shapes", type=click.Path(path_type=Path), help="SHACL shapes (default: ontology/shapes.ttl).")
def validate(graph: Path, shapes: Path | None) -> None:
    """Check a graph against the SHACL shapes; exit code 1 with the violations when it does not conform."""
    from graph.rdf.validate import GraphLoadError, format_violations, load_graph, validate as run_validate  # noqa: PLC0415

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
  govkg view out/graph.ttl --focus "Tran Tien Dung" --depth 2 --out dung.html
  govkg view out/graph.ttl --all --out out/view.html     # the whole graph (a hairball beyond a few articles)
  govkg view out/graph.ttl --timeline --out out/timeline.html
""")
@click.argument("graph", type=click.Path(path_type=Path))
@click.option("--out", "out_file", default="view.html", show_default=True, type=click.Path(path_type=Path))
@click.option("--focus", help="Name of a person or organisation (diacritics optional) to centre on.")
@click.option("--depth", default=2, show_default=True, help="How many hops around --focus to keep.")
@click.option("--types", help="Comma-separated node types to keep, e.g. person,organisation,event.")
@click.option("--max-nodes", default=1500, show_default=True, help="Upper bound on nodes shown.")
@click.option("--all", "whole", is_flag=True, help="Draw the whole graph (up to --max-nodes), not a neighbourhood.")
@click.option("--timeline", is_flag=True, help="Write the timeline of posts instead of the network.")
def view(graph: Path, out_file: Path, focus: str | None, depth: int, types: str | None, max_nodes: int,
         whole: bool, timeline: bool) -> None:
    """Write an interactive HTML view (offline, one file) of a neighbourhood (--focus) or the whole graph (--all).

    For browsing a real archive, `govkg site` writes pages per person, body and post with search.
    """
    from graph.files import atomic_write_text  # noqa: PLC0415
    from graph.views.html import render_html  # noqa: PLC0415
    from graph.rdf.validate import GraphLoadError, load_graph  # noqa: PLC0415
    from graph.views.view import render_timeline_html, select_subgraph  # noqa: PLC0415

    if not (timeline or focus or whole):
        raise Failure("give --focus NAME (a neighbourhood), --all (the whole graph) or --timeline; "
                      "`govkg site GRAPH --out site` writes browsable pages with search")
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


@cli.command(epilog="""
\b
Examples:
  govkg site out/ --out site          # then open site/index.html (works offline, from file://)
  govkg site out/graph.ttl --out site --title "Northern provinces"
\b
The same pages are served by `govkg serve GRAPH` at http://127.0.0.1:7878/browse/.
""")
@click.argument("graph", type=click.Path(path_type=Path))
@click.option("--out", "out_dir", default="site", show_default=True, type=click.Path(path_type=Path),
              help="Folder to write the pages into.")
@click.option("--title", default="govkg", show_default=True, help="The site's name, shown on every page.")
def site(graph: Path, out_dir: Path, title: str) -> None:
    """Write a static, offline site: who leads now, a page per person, body, post, event and indicator, search."""
    from graph.views.site import SiteOptions, write_site  # noqa: PLC0415
    from graph.rdf.validate import GraphLoadError, load_graph  # noqa: PLC0415

    try:
        g = load_graph(graph)
        written = write_site(g, out_dir, SiteOptions(title=title))
    except (GraphLoadError, OSError) as exc:
        raise _fail(exc) from exc
    click.echo(f"Wrote {len(written)} files; open {out_dir / 'index.html'}")


@cli.command(epilog="""
\b
Examples:
  govkg timeline out/graph.ttl
  govkg timeline out/graph.ttl --person "Tran Tien Dung"
  govkg timeline out/graph.ttl --post "Secretary of the Điện Biên Provincial Party Committee"
  govkg timeline out/graph.ttl --post "Điện Biên Party chief" --format csv
  govkg timeline out/graph.ttl --post "Provincial Party Secretary" --format json
  govkg timeline out/graph.ttl --since 2025-01 --until 2025-12
""")
@click.argument("graph", type=click.Path(path_type=Path))
@click.option("--person", help="A person's name (diacritics optional): that person's posts in date order.")
@click.option("--post", help="A post's label or any phrasing of it (\"Điện Biên Party chief\"): its holders in order.")
@click.option("--since", help="Only what overlaps this date or later (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--until", help="Only what overlaps this date or earlier (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@WIDE
def timeline(graph: Path, person: str | None, post: str | None, since: str | None, until: str | None,
             fmt: str, wide: bool) -> None:
    """Who held which post when: holders with first/last attested dates, successions, statements, conflicts."""
    from graph.views.timeline import TimelineError, format_timeline, timeline as make_timeline  # noqa: PLC0415
    from graph.rdf.validate import GraphLoadError, load_graph  # noqa: PLC0415

    try:
        g = load_graph(graph)
        result = make_timeline(g, person=person, post=post, since=since, until=until)
    except (GraphLoadError, TimelineError, OSError) as exc:
        raise _fail(exc) from exc
    click.echo(format_timeline(result, fmt, width=_width(wide)), nl=False)


@cli.command(epilog="""
\b
Examples:
  govkg serve out/ --port 7878            # a build's output folder: its live generation, never a half-built one
  govkg serve out/graph.trig --workers 4 --queue 100
  govkg serve out/store --host 0.0.0.0 --timeout 30 --max-rows 50000
  curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * { ?s a foaf:Person }' http://127.0.0.1:7878/sparql
\b
Open http://127.0.0.1:7878/ for the query page (YASGUI with the shipped queries; install it with
`make assets`); GET /health answers JSON. Any SPARQL 1.1 client (SPARQLWrapper, YASGUI, curl) can query
http://HOST:PORT/sparql; gk:, gkr:, org:, foaf:, schema:, prov:, time:, skos:, dcterms:, rdf:, rdfs: and xsd:
are predeclared; updates are refused. A query running past --timeout is killed with its worker process.
""")
@click.argument("graph", type=click.Path(path_type=Path))
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=7878, show_default=True, type=click.IntRange(0, 65535), help="0 = any free port.")
@click.option("--timeout", default=10.0, show_default=True, type=click.FloatRange(min=0.01),
              help="Seconds a query may run (then its worker is killed and replaced).")
@click.option("--max-rows", default=10000, show_default=True, type=click.IntRange(min=1),
              help="Rows (or triples) a result may have; more are cut.")
@click.option("--workers", default=None, type=click.IntRange(min=1),
              help="Queries at once, each in its own process  [default: number of cores]")
@click.option("--queue", default=64, show_default=True, type=click.IntRange(min=0),
              help="Requests that may wait for a worker; beyond that 503 with Retry-After.")
@click.option("--cache-mb", default=64.0, show_default=True, type=click.FloatRange(min=0),
              help="Memory for answers already computed (the graph is read-only); 0 = none.")
def serve(graph: Path, host: str, port: int, timeout: float, max_rows: int, workers: int | None, queue: int,
          cache_mb: float) -> None:
    """Serve a graph file, an Oxigraph store or a build's output folder as a read-only SPARQL 1.1 endpoint."""
    from graph.store.serve import EndpointConfig, make_server, public_warning  # noqa: PLC0415
    from graph.store.stores import StoreError  # noqa: PLC0415

    config = EndpointConfig(timeout=timeout, max_rows=max_rows, queue=queue, cache_mb=cache_mb,
                            **({"workers": workers} if workers else {}))
    try:
        server = make_server(graph, host, port, config)
    except (StoreError, OSError) as exc:
        raise _fail(exc) from exc
    warning = public_warning(host)
    if warning:
        click.echo(warning, err=True)
    click.echo(f"govkg: serving {graph} at {server.url} (Ctrl-C stops)", err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


@cli.command(epilog="""
\b
Examples:
  govkg push out/graph.trig --endpoint http://localhost:8890/sparql-graph-crud
  govkg push out/graph.trig --endpoint http://localhost:8890/sparql-graph-crud-auth --user dba --password dba
  govkg push out/store --endpoint http://localhost:3030/ds/data
\b
Each article's named graph is replaced (HTTP PUT), so pushing again after a rebuild does not duplicate.
""")
@click.argument("graph", type=click.Path(path_type=Path))
@click.option("--endpoint", required=True, help="The store's SPARQL 1.1 Graph Store Protocol URL.")
@click.option("--user", help="User name, if the store asks for one (Digest or Basic authentication).")
@click.option("--password", envvar="GOVKG_PUSH_PASSWORD", help="Password (or set GOVKG_PUSH_PASSWORD).")
@click.option("--timeout", default=60.0, show_default=True, type=click.FloatRange(min=0.1),
              help="Seconds to wait for each request.")
@click.option("--progress/--no-progress", default=None,
              help="Show a progress bar (default: only when stderr is a terminal).")
def push(graph: Path, endpoint: str, user: str | None, password: str | None, timeout: float,
         progress: bool | None) -> None:
    """Push graph.trig (or a store folder) to a SPARQL store, one named graph per article (replaced)."""
    from graph.store.push import PushError, push as run_push  # noqa: PLC0415
    from graph.store.stores import StoreError  # noqa: PLC0415

    bar = _ProgressBar("pushing", "graph", progress)
    try:
        result = run_push(graph, endpoint, user=user, password=password, timeout=timeout, progress=bar)
    except (PushError, StoreError, OSError) as exc:
        raise _fail(exc) from exc
    finally:
        bar.close()
    click.echo(f"Pushed {result.graphs} named graph(s), {result.triples} triples, to {result.endpoint}")


@cli.command(epilog="""
\b
Formats: graphml and gexf (a property graph for Gephi and Cytoscape: people, organisations, posts,
events, places, targets... as nodes, relations as edges with a `relation` attribute), jsonld and nt (RDF),
ftm (FollowTheMoney entities, JSON lines: Person, PublicBody, Position, Occupancy, Event, ...), popolo
(Popolo JSON) and quickstatements (Wikidata P39 statements for the persons and posts --wikidata maps).
Examples:
  govkg export out/graph.ttl --format graphml --out out/graph.graphml
  govkg export out/graph.ttl --out out/graph.gexf        (format from the extension)
  govkg export out/graph.trig --format nt --out out/graph.nt
  govkg export out/graph.ttl --format ftm --out out/officials.ftm.json
  govkg export out/graph.ttl --format popolo --out out/popolo.json
  govkg export out/graph.ttl --format quickstatements --wikidata wikidata.tsv --out out/p39.qs
""")
@click.argument("graph", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["graphml", "gexf", "jsonld", "nt", "ftm", "popolo",
                                                    "quickstatements"]),
              help="Output format (default: from the --out extension).")
@click.option("--out", "out_file", required=True, type=click.Path(path_type=Path), help="File to write.")
@click.option("--wikidata", "wikidata_file", type=click.Path(path_type=Path, exists=True, dir_okay=False),
              help="For quickstatements: TSV of govkg IRI (or its path after gkr:) and Wikidata id, one a line.")
def export(graph: Path, fmt: str | None, out_file: Path, wikidata_file: Path | None) -> None:
    """Export a graph for Gephi, Cytoscape (GraphML, GEXF), RDF tools (JSON-LD, N-Triples), FollowTheMoney,
    Popolo consumers or Wikidata (QuickStatements)."""
    from graph.exports.rdf import ExportError  # noqa: PLC0415
    from graph.exports.formats import format_for_path, write_export  # noqa: PLC0415
    from graph.exports.interchange import read_wikidata_map  # noqa: PLC0415
    from graph.rdf.validate import GraphLoadError, load_graph  # noqa: PLC0415

    try:
        fmt = fmt or format_for_path(out_file)
        wikidata = read_wikidata_map(wikidata_file) if wikidata_file is not None else None
        g = load_graph(graph)
        write_export(g, fmt, out_file, wikidata)
    except (GraphLoadError, ExportError, ValueError, OSError) as exc:
        raise _fail(exc) from exc
    click.echo(str(out_file))


@cli.command(epilog="""
\b
People are linked when they took part in the same event (chair, speaker, attendee) or held posts
in the same organisation; betweenness finds the brokers between groups.
Examples:
  govkg stats out/graph.ttl
  govkg stats out/graph.ttl --top 0 --format json
""")
@click.argument("graph", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--top", default=10, show_default=True, help="How many people and co-chair pairs to list (0 = all).")
def stats(graph: Path, fmt: str, top: int) -> None:
    """What is in a graph and who is central: counts, articles, person centrality, co-chairs."""
    from graph.views.stats import compute_stats, format_stats  # noqa: PLC0415
    from graph.rdf.validate import GraphLoadError, load_graph  # noqa: PLC0415

    if top < 0:
        raise Failure(f"--top must be 0 (all) or more, got {top}")
    try:
        g = load_graph(graph)
    except (GraphLoadError, OSError) as exc:
        raise _fail(exc) from exc
    click.echo(format_stats(compute_stats(g, top=top), fmt), nl=False)


@cli.command("eval", epilog="""
\b
Examples:
  govkg build examples/articles --out out/examples
  govkg eval out/examples/graph.ttl examples/articles.gold.json -v
  govkg eval out/graph.ttl ../shared/gold/seeds.json      (the seeds' gold, beside the repository)

tests/realworld/gold-dev.json and gold-test.json score the hand-annotated real articles listed in
tests/realworld/README.md (their text is not shipped; fetch it first).
""")
@click.argument("graph", type=click.Path(path_type=Path))
@click.argument("gold", type=click.Path(path_type=Path), nargs=-1, required=True)
@click.option("-v", "--verbose", "verbose", is_flag=True, help="List each missed and each spurious fact.")
def eval_cmd(graph: Path, gold: tuple[Path, ...], verbose: bool) -> None:
    """Score a graph against gold files: precision, recall and F1 per fact kind (matched by meaning)."""
    from graph.evaluate import GoldError, format_scores, load_gold, merge_gold, score  # noqa: PLC0415
    from graph.rdf.validate import GraphLoadError, load_graph  # noqa: PLC0415

    try:
        gold_data = merge_gold([load_gold(p) for p in gold])
        g = load_graph(graph)
    except (GoldError, GraphLoadError, OSError) as exc:
        raise _fail(exc) from exc
    click.echo(format_scores(score(g, gold_data), verbose=verbose), nl=False)


def main() -> None:
    cli(prog_name="govkg")


if __name__ == "__main__":
    main()
