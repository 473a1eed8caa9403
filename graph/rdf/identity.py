"""Deterministic IRIs for everything the graph mints, per the govkg IRI conventions.

Every IRI is a pure function of a canonical key (a name key, a label, an article id and offsets), so the
same facts always give the same graph and the same entity read in two articles becomes one node.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from decimal import Decimal
from urllib.parse import quote

from rdflib import URIRef

from extractors.facts import (
    Document,
    Event,
    Evidence,
    Observation,
    OrgRef,
    Period,
    PersonRef,
    PlaceRef,
    Target,
)
from extractors.places import fold
from ontology.namespaces import GKR_NS

__all__ = [
    "DERIVED_GRAPH",
    "VOCAB_GRAPH",
    "agent_iri",
    "article_graph_iri",
    "article_iri",
    "commitment_iri",
    "conflict_iri",
    "document_iri",
    "event_iri",
    "evidence_iri",
    "holding_iri",
    "indicator_iri",
    "interval_iri",
    "observation_iri",
    "org_iri",
    "org_type_iri",
    "person_iri",
    "person_key",
    "place_iri",
    "post_iri",
    "post_label",
    "role_iri",
    "slug",
    "succession_iri",
    "target_iri",
]

_NON_ALNUM = re.compile(r"[^a-z0-9]+")

DERIVED_GRAPH = URIRef(GKR_NS + "graph/derived")
"""Named graph of statements derived across articles: tenures, successions, conflicts."""
VOCAB_GRAPH = URIRef(GKR_NS + "graph/vocabulary")
"""Named graph of the SKOS schemes (roles, organisation types, indicators)."""


def slug(text: str) -> str:
    """IRI path segment for `text`: NFC, ASCII-folded (đ -> d), lower-case, runs of other characters -> "-".

    Text that folds to nothing (emoji, CJK without transliteration) gets "u-" plus a hash of its NFC form,
    so distinct labels never share an IRI by vanishing. Raises ValueError on blank text.
    """
    nfc = unicodedata.normalize("NFC", text)
    if not nfc.strip():
        raise ValueError(f"cannot mint an IRI segment from blank text {text!r}")
    out = _NON_ALNUM.sub("-", fold(nfc)).strip("-")
    if not out:
        out = "u-" + hashlib.sha1(nfc.encode("utf-8")).hexdigest()[:12]
    # the regex leaves only [a-z0-9-]; quoting is a guard that keeps the segment a valid IRI path segment
    return quote(out, safe="-")


def _id_segment(identifier: str) -> str:
    """An identifier that is already IRI-safe by construction (article ids, role ids), percent-encoded if not."""
    if not identifier:
        raise ValueError("cannot mint an IRI from an empty identifier")
    return quote(unicodedata.normalize("NFC", identifier), safe="-._~")


def _gkr(path: str) -> URIRef:
    return URIRef(GKR_NS + path)


def article_iri(article_id: str) -> URIRef:
    return _gkr(f"article/{_id_segment(article_id)}")


def article_graph_iri(article_id: str) -> URIRef:
    """The named graph holding the facts of one article."""
    return _gkr(f"graph/article/{_id_segment(article_id)}")


def person_key(person: PersonRef) -> str:
    """The slug a person is identified by: the ASCII name key (falls back to the name itself)."""
    return slug(person.key or person.name)


def person_iri(person: PersonRef) -> URIRef:
    return _gkr(f"person/{person_key(person)}")


def org_iri(org: OrgRef) -> URIRef:
    return _gkr(f"org/{slug(org.label)}")


def place_iri(place: PlaceRef) -> URIRef:
    return _gkr(f"place/{slug(place.label)}")


def agent_iri(agent: PersonRef | OrgRef | PlaceRef) -> URIRef:
    """IRI of a person, organisation or place reference, whichever it is."""
    if isinstance(agent, PersonRef):
        return person_iri(agent)
    if isinstance(agent, OrgRef):
        return org_iri(agent)
    if isinstance(agent, PlaceRef):
        return place_iri(agent)
    raise TypeError(f"not an agent reference: {agent!r}")


def role_iri(role_id: str) -> URIRef:
    return _gkr(f"role/{_id_segment(role_id)}")


def org_type_iri(org_type_id: str) -> URIRef:
    return _gkr(f"org-type/{_id_segment(org_type_id)}")


def indicator_iri(indicator_id: str) -> URIRef:
    return _gkr(f"indicator/{slug(indicator_id)}")


def _post_part(role_id: str, org: OrgRef) -> str:
    return f"{_id_segment(role_id)}/{slug(org.label)}"


def post_iri(role_id: str, org: OrgRef) -> URIRef:
    """The post: one role in one organisation (gkr:post/{role-id}/{org-slug})."""
    return _gkr(f"post/{_post_part(role_id, org)}")


def holding_iri(person: PersonRef, role_id: str, org: OrgRef) -> URIRef:
    """One person's holding of one post, shared by every article attesting it."""
    return _gkr(f"holding/{person_key(person)}/{_post_part(role_id, org)}")


def interval_iri(holding: URIRef, part: str | None = None) -> URIRef:
    """The tenure interval of a holding ({holding}/during), or its "begin"/"end" instant."""
    base = f"{holding}/during"
    if part is None:
        return URIRef(base)
    if part not in ("begin", "end"):
        raise ValueError(f"interval part must be 'begin' or 'end', not {part!r}")
    return URIRef(f"{base}/{part}")


def succession_iri(role_id: str, org: OrgRef, predecessor: PersonRef, successor: PersonRef) -> URIRef:
    return _gkr(f"succession/{_post_part(role_id, org)}/{person_key(predecessor)}/{person_key(successor)}")


def conflict_iri(role_id: str, org: OrgRef, a: PersonRef, b: PersonRef) -> URIRef:
    """A conflict between two holders of one post; the pair is sorted so (a, b) and (b, a) agree."""
    first, second = sorted((person_key(a), person_key(b)))
    return _gkr(f"conflict/{_post_part(role_id, org)}/{first}/{second}")


def event_iri(event: Event | str) -> URIRef:
    """gkr:event/{key-slug}, from an Event or an event key (as Target.stated_at holds)."""
    key = event if isinstance(event, str) else (event.key or event.label)
    return _gkr(f"event/{slug(key)}")


def _number(value: Decimal) -> str:
    """A decimal without exponent or trailing zeros ("10.50" -> "10.5", "1E+1" -> "10")."""
    return format(value.normalize(), "f")


def _agent_part(agent: PersonRef | OrgRef | PlaceRef | None) -> str:
    if agent is None:
        return "unscoped"
    if isinstance(agent, PersonRef):
        return agent.key or agent.name
    return agent.label


def _period_part(period: Period | None) -> str:
    return period.value if period is not None else "undated"


def target_iri(target: Target) -> URIRef:
    """gkr:target/{key}: who it applies to, indicator, period, comparator, value(s), unit.

    The same target restated by a second article gets the same IRI (and a second evidence).
    """
    parts = [
        _agent_part(target.applies_to),
        target.indicator,
        _period_part(target.period),
        target.comparator,
        _number(target.value),
    ]
    if target.value_max is not None:
        parts += ["to", _number(target.value_max)]
    parts.append(target.unit)
    return _gkr(f"target/{slug(' '.join(parts))}")


def observation_iri(observation: Observation) -> URIRef:
    """gkr:observation/{key}: who it applies to, indicator, period, value, unit."""
    parts = [
        _agent_part(observation.applies_to),
        observation.indicator,
        _period_part(observation.period),
        _number(observation.value),
        observation.unit,
    ]
    return _gkr(f"observation/{slug(' '.join(parts))}")


def commitment_iri(article_id: str, n: int) -> URIRef:
    """The n-th (1-based) commitment of an article, in extraction order."""
    if n < 1:
        raise ValueError(f"commitment ordinal must be >= 1, got {n}")
    return _gkr(f"commitment/{_id_segment(article_id)}/{n}")


def document_iri(document: Document) -> URIRef:
    return _gkr(f"document/{slug(document.label)}")


def evidence_iri(evidence: Evidence) -> URIRef:
    return _gkr(f"evidence/{_id_segment(evidence.article_id)}/{evidence.start}-{evidence.end}")


def post_label(role_label: str, org: OrgRef | str) -> str:
    """Readable post name: "Secretary of the Điện Biên Provincial Party Committee", "Minister of Finance".

    A minister's post in a "Ministry of X" reads "Minister of X"; labels already starting with "the" keep it.
    """
    label = unicodedata.normalize("NFC", org.label if isinstance(org, OrgRef) else org).strip()
    role = role_label.strip()
    if label.startswith("Ministry of ") and role.endswith("Minister"):
        return f"{role} of {label[len('Ministry of '):]}"
    if label.lower().startswith("the "):
        return f"{role} of {label}"
    return f"{role} of the {label}"
