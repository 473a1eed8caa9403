"""Compare a built graph with a gold file (the format of shared/gold/seeds.json), fact by fact.

Matching is by meaning, not by string: names and labels are ASCII-folded, role names go through the
ontology's aliases, indicator labels are compared as bags of content words ("border-commune schools"
= "schools for border communes"), numbers as numbers, periods as date bounds; event labels (free text) match the
gold event of the same article whose content words they share most, never across different numbers.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from rdflib import Graph
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, SKOS

from extractors.places import fold
from graph.rdf.article import EVENT_CLASSES
from extractors.titles import TitleContext, parse_org, role_of
from extractors.vocab import canonical_role
from ontology.namespaces import GK, SDO

KINDS = ("holdings", "appointments", "persons", "authors", "events", "event-dates", "event-chairs", "targets", "observations",
         "commitments", "documents", "successions")
_STOP = {"the", "of", "for", "a", "an", "and", "to", "in", "on", "at", "by"}


class GoldError(ValueError):
    """The gold file cannot be read; the message names the file and the problem."""


def label_key(text: str) -> str:
    """A label folded for comparison: ASCII, lower-case, apostrophes and "the" ignored."""
    text = fold(str(text)).replace("'", "").replace("’", "")
    # a centrally-run city's bodies are written with and without "City": "Hà Nội (City) Party Committee"
    text = re.sub(r"\b(ha noi|hai phong|da nang|can tho|hue) city\b", r"\1", text)
    return " ".join(w for w in re.split(r"[^a-z0-9]+", text) if w and w != "the")


def bag(text: str) -> frozenset[str]:
    """Content words, singular, for comparing indicator labels by meaning."""
    words = re.split(r"[^a-z0-9]+", fold(str(text)))
    return frozenset(w[:-1] if len(w) > 3 and w.endswith("s") else w for w in words if w and w not in _STOP)


_PLAN_COMPLETION = re.compile(r"(?i)^(?P<base>.+?)\s+plan\s+(?:completion|fulfil(?:l)?ment)(?:\s+rate)?$")
_GROWTH = re.compile(r"(?i)^(?P<base>.+?)\s+(?:growth|growth\s+rate|increase)$")


def _root(cid: str, table) -> str:
    """The broadest concept above cid counted in the same unit ("state budget revenue" -> "budget revenue")."""
    seen = {cid}
    while True:
        up = [b for b in table[cid].broader if b in table and table[b].unit_kind == table[cid].unit_kind]
        if not up or up[0] in seen:
            return cid
        cid = up[0]
        seen.add(cid)


def _concept_bags() -> dict[frozenset[str], str]:
    """Every label of ontology/indicators.ttl (preferred and alternative) as a bag of words -> its concept id."""
    from extractors.targets import indicators  # noqa: PLC0415

    table = indicators()
    out: dict[frozenset[str], str] = {}
    for cid in sorted(table):
        for label in (table[cid].label, *table[cid].alt_labels):
            out.setdefault(bag(label), cid)
    return out


_BAGS: dict[frozenset[str], str] | None = None


def indicator_key(label: str, unit: str) -> tuple | frozenset[str]:
    """An indicator compared by meaning: labels that the ontology gives as names of one concept (preferred or
    alternative label, or a narrower concept in the same unit) are one key; "X plan completion rate" is the plan
    variant of X's key; a percentage of a concept counted in money or units ("retail sales" in percent, "retail
    sales growth") is that concept's change. Labels the ontology does not know stay bags of words."""
    global _BAGS  # noqa: PLW0603
    from extractors.targets import indicators  # noqa: PLC0415

    if _BAGS is None:
        _BAGS = _concept_bags()
    table = indicators()
    text = " ".join(str(label).split())
    m = _PLAN_COMPLETION.match(text)
    if m:
        return ("plan completion", indicator_key(m.group("base"), ""))
    cid = _BAGS.get(bag(text))
    if cid is None and unit in ("percent", "percentage points"):
        g = _GROWTH.match(text)
        base = _BAGS.get(bag(g.group("base"))) if g else None
        if base is not None and (table[base].unit_kind not in ("percent", "points") or base.endswith("index")):
            cid = base
    if cid is None:
        return bag(text)
    return ("concept", _root(cid, table))


def role_key(text: str) -> str:
    return role_of(str(text)) or label_key(text)


def post_key(role: str, org: str) -> tuple[str, str]:
    """A gold post as the graph writes it: the role through the ontology's aliases for that body's type
    (role_aliases.tsv: "Head of the Central Inspection Commission" is its Chairman), and the body's label key."""
    rid = role_key(role)
    match = parse_org(str(org), 0, TitleContext())
    if match is not None and match.end == len(str(org)):
        rid = canonical_role(rid, match.org.org_type)
    return rid, label_key(org)


def _year_bounds(text: str | None) -> tuple[str, str]:
    """"2025" -> 2025-01-01..2025-12-31; "2025-01/2025-09"; "2026/2030"; "2025 (to 2025-09-30)"; a gold figure
    whose annotator found no period -> ("", "") (govkg gives every figure a period, so it counts as missed)."""
    if not text:
        return "", ""
    text = str(text).strip()
    m = re.match(r"^(\d{4})\s*\(to\s+(\d{4}-\d{2}-\d{2})\)$", text)
    if m:
        return f"{m.group(1)}-01-01", m.group(2)
    parts = text.split("/")
    start, end = parts[0], parts[-1]
    return _lower(start), _upper(end)


def _lower(v: str) -> str:
    return v if len(v) == 10 else (f"{v}-01" if len(v) == 7 else f"{v}-01-01")


def _upper(v: str) -> str:
    import calendar  # noqa: PLC0415

    if len(v) == 10:
        return v
    if len(v) == 7:
        y, m = int(v[:4]), int(v[5:])
        return f"{v}-{calendar.monthrange(y, m)[1]:02d}"
    return f"{v}-12-31"


def _gold_period(fact: dict) -> tuple[str, str] | None:
    """A gold figure's period bounds, or None when the annotator could not tell the period (it is then not judged)."""
    return _year_bounds(fact["period"]) if fact.get("period") else None


_COUNT_SCALES = {"thousand": Decimal(1000), "million": Decimal(10) ** 6, "billion": Decimal(10) ** 9}


def _amount(value: Any, unit: str) -> tuple[Decimal, str]:
    """A count written with its scale in the unit ("1.92" "million visitors") as the plain count (1920000 "visitors");
    money keeps its written scale (the unit names it: "VND billion")."""
    words = str(unit).split(maxsplit=1)
    if len(words) == 2 and words[0].lower() in _COUNT_SCALES:
        return _num(Decimal(str(value)) * _COUNT_SCALES[words[0].lower()]), words[1]
    return _num(value), str(unit)


def _num(v: Any) -> Decimal:
    return Decimal(str(v)).normalize()


# --- facts as comparable keys ----------------------------------------------------------------------------


def gold_facts(gold: dict) -> dict[str, set[tuple]]:
    out: dict[str, set[tuple]] = defaultdict(set)
    for art in gold.get("articles", []):
        a = Path(art["file"]).stem
        persons = set()
        for h in art.get("holdings", []):
            out["holdings"].add((a, fold(h["person"]), *post_key(h["role"], h["org"])))
            persons.add(fold(h["person"]))
        for name in art.get("authors", []):
            out["authors"].add((a, fold(name)))
            persons.add(fold(name))
        persons.update(fold(p) for p in art.get("persons", []))  # other named persons (no post, no role)
        for ap in art.get("appointments", []):  # a stated change of post: scored on the person and the post
            out["appointments"].add((a, fold(ap["person"]), *post_key(ap["role"], ap["org"])))
            persons.add(fold(ap["person"]))
        for e in art.get("events", []):
            out["events"].add((a, label_key(e["label"])))
            if e.get("date"):  # an event's date and chairs are scored on their own, whatever its label
                out["event-dates"].add((a, str(e["date"])))
            out["event-chairs"].update((a, fold(p)) for p in e.get("chairs", []))
            for role in ("chairs", "speakers", "attendees"):
                persons.update(fold(p) for p in e.get(role, []))
        out["persons"].update((a, p) for p in persons)
        for t in art.get("targets", []):
            out["targets"].add((a, indicator_key(t["indicator"], t["unit"]), t["comparator"], *_amount(t["value"], t["unit"]),
                                _gold_period(t)))
        for o in art.get("observations", []):
            out["observations"].add((a, indicator_key(o["indicator"], o["unit"]), *_amount(o["value"], o["unit"]),
                                     _gold_period(o), bool(o.get("estimated", False))))
        for c in art.get("commitments", []):
            out["commitments"].add((a, c["kind"], fold(c["actor"]),
                                    fold(c["addressee"]) if c.get("addressee") else None))
        for d in art.get("documents", []):
            out["documents"].add((a, label_key(d["label"])))
    for s in gold.get("across_articles", {}).get("successions", []):
        out["successions"].add((label_key(s["post"]), fold(s["predecessor"]), fold(s["successor"]),
                                s.get("not_before"), s.get("not_after")))
    for seq in gold.get("sequences", []):  # a province archive's annotated holders: each change is a succession
        for ch in seq.get("changes", []):
            out["successions"].add((label_key(seq["post"]), fold(ch["predecessor"]), fold(ch["successor"]), None, None))
    return out


def merge_gold(golds: Sequence[dict]) -> dict:
    """Several gold files as one: their articles, successions and sequences together."""
    return {
        "articles": [a for g in golds for a in g.get("articles", [])],
        "across_articles": {"successions": [s for g in golds for s in g.get("across_articles", {}).get("successions", [])]},
        "sequences": [s for g in golds for s in g.get("sequences", [])],
    }


def _article_id(node) -> str:
    return str(node).rsplit("/", 1)[-1]


def _articles(g: Graph, node) -> set[str]:
    return {_article_id(a) for a in g.objects(node, PROV.wasDerivedFrom) if (a, RDF.type, GK.Article) in g}


def _label(g: Graph, node) -> str:
    for p in (SKOS.prefLabel, FOAF.name, SDO.name, DCTERMS.title):
        v = g.value(node, p)
        if v is not None:
            return str(v)
    return str(node)


def _agent(g: Graph, node) -> str | None:
    return fold(_label(g, node)) if node is not None else None


def _period(g: Graph, node) -> tuple[str, str]:
    return str(g.value(node, GK.periodStart)), str(g.value(node, GK.periodEnd))


def graph_facts(g: Graph) -> dict[str, set[tuple]]:
    out: dict[str, set[tuple]] = defaultdict(set)
    for h in g.subjects(RDF.type, ORG.Membership):
        person, role, org = g.value(h, ORG.member), g.value(h, ORG.role), g.value(h, ORG.organization)
        for a in _articles(g, h):
            out["holdings"].add((a, fold(_label(g, person)), role_key(_label(g, role)), label_key(_label(g, org))))
    for art in g.subjects(RDF.type, GK.Article):
        a = _article_id(art)
        for p in g.objects(art, SDO.author):
            out["authors"].add((a, fold(_label(g, p))))
    for p in g.subjects(RDF.type, FOAF.Person):
        for art in g.objects(p, GK.mentionedIn):
            out["persons"].add((_article_id(art), fold(_label(g, p))))
    for e in set(g.subjects(RDF.type, SDO.Event)) | {s for c in EVENT_CLASSES.values() for s in g.subjects(RDF.type, c)}:
        subject, post = g.value(e, GK.subject), g.value(e, GK.post)
        for a in _articles(g, e):
            if subject is None:
                out["events"].add((a, label_key(_label(g, e))))
                start, end = g.value(e, SDO.startDate), g.value(e, SDO.endDate)
                if start is not None:
                    out["event-dates"].add((a, f"{start}/{end}" if end is not None else str(start)))
                out["event-chairs"].update((a, fold(_label(g, p))) for p in g.objects(e, GK.chair))
            elif post is not None:  # a change of post (appointment, election, transfer, retirement)
                out["appointments"].add((a, fold(_label(g, subject)), role_key(_label(g, g.value(post, ORG.role))),
                                         label_key(_label(g, g.value(post, ORG.postIn)))))
    for t in g.subjects(RDF.type, GK.Target):
        for a in _articles(g, t):
            out["targets"].add((a, indicator_key(_label(g, g.value(t, GK.indicator)), str(g.value(t, GK.unit))),
                                str(g.value(t, GK.comparator)),
                                _num(g.value(t, GK.value)), str(g.value(t, GK.unit)), _period(g, t)))
    for o in g.subjects(RDF.type, GK.Observation):
        est = g.value(o, GK.estimated)
        for a in _articles(g, o):
            out["observations"].add((a, indicator_key(_label(g, g.value(o, GK.indicator)), str(g.value(o, GK.unit))),
                                     _num(g.value(o, GK.value)),
                                     str(g.value(o, GK.unit)), _period(g, o), bool(est.toPython()) if est else False))
    for c in g.subjects(RDF.type, GK.Commitment):
        for a in _articles(g, c):
            out["commitments"].add((a, str(g.value(c, GK.kind)), _agent(g, g.value(c, GK.actor)),
                                    _agent(g, g.value(c, GK.addressee))))
    for d in g.subjects(RDF.type, GK.LegalDocument):
        for a in _articles(g, d):
            out["documents"].add((a, label_key(_label(g, d))))
    for s in g.subjects(RDF.type, GK.Succession):
        nb, na = g.value(s, GK.notBefore), g.value(s, GK.notAfter)
        out["successions"].add((label_key(_label(g, g.value(s, GK.post))), _agent(g, g.value(s, GK.predecessor)),
                                _agent(g, g.value(s, GK.successor)), str(nb) if nb else None, str(na) if na else None))
    return out


# --- scoring ---------------------------------------------------------------------------------------------


@dataclass
class KindScore:
    kind: str
    matched: list[tuple] = field(default_factory=list)
    missed: list[tuple] = field(default_factory=list)
    spurious: list[tuple] = field(default_factory=list)

    @property
    def precision(self) -> float:
        n = len(self.matched) + len(self.spurious)
        return len(self.matched) / n if n else 1.0

    @property
    def recall(self) -> float:
        n = len(self.matched) + len(self.missed)
        return len(self.matched) / n if n else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score(graph: Graph, gold: dict, kinds: tuple[str, ...] = KINDS) -> dict[str, KindScore]:
    """Per kind: matched, missed (in gold, not in graph) and spurious (in graph, not in gold) facts.

    Only articles named in the gold file are scored, so a larger graph can be scored against a partial gold.
    """
    want, got = gold_facts(gold), graph_facts(graph)
    scored = {Path(a["file"]).stem for a in gold.get("articles", [])}
    out = {}
    for kind in kinds:
        g_set = want.get(kind, set())
        x_set = {f for f in got.get(kind, set()) if kind == "successions" or f[0] in scored}
        if kind == "successions":
            x_set = _unstated_bounds(x_set, g_set)
            # only the posts the gold follows are judged: a province archive annotates its main posts
            followed = {f[0] for f in g_set} | {label_key(s["post"]) for s in gold.get("sequences", [])}
            if gold.get("sequences"):
                x_set = {f for f in x_set if f[0] in followed}
        if kind == "events":
            x_set = _same_events(x_set, g_set)
        if kind in ("targets", "observations"):
            x_set = _unstated_periods(x_set, g_set, 5 if kind == "targets" else 4)
        out[kind] = KindScore(kind, sorted(g_set & x_set, key=repr), sorted(g_set - x_set, key=repr),
                              sorted(x_set - g_set, key=repr))
    return out


def _numbers(words: frozenset[str]) -> set[str]:
    return {w for w in words if any(c.isdigit() for c in w)}


def _same_events(found: set[tuple], gold: set[tuple], threshold: float = 0.6) -> set[tuple]:
    """Event labels are free text: a found event stands for the gold event of its article whose content words it
    shares most (Jaccard >= threshold), one to one, and only if every number it names ("26th", "2025") is in
    the gold label, so the 25th session never passes for the 26th."""
    out, free = set(), {g for g in gold if g not in found}
    for f in sorted(found, key=repr):
        if f in gold:
            out.add(f)
            continue
        fb = bag(f[1])
        best, best_j = None, threshold
        for g in sorted(free, key=repr):
            gb = bag(g[1])
            if g[0] != f[0] or not _numbers(fb) <= _numbers(gb):
                continue
            j = len(fb & gb) / len(fb | gb) if fb | gb else 0.0
            if j >= best_j:
                best, best_j = g, j
        if best is not None:
            free.discard(best)
            out.add(best)
        else:
            out.add(f)
    return out


def _unstated_periods(found: set[tuple], gold: set[tuple], at: int) -> set[tuple]:
    """A gold figure without a period (the annotator could not tell it) does not judge the graph's period for it."""
    open_gold = {(*g[:at], *g[at + 1 :]): g for g in gold if g[at] is None}
    out = set()
    for f in found:
        g = open_gold.get((*f[:at], *f[at + 1 :]))
        out.add(g if g is not None else f)
    return out


def _unstated_bounds(found: set[tuple], gold: set[tuple]) -> set[tuple]:
    """A gold succession that leaves not_before/not_after out does not judge the graph's bounds for that change."""
    out = set()
    for f in found:
        for g in gold:
            if f[:3] == g[:3]:
                f = (*f[:3], f[3] if g[3] is not None else None, f[4] if g[4] is not None else None)
                break
        out.add(f)
    return out


def load_gold(path: Path | str) -> dict:
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise GoldError(f"{path}: no such file") from exc
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise GoldError(f"{path}: not valid JSON: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("articles"), list):
        raise GoldError(f"{path}: expected an object with an 'articles' list (the format of gold/seeds.json)")
    return data


def format_scores(scores: dict[str, KindScore], verbose: bool = False) -> str:
    lines = [f"{'kind':<14}{'gold':>6}{'found':>7}{'P':>8}{'R':>8}{'F1':>8}"]
    for s in scores.values():
        gold_n = len(s.matched) + len(s.missed)
        found_n = len(s.matched) + len(s.spurious)
        lines.append(f"{s.kind:<14}{gold_n:>6}{found_n:>7}{s.precision:>8.2f}{s.recall:>8.2f}{s.f1:>8.2f}")
    if verbose:
        for s in scores.values():
            for f in s.missed:
                lines.append(f"missed   {s.kind}: {_show(f)}")
            for f in s.spurious:
                lines.append(f"spurious {s.kind}: {_show(f)}")
    return "\n".join(lines) + "\n"


def _show(fact: tuple) -> str:
    return " | ".join(_part(x) for x in fact)


def _part(x) -> str:
    if isinstance(x, frozenset):
        return " ".join(sorted(x))
    if isinstance(x, tuple) and x and x[0] in ("concept", "plan completion"):
        return x[1] if x[0] == "concept" else f"{_part(x[1])} plan completion"
    return str(x)



