"""Every RDF namespace govkg uses, importable from one place, plus consistent prefix binding.

`GK` is a closed rdflib DefinedNamespace mirroring ontology/govkg.ttl: a typo such as `GK.fristAttested`
raises instead of silently minting a new term. The term list between the GENERATED markers is
rewritten from govkg.ttl by `python -m ontology.namespaces --write` (and checked by tests).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import (
    DCTERMS,
    FOAF,
    ORG,
    OWL,
    PROV,
    RDF,
    RDFS,
    SDO,
    SH,
    SKOS,
    TIME,
    XSD,
    DefinedNamespace,
)

__all__ = [
    "DCTERMS",
    "FOAF",
    "GK",
    "GKR",
    "GK_NS",
    "GKR_NS",
    "OA",
    "ONTOLOGY_TTL",
    "ORG",
    "OWL",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "SDO",
    "SH",
    "SKOS",
    "TIME",
    "XSD",
    "bind_prefixes",
    "declared_terms",
    "render_gk_class",
]

GK_NS = "https://w3id.org/govkg/ontology#"
GKR_NS = "https://w3id.org/govkg/id/"
ONTOLOGY_TTL = Path(__file__).with_name("govkg.ttl")

GKR = Namespace(GKR_NS)
OA = Namespace("http://www.w3.org/ns/oa#")
"""W3C Web Annotation vocabulary: evidence nodes are also oa:Annotations, so annotation tools can anchor them."""

# BEGIN GENERATED GK TERMS (python -m ontology.namespaces --write)
class GK(DefinedNamespace):
    """govkg ontology terms, generated from ontology/govkg.ttl."""

    _fail = True
    _NS = Namespace("https://w3id.org/govkg/ontology#")

    # owl:Class
    AgencyBloc: URIRef  # The agencies of a level's Party (or government) grouped under one Party Committee, as in "Party Committee of the Provincial Party Agencies".
    Appointment: URIRef  # The appointment of a person to a post, or the ceremony announcing it.
    Article: URIRef  # A news article the graph was read from; its named graph holds the facts it states.
    CentralCommission: URIRef  # A commission of the Party Central Committee, such as the Central Organisation Commission or Central Inspection Commission.
    Ceremony: URIRef  # A ceremony: a groundbreaking, an opening, a launch, an anniversary, an award.
    City: URIRef  # A city within a province (such as Điện Biên Phủ City).
    Commitment: URIRef  # A qualitative undertaking, request, directive or proposal made by one actor, possibly to another.
    Commune: URIRef  # A rural commune (or commune-level town), the lowest tier of local government.
    Conference: URIRef  # A conference, congress or forum with a wider audience than one body's meeting.
    Conflict: URIRef  # Two or more persons attested as holding the same single-holder post at overlapping times, left for a human to resolve.
    Country: URIRef  # A country, such as Việt Nam.
    Delegation: URIRef  # A temporary group sent by an organisation, such as a ministry's working delegation to a province.
    Department: URIRef  # A specialised department of a provincial People's Committee (or a department within a ministry).
    Dismissal: URIRef  # A person relieved of, dismissed from or ceasing to hold a post (often on moving to another).
    District: URIRef  # A district or district-level town, the second tier of local government.
    Election: URIRef  # The election of a person to a post by a body (congress, council or committee).
    Evidence: URIRef  # A passage of one article (sentence and character offsets into the cleaned text) that supports a statement.
    FatherlandFront: URIRef  # A committee of the Vietnam Fatherland Front, at national or local level.
    FieldVisit: URIRef  # An on-site inspection or survey of a place, project or local body.
    Government: URIRef  # The national Government, headed by the Prime Minister.
    LegalDocument: URIRef  # A directive, resolution, decree, decision or similar normative document cited by an article.
    Meeting: URIRef  # A session or meeting of a body, such as a session of a Provincial Party Committee.
    MilitaryCommand: URIRef  # A military command, such as a provincial Military Command or border guard command.
    Ministry: URIRef  # A ministry or ministry-level agency of the national Government.
    NationalAssembly: URIRef  # The national legislature, or one of its committees and delegations.
    Observation: URIRef  # A figure an article reports for an indicator, such as 6.76% GRDP growth in the first nine months.
    PartyCentralBody: URIRef  # A leading body of the Party at national level: the Party Central Committee, the Politburo or the Secretariat.
    PartyCommittee: URIRef  # A Communist Party committee of a province, city, district or commune, or of a body such as a ministry.
    PeoplesCommittee: URIRef  # The executive body of local government at province, district or commune level.
    PeoplesCouncil: URIRef  # The elected local legislative body at province, district or commune level.
    PoliceDepartment: URIRef  # A public security (police) body, such as a provincial Police Department.
    Province: URIRef  # A province or centrally governed city, the first tier of local government.
    Reception: URIRef  # An official's reception of a visiting delegation or guest.
    Retirement: URIRef  # A person leaving a post on retirement.
    StandingBoard: URIRef  # The standing board (standing committee) of a Party committee or People's Council.
    StateBody: URIRef  # A State institution not covered by another class, such as the Office of the State President.
    Succession: URIRef  # A change of holder of one single-holder post, derived from the dates of articles attesting each holder.
    Target: URIRef  # A quantitative goal set for an indicator, such as GRDP growth of at least 7.5% in 2025.
    Transfer: URIRef  # The transfer (rotation or secondment) of a person from one post to another.
    Ward: URIRef  # An urban ward, the lowest tier of local government in cities.
    WorkingVisit: URIRef  # A working session or visit of one body's delegation with another body or locality.

    # owl:DatatypeProperty
    alternateUnit: URIRef  # The unit of gk:alternateValue ("USD million").
    alternateValue: URIRef  # The same amount of a target or observation as the text converts it, in gk:alternateUnit ("VND 885 billion (about USD 35 million)"): one fact, two values.
    anaphoricLabel: URIRef  # A bare word (such as "growth") that names this indicator only when no related indicator was just named.
    attestations: URIRef  # How many articles attest this holding.
    charEnd: URIRef  # Offset (exclusive, in Unicode code points) just after the evidence's last character in the cleaned article text.
    charStart: URIRef  # Offset (0-based, in Unicode code points) of the evidence's first character in the cleaned article text.
    comparator: URIRef  # How a target's value bounds the indicator: "atLeast", "moreThan", "equal", "atMost", "lessThan" or "about" (an approximate value: "about 9.5%").
    confidence: URIRef  # How far the corpus supports this holding (0-1): the extraction rule's reliability combined with the agreement of the attesting articles.
    content: URIRef  # The clause stating what is committed, requested, directed or proposed.
    contextCue: URIRef  # Words whose presence in a sentence lets this indicator's gk:contextLabel wordings name it there.
    contextLabel: URIRef  # A bare wording (such as "services") that names this indicator only in a sentence that also says one of its gk:contextCue words ("economic structure").
    dateBasis: URIRef  # How an article's date is known: "metadata", "text" (read from the article body) or "inferred".
    defaultUnit: URIRef  # The unit figures for this indicator concept are usually given in, such as "percent" or "VND billion".
    disputed: URIRef  # True when the holding's attestations are outweighed by many consistent attestations of another holder of the same one-holder post at the same dates; kept, shown, and left out of successions.
    docType: URIRef  # The type of a legal document as named in its title, such as "directive", "decree" or "resolution".
    endDate: URIRef  # End of a holding when an article states it explicitly (retired, transferred or dismissed on a date).
    estimated: URIRef  # True when an article reports the figure as an estimate.
    firstAttested: URIRef  # Date (as precise as known) of the earliest article attesting a holding.
    fixedLabel: URIRef  # The one full label of the single national body of this organisation type, such as "Politburo".
    kind: URIRef  # The kind of a commitment: "commitment", "request", "directive" or "proposal".
    labelTemplate: URIRef  # How the full label of a local body of this type is made, when not "{place} {Level} {label}": e.g. "{label} of {place}".
    lastAttested: URIRef  # Date (as precise as known) of the latest article attesting a holding.
    level: URIRef  # The tier of government an organisation belongs to: "national", "provincial", "district" or "commune".
    nameKey: URIRef  # ASCII-folded lower-case form of a person's name, used to match spellings across articles.
    notAfter: URIRef  # Latest date something (an undated article's publication, a leadership change) can have happened.
    notBefore: URIRef  # Earliest date something (an undated article's publication, a leadership change) can have happened.
    note: URIRef  # A human-readable explanation of a derived statement, such as why a conflict was raised.
    partyOnly: URIRef  # True for a kind of body only the Party has, so that "Provincial Internal Affairs Committee" names the provincial Party Committee's without the word "Party".
    period: URIRef  # The period a figure refers to, as written: an xsd:gYear or a string such as "2026/2030".
    periodEnd: URIRef  # Last day of the period a figure refers to.
    periodStart: URIRef  # First day of the period a figure refers to.
    quote: URIRef  # The sentence of the article that the evidence consists of, verbatim.
    rank: URIRef  # A number ordering roles by seniority (higher is more senior), used to sort posts for display.
    relativeTo: URIRef  # What a reported figure is measured against, as written ("plan", "same period last year").
    scope: URIRef  # How an organisation type's full labels are formed ("local", "sector", "national", "nested", "named"), or "national" for an indicator that belongs to the country.
    sector: URIRef  # A sector name under which the press also names this national body ("Central Commission for Inspection" = the Central Inspection Commission).
    sessionOrdinal: URIRef  # The ordinal of a session within a term (20 for "the 20th session").
    singleHolder: URIRef  # True when only one person holds the post at a time, so a new holder implies a succession. On an org:Post it is that post's (ontology/post_types.tsv: role and kind of body together); on an org:Role it is the default for posts of that role.
    startDate: URIRef  # Start of a holding when an article states it explicitly (elected or appointed on a date).
    status: URIRef  # How an article describes a holding: "current", "acting", "former" or "incoming".
    termOrdinal: URIRef  # The ordinal of the term of the body holding an event (14 for "the 14th Provincial Party Committee").
    tokenPattern: URIRef  # A spaCy Matcher token pattern (JSON) recognising phrasings of this indicator that labels cannot match.
    unit: URIRef  # The unit of a value, such as "percent" or "VND billion".
    value: URIRef  # The number of a target or observation, in its unit (the lower end for a range).
    valueMax: URIRef  # The upper end of a range (8 in "7-8%"); gk:value holds the lower end.

    # owl:ObjectProperty
    actor: URIRef  # The person, organisation or place that makes a commitment, request, directive or proposal.
    addressee: URIRef  # The person, organisation or place a request, directive or proposal is addressed to.
    appliesTo: URIRef  # The organisation, place or person whose performance a target or observation measures.
    chair: URIRef  # A person who chaired or co-chaired an event.
    defaultOrgType: URIRef  # The organisation type a bare title (such as "Minister") belongs to when the text names no organisation.
    disputedBy: URIRef  # The holding whose consistent attestations outweigh this one.
    disputedIn: URIRef  # An article whose attestation of this holding is outvoted by many consistent attestations of another holder of the same one-holder post.
    evidence: URIRef  # A passage supporting this statement; every extracted holding, event, target, observation and commitment has at least one.
    holder: URIRef  # One of the persons a conflict is about.
    inArticle: URIRef  # The article an evidence passage was quoted from.
    indicator: URIRef  # The indicator concept (from the indicators scheme) a target or observation measures.
    issuer: URIRef  # The organisation that issued a legal document.
    jurisdiction: URIRef  # The place an organisation governs or serves (a province for provincial bodies, the country for national ones).
    mentionedIn: URIRef  # An article that names this person, organisation or place.
    orgClass: URIRef  # The gk: subclass of org:Organization that organisations of this organisation type are typed with.
    orgType: URIRef  # The organisation-type concept (from the org-types scheme) an organisation belongs to.
    parentType: URIRef  # The organisation type of the body that organisations of this type sit in.
    planCompletionOf: URIRef  # Links the plan-completion variant of an indicator (the share of the plan, estimate or target reached: "131% of the estimate") to the indicator whose plan it is.
    post: URIRef  # The post (role in one organisation) a holding, succession, conflict or appointment concerns.
    predecessor: URIRef  # The person who held the post before the change.
    province: URIRef  # The province an article is about.
    rungOf: URIRef  # Puts a deputy role on the ladder of its head role (Vice Chairman -> Chairman). One person holds one rung of a body's ladder at a time, so taking one rung ends the other.
    setBy: URIRef  # The organisation, place or person that set a target.
    speaker: URIRef  # A person who spoke at an event.
    statedAt: URIRef  # The event at which a target was set or announced.
    subject: URIRef  # The person an appointment, election, transfer or retirement concerns.
    successor: URIRef  # The person who held the post after the change.
# END GENERATED GK TERMS


PREFIXES: dict[str, str] = {
    "gk": GK_NS,
    "gkr": GKR_NS,
    "org": str(ORG),
    "foaf": str(FOAF),
    "schema": str(SDO),
    "prov": str(PROV),
    "time": str(TIME),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "xsd": str(XSD),
}
"""The prefixes every govkg graph binds, in a fixed order (serialisations stay byte-stable)."""


def bind_prefixes(graph: Graph) -> Graph:
    """Bind govkg's standard prefixes on `graph` (replacing rdflib's defaults such as schema: http) and return it."""
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, Namespace(ns), override=True, replace=True)
    return graph


_DECLARING_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, RDF.Property)


def declared_terms(ttl_path: Path = ONTOLOGY_TTL) -> dict[str, tuple[str, str]]:
    """Local names of the gk: terms declared in `ttl_path`, mapped to (kind, one-line comment), sorted by name."""
    g = Graph()
    g.parse(ttl_path, format="turtle")
    terms: dict[str, tuple[str, str]] = {}
    for kind in _DECLARING_TYPES:
        for subject in g.subjects(RDF.type, kind):
            if isinstance(subject, URIRef) and str(subject).startswith(GK_NS):
                name = str(subject)[len(GK_NS) :]
                comment = " ".join(str(g.value(subject, RDFS.comment) or "").split())
                terms.setdefault(name, (g.qname(kind) if kind != RDF.Property else "rdf:Property", comment))
    return dict(sorted(terms.items()))


def render_gk_class(terms: dict[str, tuple[str, str]]) -> str:
    """The Python source of class GK for `terms` (as returned by declared_terms), grouped by kind."""
    lines = [
        "class GK(DefinedNamespace):",
        '    """govkg ontology terms, generated from ontology/govkg.ttl."""',
        "",
        "    _fail = True",
        f'    _NS = Namespace("{GK_NS}")',
    ]
    for kind in sorted({k for k, _ in terms.values()}):
        lines += ["", f"    # {kind}"]
        for name, (term_kind, comment) in terms.items():
            if term_kind == kind:
                lines.append(f"    {name}: URIRef  # {comment}" if comment else f"    {name}: URIRef")
    return "\n".join(lines) + "\n"


_BEGIN = "# BEGIN GENERATED GK TERMS (python -m ontology.namespaces --write)\n"
_END = "# END GENERATED GK TERMS\n"


def generated_block(source: str) -> str:
    """The text between the GENERATED markers of namespaces.py's `source`."""
    start = source.index(_BEGIN) + len(_BEGIN)
    return source[start : source.index(_END, start)]


def main(argv: list[str] | None = None) -> int:
    """Print class GK generated from govkg.ttl, or with --write rewrite it in this file; --check exits 1 if stale."""
    parser = argparse.ArgumentParser(prog="python -m ontology.namespaces", description=main.__doc__)
    parser.add_argument("--ttl", type=Path, default=ONTOLOGY_TTL, help="ontology file (default: %(default)s)")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--write", action="store_true", help="rewrite the generated block of namespaces.py")
    mode.add_argument("--check", action="store_true", help="exit 1 if namespaces.py is out of date")
    args = parser.parse_args(argv)
    rendered = render_gk_class(declared_terms(args.ttl))
    this_file = Path(__file__)
    source = this_file.read_text(encoding="utf-8")
    current = generated_block(source)
    if args.check:
        if current != rendered:
            print(f"{this_file}: class GK is out of date with {args.ttl}; run python -m ontology.namespaces --write")
            return 1
        return 0
    if args.write:
        if current != rendered:
            this_file.write_text(source.replace(_BEGIN + current + _END, _BEGIN + rendered + _END), encoding="utf-8")
            print(f"{this_file}: rewrote class GK ({len(declared_terms(args.ttl))} terms)")
        return 0
    sys.stdout.write(rendered)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
