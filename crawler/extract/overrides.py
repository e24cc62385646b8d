"""Per-source selector overrides: data in the sources file that wins over generic rules."""

from __future__ import annotations

import re
from collections.abc import Mapping

from lxml.html import HtmlElement

from crawler.extract.body import block_lines
from crawler.extract.dom import absolute_url, clean_text, element_text, select
from crawler.extract.text import clean_lines

_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")
_VALUE_ATTRIBUTES = ("content", "datetime", "value")
_IMAGE_ATTRIBUTES = ("content", "src", "data-src", "data-original", "href")


def _node_text(node: object) -> str:
    if isinstance(node, HtmlElement):
        for attr in _VALUE_ATTRIBUTES:
            if node.get(attr):
                return clean_text(node.get(attr))
        return element_text(node)
    return clean_text(str(node))


def override_texts(tree: HtmlElement, selectors: Mapping[str, str], name: str) -> list[str]:
    """Texts of the nodes the source's selector for ``name`` matches (empty without one)."""
    selector = selectors.get(name)
    if not selector:
        return []
    return [t for t in (_node_text(n) for n in select(tree, selector)) if t]


def override_text(tree: HtmlElement, selectors: Mapping[str, str], name: str) -> str | None:
    """The first matched text for ``name``, or ``None``."""
    texts = override_texts(tree, selectors, name)
    return texts[0] if texts else None


def override_body(tree: HtmlElement, selectors: Mapping[str, str]) -> list[str]:
    """Paragraph lines of the source's ``article_body`` containers, junk lines removed."""
    selector = selectors.get("article_body")
    if not selector:
        return []
    lines: list[str] = []
    for node in select(tree, selector):
        if isinstance(node, HtmlElement):
            lines.extend(block_lines(node) if node.tag not in ("p", "li") else [element_text(node)])
        else:
            lines.append(clean_text(str(node)))
    return clean_lines(lines)


def override_image(tree: HtmlElement, selectors: Mapping[str, str], page_url: str) -> str | None:
    """The source's image: an attribute URL or a CSS ``background-image``."""
    selector = selectors.get("image_url")
    if not selector:
        return None
    for node in select(tree, selector):
        if not isinstance(node, HtmlElement):
            url = absolute_url(page_url, str(node))
        else:
            style = _CSS_URL.search(node.get("style") or "")
            candidates = [node.get(a) for a in _IMAGE_ATTRIBUTES] + [style.group(1) if style else None]
            img = node.find(".//img")
            if img is not None:
                candidates += [img.get("src"), img.get("data-src")]
            url = next((u for u in (absolute_url(page_url, c) for c in candidates if c) if u), None)
        if url:
            return url
    return None
