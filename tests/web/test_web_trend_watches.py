"""The trend and watches pages over HTTP on SQLite and PostgreSQL: numbers, chart, CSV, escaping, hidden secrets."""

from __future__ import annotations

import base64
import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from html import unescape

import pytest
from starlette.testclient import TestClient
from web_data import ARTICLES, HOSTILE, _article, store

from crawler.items import ArticleItem

CSP = "default-src 'self'"


def _on(day: str, hour: int = 10) -> datetime:
    return datetime.fromisoformat(day).replace(hour=hour, tzinfo=UTC)


# March 2026, far from web_data's articles (dated around now): weeks start on 03-02, 03-09, 03-16.
MARCH: list[ArticleItem] = [
    _article("m/1", "caliber_az", headline="Oil exports grow", article_body="Oil exports grew.", in_language="en",
             date_published=_on("2026-03-02")),
    _article("m/2", "caliber_az", headline="Gas and oil talks", article_body="Talks on gas and oil.", in_language="en",
             date_published=_on("2026-03-03")),
    _article("m/3", "wire_news", headline="Oil price falls", article_body="The price fell.", in_language="en",
             date_published=_on("2026-03-04", 23)),
    _article("m/4", "wire_news", headline="Gas pipeline opens", article_body="A pipeline opened.", in_language="en",
             date_published=_on("2026-03-10")),
    _article("m/5", "wire_news", headline="Weather report", article_body="Rain tomorrow.", in_language="en",
             date_published=_on("2026-03-18")),
]  # fmt: skip
MARCH_RANGE = {"since": "2026-03-02", "until": "2026-03-22"}
SECRET_HOOK = "https://robot:pa55-w0rd@hooks.example.com/services/T01/B02/XyZsecretTok3n?token=abc123secret"


@pytest.fixture
def runner():
    from click.testing import CliRunner

    return CliRunner()


@pytest.fixture
def march(migrated_url) -> tuple[str, dict[str, int]]:
    return migrated_url, store(migrated_url, [*ARTICLES, *MARCH])


@pytest.fixture
def march_client(march):
    from crawler.web.app import create_app
    from crawler.web.db import read_only_engine

    engine = read_only_engine(march[0])
    with TestClient(create_app(engine), raise_server_exceptions=False) as test_client:
        yield test_client
    engine.dispose()


def test_trend_page_charts_and_tables_the_counts(march_client):
    params = {"q": ["oil", "gas"], "interval": "week", **MARCH_RANGE}
    page = march_client.get("/trend", params=params)
    assert page.status_code == 200
    assert CSP in page.headers["content-security-policy"]
    text = page.text
    assert "<script" not in text  # no script of any kind, inline or not
    table = text[text.index("<table") : text.index("</table>")]
    rows = re.findall(
        r'<tr><th scope="row">([\d-]+)</th><td class="num">(\d+)</td><td class="num">(\d+)</td></tr>', table
    )
    assert rows == [("2026-03-02", "3", "1"), ("2026-03-09", "0", "1"), ("2026-03-16", "0", "0")]
    assert '<th scope="col" class="num">oil</th><th scope="col" class="num">gas</th>' in table
    chart = re.search(r'<img src="data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)" alt="([^"]+)"', text)
    assert chart is not None and "oil | gas per week" in chart.group(2)
    svg = ET.fromstring(base64.b64decode(chart.group(1)))
    assert svg.tag.endswith("svg") and len(svg.findall(".//{http://www.w3.org/2000/svg}path")) > 10
    assert 'href="/trend.csv?q=oil&amp;q=gas&amp;interval=week&amp;since=2026-03-02&amp;until=2026-03-22"' in text
    assert 'href="/?q=gas&amp;since=2026-03-02&amp;until=2026-03-22"' in text  # back to the search of one query


def test_trend_csv_is_what_mediamon_trend_prints(march_client, march, runner):
    params = {"q": ["oil", "gas"], "interval": "week", "by": "source", "share": "1", **MARCH_RANGE}
    response = march_client.get("/trend.csv", params=params)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    expected = [
        "period,query,source,articles,all_articles,share",
        "2026-03-02,oil,caliber_az,2,2,1.0",
        "2026-03-02,oil,wire_news,1,1,1.0",
        "2026-03-02,gas,caliber_az,1,2,0.5",
        "2026-03-02,gas,wire_news,0,1,0.0",
        "2026-03-09,oil,caliber_az,0,0,0.0",
        "2026-03-09,oil,wire_news,0,1,0.0",
        "2026-03-09,gas,caliber_az,0,0,0.0",
        "2026-03-09,gas,wire_news,1,1,1.0",
        "2026-03-16,oil,caliber_az,0,0,0.0",
        "2026-03-16,oil,wire_news,0,1,0.0",
        "2026-03-16,gas,caliber_az,0,0,0.0",
        "2026-03-16,gas,wire_news,0,1,0.0",
    ]
    assert response.text.splitlines() == expected
    from crawler.cli import main

    args = ["trend", "oil", "gas", "--interval", "week", "--by", "source", "--share", "--since", "2026-03-02"]
    result = runner.invoke(main, [*args, "--until", "2026-03-22", "--format", "csv", "--db", march[0]])
    assert result.exit_code == 0, result.output
    assert result.stdout == response.text


def test_trend_by_day_of_one_source_with_shares_in_the_table(march_client):
    params = {"q": "oil", "source": "caliber_az", "since": "2026-03-02", "until": "2026-03-04", "share": "1"}
    lines = march_client.get("/trend.csv", params=params).text.splitlines()
    assert lines == [
        "period,query,articles,all_articles,share",
        "2026-03-02,oil,1,1,1.0",
        "2026-03-03,oil,1,1,1.0",
        "2026-03-04,oil,0,0,0.0",  # wire_news's oil article of that day is another source's
    ]
    page = march_client.get("/trend", params=params).text
    assert '<td class="num">1 <span class="share">(100.0%)</span></td>' in page
    monthly = march_client.get("/trend.csv", params={"q": "oil", "interval": "month", **MARCH_RANGE}).text
    assert monthly.splitlines() == ["period,query,articles", "2026-03-01,oil,3"]


def test_trend_page_escapes_a_hostile_query_and_refuses_malformed_input(client):
    hostile = '<script>alert("q")</script> parliament'
    page = client.get("/trend", params={"q": hostile})
    assert page.status_code == 200
    assert (
        "<script>alert" not in page.text and "&lt;script&gt;alert(&#34;q&#34;)&lt;/script&gt; parliament" in page.text
    )
    bad = [{"q": "(oil"}, {"q": "oil", "interval": "hour"}, {"q": "oil", "by": "author"}, {"q": "oil", "source": "x"}]
    for params in bad:
        response = client.get("/trend", params=params)
        assert response.status_code == 400, params
        assert "Error 400" in response.text and "Traceback" not in response.text
    malformed = client.get("/trend", params={"q": "<b>(oil"})
    assert "<b>" not in malformed.text and "&lt;b&gt;(oil" in malformed.text
    assert client.get("/trend.csv").status_code == 400  # no query
    assert client.get("/trend", params={"q": [f"w{i}" for i in range(7)]}).status_code == 400
    long = client.get("/trend", params={"q": "park", "since": "1990-01-01", "until": "2030-01-01"})
    assert long.status_code == 400 and "choose a longer interval" in long.text


def test_trend_page_without_a_query_is_the_form(client):
    page = client.get("/trend")
    assert page.status_code == 200 and "Enter one or more queries" in page.text and "<img" not in page.text


def test_search_links_to_the_trend_of_its_query(client):
    page = client.get("/", params={"q": "park", "lang": "en", "page": "1"}).text
    link = unescape(re.search(r'<a class="trend-link" href="([^"]+)"', page).group(1))
    assert link == "/trend?q=park&lang=en&interval=week"
    trend = client.get(link)
    assert trend.status_code == 200 and '<img src="data:image/svg+xml;base64,' in trend.text
    total = sum(int(n) for n in re.findall(r'<td class="num">(\d+)</td>', trend.text))
    assert total == 2  # the two English park articles
    assert "trend-link" not in client.get("/").text  # no query, no trend


def _add_watches(url: str) -> None:
    from storage.db import make_engine
    from storage.watches import add_watch, claim, settle, watches

    engine = make_engine(url)
    with engine.begin() as connection:
        add_watch(connection, "parks", "park", ["caliber_az", "wire_news"], SECRET_HOOK, backfill=True)
        add_watch(connection, "hostile", "parliament", [], "mailto:desk@example.org", backfill=True)
        add_watch(connection, "quiet", "zeppelin", [], None, backfill=False)
    with engine.connect() as connection:
        found = watches(connection, ["parks", "hostile"])  # "quiet" never runs
    for watch in found:
        with engine.begin() as connection:
            claim(connection, [watch], "box:1:1.00")
            settle(connection, [watch.id], "box:1:1.00", delivered=watch.name != "hostile")
    engine.dispose()


def test_watches_page_shows_each_watch_its_matches_and_no_secret(archive, client, ids):
    _add_watches(archive[0])
    page = client.get("/watches")
    assert page.status_code == 200
    text = page.text
    for secret in ("pa55-w0rd", "robot", "XyZsecretTok3n", "abc123secret", "services/T01", "token="):
        assert secret not in text, secret
    assert "https://•••@hooks.example.com/•••" in text
    assert "mailto:desk@example.org" in text and "standard output of the run" in text
    parks = text[text.index("<h2>parks</h2>") : text.index("</section>", text.index("<h2>parks</h2>"))]
    assert "caliber_az, wire_news" in parks and "3 delivered" in parks
    headlines = re.findall(r'<li><a href="/articles/(\d+)\?q=park">([^<]+)</a>', parks)
    assert sorted(h for _i, h in headlines) == [
        "Baku opens a new park",
        "Bakıda yeni park açıldı",
        "New park opens in Baku",
    ]
    assert {int(i) for i, _h in headlines} == {ids[url] for url in ids if "park" in url and "lenta" not in url}
    hostile = text[text.index("<h2>hostile</h2>") : text.index("</section>", text.index("<h2>hostile</h2>"))]
    assert HOSTILE not in text and "<script>alert" not in text and "<img src=x" not in text
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; Parliament" in hostile
    assert "1 pending" in hostile and "not delivered yet" in hostile
    quiet = text[text.index("<h2>quiet</h2>") :]
    assert "No match reported yet." in quiet and "never" in quiet
    article = client.get(f"/articles/{ids['javascript:alert(1)']}?q=parliament")
    assert article.status_code == 200 and "<mark>Parliament</mark>" in article.text


def test_watches_page_without_watches(client):
    page = client.get("/watches")
    assert page.status_code == 200 and "No watch yet" in page.text


@pytest.mark.parametrize(
    ("target", "shown"),
    [
        (SECRET_HOOK, "https://•••@hooks.example.com/•••"),
        ("https://hooks.slack.com/services/T0/B0/secret", "https://hooks.slack.com/•••"),
        ("http://127.0.0.1:9000/", "http://127.0.0.1:9000/"),
        ("http://127.0.0.1:9000/?key=x", "http://127.0.0.1:9000/•••"),
        ("mailto:desk@example.org", "mailto:desk@example.org"),
        ("http://[::1", "(a target that is not a URL)"),
        (None, ""),
    ],
)
def test_shown_target_keeps_only_scheme_host_and_port(target, shown):
    from crawler.web.watches import shown_target

    assert shown_target(target) == shown
