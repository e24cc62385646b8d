"""The pages in a real browser: Playwright driving Debian's Chromium against `serve`'s app on 127.0.0.1.

Each step saves a screenshot into the test output directory (``MEDIAMON_TEST_OUTPUT``, default
``test-output/`` at the repository root). Without a browser the tests skip with the reason
(under CI=true they fail). No browser is ever downloaded: ``playwright install`` is not used.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from web_data import AZ, EN

from tests.conftest import IN_CI

CHROMIUM = os.environ.get("MEDIAMON_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
OUTPUT = Path(os.environ.get("MEDIAMON_TEST_OUTPUT") or Path(__file__).parents[2] / "test-output") / "web"


def _no_browser(reason: str) -> None:
    if IN_CI:
        pytest.fail(f"{reason}; CI=true requires it (.ci/run installs Debian's chromium)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture
def browser_page():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        _no_browser(f"Playwright for Python is not installed ({exc})")
    if not Path(CHROMIUM).is_file():
        _no_browser(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on("requestfailed", lambda request: errors.append(f"request failed: {request.url}"))
        page.console_errors = errors  # type: ignore[attr-defined]
        yield page
        browser.close()


@pytest.fixture
def server(archive) -> Iterator[str]:
    """``serve``'s app under uvicorn in a thread, on an ephemeral port of 127.0.0.1."""
    import uvicorn

    from crawler.web.app import create_app
    from crawler.web.db import read_only_engine

    engine = read_only_engine(archive[0])
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    uv = uvicorn.Server(uvicorn.Config(create_app(engine), log_level="warning"))
    thread = threading.Thread(target=uv.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not uv.started:
        assert time.monotonic() < deadline, "uvicorn did not start within 30 s"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    uv.should_exit = True
    thread.join(timeout=30)
    listener.close()
    engine.dispose()


def _shot(page, request, name: str) -> Path:
    backend = request.node.callspec.id if hasattr(request.node, "callspec") else "default"
    OUTPUT.mkdir(parents=True, exist_ok=True)
    path = OUTPUT / f"{name}-{backend}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 5_000
    return path


def test_search_open_an_article_and_follow_an_edition(browser_page, server, ids, request):
    page = browser_page
    page.goto(server + "/")
    page.fill("input[name=q]", "park")
    page.select_option("select[name=lang]", "en")
    page.click("button[type=submit]")
    page.wait_for_url("**/?q=park*")
    assert page.locator(".results li").count() == 2
    assert page.locator(".results mark").first.inner_text().lower() == "park"
    assert "2 articles" in page.locator(".summary").inner_text()
    _shot(page, request, "search")

    page.click("text=New park opens in Baku")
    page.wait_for_url(f"**/articles/{ids[EN]}*")
    assert page.locator("h1").inner_text() == "New park opens in Baku"
    assert page.locator("h1 mark").inner_text() == "park"
    assert page.locator("a.original").get_attribute("href") == EN
    _shot(page, request, "article")

    page.click(".editions a")
    page.wait_for_url(f"**/articles/{ids[AZ]}")
    assert page.locator("h1").inner_text() == "Bakıda yeni park açıldı"
    _shot(page, request, "edition")
    assert page.console_errors == []  # nothing blocked by the CSP, nothing loaded from elsewhere


def test_a_hostile_headline_runs_no_script(browser_page, server, ids, request):
    page = browser_page
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(server + "/?q=parliament")
    page.goto(server + f"/articles/{ids['javascript:alert(1)']}")
    assert page.locator("h1").inner_text().startswith('<script>alert("x")</script>')
    assert page.locator("a.original").count() == 0
    assert dialogs == []


def test_the_ops_pages(browser_page, server, ids, request):
    page = browser_page
    page.goto(server + "/sources")
    row = page.locator("tr", has_text="lenta_ru")
    assert row.locator(".verdict").inner_text() == "failing"
    assert "site unreachable" in row.inner_text()
    _shot(page, request, "sources")

    page.click("nav >> text=Runs")
    page.select_option("select[name=status]", "failed")
    page.click("button[type=submit]")
    page.wait_for_url("**/runs?*status=failed*")
    assert page.locator("tbody tr").count() == 1
    _shot(page, request, "runs")

    page.click(f"a[href='/runs/{ids['bad_run']}']")
    page.wait_for_url(f"**/runs/{ids['bad_run']}")
    assert "lenta_<ru>.log" in page.locator(".facts").inner_text()
    assert page.locator(".events h3").all_inner_texts() == ["http_error", "missing_date"]
    _shot(page, request, "run")
    assert page.console_errors == []

    response = page.goto(server + "/?q=%22unclosed")
    assert response.status == 400 and "Error 400" in page.locator("h1").inner_text()


def test_open_the_trend_of_a_search_and_the_watches(browser_page, server, archive, ids, request):
    from test_web_trend_watches import SECRET_HOOK, _add_watches

    _add_watches(archive[0])
    page = browser_page
    page.goto(server + "/?q=park")
    page.click("text=Trend of this query")
    page.wait_for_url("**/trend?q=park*interval=week*")
    chart = page.locator("figure.chart img")
    chart.wait_for()
    # The chart really drew under the page's CSP: a data: SVG image with its own size, not a broken image.
    assert chart.evaluate("img => img.complete && img.naturalWidth") > 300
    assert chart.bounding_box()["height"] > 150
    cells = page.locator("table.trend-table tbody td").all_inner_texts()
    assert sum(int(c) for c in cells) == 3  # the three park articles (en, az, the wire copy)
    assert page.locator("table.trend-table caption").inner_text() == "Matching articles per week (UTC)"
    _shot(page, request, "trend")

    page.select_option("select[name=by]", "source")
    page.check("input[name=share]")
    page.click("button[type=submit]")
    page.wait_for_url("**/trend?*by=source*share=1*")
    headers = page.locator("table.trend-table thead th").all_inner_texts()
    assert headers == ["Week", "park — caliber_az", "park — lenta_ru", "park — wire_news"]
    with page.expect_download() as download:
        page.click("text=Download CSV")
    lines = Path(download.value.path()).read_text(encoding="utf-8").splitlines()
    assert lines[0] == "period,query,source,articles,all_articles,share"
    assert sum(int(line.split(",")[3]) for line in lines[1:]) == 3

    page.click("nav >> text=Watches")
    page.wait_for_url("**/watches")
    assert page.locator(".watch h2").all_inner_texts() == ["hostile", "parks", "quiet"]
    parks = page.locator(".watch", has_text="parks")
    assert parks.locator(".target").inner_text() == "https://•••@hooks.example.com/•••"
    assert SECRET_HOOK.split("?")[1] not in page.content()
    _shot(page, request, "watches")
    page.locator(".watch", has_text="hostile").locator(".matches a").first.click()
    page.wait_for_url(f"**/articles/{ids['javascript:alert(1)']}?q=parliament")
    assert page.locator("h1 mark").inner_text() == "Parliament"
    assert page.console_errors == []  # the chart broke no CSP rule, nothing was loaded from elsewhere
