"""The article test keeps real articles whose story the body extractor missed (crawler.extract.story)."""

from __future__ import annotations

from datetime import UTC, datetime

from crawler.extract import extract_article
from crawler.extract.dom import load_tree
from crawler.extract.story import story_paragraphs

FETCHED = datetime(2026, 11, 25, tzinfo=UTC)
REGIONS = "".join(f"<li><a href='/r{i}'>Region number {i} of the country</a></li>" for i in range(60))
STORY = """
<p>The regional council approved the purchase of five new cars for its officials on Tuesday, despite objections.</p>
<p>Two of the cars must have engines of at least two litres and leather seats, according to the tender documents.</p>
<p>Opposition members said the money would be better spent on school buses for villages far from the city.</p>
<p>The council's press office said the old cars had covered more than three hundred thousand kilometres each.</p>
<p>The tender closes at the end of the month, and the cars are to be delivered before the start of the summer.</p>
"""
# The story sits in a <main> that the site's template nests in an <aside>, after a long region menu.
ODD_TEMPLATE = f"""<!DOCTYPE html><html><head><title>Council buys five cars</title>
<meta property="og:type" content="article"></head><body>
<div class="regions"><p>Your region:</p><ul>{REGIONS}</ul></div>
<aside class="layout"><div><main><h1>Council buys five cars</h1><div class="text">{STORY}</div></main></div></aside>
</body></html>"""


def test_a_story_in_plain_paragraphs_is_an_article_whatever_the_template() -> None:
    item = extract_article(
        "https://city.example.com/social/2020/02/18/council-cars.html", ODD_TEMPLATE, None, fetched_at=FETCHED
    )
    assert item is not None
    assert "five new cars" in (item.article_body or "")
    assert "Region number" not in (item.article_body or "")


def test_teasers_and_menus_make_no_story() -> None:
    teasers = "".join(
        f"<div class='teaser'><h2><a href='/s{i}'>Headline {i}</a></h2><p>A short teaser line of story {i}.</p></div>"
        for i in range(12)
    )
    tree = load_tree(f"<html><body><nav><p>{STORY}</p></nav><footer>{STORY}</footer>{teasers}</body></html>")
    assert tree is not None
    assert story_paragraphs(tree) == []


def test_an_error_page_with_paragraphs_stays_not_an_article() -> None:
    page = ODD_TEMPLATE.replace("<title>Council buys five cars</title>", "<title>404 Page not found</title>").replace(
        '<meta property="og:type" content="article">', ""
    )
    assert extract_article("https://city.example.com/missing", page, None, fetched_at=FETCHED) is None
