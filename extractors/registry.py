"""The extractors, registered by name in one place and chosen by configuration.

Each is a pure generator Doc -> Iterator[Fact]; the Doc comes from extractors.nlp.parse (the
trained pipeline plus govkg_entities and govkg_people) and carries doc._.article.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence

from spacy.tokens import Doc

from .facts import Article, ArticleFacts, Fact
from .linking import link_targets

Extractor = Callable[[Doc], Iterator[Fact]]
_REGISTRY: dict[str, Extractor] = {}


class UnknownExtractor(KeyError):
    def __str__(self) -> str:
        return f"unknown extractor {self.args[0]!r}; valid names: {', '.join(sorted(_REGISTRY))}"


def register(name: str) -> Callable[[Extractor], Extractor]:
    def deco(fn: Extractor) -> Extractor:
        _REGISTRY[name] = fn
        return fn

    return deco


def _load() -> None:
    if _REGISTRY:
        return
    from .appointments import extract_appointments  # noqa: PLC0415
    from .commitments import extract_commitments  # noqa: PLC0415
    from .documents import extract_documents  # noqa: PLC0415
    from .events import extract_events  # noqa: PLC0415
    from .holdings import (  # noqa: PLC0415
        extract_bylines, extract_group_members, extract_holdings, extract_organisations)
    from .targets import extract_targets  # noqa: PLC0415

    for name, fn in (("holdings", extract_holdings), ("group-members", extract_group_members),
                     ("bylines", extract_bylines), ("organisations", extract_organisations), ("events", extract_events),
                     ("targets", extract_targets), ("commitments", extract_commitments),
                     ("documents", extract_documents), ("appointments", extract_appointments)):
        register(name)(fn)


def names() -> list[str]:
    _load()
    return list(_REGISTRY)


def get(name: str) -> Extractor:
    _load()
    try:
        return _REGISTRY[name]
    except KeyError:
        raise UnknownExtractor(name) from None


DEFAULT = ("holdings", "group-members", "bylines", "organisations", "events", "targets", "commitments", "documents",
           "appointments")


def extract(doc: Doc, which: Sequence[str] = DEFAULT) -> ArticleFacts:
    """All facts of one parsed article, extractor by extractor, in a stable order."""
    fns = [get(n) for n in which]
    facts: list[Fact] = []
    for fn in fns:
        facts.extend(fn(doc))
    article: Article = doc._.article
    return ArticleFacts(article=article, facts=link_targets(tuple(facts)))


def extract_all(docs: Iterable[Doc], which: Sequence[str] = DEFAULT) -> Iterator[ArticleFacts]:
    for doc in docs:
        yield extract(doc, which)
