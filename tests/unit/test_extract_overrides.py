"""Per-source selector overrides: CSS and xpath selectors that win over generic rules."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from lxml import html as lxml_html

from crawler.extract import extract_article
from crawler.extract.dom import select
from crawler.extract.overrides import override_body, override_image, override_text, override_texts
from crawler.sources import Source

PAGE = """<html lang="ru"><head><title>Generic title | Site</title>
<meta property="og:title" content="Generic title">
<meta property="article:published_time" content="2026-06-01T10:00:00+04:00"></head><body>
<h1>Generic title</h1>
<div class="post">
  <div class="post_title">Заголовок из селектора</div>
  <div class="post_time">25.06.2026 17:24</div>
  <div class="post_cover" style="background-image: url('/img/cover.jpg')"></div>
  <div class="post_body">
    <p>Первый абзац статьи, достаточно длинный, чтобы считаться текстом новости.</p>
    <p>Второй абзац статьи с <a href="/x">ссылкой</a> внутри и ещё несколькими словами.</p>
    <p>Источник: АПА</p>
    <div class="post_hits">просмотров: 321</div>
  </div>
  <div class="tags"><a>Политика</a><a>Баку</a></div>
  <span class="author-name">Иван Петров</span>
</div></body></html>"""
SELECTORS = {
    "headline": ".post .post_title",
    "article_body": ".post .post_body",
    "date_published": ".post .post_time",
    "image_url": ".post_cover",
    "keywords": ".tags a",
    "byline": "xpath://span[@class='author-name']",
    "section": "xpath://nothing",
}
SOURCE = Source(
    name="caliber_ru", homepage="https://caliber.example/", languages=("ru",), timezone="Asia/Baku", selectors=SELECTORS
)


@pytest.fixture
def tree():
    return lxml_html.fromstring(PAGE)


def test_css_and_xpath_selectors(tree):
    assert override_text(tree, SELECTORS, "headline") == "Заголовок из селектора"
    assert override_text(tree, SELECTORS, "byline") == "Иван Петров"
    assert override_texts(tree, SELECTORS, "keywords") == ["Политика", "Баку"]
    assert override_text(tree, SELECTORS, "section") is None
    assert override_text(tree, {}, "headline") is None


def test_xpath_returning_strings_and_attributes(tree):
    assert override_text(tree, {"headline": "xpath://div[@class='post_title']/text()"}, "headline") == (
        "Заголовок из селектора"
    )
    assert override_text(tree, {"x": "xpath:string(//div[@class='post_time'])"}, "x") == "25.06.2026 17:24"


@pytest.mark.parametrize("selector", ["", "[[[", "xpath:///bad[", "div:unknown-pseudo"])
def test_bad_selectors_match_nothing(tree, selector):
    assert select(tree, selector) == []


def test_override_body_keeps_paragraphs_and_drops_junk(tree):
    assert override_body(tree, SELECTORS) == [
        "Первый абзац статьи, достаточно длинный, чтобы считаться текстом новости.",
        "Второй абзац статьи с ссылкой внутри и ещё несколькими словами.",
    ]


def test_override_image_from_css_background(tree):
    assert override_image(tree, SELECTORS, "https://caliber.example/post/x") == "https://caliber.example/img/cover.jpg"


def test_overrides_win_over_generic_rules():
    item = extract_article(
        "https://caliber.example/post/x", PAGE, SOURCE, fetched_at=datetime(2026, 11, 25, tzinfo=UTC)
    )
    assert item.headline == "Заголовок из селектора"
    assert item.date_published == datetime(2026, 6, 25, 13, 24, tzinfo=UTC)
    assert item.date_published_raw == "25.06.2026 17:24"
    assert item.article_body.count("\n") == 1
    assert item.keywords == ["Политика", "Баку"]
    assert [a.name for a in item.authors] == ["Иван Петров"]
    assert item.image_url == "https://caliber.example/img/cover.jpg"


def test_generic_rules_when_a_selector_matches_nothing():
    selectors = {"headline": ".missing", "date_published": ".missing"}
    source = Source(name="s", homepage="https://caliber.example/", languages=("ru",), selectors=selectors)
    item = extract_article(
        "https://caliber.example/post/x", PAGE, source, fetched_at=datetime(2026, 11, 25, tzinfo=UTC)
    )
    assert item.headline == "Generic title"
    assert item.date_published == datetime(2026, 6, 1, 6, 0, tzinfo=UTC)
