"""Qualitative commitments, requests, directives and proposals, read from the dependency parse.

Doc -> Iterator[Commitment]. The actor is the subject of a commitment verb ("Điện Biên commits to",
"The Minister requested Điện Biên to ..."), resolved to a person, organisation or place; a subject
that names no one ("many opinions", "leaders of departments") yields nothing. A request from a
higher body to a lower one is a directive; from a lower to a higher one, a request.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from .evidence import sentence_evidence
from .facts import Agent, Commitment, OrgRef, PlaceRef
from .nlp import doc_text
from .people import People
from .places import lookup_place
from .titles import context_of, is_national, parse_org

KIND_BY_LEMMA = {
    "propose": "proposal", "recommend": "proposal", "suggest": "proposal",
    "request": "request", "ask": "request", "urge": "request",
    "direct": "directive", "instruct": "directive", "order": "directive",
    "commit": "commitment", "pledge": "commitment", "vow": "commitment", "promise": "commitment",
}
# Light-verb statements: "made 5 proposals", "gave directions", "put forward recommendations" (verb + noun -> kind).
LIGHT_VERBS = {"make", "give", "raise", "offer", "issue", "put"}
KIND_BY_NOUN = {"proposal": "proposal", "recommendation": "proposal", "suggestion": "proposal",
                "request": "request", "direction": "directive", "instruction": "directive",
                "directive": "directive", "commitment": "commitment", "pledge": "commitment"}
# "submitted to the Council to adjust ...": a submission with a purpose clause is a proposal to its addressee
SUBMIT_LEMMAS = {"submit"}
_DELEGATION = re.compile(r"^(?:the\s+)?(?:working\s+)?delegation\b", re.I)
_PROVINCE = re.compile(r"^(?:the\s+)?province\b", re.I)


def _span_text(tokens: list[Token]) -> tuple[int, int]:
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1])


def _resolve(doc: Doc, tokens: list[Token], visitor: OrgRef | None) -> Agent | None:
    people: People = doc._.people
    start, end = _span_text(tokens)
    person = people.at(start, end)
    if person is not None:
        return person
    article = doc._.article
    ctx = context_of(article)
    text = doc_text(doc)[start:end]
    org = parse_org(doc_text(doc), start, ctx)
    if org is not None and org.end <= end + 1:
        return org.org
    if _DELEGATION.match(text) and visitor is not None:
        return visitor
    if _PROVINCE.match(text) and ctx.province is not None:
        return ctx.province
    place = lookup_place(re.sub(r"^the\s+", "", text, flags=re.I))
    if place is not None:
        return place
    return None


# Collective nouns for bodies below the speaker: a leader asking them to act directs them.
SUBORDINATES = {"department", "sector", "locality", "unit", "agency", "authority", "district", "commune", "ward",
                "branch", "level", "force", "official", "cadre", "organisation", "organization"}


def _to_subordinates(verb: Token, obj: Token | None) -> bool:
    """The request goes to a plural of SUBORDINATES ("asked the sectors", "urged localities and units")."""
    heads = [obj] if obj is not None else []
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "to"):
        heads.extend(c for c in prep.children if c.dep_ == "pobj")
    for clause in (c for c in verb.children if c.dep_ in ("ccomp", "xcomp")):  # "requested departments to assess"
        heads.extend(c for c in clause.children if c.dep_ == "nsubj")
    for h in heads:
        group = [h, *h.conjuncts]
        if any(t.tag_ in ("NNS", "NNPS") and t.lemma_.lower() in SUBORDINATES for t in group):
            return True
    return False


def _level(agent: Agent | None, people: People) -> int | None:
    """2 national, 1 provincial, 0 below; None when unknown."""
    if agent is None:
        return None
    if isinstance(agent, PlaceRef):
        return 1 if agent.kind in ("province", "city") else 0
    if isinstance(agent, OrgRef):
        if is_national(agent):
            return 2
        return 1 if agent.jurisdiction is None or agent.jurisdiction.kind in ("province", "city") else 0
    posts = people.posts_of(agent)
    levels = [_level(p.org, people) for p in posts if p.org is not None]
    return max(levels) if levels else None


def _core(token: Token) -> list[Token]:
    """A noun phrase without appositions and clauses: "Điện Biên", "the Ministry of Finance"."""
    sub = list(token.subtree)
    left = [t for t in sub if t.i <= token.i and t.dep_ not in ("appos", "punct")]
    if not left:
        left = [token]
    tokens = [t for t in left if t.i >= min(t2.i for t2 in left)]
    for child in token.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            tokens.extend(child.subtree)
    return sorted(set(tokens), key=lambda t: t.i)


def _content(doc: Doc, verb: Token, sent: Span, obj: Token | None) -> str:
    """The clause stating what is committed, requested or proposed, to the end of the sentence."""
    text = doc_text(doc)
    end = sent.end_char
    start = None
    for child in verb.children:
        if child.dep_ in ("xcomp", "ccomp") and child.i > verb.i or child.dep_ == "advcl" and child.i > verb.i and \
                any(a.lower_ == "to" for a in child.children):  # "... to the Council to adjust ..."
            start = list(child.subtree)[0].idx
            break
        if child.dep_ == "prep" and child.lower_ == "to":  # "commits to maximizing ..."
            rest = list(child.subtree)[1:]
            start = rest[0].idx if rest else None
            break
    colon = text.find(":", verb.idx, end)
    if colon >= 0 and (start is None or colon < start):  # "proposed several points: A; B"
        start = colon + 1
    if start is None and obj is not None and obj.lemma_.lower() in KIND_BY_NOUN:  # "made 3 proposals to raise ..."
        clause = next((c for c in obj.children if c.dep_ in ("acl", "relcl") and c.i > obj.i), None)
        start = list(clause.subtree)[0].idx if clause is not None else None
    if start is None:
        last = list(obj.subtree)[-1] if obj is not None else verb
        start = last.idx + len(last)
    return text[start:end].strip(" ,;").rstrip(".").strip()


_BETWEEN = re.compile(r"\s*(?:(?:has|have|had|also|then|later|once\s+again)\s+)*$", re.I)


def _adjacent_actor(doc: Doc, verb: Token) -> Agent | None:
    """The person named, or the title standing for one, right before the verb ("the Director of X made ...")."""
    people: People = doc._.people
    text = doc_text(doc)
    for m in people.mentions:
        if m.span_end <= verb.idx and _BETWEEN.match(text[m.span_end:verb.idx]):
            return m.person
    for t in people.titles:
        if t.person is not None and t.end <= verb.idx and _BETWEEN.match(text[t.end:verb.idx]):
            return t.person
    return None


def _kind(verb: Token) -> str | None:
    """The kind a verb states: its own ("requested"), its noun's after a light verb ("made 5 proposals"), or a
    proposal for a submission with a purpose ("submitted to the Council to adjust ...")."""
    lemma = verb.lemma_.lower()
    if lemma in KIND_BY_LEMMA:
        return KIND_BY_LEMMA[lemma]
    if lemma in LIGHT_VERBS:
        for obj in (c for c in verb.children if c.dep_ in ("dobj", "obj")):
            kind = KIND_BY_NOUN.get(obj.lemma_.lower())
            if kind is not None and obj.tag_ in ("NNS", "NN") and not any(
                    c.dep_ == "det" and c.lower_ in ("no", "any") for c in obj.children):
                return kind
    if lemma in SUBMIT_LEMMAS and any(c.dep_ in ("xcomp", "ccomp", "advcl") and c.pos_ == "VERB" and
                                      any(a.lower_ == "to" for a in c.children) for c in verb.children):
        return "proposal"
    return None


def extract_commitments(doc: Doc) -> Iterator[Commitment]:
    from .events import _visitor  # noqa: PLC0415 (shared notion of the visiting delegation)

    people: People = doc._.people
    visitor = _visitor(people)
    for sent in doc.sents:
        for verb in sent:
            kind = _kind(verb)
            if kind is None or verb.pos_ != "VERB":
                continue
            if not any(c.dep_ in ("dobj", "obj", "xcomp", "ccomp") for c in verb.children) and any(
                    c.dep_ == "prep" and c.lower_ in ("about", "after") for c in verb.children):
                continue  # "asked about the land records", "asked after the families": a question, not a request
            if any(KIND_BY_LEMMA.get(a.lemma_.lower()) for a in verb.ancestors):
                continue  # the content of another statement, or a conjoined second verb
            subj = [c for c in verb.children if c.dep_ == "nsubj"]
            actor = _resolve(doc, _core(subj[0]), visitor) if subj else None
            if actor is None:
                actor = _adjacent_actor(doc, verb)  # the parser took another noun for the subject
            if actor is None:
                continue
            obj = next((c for c in verb.children if c.dep_ in ("dobj", "obj")), None)
            addressee = None
            if obj is not None and kind != "commitment":
                addressee = _resolve(doc, _core(obj), visitor)
            verbs = [verb, *(c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"
                             and KIND_BY_LEMMA.get(c.lemma_.lower()))]
            for v in verbs:
                if addressee is not None:
                    break
                for prep in (c for c in v.children if c.dep_ == "prep" and c.lower_ == "to"):
                    pobj = [c for c in prep.children if c.dep_ == "pobj"]
                    if pobj:
                        addressee = _resolve(doc, _core(pobj[0]), visitor)
                for clause in (c for c in v.children if c.dep_ == "ccomp"):  # "requested that X do ..."
                    subj_c = [c for c in clause.children if c.dep_ == "nsubj"]
                    if addressee is None and subj_c and any(c.lower_ == "that" for c in clause.children):
                        addressee = _resolve(doc, _core(subj_c[0]), visitor)
            if kind in ("request", "directive"):
                a, b = _level(actor, people), _level(addressee, people)
                if a is not None and b is not None and a != b:
                    kind = "directive" if a > b else "request"
                elif addressee is None and a is not None and _to_subordinates(verb, obj):
                    kind = "directive"  # a leader asking "the sectors", "localities", "all-level authorities"
            content = _content(doc, verb, sent, obj)
            if not content:
                continue
            yield Commitment(kind=kind, actor=actor, content=content, evidence=sentence_evidence(doc, sent),
                             addressee=addressee)


