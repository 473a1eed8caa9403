"""Legal and Party documents cited by number: "Directive No. 35-CT/TW, dated 14 June 2024, of the Politburo".

Doc -> Iterator[Document]. The document types are data (ontology/document_types.txt).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from spacy.tokens import Doc

from . import vocab
from .dates import resolve_date
from .evidence import evidence_at
from .facts import Document
from .nlp import doc_text
from .titles import context_of, parse_org


@cache
def _pattern() -> re.Pattern[str]:
    types = "|".join(re.escape(t) for t in vocab.document_types())
    return re.compile(
        rf"\b(?P<type>{types})\s+No\.?\s*(?P<number>\d[\w./-]*[\w])"
        r"(?:,?\s+dated\s+(?P<date>[^,;]+))?", re.I)


_OF = re.compile(r"\s*,?\s*(?:of|by|issued\s+by)\s+", re.I)


def extract_documents(doc: Doc) -> Iterator[Document]:
    article = doc._.article
    ctx = context_of(article)
    text = doc_text(doc)
    for m in _pattern().finditer(text):
        doc_type = m.group("type").title()
        number = m.group("number")
        date = None
        if m.group("date") and article is not None and article.published is not None:
            date = resolve_date(m.group("date"), article.published)
        issuer = None
        of = _OF.match(text, m.end() + (1 if text[m.end():m.end() + 1] == "," else 0))
        if of:
            org = parse_org(text, of.end(), ctx)
            issuer = org.org if org else None
        yield Document(label=f"{doc_type} No. {number}", doc_type=doc_type.lower(), number=number,
                       evidence=evidence_at(doc, m.start()), date=date, issuer=issuer)
