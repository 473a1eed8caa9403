"""extractors.events: the day an event is dated to, as precise as the text allows (passages in our own words)."""

from __future__ import annotations

import pytest

from extractors.events import extract_events
from extractors.facts import Article, DateValue
from extractors.nlp import parse


def _day(value: str) -> DateValue:
    return DateValue(value, value, value)


@pytest.mark.parametrize("text, published, expected", [
    pytest.param(
        "Council opens its session\nYesterday (December 9), the 19th session of the 10th Provincial People's Council "
        "opened.", _day("2024-12-10"), ("2024-12-09", "2024-12-09", "2024-12-09"), id="yesterday-with-the-day"),
    pytest.param(
        "Council meets\nOn July 8, the 14th Provincial People's Council convened its 19th session. The session is to "
        "last three days, from July 8 to July 10, 2024.", _day("2024-07-09"),
        ("2024-07-08", "2024-07-08", "2024-07-10"), id="the-next-sentence-gives-the-range"),
    pytest.param(
        "Opening of the 19th session of the 10th Provincial People's Council\nTuesday, 10/12/2024\nOn December 9, the "
        "council reviewed the year's tasks and heard the reports.", _day("2024-12-10"),
        ("2024-12-09", "2024-12-09", "2024-12-09"), id="a-dateline-is-not-the-event-day"),
])
def test_event_dates(nlp, text, published, expected):
    article = Article(id="e", path="e.txt", text=text, province="Điện Biên", published=published,
                      body_start=text.index("\n") + 1)
    (event, *_) = [e for e in extract_events(parse(article, nlp)) if e.kind == "meeting"]
    assert (event.date.value, event.date.earliest, event.date.latest) == expected
