"""Shared helpers for the HTML-view tests: a contract-shaped sample graph and headless Chromium.

The browser is Debian's /usr/bin/chromium driven by Playwright; every request that is not a
local file is aborted and recorded, so a page that tries to reach the network is caught.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from rdflib import Graph

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"

PREFIXES = """
@prefix gk:      <https://w3id.org/govkg/ontology#> .
@prefix gkr:     <https://w3id.org/govkg/id/> .
@prefix org:     <http://www.w3.org/ns/org#> .
@prefix foaf:    <http://xmlns.com/foaf/0.1/> .
@prefix schema:  <https://schema.org/> .
@prefix prov:    <http://www.w3.org/ns/prov#> .
@prefix time:    <http://www.w3.org/2006/time#> .
@prefix skos:    <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .
"""

# A small graph shaped like DESIGN.md's contract (sentences are our own paraphrases).
SAMPLE_TTL = PREFIXES + """
<https://w3id.org/govkg/id/article/a1> a gk:Article ; dcterms:title "Điện Biên party committee meets at mid-year" ;
    dcterms:date "2024-07"^^xsd:gYearMonth ; gk:dateBasis "text" ; dcterms:source "https://news.example.vn/a1" .
<https://w3id.org/govkg/id/article/a2> a gk:Article ; dcterms:title "Finance minister visits Điện Biên" ;
    dcterms:date "2025"^^xsd:gYear ; gk:dateBasis "inferred" .

gkr:place/dien-bien a schema:Place, gk:Province ; schema:name "Điện Biên" .

gkr:person/tran-quoc-cuong a foaf:Person ; foaf:name "Trần Quốc Cường" ; gk:nameKey "tran quoc cuong" ;
    gk:mentionedIn <https://w3id.org/govkg/id/article/a1> .
gkr:person/tran-tien-dung a foaf:Person ; foaf:name "Trần Tiến Dũng" ; gk:nameKey "tran tien dung" ;
    gk:mentionedIn <https://w3id.org/govkg/id/article/a2> .
gkr:person/mua-a-son a foaf:Person ; foaf:name "Mùa A Sơn" ; gk:nameKey "mua a son" .
gkr:person/nguyen-van-thang a foaf:Person ; foaf:name "Nguyễn Văn Thắng" ; gk:nameKey "nguyen van thang" .

gkr:org/dien-bien-provincial-party-committee a org:Organization, gk:PartyCommittee ;
    skos:prefLabel "Điện Biên Provincial Party Committee" ; gk:jurisdiction gkr:place/dien-bien .
gkr:org/ministry-of-finance a org:Organization, gk:Ministry ; skos:prefLabel "Ministry of Finance" .
gkr:org/politburo a org:Organization, gk:PartyCentralBody ; skos:prefLabel "Politburo" .

gkr:role/secretary a org:Role, skos:Concept ; skos:prefLabel "Secretary" .
gkr:role/permanent-deputy-secretary a org:Role, skos:Concept ; skos:prefLabel "Permanent Deputy Secretary" .
gkr:role/minister a org:Role, skos:Concept ; skos:prefLabel "Minister" .

gkr:post/secretary/dien-bien-provincial-party-committee a org:Post ;
    skos:prefLabel "Secretary of the Điện Biên Provincial Party Committee" ;
    org:postIn gkr:org/dien-bien-provincial-party-committee ; org:role gkr:role/secretary .
gkr:post/permanent-deputy-secretary/dien-bien-provincial-party-committee a org:Post ;
    skos:prefLabel "Permanent Deputy Secretary of the Điện Biên Provincial Party Committee" ;
    org:postIn gkr:org/dien-bien-provincial-party-committee ; org:role gkr:role/permanent-deputy-secretary .
gkr:post/minister/ministry-of-finance a org:Post ; skos:prefLabel "Minister of Finance" ;
    org:postIn gkr:org/ministry-of-finance ; org:role gkr:role/minister .

gkr:holding/tran-quoc-cuong/secretary/dien-bien-provincial-party-committee a org:Membership ;
    org:member gkr:person/tran-quoc-cuong ; org:organization gkr:org/dien-bien-provincial-party-committee ;
    org:role gkr:role/secretary ; gk:post gkr:post/secretary/dien-bien-provincial-party-committee ;
    gk:firstAttested "2024-07"^^xsd:gYearMonth ; gk:lastAttested "2024-07"^^xsd:gYearMonth ; gk:status "current" ;
    prov:wasDerivedFrom <https://w3id.org/govkg/id/article/a1> ; gk:evidence gkr:evidence/a1/0-60 .
gkr:holding/mua-a-son/permanent-deputy-secretary/dien-bien-provincial-party-committee a org:Membership ;
    org:member gkr:person/mua-a-son ; org:organization gkr:org/dien-bien-provincial-party-committee ;
    org:role gkr:role/permanent-deputy-secretary ;
    gk:post gkr:post/permanent-deputy-secretary/dien-bien-provincial-party-committee ;
    gk:firstAttested "2024-07"^^xsd:gYearMonth ; gk:lastAttested "2024-07"^^xsd:gYearMonth ;
    prov:wasDerivedFrom <https://w3id.org/govkg/id/article/a1> ; gk:evidence gkr:evidence/a1/61-130 .
gkr:holding/tran-tien-dung/secretary/dien-bien-provincial-party-committee a org:Membership ;
    org:member gkr:person/tran-tien-dung ; org:organization gkr:org/dien-bien-provincial-party-committee ;
    org:role gkr:role/secretary ; gk:post gkr:post/secretary/dien-bien-provincial-party-committee ;
    gk:firstAttested "2025"^^xsd:gYear ; gk:lastAttested "2025"^^xsd:gYear ;
    prov:wasDerivedFrom <https://w3id.org/govkg/id/article/a2> ; gk:evidence gkr:evidence/a2/0-80 .
gkr:holding/nguyen-van-thang/minister/ministry-of-finance a org:Membership ;
    org:member gkr:person/nguyen-van-thang ; org:organization gkr:org/ministry-of-finance ;
    org:role gkr:role/minister ; gk:post gkr:post/minister/ministry-of-finance ;
    gk:firstAttested "2025"^^xsd:gYear ; gk:lastAttested "2025"^^xsd:gYear ;
    prov:wasDerivedFrom <https://w3id.org/govkg/id/article/a2> ; gk:evidence gkr:evidence/a2/81-150 .

gkr:event/20th-session a schema:Event, gk:Meeting ;
    schema:name "20th session of the 14th Điện Biên Provincial Party Committee" ;
    schema:startDate "2024-07-05"^^xsd:date ; schema:location gkr:place/dien-bien ;
    gk:chair gkr:person/tran-quoc-cuong, gkr:person/mua-a-son ; gk:speaker gkr:person/tran-quoc-cuong ;
    schema:organizer gkr:org/dien-bien-provincial-party-committee ; gk:termOrdinal 14 ; gk:sessionOrdinal 20 ;
    prov:wasDerivedFrom <https://w3id.org/govkg/id/article/a1> ; gk:evidence gkr:evidence/a1/131-200 .
gkr:event/mof-working-session a schema:Event, gk:WorkingVisit ;
    schema:name "Working session of the Ministry of Finance delegation with Điện Biên province" ;
    schema:startDate "2025"^^xsd:gYear ;
    schema:attendee gkr:person/tran-tien-dung, gkr:person/nguyen-van-thang ; gk:speaker gkr:person/nguyen-van-thang ;
    schema:organizer gkr:org/ministry-of-finance ;
    prov:wasDerivedFrom <https://w3id.org/govkg/id/article/a2> ; gk:evidence gkr:evidence/a2/151-230 .

gkr:indicator/grdp-growth-rate a skos:Concept ; skos:prefLabel "GRDP growth rate" .
gkr:target/dien-bien-grdp-2025 a gk:Target ; gk:indicator gkr:indicator/grdp-growth-rate ;
    gk:comparator "equal" ; gk:value 7.5 ; gk:unit "percent" ; gk:period "2025"^^xsd:gYear ;
    gk:appliesTo gkr:place/dien-bien ; gk:setBy gkr:org/dien-bien-provincial-party-committee ;
    gk:statedAt gkr:event/mof-working-session ; gk:evidence gkr:evidence/a2/231-300 .
gkr:observation/dien-bien-grdp-2025-9m a gk:Observation ; gk:indicator gkr:indicator/grdp-growth-rate ;
    gk:value 6.76 ; gk:unit "percent" ; gk:period "2025-01/2025-09" ; gk:estimated true ;
    gk:appliesTo gkr:place/dien-bien ; gk:evidence gkr:evidence/a2/301-380 .
<https://w3id.org/govkg/id/commitment/a2/1> a gk:Commitment ; gk:kind "proposal" ;
    gk:actor gkr:person/tran-tien-dung ; gk:addressee gkr:org/ministry-of-finance ;
    gk:content "widen cross-border trade quotas for people living along the border" ;
    gk:evidence gkr:evidence/a2/381-460 .
gkr:document/directive-no-35-ct-tw a gk:LegalDocument ; dcterms:title "Directive No. 35-CT/TW" ;
    dcterms:date "2024-06-14"^^xsd:date ; dcterms:creator gkr:org/politburo .

gkr:succession/secretary/dien-bien-provincial-party-committee/tran-quoc-cuong/tran-tien-dung a gk:Succession ;
    gk:post gkr:post/secretary/dien-bien-provincial-party-committee ;
    gk:predecessor gkr:person/tran-quoc-cuong ; gk:successor gkr:person/tran-tien-dung ;
    gk:notBefore "2024-07-05"^^xsd:date ; gk:notAfter "2025-09-30"^^xsd:date ;
    prov:wasDerivedFrom <https://w3id.org/govkg/id/article/a1>, <https://w3id.org/govkg/id/article/a2> .

gkr:evidence/a1/0-60 a gk:Evidence ; gk:inArticle <https://w3id.org/govkg/id/article/a1> ; gk:charStart 0 ; gk:charEnd 60 ;
    gk:quote "Party Secretary Trần Quốc Cường opened the mid-year session of the provincial committee." .
gkr:evidence/a1/61-130 a gk:Evidence ; gk:inArticle <https://w3id.org/govkg/id/article/a1> ; gk:charStart 61 ; gk:charEnd 130 ;
    gk:quote "Permanent Deputy Secretary Mùa A Sơn co-chaired the meeting." .
gkr:evidence/a1/131-200 a gk:Evidence ; gk:inArticle <https://w3id.org/govkg/id/article/a1> ; gk:charStart 131 ; gk:charEnd 200 ;
    gk:quote "The 20th session of the 14th provincial party committee took place on July 5." .
gkr:evidence/a2/0-80 a gk:Evidence ; gk:inArticle <https://w3id.org/govkg/id/article/a2> ; gk:charStart 0 ; gk:charEnd 80 ;
    gk:quote "Provincial Party Secretary Trần Tiến Dũng welcomed the finance delegation." .
gkr:evidence/a2/81-150 a gk:Evidence ; gk:inArticle <https://w3id.org/govkg/id/article/a2> ; gk:charStart 81 ; gk:charEnd 150 ;
    gk:quote "Minister Nguyễn Văn Thắng led the ministry's working group." .
gkr:evidence/a2/151-230 a gk:Evidence ; gk:inArticle <https://w3id.org/govkg/id/article/a2> ; gk:charStart 151 ; gk:charEnd 230 ;
    gk:quote "The ministry's delegation held a working session with provincial leaders." .
gkr:evidence/a2/231-300 a gk:Evidence ; gk:inArticle <https://w3id.org/govkg/id/article/a2> ; gk:charStart 231 ; gk:charEnd 300 ;
    gk:quote "The province aims for GRDP growth of 7.5 percent this year." .
gkr:evidence/a2/301-380 a gk:Evidence ; gk:inArticle <https://w3id.org/govkg/id/article/a2> ; gk:charStart 301 ; gk:charEnd 380 ;
    gk:quote "Growth in the first nine months is estimated at 6.76 percent." .
gkr:evidence/a2/381-460 a gk:Evidence ; gk:inArticle <https://w3id.org/govkg/id/article/a2> ; gk:charStart 381 ; gk:charEnd 460 ;
    gk:quote "Secretary Dũng proposed wider trade quotas for border residents." .
"""

# What the view must show for SAMPLE_TTL (counted by hand from the triples above).
SAMPLE_NODES = 18
SAMPLE_EDGES = 25
SAMPLE_KIND_COUNTS = {"person": 4, "organisation": 3, "post": 3, "event": 2, "target": 1, "observation": 1,
                      "commitment": 1, "document": 1, "place": 1, "indicator": 1}


def expand_gkr(ttl: str) -> str:
    """Turn the shorthand gkr:a/b (not legal Turtle because of the slashes) into full IRIs."""
    return re.sub(r"(?<![\w<])gkr:([A-Za-z0-9_\-/]+)", r"<https://w3id.org/govkg/id/\1>", ttl)


def sample_graph() -> Graph:
    """A fresh parse of SAMPLE_TTL."""
    return Graph().parse(data=expand_gkr(SAMPLE_TTL), format="turtle")


def ttl_graph(body: str) -> Graph:
    """Parse a Turtle body (gkr: shorthand allowed) with the project prefixes."""
    return Graph().parse(data=expand_gkr(PREFIXES + body), format="turtle")


@dataclass
class PageSession:
    """An open page with the console errors and the blocked external requests seen so far."""

    page: object
    errors: list[str] = field(default_factory=list)
    external_requests: list[str] = field(default_factory=list)


_SHARED: dict = {"users": 0}


@pytest.fixture(scope="session")
def browser():
    """One headless Debian Chromium for the whole session, shared by every test module that imports this.

    Playwright's sync API allows one driver per thread, so modules share it with a use count.
    """
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    if _SHARED["users"] == 0:
        _SHARED["pw"] = sync_playwright().start()
        _SHARED["browser"] = _SHARED["pw"].chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
    _SHARED["users"] += 1
    try:
        yield _SHARED["browser"]
    finally:
        _SHARED["users"] -= 1
        if _SHARED["users"] == 0:
            _SHARED.pop("browser").close()
            _SHARED.pop("pw").stop()


def open_html(browser, html_text: str, path: Path, *, wait_ready: bool = True, timeout_ms: int = 60_000,
              viewport: tuple[int, int] = (1400, 860)) -> PageSession:
    """Write ``html_text`` to ``path``, open it, and (by default) wait until the view says it is ready."""
    path.write_text(html_text, encoding="utf-8")
    page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})
    session = PageSession(page=page)
    page.on("console", lambda m: session.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: session.errors.append(str(exc)))

    def route(r):
        url = r.request.url
        if url.startswith(("file:", "data:", "about:", "blob:")):
            r.continue_()
        else:
            session.external_requests.append(url)
            r.abort()

    page.route("**/*", route)
    page.goto(path.resolve().as_uri())
    if wait_ready:
        page.wait_for_function("window.govkg && window.govkg.ready === true", timeout=timeout_ms)
    return session


def synthetic_graph(n_places: int = 100, orgs_per_place: int = 4, posts_per_org: int = 3, persons: int = 2300,
                    events: int = 800, targets: int = 150, observations: int = 49) -> Graph:
    """A contract-shaped graph of about 5,000 view nodes (defaults: exactly 5,000) for load tests."""
    from rdflib import Literal
    from rdflib.namespace import FOAF, ORG, RDF, SKOS, XSD

    from graph.views.html import GK, GKR, SCHEMA

    g = Graph()
    places = [GKR[f"place/p{i}"] for i in range(n_places)]
    for i, p in enumerate(places):
        g.add((p, RDF.type, SCHEMA.Place))
        g.add((p, SCHEMA.name, Literal(f"Tỉnh {i}")))
    orgs, posts = [], []
    for i, p in enumerate(places):
        for j in range(orgs_per_place):
            o = GKR[f"org/o{i}-{j}"]
            orgs.append(o)
            g.add((o, RDF.type, ORG.Organization))
            g.add((o, SKOS.prefLabel, Literal(f"Committee {j} of Tỉnh {i}")))
            g.add((o, GK.jurisdiction, p))
            for k in range(posts_per_org):
                po = GKR[f"post/r{k}/o{i}-{j}"]
                posts.append(po)
                g.add((po, RDF.type, ORG.Post))
                g.add((po, SKOS.prefLabel, Literal(f"Role {k} of Committee {j} of Tỉnh {i}")))
                g.add((po, ORG.postIn, o))
    people = []
    for i in range(persons):
        pe = GKR[f"person/x{i}"]
        people.append(pe)
        g.add((pe, RDF.type, FOAF.Person))
        g.add((pe, FOAF.name, Literal(f"Nguyễn Văn Số {i}")))
        h = GKR[f"holding/x{i}"]
        g.add((h, RDF.type, ORG.Membership))
        g.add((h, ORG.member, pe))
        g.add((h, GK.post, posts[i % len(posts)]))
        g.add((h, GK.firstAttested, Literal(f"{2020 + i % 6}", datatype=XSD.gYear)))
        g.add((h, GK.lastAttested, Literal(f"{2020 + i % 6 + i % 3}", datatype=XSD.gYear)))
    for i in range(events):
        e = GKR[f"event/e{i}"]
        g.add((e, RDF.type, SCHEMA.Event))
        g.add((e, SCHEMA.name, Literal(f"Meeting {i}")))
        g.add((e, SCHEMA.startDate, Literal(f"{2020 + i % 6}-03-01", datatype=XSD.date)))
        g.add((e, GK.chair, people[(i * 7) % persons]))
        g.add((e, SCHEMA.attendee, people[(i * 13 + 1) % persons]))
        g.add((e, SCHEMA.organizer, orgs[i % len(orgs)]))
    indicator = GKR["indicator/grdp-growth-rate"]
    g.add((indicator, SKOS.prefLabel, Literal("GRDP growth rate")))
    for i in range(targets):
        t = GKR[f"target/t{i}"]
        g.add((t, RDF.type, GK.Target))
        g.add((t, GK.indicator, indicator))
        g.add((t, GK.value, Literal(f"{i % 10}.5", datatype=XSD.decimal)))
        g.add((t, GK.appliesTo, places[i % n_places]))
    for i in range(observations):
        t = GKR[f"observation/b{i}"]
        g.add((t, RDF.type, GK.Observation))
        g.add((t, GK.indicator, indicator))
        g.add((t, GK.appliesTo, places[i % n_places]))
    return g
