"""JSON-LD reading: types, @graph, lists, author shapes, @id references, broken and huge scripts."""

from __future__ import annotations

import json

import pytest
from lxml import html as lxml_html

from crawler.extract.jsonld import MAX_SCRIPT_CHARS, RawAuthor, parse_script, read_jsonld, type_names


def tree_with(*scripts: str):
    tags = "".join(f'<script type="application/ld+json">{s}</script>' for s in scripts)
    return lxml_html.fromstring(f"<html><head>{tags}</head><body><p>x</p></body></html>")


def read(*objects, url: str = "https://example.com/a"):
    return read_jsonld(tree_with(*(o if isinstance(o, str) else json.dumps(o) for o in objects)), url)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("NewsArticle", {"newsarticle"}),
        (["Article", "NewsArticle"], {"article", "newsarticle"}),
        ("http://schema.org/BlogPosting", {"blogposting"}),
        ("schema:ReportageNewsArticle", {"reportagenewsarticle"}),
        (None, set()),
        (42, set()),
    ],
)
def test_type_names(value, expected):
    assert type_names({"@type": value}) == expected


@pytest.mark.parametrize("kind", ["NewsArticle", "Article", "ReportageNewsArticle", "BlogPosting", "LiveBlogPosting"])
def test_article_types_are_read(kind):
    assert read({"@type": kind, "headline": "H"}).article.headline == "H"


def test_graph_and_fields():
    data = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebSite", "@id": "#site", "name": "Example News"},
            {"@type": "Organization", "@id": "#org", "name": "Example Media"},
            {
                "@type": "NewsArticle",
                "headline": " Budget  passed ",
                "description": "Lead.",
                "articleBody": "One.\nTwo.",
                "datePublished": "2026-01-09T10:00:00+02:00",
                "dateModified": ["2026-01-09T12:00:00+02:00"],
                "articleSection": ["Politics", "Local"],
                "keywords": "budget, council ,",
                "image": [{"@type": "ImageObject", "url": "https://example.com/i.jpg"}],
                "inLanguage": "en-GB",
                "publisher": {"@id": "#org"},
                "mainEntityOfPage": {"@id": "https://example.com/a"},
                "author": [{"@type": "Person", "name": "Jane Doe", "url": "https://example.com/jane"}, "John Roe"],
            },
        ],
    }
    result = read(data)
    article = result.article
    assert article.headline == "Budget passed"
    assert article.description == "Lead."
    assert article.article_body == "One.\nTwo."
    assert article.date_published == "2026-01-09T10:00:00+02:00"
    assert article.date_modified == "2026-01-09T12:00:00+02:00"
    assert article.section == "Politics"
    assert article.keywords == ["budget", "council"]
    assert article.image_url == "https://example.com/i.jpg"
    assert article.in_language == "en-GB"
    assert article.publisher == "Example Media"
    assert article.url == "https://example.com/a"
    assert article.authors == [RawAuthor("Jane Doe", "person", "https://example.com/jane"), RawAuthor("John Roe")]
    assert "Example News" in result.site_names and "Example Media" in result.site_names


def test_top_level_list_of_objects():
    assert read([{"@type": "BreadcrumbList"}, {"@type": "NewsArticle", "headline": "H"}]).article.headline == "H"


@pytest.mark.parametrize(
    ("author", "expected"),
    [
        ({"@type": "Person", "name": "Jane Doe"}, [RawAuthor("Jane Doe")]),
        ({"@type": "Organization", "name": "Trend"}, [RawAuthor("Trend", "organization")]),
        ({"@type": "NewsMediaOrganization", "name": "APA"}, [RawAuthor("APA", "organization")]),
        ({"@type": "Person", "givenName": "Jane", "familyName": "Doe"}, [RawAuthor("Jane Doe")]),
        ([{"name": "A B"}, {"name": "C D"}], [RawAuthor("A B"), RawAuthor("C D")]),
        ({"name": ["Jane Doe"]}, [RawAuthor("Jane Doe")]),
        ("https://example.com/author/jane", []),
        ({"@type": "Person"}, []),
        (12, []),
    ],
)
def test_author_shapes(author, expected):
    assert read({"@type": "NewsArticle", "author": author}).article.authors == expected


def test_author_by_id_reference():
    data = {
        "@graph": [
            {"@type": "Person", "@id": "#jane", "name": "Jane Doe"},
            {"@type": "NewsArticle", "author": {"@id": "#jane"}},
        ]
    }
    assert read(data).article.authors == [RawAuthor("Jane Doe")]


def test_article_inside_item_list_is_not_the_page_article():
    listing = {
        "@type": "ItemList",
        "itemListElement": [{"@type": "ListItem", "item": {"@type": "NewsArticle", "headline": "Other"}}],
    }
    result = read(listing)
    assert result.article is None
    assert "itemlist" in result.types


def test_the_article_matching_the_page_url_wins():
    others = {"@type": "NewsArticle", "headline": "Other", "url": "https://example.com/b"}
    mine = {"@type": "NewsArticle", "headline": "Mine", "url": "https://example.com/a"}
    assert read(others, mine).article.headline == "Mine"


@pytest.mark.parametrize(
    "script",
    [
        "{not json",
        "",
        "null",
        "[1, 2, 3]",
        '"string"',
        "[" * 100_000 + "]" * 100_000,
        '{"@type": {"@type": {"@type": 1}}}',
    ],
)
def test_broken_scripts_are_survived(script):
    result = read(script, {"@type": "NewsArticle", "headline": "H"})
    assert result.article.headline == "H"


def test_common_breakage_is_repaired():
    assert parse_script('<!-- {"@type": "NewsArticle", "headline": "H",} -->;') == {
        "@type": "NewsArticle",
        "headline": "H",
    }
    assert parse_script('{"headline": "line\nbreak"}') == {"headline": "line\nbreak"}


def test_huge_script_is_skipped():
    huge = json.dumps({"@type": "NewsArticle", "headline": "H", "pad": "x" * MAX_SCRIPT_CHARS})
    result = read(huge)
    assert result.article is None
    assert result.broken_scripts == 1


def test_deep_nesting_is_bounded():
    deep = '{"@type": "Thing", "child": ' * 5000 + '{"@type": "NewsArticle"}' + "}" * 5000
    assert read(deep).article is None
