"""Quantitative targets (gk:Target) and reported figures (gk:Observation) read from a parsed article.

extract_targets(doc) walks the sentences (split further at line breaks, so a fact never spans paragraphs) and,
for every figure numbers.find_quantities() finds, decides:
  indicator   the concept named next to the figure ("55% forest coverage", "5.5 million visitors") or the nearest
              one named before it in the sentence ("GRDP growth ... was estimated at 6.76%"); surface forms come from
              ontology/indicators.ttl (PhraseMatcher on lower-case tokens + Matcher token patterns); the figure's
              unit picks among concepts sharing a surface form; "growth" alone refers back to a related growth
              concept named earlier in the paragraph; a money figure with no concept but an allocation verb gets an
              indicator minted from its source and purpose ("central budget allocation for schools for border
              communes"). A figure with no indicator yields nothing.
  kind        the nearest cue before the figure: aims, goals, modals and to-infinitives make a Target; past tenses
              ("reached", "was estimated at", "has allocated") make an Observation; no cue, a hypothetical ("if",
              "would") or a failure ("failed to reach") yields nothing.
  comparator  "at least"/"minimum"/"or more"/"double-digit" -> atLeast, "over"/"more than"/"exceed" -> moreThan,
              "at most"/"no more than"/"up to" -> atMost, "under"/"below"/"less than" -> lessThan,
              "about"/"around"/"approximately" -> about, else equal.
  plan share  "X% of the plan/estimate/target" is the indicator's "<label> rate" concept when the vocabulary has one,
              else its plan-completion variant ("<id>-plan-completion", "<label> plan completion rate").
  period      the nearest period expression between the neighbouring figures, else the nearest one before the figure,
              else the period of the previous sentence of the same paragraph, else (observations only) the last
              year-to-date reporting period stated earlier in the article ("in the first 9 months of 2025"), else
              (targets only) the article year; "X% in Q1, followed by Y%, Z%" gives the next quarters in turn. The year
              of that reporting period also dates year-less days later on ("by September 24").
  applies_to  a place named as beneficiary ("for Điện Biên", "to Điện Biên") or possessor ("Điện Biên's"), the
              country for national indicators, else the article's province.
Facts from the title line are kept only when the body does not state the same figure again.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cache
from pathlib import Path

import rdflib
import spacy
from rdflib.namespace import SKOS
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from ontology.namespaces import GK

from .facts import Article, Evidence, Observation, Period, PlaceRef, Target
from .evidence import span_evidence
from .nlp import doc_text, ents_within
from .numbers import Quantity, find_quantities
from .periods import PeriodMention, find_periods, months_period, year_period

from .places import fold, lookup_place


INDICATORS_TTL = Path(__file__).resolve().parent.parent / "ontology" / "indicators.ttl"
INDICATOR_NS = "https://w3id.org/govkg/id/indicator/"
ALLOCATION_CONCEPT = "budget-allocation"
COUNTRY = "Vietnam"


class IndicatorVocabularyError(ValueError):
    """ontology/indicators.ttl is missing or malformed (the message names the file and the concept)."""


# --- the vocabulary ----------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class IndicatorDef:
    """One concept of ontology/indicators.ttl, as the matchers and the unit check need it."""

    id: str
    label: str
    alt_labels: tuple[str, ...]
    unit: str
    scope: str | None
    related: tuple[str, ...]
    broader: tuple[str, ...]
    anaphoric: tuple[str, ...]
    patterns: tuple[tuple[dict, ...], ...]
    context: tuple[str, ...] = ()  # gk:contextLabel: wordings that name it only in a sentence with one of its cues
    cues: tuple[str, ...] = ()  # gk:contextCue

    @property
    def unit_kind(self) -> str:
        return unit_kind(self.unit)


def unit_kind(unit: str) -> str:
    """percent, points, money or count:<noun> — which figures may attach to an indicator."""
    if unit == "percent":
        return "percent"
    if unit == "percentage points":
        return "points"
    if unit.split()[0] in ("VND", "USD", "EUR"):
        return "money"
    return f"count:{unit}"


def _local(node: rdflib.term.Node) -> str:
    text = str(node)
    if not text.startswith(INDICATOR_NS):
        raise IndicatorVocabularyError(f"{INDICATORS_TTL}: {text} is not an indicator IRI ({INDICATOR_NS}...)")
    return text[len(INDICATOR_NS) :]


@cache
def indicators() -> dict[str, IndicatorDef]:
    """All indicator concepts of ontology/indicators.ttl by id, read once."""
    try:
        g = rdflib.Graph().parse(INDICATORS_TTL, format="turtle")
    except FileNotFoundError as exc:
        raise IndicatorVocabularyError(f"{INDICATORS_TTL}: file missing") from exc
    result = {}
    for concept in sorted(set(g.subjects(SKOS.inScheme, None)), key=str):
        cid = _local(concept)
        label = g.value(concept, SKOS.prefLabel)
        unit = g.value(concept, GK.defaultUnit)
        if label is None or unit is None:
            raise IndicatorVocabularyError(f"{INDICATORS_TTL}: {cid} needs skos:prefLabel and gk:defaultUnit")
        patterns = []
        for raw in sorted(str(p) for p in g.objects(concept, GK.tokenPattern)):
            try:
                pattern = json.loads(raw)
            except json.JSONDecodeError as exc:
                raise IndicatorVocabularyError(f"{INDICATORS_TTL}: {cid} has a gk:tokenPattern that is not JSON: {exc}") from exc
            patterns.append(tuple(pattern))
        result[cid] = IndicatorDef(
            id=cid,
            label=str(label),
            alt_labels=tuple(sorted(str(a) for a in g.objects(concept, SKOS.altLabel))),
            unit=str(unit),
            scope=str(g.value(concept, GK.scope)) if g.value(concept, GK.scope) is not None else None,
            related=tuple(sorted(_local(r) for r in g.objects(concept, SKOS.related))),
            broader=tuple(sorted(_local(b) for b in g.objects(concept, SKOS.broader))),
            anaphoric=tuple(sorted(str(a) for a in g.objects(concept, GK.anaphoricLabel))),
            patterns=tuple(patterns),
            context=tuple(sorted(str(a) for a in g.objects(concept, GK.contextLabel))),
            cues=tuple(sorted(str(a).lower() for a in g.objects(concept, GK.contextCue))),
        )
        if bool(result[cid].context) != bool(result[cid].cues):
            raise IndicatorVocabularyError(f"{INDICATORS_TTL}: {cid} needs both gk:contextLabel and gk:contextCue")
    if not result:
        raise IndicatorVocabularyError(f"{INDICATORS_TTL}: no concepts in the indicators scheme")
    return result


@dataclass(frozen=True, slots=True)
class _Matchers:
    phrases: PhraseMatcher
    tokens: Matcher
    forms: dict[str, tuple[str, ...]]  # match key -> concept ids


_MATCHERS: dict[int, tuple[Vocab, _Matchers]] = {}


def _matchers(vocab: Vocab) -> _Matchers:
    """Matchers for one vocabulary (one pipeline), built once from ontology/indicators.ttl."""
    cached = _MATCHERS.get(id(vocab))
    if cached is not None and cached[0] is vocab:
        return cached[1]
    make_doc = spacy.blank("en", vocab=vocab).make_doc
    phrases = PhraseMatcher(vocab, attr="LOWER")
    tokens = Matcher(vocab)
    forms: dict[str, list[str]] = {}
    for cid, ind in indicators().items():
        for form in (ind.label, *ind.alt_labels):
            forms.setdefault(f"form:{form.lower()}", []).append(cid)
        for form in ind.anaphoric:
            forms.setdefault(f"anaphor:{form.lower()}", []).append(cid)
        for form in ind.context:
            forms.setdefault(f"context:{form.lower()}", []).append(cid)
        if ind.patterns:
            forms[f"pattern:{cid}"] = [cid]
            tokens.add(f"pattern:{cid}", [list(p) for p in ind.patterns])
    for key in sorted(forms):
        if not key.startswith("pattern:"):
            phrases.add(key, [make_doc(key.split(":", 1)[1])])
    built = _Matchers(phrases, tokens, {k: tuple(v) for k, v in forms.items()})
    _MATCHERS[id(vocab)] = (vocab, built)
    return built


@dataclass(frozen=True, slots=True)
class Mention:
    start: int  # char offsets in the article text
    end: int
    ids: tuple[str, ...]
    anaphoric: bool
    token: int  # index of the first token


def find_mentions(doc: Doc) -> list[Mention]:
    """Indicator mentions in the doc, longest first where they overlap, in text order."""
    m = _matchers(doc.vocab)
    spans = []
    for match_id, start, end in [*m.phrases(doc), *m.tokens(doc)]:
        key = doc.vocab.strings[match_id]
        spans.append((doc[start:end], key))
    spans.sort(key=lambda s: (-(s[0].end_char - s[0].start_char), s[1].startswith("anaphor:"), s[0].start))
    taken: set[int] = set()
    result = []
    for span, key in spans:
        while len(span) > 1 and key.startswith("pattern:") and (span[0].is_punct or span[0].pos_ in ("CCONJ", "SCONJ", "DET")):
            span = span[1:]  # ", services increased": the connective a pattern needs is not part of the mention
        if any(i in taken for i in range(span.start, span.end)):
            continue
        if key.startswith("context:") and not _context_holds(span, m.forms[key]):
            continue  # "services 50.3%" is the services share only where the sentence is about the economy's structure
        taken.update(range(span.start, span.end))
        abbr = _ABBR_AFTER.match(doc.text, span.end_char)  # "growth rate of gross regional domestic product (GRDP)"
        inside = doc.char_span(span.end_char, abbr.end(), alignment_mode="expand") if abbr else None
        if inside is not None:
            taken.update(range(inside.start, inside.end))  # the abbreviation is not a mention of its own
        result.append(Mention(span.start_char, abbr.end() if abbr else span.end_char, m.forms[key],
                              key.startswith("anaphor:"), span.start))
    return sorted(result, key=lambda x: x.start)


def _context_holds(span: Span, ids: tuple[str, ...]) -> bool:
    """Whether the sentence of a context wording says a cue of one of the concepts it names (gk:contextCue)."""
    sentence = span.sent.text.lower()
    return any(cue in sentence for cid in ids for cue in indicators()[cid].cues)


_ABBR_AFTER = re.compile(r"\s*\([A-Z][A-Za-z]{1,7}\)")


# --- cues ----------------------------------------------------------------------------------------------------

TARGET_LEMMAS = {"aim", "strive", "target", "goal", "objective", "set", "plan", "ensure", "must", "should", "need",
                 "will", "shall", "seek", "determine", "endeavour", "endeavor", "assign", "commit", "require",
                 "strife", "aspire", "envisage", "orient", "propose"}
TARGET_NOUNS = {"target", "targets", "goal", "goals", "objective", "objectives", "quota"}
NEUTRAL_LEMMAS = {"be", "have", "do", "say", "add", "report", "state", "note", "emphasize", "emphasise", "stress"}
ESTIMATE_WORDS = {"estimated", "estimate", "estimates", "expected", "forecast", "forecasted", "projected", "preliminary"}
HYPOTHETICAL = {"if", "unless", "would", "could", "might", "whether"}
ALLOCATION_LEMMAS = {"allocate", "allocation", "provide", "grant", "earmark", "transfer", "spend", "assign",
                     "fund", "disburse", "invest", "support", "approve"}


def _classify(sent: Span, q_start: int) -> tuple[str | None, bool]:
    """("target" | "observation" | "hedged" | None, estimated) from the nearest cue before the figure at q_start;
    "hedged" is a hypothetical ("if", "would") or a failure ("failed to reach"), None a figure with no cue."""
    tokens = [t for t in sent if t.idx + len(t) <= q_start]
    estimated = _estimated(tokens)
    if any(t.lower_ in HYPOTHETICAL for t in tokens[-25:]):
        return "hedged", estimated
    if any(t.lemma_.lower() == "fail" or t.dep_ == "neg" for t in tokens[-15:]):
        return "hedged", estimated
    if _names_a_target(sent, q_start):
        return "target", estimated
    for i in range(len(tokens) - 1, -1, -1):
        t = tokens[i]
        if t.lower_ in ESTIMATE_WORDS and t.dep_ in ("amod", "compound"):
            return "observation", True  # "will develop ..., with an estimated GRDP growth of 6.01%": a reported estimate
        if t.dep_ in ("amod", "compound") and t.tag_ in ("VBN", "VBD", "JJ"):
            continue  # "trained labour rate", "the assigned plan": adjectives, not what the sentence does
        if t.dep_ == "acl" and t.tag_ == "VBN":
            continue  # "the capital plan assigned by the Prime Minister is ...": a participle describing a noun
        if t.lemma_.lower() == "follow" and i + 1 < len(tokens) and tokens[i + 1].lower_ == "by":
            continue  # "11% in the first quarter, followed by 11.8%": a list goes on, nothing new is said
        lemma, lower = t.lemma_.lower(), t.lower_
        if lower in ("up", "down") and i >= len(tokens) - 2:
            return "observation", estimated
        if lower in ("account", "accounts", "accounted", "accounting") and i + 1 < len(tokens) and \
                tokens[i + 1].lower_ == "for":
            return "observation", estimated  # "services account for 39%": a share as it stands (often tagged a noun)
        if lower in TARGET_NOUNS or lemma in TARGET_LEMMAS or lower.rstrip("s") in TARGET_LEMMAS:
            if lemma == "set" and t.tag_ in ("VBD", "VBN") and any(c.dep_ == "prt" for c in t.children):
                return "observation", estimated  # "enterprises were set up": founded, not a target set
            if t.pos_ == "NOUN" and lower not in TARGET_NOUNS:
                continue  # "the plan", "the set scenario": nouns other than target/goal do not set anything
            return "target", estimated
        if t.tag_ == "MD":
            return "target", estimated
        if t.tag_ == "VB" and lemma not in NEUTRAL_LEMMAS:
            before = [x for x in tokens[max(0, i - 3) : i]]
            if before and before[-1].lower_ == "to" and any(x.lower_ in ESTIMATE_WORDS for x in before):
                return "observation", True  # "is expected to reach", "is estimated to hit"
            return "target", estimated
        if t.tag_ in ("VBD", "VBN") and lemma not in NEUTRAL_LEMMAS - {"be"}:
            if t.tag_ == "VBN" and any(c.tag_ == "MD" for c in t.children):
                return "target", estimated  # "must be kept under 0.5%": a passive under a modal sets a bound
            return "observation", estimated
    return _classify_head(sent, q_start), estimated


def _estimated(tokens: list) -> bool:
    """An estimate word before the figure, within its clause: the search stops at ";" and at a past-tense verb that
    states something else ("GRDP is estimated at X; revenue reached Y": Y is reported, not estimated). "The year's
    estimate" (the budget estimate, a noun) is no estimation."""
    for i in range(len(tokens) - 1, -1, -1):
        t = tokens[i]
        if t.text == ";":
            return False
        if t.lower_ in ESTIMATE_WORDS:
            if t.pos_ == "NOUN" and t.lower_ in ("estimate", "estimates"):
                continue
            return True
        if t.tag_ in ("VBD", "VBN") and t.dep_ not in ("amod", "compound", "acl") and t.lemma_.lower() not in NEUTRAL_LEMMAS:
            if i >= 2 and tokens[i - 1].lower_ == "have" and tokens[i - 2].lower_ == "to":
                continue  # "is estimated to have reached"
            earlier = [x.lower_ for x in tokens[:i]]
            subject_estimated = any(c.dep_ == "amod" and c.lower_ in ESTIMATE_WORDS for s in t.children
                                    if s.dep_ in ("nsubj", "nsubjpass") for c in s.children)  # "the estimated X reached"
            return subject_estimated or any(w in ESTIMATE_WORDS and nxt == "that" for w, nxt in zip(earlier, earlier[1:]))
    return False


def _names_a_target(sent: Span, q_start: int) -> bool:
    """The figure qualifies a target noun: "the 8% growth target", "a double-digit economic growth goal"."""
    after = [t for t in sent if t.idx >= q_start]
    skipping = True  # the figure's own tokens ("10", "%", "double", "-", "digit")
    for t in after[:10]:
        if skipping and (t.like_num or t.text in ("%", "-", "per", "cent", "percent") or t.lower_ in ("double", "digit")):
            continue
        skipping = False
        if t.lower_ in TARGET_NOUNS:
            return True
        if t.pos_ not in ("NOUN", "PROPN", "ADJ") and t.text != "-":
            return False
    return False


def _classify_head(sent: Span, q_start: int) -> str | None:
    """When no cue precedes a figure that is the subject ("60 communes must meet ..."), its governing verb decides."""
    first = next((t for t in sent if t.idx >= q_start), None)
    if first is None:
        return None
    for head in first.ancestors:
        if head.pos_ in ("VERB", "AUX"):
            set_up = head.lemma_.lower() == "set" and any(c.dep_ == "prt" for c in head.children)  # founded, not set
            if head.tag_ in ("VB", "MD") or any(c.tag_ == "MD" for c in head.children) or (
                    head.lemma_.lower() in TARGET_LEMMAS and not set_up):
                return "target"
            if head.tag_ in ("VBD", "VBN"):
                return "observation"
            return None
    return None


_COMPARATORS = [
    ("atLeast", r"at\s+least|no\s+less\s+than|not\s+less\s+than|not\s+lower\s+than|not\s+below|a\s+minimum\s+of|minimum|at\s+minimum"),
    ("atMost", r"at\s+most|no\s+more\s+than|not\s+more\s+than|not\s+exceeding|not\s+to\s+exceed|not\s+exceed|no\s+higher\s+than"
               r"|not\s+higher\s+than|a\s+maximum\s+of|maximum|up\s+to"),
    ("moreThan", r"more\s+than|over|above|exceed(?:s|ing)?|higher\s+than|surpass(?:es|ing)?|in\s+excess\s+of|beyond|greater\s+than"),
    ("lessThan", r"less\s+than|fewer\s+than|under|below|lower\s+than"),
    ("about", r"about|around|approximately|roughly|some"),
]
_COMPARATOR_RE = re.compile(r"(?i)\b(?:" + "|".join(f"(?P<{n}>{p})" for n, p in _COMPARATORS) + r")\b")
_FILLER = re.compile(r"(?i)^(?:\s+|of|to|at|by|the|a|an|reach|reaching|achieve|achieving|be|is|hit|attain)*$")
_AFTER_AT_LEAST = re.compile(r"(?i)^\s*(?:or\s+(?:more|higher|above|over|greater)|and\s+(?:above|over|higher)|\+)")
_AFTER_AT_MOST = re.compile(r"(?i)^\s*or\s+(?:less|lower|below|under|fewer)")


def _comparator(text: str, q: Quantity, bridge_start: int, mention_start: int | None) -> str:
    """The comparator written around a figure (text is the article text; offsets absolute)."""
    if q.comparator:
        return q.comparator
    after = text[q.end : q.end + 20]
    if _AFTER_AT_LEAST.match(after):
        return "atLeast"
    if _AFTER_AT_MOST.match(after):
        return "atMost"
    bridge = text[bridge_start : q.start]
    last = None
    for m in _COMPARATOR_RE.finditer(bridge):
        last = m
    if last is not None and _FILLER.match(bridge[last.end() :]):
        return last.lastgroup or "equal"
    if mention_start is not None:
        before = text[max(0, mention_start - 25) : mention_start]
        m = re.search(r"(?i)\b(minimum|at\s+least|maximum|at\s+most)\s+(?:of\s+)?$", before)
        if m:
            return "atLeast" if m.group(1).lower() in ("minimum", "at least") else "atMost"
    return "equal"


_RELATIVE_PLAN = re.compile(
    r"(?i)^\s*of\s+(?:the\s+|its\s+)?(?:(?:yearly|annual|assigned|approved|whole-year|full-year|year's|\d{4}|capital|investment|"
    r"disbursement|budget|set|adjusted|provincial|government's|central|local|state|total|same)\s+)*"
    r"(?P<rel>plan|plans|target|targets|estimate|estimates|period)\b")
_RELATIVE_YOY = re.compile(r"(?i)^\s*(?:(?:year-on-year|y-o-y|yoy|on-year)\b|(?:over|compared\s+(?:with|to)|against|from)\s+"
                           r"(?:the\s+)?(?:same\s+period|previous\s+year|last\s+year|a\s+year\s+earlier|\d{4}))")
_RELATIVE_MOM = re.compile(r"(?i)^\s*(?:month-on-month\b|(?:over|compared\s+(?:with|to)|against|from)\s+(?:the\s+)?"
                           r"(?:previous|preceding|last)\s+month\b)")
_SHARE_OF = re.compile(r"(?i)^\s*of\s+(?!the\s+same\b)")


def _relative_to(text: str, q: Quantity) -> str | None:
    after = text[q.end : q.end + 80]
    m = _RELATIVE_PLAN.match(after)
    if m:
        rel = m.group("rel").lower().rstrip("s")
        return "same period last year" if rel == "period" else rel
    if _RELATIVE_MOM.match(after):
        return "month-on-month change"
    if _RELATIVE_YOY.match(after) or re.search(r"(?i)\b(?:up|down|increase[sd]?|decrease[sd]?|rose|rise|grew|fell)\s+(?:by\s+)?$",
                                               text[max(0, q.start - 20) : q.start]) and _RELATIVE_YOY.match(after):
        return "year-on-year change"
    return None


# --- places --------------------------------------------------------------------------------------------------


def _place(text: str) -> PlaceRef | None:
    text = re.sub(r"(?:'s|’s)$", "", text.strip())
    return lookup_place(text)


def _province(article: Article) -> PlaceRef | None:
    if not article.province:
        return None
    return _place(article.province) or PlaceRef(label=article.province)


def _named_place(sent: Span, text: str, q: Quantity, mention: Mention | None) -> PlaceRef | None:
    """A place the sentence names as beneficiary ("for X", "to X" after a money figure) or possessor ("X's")."""
    anchor = mention.start if mention is not None else q.start
    for ent in ents_within(sent):
        if ent.label_ not in ("GPE", "LOC", "ORG", "PERSON", "NORP", "FAC"):
            continue
        ref = _place(ent.text)
        if ref is None:
            continue
        before = text[max(0, ent.start_char - 5) : ent.start_char].lower()
        after = text[ent.end_char : ent.end_char + 12]
        possessive = re.match(r"(?i)^(?:\s+(?:province|city))?\s*(?:'s|’s)", after) or ent.text.endswith(("'s", "’s"))
        beneficiary = before.endswith(("for ", "to "))
        if ent.end_char <= anchor and (possessive or beneficiary):
            return ref
        if q.kind == "money" and re.fullmatch(r"\s*to\s*", text[q.end : ent.start_char]):
            return ref
        if ent.end_char <= anchor and ent.root.dep_ == "nsubj" and ent.start_char < q.start:
            return ref
    return None


# --- allocations ---------------------------------------------------------------------------------------------

_SOURCE = re.compile(
    r"(?i)\bfrom\s+(?:the\s+)?(?:(?:\d{4}|increased|additional|extra|surplus|available|annual|remaining|increase\s+in)\s+)*"
    r"(?P<src>(?:central|local|state|provincial|national|district)\s+budget(?:\s+reserves?)?|ODA|official\s+development\s+assistance"
    r"|national\s+target\s+programmes?|national\s+target\s+programs?)"
    r"(?:\s+(?:revenues?|funds?|capital|sources?|reserve\s+fund))*(?:\s+in\s+\d{4})?")
_PURPOSE_VERB = re.compile(
    r"(?i)\b(?:to|in\s+order\s+to|for\s+the\s+purpose\s+of)\s+(?:build|construct|upgrade|repair|renovate|develop|implement|buy|purchase"
    r"|complete|improve|support|help|fund|invest\s+in|equip|restore)\s+(?P<p>[^,;.:()]+?)"
    r"(?=\s+(?:in|by|during|from|before|within)\s+(?:\d{4}|the\b|this\b)|\s*[,;.:()]|\s*$)")
_PURPOSE_FOR = re.compile(r"(?i)\bfor\s+(?!the\s+(?:year|period)\b)(?P<p>(?:the\s+)?[a-z][^,;.:()]*?)"
                          r"(?=\s+(?:in|by|during|from|before|within)\s+(?:\d{4}|the\b|this\b)|\s*[,;.:()]|\s*$)")


def slug(text: str) -> str:
    """An id from a label: ASCII-folded, lower-case, words joined by hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def _allocation(sent: Span, text: str, q: Quantity) -> tuple[str, str, tuple[int, int] | None] | None:
    """(id, label, source span) of a money allocation around figure q, or None when it is no allocation."""
    near = [t for t in sent if abs((t.idx - q.start if t.idx >= q.end else q.start - t.idx)) < 60]
    if not any(t.lemma_.lower() in ALLOCATION_LEMMAS for t in near):
        return None
    rest = text[q.end : sent.end_char]
    src = _SOURCE.search(rest)
    source = " ".join(src.group("src").split()).lower() if src else None
    source = {"oda": "ODA", "official development assistance": "ODA"}.get(source or "", source)
    purpose = None
    for pattern in (_PURPOSE_VERB, _PURPOSE_FOR):
        for m in pattern.finditer(rest):
            candidate = re.sub(r"(?i)^the\s+", "", " ".join(m.group("p").split()))
            if _place(candidate) is None and not re.match(r"(?i)(?:the\s+)?(?:province|city|district|commune)\b", candidate):
                purpose = candidate
                break
        if purpose:
            break
    if source and purpose:
        label = f"{source} allocation for {purpose}"
    elif source:
        label = f"{source} allocation"
    elif purpose:
        label = f"budget allocation for {purpose}"
    else:
        return None
    span = (q.end + src.start(), q.end + src.end()) if src else None
    return slug(label), label, span


# --- the extractor -------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Segment:
    sent: Span
    start: int
    end: int


def _segments(doc: Doc) -> Iterator[_Segment]:
    """Sentences split at line breaks, trimmed of surrounding white space."""
    text = doc_text(doc)
    for sent in doc.sents:
        pos = sent.start_char
        for line in re.split(r"(\n+)", text[sent.start_char : sent.end_char]):
            start, pos = pos, pos + len(line)
            stripped = line.strip()
            if not stripped or line.startswith("\n"):
                continue
            s = start + (len(line) - len(line.lstrip()))
            span = doc.char_span(s, s + len(stripped), alignment_mode="expand")
            if span is not None:
                yield _Segment(span, s, s + len(stripped))


def _compatible(q: Quantity, ind: IndicatorDef) -> bool:
    kind = ind.unit_kind
    if q.kind in ("percent", "points", "money"):
        return kind == q.kind
    if q.kind == "count":
        return kind == f"count:{q.unit}"
    return kind.startswith("count:")  # a bare "1.5 million"


def _resolve(mention: Mention, q: Quantity, history: list[Mention]) -> str | None:
    """The concept a mention names for figure q (unit decides among shared surface forms; anaphors look back)."""
    table = indicators()
    ids = mention.ids
    if mention.anaphoric:
        base = ids[0]
        family = {base, *table[base].related}
        for earlier in reversed(history):
            if earlier.start < mention.start and not earlier.anaphoric and family & set(earlier.ids):
                ids = tuple(i for i in earlier.ids if i in family)
                break
            # "GRDP reached VND X, growth of Y%": the growth concept related to the level named just before
            growth = [r for i in earlier.ids for r in table[i].related if r in family and table[i].unit_kind == "money"]
            if earlier.start < mention.start and not earlier.anaphoric and growth:
                ids = tuple(growth)
                break
    for cid in ids:
        if _compatible(q, table[cid]):
            return cid
    for cid in ids:  # a narrower or broader concept in the figure's unit ("poverty rate" + "percentage points")
        for other in table.values():
            if (cid in other.broader or other.id in table[cid].broader) and _compatible(q, other):
                return other.id
    return None


# what separates a figure from a period named after it in another clause: "8% in 2025, laying the groundwork for the
# 2026-2030 period" (a participle clause), "..., which ...", "; ..."
_CLAUSE_BREAK = re.compile(r"(?i);|,\s*(?:but|while|whereas|which|and\s+(?:will|would|it|this)|[a-z]+ing\s+(?!of\b))\b")


def _period_for(text: str, q: Quantity, quantities: list[Quantity], prev: Quantity | None, nxt: Quantity | None,
                seg: _Segment, periods: list[PeriodMention], excluded: tuple[int, int] | None) -> Period | None:
    """The period a figure is stated for: see the module docstring."""
    prev_end = prev.end if prev is not None else seg.start
    next_start = nxt.start if nxt is not None else seg.end
    usable = [p for p in periods if not p.reference and not (excluded and excluded[0] <= p.start < excluded[1])]

    def distance(p: PeriodMention) -> int:
        return max(p.start - q.end, q.start - p.end, 0)

    def owned(p: PeriodMention) -> bool:
        """A period between two figures belongs to the nearer one."""
        if prev is not None and prev.end <= p.start and p.end <= q.start:
            return distance(p) <= p.start - prev.end
        if nxt is not None and q.end <= p.start and p.end <= nxt.start:
            return distance(p) <= nxt.start - p.end
        return True

    inside = [p for p in usable if p.start >= prev_end and p.end <= next_start and owned(p)
              and not (p.start >= q.end and _CLAUSE_BREAK.search(text[q.end : p.start]))]
    if inside:
        return min(inside, key=lambda p: (distance(p), p.start)).period
    before = [p for p in usable if p.end <= q.start]
    if not before:
        return None
    last = before[-1]
    if _FOLLOWED_BY.search(text[last.end : q.start]):
        quarter = _quarter(last.period)
        if quarter is not None:  # "11% in Q1, followed by 11.8%, 13.7% and 11.5%": the next quarters in turn
            k = 1 + sum(1 for x in quantities if last.end <= x.start and x.end <= q.start)
            year, number = quarter
            return months_period(year, 3 * (number + k) - 2, 3 * (number + k)) if number + k <= 4 else None
    return last.period


def _after_reference(text: str, q: Quantity, seg: _Segment, periods: list[PeriodMention]) -> Period | None:
    """A figure compared with a whole year and given no period of its own is for the year after it ("VND 23,751
    billion, up 10.4% compared to 2023": 2024); "the same period of 2023" compares a part of the year, not a year."""
    for p in periods:
        if p.reference and q.end <= p.start < seg.end and p.precision == "year" and re.fullmatch(r"\d{4}", p.period.value) \
                and not re.search(r"(?i)\bsame\s+period\b", text[max(seg.start, p.start - 30) : p.start]):
            return year_period(int(p.period.value) + 1)
    return None


_FOLLOWED_BY = re.compile(r"(?i)\b(?:followed\s+by|and\s+then|then)\b")


def _quarter(period: Period) -> tuple[int, int] | None:
    """(year, quarter number) when the period is one calendar quarter."""
    m = re.fullmatch(r"(\d{4})-(\d\d)-01", period.start)
    if not m or int(m.group(2)) % 3 != 1 or months_period(int(m.group(1)), int(m.group(2)), int(m.group(2)) + 2) != period:
        return None
    return int(m.group(1)), (int(m.group(2)) + 2) // 3


def _percent_of_level(text: str, q: Quantity, mention: Mention, relative: str | None) -> str | None:
    """A percentage stated of an indicator counted in money or units: "X% of the plan" is its rate concept (the one
    labelled "<label> rate") or else the indicator in percent; "up X%" / "X% year-on-year" is its growth concept
    ("<label> growth rate") or else the indicator in percent (the change). Anything else names no indicator."""
    table = indicators()
    by_label = {ind.label.lower(): ind.id for ind in table.values()}
    level = next((cid for cid in mention.ids if table[cid].unit_kind != "percent"), mention.ids[0])
    label = table[level].label.lower()
    if relative in ("plan", "target", "estimate"):
        return by_label.get(f"{label} rate") or plan_completion_id(level)
    if relative == "same period last year":
        return level
    if relative or _CHANGE_BEFORE.search(text[max(0, q.start - 40) : q.start]):
        return by_label.get(f"{label} growth rate", level)
    return None


PLAN_COMPLETION_SUFFIX = "-plan-completion"


def plan_completion_id(base: str) -> str:
    """The plan-completion variant of an indicator ("X% of the plan/estimate/target"): its own concept, narrower than
    the base one (graph/rdf/article.py links it with gk:planCompletionOf)."""
    return base if base.endswith(PLAN_COMPLETION_SUFFIX) else f"{base}{PLAN_COMPLETION_SUFFIX}"


def indicator_label(cid: str) -> str:
    """The label of a concept of the vocabulary or of a plan-completion variant ("budget revenue plan completion rate")."""
    table = indicators()
    if cid.endswith(PLAN_COMPLETION_SUFFIX) and cid[: -len(PLAN_COMPLETION_SUFFIX)] in table:
        return f"{table[cid[: -len(PLAN_COMPLETION_SUFFIX)]].label} plan completion rate"
    return table[cid].label


def _place_named_between(text: str, start: int, end: int) -> bool:
    """A province or smaller place is named "for X" / "of X" between an indicator and its figure."""
    for m in re.finditer(r"\b(?:for|of|in)\s+(?:the\s+)?((?:[A-ZĐ][^\s,;.]*\s*){1,3})", text[start:end]):
        words = m.group(1).split()
        for n in range(len(words), 0, -1):
            ref = _place(" ".join(words[:n]))
            if ref is not None:
                if ref.kind != "country":
                    return True
                break
    return False


def _target_year(article: Article, year: int | None) -> int | None:
    """The year a target stated without one is for: the article's, or the next one for an article of December, when
    councils and committees set the coming year's targets ("Striving for economic growth of 10% or more")."""
    if year is None or article.published is None:
        return year
    value = article.published.value
    return year + 1 if len(value) >= 7 and value[5:7] == "12" else year


def _article_year(article: Article) -> int | None:
    if article.published is None:
        return None
    try:
        return int(article.published.value[:4])
    except ValueError:
        return None


def extract_targets(doc: Doc) -> Iterator[Target | Observation]:
    """Targets and observations stated in the article (doc._.article), in text order, each with its sentence."""
    article: Article = doc._.article
    if article is None:
        raise ValueError("extract_targets: doc._.article is not set (parse the Article with extractors.nlp.parse)")
    text = article.text
    year = _article_year(article)
    province = _province(article)
    mentions = find_mentions(doc)
    table = indicators()

    facts: list[tuple[bool, Target | Observation]] = []
    lead = _lead_period(doc, text, year, article.body_start)
    target_year = _target_year(article, year)
    paragraph_end = -1
    inherited: Period | None = None
    target_context = False  # the previous sentence of the paragraph set targets
    estimates: list[tuple[int, bool]] = []  # (figure start, estimated) of every observation so far
    reported: list[Observation] = []  # every observation so far, for the parts of an estimated figure
    carried: Period | None = None  # the last year-to-date reporting period stated anywhere before (observations only)
    context_year: int | None = None  # the year such a period names: it dates "by September 24" in later sentences
    history: list[Mention] = []
    for seg in _segments(doc):
        if "\n" in text[paragraph_end:seg.start] or paragraph_end < 0:
            inherited, history, target_context = None, [], False
        paragraph_end = seg.end
        s_text = text[seg.start : seg.end]
        evidence = span_evidence(article.id, text, seg.start, seg.end)
        in_title = article.body_start > 0 and seg.end <= article.body_start
        quantities = [_shift(q, seg.start) for q in find_quantities(s_text)]
        periods = [_shift_period(p, seg.start) for p in find_periods(s_text, year, context_year=context_year)]
        seg_mentions = [m for m in mentions if seg.start <= m.start and m.end <= seg.end]
        last_period: Period | None = None
        sentence_targets = False
        for i, q in enumerate(quantities):
            fact = _fact(doc, seg, text, q, quantities, i, periods, seg_mentions, history, table, year, inherited,
                         carried, lead, province, evidence, target_context, target_year)
            if isinstance(fact, Observation) and not fact.estimated and (
                    _estimate_goes_on(text, seg, q, estimates) or _structure_of_estimate(fact, reported, table)):
                fact = replace(fact, estimated=True)
            if isinstance(fact, Observation):
                estimates.append((q.start, fact.estimated))
                reported.append(fact)
            if fact is not None:
                facts.append((in_title, fact))
                last_period = fact.period
                sentence_targets = sentence_targets or isinstance(fact, Target)
        history.extend(m for m in seg_mentions if not m.anaphoric)
        stated = [p.period for p in periods if not p.reference]
        inherited = last_period or (stated[-1] if stated else inherited)
        target_context = sentence_targets if quantities else target_context
        for p in periods:
            if not p.reference and p.precision in ("months", "to-date") and p.period.start.endswith("-01-01"):
                carried = p.period
                if re.search(r"\b(?:19|20)\d\d\b", text[p.start : p.end]):
                    context_year = int(p.period.start[:4])

    seen = set()
    body_keys = {_key(f) for title, f in facts if not title}
    body_loose = {_loose(f) for title, f in facts if not title}
    specific = {_key(f)[2:] for _, f in facts if isinstance(f, Target) and f.indicator in GROWTH_RESTATED}
    for title, fact in facts:
        key = _key(fact)
        if (title and (key in body_keys or _loose(fact) in body_loose)) or (key, fact.evidence.start) in seen:
            continue  # the headline restates a body figure, perhaps with another comparator ("above" / "at least")
        if isinstance(fact, Target) and fact.value == 10 and fact.comparator == "atLeast" and any(
                isinstance(o, Target) and o is not fact and o.evidence.start == fact.evidence.start
                and o.indicator == fact.indicator and o.period == fact.period and o.value > 10 for _, o in facts):
            continue  # "double-digit growth above 10.5%": the stated figure, not the "double-digit" of it
        if isinstance(fact, Target) and fact.indicator == "economic-growth-rate" and key[2:] in specific:
            continue  # "a GRDP growth rate of 10.5% ... the economic growth target of 10.5%": one target, named twice
        seen.add((key, fact.evidence.start))
        yield fact


_OF_WHICH = re.compile(r"(?i)\b(?:of\s+which|in\s+which|among\s+which|specifically)\b")


def _structure_of_estimate(fact: Observation, reported: list[Observation], table) -> bool:
    """A share of the economy's structure (a gk:contextLabel concept) stated right after an estimated figure of the
    same period is a part of that estimate: "GRDP growth is estimated at 8.5%. The economic structure: ..."."""
    ind = table.get(fact.indicator)
    if ind is None or not ind.context or not reported:
        return False
    last = reported[-1]
    return last.estimated and last.period == fact.period and fact.evidence.start - last.evidence.start < _STRUCTURE_REACH


_STRUCTURE_REACH = 400  # characters: the estimate's own paragraph or the next one


def _estimate_goes_on(text: str, seg: _Segment, q: Quantity, estimates: list[tuple[int, bool]]) -> bool:
    """The parts of an estimated total are estimated too: "GRDP is estimated to grow 8.37%, of which services
    increased by 7.45%" (also when "Of which, ..." opens the next sentence)."""
    m = None
    for m in _OF_WHICH.finditer(text, seg.start, q.start):
        pass
    if m is None:
        return False
    before = [est for start, est in estimates if start < m.start()]
    return bool(before) and before[-1]


def _lead_period(doc: Doc, text: str, year: int | None, body_start: int) -> Period | None:
    """The first period the article states for its figures (a year, or months from the start of a year): what a
    reported figure stated with no period of its own in a later paragraph is about ("In 2024, ..." in the lead).
    A quarter or a single month is no such frame: a figure with no period then yields nothing."""
    for seg in _segments(doc):
        if seg.end <= body_start:
            continue  # the title announces, the body reports
        for p in find_periods(text[seg.start : seg.end], year):
            if not p.reference and p.precision in ("year", "months", "to-date") and p.period.start.endswith("-01-01"):
                return p.period
    return None


GROWTH_RESTATED = ("grdp-growth-rate",)  # what "economic growth" restates when the same target figure recurs


def _loose(fact: Target | Observation) -> tuple:
    """A figure's key without its comparator."""
    return (type(fact).__name__, fact.indicator, fact.value, fact.unit, fact.period.value if fact.period else None)


def _key(fact: Target | Observation) -> tuple:
    period = fact.period.value if fact.period else None
    if isinstance(fact, Target):
        return ("target", fact.indicator, fact.comparator, fact.value, fact.value_max, fact.unit, period)
    return ("observation", fact.indicator, fact.value, fact.unit, period)


def _shift(q: Quantity, offset: int) -> Quantity:
    return replace(q, start=q.start + offset, end=q.end + offset)


def _shift_period(p: PeriodMention, offset: int) -> PeriodMention:
    return PeriodMention(p.period, p.start + offset, p.end + offset, p.reference, p.precision)


def _anaphor_ok(doc: Doc, m: Mention, quantities: list[Quantity]) -> bool:
    """A bare "growth" only counts when no other noun qualifies it ("credit growth" is not economic growth)."""
    if not m.anaphoric or m.token == 0:
        return True
    prev = doc[m.token - 1]
    if prev.pos_ not in ("NOUN", "PROPN"):
        return True
    return any(q.start <= prev.idx < q.end for q in quantities) or prev.lower_ in ("cent", "percent", "%")


def _pick_mention(doc: Doc, text: str, q: Quantity, quantities: list[Quantity], mentions: list[Mention]) -> Mention | None:
    """The mention a figure belongs to: one right after or inside it, else the nearest one before it."""
    mentions = [m for m in mentions if _anaphor_ok(doc, m, quantities)]
    for m in mentions:
        gap = text[q.end : m.start]
        if q.start <= m.start < q.end or (m.start >= q.end and (gap.strip() == "" or (
                q.kind in ("money", "count", "bare") and re.fullmatch(r"\s+(?:in|of)\s+(?:the\s+)?", gap)))):
            return m
    if q.kind in ("percent", "points") and _SHARE_OF.match(text[q.end : q.end + 20]) and not _RELATIVE_PLAN.match(text[q.end : q.end + 80]):
        return None  # "45% of households", "3% of GRDP": a share of something else
    before = [m for m in mentions if m.end <= q.start]
    if not before:
        return None
    m = before[-1]
    bridge = doc.char_span(m.end, q.start, alignment_mode="expand")
    if ";" in text[m.end : q.start] or (bridge is not None and len(bridge) > 30):
        return None
    if _PART_OF.search(text[m.end : q.start]):
        return None  # "the plan is X, including Y of local budget capital": Y is a part, named by what follows it
    if bridge is not None and _other_object(bridge, mentions, quantities):
        return None  # "keep the poverty rate at 2 points and grow Party membership by 3%": 3% is membership's
    return m


_CHANGE_NOUNS = re.compile(r"(?i)^(?:increase|rise|growth|decrease|decline|drop|fall|gain|reduction|jump|expansion|"
                           r"year|month|quarter|period|plan|estimate|target|scenario|point|percent|cent|billion|million)s?$")


def _other_object(bridge: Span, mentions: list[Mention], quantities: list[Quantity]) -> bool:
    """Between an indicator and a figure, a verb takes an object that names something else ("grow its Party
    membership by 3%"): the figure measures that object, not the indicator."""
    named = {i for m in mentions for i in range(m.start, m.end)} | {i for q in quantities for i in range(q.start, q.end)}
    for t in bridge:
        if t.dep_ not in ("dobj", "nsubj", "nsubjpass") or t.pos_ not in ("NOUN", "PROPN") or t.idx in named:
            continue
        if _CHANGE_NOUNS.match(t.lower_) or t.like_num or t.ent_type_ in ("DATE", "MONEY", "PERCENT", "CARDINAL", "GPE"):
            continue
        if t.head.pos_ in ("VERB", "AUX") and bridge.start <= t.head.i < bridge.end:
            return True
    return False


_PART_OF = re.compile(r"(?i)\b(?:including|of\s+which|in\s+which|among\s+which|comprising|consisting\s+of)\b")
_CHANGE_BEFORE = re.compile(r"(?i)\b(?:up|an?\s+(?:increase|rise)\s+of|increas(?:e|es|ed|ing)|r(?:ise|ises|ose|ising)|gr(?:ew|ow|ows|owing))"
                            r"(?:\s+by)?(?:\s+(?:about|around|nearly|almost|approximately|over|more\s+than))?\s*$")
_CHANGE_AMOUNT = re.compile(r"(?i)\b(?:an?\s+)?(?:increase|decrease|rise|drop|fall|gain|reduction)\s+of\s+"
                            r"(?:about|around|nearly|almost|over|more\s+than|less\s+than)?\s*$|\b(?:up|down)\s+(?:by\s+)?$")
_PLAN_IN_BRACKETS = re.compile(r"(?i)\b(?:scenario|plan|target|estimate|goal)\s*\(\s*$")
_LOANS = re.compile(r"(?i)\s*(?:in|of|worth\s+of)\s+(?:\w+\s+){0,2}?(?:loans?|credit)\b")
_DIFFERENCE = re.compile(r"(?i)\s*(?:percentage\s+points?\s+)?(?:higher|lower|more|less)\s+than\b")
_SUPERSEDED = re.compile(r"(?i)\(\s*(?:the\s+)?(?:initial|original|previous|old|earlier)\s+(?:scenario|plan|target|estimate)"
                         r"(?:\s+(?:of|was|at))?\s*$")


def _not_a_value(text: str, q: Quantity) -> bool:
    """A difference ("0.5% higher than the resolution", "an increase of VND 2,700 billion"), a superseded or planned
    figure in brackets ("(initial scenario 12.3%)", "meeting the scenario (9.9%)") or a loan amount states no value
    of the indicator."""
    return bool(_DIFFERENCE.match(text, q.end) or _SUPERSEDED.search(text[max(0, q.start - 40):q.start])
                or (q.kind == "money" and _LOANS.match(text, q.end))
                or _PLAN_IN_BRACKETS.search(text[max(0, q.start - 30) : q.start]) is not None
                or (q.kind in ("money", "count", "bare") and _CHANGE_AMOUNT.search(text[max(0, q.start - 40) : q.start]) is not None))


def _fact(doc: Doc, seg: _Segment, text: str, q: Quantity, quantities: list[Quantity], i: int,
          periods: list[PeriodMention], mentions: list[Mention], history: list[Mention], table: dict[str, IndicatorDef],
          year: int | None, inherited: Period | None, carried: Period | None, lead: Period | None,
          province: PlaceRef | None, evidence: Evidence, target_context: bool = False,
          target_year: int | None = None) -> Target | Observation | None:
    kind, estimated = _classify(seg.sent, q.start)
    if kind == "hedged" or _not_a_value(text, q):
        return None
    mention = _pick_mention(doc, text, q, quantities, mentions)
    stated_relative = _relative_to(text, q)
    relative = stated_relative if kind == "observation" else None
    indicator = label = None
    excluded = None
    if mention is not None:
        indicator = _resolve(mention, q, [*history, *mentions])
        if indicator is None and q.kind == "percent" and not mention.anaphoric:
            indicator = _percent_of_level(text, q, mention, relative or (
                stated_relative if stated_relative in ("plan", "target", "estimate") else None))
        if indicator in table and mention.anaphoric and table[indicator].scope == "national":
            if _place_named_between(text, mention.end, q.start) and _compatible(q, table[mention.ids[0]]):
                indicator = mention.ids[0]  # "the growth target for Phú Thọ province": not the country's
        if indicator is not None:
            label = indicator_label(indicator)
            if indicator.endswith("-plan"):
                kind = "observation"  # the amount of a plan is a fact about the plan, whatever the verb
    if indicator is None and q.kind == "money":
        alloc = _allocation(seg.sent, text, q)
        if alloc is not None:
            indicator, label, excluded = alloc
            mention = None
    if kind is None and target_context and inherited is not None and year is not None \
            and int(inherited.start[:4]) > year and not any(not p.reference for p in periods):
        kind = "target"  # "For 2026, the province sets ... Total budget revenue is VND 9,850 billion."
    if indicator is None or label is None or kind is None:
        return None
    unit = table[indicator].unit if q.kind == "bare" else q.unit
    prev = quantities[i - 1] if i > 0 else None
    nxt = quantities[i + 1] if i + 1 < len(quantities) else None
    prev_end = prev.end if prev is not None else seg.start
    own = _period_for(text, q, quantities, prev, nxt, seg, periods, excluded)
    period = own or inherited
    if period is None and kind == "observation":
        period = _after_reference(text, q, seg, periods) or carried or lead
    if period is None and kind == "target" and target_year is not None:
        period = year_period(target_year)
    if period is None:
        return None  # no figure without the period it is stated for
    if kind == "observation" and target_context and own is None and year is not None and int(period.start[:4]) > year:
        kind = "target"  # "For 2026, the province sets ... GRDP per capita reached 78 million": the list of targets goes on
    if kind == "observation" and year is not None and int(period.start[:4]) > year + 1:
        return None  # nothing is reported for 2040: a vision or forecast the rules do not read
    applies_to = _named_place(seg.sent, text, q, mention) or province
    if indicator in table and table[indicator].scope == "national":
        named = _named_place(seg.sent, text, q, mention)
        applies_to = named or _place(COUNTRY) or PlaceRef(COUNTRY, "country")
    extra = _alternate(q)
    if kind == "target":
        bridge_start = max(mention.end if mention is not None and mention.end <= q.start else q.start - 40, prev_end)
        return Target(
            indicator=indicator, indicator_label=label,
            comparator=_comparator(text, q, bridge_start, mention.start if mention is not None else None),
            value=q.value, unit=unit, evidence=evidence, period=period, value_max=q.value_max, applies_to=applies_to,
            **extra,
        )
    return Observation(
        indicator=indicator, indicator_label=label, value=q.value, unit=unit, evidence=evidence, period=period,
        estimated=estimated, applies_to=applies_to, relative_to=relative, **extra,
    )


_SCALE = {"": Decimal(1), "thousand": Decimal(10) ** 3, "million": Decimal(10) ** 6, "billion": Decimal(10) ** 9,
          "trillion": Decimal(10) ** 12}
VND_PER_USD = (Decimal(15000), Decimal(35000))  # the dong's rate since 2000 lies well inside these bounds


def _in_units(value: Decimal, unit: str) -> tuple[str, Decimal]:
    currency, _, scale = unit.partition(" ")
    return currency, value * _SCALE.get(scale, Decimal(1))


def _alternate(q: Quantity) -> dict:
    """The converted amount stated beside a figure, kept as its alternate value; a conversion at a rate no one has
    seen (VND 885 billion "(USD 90 million)") is kept as stated, with a warning."""
    alt = q.alternate
    if alt is None:
        return {}
    out: dict = {"alternate_value": alt.value, "alternate_unit": alt.unit}
    (c1, a1), (c2, a2) = _in_units(q.value, q.unit), _in_units(alt.value, alt.unit)
    rates = {("VND", "USD"): a1 / a2 if a2 else None, ("USD", "VND"): a2 / a1 if a1 else None}
    rate = rates.get((c1, c2))
    if rate is not None and not VND_PER_USD[0] <= rate <= VND_PER_USD[1]:
        out["warning"] = (f"the conversion {alt.value} {alt.unit} of {q.value} {q.unit} implies {rate:,.0f} VND per USD; "
                          "both kept as stated")
    return out
