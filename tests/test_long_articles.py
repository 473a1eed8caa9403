"""An article over the model's length limit is parsed in parts cut at paragraph breaks, with exact offsets.

The limit is lowered for these tests (the real one is 1,000,000 characters), so a seed article is "long".
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from extractors.article import load_article
from extractors.nlp import parse, split_text
from extractors.registry import extract

SEED = Path(__file__).resolve().parent.parent / "seeds" / "003_e1e74b58657a6300.txt"


@pytest.fixture
def small_limit(nlp):
    """The shared pipeline with a limit of 1,500 characters while the test runs."""
    saved = nlp.max_length
    nlp.max_length = 1500
    try:
        yield nlp
    finally:
        nlp.max_length = saved


@pytest.mark.parametrize(("text", "size", "pieces"), [
    ("One.\n\nTwo two.\n\nThree.", 12, ["One.\n\n", "Two two.\n\n", "Three."]),
    ("Line one\nline two\nline three", 19, ["Line one\nline two\n", "line three"]),   # no paragraph break: a line break
    ("First one. Second one. Third", 13, ["First one. ", "Second one. ", "Third"]),    # then a sentence end
    ("abcdefghij", 4, ["abcd", "efgh", "ij"]),                                         # nothing to cut at
    ("short", 100, ["short"]),
])
def test_split_text_cuts_at_the_best_break_that_fits(text, size, pieces):
    assert split_text(text, size) == pieces
    assert "".join(pieces) == text and all(len(p) <= size for p in pieces)


def test_split_text_prefers_a_paragraph_break_to_a_later_line_break():
    text = "Para one ends.\n\nPara two line a\nline b goes on"
    assert split_text(text, 35)[0] == "Para one ends.\n\n"


def test_long_article_is_parsed_in_parts_with_the_same_text_and_offsets(small_limit):
    article = load_article(SEED)
    assert len(article.text) > 2 * small_limit.max_length, "the seed must need several parts"
    doc = parse(article, small_limit)
    assert doc.text == article.text
    for token in doc:
        assert article.text[token.idx:token.idx + len(token)] == token.text
    assert doc._.article is article and doc._.people is not None


def test_long_article_gives_the_same_facts_as_one_parse(small_limit):
    article = load_article(SEED)
    saved = small_limit.max_length
    small_limit.max_length = 10 * len(article.text)
    whole = extract(parse(article, small_limit))
    small_limit.max_length = saved
    parts = extract(parse(article, small_limit))

    def key(fact):
        return (type(fact).__name__, repr(dataclasses.astuple(fact)))

    holdings = sorted(key(f) for f in whole.facts if type(f).__name__ == "Holding")
    assert holdings, "the seed article names holdings"
    assert sorted(key(f) for f in parts.facts) == sorted(key(f) for f in whole.facts)
