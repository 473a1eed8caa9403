"""Links between facts of one article that no single extractor sees: targets stated at its main event.

A pure function over an article's facts (no text, no RDF).
"""

from __future__ import annotations

from dataclasses import replace

from .facts import Event, Fact, Target

MAIN_EVENT_KINDS = ("meeting", "conference", "working-visit")


def link_targets(facts: tuple[Fact, ...]) -> tuple[Fact, ...]:
    """Targets of an article reporting one meeting or visit were stated there; a session's body sets them."""
    main = [f for f in facts if isinstance(f, Event) and f.kind in MAIN_EVENT_KINDS]
    if len(main) != 1:
        return facts
    event = main[0]
    set_by = event.organizer if event.kind in ("meeting", "conference") else None
    return tuple(
        replace(f, stated_at=f.stated_at or event.key, set_by=f.set_by or set_by) if isinstance(f, Target) else f
        for f in facts
    )
