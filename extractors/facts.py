"""The seam between extraction and graph: typed, frozen facts, each carrying its Evidence.

Extractors yield these; graph code turns them into RDF without ever re-reading the text.
References (PersonRef, OrgRef, PlaceRef) hold canonical labels and keys, not IRIs:
minting IRIs is the graph's job.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Union


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a fact was read: article id, char offsets into Article.text, and the sentence.

    prefix/suffix are the few characters of Article.text just before and after the quote (None when the
    maker did not know the text), so the graph can anchor a W3C Web Annotation TextQuoteSelector without
    re-reading the text; they do not take part in equality, so a fact is the same fact with or without them.
    """

    article_id: str
    start: int
    end: int
    quote: str
    prefix: str | None = field(default=None, compare=False)
    suffix: str | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class DateValue:
    """A date as precise as known ("2024-07-05", "2024-07" or "2024") with ISO bounds."""

    value: str
    earliest: str
    latest: str

    @property
    def precision(self) -> str:
        return {10: "day", 7: "month", 4: "year"}[len(self.value)]


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned article: text is what evidence offsets point into."""

    id: str
    path: str
    text: str
    title: str = ""
    url: str | None = None
    site_name: str | None = None
    published: DateValue | None = None
    date_basis: str = "inferred"  # "metadata", "text" or "inferred"
    province: str | None = None  # canonical place label, e.g. "Điện Biên"
    province_basis: str | None = None  # "metadata" or "inferred"
    body_start: int = 0  # offset where the body starts (after the title line)
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PersonRef:
    name: str  # as written, NFC, without honorifics or ranks
    key: str  # ASCII-folded lower-case key, e.g. "tran quoc cuong"


@dataclass(frozen=True, slots=True)
class PlaceRef:
    label: str  # canonical label, e.g. "Điện Biên"
    kind: str = "province"  # province, city, district, commune, ward, country
    parent: str | None = None  # label of the province a smaller place is in


@dataclass(frozen=True, slots=True)
class OrgRef:
    label: str  # full self-explaining label, e.g. "Điện Biên Provincial Party Committee"
    org_type: str  # org-type concept id from ontology/org_types.ttl, e.g. "party-committee"
    jurisdiction: PlaceRef | None = None
    parent: OrgRef | None = None


Agent = Union[PersonRef, OrgRef, PlaceRef]


@dataclass(frozen=True, slots=True)
class Holding:
    """Person holds role in organisation, as stated by one sentence."""

    person: PersonRef
    role: str  # role concept id from ontology/roles.ttl, e.g. "secretary"
    org: OrgRef
    evidence: Evidence
    status: str = "current"  # current, acting, former, incoming
    start: DateValue | None = None  # explicitly stated start (elected/appointed on ...)
    end: DateValue | None = None  # explicitly stated end (retired, transferred on ...)


@dataclass(frozen=True, slots=True)
class Authorship:
    person: PersonRef
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class OrgMention:
    """An organisation named in the text (for the list of organisations and their nesting)."""

    org: OrgRef
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class Event:
    kind: str  # meeting, working-visit, field-visit, conference, appointment, election, ...
    label: str
    key: str  # canonical key the graph mints the IRI from
    evidence: tuple[Evidence, ...]
    date: DateValue | None = None
    location: PlaceRef | None = None
    organizer: OrgRef | None = None
    chairs: tuple[PersonRef, ...] = ()
    speakers: tuple[PersonRef, ...] = ()
    attendees: tuple[PersonRef, ...] = ()
    # for appointment-like events: the person and post concerned
    subject: PersonRef | None = None
    role: str | None = None
    org: OrgRef | None = None


@dataclass(frozen=True, slots=True)
class Period:
    """A period as written: "2025", "2026/2030", "2025-01/2025-09"; start/end as ISO dates."""

    value: str
    start: str
    end: str


@dataclass(frozen=True, slots=True)
class Target:
    indicator: str  # indicator concept id from ontology/indicators.ttl, or a minted one
    indicator_label: str
    comparator: str  # atLeast, moreThan, equal, atMost, lessThan, about
    value: Decimal
    unit: str  # percent, VND billion, ...
    evidence: Evidence
    period: Period | None = None
    value_max: Decimal | None = None  # upper end of a range ("7-8%")
    applies_to: Agent | None = None
    set_by: Agent | None = None
    stated_at: str | None = None  # Event.key
    alternate_value: Decimal | None = None  # the same amount as converted in the text ("(about USD 35 million)")
    alternate_unit: str | None = None
    warning: str | None = None  # a problem with the statement worth a line in report.json (a contradicting conversion)


@dataclass(frozen=True, slots=True)
class Observation:
    indicator: str
    indicator_label: str
    value: Decimal
    unit: str
    evidence: Evidence
    period: Period | None = None
    estimated: bool = False
    applies_to: Agent | None = None
    relative_to: str | None = None  # "plan", "same period last year", ...
    alternate_value: Decimal | None = None  # the same amount as converted in the text ("(about USD 35 million)")
    alternate_unit: str | None = None
    warning: str | None = None  # a problem with the statement worth a line in report.json (a contradicting conversion)


@dataclass(frozen=True, slots=True)
class Commitment:
    kind: str  # commitment, request, directive, proposal
    actor: Agent
    content: str
    evidence: Evidence
    addressee: Agent | None = None


@dataclass(frozen=True, slots=True)
class Document:
    label: str  # "Directive No. 35-CT/TW"
    doc_type: str  # directive, decree, resolution, decision, ...
    number: str
    evidence: Evidence
    date: DateValue | None = None
    issuer: OrgRef | None = None


Fact = Union[Holding, Authorship, OrgMention, Event, Target, Observation, Commitment, Document]


@dataclass(frozen=True, slots=True)
class ArticleFacts:
    """Everything one article yields: the article itself and its facts, in extraction order."""

    article: Article
    facts: tuple[Fact, ...] = field(default_factory=tuple)


def org_chain(org: OrgRef | None) -> list[OrgRef]:
    """The organisation and the bodies it sits in, innermost first."""
    chain = []
    while org is not None:
        chain.append(org)
        org = org.parent
    return chain


def swap_place(obj, old: PlaceRef, new: PlaceRef):
    """obj (a fact, a reference, a post, or a tuple of them) with the place `old`, and its name in labels, replaced
    by `new`: how a body first read against one province is moved to another."""
    from dataclasses import fields, is_dataclass, replace  # noqa: PLC0415

    if obj == old:
        return new
    if isinstance(obj, tuple):
        return tuple(swap_place(x, old, new) for x in obj)
    if isinstance(obj, OrgRef):
        return replace(obj, label=obj.label.replace(old.label, new.label), jurisdiction=swap_place(obj.jurisdiction, old, new),
                       parent=swap_place(obj.parent, old, new))
    if is_dataclass(obj) and not isinstance(obj, type):
        changes = {f.name: swap_place(getattr(obj, f.name), old, new) for f in fields(obj)}
        changes = {k: v for k, v in changes.items() if v is not getattr(obj, k)}
        return replace(obj, **changes) if changes else obj
    return obj
