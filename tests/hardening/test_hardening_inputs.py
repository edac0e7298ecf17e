"""Hostile input: a corpus of everything a careless or broken export produces, ingested in one go.

Nothing may crash; every good document is stored; every bad one is a ``Rejection`` whose reason a
person can act on; and the accounting adds up (read == new + duplicate + rejected).
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from dyad.pipeline import ingest
from dyad.store import Store

GOOD = "Syria and Lebanon held talks in Beirut on Sunday.\n"


def _write(root: Path) -> dict[str, Callable[[Path], object]]:
    """Write the corpus; return the files, each with how it is made (names tell what they test)."""
    files: dict[str, Callable[[Path], object]] = {
        "binary.txt": lambda p: p.write_bytes(bytes(range(256)) * 64),
        "nul_bytes.txt": lambda p: p.write_bytes(b"Jordan\x00 and\x00 Egypt met in Amman.\x00\n"),
        "utf16_bom.txt": lambda p: p.write_bytes("Iraq and Iran signed a deal in Baghdad.\n".encode("utf-16")),
        "utf16_nobom.txt": lambda p: p.write_bytes("Qatar and Oman held talks in Doha.\n".encode("utf-16-le")),
        "latin1.txt": lambda p: p.write_bytes("Le président de la France a visité Beyrouth.\n".encode("latin-1")),
        "cp1252.txt": lambda p: p.write_bytes("Turkey\u2019s minister \u201cwelcomed\u201d Egypt\u2019s envoy.\n"
                                              .encode("cp1252")),
        "empty.txt": lambda p: p.write_bytes(b""),
        "whitespace.txt": lambda p: p.write_text("  \n\t\n \r\n   \n"),
        "page.html": lambda p: p.write_text(
            "<html><head><title>Talks</title><style>body{color:red}</style>"
            "<script>alert('Israel attacked Gaza')</script></head><body><p>Egypt and Libya held talks in Cairo on"
            " Monday.</p><script>var x = 'Syria bombed Lebanon';</script></body></html>"),
        "mixed.jsonl": lambda p: p.write_text(
            json.dumps({"id": "j1", "text": "Saudi Arabia and Yemen held talks on Tuesday."}) + "\n"
            + "{not json at all\n" + "[1, 2, 3]\n" + json.dumps({"id": "j2", "text": ""}) + "\n"
            + json.dumps({"id": "j3", "text": "Jordan and Iraq signed an agreement in Amman."}) + "\n"),
        "ragged.csv": lambda p: p.write_text(
            'id,title,text\nc1,Talks,"Lebanon and Cyprus held talks.\nThey met again, in Nicosia."\n'
            "c2,Missing text\nc3,Extra,Morocco and Algeria met in Rabat.,surplus,columns\n"),
        "bad_date.txt": lambda p: p.write_text("Talks in Tunis\n date 2025-13-45 TUNIS \u2014 Tunisia met Libya.\n"),
        "only_names.txt": lambda p: p.write_text(" ".join(["Ahmad Hajjar", "Anne-Claire Legendre", "Hadi Hashem"] * 9)),
        "long_article.txt": lambda p: p.write_text("Syria met Lebanon. " * 300),
    }
    for name, make in files.items():
        make(root / name)
    return files


def _hostile_folder(root: Path) -> bool:
    """A sub-folder with a link loop and an unreadable file; True if the file really is unreadable."""
    sub = root / "sub"
    sub.mkdir()
    (sub / "loop").symlink_to(root, target_is_directory=True)
    locked = sub / "locked.txt"
    locked.write_text(GOOD)
    locked.chmod(0)
    try:
        locked.read_bytes()
    except PermissionError:
        return True
    return False  # running as root: chmod 000 does not stop the owner


@pytest.fixture
def corpus(tmp_path: Path) -> tuple[Path, bool]:
    root = tmp_path / "corpus"
    root.mkdir()
    _write(root)
    return root, _hostile_folder(root)


def test_hostile_corpus_is_ingested_without_crash_and_every_document_is_accounted_for(
    corpus: tuple[Path, bool], tmp_path: Path
) -> None:
    root, locked = corpus
    started = time.perf_counter()
    with Store(tmp_path / "h.db") as store:
        summary = ingest([str(root)], store)
        rejected = {Path(r.origin.split(":")[0]).name: r.reason for r in summary.rejected}
        assert summary.read == summary.new + summary.duplicate + len(summary.rejected) == summary.offered
        stored = {r[0] for r in store.conn.execute("SELECT name FROM documents")}
        kept = {(r.origin, r.reason) for r in store.rejections()}
    assert {(r.origin, r.reason) for r in summary.rejected} <= kept
    assert time.perf_counter() - started < 60
    # The link loop is not followed back into the corpus: no file is offered twice.
    assert summary.duplicate == 0, rejected
    for name in ("utf16_bom.txt", "utf16_nobom.txt", "latin1.txt", "cp1252.txt",
                 "page.html", "only_names.txt", "long_article.txt", "bad_date.txt"):
        assert name in stored, (name, rejected.get(name))
    assert {"j1", "j3", "c1", "c3"} <= stored, stored
    assert "empty.txt" in rejected and "whitespace.txt" in rejected and "binary.txt" in rejected
    assert "binary" in rejected["nul_bytes.txt"]  # NUL bytes that are not UTF-16: not text
    for name, reason in rejected.items():
        assert len(reason) > 10 and "Traceback" not in reason, (name, reason)
    assert sum(1 for r in summary.rejected if "mixed.jsonl" in r.origin) == 3
    assert any("ragged.csv" in r.origin for r in summary.rejected)
    assert ("locked.txt" in rejected) == locked
    if locked:
        assert "cannot read" in rejected["locked.txt"]


def test_text_decoded_from_legacy_encodings_and_html_is_the_words_not_the_markup(
    corpus: tuple[Path, bool], tmp_path: Path
) -> None:
    root, _ = corpus
    names = ["latin1.txt", "cp1252.txt", "page.html", "utf16_nobom.txt"]
    with Store(tmp_path / "t.db") as store:
        ingest([str(root / n) for n in names], store)
        text = {r[0]: r[1] for r in store.conn.execute("SELECT name, text FROM documents")}
    assert "président" in text["latin1.txt"] and "Beyrouth" in text["latin1.txt"]
    assert "\u201cwelcomed\u201d" in text["cp1252.txt"]
    assert "Egypt and Libya" in text["page.html"]
    assert "alert" not in text["page.html"] and "color:red" not in text["page.html"]
    assert "Syria bombed" not in text["page.html"]
    assert "Qatar and Oman" in text["utf16_nobom.txt"]


def test_re_ingesting_the_hostile_corpus_stores_nothing_new(corpus: tuple[Path, bool], tmp_path: Path) -> None:
    root, _ = corpus
    small = [str(root / n) for n in ("mixed.jsonl", "ragged.csv", "empty.txt", "latin1.txt")]
    with Store(tmp_path / "r.db") as store:
        first = ingest(small, store)
        again = ingest(small, store)
        rejections = store.rejections()
    assert (again.read, again.new, again.duplicate) == (first.read, 0, first.new)
    assert len(again.rejected) == len(first.rejected)
    assert len(rejections) == len(first.rejected)  # the same rejection twice is kept once


@pytest.mark.slow
@pytest.mark.parametrize("text", [("Kuwait and Bahrain met " * 45_000)[:1_000_000] + ".",
                                  "Syria met Lebanon. " * 10_000], ids=["one-1MB-line", "10000-sentences"])
def test_huge_documents_are_stored(tmp_path: Path, text: str) -> None:
    # Measured: coding time grows faster than linearly (500 sentences 0.2 s, 2,000 2.1 s, 10,000 94 s).
    (tmp_path / "huge.txt").write_text(text)
    with Store(tmp_path / "u.db") as store:
        summary = ingest([str(tmp_path / "huge.txt")], store)
    assert (summary.new, summary.rejected) == (1, [])


@pytest.mark.slow
def test_a_50_megabyte_file_is_rejected_with_the_limit_in_the_reason(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("w") as handle:
        for _ in range(50):
            handle.write("Syria met Lebanon. " * 55_000 + "\n")
    with Store(tmp_path / "b.db") as store:
        summary = ingest([str(big)], store)
    assert summary.new == 0 and len(summary.rejected) == 1
    assert "over the limit" in summary.rejected[0].reason
    assert os.path.getsize(big) > 50_000_000
