"""Loading and cleaning articles: formats, sidecars, boilerplate cutting, normalisation and bad input."""

from __future__ import annotations

import json
import shutil
import unicodedata
from pathlib import Path

import pytest

from extractors.article import (
    ArticleLoadError,
    Problem,
    boilerplate_markers,
    cut_boilerplate,
    load_article,
    load_articles,
    normalise_text,
    safe_id,
    split_title,
)
from extractors.facts import DateValue

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "articles"
GOOD, BAD = FIXTURES / "good", FIXTURES / "bad"
SEED_000 = SEEDS / "000_1997b1c9d2f034b5.txt"
SEED_003 = SEEDS / "003_e1e74b58657a6300.txt"


# --- the seeds -----------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seeds() -> dict:
    result = load_articles([SEEDS])
    assert result.problems == []
    return {a.id: a for a in result.articles}


def test_article_seed_000_cuts_comment_widget_and_recent_news(seeds: dict) -> None:
    article = seeds["000_1997b1c9d2f034b5"]
    raw = SEED_000.read_text(encoding="utf-8")
    after_comment = raw[raw.index("\nComment\n") :]
    for line in (ln.strip() for ln in after_comment.split("\n")):
        if len(line) > 12:  # every substantial line from the comment widget onward is gone
            assert line not in article.text, line
    for gone in ("Comment", "500/500", "Recent news", "Mường Thanh rice field", "Quài Tở"):
        assert gone not in article.text
    assert article.text.endswith("should be effectively carried out.\n\nPhạm Trung")
    assert article.text.split("\n")[-1] == "Phạm Trung"
    assert raw.startswith(article.text)  # cleaning only cut the tail: offsets match the file's own


def test_article_seed_000_title_body_and_metadata(seeds: dict) -> None:
    article = seeds["000_1997b1c9d2f034b5"]
    assert article.title == "Điện Biên Phủ Strives for a Minimum Economic Growth Rate of 10.5% in 2024"
    assert article.text.startswith(article.title + "\n")
    assert article.text[article.body_start :].startswith("ĐBP - The 20th session of the 14th Provincial Party")
    assert article.path == str(SEED_000)
    assert (article.province, article.province_basis) == ("Điện Biên", "inferred")
    assert (article.published, article.date_basis) == (DateValue("2024-07", "2024-07-05", "2024-07-31"), "text")
    assert article.url is None and article.warnings == ()


def test_article_seed_003_title_from_its_sidecar_and_loses_the_widget(seeds: dict) -> None:
    article = seeds["003_e1e74b58657a6300"]
    # no headline line in the text (the body starts at 0); the title comes from 003's NAME.meta.json and
    # leaves the text, and so every evidence offset, as it was
    assert article.body_start == 0
    assert article.title == "Minister of Finance works with Điện Biên on reaching its 2025 growth target"
    assert article.warnings == ()
    assert article.text.startswith("Provincial Party Secretary Trần Tiến Dũng, along with comrades")
    assert article.text.endswith("at the Thanh Nưa commune People’s Committee.")  # curly apostrophe kept
    assert "characters" not in article.text and "Please enter" not in article.text
    assert (article.province, article.published.value, article.date_basis) == ("Điện Biên", "2025", "inferred")


def test_article_without_title_uses_its_opening_words_with_a_warning(tmp_path) -> None:
    path = tmp_path / "untitled.txt"
    path.write_text("Provincial Party Secretary Trần Tiến Dũng, along with comrades from the Standing Board, "
                    "worked with the delegation on July 5, 2025.\n", encoding="utf-8")
    article = load_article(path)
    assert article.title == "Provincial Party Secretary Trần Tiến Dũng, along with comrades from the Standing…"
    assert article.warnings == ("no title; using the opening words: " + repr(article.title),)


def test_article_seed_ids_and_order_are_deterministic() -> None:
    first = load_articles([SEEDS])
    second = load_articles([SEEDS / "003_e1e74b58657a6300.txt", SEEDS])  # a file given twice is read once
    assert [a.id for a in first.articles] == ["000_1997b1c9d2f034b5", "003_e1e74b58657a6300"]
    assert first.articles == load_articles([SEEDS]).articles
    assert sorted(a.id for a in second.articles) == [a.id for a in first.articles]


# --- normalisation -------------------------------------------------------------------------------------------


def test_article_nfd_input_becomes_nfc(tmp_path: Path) -> None:
    text = "Điện Biên leaders meet\n\nTrần Quốc Cường chaired the meeting in Điện Biên in 2024.\n"
    nfd = unicodedata.normalize("NFD", text)
    assert nfd != text
    (tmp_path / "nfd.txt").write_text(nfd, encoding="utf-8")
    article = load_article(tmp_path / "nfd.txt")
    assert unicodedata.is_normalized("NFC", article.text)
    assert article.text == text.strip()
    assert "Trần Quốc Cường" in article.text and article.province == "Điện Biên"


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Title\r\n\r\nBody line.\r\n", "Title\n\nBody line."),
        ("Title\rBody", "Title\nBody"),
        ("\ufeffTitle\n\n\n\n\nBody  \n", "Title\n\nBody"),
        ("A\u00a0B\u200bC\tD", "A BC D"),
        ("“Quoted” – dash’s", "“Quoted” – dash’s"),
        (unicodedata.normalize("NFD", "Mường Thanh"), "Mường Thanh"),
    ],
)
def test_article_normalise_text_table(raw: str, clean: str) -> None:
    assert normalise_text(raw) == clean
    assert normalise_text(clean) == clean


@pytest.mark.parametrize(
    ("stem", "safe"),
    [
        ("000_1997b1c9d2f034b5", "000_1997b1c9d2f034b5"),
        ("Điện Biên report", "Dien-Bien-report"),
        ("a/b?c#d", "a-b-c-d"),
        ("--", "article"),
    ],
)
def test_article_safe_id_table(stem: str, safe: str) -> None:
    assert safe_id(stem) == safe


# --- boilerplate ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Title\n\nBody.\n\nPhạm Trung\nComment\n\nYou have 500/500 characters left", "Title\n\nBody.\n\nPhạm Trung"),
        ("Title\n\nBody.\nYou have 500/500 characters left\nPlease enter 5 or more characters!!!", "Title\n\nBody."),
        ("Title\n\nBody.\n\nRelated news\n  • Other story", "Title\n\nBody."),
        ("Title\n\nBody.\n\nRead more:\nOther story", "Title\n\nBody."),
        ("Title\n\nBody.\n\nTags: politics, economy", "Title\n\nBody."),
        ("Title\n\nBody.\n\nMost read\nOther story", "Title\n\nBody."),
        ("Title\n\nThe comment period closes soon. Read more carefully.", "Title\n\nThe comment period closes soon. Read more carefully."),
    ],
)
def test_article_cut_boilerplate_table(text: str, kept: str) -> None:
    _, body_start = split_title(text)
    cleaned = cut_boilerplate(text, body_start)
    assert cleaned == kept
    assert text.startswith(cleaned)  # offsets into the kept text never move


def test_article_boilerplate_markers_are_data() -> None:
    markers = boilerplate_markers()
    assert len(markers) >= 8
    assert any(m.fullmatch("Comment") for m in markers)
    assert any(m.fullmatch("Recent news") for m in markers)


@pytest.mark.parametrize(
    ("text", "title", "body"),
    [
        ("Short title\n\nBody text.", "Short title", "Body text."),
        ("A long first sentence that ends with a period.\nMore.", "", "A long first sentence"),
        ("Only one line", "", "Only one line"),
        ("x" * 250 + "\n\nBody.", "", "x"),
    ],
)
def test_article_split_title_table(text: str, title: str, body: str) -> None:
    got_title, body_start = split_title(text)
    assert got_title == title
    assert text[body_start:].startswith(body)


# --- formats -------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def fixtures() -> dict:
    result = load_articles([GOOD])
    return {"articles": {a.id: a for a in result.articles}, "problems": result.problems}


@pytest.mark.parametrize(
    ("article_id", "title", "url", "published", "basis", "province", "province_basis"),
    [
        ("lai_chau_session", "Lai Châu Council Reviews Spending Plans for 2025", None, "2025-03", "text", "Lai Châu", "inferred"),
        ("son_la_report", "Sơn La sets out its tasks for the new term", "https://example.org/son-la/tasks", "2025-03-14", "metadata", "Sơn La", "metadata"),
        ("heading_only", "Hà Giang opens a border trade fair", None, "2023-10", "text", "Hà Giang", "inferred"),
        ("quang_ninh_page", "Quảng Ninh speeds up coastal road works", "https://news.example.org/quang-ninh-coastal-road", "2024-11-08", "metadata", "Quảng Ninh", "inferred"),
        ("feed_1", "Cà Mau lifts shrimp output", "https://example.org/ca-mau-shrimp", "2024-10", "metadata", "Cà Mau", "metadata"),
        ("feed_2", "Kon Tum reports forest cover figures", None, "2024", "inferred", "Kon Tum", "inferred"),
        ("with_sidecar", "Cao Bằng courts tourism investors", "https://example.org/cao-bang-investors", "2025-05-09", "metadata", "Cao Bằng", "metadata"),
    ],
)  # fmt: skip
def test_article_formats_table(
    fixtures: dict, article_id, title, url, published, basis, province, province_basis
) -> None:
    article = fixtures["articles"][article_id]
    got = (article.title, article.url, article.published.value, article.date_basis, article.province, article.province_basis)
    assert got == (title, url, published, basis, province, province_basis)
    assert unicodedata.is_normalized("NFC", article.text)
    assert article.text[article.body_start :].strip()
    assert article.body_start == 0 or article.text[: article.body_start].strip() == article.text.split("\n")[0]


def test_article_txt_keeps_byline_and_cuts_related_news(fixtures: dict) -> None:
    article = fixtures["articles"]["lai_chau_session"]
    assert article.text.split("\n")[-1] == "Vũ Lan Hương"
    assert "Related news" not in article.text and "tea hills" not in article.text


def test_article_markdown_front_matter_and_markup(fixtures: dict) -> None:
    article = fixtures["articles"]["son_la_report"]
    assert article.text.startswith("Sơn La sets out its tasks for the new term\n\nOn Thursday")
    assert article.text.count("Sơn La sets out its tasks") == 1  # the heading is the title line, not repeated
    for gone in ("---", "published:", "**", "](", "# ", "Tags:"):
        assert gone not in article.text
    assert "the Sơn La Provincial Party Committee met to agree on key tasks" in article.text


def test_article_html_keeps_main_text_only(fixtures: dict) -> None:
    article = fixtures["articles"]["quang_ninh_page"]
    assert article.site_name == "Example Provincial News"
    assert "Vice Chairman of the Provincial People's Committee Nguyễn Văn Công" in article.text
    assert "new resettlement areas built by the province." in article.text
    for gone in ("Home", "Politics", "Great news", "section near my village", "500/500", "Related news",
                 "Bắc Giang hosts", "Copyright"):  # fmt: skip
        assert gone not in article.text, gone


def test_article_jsonl_one_article_per_line_and_bad_lines_reported(fixtures: dict) -> None:
    articles = fixtures["articles"]
    assert articles["feed_1"].path.endswith("feed.jsonl:1")
    assert articles["feed_2"].text.startswith("Kon Tum reports forest cover figures\n\nKon Tum said")
    jsonl_problems = [p for p in fixtures["problems"] if "feed.jsonl" in p.path]
    assert [(Path(p.path).name, p.fatal) for p in jsonl_problems] == [("feed.jsonl:3", False), ("feed.jsonl:4", False)]
    assert "not valid JSON" in jsonl_problems[0].message and "'text'" in jsonl_problems[1].message


def test_article_sidecar_overrides_inferred_values(fixtures: dict) -> None:
    article = fixtures["articles"]["with_sidecar"]
    assert article.site_name == "Example Border News"
    assert article.published == DateValue("2025-05-09", "2025-05-09", "2025-05-09")
    assert article.text.startswith("Cao Bằng welcomes investors")  # the text's own title line stays in the text


def test_article_good_fixtures_load_without_other_problems(fixtures: dict) -> None:
    assert sorted(fixtures["articles"]) == sorted(
        ["feed_1", "feed_2", "heading_only", "lai_chau_session", "quang_ninh_page", "son_la_report", "with_sidecar"]
    )
    assert all("feed.jsonl" in p.path for p in fixtures["problems"])


def test_article_bad_sidecar_and_unknown_metadata(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Title\n\nText about Sơn La in 2024.", encoding="utf-8")
    (tmp_path / "a.meta.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Title\n\nText about Sơn La in 2024.", encoding="utf-8")
    (tmp_path / "b.meta.json").write_text(json.dumps({"published": "someday", "province": "Atlantis"}), encoding="utf-8")
    result = load_articles([tmp_path / "a.txt", tmp_path / "b.txt"])
    assert [(Path(p.path).name, p.fatal) for p in result.problems] == [("a.txt", True)]
    assert "a.meta.json is not valid JSON" in result.problems[0].message
    (article,) = result.articles
    assert article.date_basis == "inferred" and article.published.value == "2024"
    assert (article.province, article.province_basis) == ("Atlantis", "metadata")
    assert any("someday" in w for w in article.warnings) and any("Atlantis" in w for w in article.warnings)


# --- bad input -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("empty.txt", "empty file"),
        ("binary.txt", "binary file"),
        ("latin1.txt", "not valid UTF-8 (byte 0xe9 at offset 3); it looks like cp1252/latin-1"),
    ],
)
def test_article_bad_explicit_file_is_fatal(name: str, message: str) -> None:
    result = load_articles([BAD / name])
    assert result.articles == []
    assert result.problems == [Problem(str(BAD / name), result.problems[0].message, True)]
    assert message in result.problems[0].message
    with pytest.raises(ArticleLoadError, match=name):
        result.raise_for_fatal()
    with pytest.raises(ArticleLoadError, match=message.split(" (")[0]):
        load_article(BAD / name)


def test_article_bad_files_in_folder_are_skipped_with_warnings() -> None:
    result = load_articles([FIXTURES])
    assert len(result.articles) == 7
    bad = {Path(p.path).name: p for p in result.problems if p.path.startswith(str(BAD))}
    assert sorted(bad) == ["binary.txt", "empty.txt", "latin1.txt"]
    assert not any(p.fatal for p in result.problems)
    assert str(bad["empty.txt"]) == f"warning: {BAD / 'empty.txt'}: empty file (0 bytes)"


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: d / "missing.txt", "no such file or directory"),
        (lambda d: (d / "empty_dir").mkdir() or d / "empty_dir", "folder holds no articles"),
        (lambda d: (d / "notes.pdf").write_bytes(b"%PDF") and d / "notes.pdf", "unsupported file type '.pdf'"),
        (lambda d: (d / "blank.md").write_text("  \n\n ") and d / "blank.md", "empty file (only whitespace)"),
        (lambda d: (d / "nav.htm").write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>") and d / "nav.htm",
         "no article text found in the HTML page"),
        (lambda d: (d / "junk.txt").write_text("Title\n\nComment\nYou have 5/5 characters left") and d / "junk.txt",
         "no article text left after removing boilerplate"),
    ],
)  # fmt: skip
def test_article_bad_paths_give_one_clear_fatal_problem(tmp_path: Path, make, message: str) -> None:
    path = make(tmp_path)
    result = load_articles([path])
    assert len(result.problems) == 1
    (problem,) = result.problems
    assert problem.fatal and problem.path == str(path) and message in problem.message


def test_article_duplicate_ids_are_reported(tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    shutil.copy(SEED_000, tmp_path / "same.txt")
    shutil.copy(SEED_003, tmp_path / "x" / "same.txt")
    result = load_articles([tmp_path])
    assert [a.path for a in result.articles] == [str(tmp_path / "same.txt")]
    assert len(result.problems) == 1 and "already used" in result.problems[0].message


@pytest.mark.parametrize(("text", "published", "province"), [
    # dated only "2025": before or after 1 July is not known, so the Phú Yên paper's province stays Phú Yên
    ("Phu Yen reviews its plan\n\nThe provincial conference in 2025 reviewed the plan for Phu Yen.", None, "Phú Yên"),
    # dated after the merger: the paper's province is now part of Đắk Lắk
    ("Phu Yen reviews its plan\n\nThe provincial conference reviewed the plan.", "2025-09-02", "Đắk Lắk"),
    ("Phu Yen reviews its plan\n\nThe provincial conference reviewed the plan.", "2025-03-02", "Phú Yên"),
])
def test_article_site_province_across_the_2025_merger(tmp_path, text: str, published: str | None,
                                                      province: str) -> None:
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    meta = {"url": "https://en.baophuyen.vn/politics/a.html", **({"published": published} if published else {})}
    (tmp_path / "a.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    assert load_article(path).province == province
