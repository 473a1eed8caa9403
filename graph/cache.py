"""The build cache: per-article facts kept under OUT/.govkg-cache/ so a rebuild only parses what changed.

An article's cache key is the SHA-256 of the cleaned Article (every field but its path, canonical JSON) and of the
extraction version (extractor and ontology sources, spaCy and model versions, the extractor list): the same
article read by the same code gives the same facts, so a hit can be reused as is. Entries are pickles of
ArticleFacts behind a header carrying their own SHA-256; each is written to a temporary file, fsynced and
renamed, and a reader rejects (and re-parses) any entry whose checksum, key or article does not match, so a
build killed midway never leaves something that is read back as valid. manifest.json lists the current
articles and their keys; entries no article refers to any more are deleted after a successful build.

The cache is the build's own: it is only ever read from the output folder the build itself writes.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import pickle
import sys
import tempfile
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

from extractors.facts import Article, ArticleFacts

from graph.files import atomic_write_text

__all__ = ["CACHE_DIR", "FactCache", "article_key", "extraction_version"]

CACHE_DIR = ".govkg-cache"
FORMAT = 1  # bump when the entry layout changes
_MAGIC = b"govkg-facts\n"
_ROOT = Path(__file__).resolve().parents[1]
_VERSIONED = (("extractors", "*.py"), ("ontology", "*"))


def _model_version() -> str:
    """Name and installed version of the spaCy model the build would load (without loading it)."""
    import spacy  # noqa: PLC0415
    from spacy.util import get_package_version  # noqa: PLC0415

    from extractors.nlp import DEFAULT_MODELS  # noqa: PLC0415

    wanted = os.environ.get("GOVKG_SPACY_MODEL")
    for name in (wanted,) if wanted else DEFAULT_MODELS:
        version = get_package_version(name) if not Path(name).exists() else "path"
        if version is not None:
            return f"spacy {spacy.__version__}; model {name} {version}"
    return f"spacy {spacy.__version__}; model {wanted or DEFAULT_MODELS[0]} (not installed)"


@lru_cache(maxsize=8)
def extraction_version(extractors: tuple[str, ...]) -> str:
    """A hash of everything facts depend on besides the article: code, ontology data, model, extractor list.

    Changing any extractor module, ontology file or the model invalidates every cached article.
    """
    h = hashlib.sha256()
    h.update(f"format {FORMAT}; python {sys.version_info[0]}.{sys.version_info[1]}; ".encode())
    h.update(_model_version().encode())
    h.update(("extractors " + ",".join(extractors)).encode())
    for folder, pattern in _VERSIONED:
        for path in sorted((_ROOT / folder).rglob(pattern)):
            if path.is_file() and "__pycache__" not in path.parts:
                h.update(b"\0" + path.relative_to(_ROOT).as_posix().encode() + b"\0")
                h.update(path.read_bytes())
    return h.hexdigest()


def _jsonable(value):
    if dataclasses.is_dataclass(value):
        return {f.name: _jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (tuple, list)):
        return [_jsonable(v) for v in value]
    return value


def article_key(article: Article, version: str) -> str:
    """The cache key of one article: SHA-256 of the extraction version and the cleaned Article.

    Every field counts except the file path (no extractor reads it), so moving an archive keeps its cache.
    """
    fields = _jsonable(article)
    del fields["path"]
    text = json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(f"{version}\n{text}".encode()).hexdigest()


class FactCache:
    """Cached ArticleFacts of one output folder, keyed by article_key; a miss is anything not provably valid."""

    def __init__(self, out_dir: Path | str, extractors: Sequence[str]):
        self.root = Path(out_dir) / CACHE_DIR
        self.entries = self.root / "facts"
        self.version = extraction_version(tuple(extractors))

    def key(self, article: Article) -> str:
        return article_key(article, self.version)

    def _path(self, key: str) -> Path:
        return self.entries / key[:2] / f"{key}.pickle"

    def get(self, article: Article) -> ArticleFacts | None:
        """The cached facts of article, or None if there is no entry or the entry is not intact."""
        key = self.key(article)
        try:
            data = self._path(key).read_bytes()
        except OSError:
            return None
        head, sep, payload = data[len(_MAGIC):].partition(b"\n")
        if not data.startswith(_MAGIC) or not sep:
            return None
        try:
            stored_key, digest = head.decode("ascii").split(" ")
        except (UnicodeDecodeError, ValueError):
            return None
        if stored_key != key or hashlib.sha256(payload).hexdigest() != digest:
            return None  # truncated, corrupt or misplaced: parse again
        try:
            facts = pickle.loads(payload)  # noqa: S301 (written by this build into its own output folder)
        except Exception:  # noqa: BLE001 (an unreadable entry is a miss, whatever the reason)
            return None
        if not isinstance(facts, ArticleFacts) or dataclasses.replace(facts.article, path=article.path) != article:
            return None
        return dataclasses.replace(facts, article=article)  # the article as loaded now (its path may differ)

    def put(self, facts: ArticleFacts) -> Path:
        """Store facts atomically (temporary file, fsync, rename); returns the entry's path."""
        key = self.key(facts.article)
        payload = pickle.dumps(facts, protocol=pickle.HIGHEST_PROTOCOL)
        blob = _MAGIC + f"{key} {hashlib.sha256(payload).hexdigest()}\n".encode("ascii") + payload
        target = self._path(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(blob)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return target

    def read_manifest(self) -> dict:
        """The previous build's manifest ({} when there is none or it is unreadable)."""
        try:
            data = json.loads((self.root / "manifest.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def write_manifest(self, articles: Iterable[Article]) -> Path:
        """Record the current articles (id, file, key) and the extraction version, atomically."""
        entries = {a.id: {"file": a.path, "key": self.key(a)} for a in articles}
        doc = {"format": FORMAT, "extraction_version": self.version,
               "articles": dict(sorted(entries.items()))}
        return atomic_write_text(self.root / "manifest.json", json.dumps(doc, indent=1, sort_keys=True) + "\n")

    def prune(self, keep: Iterable[str]) -> int:
        """Delete cache entries (and stray temporary files) whose key is not in keep; returns how many."""
        wanted = set(keep)
        removed = 0
        if not self.entries.is_dir():
            return 0
        for path in self.entries.rglob("*"):
            if path.is_file() and (path.suffix != ".pickle" or path.stem not in wanted):
                path.unlink(missing_ok=True)
                removed += 1
        return removed
