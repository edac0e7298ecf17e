"""JSONL and CSV: one record, one article or rejection; FA-KES reads completely with the right dates."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from dyad.ingest import CsvOptions, Limits, iter_documents
from dyad.types import Article, Rejection

FAKES = Path(__file__).resolve().parents[2] / ".." / "shared" / "external" / "fakes" / "FA-KES-Dataset.csv"
FAKES_OPTIONS = CsvOptions(text_col="article_content", title_col="article_title", date_col="date",
                           id_col="unit_id", date_format="%m/%d/%Y")


def articles(items: list[Article | Rejection]) -> list[Article]:
    return [i for i in items if isinstance(i, Article)]


def rejections(items: list[Article | Rejection]) -> list[Rejection]:
    return [i for i in items if isinstance(i, Rejection)]


def test_jsonl_reads_fields_and_rejects_a_malformed_line_by_number(tmp_path: Path) -> None:
    good = {"id": "n1", "text": "Ministers met.", "title": "Talks", "published": "2025-11-02",
            "url": "https://example.org/n1", "source": "NNA"}
    lines = [json.dumps(good), "{not json", "", json.dumps({"text": "They agreed."}), "[1, 2]"]
    (tmp_path / "news.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(iter_documents([str(tmp_path / "news.jsonl")]))
    assert [type(i).__name__ for i in items] == ["Article", "Rejection", "Article", "Rejection"]
    first, second = articles(items)
    assert (first.name, first.title, first.published, first.url, first.source) == (
        "n1", "Talks", date(2025, 11, 2), "https://example.org/n1", "NNA")
    assert second.name == "news.jsonl:4"  # no id: the file and line
    bad = rejections(items)[0]
    assert bad.reason.startswith("line 2 of news.jsonl is not valid JSON")
    assert bad.origin.endswith("news.jsonl:2") and bad.name == "news.jsonl:2"
    assert "line 5 of news.jsonl is not a JSON object" in rejections(items)[1].reason


def test_jsonl_without_text_or_with_an_unreadable_date(tmp_path: Path) -> None:
    rows = [{"id": "a", "title": "No text"}, {"id": "b", "text": "Talks.", "published": "someday"}]
    (tmp_path / "x.jsonl").write_text("\n".join(map(json.dumps, rows)), encoding="utf-8")
    missing, undated = iter_documents([str(tmp_path / "x.jsonl")])
    assert isinstance(missing, Rejection) and missing.reason == "line 1 of x.jsonl: no text"
    assert isinstance(undated, Article) and undated.published is None
    assert undated.notes == ("unrecognised date 'someday': pass a strptime format with --date-format",)


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


def test_csv_keeps_embedded_newlines_and_rejects_rows_without_text(tmp_path: Path) -> None:
    write_csv(tmp_path / "c.csv", ["id", "text", "title", "published"], [
        ["r1", "TRIPOLI, Libya — Ministers met.\n\nThey agreed, \"firmly\".", "Talks", "2025-11-02"],
        ["r2", "   ", "Empty", ""],
        ["", "Second article.", "", "11/03/2025"],
        ["r4"],  # a short row: the text column is missing from it
    ])
    items = list(iter_documents([str(tmp_path / "c.csv")]))
    assert len(items) == 4
    first, third = articles(items)
    assert first.text == "TRIPOLI, Libya — Ministers met.\n\nThey agreed, \"firmly\"."
    assert (first.name, first.title, first.dateline, first.published) == ("r1", "Talks", "TRIPOLI, Libya",
                                                                          date(2025, 11, 2))
    assert (third.name, third.published) == ("c.csv:3", date(2025, 11, 3))
    assert [r.reason for r in rejections(items)] == ["row 2 of c.csv: no text", "row 4 of c.csv: no text"]


def test_csv_without_the_text_column_is_one_rejection_naming_the_columns(tmp_path: Path) -> None:
    write_csv(tmp_path / "c.csv", ["id", "body"], [["1", "Ministers met."]])
    (item,) = iter_documents([str(tmp_path / "c.csv")])
    assert isinstance(item, Rejection)
    assert item.reason == "no column 'text' in c.csv (columns: id, body); name it with --text-col"
    (article,) = iter_documents([str(tmp_path / "c.csv")], CsvOptions(text_col="body"))
    assert isinstance(article, Article) and article.name == "1"


def test_a_date_not_matching_the_given_format_is_noted(tmp_path: Path) -> None:
    write_csv(tmp_path / "c.csv", ["text", "published"], [["Ministers met.", "2025-11-02"]])
    (article,) = iter_documents([str(tmp_path / "c.csv")], CsvOptions(date_format="%m/%d/%Y"))
    assert isinstance(article, Article) and article.published is None
    assert article.notes == ("date '2025-11-02' does not match the format '%m/%d/%Y'",)


def test_a_record_over_the_size_limit_is_rejected_with_the_limit(tmp_path: Path) -> None:
    write_csv(tmp_path / "c.csv", ["text"], [["x" * 50], ["Short."]])
    big, small = iter_documents([str(tmp_path / "c.csv")], limits=Limits(max_bytes=20))
    assert isinstance(big, Rejection) and isinstance(small, Article)
    assert "50 bytes, over the limit of 20 bytes" in big.reason and "max_bytes" in big.reason


def test_cp1252_rows_in_a_utf8_csv_are_decoded_and_noted(tmp_path: Path) -> None:
    data = "text\nCaf\u00e9 talks.\n".encode() + "Lebanon\u2019s envoy.\n".encode("cp1252")
    (tmp_path / "m.csv").write_bytes(data)
    first, second = iter_documents([str(tmp_path / "m.csv")])
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.notes == () and second.text == "Lebanon\u2019s envoy."
    assert second.notes == ("decoded as cp1252: not valid UTF-8",)


def test_a_utf8_csv_with_a_bom_from_a_spreadsheet_finds_its_first_column(tmp_path: Path) -> None:
    (tmp_path / "b.csv").write_bytes("text,id\nMinisters met.,7\n".encode("utf-8-sig"))
    (article,) = iter_documents([str(tmp_path / "b.csv")])
    assert isinstance(article, Article) and (article.name, article.text) == ("7", "Ministers met.")


def test_a_utf16_csv_from_a_spreadsheet_reads(tmp_path: Path) -> None:
    (tmp_path / "u.csv").write_bytes("id,text\n1,Ministers met in Manama.\n".encode("utf-16"))
    (article,) = iter_documents([str(tmp_path / "u.csv")])
    assert isinstance(article, Article) and article.text == "Ministers met in Manama."


def test_stdin_jsonl(tmp_path: Path) -> None:
    stream = io.StringIO('\n{"id": "s1", "text": "Ministers met."}\n{"id": "s2"}\n')
    items = list(iter_documents(["-"], stdin=stream))
    assert [i.name for i in items] == ["s1", "s2"] and isinstance(items[1], Rejection)


@pytest.fixture(scope="module")
def fakes() -> list[Article | Rejection]:
    if not FAKES.exists():
        pytest.skip("../shared/external/fakes is not beside the checkout")
    return list(iter_documents([str(FAKES)], FAKES_OPTIONS))


def test_fakes_reads_completely(fakes: list[Article | Rejection]) -> None:
    with FAKES.open(encoding="utf-8", newline="") as handle:
        ids = [row["unit_id"] for row in csv.DictReader(handle)]
    assert len(ids) == 804
    assert len(articles(fakes)) + len(rejections(fakes)) == len(ids)
    assert not rejections(fakes)
    assert [a.name for a in articles(fakes)] == ids  # in file order (some ids occur twice in FA-KES)


def test_fakes_rows_checked_by_hand(fakes: list[Article | Rejection]) -> None:
    by_name = {a.name: a for a in articles(fakes)}
    first = by_name["1914947530"]  # row 1: date 4/5/2017, "Wed 05 Apr 2017 Syria attack symptoms ..."
    assert first.published == date(2017, 4, 5)
    assert first.title == "Syria attack symptoms consistent with nerve agent use WHO"
    assert first.source == "nna" and first.text.startswith("Wed 05 Apr 2017 Syria attack symptoms")
    assert by_name["1914947535"].published == date(2016, 7, 10)  # row 5: 7/10/2016, "Sun 10 Jul 2016 ..."


def test_fakes_dates_without_a_format_read_the_same(fakes: list[Article | Rejection]) -> None:
    options = replace(FAKES_OPTIONS, date_format=None)
    guessed = articles(list(iter_documents([str(FAKES)], options)))
    assert [a.published for a in guessed] == [a.published for a in articles(fakes)]
    assert all(a.published is not None for a in guessed)


def test_broken_utf16_bytes_are_replaced_and_noted_on_their_row_only(tmp_path: Path) -> None:
    rows = "".join(f"Article number {n} about the talks.\n" for n in range(200))
    broken = "Broken ".encode("utf-16-le") + b"\x00\xdc" + " row.\nLast row.\n".encode("utf-16-le")
    (tmp_path / "c.csv").write_bytes(f"text\n{rows}".encode("utf-16") + broken)
    items = articles(list(iter_documents([str(tmp_path / "c.csv")])))
    assert len(items) == 202
    assert [a.name for a in items if a.notes] == ["c.csv:201"]
    assert items[200].text == "Broken \ufffd row." and "not valid utf-16" in items[200].notes[0]


def test_old_mac_line_endings_and_a_stray_carriage_return(tmp_path: Path) -> None:
    (tmp_path / "c.csv").write_bytes(b'text,title\rFirst.,One\r"Second,\rwrapped.",Two\nThird.\rx,y\n')
    items = articles(list(iter_documents([str(tmp_path / "c.csv")])))
    assert [a.text for a in items] == ["First.", "Second,\nwrapped.", "Third.", "x"]


def test_a_field_over_the_csv_modules_own_limit_is_one_rejected_row(tmp_path: Path) -> None:
    big = "x" * 200_000  # the csv module alone would stop the whole file here (its limit is 128 KB)
    (tmp_path / "c.csv").write_text(f"text\nFirst.\n{big}\nLast.\n", encoding="utf-8")
    items = list(iter_documents([str(tmp_path / "c.csv")], limits=Limits(max_bytes=100)))
    assert [type(i).__name__ for i in items] == ["Article", "Rejection", "Article"]
    assert rejections(items)[0].reason.startswith("row 2 of c.csv: document is 200000 bytes")


def test_a_binary_jsonl_file_is_one_rejection(tmp_path: Path) -> None:
    (tmp_path / "x.jsonl").write_bytes(b"\x1f\x8b\x08\x00" + bytes(range(256)))  # a gzip header
    (item,) = iter_documents([str(tmp_path / "x.jsonl")])
    assert isinstance(item, Rejection) and item.reason.startswith("binary file")
