"""The web pages: each renders, links where it should, escapes outside text, and loads nothing external."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from dyad.resolve.linking import link_documents
from dyad.serve import charts
from dyad.serve.app import make_app
from dyad.serve.pages import marked
from dyad.store import Store
from dyad.types import Actor, Article, Coded, Event, Mention, Place, Sentence, When

HOSTILE_NAME = '<img src=x onerror="alert(1)"> Bey'
SENTENCES = [
    '<script>alert("owned")</script> Lebanon and Israel held talks in Beirut on Friday.',
    f"{HOSTILE_NAME} attacked Israel near Tyre on Saturday.",
]


def hostile_article() -> Coded:
    """One article whose text and actor name carry markup, as scraped news sometimes does."""
    text = " ".join(SENTENCES)
    cut = len(SENTENCES[0]) + 1
    sents = (Sentence(0, 0, cut - 1, SENTENCES[0]), Sentence(1, cut, len(text), SENTENCES[1]))
    actors = (Actor("LBN", "Lebanon", "country", "LBN"), Actor("ISR", "Israel", "country", "ISR"),
              Actor("g1", HOSTILE_NAME, "group", "LBN"))
    mentions = tuple(Mention(text.index(a.name), text.index(a.name) + len(a.name), a.name, "COUNTRY", 0,
                             country=a.country, key=a.key) for a in actors[:2])
    day = When(date(2025, 10, 31), date(2025, 10, 31), "day")
    talks_at, hit_at = text.index("held talks"), text.index("attacked")
    events = (
        Event("CONSULT", None, "040", 1, 1.0, "asserted", ("LBN",), ("ISR",), 0, 0, cut - 1,
              (talks_at, talks_at + 10), day, Place("Beirut", "LBN", 33.89, 35.50)),
        Event("ASSAULT", None, "190", 4, -10.0, "asserted", ("g1",), ("ISR",), 1, cut, len(text),
              (hit_at, hit_at + 8), day, Place("Tyre", "LBN", 33.27, 35.20)),
    )
    article = Article(hashlib.sha256(text.encode()).hexdigest()[:16], "hostile.txt", text,
                      title="<b>Talks</b>", published=date(2025, 10, 31))
    return Coded(article, sents, mentions, actors, events)


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    path = tmp_path_factory.mktemp("pages") / "dyad.db"
    with Store(path) as store:
        coded = hostile_article()
        store.add_coded(coded)
        link_documents(store, [coded.article.id])
    with TestClient(make_app(path)) as c:
        yield c


def _ids(client: TestClient) -> tuple[str, str, str]:
    events = client.get("/api/events").json()["events"]
    assault = next(e for e in events if e["type"] == "ASSAULT")
    return events[0]["id"], assault["id"], assault["source"][0]["id"]


def _external(html: str) -> list[str]:
    return re.findall(r'(?:src|href)="(?:https?:)?//[^"]*"', html)


@pytest.mark.parametrize("path", [
    "/", "/events", "/events?type=CONSULT&country=LBN", "/actors", "/actors?q=Leb", "/documents",
    "/documents/hostile.txt", "/dyads", "/dyads?a=LBN&b=ISR", "/network", "/network?type=ASSAULT", "/map",
    "/search?q=hostile", "/search?q=Lebanon", "/docs",
])
def test_pages_render_and_load_nothing_external(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200, response.text[:500]
    assert response.headers["content-type"].startswith("text/html")
    assert _external(response.text) == []
    assert '<link rel="stylesheet" href="/static/dyad.css">' in response.text


def test_an_empty_store_renders_every_page(tmp_path: Path) -> None:
    with TestClient(make_app(tmp_path / "empty.db")) as c:
        for path in ["/", "/events", "/actors", "/documents", "/dyads?a=LBN&b=ISR", "/network", "/map",
                     "/search?q=x"]:
            response = c.get(path)
            assert response.status_code == 200, path
        assert "no located events" in c.get("/map").text


def test_event_and_actor_pages(client: TestClient) -> None:
    talks, assault, group = _ids(client)
    page = client.get(f"/events/{assault}").text
    assert '<mark class="hl" id="hl">' in page or 'id="hl"' in page
    assert f'href="/actors/{group}"' in page
    actor = client.get(f"/actors/{group}").text
    assert "<svg" in actor and "material conflict" in actor


def test_article_text_and_names_are_escaped_everywhere(client: TestClient) -> None:
    talks, assault, group = _ids(client)
    for path in ["/documents/hostile.txt", f"/events/{talks}", f"/events/{assault}", f"/actors/{group}",
                 "/events", "/network", "/search?q=Bey", "/actors"]:
        html = client.get(path).text
        assert "<script>alert" not in html and "<img src=x" not in html, path
        assert "&lt;script&gt;" in html or "&lt;img src=x" in html, path
    assert "&lt;b&gt;Talks&lt;/b&gt;" in client.get("/documents/hostile.txt").text


def test_charts_are_drawn_on_the_dyad_network_and_map_pages(client: TestClient) -> None:
    dyad = client.get("/dyads?a=LBN&b=ISR").text
    assert dyad.count("<svg") == 2 and 'class="bar"' in dyad
    network = client.get("/network").text
    assert network.count('class="node"') == 3
    assert 'class="conflict"' in network and 'class="cooperation"' in network
    world = client.get("/map").text
    assert world.count('class="spot"') == 2 and "Tyre (LBN): 1 event<" in world


def test_bad_filters_show_the_form_with_a_message(client: TestClient) -> None:
    response = client.get("/events?since=31/10/2025")
    assert response.status_code == 422 and "YYYY-MM-DD" in response.text and "<form" in response.text


def test_missing_things_are_html_404_pages(client: TestClient) -> None:
    for path in ["/events/nope", "/actors/nope", "/documents/nope", "/nowhere"]:
        response = client.get(path)
        assert response.status_code == 404 and response.headers["content-type"].startswith("text/html")


def test_paging_links_keep_the_filters(client: TestClient) -> None:
    html = client.get("/events?country=ISR&limit=1").text
    assert 'rel="next" href="http://testserver/events?country=ISR&amp;limit=1&amp;offset=1"' in html


# --- the pieces the pages are made of --------------------------------------------------------------
def test_marked_cuts_text_at_span_edges() -> None:
    pieces = marked("Syria met Lebanon.", [(0, 5, "m"), (10, 17, "m"), (0, 18, "hl"), (40, 50, "x")])
    assert [(t, c) for t, c, _ in pieces] == [
        ("Syria", "hl m"), (" met ", "hl"), ("Lebanon", "hl m"), (".", "hl")]
    assert [a for _, _, a in pieces] == ["hl", None, None, None]


def test_monthly_chart_fills_quiet_months() -> None:
    svg = charts.monthly_chart([{"month": "2025-01", "quad_class": 1, "count": 2},
                                {"month": "2025-04-02", "quad_class": 4, "count": 1}])
    assert svg.count('class="bar"') == 2
    assert charts.months_between("2024-11", "2025-02") == ["2024-11", "2024-12", "2025-01", "2025-02"]


def test_network_layout_is_deterministic_and_inside_the_square() -> None:
    ids, edges = [f"a{i}" for i in range(12)], [(f"a{i}", f"a{i + 1}") for i in range(11)]
    first, second = charts.layout(ids, edges), charts.layout(ids, edges)
    assert first == second
    assert all(0 < x < 1 and 0 < y < 1 for x, y in first.values())
    assert len({(round(x, 2), round(y, 2)) for x, y in first.values()}) == 12


def test_network_edges_take_the_majority_colour() -> None:
    a, b = {"id": "A", "name": "A"}, {"id": "B", "name": "B"}
    events = [{"quad_class": q, "source": [a], "target": [b]} for q in (1, 4, 4)]
    net = charts.Network.from_events(events)
    assert net.edges[("A", "B")] == {"cooperation": 1, "conflict": 2}
    assert 'class="conflict"' in charts.network_chart(net)


def test_map_frame_keeps_a_region_readable_and_inside_the_world() -> None:
    frame = charts.Frame.around([33.9], [35.5], 900)
    assert frame.east - frame.west >= 40 and frame.north - frame.south >= 24
    pole = charts.Frame.around([89.0], [179.0], 900)
    assert pole.north == 90 and pole.east == 180
    x, y = frame.xy(33.9, 35.5)
    assert 0 < x < 900 and 0 < y < frame.height


def test_chart_text_is_escaped() -> None:
    svg = charts.bar_chart([("<script>", 3, 1)])
    assert "<script>" not in svg and "&lt;script&gt;" in svg
