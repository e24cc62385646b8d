"""Meta readers: OpenGraph, article:*, meta author/date, itemprop, <time>, Parse.ly, Dublin Core, bylines."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from crawler.extract.byline import author_link_names, clean_visible_byline, dateline_agency, visible_byline
from crawler.extract.jsonld import RawAuthor
from crawler.extract.meta import by_absoluteness, read_meta

URL = "https://news.example.com/a/1"


def meta_of(head: str = "", body: str = "", lang: str = "en"):
    tree = lxml_html.fromstring(f"<html lang='{lang}'><head>{head}</head><body>{body}</body></html>")
    return read_meta(tree, URL)


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ("<meta property='article:published_time' content='2026-01-09T10:00:00Z'>", "2026-01-09T10:00:00Z"),
        ("<meta property='og:published_time' content='2026-01-09'>", "2026-01-09"),
        ("<meta name='pubdate' content='2026-01-09'>", "2026-01-09"),
        ("<meta name='publishdate' content='2026-01-09'>", "2026-01-09"),
        ("<meta name='date' content='2026-01-09'>", "2026-01-09"),
        ("<meta name='DC.date.issued' content='2026-01-09'>", "2026-01-09"),
        ("<meta name='parsely-pub-date' content='2026-01-09'>", "2026-01-09"),
        ("<meta itemprop='datePublished' content='2026-01-09'>", "2026-01-09"),
        ("<meta name='og:article:published_time' value='2026-01-09'>", "2026-01-09"),
    ],
)
def test_published_meta_keys(head, expected):
    assert meta_of(head).published[0] == expected


def test_itemprop_and_time_elements():
    body = (
        "<time class='updated' datetime='2026-01-10'>upd</time>"
        "<span itemprop='datePublished' content='2026-01-09T08:00'>9 Jan</span>"
        "<time datetime='2026-01-08'>other</time>"
    )
    published = meta_of(body=body).published
    assert published[0] == "2026-01-09T08:00"
    assert "2026-01-08" in published and "2026-01-10" not in published


def test_time_marked_as_published_comes_before_other_times():
    body = "<time datetime='2026-01-08'>x</time><time pubdate datetime='2026-01-09'>y</time>"
    assert meta_of(body=body).published[:2] == ["2026-01-09", "2026-01-08"]


def test_modified_keys():
    head = "<meta property='article:modified_time' content='2026-01-10'><meta property='og:updated_time' content='x'>"
    assert meta_of(head).modified == ["2026-01-10", "x"]


def test_relative_and_yearless_dates_come_last():
    assert by_absoluteness(["2 hours ago", "Aug 9", "9 August 2026", "2026-08-09"]) == [
        "9 August 2026",
        "2026-08-09",
        "2 hours ago",
        "Aug 9",
    ]


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ("<meta name='author' content='Jane Doe'>", [RawAuthor("Jane Doe")]),
        ("<meta property='article:author' content='https://facebook.com/jane'>", []),
        ("<meta name='parsely-author' content='Jane Doe'>", [RawAuthor("Jane Doe")]),
        ("<meta name='DC.creator' content='Jane Doe'>", [RawAuthor("Jane Doe")]),
        ("<meta name='sailthru.author' content='Jane Doe'>", [RawAuthor("Jane Doe")]),
        ("<meta name='author' content='A'><meta name='author' content='B'>", [RawAuthor("A"), RawAuthor("B")]),
    ],
)
def test_meta_authors(head, expected):
    assert meta_of(head).authors == expected


def test_parsely_page_json():
    head = """<meta name="parsely-page" content='{"title": "T", "pub_date": "2026-01-09", "authors": ["Jane"]}'>"""
    meta = meta_of(head)
    assert meta.authors == [RawAuthor("Jane")]
    assert "2026-01-09" in meta.published
    assert "T" in meta.titles


def test_broken_parsely_json_is_ignored():
    assert meta_of("<meta name='parsely-page' content='{broken'>").authors == []


def test_itemprop_authors_of_the_first_item_only():
    body = (
        "<article itemscope><span itemprop='author'><span itemprop='name'>Jane Doe</span></span>"
        "<span itemprop='author'>John Roe</span></article>"
        "<aside><div itemscope><span itemprop='author'>Other Writer</span></div></aside>"
    )
    assert meta_of(body=body).itemprop_authors == [RawAuthor("Jane Doe"), RawAuthor("John Roe")]


def test_itemprop_authors_without_itemscope_stay_in_the_first_block():
    body = (
        "<div class='byline'><a itemprop='author'>Jane Doe</a> and <a itemprop='author'>John Roe</a></div>"
        "<p>" + "Long text of the story. " * 20 + "</p>"
        "<ul><li><a itemprop='author'>Related Writer</a></li></ul>"
    )
    assert meta_of(body=body).itemprop_authors == [RawAuthor("Jane Doe"), RawAuthor("John Roe")]


def test_titles_language_section_keywords_image_links():
    head = (
        "<title>T | Site</title><meta property='og:title' content='OG'><meta name='twitter:title' content='TW'>"
        "<meta property='og:locale' content='ru_RU'><meta property='article:section' content='Sport'>"
        "<meta name='keywords' content='a, b'><meta property='article:tag' content='c'>"
        "<meta property='og:image' content='/i.jpg'><meta property='og:site_name' content='Site'>"
        "<meta property='og:type' content='article'><meta property='og:url' content='https://news.example.com/a/1?x'>"
        "<link rel='canonical' href='/a/1'><link rel='alternate' hreflang='az' href='https://news.example.com/az/a/1'>"
        "<link rel='alternate' hreflang='x-default' href='https://news.example.com/'>"
    )
    meta = meta_of(head, "<h1>Heading</h1>", lang="")
    assert meta.title_tag == "T | Site"
    assert meta.titles[:2] == ["OG", "TW"]
    assert meta.h1s == ["Heading"]
    assert meta.languages == ["ru"]
    assert meta.section == "Sport"
    assert meta.keywords == ["a", "b", "c"]
    assert meta.image_url == "https://news.example.com/i.jpg"
    assert meta.site_names == ["Site"]
    assert meta.og_type == "article"
    assert meta.canonical == "https://news.example.com/a/1"
    assert meta.og_url == "https://news.example.com/a/1?x"
    assert meta.alternates == {"az": "https://news.example.com/az/a/1"}


def test_html_lang_comes_first():
    assert meta_of("<meta property='og:locale' content='en_US'>", lang="az-Latn").languages == ["az", "en"]


def test_visible_bylines_and_dates_by_class():
    body = (
        "<div class='post-author'>By Jane Doe</div><div class='comments-author'>Troll</div>"
        "<span class='post_time'>25 июня 2026 в 17:24</span><span class='date'>no date here</span>"
    )
    meta = meta_of(body=body)
    assert meta.visible_bylines == ["By Jane Doe"]
    assert meta.visible_dates == ["25 июня 2026 в 17:24"]


def _tree(body: str):
    return lxml_html.fromstring(f"<html><body>{body}</body></html>")


def test_author_links_first_group():
    body = (
        "<p class='byline'>By <a href='/author/jane-doe'>Jane Doe</a> and <a href='/author/john'>John Roe</a></p>"
        "<p>" + "Story text goes on. " * 20 + "</p>"
        "<div class='related'><a href='/author/other'>Other Person</a></div>"
    )
    assert author_link_names(_tree(body), URL) == ["Jane Doe", "John Roe"]


def test_author_links_skip_other_sites_buttons_and_noise_areas():
    body = (
        "<div class='sidebar'><a href='/author/side'>Side Bar</a></div>"
        "<a href='https://other.org/author/jane'>Other Site</a>"
        "<a href='/author/jane'>View author archive</a>"
        "<span class='by'><a rel='author' href='/people/jane'>Jane Doe</a></span>"
    )
    assert author_link_names(_tree(body), URL) == ["Jane Doe"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("By Jane Doe", "By Jane Doe"),
        ("By: Jane Doe", "By Jane Doe"),
        ("By Laura E. Adkins December 28, 2016", "By Laura E. Adkins"),
        ("January 17, 2017 at 6:08 PM ET by Kori Schulman", "by Kori Schulman"),
        ("Jane Doe | 12.03.2026 14:00", "Jane Doe"),
        ("Jane Doe / TNN / Updated: Oct 9, 2019", "Jane Doe"),
        ("Lauren Jarvis-Gibson December 16th 2016", "Lauren Jarvis-Gibson"),
        ("Oli Coleman View author archive Get author RSS feed", "Oli Coleman"),
        ("Jane Doe Example Times", "Jane Doe"),
        ("Follow", ""),
    ],
)
def test_clean_visible_byline(raw, expected):
    assert clean_visible_byline(raw, ["The Example Times"]) == expected


def test_visible_byline_takes_the_first_that_holds_a_name():
    assert visible_byline(["12.03.2026", "By Jane Doe"]) == "By Jane Doe"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Bakı. Trend: Bakı Fond Birjasında əqdlərin həcmi artıb.", "Trend"),
        ("Баку. Trend: Объем сделок вырос.", "Trend"),
        ("LONDON (Reuters) - Shares rose on Monday.", "Reuters"),
        ("The minister said: we will act.", None),
        ("", None),
    ],
)
def test_dateline_agency(line, expected):
    assert dateline_agency(line) == expected


def test_a_login_meta_author_takes_the_visible_byline_spelling():
    meta = meta_of(
        "<meta name='author' content='mikecason'>", "<div class='byline'>By Mike Cason | mcason@example.com</div>"
    )
    assert meta.authors == [RawAuthor("Mike Cason")]


def test_a_login_meta_author_without_a_matching_byline_stays():
    meta = meta_of("<meta name='author' content='doumae'>", "<div class='byline'>By Jane Doe</div>")
    assert meta.authors == [RawAuthor("doumae")]
