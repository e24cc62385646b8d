"""The sources file: data validated with one message per mistake."""

from __future__ import annotations

import pytest

from crawler.sources import SourcesError, load_sources, parse_sources, select_sources


def test_bundled_sources_load():
    sources = load_sources()
    assert {"caliber_az", "azernews", "lenta_ru"} <= set(sources)
    caliber = sources["caliber_az"]
    assert caliber.timezone == "Asia/Baku"
    assert caliber.feeds == ("https://caliber.az/rss.xml",)
    assert caliber.is_article_url("https://caliber.az/en/post/nato-azerbaijan-synergy")
    assert not caliber.is_article_url("https://caliber.az/en/search/nato")
    assert sources["azernews"].sitemaps == ("https://www.azernews.az/sitemap.xml",)


def test_every_mistake_is_reported_with_entry_and_field():
    data = {
        "source": [
            {"name": "ok", "homepage": "https://ok.example/", "languages": ["en"]},
            {"name": "bad", "homepage": "https://b.example/", "languages": ["english"], "article_url_pattern": "(["},
            {"homepage": "https://c.example/", "languages": ["en"], "colour": "red"},
            {"name": "ok", "homepage": "https://ok.example/", "languages": ["en"]},
        ]
    }
    with pytest.raises(SourcesError) as caught:
        parse_sources(data)
    problems = caught.value.problems
    assert "source 'bad': field 'languages' has 'english', not an ISO 639 code" in problems
    assert any(
        p.startswith("source 'bad': field 'article_url_pattern' is not a regular expression RE2 can run")
        for p in problems
    )
    assert "source '#3': unknown field 'colour'" in problems
    assert any(p.startswith("source '#3': field 'name'") for p in problems)
    assert "source 'ok': the name is used twice" in problems
    assert len(problems) == 5


def test_with_origin_moves_every_url_and_the_allowed_domain():
    source = load_sources()["caliber_az"].with_origin("http://127.0.0.1:8123")
    assert source.homepage == "http://127.0.0.1:8123/en/"
    assert source.feeds == ("http://127.0.0.1:8123/rss.xml",)
    assert source.allowed_domains == ("127.0.0.1:8123",)  # host and port (issue 17)


def test_select_unknown_source_names_the_known_ones():
    with pytest.raises(SourcesError, match=r"unknown source .nope. \(known: [a-z_, ]*azernews, caliber_az"):
        select_sources(load_sources(), ["nope"])
