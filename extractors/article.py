"""Load articles from files and folders (.txt, .md, .html/.htm, .jsonl + NAME.meta.json sidecars) and clean them.

The cleaned Article.text is what every evidence offset points into: all normalisation (NFC, line endings, odd
spaces) and boilerplate cutting happen here, before the text is fixed, and nothing touches it afterwards.
Bad input never raises mid-way: each bad file becomes one Problem naming the file and what is wrong with it.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urlparse
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from unidecode import unidecode

from .dates import article_date, parse_date_string
from .facts import Article
from .places import MERGER_DATE, ONTOLOGY_DIR, infer_province, lookup_place

ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm", ".jsonl")
SIDECAR_SUFFIX = ".meta.json"
META_KEYS = ("url", "title", "published", "province", "site_name")
BOILERPLATE_FILE = ONTOLOGY_DIR / "boilerplate.txt"
MAX_TITLE_CHARS = 200
MIN_HTML_WORDS = 10


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong with one input: fatal for a path the user named, skip-and-warn for a file in a folder."""

    path: str
    message: str
    fatal: bool = False

    def __str__(self) -> str:
        return f"{'error' if self.fatal else 'warning'}: {self.path}: {self.message}"


class ArticleLoadError(Exception):
    """Raised by callers (LoadResult.raise_for_fatal, load_article) that want bad input to stop the run."""

    def __init__(self, problems: Sequence[Problem]):
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass(slots=True)
class LoadResult:
    """Loaded articles in input order, and every problem met on the way."""

    articles: list[Article] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def fatal(self) -> list[Problem]:
        return [p for p in self.problems if p.fatal]

    def raise_for_fatal(self) -> None:
        """Raise ArticleLoadError if any named input could not be loaded."""
        if self.fatal:
            raise ArticleLoadError(self.fatal)


class _Bad(Exception):
    """Internal: this file (or line) cannot be loaded; the message says why."""


# --- reading and normalising ---------------------------------------------------------------------------------


# Leading bytes of documents people save instead of text -> what to call them.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a Word/Office 97-2003 document"),
    (b"{\\rtf", "an RTF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
)
_ZIP = b"PK\x03\x04"
_ZIP_KINDS = ((b"word/", "a Word document (DOCX)"), (b"ppt/", "a PowerPoint file"), (b"xl/", "an Excel file"),
              (b"mimetypeapplication/vnd.oasis", "an OpenDocument file"), (b"mimetypeapplication/epub", "an EPUB"))


def sniff_document(data: bytes) -> str | None:
    """What a binary document is by its leading (magic) bytes: "a PDF", "a Word document (DOCX)", "a PNG image", ...;
    None for anything else. Checked before decoding, so a PDF saved as .txt gets a useful message."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if data[4:12] == b"ftypheic" or (data.startswith(b"RIFF") and data[8:12] == b"WEBP"):
        return "an image"
    if data.startswith(_ZIP):
        head = data[:4096]
        return next((kind for marker, kind in _ZIP_KINDS if marker in head), "a ZIP archive")
    return None


def decode_bytes(data: bytes) -> str:
    """UTF-8 (with or without BOM) text, or _Bad naming what the bytes are instead (empty, a PDF/DOCX/image,
    binary, another encoding)."""
    if not data:
        raise _Bad("empty file (0 bytes)")
    if kind := sniff_document(data):
        raise _Bad(f"looks like {kind}; convert it to text first")
    if b"\x00" in data:
        raise _Bad("binary file (contains NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        hint = "not UTF-8 and not text in any encoding we know"
        try:
            data.decode("cp1252")
            hint = "it looks like cp1252/latin-1 text: re-save it as UTF-8"
        except UnicodeDecodeError:
            pass
        raise _Bad(f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); {hint}") from None
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f")
    if controls > max(2, len(text) // 200):
        raise _Bad(f"binary file ({controls} control characters), not text")
    if not text.strip():
        raise _Bad("empty file (only whitespace)")
    return text


_SPACES = re.compile(r"[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_INVISIBLE = re.compile(r"[\ufeff\u200b\u200c\u200d\u2060\u00ad]")


def normalise_text(text: str) -> str:
    """NFC, \\n line endings, odd spaces made plain, invisible characters dropped, trailing spaces and runs of
    blank lines trimmed. Quotes, dashes and letters are kept as written."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = _INVISIBLE.sub("", _SPACES.sub(" ", text))
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def safe_id(stem: str) -> str:
    """An article id usable inside an IRI path segment: ASCII letters, digits, '_', '-', '.'."""
    ascii_stem = unidecode(unicodedata.normalize("NFC", stem))
    slug = re.sub(r"[^A-Za-z0-9_.-]+", "-", ascii_stem).strip("-.")
    return re.sub(r"-{2,}", "-", slug) or "article"


# --- cleaning ------------------------------------------------------------------------------------------------


@cache
def boilerplate_markers() -> tuple[re.Pattern[str], ...]:
    """The line patterns of ontology/boilerplate.txt, each matched against a whole stripped line."""
    patterns = []
    for n, line in enumerate(BOILERPLATE_FILE.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip() and not line.lstrip().startswith("#"):
            try:
                patterns.append(re.compile(line.strip(), re.IGNORECASE))
            except re.error as exc:
                raise ValueError(f"{BOILERPLATE_FILE}:{n}: bad pattern: {exc}") from None
    return tuple(patterns)


def boilerplate_start(text: str, start: int = 0) -> int | None:
    """Offset of the first line at or after `start` that begins other pages' material (comments, related news)."""
    offset = 0
    for line in text.split("\n"):
        if offset >= start and line.strip():
            stripped = line.strip().lstrip("•·*-–— ").strip()
            if any(p.fullmatch(stripped) for p in boilerplate_markers()):
                return offset
        offset += len(line) + 1
    return None


def cut_boilerplate(text: str, start: int = 0) -> str:
    """The text up to the first boilerplate line after `start`; a byline just before it stays (it is a line of
    its own above the marker). Nothing before the cut moves, so offsets into the kept part are unchanged."""
    cut = boilerplate_start(text, start)
    return text if cut is None else text[:cut].rstrip()


def _looks_like_title(line: str) -> bool:
    line = line.strip()
    return bool(line) and len(line) <= MAX_TITLE_CHARS and not line.endswith((".", ":", ";", ","))


def split_title(text: str) -> tuple[str, int]:
    """(title, body_start): the first line is the title when it is short and has no final period."""
    first, sep, rest = text.partition("\n")
    if not sep or not rest.strip() or not _looks_like_title(first):
        return "", 0
    return first.strip(), len(text) - len(rest.lstrip())


# --- formats -------------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Raw:
    """What one format reader found, before metadata overrides and cleaning."""

    text: str
    meta: dict[str, str] = field(default_factory=dict)


def _with_title(title: str, body: str) -> _Raw:
    """Text that starts with its title line (added when the body does not already start with it)."""
    title, body = normalise_text(title), normalise_text(body)
    if title and body.split("\n", 1)[0].strip().casefold() != title.casefold():
        return _Raw(f"{title}\n\n{body}" if body else title, {"title": title})
    return _Raw(body, {"title": title} if title else {})


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)", re.DOTALL)
_MD_HEADING = re.compile(r"^#{1,6}[ \t]+(.*?)[ \t#]*$", re.MULTILINE)
_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MD_STRONG = re.compile(r"(\*\*|__)(.+?)\1")


def _parse_front_matter(block: str) -> dict[str, str]:
    """`key: value` lines of a YAML-ish front matter block (quotes around values dropped)."""
    meta = {}
    for line in block.split("\n"):
        key, sep, value = line.partition(":")
        if sep and key.strip() and not line.startswith((" ", "#")):
            value = value.strip()
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                value = value[1:-1]
            meta[key.strip().lower().replace("-", "_")] = value
    return meta


def read_markdown(text: str) -> _Raw:
    """Markdown: front matter (title/url/published/province), headings and links made plain text."""
    text = normalise_text(text)
    meta: dict[str, str] = {}
    if m := _FRONT_MATTER.match(text):
        meta = _parse_front_matter(m.group(1))
        text = text[m.end() :]
    heading = _MD_HEADING.search(text)
    body = _MD_STRONG.sub(r"\2", _MD_LINK.sub(r"\1", _MD_IMAGE.sub(r"\1", _MD_HEADING.sub(r"\1", text))))
    title = meta.get("title") or (heading.group(1).strip() if heading and not text[: heading.start()].strip() else "")
    raw = _with_title(title, body)
    raw.meta = {**meta, **raw.meta}
    return raw


def read_html(html: str) -> _Raw:
    """A saved web page: main text and metadata by trafilatura (navigation, comments, related lists dropped)."""
    import trafilatura  # noqa: PLC0415 (slow import, only needed for HTML)

    doc = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        favor_precision=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    words = len((doc.text or "").split()) if doc is not None else 0
    if words < MIN_HTML_WORDS:  # a page of navigation only: trafilatura may hand back a menu word or two
        raise _Bad(f"no article text found in the HTML page ({words} words outside the page furniture)")
    raw = _with_title(doc.title or "", doc.text)
    for key, value in (("url", doc.url), ("published", doc.date), ("site_name", doc.sitename)):
        if value:
            raw.meta[key] = str(value)
    return raw


def _meta_from(record: dict, where: str) -> dict[str, str]:
    """The known metadata keys of a JSON object, as stripped strings (null/empty values ignored)."""
    meta = {}
    for key in META_KEYS + ("sitename", "date"):
        value = record.get(key)
        if value is None or value == "":
            continue
        if not isinstance(value, str | int):
            raise _Bad(f"{where}: '{key}' must be a string, not {type(value).__name__}")
        meta[{"sitename": "site_name", "date": "published"}.get(key, key)] = str(value).strip()
    return meta


def read_sidecar(path: Path) -> dict[str, str]:
    """NAME.meta.json next to an article: url, title, published, province, site_name (override inferred ones)."""
    try:
        record = json.loads(decode_bytes(path.read_bytes()))
    except _Bad as exc:
        raise _Bad(f"sidecar {path.name}: {exc}") from None
    except json.JSONDecodeError as exc:
        raise _Bad(f"sidecar {path.name} is not valid JSON ({exc.msg} at line {exc.lineno})") from None
    if not isinstance(record, dict):
        raise _Bad(f"sidecar {path.name} must hold a JSON object")
    return _meta_from(record, f"sidecar {path.name}")


def sidecar_path(path: Path) -> Path:
    return path.with_name(path.name[: -len(path.suffix)] + SIDECAR_SUFFIX)


# --- building Articles ---------------------------------------------------------------------------------------


def lead_title(body: str, words: int = 12) -> str:
    """A stand-in title for an untitled article: its opening words, cut at a word boundary."""
    first = body.strip().split("\n", 1)[0].split()
    return " ".join(first[:words]).rstrip(",;:") + ("…" if len(first) > words else "")


# Vietnamese words that carry grammar (of, and, is, the plural markers, was, in, with, ...) and never occur in English
# prose, and the English words of the same role. Names written with diacritics ("Trần Tiến Dũng") are common in
# English articles about Vietnam, so the diacritics alone do not tell the language; these words do.
_VI_WORDS = frozenset("của và là các những được trong cho với có không này đã người một theo từ để đến về khi "
                      "cũng như đó sẽ tại bị thì nhưng ra làm vào năm".split())
_EN_WORDS = frozenset("the of and to in a is that for on with was as by are from at this be has have it".split())


def language_problem(text: str) -> str | None:
    """"looks like Vietnamese; ..." when the text reads as Vietnamese rather than English, else None.

    A light heuristic, offline and without a model: Vietnamese function words outnumber English ones (at least
    five of them, so a quoted Vietnamese phrase in an English article does not count).
    """
    words = re.findall(r"\w+", text.lower())
    vi = sum(1 for w in words if w in _VI_WORDS)
    en = sum(1 for w in words if w in _EN_WORDS)
    if vi >= 5 and vi > 2 * en:
        return "looks like Vietnamese; govkg reads English-language articles"
    return None


def build_article(article_id: str, path: str, raw: _Raw) -> Article:
    """Clean the text, then fill title, date and province (metadata first, inferred from the text otherwise).

    Text that is not English is refused (_Bad) here, so every format and every .jsonl line is checked.
    """
    meta = raw.meta
    text = normalise_text(raw.text)
    if problem := language_problem(text):
        raise _Bad(problem)
    detected_title, body_start = split_title(text)
    text = cut_boilerplate(text, body_start or 1)
    if not text[body_start:].strip():
        raise _Bad("no article text left after removing boilerplate")
    warnings = []
    published_meta = meta.get("published")
    if published_meta and parse_date_string(published_meta) is None:
        warnings.append(f"published {published_meta!r} is not a date; the date is read from the text instead")
        published_meta = None
    published, basis = article_date(text, published_meta)
    if published is None:
        warnings.append("no date: neither metadata nor the text gives a year")
    province_meta = meta.get("province")
    if province_meta and lookup_place(province_meta) is None:
        warnings.append(f"province {province_meta!r} is not in ontology/places.tsv; kept as written")
    host = urlparse(meta["url"]).hostname if meta.get("url") else meta.get("site_name")
    # a date known only to a span that straddles the 2025 reorganisation ("2025") says neither before nor after it
    on = published.latest if published and not published.earliest < MERGER_DATE <= published.latest else None
    province, province_basis = infer_province(text, province_meta, host, on)
    title = normalise_text(meta.get("title") or detected_title)
    if not title:
        title = lead_title(text[body_start:])
        warnings.append(f"no title; using the opening words: {title!r}")
    return Article(
        id=article_id,
        path=path,
        text=text,
        title=title,
        url=meta.get("url") or None,
        site_name=meta.get("site_name") or None,
        published=published,
        date_basis=basis,
        province=province.label if province else None,
        province_basis=None if province is None else ("metadata" if province_basis == "metadata" else "inferred"),
        body_start=body_start,
        warnings=tuple(warnings),
    )


def _articles_in_file(path: Path) -> Iterator[Article | Problem]:
    """Articles of one file (several for .jsonl); per-line problems of a .jsonl come out as Problems."""
    suffix = path.suffix.lower()
    text = decode_bytes(path.read_bytes())
    stem = path.name[: -len(path.suffix)]
    meta: dict[str, str] = {}
    if suffix != ".jsonl" and sidecar_path(path).exists():
        meta = read_sidecar(sidecar_path(path))
    if suffix == ".jsonl":
        yield from _jsonl_articles(path, text, stem)
        return
    if suffix == ".md":
        raw = read_markdown(text)
    elif suffix in (".html", ".htm"):
        raw = read_html(text)
    else:
        raw = _Raw(text)
    raw.meta.update(meta)
    yield build_article(safe_id(stem), str(path), raw)


def _jsonl_articles(path: Path, text: str, stem: str) -> Iterator[Article | Problem]:
    """One article per JSON line (text, title, url, published, province); id = file stem + line number."""
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        where = f"{path}:{n}"
        try:
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise _Bad(f"not valid JSON ({exc.msg})") from None
            if not isinstance(record, dict) or not isinstance(record.get("text"), str) or not record["text"].strip():
                raise _Bad("each line must be a JSON object with a non-empty 'text'")
            meta = _meta_from(record, "line")
            raw = _with_title(meta.get("title", ""), record["text"])
            raw.meta = {**meta, **raw.meta}
            yield build_article(safe_id(f"{stem}_{n}"), where, raw)
        except _Bad as exc:
            yield Problem(where, str(exc), fatal=False)


def _folder_files(folder: Path) -> list[Path]:
    """Files under a folder, recursively, in a stable order; hidden files and folders skipped."""
    files = [
        p
        for p in folder.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    ]
    return sorted(files, key=lambda p: p.relative_to(folder).as_posix())


def _sniff_file(path: Path) -> str | None:
    """sniff_document on a file's first bytes; None when it cannot be read (the caller reports the file type)."""
    try:
        with path.open("rb") as f:
            return sniff_document(f.read(4096))
    except OSError:
        return None


def load_articles(inputs: Sequence[Path | str]) -> LoadResult:
    """Load every article under the given files and folders, in a deterministic order.

    A bad path the caller named is a fatal Problem; a bad file found inside a folder is skipped with a warning.
    """
    result = LoadResult()
    seen_files: set[Path] = set()
    seen_ids: dict[str, str] = {}

    def add(path: Path, fatal: bool) -> None:
        resolved = path.resolve()
        if resolved in seen_files:
            return
        seen_files.add(resolved)
        try:
            for item in _articles_in_file(path):
                if isinstance(item, Problem):
                    result.problems.append(item)
                elif item.id in seen_ids:
                    result.problems.append(
                        Problem(item.path, f"article id {item.id!r} already used by {seen_ids[item.id]}; skipped", fatal)
                    )
                else:
                    seen_ids[item.id] = item.path
                    result.articles.append(item)
        except _Bad as exc:
            result.problems.append(Problem(str(path), str(exc), fatal))
        except OSError as exc:
            result.problems.append(Problem(str(path), f"cannot read: {exc.strerror or exc}", fatal))

    for given in inputs:
        path = Path(given)
        if not path.exists():
            result.problems.append(Problem(str(path), "no such file or directory", fatal=True))
        elif path.is_dir():
            files = _folder_files(path)
            articles = [p for p in files if p.suffix.lower() in ARTICLE_SUFFIXES]
            if not articles:
                kinds = ", ".join(ARTICLE_SUFFIXES)
                result.problems.append(Problem(str(path), f"folder holds no articles ({kinds})", fatal=True))
            for file in files:
                if file.suffix.lower() in ARTICLE_SUFFIXES:
                    add(file, fatal=False)
                elif file.name.endswith(SIDECAR_SUFFIX):
                    if not any(sidecar_path(a) == file for a in articles):
                        result.problems.append(Problem(str(file), "sidecar without an article next to it", False))
                else:
                    result.problems.append(Problem(str(file), f"skipped: not an article file ({file.suffix})", False))
        elif path.suffix.lower() not in ARTICLE_SUFFIXES:
            kinds = ", ".join(ARTICLE_SUFFIXES)
            kind = _sniff_file(path)
            problem = f"looks like {kind}; convert it to text first" if kind else (
                f"unsupported file type {path.suffix!r} (expected {kinds})")
            result.problems.append(Problem(str(path), problem, True))
        else:
            add(path, fatal=True)
    return result


def load_article(path: Path | str) -> Article:
    """One article from one file; raises ArticleLoadError naming the file and the problem."""
    result = load_articles([Path(path)])
    result.raise_for_fatal()
    if not result.articles:
        raise ArticleLoadError(result.problems or [Problem(str(path), "no article found", True)])
    return result.articles[0]
