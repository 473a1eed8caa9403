"""graph.exports.rdf: Turtle/TriG/JSON-LD outputs are complete, re-parse, are byte-identical across runs, written atomically."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import zlib
from decimal import Decimal
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import BNode, Dataset, Graph, Literal
from rdflib.compare import isomorphic

from extractors import vocab
from extractors.facts import (
    Article,
    ArticleFacts,
    Authorship,
    Commitment,
    DateValue,
    Event,
    Evidence,
    Holding,
    OrgRef,
    Period,
    PersonRef,
    PlaceRef,
    Target,
)
from graph.rdf import identity as ids
from graph.exports.rdf import ExportError, graph_turtle, write_outputs
from graph.derive.merge import build_dataset, merged_graph

ROOT = Path(__file__).resolve().parent.parent
DIEN_BIEN = PlaceRef("Điện Biên", "province")
PPC = OrgRef("Điện Biên Provincial Party Committee", "party-committee", DIEN_BIEN)
MOF = OrgRef("Ministry of Finance", "ministry")
CUONG = PersonRef("Trần Quốc Cường", "tran quoc cuong")
DUNG = PersonRef("Trần Tiến Dũng", "tran tien dung")
THANG = PersonRef("Nguyễn Văn Thắng", "nguyen van thang")


def _ev(article_id: str, quote: str) -> Evidence:
    start = zlib.crc32(quote.encode()) % 50_000
    return Evidence(article_id, start, start + len(quote), quote)


def corpus(reverse: bool = False) -> list[ArticleFacts]:
    """Two hand-made articles in the style of the seeds (a 2024 session, a 2025 ministry visit)."""
    a1, a2 = "000_1997b1c9d2f034b5", "003_e1e74b58657a6300"
    first = ArticleFacts(
        Article(a1, f"seeds/{a1}.txt", "", title="Điện Biên aims for 10.5% growth",
                published=DateValue("2024-07", "2024-07-05", "2024-07-31"), date_basis="text", province="Điện Biên"),
        (
            Authorship(PersonRef("Phạm Trung", "pham trung"), _ev(a1, "Phạm Trung")),
            Holding(CUONG, "secretary", PPC, _ev(a1, 'Secretary Trần Quốc Cường said: "we must act".\nThen left.')),
            Target("economic-growth-rate", "economic growth rate", "atLeast", Decimal("10.5"), "percent",
                   _ev(a1, "Growth of at least 10.5% is the 2024 goal."),
                   period=Period("2024", "2024-01-01", "2024-12-31"), applies_to=DIEN_BIEN),
        ),
    )
    second = ArticleFacts(
        Article(a2, f"seeds/{a2}.txt", "", title="Minister of Finance works with Điện Biên",
                url="https://example.org/mof-dien-bien", published=DateValue("2025", "2025-09-30", "2025-12-31"),
                date_basis="text", province="Điện Biên"),
        (
            Holding(DUNG, "secretary", PPC, _ev(a2, "Party Secretary Trần Tiến Dũng received the delegation.")),
            Holding(THANG, "minister", MOF, _ev(a2, "Minister Nguyễn Văn Thắng led it.")),
            Event("working-visit", "Ministry of Finance working session in Điện Biên", "mof-dien-bien-2025",
                  (_ev(a2, "The ministry's delegation held a working session."),),
                  date=DateValue("2025", "2025-09-30", "2025-12-31"), organizer=MOF, speakers=(THANG, DUNG)),
            Commitment("proposal", DUNG, "widen border trade quotas", _ev(a2, "Dũng proposed wider quotas."),
                       addressee=MOF),
        ),
    )
    papers = [first, second]
    return papers[::-1] if reverse else papers


def build(reverse: bool = False) -> Dataset:
    return build_dataset(corpus(reverse), vocab.vocabulary_graph())


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    ds = build()
    return ds, write_outputs(ds, tmp_path_factory.mktemp("out"))


def test_export_writes_three_files(outputs):
    _, paths = outputs
    assert {k: p.name for k, p in paths.items()} == {"ttl": "graph.ttl", "trig": "graph.trig", "jsonld": "graph.jsonld"}
    assert all(p.stat().st_size > 1000 for p in paths.values())
    assert not [p for p in paths["ttl"].parent.iterdir() if p.name.endswith(".tmp")]


def test_export_turtle_reparses_with_pyoxigraph_to_same_triple_count(outputs):
    ds, paths = outputs
    triples = list(pyoxigraph.parse(path=str(paths["ttl"]), format=pyoxigraph.RdfFormat.TURTLE))
    assert len(triples) == len(merged_graph(ds)) > 200


def test_export_turtle_reparses_isomorphic_with_rdflib(outputs):
    ds, paths = outputs
    assert isomorphic(Graph().parse(paths["ttl"], format="turtle"), merged_graph(ds))


def test_export_trig_keeps_named_graphs(outputs):
    ds, paths = outputs
    quads = list(pyoxigraph.parse(path=str(paths["trig"]), format=pyoxigraph.RdfFormat.TRIG))
    assert len(quads) == len(list(ds.quads((None, None, None, None))))
    names = {str(q.graph_name.value) for q in quads}
    assert {str(ids.article_graph_iri("000_1997b1c9d2f034b5")), str(ids.DERIVED_GRAPH), str(ids.VOCAB_GRAPH)} <= names


def test_export_jsonld_reparses_isomorphic(outputs):
    ds, paths = outputs
    assert isomorphic(Graph().parse(paths["jsonld"], format="json-ld"), merged_graph(ds))


def test_export_turtle_uses_prefixes_and_typed_literals(outputs):
    _, paths = outputs
    text = paths["ttl"].read_text(encoding="utf-8")
    assert "@prefix gk: <https://w3id.org/govkg/ontology#> ." in text
    assert '"10.5"^^xsd:decimal' in text
    assert '"2024-07"^^xsd:gYearMonth' in text
    assert '"Trần Quốc Cường"' in text  # UTF-8, not escaped
    assert '\\"we must act\\".\\nThen left.' in text  # quotes and newlines escaped on one line


_DIGEST_SCRIPT = """
import hashlib, sys
sys.path.insert(0, {tests!r})
from pathlib import Path
import test_export
from graph.exports.rdf import write_outputs
paths = write_outputs(test_export.build(reverse={reverse}), Path(sys.argv[1]))
for key in sorted(paths):
    print(key, hashlib.sha256(paths[key].read_bytes()).hexdigest())
"""


def _digests_in_subprocess(out: Path, seed: str, reverse: bool) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    script = _DIGEST_SCRIPT.format(tests=str(ROOT / "tests"), reverse=reverse)
    done = subprocess.run([sys.executable, "-c", script, str(out)], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_export_byte_identical_across_processes_and_hash_seeds(tmp_path, outputs):
    _, paths = outputs
    here = "".join(f"{k} {hashlib.sha256(paths[k].read_bytes()).hexdigest()}\n" for k in sorted(paths))
    one = _digests_in_subprocess(tmp_path / "a", "1", reverse=False)
    two = _digests_in_subprocess(tmp_path / "b", "4242", reverse=True)
    assert one == two == here
    assert len(one.splitlines()) == 3


def test_export_failure_leaves_existing_outputs_intact(tmp_path):
    paths = write_outputs(build(), tmp_path)
    before = {k: p.read_bytes() for k, p in paths.items()}
    broken = build()
    broken.graph(ids.DERIVED_GRAPH).add((BNode(), ids.DERIVED_GRAPH, Literal("anonymous")))
    with pytest.raises(ExportError, match="blank node"):
        write_outputs(broken, tmp_path)
    assert {k: p.read_bytes() for k, p in paths.items()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.jsonld", "graph.trig", "graph.ttl"]


def test_export_turtle_of_small_graph_is_sorted_text():
    g = Graph()
    p = ids.person_iri(DUNG)
    from ontology.namespaces import FOAF, GK, RDF

    g.add((p, GK.nameKey, Literal("tran tien dung")))
    g.add((p, FOAF.name, Literal("Trần Tiến Dũng")))
    g.add((p, RDF.type, FOAF.Person))
    assert graph_turtle(g) == (
        "@prefix gk: <https://w3id.org/govkg/ontology#> .\n"
        "@prefix foaf: <http://xmlns.com/foaf/0.1/> .\n\n"
        "<https://w3id.org/govkg/id/person/tran-tien-dung> a foaf:Person ;\n"
        '    foaf:name "Trần Tiến Dũng" ;\n'
        '    gk:nameKey "tran tien dung" .\n'
    )
