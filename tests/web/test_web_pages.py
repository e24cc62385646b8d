"""Every page over HTTP on SQLite and PostgreSQL: search, article, export, sources, runs, run, errors."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from datetime import timedelta

import pyarrow.parquet as pq
from sqlalchemy import select, update
from web_data import ARTICLES, AZ, EN, HOSTILE, NOW

from storage.db import make_engine
from storage.models import Article

CSP = "default-src 'self'"


def test_search_lists_matches_with_the_words_marked(client):
    page = client.get("/", params={"q": "parks"})
    assert page.status_code == 200
    assert "<mark>park</mark>" in page.text and "<mark>parks</mark>" not in page.text  # a stem, not the query text
    assert "New <mark>park</mark> opens in Baku" in page.text
    assert "Baku opens a new <mark>park</mark>" in page.text
    assert "3 articles" in page.text and "Bakıda yeni <mark>park</mark>" in page.text
    assert "Москве" not in page.text  # a Russian park is "парк"
    assert CSP in page.headers["content-security-policy"]


def test_search_filters_by_source_language_author_and_dates(client):
    assert "Bakıda" in client.get("/", params={"lang": "az"}).text
    assert "Bakıda" not in client.get("/", params={"lang": "en"}).text
    by_source = client.get("/", params={"source": "lenta_ru"}).text
    assert "В Москве открыли" in by_source and "1 article," in by_source
    by_author = client.get("/", params={"author": "khalil"}).text
    assert "New park opens in Baku" in by_author and "Baku opens a new park" not in by_author
    empty = client.get("/", params={"since": "2000-01-01", "until": "2000-01-02", "q": ""})
    assert empty.status_code == 200 and "0 articles" in empty.text and "No article matches." in empty.text
    recent = client.get("/", params={"since": (NOW - timedelta(days=1)).date().isoformat()}).text
    assert "New park opens in Baku" in recent and "В Москве открыли" not in recent


def test_search_pages(client):
    first = client.get("/", params={"page": "1"})
    assert 'rel="next"' not in first.text  # five articles fit one page
    beyond = client.get("/", params={"page": "2"})
    assert beyond.status_code == 200 and "No article matches." in beyond.text and 'rel="prev"' in beyond.text


def test_malformed_input_is_a_400_page_with_one_line(client):
    page = client.get("/", params={"q": '"unclosed'})
    assert page.status_code == 400
    assert "query:" in page.text and "position" in page.text and "Traceback" not in page.text
    bad = ({"since": "yesterday"}, {"page": "0"}, {"source": "nowhere"}, {"since": "2026-02-02", "until": "2026-02-01"})
    for params in bad:
        response = client.get("/", params=params)
        assert response.status_code == 400, params
        assert "Error 400" in response.text
    assert client.get("/runs", params={"status": "exploded"}).status_code == 400
    missing = client.get("/articles/999999")
    assert missing.status_code == 404 and "no article with id 999999" in missing.text
    assert client.get("/nowhere").status_code == 404
    assert CSP in missing.headers["content-security-policy"]


def test_a_hostile_article_is_shown_as_text(client, ids):
    listing = client.get("/", params={"q": "parliament"}).text
    assert "<script>" not in listing and "<img src=x" not in listing
    assert "&lt;script&gt;" in listing and "<mark>Parliament</mark>" in listing
    article_id = ids["javascript:alert(1)"]
    page = client.get(f"/articles/{article_id}").text
    assert "<script>alert" not in page and "<iframe" not in page and "<b>Mallory" not in page
    assert "&lt;iframe src=//evil.invalid&gt;" in page
    assert 'href="javascript:' not in page  # the original's link is shown only as text
    assert "&lt;b&gt;Mallory&lt;/b&gt;" in page
    assert HOSTILE not in page


def test_article_page_shows_editions_copies_revisions_and_the_original(client, ids):
    page = client.get(f"/articles/{ids[EN]}", params={"q": "park"})
    assert page.status_code == 200
    text = page.text
    assert "New <mark>park</mark> opens in Baku" in text
    assert "Vugar Khalilov" in text and "Caliber.Az (organization)" in text and "Society" in text
    assert f'href="/articles/{ids[AZ]}"' in text and "Bakıda yeni park açıldı" in text  # the az edition
    assert f'href="/articles/{ids["https://wire.example/copy/park"]}"' in text  # the syndicated copy
    assert "A café opened later." in text  # the current body
    assert "Revisions" in text and "until " in text  # the headline before the change is listed
    assert f'href="{EN}"' in text
    copy = client.get(f"/articles/{ids['https://wire.example/copy/park']}").text
    assert "first seen:" in copy and f'href="/articles/{ids[EN]}"' in copy
    edition = client.get(f"/articles/{ids[AZ]}").text
    assert f'href="/articles/{ids[EN]}"' in edition


def test_export_of_the_current_search_in_each_format(client):
    page = client.get("/", params={"q": "park", "lang": "en"}).text
    assert 'href="/export.csv?q=park&amp;lang=en"' in page
    rows = list(csv.DictReader(io.StringIO(client.get("/export.csv", params={"q": "park", "lang": "en"}).text)))
    assert sorted(r["headline"] for r in rows) == ["Baku opens a new park", "New park opens in Baku"]
    assert "article_body" in rows[0]
    lines = client.get("/export.jsonl", params={"source": "lenta_ru"}).text.splitlines()
    assert [json.loads(line)["source"] for line in lines] == ["lenta_ru"]
    response = client.get("/export.parquet", params={"q": "park"})
    assert response.status_code == 200 and "attachment" in response.headers["content-disposition"]
    table = pq.read_table(io.BytesIO(response.content))
    assert table.num_rows == 3
    assert client.get("/export.xlsx").status_code == 404
    assert client.get("/export.csv", params={"q": "(park"}).status_code == 400


def test_sources_page_shows_health_and_last_runs(client, ids):
    page = client.get("/sources")
    assert page.status_code == 200
    text = page.text
    assert "caliber_az" in text and "lenta_ru" in text and "wire_news" in text
    assert '<span class="verdict failing">failing</span>' in text  # lenta_ru's last run failed
    assert "site unreachable: connection refused" in text
    assert "last run failed" in text
    assert '<span class="verdict ok">ok</span>' in text  # caliber_az
    assert "25%" in text  # caliber_az: 1 of 4 articles without an author
    assert f'href="/runs/{ids["bad_run"]}"' in text


def test_runs_page_filters_by_source_and_status(client, ids):
    everything = client.get("/runs").text
    assert f'href="/runs/{ids["good_run"]}"' in everything and f'href="/runs/{ids["bad_run"]}"' in everything
    failed = client.get("/runs", params={"status": "failed"}).text
    assert f'href="/runs/{ids["bad_run"]}"' in failed and f'href="/runs/{ids["good_run"]}"' not in failed
    caliber = client.get("/runs", params={"source": "caliber_az"}).text
    assert f'href="/runs/{ids["good_run"]}"' in caliber and f'href="/runs/{ids["bad_run"]}"' not in caliber


def test_run_page_shows_stats_events_by_kind_and_log_file(client, ids):
    page = client.get(f"/runs/{ids['bad_run']}")
    assert page.status_code == 200
    text = page.text
    assert "/var/log/mediamon/lenta_&lt;ru&gt;.log" in text
    assert "site unreachable: connection refused" in text
    assert "http_error" in text and "missing_date" in text
    assert "HTTP 503 from &lt;b&gt;lenta.ru&lt;/b&gt;" in text
    assert "downloader/response_status_count/503" in text
    assert client.get("/runs/424242").status_code == 404


def test_static_files_are_served_by_the_app(client):
    css = client.get("/static/style.css")
    assert css.status_code == 200 and "text/css" in css.headers["content-type"]
    page = client.get("/").text
    assert "http://" not in page.split("<main>")[0] and "https://" not in page.split("<main>")[0]


def test_pages_say_more_than_until_the_last_one_counts(client, monkeypatch):
    monkeypatch.setattr("crawler.web.search.PAGE_SIZE", 2)
    first = client.get("/", params={"q": "park"}).text
    assert "more than 2 articles, page 1" in first
    assert first.count('class="headline"') == 2 and 'rel="prev"' not in first
    older = html.unescape(re.search(r'href="([^"]+)" rel="next"', first).group(1))
    assert "older=" in older and "page=2" in older
    last = client.get(older).text
    assert "3 articles, page 2" in last and last.count('class="headline"') == 1 and 'rel="next"' not in last
    newer = html.unescape(re.search(r'href="([^"]+)" rel="prev"', last).group(1))
    assert newer == "/?q=park"  # back to the first page
    assert "1 article, page 1" in client.get("/", params={"q": "park", "lang": "az"}).text
    export = re.search(r'href="(/export.csv[^"]*)"', last).group(1)
    assert "older" not in export and "page" not in export


def _headlines(page: str) -> list[str]:
    return re.findall(r'class="headline" href="/articles/(\d+)', page)


def test_older_links_list_every_article_once_in_order(archive, client, monkeypatch):
    """Following "Older" from page to page gives the listing of one long page, with equal dates and undated
    articles too (the cursor is the last article's date and id)."""
    url, ids = archive
    undated = ids[ARTICLES[2].url]  # the Russian article
    engine = make_engine(url)
    with engine.begin() as connection:  # two articles published in the same second, one without a date
        same = connection.scalar(select(Article.date_published).where(Article.id == ids[EN]))
        connection.execute(update(Article).where(Article.id == ids[AZ]).values(date_published=same))
        connection.execute(update(Article).where(Article.id == undated).values(date_published=None))
    engine.dispose()
    whole = _headlines(client.get("/").text)
    assert len(whole) == 5 and whole[-1] == str(undated)  # undated last
    monkeypatch.setattr("crawler.web.search.PAGE_SIZE", 1)
    seen, link = [], "/"
    while link:
        page = client.get(link).text
        seen += _headlines(page)
        found = re.search(r'href="([^"]+)" rel="next"', page)
        link = html.unescape(found.group(1)) if found else ""
    assert seen == whole
    assert "5 articles, page 5" in page
