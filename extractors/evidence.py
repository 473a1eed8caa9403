"""Evidence for a fact: the sentence it was read from, with char offsets into the article text."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from .facts import Evidence
from .nlp import doc_text


CONTEXT_CHARS = 32
"""Characters of text kept before and after a quote (Evidence.prefix/suffix), as annotation tools anchor with."""


def span_evidence(article_id: str, text: str, start: int, end: int) -> Evidence:
    """text[start:end] as evidence, with up to CONTEXT_CHARS characters of text on either side as prefix/suffix."""
    return Evidence(article_id, start, end, text[start:end], prefix=text[max(0, start - CONTEXT_CHARS):start],
                    suffix=text[end:end + CONTEXT_CHARS])


def sentence_evidence(doc: Doc, sent: Span) -> Evidence:
    """The sentence as evidence; its quote is exactly article.text[start:end]."""
    article = doc._.article
    article_id = article.id if article is not None else ""
    return span_evidence(article_id, doc_text(doc), sent.start_char, sent.end_char)


def sentence_of(doc: Doc, char: int) -> Span:
    """The sentence holding a char offset."""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    if span is None:
        raise ValueError(f"offset {char} is outside the document")
    return span.sent


def evidence_at(doc: Doc, char: int) -> Evidence:
    return sentence_evidence(doc, sentence_of(doc, char))
