"""What a publisher declares about a page in its structured metadata: one article, or a gallery.

A page its publisher marks as one article (``og:type=article``, ``article:published_time``,
a JSON-LD or microdata ``NewsArticle``/``BlogPosting``...) is an article even when its
body is short, loaded by script or behind a paywall: a crawl keeps it with the body it
has (a missing body is counted by health) rather than lose the story.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Collection

from lxml import etree
from lxml.html import HtmlElement

from crawler.extract.dom import clean_text, element_text, xpath_number, xpath_strings
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


#: A full date with its year: "02.02.2022", "2017-09-01", "1 September 2017", "September 1, 2017".
_FULL_DATE = re.compile(
    r"(?<!\d)(?:\d{1,2}[./-]\d{1,2}[./-](?:19|20)\d\d|(?:19|20)\d\d[./-]\d{1,2}[./-]\d{1,2}"
    r"|\d{1,2}\.?\s+[^\W\d_]{3,}\.?,?\s+(?:19|20)\d\d|[^\W\d_]{3,}\.?\s+\d{1,2},?\s+(?:19|20)\d\d)(?!\d)"
)
_HAS_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
#: A headline has a few words; a dateline beside it is short.
_MIN_HEADLINE_WORDS = 4
_MAX_DATELINE_CHARS = 160
_NEIGHBOURS = 2


def headline_dateline(tree: HtmlElement, accepted_times: Collection[str] = ()) -> str | None:
    """The date written beside the page's first ``<h1>`` when that is a story's headline, else ``None``.

    A headline of a few words (not a link, not itself a date: a day's listing) with a short
    dated line or a ``<time>`` among its nearest siblings, or its wrapper's, is how a story
    page looks even when its body is loaded by script or is one paragraph and a download;
    a listing's ``<h1>`` names the section and its dates belong to the items below. A ``<time>``
    counts by its visible date, else by its ``datetime`` when that is in ``accepted_times`` (the
    page's ``<time>`` values not marked as updates).
    """
    headline = next(tree.iter("h1"), None)
    if headline is None or any(a.tag == "a" for a in headline.iterancestors()):
        return None
    if next(headline.iter("a"), None) is not None:
        return None
    text = element_text(headline)
    if len(text.split()) < _MIN_HEADLINE_WORDS or _FULL_DATE.search(text):
        return None
    parent = headline.getparent()
    for node in (headline, parent) if parent is not None and len(parent) <= _NEIGHBOURS else (headline,):
        for sibling in _siblings(node):
            dateline = _dateline(sibling, accepted_times)
            if dateline:
                return dateline
    return None


def _siblings(element: HtmlElement) -> list[HtmlElement]:
    """The nearest elements before and after ``element`` in its parent."""
    before = list(itertools.islice(element.itersiblings(preceding=True), _NEIGHBOURS))
    after = list(itertools.islice(element.itersiblings(), _NEIGHBOURS))
    return [e for e in [*before, *after] if isinstance(e.tag, str)]


def _dateline(element: HtmlElement, accepted_times: Collection[str]) -> str | None:
    """The date a short element writes (its text), or that of a ``<time>`` in it the page's ``<time>``s
    accept (not an update): its visible date, else its ``datetime``."""
    times = list(element.iter("time"))
    for time in times:
        value = clean_text(time.get("datetime")) or element_text(time)
        if value not in accepted_times:
            continue
        shown = element_text(time)
        if _FULL_DATE.search(shown):
            return shown
        if _HAS_YEAR.search(value):
            return value
    text = element_text(element)
    return text if not times and len(text) <= _MAX_DATELINE_CHARS and _FULL_DATE.search(text) else None
