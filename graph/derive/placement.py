"""Corpus-level placement: an article that never names its province, placed by the people it names.

All ArticleFacts -> the same ArticleFacts, with the unnamed province of an article whose metadata, dateline, site
and text named none replaced by the province where other articles show the same people holding the same kind of
local post ("Hoàng Quốc Khánh, Secretary of the Provincial Party Committee" in an article that says only
"Provincial": he is Secretary of the Lạng Sơn Provincial Party Committee in three other articles). An article the
votes do not settle keeps its facts with the province unnamed; every decision is returned for report.json.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from extractors.facts import ArticleFacts, Holding, OrgRef, PlaceRef, org_chain, swap_place
from extractors.places import lookup_place
from extractors.titles import is_unnamed_province, unnamed_province

# a placement needs this many distinct people agreeing (or one person seen in the same post in at least
# ONE_PERSON_ARTICLES other articles of one province and in no other), and the winner MARGIN times the runner-up;
# when the same posts do not settle it, MIN_PEOPLE people seen in other local posts of one province do
MIN_PEOPLE = 2
ONE_PERSON_ARTICLES = 2
MARGIN = 2


def _province_of(org: OrgRef | None) -> PlaceRef | None:
    return next((o.jurisdiction for o in org_chain(org)
                 if o.jurisdiction is not None and o.jurisdiction.kind == "province"), None)


def place_articles(all_facts: Sequence[ArticleFacts]) -> tuple[list[ArticleFacts], list[dict]]:
    """Place the articles with an unnamed province by the people they name, in rounds (an article placed in one
    round lends its people to the next), until a round places none; (facts, decisions for report.json)."""
    facts = list(all_facts)
    placed: list[dict] = []
    while True:
        facts, decisions = _place_round(facts)
        newly = [d for d in decisions if d["province"]]
        placed += newly
        if not newly:
            unplaced = [d for d in decisions if not d["province"]]
            return facts, sorted(placed + unplaced, key=lambda d: d["article"])


def _votes(holdings: list[Holding], seen_in) -> tuple[list[tuple[str, set[str]]], Counter[str]]:
    """Provinces ranked by the distinct people of `holdings` that other articles show there (`seen_in`: a holding ->
    provinces with their counts), most first; and, per province, the matching holdings elsewhere."""
    votes: dict[str, set[str]] = {}
    seen: Counter[str] = Counter()
    for f in holdings:
        for label, n in seen_in(f).items():
            votes.setdefault(label, set()).add(f.person.key)
            seen[label] += n
    return sorted(votes.items(), key=lambda kv: (-len(kv[1]), -seen[kv[0]], kv[0])), seen


def _settled(ranked: list[tuple[str, set[str]]], seen: Counter[str], one_person: bool) -> bool:
    """Whether the votes name one province: MIN_PEOPLE people MARGIN times the runner-up's; or, when the people
    tie or one person is all there is, the articles showing them there MARGIN times those elsewhere (one attestation
    of a Secretary's earlier province does not outweigh many of the present one)."""
    if not ranked:
        return False
    people = [len(p) for _, p in ranked[:2]] + [0]
    if people[0] >= MIN_PEOPLE and people[0] >= MARGIN * people[1]:
        return True
    articles = [seen[label] for label, _ in ranked[:2]] + [0]
    return (people[0] >= people[1] and articles[0] >= MARGIN * articles[1]
            and (one_person or people[0] >= MIN_PEOPLE) and articles[0] >= ONE_PERSON_ARTICLES)


def _place_round(all_facts: Sequence[ArticleFacts]) -> tuple[list[ArticleFacts], list[dict]]:
    """One round of placement against the articles whose province is known."""
    known: dict[tuple[str, str, str], Counter[str]] = {}  # (person, role, org type) -> provinces seen holding it
    anywhere: dict[str, Counter[str]] = {}  # person -> provinces where any of their local posts is seen
    for af in all_facts:
        for f in af.facts:
            if isinstance(f, Holding):
                prov = _province_of(f.org)
                if prov is not None and not is_unnamed_province(prov):
                    known.setdefault((f.person.key, f.role, f.org.org_type), Counter())[prov.label] += 1
                    anywhere.setdefault(f.person.key, Counter())[prov.label] += 1
    out, decisions = [], []
    for af in all_facts:
        if af.article.province is not None:
            out.append(af)
            continue
        placeholder = unnamed_province(af.article.id)
        local = [f for f in af.facts if isinstance(f, Holding) and _province_of(f.org) == placeholder]
        ranked, seen = _votes(local, lambda f: known.get((f.person.key, f.role, f.org.org_type), Counter()))
        unplaced = bool(local)
        enough = _settled(ranked, seen, one_person=True)
        same = True
        if not enough:  # the same people holding other local posts of one province: "Provincial" is that one
            same = False
            ranked, seen = _votes(local, lambda f: anywhere.get(f.person.key, Counter()))
            enough = _settled(ranked, seen, one_person=False)
        if enough:
            label, people = ranked[0]
            place = lookup_place(label) or PlaceRef(label=label)
            article = replace(af.article, province=place.label, province_basis="inferred")
            out.append(replace(swap_place(af, placeholder, place), article=article))
            decisions.append({"article": af.article.id, "province": place.label, "basis": "people",
                              "reason": f"{len(people)} {'people' if len(people) > 1 else 'person'} named "
                                        f"{'hold' if len(people) > 1 else 'holds'} {'the same' if same else 'other'} "
                                        f"posts in {place.label} in other articles: " + ", ".join(sorted(people))
                                        + "".join(f"; {seen[label]} attestations there against {seen[other]} in {other}"
                                                  for other, _ in ranked[1:2])})
        else:
            out.append(af)
            if unplaced:
                why = (f"the people named point to {', '.join(f'{k} ({len(v)})' for k, v in ranked)}, not enough to "
                       "decide" if ranked else "no other article shows the people it names in a province")
                decisions.append({"article": af.article.id, "province": None, "basis": None,
                                  "reason": f"no province: {why}; its local bodies are kept as "
                                            f"'{placeholder.label} ...'"})
    return out, decisions
