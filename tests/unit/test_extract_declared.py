"""A page its publisher declares one article is kept even with a short or missing body (crawler.extract.declared)."""

from __future__ import annotations

from datetime import UTC, datetime

from crawler.extract import extract_article
from crawler.extract.declared import declares_article, figure_count, microdata_articles
from crawler.extract.dom import load_tree
from crawler.extract.jsonld import read_jsonld
from crawler.extract.meta import read_meta

FETCHED = datetime(2026, 11, 25, tzinfo=UTC)
URL = "https://paper.example.org/2026/03/04/harbour-cranes"
TEASER = "<p>The port authority ordered four new cranes.</p><p>Subscribe to read the whole story.</p>"


def page(head: str, body: str, title: str = "Port orders four new cranes | The Paper") -> str:
    return f"<!DOCTYPE html><html lang='en'><head><title>{title}</title>{head}</head><body>{body}</body></html>"


def extract(html: str, url: str = URL):
    return extract_article(url, html, None, fetched_at=FETCHED)


def test_an_open_graph_article_behind_a_paywall_is_kept_with_the_body_it_has() -> None:
    head = "<meta property='og:type' content='article'><meta property='article:published_time' content='2026-03-04'>"
    item = extract(page(head, f"<h1>Port orders four new cranes</h1>{TEASER}"))
    assert item is not None
    assert item.headline == "Port orders four new cranes"
    assert "four new cranes" in (item.article_body or "")
    assert item.date_published is not None and item.date_published.date().isoformat() == "2026-03-04"


def test_a_json_ld_news_article_whose_text_is_loaded_by_script_is_kept() -> None:
    ld = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Port orders four new cranes",'
        ' "datePublished": "2026-03-04T09:00:00+01:00"}</script>'
    )
    item = extract(page(ld, "<div id='app'></div><script src='/app.js'></script>"))
    assert item is not None
    assert item.headline == "Port orders four new cranes"
    assert not item.article_body


def test_one_microdata_blog_post_is_declared_but_an_archive_of_several_is_not() -> None:
    post = "<div itemscope itemtype='http://schema.org/BlogPosting'><h2 itemprop='headline'>Cranes</h2>{}</div>"
    one = load_tree(page("", post.format(TEASER)))
    two = load_tree(page("", post.format(TEASER) * 2))
    assert one is not None and two is not None
    assert microdata_articles(one) == 1 and microdata_articles(two) == 2
    assert declares_article(one, read_jsonld(one, URL), read_meta(one, URL))
    assert not declares_article(two, read_jsonld(two, URL), read_meta(two, URL))
    assert extract(page("", post.format(TEASER))) is not None
    assert extract(page("", post.format(TEASER) * 2)) is None


def test_declared_articles_that_are_listings_errors_or_galleries_stay_rejected() -> None:
    head = "<meta property='og:type' content='article'>"
    assert extract(page(head, f"<h1>Cranes</h1>{TEASER}"), "https://paper.example.org/tag/cranes") is None
    for home in ("https://paper.example.org/", "https://paper.example.org/en/", "https://paper.example.org/de-at"):
        assert extract(page(head, f"<h1>The Paper</h1>{TEASER}"), home) is None
    assert extract(page(head, "<h1>Page not found</h1>", title="404 Page not found")) is None
    figures = "".join(f"<figure><img src='/c{i}.jpg'><figcaption>Crane {i}</figcaption></figure>" for i in range(4))
    gallery = page(head, f"<h1>In pictures: the new cranes</h1>{figures}")
    gallery_tree = load_tree(gallery)
    assert gallery_tree is not None and figure_count(gallery_tree) == 4
    assert extract(gallery) is None


def test_an_undeclared_page_with_a_short_text_is_still_no_article() -> None:
    assert extract(page("", f"<h1>Port orders four new cranes</h1>{TEASER}")) is None


def test_htmldate_reads_the_page_as_given_with_a_blog_engines_trackback_date_in_a_comment() -> None:
    rdf = """<!-- <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
  xmlns:dc="http://purl.org/dc/elements/1.1/">
<rdf:Description
  rdf:about="https://blog.example.net/entry/cranes"
  dc:title="Cranes"
  dc:date="2026-03-04T21:10:00+09:00" />
</rdf:RDF> -->"""
    paragraphs = "".join(
        f"<p>The port authority ordered four new cranes for the northern quay, item number {i} of the plan.</p>"
        for i in range(4)
    )
    html = page("", f"{rdf}<div class='entry'><h1>Cranes</h1>{paragraphs}</div>", title="Cranes")
    item = extract_article("https://blog.example.net/entry/cranes", html, None, fetched_at=FETCHED)
    assert item is not None
    assert item.date_published_raw == "2026-03-04"
