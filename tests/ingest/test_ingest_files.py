"""Files and folders: HTML, encodings, binary and empty files, link loops, standard input, size limits."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from dyad.ingest import Limits, iter_documents
from dyad.types import Article, Rejection

TEXT = "BEIRUT — Lebanon’s minister met the envoy in the café on Sunday.\n\nThey agreed to meet again."
PAGE = """<!doctype html><html><head><title>Talks in Beirut</title>
<style>p { color: red }</style><script>var ads = "Ministers";</script></head>
<body><header><h1>Site name</h1></header><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Talks   in Beirut</h1><p>Ministers <b>met</b> on Sunday &amp; agreed.</p>
<p>They will meet again.<br>Officials said.</p></article>
<aside>Most read: other stories</aside><footer>© 2025 News</footer></body></html>"""


def read_one(path: Path) -> Article | Rejection:
    (item,) = iter_documents([str(path)])
    return item


def test_html_keeps_the_article_paragraphs_only(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    article = read_one(tmp_path / "page.html")
    assert isinstance(article, Article)
    assert article.title == "Talks in Beirut"
    paragraphs = ["Talks in Beirut", "Ministers met on Sunday & agreed.",
                  "They will meet again.\nOfficials said."]
    assert article.text == "\n\n".join(paragraphs)
    for furniture in ("color", "var ads", "Home", "Most read", "© 2025", "Site name"):
        assert furniture not in article.text


def test_html_without_a_title_takes_the_first_h1(tmp_path: Path) -> None:
    page = "<h1>Envoy visits Tripoli</h1><p>He met the minister.</p>"
    (tmp_path / "p.htm").write_text(page, encoding="utf-8")
    article = read_one(tmp_path / "p.htm")
    assert isinstance(article, Article) and article.title == "Envoy visits Tripoli"


@pytest.mark.parametrize(
    ("encoding", "note"),
    [
        ("utf-8", None),
        ("utf-8-sig", None),
        ("utf-16", None),
        ("utf-16-le", "decoded as utf-16-le: no byte-order mark, guessed from NUL bytes"),
        ("utf-16-be", "decoded as utf-16-be: no byte-order mark, guessed from NUL bytes"),
        ("cp1252", "decoded as cp1252: not valid UTF-8"),
    ],
)
def test_encodings_decode_to_the_same_text(tmp_path: Path, encoding: str, note: str | None) -> None:
    (tmp_path / "a.txt").write_bytes(TEXT.encode(encoding))
    article = read_one(tmp_path / "a.txt")
    assert isinstance(article, Article)
    assert article.text == TEXT and article.dateline == "BEIRUT"
    assert article.notes == ((note,) if note else ())


def test_arabic_utf16_without_a_bom_is_text_not_binary(tmp_path: Path) -> None:
    arabic = "التقى وزير الداخلية اللبناني بنظيره السوري في 2 تشرين الثاني. " * 5
    (tmp_path / "ar.txt").write_bytes(arabic.encode("utf-16-le"))
    article = read_one(tmp_path / "ar.txt")
    assert isinstance(article, Article) and article.text == arabic.strip()


def test_bytes_outside_cp1252_fall_back_to_latin1(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"Ministers met \x81 twice.")
    article = read_one(tmp_path / "a.txt")
    assert isinstance(article, Article)
    assert article.notes == ("decoded as latin-1: not valid UTF-8 or cp1252",)


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)) * 4,
        bytes(range(1, 32)) * 20,  # control characters without a NUL
    ],
)
def test_binary_files_are_rejected(tmp_path: Path, data: bytes) -> None:
    (tmp_path / "photo.txt").write_bytes(data)
    item = read_one(tmp_path / "photo.txt")
    assert isinstance(item, Rejection) and item.reason.startswith("binary file: ")
    assert item.name == "photo.txt"


@pytest.mark.parametrize("data", [b"", b"  \n\r\n\t  ", "\ufeff".encode()])
def test_empty_files_are_rejected(tmp_path: Path, data: bytes) -> None:
    (tmp_path / "e.txt").write_bytes(data)
    item = read_one(tmp_path / "e.txt")
    assert isinstance(item, Rejection) and "empty document" in item.reason


def test_a_folder_is_read_recursively_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("Third article.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("First article.", encoding="utf-8")
    (tmp_path / "c.htm").write_text("<p>Second article.</p>", encoding="utf-8")
    (tmp_path / "notes.md").write_text("Not read: unknown suffix.", encoding="utf-8")
    names = [item.name for item in iter_documents([str(tmp_path)])]
    assert names == ["b.txt", "c.htm", "z.txt"]


def test_a_link_loop_is_walked_once(tmp_path: Path) -> None:
    (tmp_path / "in" / "sub").mkdir(parents=True)
    (tmp_path / "in" / "a.txt").write_text("First article.", encoding="utf-8")
    (tmp_path / "in" / "sub" / "b.txt").write_text("Second article.", encoding="utf-8")
    os.symlink(tmp_path / "in", tmp_path / "in" / "sub" / "back")  # sub/back -> in: a loop
    names = [item.name for item in iter_documents([str(tmp_path / "in")])]
    assert names == ["a.txt", "b.txt"]


def test_unreadable_and_missing_files_are_rejections(tmp_path: Path) -> None:
    os.symlink(tmp_path / "gone.txt", tmp_path / "broken.txt")
    (item,) = iter_documents([str(tmp_path)])
    assert isinstance(item, Rejection) and item.name == "broken.txt" and item.reason.startswith("cannot read")
    (missing,) = iter_documents([str(tmp_path / "nowhere.txt")])
    assert isinstance(missing, Rejection) and "No such file" in missing.reason


def test_a_file_over_the_limit_is_rejected_without_reading(tmp_path: Path) -> None:
    (tmp_path / "big.txt").write_text("Ministers met. " * 10, encoding="utf-8")
    item = next(iter_documents([str(tmp_path / "big.txt")], limits=Limits(max_bytes=100)))
    assert isinstance(item, Rejection)
    assert item.reason == ("document is 150 bytes, over the limit of 100 bytes per document "
                           "(raise it with --max-bytes or Limits(max_bytes=...))")


def test_stdin_plain_text_is_one_document() -> None:
    stdin = io.StringIO(" date 2025-11-02 RIYADH: Ministers met.\n{not json}")
    (article,) = iter_documents(["-"], stdin=stdin)
    assert isinstance(article, Article)
    assert (article.name, article.dateline) == ("stdin", "RIYADH")
    assert article.text == "RIYADH: Ministers met.\n{not json}"


def test_stdin_bytes_are_decoded_like_a_file() -> None:
    class Stdin(io.StringIO):
        buffer = io.BytesIO(TEXT.encode("utf-16"))

    (article,) = iter_documents(["-"], stdin=Stdin())
    assert isinstance(article, Article) and article.text == TEXT


def test_every_offered_document_is_counted_once(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Ministers met.", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    (tmp_path / "c.jsonl").write_text('{"text": "One."}\nnot json\n{"text": "Two."}\n', encoding="utf-8")
    (tmp_path / "d.csv").write_text("text\nThree.\n\"\"\n", encoding="utf-8")
    items = list(iter_documents([str(tmp_path), "-"], stdin=io.StringIO("Four.")))
    kinds = [(item.name, type(item).__name__) for item in items]
    assert kinds == [("a.txt", "Article"), ("b.txt", "Rejection"), ("c.jsonl:1", "Article"),
                     ("c.jsonl:2", "Rejection"), ("c.jsonl:3", "Article"), ("d.csv:1", "Article"),
                     ("d.csv:2", "Rejection"), ("stdin", "Article")]
