"""The JSON/CSV API over a small hand-made store: every endpoint, its filters and its errors."""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from dyad.resolve.linking import link_documents
from dyad.serve.app import make_app
from dyad.store import Store
from dyad.types import Actor, Article, Coded, Event, Mention, Place, Sentence, When

BEIRUT = Place("Beirut", "LBN", 33.89, 35.50)
TOKEN = "correct horse battery staple"


Keys = tuple[str, ...]
Spec = tuple[int, str, str, str, int, Keys, Keys, date, Place | None]


def coded(name: str, published: date, sentences: list[str], actors: list[Actor], events: list[Spec]) -> Coded:
    """An article by hand; events are (sentence, trigger, type, cameo, quad, source, target, day, place)."""
    text = " ".join(sentences)
    spans, at = [], 0
    for n, s in enumerate(sentences):
        spans.append(Sentence(n, at, at + len(s), s))
        at += len(s) + 1
    mentions = tuple(Mention(text.index(a.name), text.index(a.name) + len(a.name), a.name,
                             a.kind.upper() if a.kind != "organization" else "ORG",
                             next(s.index for s in spans if s.start <= text.index(a.name) < s.end),
                             country=a.country, key=a.key) for a in actors if a.name in text)
    coded_events = tuple(
        Event(type=t, mode=None, cameo=cameo, quad_class=quad, goldstein=1.0 if quad < 3 else -5.0,
              factuality="asserted", source=src, target=tgt, sentence=i,
              start=spans[i].start, end=spans[i].end,
              trigger=(text.index(trig, spans[i].start), text.index(trig, spans[i].start) + len(trig)),
              date=When(day, day, "day"), place=place)
        for i, trig, t, cameo, quad, src, tgt, day, place in events)
    article = Article(hashlib.sha256(text.encode()).hexdigest()[:16], name, text, published=published)
    return Coded(article, tuple(spans), mentions, tuple(actors), coded_events)


def corpus() -> list[Coded]:
    lbn, isr, fra = (Actor("LBN", "Lebanon", "country", "LBN"), Actor("ISR", "Israel", "country", "ISR"),
                     Actor("FRA", "France", "country", "FRA"))
    hajjar = Actor("p1", "Ahmad Hajjar", "person", "LBN", "GOV", "Interior Minister")
    talks = coded("talks.txt", date(2025, 10, 31), [
        "Lebanon and Israel held talks in Beirut on Friday.",
        "Israel shelled villages in Lebanon on Saturday.",
    ], [lbn, isr], [
        (0, "held talks", "CONSULT", "040", 1, ("LBN",), ("ISR",), date(2025, 10, 31), BEIRUT),
        (1, "shelled", "ASSAULT", "190", 4, ("ISR",), ("LBN",), date(2025, 11, 1), None),
    ])
    aid = coded("aid.txt", date(2025, 9, 12), [
        "France sent aid to Lebanon on Friday.",
        "Interior Minister Ahmad Hajjar thanked France.",
    ], [fra, lbn, hajjar], [
        (0, "sent aid", "AID", "070", 2, ("FRA",), ("LBN",), date(2025, 9, 12), None),
        (1, "thanked", "CONSULT", "010", 1, ("p1",), ("FRA",), date(2025, 9, 12), None),
    ])
    hostile = coded("hostile.txt", date(2025, 8, 1), [
        '<script>alert("owned")</script> Lebanon accused Israel of lying.',
    ], [lbn, isr], [(0, "accused", "ACCUSE", "112", 3, ("LBN",), ("ISR",), date(2025, 8, 1), None)])
    return [talks, aid, hostile]


def fill(path: Path) -> Path:
    with Store(path) as store:
        docs = corpus()
        for c in docs:
            store.add_coded(c)
        link_documents(store, [c.article.id for c in docs])
    return path


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return fill(tmp_path_factory.mktemp("api") / "dyad.db")


@pytest.fixture(scope="module")
def client(db: Path) -> Iterator[TestClient]:
    with TestClient(make_app(db)) as c:
        yield c


@pytest.fixture
def writer(tmp_path: Path) -> Iterator[TestClient]:
    """A fresh store each time, served with writes on and a token."""
    with TestClient(make_app(fill(tmp_path / "w.db"), token=TOKEN, read_only=False)) as c:
        yield c


AUTH = {"Authorization": f"Bearer {TOKEN}"}


# --- events ----------------------------------------------------------------------------------------
def test_events_are_listed_by_date_with_a_total(client: TestClient) -> None:
    body = client.get("/api/events").json()
    assert body["total"] == 5 and len(body["events"]) == 5
    assert [e["date"] for e in body["events"]] == sorted(e["date"] for e in body["events"])
    assert body["events"][0]["type"] == "ACCUSE"


@pytest.mark.parametrize(("query", "types"), [
    ("type=assault", {"ASSAULT"}),
    ("country=FRA", {"AID", "CONSULT"}),
    ("dyad=LBN:ISR", {"CONSULT", "ASSAULT", "ACCUSE"}),
    ("dyad=ISR:LBN", {"CONSULT", "ASSAULT", "ACCUSE"}),
    ("document=talks.txt", {"CONSULT", "ASSAULT"}),
    ("since=2025-10-01&until=2025-10-31", {"CONSULT"}),
    ("factuality=asserted&since=2025-11-01", {"ASSAULT"}),
    ("factuality=negated", set()),
    ("actor=Ahmad Hajjar", {"CONSULT"}),
])
def test_every_filter_of_dyad_events(client: TestClient, query: str, types: set[str]) -> None:
    events = client.get(f"/api/events?{query}").json()["events"]
    assert {e["type"] for e in events} == types


def test_paging_with_limit_and_offset(client: TestClient) -> None:
    everything = [e["id"] for e in client.get("/api/events").json()["events"]]
    page = client.get("/api/events?limit=2&offset=2").json()
    assert [e["id"] for e in page["events"]] == everything[2:4] and page["total"] == 5


def test_one_event_with_its_sources(client: TestClient) -> None:
    first = client.get("/api/events?type=CONSULT&document=talks.txt").json()["events"][0]
    event = client.get(f"/api/events/{first['id']}").json()
    assert event["sources"][0]["document"] == "talks.txt"
    assert event["sources"][0]["sentence"].startswith("Lebanon and Israel held talks")
    assert event["place"]["name"] == "Beirut"


@pytest.mark.parametrize(("query", "words"), [
    ("since=2025-13-01", "since"), ("until=yesterday", "until"), ("type=FLY", "PLOVER"),
    ("dyad=LBN", "A:B"), ("dyad=LBN:", "A:B"), ("factuality=maybe", "factuality"),
    ("country=Lebanon", "alpha-3"), ("limit=5000", "limit"), ("limit=0", "limit"), ("offset=-1", "offset"),
    ("since=2025-10-02&until=2025-10-01", "after"),
])
def test_bad_filters_are_422_with_a_clear_message(client: TestClient, query: str, words: str) -> None:
    response = client.get(f"/api/events?{query}")
    assert response.status_code == 422
    assert words in response.json()["error"]


@pytest.mark.parametrize("path", ["/api/events/no", "/api/actors/no", "/api/documents/no", "/api/nothing"])
def test_unknown_things_are_404_in_json(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert response.json()["status"] == 404 and response.json()["error"]


# --- CSV twins -------------------------------------------------------------------------------------
def _csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize("path", ["/api/events.csv?dyad=LBN:ISR", "/api/events?dyad=LBN:ISR&format=csv"])
def test_events_csv_twin_holds_the_same_rows(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.headers["content-type"].startswith("text/csv")
    rows = _csv(response.text)
    json_ids = [e["id"] for e in client.get("/api/events?dyad=LBN:ISR").json()["events"]]
    assert [r["id"] for r in rows] == json_ids
    assert {r["source_names"] for r in rows} == {"Lebanon", "Israel"}
    assert rows[0]["documents"] == "hostile.txt" and rows[0]["sentence"].startswith("<script>")


@pytest.mark.parametrize("path", ["/api/actors.csv", "/api/documents.csv", "/api/dyads.csv?a=LBN&b=ISR"])
def test_list_endpoints_have_csv_twins(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    assert len(_csv(response.text)) >= 2


def test_csv_does_not_let_a_spreadsheet_run_article_text(client: TestClient) -> None:
    from dyad.serve.api import _cell

    assert _cell("=HYPERLINK(1)") == "'=HYPERLINK(1)" and _cell("-5.0") == "-5.0" and _cell(None) == ""


# --- actors, documents, dyads, stats ---------------------------------------------------------------
def test_actor_search_and_detail(client: TestClient) -> None:
    found = client.get("/api/actors?q=Hajjar").json()["actors"]
    assert [a["name"] for a in found] == ["Ahmad Hajjar"]
    actor = client.get(f"/api/actors/{found[0]['id']}").json()
    assert actor["country"] == "LBN"
    assert "France" in {c["name"] for c in actor["counterparts"]}
    assert actor["roles"]


def test_documents_list_and_text_with_spans(client: TestClient) -> None:
    names = {d["name"] for d in client.get("/api/documents").json()["documents"]}
    assert names == {"talks.txt", "aid.txt", "hostile.txt"}
    doc = client.get("/api/documents/talks.txt").json()
    assert doc["text"].startswith("Lebanon and Israel")
    labels = {(m["text"], m["label"]) for m in doc["mentions"]}
    assert labels >= {("Lebanon", "COUNTRY"), ("Israel", "COUNTRY")}
    spans = {doc["text"][s["start"]:s["end"]] for e in doc["events"] for s in e["sources"]}
    assert "Israel shelled villages in Lebanon on Saturday." in spans


def test_dyad_counts_by_month_and_quad_class(client: TestClient) -> None:
    months = client.get("/api/dyads?a=LBN&b=ISR").json()["months"]
    assert {(m["month"], m["type"], m["quad_class"], m["count"]) for m in months} == {
        ("2025-08", "ACCUSE", 3, 1), ("2025-10", "CONSULT", 1, 1), ("2025-11", "ASSAULT", 4, 1)}


def test_dyad_needs_both_sides(client: TestClient) -> None:
    response = client.get("/api/dyads?a=LBN")
    assert response.status_code == 422 and "b" in response.json()["error"]


def test_stats_count_what_is_stored(client: TestClient) -> None:
    body = client.get("/api/stats").json()
    assert body["documents"] == 3 and body["events"] == 5


# --- writing: the token rule, body bounds, ingest, merge, split ------------------------------------
def test_read_only_server_refuses_writes(client: TestClient) -> None:
    for path, body in [("/api/documents", {"text": "x"}), ("/api/actors/merge", {"a": "x", "b": "y"}),
                       ("/api/actors/split", {"actor": "x"})]:
        response = client.post(path, json=body, headers=AUTH)
        assert response.status_code == 403 and "read-only" in response.json()["error"]


def test_a_token_alone_does_not_make_a_server_writable(db: Path) -> None:
    with TestClient(make_app(db, token=TOKEN)) as c:
        assert c.post("/api/actors/split", json={"actor": "x"}, headers=AUTH).status_code == 403


@pytest.mark.parametrize("auth", [None, "Bearer wrong", f"Basic {TOKEN}", f"Bearer {TOKEN}x"])
def test_writes_need_the_right_token(writer: TestClient, auth: str | None) -> None:
    headers = {"Authorization": auth} if auth else {}
    response = writer.post("/api/actors/split", json={"actor": "Lebanon"}, headers=headers)
    assert response.status_code == 401 and response.headers["www-authenticate"] == "Bearer"


def test_bodies_past_5_mb_are_413(writer: TestClient) -> None:
    response = writer.post("/api/documents", content=b'{"text": "' + b"a" * (5 * 1024 * 1024) + b'"}',
                           headers={**AUTH, "Content-Type": "application/json"})
    assert response.status_code == 413


@pytest.mark.parametrize("body", [b"not json", b'{"title": "no"}', b'{"text": ""}', b'{"text": "a", "x": 1}'])
def test_bad_document_bodies_are_422(writer: TestClient, body: bytes) -> None:
    response = writer.post("/api/documents", content=body, headers=AUTH)
    assert response.status_code == 422 and response.json()["error"]


def test_posting_an_article_codes_and_stores_it(writer: TestClient) -> None:
    text = "BEIRUT — Lebanon and Syria held talks on Sunday about the border."
    body = {"text": text, "title": "Border talks", "published": "2025-11-03", "name": "border.txt"}
    created = writer.post("/api/documents", json=body, headers=AUTH)
    assert created.status_code == 201, created.text
    assert created.json()["events"] >= 1
    doc = writer.get(created.json()["url"]).json()
    assert doc["name"] == "border.txt" and doc["title"] == "Border talks"
    again = writer.post("/api/documents", json=body, headers=AUTH)
    assert again.status_code == 200 and again.json()["duplicate"] is True


def test_merge_and_split_are_recorded(writer: TestClient) -> None:
    def ids() -> dict[str, str]:
        return {a["name"]: a["id"] for a in writer.get("/api/actors").json()["actors"]}

    assert ids()["France"] != ids()["Ahmad Hajjar"]
    merged = writer.post("/api/actors/merge", json={"a": "France", "b": "Ahmad Hajjar"}, headers=AUTH)
    assert merged.status_code == 200, merged.text
    assert len(set(ids().values())) == len(ids()) == 3  # four actors became three
    assert writer.post("/api/actors/split", json={"actor": "Lebanon"}, headers=AUTH).status_code == 200
    missing = writer.post("/api/actors/merge", json={"a": "Nobody", "b": "France"}, headers=AUTH)
    assert missing.status_code == 404


# --- what the server lets a browser do -------------------------------------------------------------
def test_no_cors_and_strict_headers(client: TestClient) -> None:
    preflight = client.options("/api/events", headers={"Origin": "https://evil.example",
                                                        "Access-Control-Request-Method": "GET"})
    assert "access-control-allow-origin" not in preflight.headers
    response = client.get("/api/events", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in response.headers
    assert "default-src 'none'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"


def test_openapi_and_docs_are_local(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    assert "/api/events" in schema["paths"] and "/api/events/{event_id}" in schema["paths"]
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/api/dyads" in docs.text
    assert "cdn" not in docs.text.lower() and 'src="http' not in docs.text
    assert client.get("/redoc").status_code == 404
