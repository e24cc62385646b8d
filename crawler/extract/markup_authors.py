"""Authors marked up as RDFa (``property="author"``, a ``Person``'s ``name``) or as hCards in a byline."""

from __future__ import annotations

import re

from lxml import etree
from lxml.html import HtmlElement

from crawler.extract.dom import clean_text, element_text, first_cluster, xpath_elements
from crawler.extract.jsonld import RawAuthor

# Matched against lower-cased names (re.IGNORECASE costs four times as much on a page's many classes).
#: Class or id names of elements that hold a visible byline.
BYLINE_CLASS = re.compile(
    r"byline|author|writer|posted-?by|reporter|journalist|contributor|credits|autor|auteur|avtor|verfasser|yazar"
)
#: Class or id names of areas whose bylines are not the story's: comments, author boxes, related lists.
NOT_BYLINE_CLASS = re.compile(r"comment|avatar|bio|related|footer|popular|widget|share|social")
#: Elements whose names are of someone quoted or pictured: a pull quote's "author", a photo's.
_NOT_BYLINE_TAGS = frozenset({"blockquote", "q", "figure", "figcaption", "picture"})
MAX_BYLINE_CHARS = 120


#: RDFa authors (``property="author"``, ``schema:author``, ``dc:creator``) and hCard ``vcard`` elements.
#: ``[@property]`` first: libxml2 then tests the rest on the few elements with the attribute (4x faster).
_RDFA_AUTHORS = etree.XPath(
    "//body/descendant::*[@property][contains(@property, 'author') or contains(@property, 'creator')]"
    "[not(self::meta or self::link)]"
)
_HCARDS = etree.XPath("//body//*[contains(concat(' ', normalize-space(@class), ' '), ' vcard ')]")
_HCARD_NAME = etree.XPath(".//*[contains(concat(' ', normalize-space(@class), ' '), ' fn ')]")
_RDFA_NAME = etree.XPath(".//*[@property='name' or @property='schema:name' or @property='foaf:name']")


def card_authors(tree: HtmlElement) -> list[RawAuthor]:
    """Authors marked up as RDFa (a ``Person``'s ``name`` or the element's text) or as an hCard in a byline."""
    authors: list[RawAuthor] = []
    for element in xpath_elements(_RDFA_AUTHORS, tree):
        if in_comments(element):
            continue
        names = xpath_elements(_RDFA_NAME, element)
        name = (clean_text(names[0].get("content")) or element_text(names[0])) if names else element_text(element)
        _add_author(authors, name)
    for card in xpath_elements(_HCARDS, tree):
        # An hCard is any contact (the publisher's address too): only one that says it is the author's counts.
        around = " ".join(f"{a.get('class', '')} {a.get('id', '')}" for a in [card, *list(card.iterancestors())[:3]])
        if not BYLINE_CLASS.search(around.lower()) or in_comments(card):
            continue
        names = xpath_elements(_HCARD_NAME, card)
        _add_author(authors, element_text(names[0]) if names else element_text(card))
    return authors


def in_comments(element: HtmlElement) -> bool:
    """True for an element of the comments, an author box, a related list (WordPress: ``comment-author vcard``),
    a quote or a figure."""
    return in_quote(element) or any(
        NOT_BYLINE_CLASS.search(f"{a.get('class', '')} {a.get('id', '')}".lower())
        for a in [element, *element.iterancestors()]
    )


def in_quote(element: HtmlElement, depth: int = 4) -> bool:
    """True for an element in a quote, a figure or a picture, or a few levels inside an element named for a quote:
    the "author" of a pull quote is someone quoted, a figure's is its photographer."""
    for level, ancestor in enumerate([element, *element.iterancestors()]):
        if ancestor.tag in _NOT_BYLINE_TAGS:
            return True
        if level <= depth and "quote" in f"{ancestor.get('class', '')} {ancestor.get('id', '')}".lower():
            return True
    return False


def _add_author(authors: list[RawAuthor], name: str) -> None:
    if name and len(name) <= MAX_BYLINE_CHARS and all(a.name != name for a in authors):
        authors.append(RawAuthor(name))


def _itemscope(element: HtmlElement) -> HtmlElement | None:
    return next((a for a in element.iterancestors() if a.get("itemscope") is not None), None)


def itemprop_authors(itemprops: list[HtmlElement]) -> list[RawAuthor]:
    """Microdata authors of the first item that has any, or of the first byline block (related stories left out)."""
    elements = [e for e in itemprops if e.get("itemprop") in ("author", "creator")]
    if not elements:
        return []
    scope = _itemscope(elements[0])
    elements = [e for e in elements if _itemscope(e) is scope] if scope is not None else first_cluster(elements)
    authors: list[RawAuthor] = []
    for element in elements:
        for name in _item_names(element):
            if name and len(name) <= MAX_BYLINE_CHARS and all(a.name != name for a in authors):
                authors.append(RawAuthor(name))
    return authors


def _item_names(element: HtmlElement) -> list[str]:
    """The names of one author element: every ``name`` of its own item (two people written as one item's
    two names), not those of items inside it (an employer); else its first ``name``, else its text."""
    names = element.xpath(".//*[@itemprop='name']")
    if not names:
        return [clean_text(element.get("content")) or element_text(element)]
    own = [n for n in names if _itemscope(n) is element] if element.get("itemscope") is not None else []
    return [clean_text(n.get("content")) or element_text(n) for n in (own or names[:1])]
