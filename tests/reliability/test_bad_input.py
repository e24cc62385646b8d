"""Bad pages: each gives a correct article or a recorded event, never a crash; Russian text stays Russian."""

from __future__ import annotations

import json
import logging
import random

import pytest
from scrapy.http import HtmlResponse

from crawler.encoding import sniff_encoding
from crawler.exitcodes import ExitCode
from crawler.extract import article_from_html
from crawler.runtime.middlewares.encoding import EncodingMiddleware
from crawler.sources import Source
from tests.faults import badsite as bad
from tests.reliability.conftest import crawl_sources, outcome, write_sources

RU_HEADLINE = "Правительство поддержит малый бизнес"
SOURCE = Source(name="badsite", homepage="http://127.0.0.1/", languages=("en", "ru"), allowed_domains=("127.0.0.1",))


def russian(encoding: str, *, meta: str = "") -> bytes:
    page = bad.article_html(RU_HEADLINE, bad.RUSSIAN, lang="ru", author="Иван Петров", head=meta)
    return page.encode(encoding)


def malformed() -> str:
    paragraphs = "".join(f"<p>{p}" for p in bad.LOREM)  # never closed
    return (
        "<html><head><title>Malformed but readable page</title></span></head><body><div><article>"
        "<h1 class=title id=x>Malformed but readable page</h1></h2><b><i>1 March 2026</b></i>"
        f"<time datetime=2026-03-01T09:30:00Z></div></div>{paragraphs}</table></b><p>unterminated <a href='/x'"
    )


def deep_jsonld() -> str:
    return bad.jsonld_article(
        "Deeply nested JSON-LD does not stop the article", None, raw="[" * 200_000 + "]" * 200_000
    )


def giant_jsonld() -> str:
    data = {"@type": "NewsArticle", "headline": "Giant JSON-LD", "articleBody": "word " * 400_000}
    return bad.jsonld_article("Giant JSON-LD block beside a normal article", data)


SCRIPT_WRITTEN = (
    "<html><head><title>Loading</title></head><body><div id='app'></div><script>"
    "document.write('<h1>Written by a script</h1>' + '<p>Text only a browser would see.</p>'.repeat(5));"
    "</script></body></html>"
)


def binary() -> bytes:
    return random.Random(7).randbytes(50_000)


# -- unit level ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (russian("cp1251"), "text/html"),
        (russian("koi8-r"), "text/html"),
        (russian("cp1251"), "text/html; charset=utf-8"),
        (russian("cp1251"), "text/html; charset=iso-8859-1"),
        (russian("koi8-r"), "text/html; charset=windows-1251"),
        (russian("cp1251", meta='<meta charset="utf-8">'), "text/html"),
        (russian("utf-8"), "text/html; charset=windows-1251"),
        (b"\xef\xbb\xbf" + russian("utf-8"), "text/html; charset=koi8-r"),
    ],
    ids=[
        "cp1251",
        "koi8r",
        "cp1251-as-utf8",
        "cp1251-as-latin1",
        "koi8r-as-cp1251",
        "wrong-meta",
        "utf8-as-cp1251",
        "bom",
    ],
)
def test_russian_pages_are_read_as_russian_whatever_they_declare(body, content_type):
    response = HtmlResponse("http://127.0.0.1/news/ru", body=body, headers={"Content-Type": content_type})
    fixed = EncodingMiddleware(None).process_response(None, response)
    item = article_from_html(fixed.url, fixed.text, SOURCE)
    assert item is not None
    assert item.headline == RU_HEADLINE
    assert bad.RUSSIAN[0] in item.article_body
    assert [a.name for a in item.authors] == ["Иван Петров"]


@pytest.mark.parametrize(
    ("text", "encoding", "declared"),
    [
        ("Les élèves étaient très déçus à Noël, a déclaré le maire. " * 4, "cp1252", "cp1252"),
        ("Les élèves étaient très déçus à Noël, a déclaré le maire. " * 4, "utf-8", "cp1252"),
        ("Azərbaycan Prezidenti İlham Əliyev şəhərdə yeni məktəbin açılışında iştirak edib. " * 4, "utf-8", None),
        ("Plain ASCII text only. " * 4, "ascii", "cp1252"),
    ],
)
def test_correct_declarations_are_kept(text, encoding, declared):
    body = f"<html><body><p>{text}</p></body></html>".encode(encoding)
    assert sniff_encoding(body, declared) in {encoding if encoding != "ascii" else "cp1252", "utf-8"}
    assert text in body.decode(sniff_encoding(body, declared) or "utf-8")


@pytest.mark.parametrize(
    "page",
    [
        malformed(),
        "",
        "   ",
        "<html></html>",
        binary().decode("latin-1"),
        deep_jsonld(),
        giant_jsonld(),
        SCRIPT_WRITTEN,
    ],
    ids=["malformed", "empty", "blank", "bare", "binary", "deep-jsonld", "giant-jsonld", "script-written"],
)
def test_bad_pages_give_an_article_or_none_without_an_extraction_failure(page, caplog):
    with caplog.at_level(logging.ERROR):
        item = article_from_html("http://127.0.0.1/news/x", page, SOURCE)
    failures = [r for r in caplog.records if r.name.startswith("crawler.") and r.levelno >= logging.ERROR]
    assert not failures, "extraction raised (and article_from_html caught it)"
    assert item is None or (item.headline and item.article_body)


def test_malformed_and_broken_jsonld_articles_are_still_read():
    item = article_from_html("http://127.0.0.1/news/m", malformed(), SOURCE)
    assert item is not None and item.headline.startswith("Malformed but readable page")
    broken = bad.jsonld_article("Broken JSON-LD keeps the article", None, raw='{"@type": "NewsArticle", "headline": ')
    item = article_from_html("http://127.0.0.1/news/b", broken, SOURCE)
    assert item is not None and item.headline == "Broken JSON-LD keeps the article"
    assert article_from_html("http://127.0.0.1/news/s", SCRIPT_WRITTEN, SOURCE) is None


# -- in a crawl ------------------------------------------------------------------------------------


@pytest.mark.slow
def test_bad_pages_in_a_crawl_give_articles_or_events(badsite, sqlite_url, data_dir, measure):
    huge = b"<html><body>" + b"<p>padding</p>" * 260_000 + b"</body></html>"  # ~3.6 MB
    readable = {
        badsite.add_page("/news/cp1251", russian("cp1251"), "text/html"),
        badsite.add_page("/news/koi8r", russian("koi8-r"), "text/html"),
        badsite.add_page("/news/wrong-charset", russian("cp1251"), "text/html; charset=utf-8"),
        badsite.add_page("/news/wrong-meta", russian("cp1251", meta='<meta charset="utf-8">'), "text/html"),
    }
    kept = {
        badsite.add_page("/news/malformed", malformed()): "Malformed but readable page",
        badsite.add_page("/news/broken-jsonld", bad.jsonld_article("Broken JSON-LD keeps it", None, raw="{")): (
            "Broken JSON-LD keeps it"
        ),
    }
    kept[badsite.add_page("/news/giant-jsonld", giant_jsonld())] = "Giant JSON-LD block beside a normal article"
    kept[badsite.add_page("/news/deep-jsonld", deep_jsonld())] = "Deeply nested JSON-LD does not stop the article"
    rejected = {
        badsite.add_page("/news/empty", b""),
        badsite.add_page("/news/binary", binary()),
        badsite.add_page("/news/script-written", SCRIPT_WRITTEN),
        badsite.add_page("/news/enormous", huge),
        badsite.add("/news/enormous-stream", bad.streamed(b"<p>" + b"x" * 1000 + b"</p>", 4000)),
    }
    sources = write_sources(data_dir / "sources.toml", badsite.source())

    result = crawl_sources(sources, sqlite_url, data_dir, "-s", "DOWNLOAD_MAXSIZE=3000000", "-s", "RETRY_TIMES=1")

    assert result.returncode in (ExitCode.OK, ExitCode.FINISHED_WITH_ERRORS), result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    got = outcome(sqlite_url)
    assert got.runs[0][0] == "finished"
    for path in readable:
        headline, body = got.articles[badsite.url(path)]
        assert (headline, bad.RUSSIAN[1] in body) == (RU_HEADLINE, True), path
    for path, headline in kept.items():
        assert got.articles[badsite.url(path)][0] == headline
    for path in rejected:
        assert badsite.url(path) not in got.articles, path
        assert got.events_for(badsite.url(path)), (path, got.events)
    assert got.runs[0][1]["encoding/corrected"] >= 2
    pages = readable | set(kept) | rejected
    lost = sum(1 for p in pages if badsite.url(p) not in got.articles and not got.events_for(badsite.url(p)))
    measure(faults=len(pages), crawled=len(pages), stored=len(got.articles), lost=lost)


def test_jsonld_fixture_is_what_it_claims():
    """The giant JSON-LD block really is over a megabyte of valid JSON (the test above would prove nothing else)."""
    page = giant_jsonld()
    start = page.index('<script type="application/ld+json">') + len('<script type="application/ld+json">')
    block = page[start : page.index("</script>", start)]
    assert len(block) > 1_000_000 and json.loads(block)["@type"] == "NewsArticle"
