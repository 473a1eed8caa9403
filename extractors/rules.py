"""Domain components added to the trained pipeline, built from ontology/ data.

- govkg_entities (an EntityRuler after the statistical NER, overwriting it): Vietnamese personal names
  (a family name from ontology/surnames.txt followed by 1-3 name syllables) and places from
  ontology/places.tsv, so "Điện Biên" is a place, never a person.
- govkg_people: reads each person's titles and the bare titles ("the Minister of Finance"), see people.py.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span
from unidecode import unidecode

from . import vocab
from .places import all_place_names, lookup_place

# Capitalised words that follow a family name without being part of a personal name.
NOT_NAME_WORDS = {
    "party", "committee", "province", "provincial", "city", "district", "commune", "ward", "town", "people",
    "people's", "department", "ministry", "secretary", "chairman", "chairwoman", "minister", "director",
    "member", "deputy", "vice", "council", "government", "national", "assembly", "the", "and", "of", "street",
    "road", "bridge", "school", "university", "hospital", "airport", "victory", "stronghold", "campaign",
    "company", "corporation", "group", "bank", "province's", "square", "museum", "village", "lake", "river",
    "mountain", "pass", "battlefield", "relic", "temple", "pagoda", "festival", "market", "park",
}


def _vocabulary_words() -> set[str]:
    """Words of role and organisation-type labels ("Police", "Front", "Command"): never a personal name syllable."""
    words = set()
    for role in vocab.roles().values():
        for form in (role.label, *role.alt_labels):
            words.update(form.lower().replace("’", "'").split())
    for t in vocab.org_types().values():
        for form in (t.label, *t.alt_labels):
            words.update(form.lower().replace("’", "'").split())
    # a body named after a place or person ("Hồ Chí Minh National Academy of Politics") lends no name syllable
    place_words = {w.lower() for name in all_place_names() for w in name.split()}
    return {w for w in words if w.isalpha() and len(w) > 2 and w not in place_words}


def _surname_forms() -> list[str]:
    forms = set()
    for s in vocab.surnames():
        forms.update({s, unidecode(s)})
    return sorted(forms)


# English words that are also unaccented Vietnamese middle names ("Trinh The Truyen" = Trịnh Thế Truyền): a name
# syllable only between a family name and a further name syllable, never last.
MIDDLE_ONLY = ("The",)


def _name_prefixes() -> list[str]:
    """One-letter entries of surnames.txt are given-name prefixes of Ê Đê / Jarai names ("Y Thanh Hà Niê Kđăm")."""
    return sorted(s for s in vocab.surnames() if len(s) == 1)


def name_patterns() -> list[list[dict]]:
    """Token patterns of a Vietnamese personal name (shared by the EntityRuler and the sentence guard)."""
    syllable = {"IS_TITLE": True, "IS_ALPHA": True, "LENGTH": {"<=": 7}, "LOWER": {"NOT_IN": sorted(NOT_NAME_WORDS | _vocabulary_words())}}
    family = {"TEXT": {"IN": [s for s in _surname_forms() if len(s) > 1]}}
    return [
        [family, {**syllable, "OP": "{1,3}"}],
        [family, {"ORTH": {"IN": list(MIDDLE_ONLY)}}, {**syllable, "OP": "{1,2}"}],
        # Ê Đê / Jarai names: a prefix, a given name and a clan name, up to five syllables
        [{"ORTH": {"IN": _name_prefixes()}}, {**syllable, "OP": "{2,4}"}],
    ]


def entity_patterns() -> list[dict]:
    """EntityRuler patterns: PERSON from family names, GPE from the places gazetteer."""
    patterns: list[dict] = [{"label": "PERSON", "id": "vn-name", "pattern": p} for p in name_patterns()]
    for name in all_place_names():
        patterns.append({"label": "GPE", "id": "place", "pattern": name})
    return patterns


@Language.component("govkg_place_guard", requires=["doc.ents"], assigns=["doc.ents"])
def place_guard(doc: Doc) -> Doc:
    """A PERSON whose text is a known place ("Hà Nội", "Lai Châu") is a place; drop one-word persons."""
    ents = []
    for ent in doc.ents:
        if ent.label_ == "PERSON":
            ref = lookup_place(ent.text)
            if ref is not None and not _strict_person(ent.text):
                ents.append(Span(doc, ent.start, ent.end, label="GPE"))
                continue
            if len(ent) < 2:
                continue
        ents.append(ent)
    doc.ents = ents
    return doc


@Language.factory("govkg_name_guard")
def make_name_guard(nlp: Language, name: str):
    """Before the parser: no sentence may start inside a Vietnamese name ("... were Lê | Thành Đô, ...") or a
    place's name ("... of Nghệ | An province")."""
    from spacy.matcher import Matcher, PhraseMatcher  # noqa: PLC0415

    from .places import all_place_names  # noqa: PLC0415

    matcher = Matcher(nlp.vocab)
    matcher.add("vn-name", name_patterns())
    places = PhraseMatcher(nlp.vocab, attr="ORTH")  # nor inside a place's name ("... of Nghệ | An province")
    names = {n for form in all_place_names() for n in (form, form.title()) if " " in form}
    places.add("vn-place", [nlp.make_doc(n) for n in sorted(names)])

    def guard(doc: Doc) -> Doc:
        for _, start, end in [*matcher(doc), *places(doc)]:
            for tok in doc[start + 1:end]:
                tok.is_sent_start = False
        return doc

    return guard


@Language.component("govkg_paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """Before the parser: a line break ends a sentence, so a caption or heading without a full stop ("Binh Phuoc
    province's Party Secretary Nguyen Van Loi") never runs into the next paragraph's sentence; within a line, no
    sentence starts right after a colon or semicolon (a list stays with the phrase that opens it)."""
    after_break = False
    for tok in doc:
        if tok.is_space:
            after_break = after_break or "\n" in tok.text
            continue
        if tok.i > 0 and doc[tok.i - 1].text in (":", ";") and "\n" not in doc[tok.i - 1].whitespace_:
            tok.is_sent_start = False  # a list after a colon belongs to its phrase ("members of ...: A - ...; B")
        if after_break and tok.i > 0:
            tok.is_sent_start = True
            nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
            if nxt is not None and not nxt.is_space and "\n" not in tok.whitespace_:
                nxt.is_sent_start = False  # the parser would otherwise cut "Binh | Phuoc province's ..." after one word
        after_break = "\n" in tok.whitespace_
    return doc


def _strict_person(text: str) -> bool:
    """Names like "Hồ Chí Minh" that are places only with "City" after them."""
    from .places import fold, place_entry  # noqa: PLC0415

    entry = place_entry(text)
    return bool(entry and entry.strict and fold(text) not in {fold(f) for f in (entry.label, *entry.aliases)})


def add_domain_components(nlp: Language) -> None:
    """Add govkg's rule components to a loaded trained pipeline."""
    from . import people  # noqa: F401,PLC0415 (registers the govkg_people factory)

    if "parser" in nlp.pipe_names:
        nlp.add_pipe("govkg_paragraph_breaks", before="parser")
        nlp.add_pipe("govkg_name_guard", before="parser")
    ruler = nlp.add_pipe("entity_ruler", name="govkg_entities", after="ner",
                         config={"overwrite_ents": True, "phrase_matcher_attr": "ORTH"})
    ruler.add_patterns(entity_patterns())
    nlp.add_pipe("govkg_place_guard", after="govkg_entities")
    nlp.add_pipe("govkg_people", after="govkg_place_guard")
