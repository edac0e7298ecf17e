"""The web app in a real headless Chromium, over a store coded from the five seed articles.

Needs Debian's /usr/bin/chromium and the playwright package (its bundled driver only: browsers
are never downloaded); skips with a reason when either is missing. Screenshots land in the
pytest temp folder (``screens/``) for a person to look at.
"""

from __future__ import annotations

import importlib.util
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dyad.serve.app import make_app
from dyad.store import Store

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _missing() -> str | None:
    if not CHROMIUM.exists():
        return "no /usr/bin/chromium (apt-get install chromium)"
    if importlib.util.find_spec("playwright") is None:
        return "playwright is not installed (pip install playwright; never `playwright install`)"
    if not SEEDS.is_dir():
        return "../shared/seeds is not beside the checkout"
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """uvicorn in a background thread on loopback, over the seeds coded by the real pipeline."""
    reason = _missing()
    if reason:
        pytest.skip(reason)
    import uvicorn

    from dyad.pipeline import ingest

    db = tmp_path_factory.mktemp("browser") / "seeds.db"
    with Store(db) as store:
        ingest([str(SEEDS)], store)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(make_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(5)


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("screens")


@pytest.fixture(scope="module")
def browser(base_url: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any, base_url: str) -> Iterator[Any]:
    """A fresh tab that records every request and console error, checked after each test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=base_url)
    tab = context.new_page()
    requests: list[str] = []
    errors: list[str] = []
    tab.on("request", lambda r: requests.append(r.url))
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    yield tab
    context.close()
    assert [u for u in requests if not u.startswith(base_url)] == []  # nothing from the internet
    assert errors == []  # a CSP violation or a broken asset shows up here


def _rows(page: Any) -> int:
    return int(page.locator("table.events tbody tr td a.more").count())


def test_events_table_filters_and_pages(page: Any, shots: Path) -> None:
    page.goto("/events")
    everything = _rows(page)
    assert everything > 0
    page.select_option("select[name=type]", "CONSULT")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**type=CONSULT**")
    types = page.locator("table.events tbody td .type").all_inner_texts()
    assert types and set(types) == {"CONSULT"}
    page.screenshot(path=str(shots / "events.png"), full_page=True)
    page.goto("/events?limit=2")
    page.click("a[rel=next]")
    page.wait_for_url("**offset=2**")
    assert _rows(page) > 0


def test_event_page_highlights_its_sentence_and_links_actors(page: Any, shots: Path) -> None:
    page.goto("/events")
    page.locator("table.events a.more").first.click()
    page.wait_for_url("**/events/**")
    assert page.locator("mark#hl").is_visible()
    assert page.locator(".article mark.hl").count() >= 1
    page.screenshot(path=str(shots / "event.png"), full_page=True)
    page.locator("table.facts a.actor").first.click()
    page.wait_for_url("**/actors/**")
    assert page.locator("figure.chart svg rect.bar").count() > 0
    page.screenshot(path=str(shots / "actor.png"), full_page=True)


def test_dyad_page_draws_monthly_bars(page: Any) -> None:
    page.goto("/dyads")
    page.fill("input[name=a]", "LBN")
    page.fill("input[name=b]", "ISR")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**a=LBN**")
    assert page.locator("figure.chart svg").count() == 2
    assert page.locator("figure.chart svg rect.bar").count() > 0


def test_network_and_map_render_non_empty_svg(page: Any, shots: Path) -> None:
    page.goto("/network")
    assert page.locator("svg circle.node").count() >= 3
    assert page.locator("svg line").count() >= 2
    box = page.locator("figure.network svg").bounding_box()
    assert box["width"] > 300 and box["height"] > 200
    page.screenshot(path=str(shots / "network.png"), full_page=True)
    page.goto("/map")
    assert page.locator("svg circle.spot").count() >= 1
    page.screenshot(path=str(shots / "map.png"), full_page=True)


def test_search_finds_actors_and_documents(page: Any) -> None:
    page.goto("/")
    page.fill("header input[name=q]", "Hajjar")
    page.press("header input[name=q]", "Enter")
    page.wait_for_url("**/search?q=Hajjar")
    assert page.locator("table.actors tbody a").count() >= 1
    page.locator("table.actors tbody a").first.click()
    page.wait_for_url("**/actors/**")
    assert "Hajjar" in page.locator("h1").inner_text()
