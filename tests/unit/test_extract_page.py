"""article_from_html on small whole pages: fields, not-an-article pages, junk input."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from crawler.extract import article_from_html, extract_article
from crawler.items import Author
from crawler.sources import Source

FETCHED = datetime(2026, 1, 10, 12, 0, tzinfo=UTC)
PARAGRAPHS = (
    "<p>The city council approved the new budget on Tuesday after a long debate about schools and roads.</p>"
    "<p>Officials said the plan would add two hundred teachers and repair forty kilometres of streets.</p>"
    "<p>Opponents argued that the spending was too high and promised to challenge it next year.</p>"
)


def page(head: str = "", body: str = "", lang: str = "en") -> str:
    return f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'>{head}</head><body>{body}</body></html>"


def extract(html: str | bytes, url: str = "https://news.example.com/2026/01/09/budget", source=None):
    return extract_article(url, html, source, fetched_at=FETCHED)


def test_full_article_from_metadata_and_body():
    html = page(
        "<title>Council approves budget | Example News</title>"
        "<meta property='og:site_name' content='Example News'>"
        "<meta property='og:type' content='article'>"
        "<meta name='description' content='The budget passed.'>"
        "<meta property='article:published_time' content='2026-01-09T10:00:00+02:00'>"
        "<meta property='article:modified_time' content='2026-01-09T12:30:00+02:00'>"
        "<meta property='article:section' content='Politics'>"
        "<meta name='keywords' content='budget, council'>"
        "<meta property='og:image' content='/img/budget.jpg'>"
        "<link rel='canonical' href='https://news.example.com/2026/01/09/budget?utm_source=x'>"
        "<link rel='alternate' hreflang='ru' href='/ru/2026/01/09/budget'>",
        "<h1>Council approves budget</h1><p class='byline'>By Jane Doe</p><article>" + PARAGRAPHS + "</article>",
    )
    item = extract(html)
    assert item.headline == "Council approves budget"
    assert item.description == "The budget passed."
    assert item.article_body.count("\n") == 2
    assert item.article_body.startswith("The city council approved")
    assert item.date_published == datetime(2026, 1, 9, 8, 0, tzinfo=UTC)
    assert item.date_published_raw == "2026-01-09T10:00:00+02:00"
    assert item.date_modified == datetime(2026, 1, 9, 10, 30, tzinfo=UTC)
    assert item.section == "Politics"
    assert item.keywords == ["budget", "council"]
    assert item.image_url == "https://news.example.com/img/budget.jpg"
    assert item.canonical_url == "https://news.example.com/2026/01/09/budget"
    assert item.translations == {"ru": "https://news.example.com/ru/2026/01/09/budget"}
    assert item.in_language == "en"
    assert item.authors == [Author("Jane Doe")]
    assert item.source is None
    assert item.fetched_at == FETCHED


def test_canonical_on_another_site_is_not_trusted():
    html = page("<link rel='canonical' href='https://other.org/story'>", "<h1>Budget</h1>" + PARAGRAPHS)
    assert extract(html).canonical_url == "https://news.example.com/2026/01/09/budget"


def test_canonical_on_a_subdomain_of_the_same_site_is_kept():
    html = page("<link rel='canonical' href='https://www.example.com/budget'>", "<h1>Budget</h1>" + PARAGRAPHS)
    assert extract(html).canonical_url == "https://www.example.com/budget"


def test_unreadable_date_keeps_raw_string():
    html = page("<meta property='article:published_time' content='sometime last spring'>", PARAGRAPHS)
    item = extract(html, url="https://news.example.com/budget")
    assert item.date_published is None
    assert item.date_published_raw == "sometime last spring"


def test_date_guessed_from_the_url_when_metadata_is_unreadable():
    html = page("<meta property='article:published_time' content='sometime last spring'>", PARAGRAPHS)
    item = extract(html, url="https://news.example.com/2026/01/09/budget")
    assert item.date_published == datetime(2026, 1, 9, tzinfo=UTC)


@pytest.mark.parametrize(
    "html",
    [
        "",
        b"",
        b"\x00\x01\x02\x03\x04\x05\x06\x07" * 500,
        "just some text, no html",
        "<html><body></body></html>",
        page("<title>Page not found | Example</title>", "<h1>404</h1><p>Sorry, the page does not exist.</p>"),
    ],
)
def test_junk_and_error_pages_are_not_articles(html):
    assert extract(html) is None


def test_listing_page_is_not_an_article():
    cards = "".join(
        f"<div class='card'><h3><a href='/news/{i}'>Headline number {i} about something that happened</a></h3></div>"
        for i in range(12)
    )
    assert (
        extract(page("<title>Politics - Example News</title>", cards), url="https://news.example.com/politics") is None
    )


def test_tag_page_url_without_article_metadata_is_not_an_article():
    assert extract(page("<title>Tag: budget</title>", PARAGRAPHS), url="https://news.example.com/tag/budget") is None


def test_bytes_in_declared_charset():
    html = page("<title>Бюджет</title>", "<h1>Бюджет принят</h1>" + PARAGRAPHS, lang="ru").replace(
        "utf-8", "windows-1251"
    )
    item = extract(html.encode("windows-1251"))
    assert item.headline == "Бюджет принят"


def test_source_gives_timezone_languages_and_name():
    source = Source(name="baku_news", homepage="https://news.example.com/", languages=("ru",), timezone="Asia/Baku")
    html = page("<meta name='pubdate' content='2026-01-09 14:00'>", "<h1>Бюджет</h1>" + PARAGRAPHS, lang="")
    item = extract(html, source=source)
    assert item.source == "baku_news"
    assert item.in_language == "ru"
    assert item.date_published == datetime(2026, 1, 9, 10, 0, tzinfo=UTC)


def test_article_from_html_never_raises(monkeypatch):
    import crawler.extract.page as page_module

    def broken(*args, **kwargs):
        raise RuntimeError("bug")

    monkeypatch.setattr(page_module, "read_meta", broken)
    assert article_from_html("https://x.example/a", page("", PARAGRAPHS), None) is None
