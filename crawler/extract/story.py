"""A second look at pages the body extractor got wrong: the story's paragraphs read straight from the markup.

Trafilatura sometimes keeps a region menu, a paywall banner or nothing from a page whose
story sits in plain ``<p>`` elements. The container that holds the most prose in
paragraphs (not link texts, not in navigation, header, footer, aside or a form) is the story;
several consecutive sentences there make a page an article, whatever the rest says.
"""

from __future__ import annotations

from lxml.html import HtmlElement

from crawler.extract.classify import line_words
from crawler.extract.dom import element_text

#: Ancestors whose paragraphs are page furniture, not the story.
_FURNITURE = frozenset({"nav", "header", "footer", "aside", "form", "a", "button", "figcaption", "li"})
#: A paragraph with fewer words is a caption, a label or a teaser's line.
MIN_PARAGRAPH_WORDS = 8
#: Paragraphs and words of one container that make a story.
STORY_PARAGRAPHS = 3
STORY_WORDS = 80
#: Above this share of words in links a paragraph is a list of links.
MAX_LINKED_SHARE = 0.5


def _is_furniture(paragraph: HtmlElement) -> bool:
    """In navigation, a header, footer, aside, form, link or list item, closer than a ``<main>`` or ``<article>``."""
    for ancestor in paragraph.iterancestors():
        if ancestor.tag in ("main", "article"):
            return False
        if ancestor.tag in _FURNITURE:
            return True
    return False


def _linked_share(paragraph: HtmlElement, text: str) -> float:
    linked = sum(len(element_text(a)) for a in paragraph.iter("a"))
    return linked / max(len(text), 1)


def story_paragraphs(tree: HtmlElement) -> list[str]:
    """The prose paragraphs of the container richest in them, in order; ``[]`` when none make a story."""
    groups: dict[HtmlElement, list[tuple[str, int]]] = {}
    for paragraph in tree.iter("p"):
        text = element_text(paragraph)
        count = line_words(text)
        if count < MIN_PARAGRAPH_WORDS or _is_furniture(paragraph) or _linked_share(paragraph, text) > MAX_LINKED_SHARE:
            continue
        parent = paragraph.getparent()
        if parent is not None:
            groups.setdefault(parent, []).append((text, count))
    best = max(groups.values(), key=lambda group: sum(count for _, count in group), default=[])
    if len(best) < STORY_PARAGRAPHS or sum(count for _, count in best) < STORY_WORDS:
        return []
    return [text for text, _ in best]
