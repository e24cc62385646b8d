"""What a publisher declares about a page in its structured metadata: one article, or a gallery.

A page its publisher marks as one article (``og:type=article``, ``article:published_time``,
a JSON-LD or microdata ``NewsArticle``/``BlogPosting``...) is an article even when its
body is short, loaded by script or behind a paywall: a crawl keeps it with the body it
has (a missing body is counted by health) rather than lose the story.
"""

from __future__ import annotations

from lxml import etree
from lxml.html import HtmlElement

from crawler.extract.dom import xpath_number, xpath_strings
from crawler.extract.jsonld import ARTICLE_TYPES, JsonLd
from crawler.extract.meta import PageMeta

_ITEMTYPES = etree.XPath("//*[@itemscope][@itemtype]/@itemtype")
#: Figures (with or without a caption) from which on a page without prose is a gallery.
GALLERY_FIGURES = 3
_FIGURES = etree.XPath("count(//figure) + count(//figcaption[not(ancestor::figure)])")


def microdata_articles(tree: HtmlElement) -> int:
    """How many items of an article type the page's microdata holds (a listing holds several)."""
    count = 0
    for itemtype in xpath_strings(_ITEMTYPES, tree):
        names = {part.rstrip("/").rsplit("/", 1)[-1].casefold() for part in str(itemtype).split()}
        count += bool(names & ARTICLE_TYPES)
    return count


def declares_article(tree: HtmlElement, ld: JsonLd, meta: PageMeta) -> bool:
    """True when the publisher declares the page one article (Open Graph, JSON-LD or one microdata item)."""
    return (
        ld.article is not None
        or meta.og_type == "article"
        or bool(meta.first("article:published_time"))
        or microdata_articles(tree) == 1
    )


def figure_count(tree: HtmlElement) -> int:
    """Figures on the page: ``<figure>`` elements and captions outside them."""
    return int(xpath_number(_FIGURES, tree))
