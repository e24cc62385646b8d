"""Loading a page into one lxml tree, and small helpers to read it."""

from __future__ import annotations

import re
from typing import cast
from urllib.parse import urljoin, urlsplit

import numpy as np
from lxml import etree
from lxml.html import HtmlComment, HtmlElement, HtmlEntity, HTMLParser, HtmlProcessingInstruction, fromstring
from trafilatura.utils import DOCTYPE_TAG, FAULTY_HTML, decode_file, load_html

from crawler.normalize.text import clean_text
from crawler.selectors import SELECTOR_ERRORS, compile_selector

#: Pages larger than this are cut before parsing (bytes or characters).
MAX_PAGE_SIZE = 20_000_000
_BINARY_JUNK = re.compile(r"[\x00-\x08\x0e-\x1f]")
_INVISIBLE_TAGS = frozenset({"script", "style", "noscript", "template"})
_BLOCK_TAGS = frozenset(
    {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "tr", "section", "article"}
    | {"header", "footer", "blockquote", "figure", "figcaption", "dd", "dt", "table", "hr", "time", "aside", "nav"}
)
#: Second-level labels under which a country code registers names (``bbc.co.uk``).
_GENERIC_SECOND_LEVEL = frozenset({"co", "com", "net", "org", "gov", "ac", "edu", "ltd", "plc", "or", "ne", "go"})


def load_tree(html: str | bytes) -> HtmlElement | None:
    """Parse ``html`` once; ``None`` for empty, binary or unparsable input."""
    if not html:
        return None
    sample = html[:4096]
    if isinstance(sample, bytes):
        sample = sample.decode("latin-1")
    if len(_BINARY_JUNK.findall(sample)) > len(sample) // 20:
        return None
    html = html[:MAX_PAGE_SIZE]
    try:
        # Decoded as load_html decodes, so that a clean page gets the parser with the C-level lookup too.
        html = decode_file(html)
        tree = _parse_clean_text(html)
        if tree is None:
            tree = load_html(html)
    except (TypeError, ValueError, etree.LxmlError):
        return None
    if tree is None or not isinstance(tree, HtmlElement):
        return None
    return tree


#: Trafilatura's parser settings (``trafilatura.utils.HTML_PARSER``) with lxml's C-level class lookup, every
#: element an ``HtmlElement``: lxml.html's own lookup calls a Python function for every element object
#: made (to pick form and input classes nobody here uses), about a tenth of the extraction's time.
HTML_PARSER = HTMLParser(  # type: ignore[call-arg]  # lxml-stubs lack the default_doctype argument
    collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True, remove_pis=True
)
HTML_PARSER.set_element_class_lookup(
    etree.ElementDefaultClassLookup(
        element=HtmlElement, comment=HtmlComment, pi=HtmlProcessingInstruction, entity=HtmlEntity
    )
)
#: C0 control characters other than tab, line feed and carriage return: not allowed in XML (libxml2 chokes).
_ALLOWED_CONTROLS = np.zeros(32, dtype=bool)
_ALLOWED_CONTROLS[[9, 10, 13]] = True


def _parse_clean_text(html: str) -> HtmlElement | None:
    """The tree of a page that needs none of trafilatura's byte-level repairs; ``None`` sends it to ``load_html``.

    ``load_html`` strips XML-invalid characters with a regular expression over the whole
    page, which takes longer than parsing it; most pages have none, and one vectorized
    pass over the UTF-8 bytes says so. The cheap repairs of the first line (a DOCTYPE with
    a slash, a self-closing ``<html/>``) are applied as ``load_html`` does; any other page
    (bytes of unknown encoding, a fragment, invalid characters) goes to ``load_html``.
    """
    beginning = html[:50].lower()
    if "html" not in beginning or "\ufffe" in html or "\uffff" in html:
        return None
    try:
        data = np.frombuffer(html.encode("utf-8"), dtype=np.uint8)
    except UnicodeEncodeError:  # lone surrogates
        return None
    if not _ALLOWED_CONTROLS[data[data < 32]].all():
        return None
    if "doctype" in beginning:
        first_line, _, rest = html.partition("\n")
        html = DOCTYPE_TAG.sub("", first_line, count=1) + "\n" + rest
    for line in html[:4096].splitlines()[:4]:
        if "<html" in line and line.endswith("/>"):
            html = FAULTY_HTML.sub(r"\1>", html, count=1)
            break
    try:
        tree = fromstring(html, parser=HTML_PARSER)
    except ValueError:  # a str with an XML encoding declaration
        return None
    return tree if tree is not None and len(tree) else None


def text_content(element: HtmlElement) -> str:
    """``element.text_content()``, read straight from ``.text`` when the element has no children (most links)."""
    return element.text_content() if len(element) else (element.text or "")


def element_text(element: HtmlElement) -> str:
    """The visible text of an element, whitespace collapsed; block elements and ``<br>`` separate words."""
    parts: list[str] = []
    _collect_text(element, parts)
    return clean_text("".join(parts))


def _collect_text(element: HtmlElement, parts: list[str]) -> None:
    if isinstance(element.text, str):
        parts.append(element.text)
    for child in element:
        if isinstance(child.tag, str) and child.tag not in _INVISIBLE_TAGS:
            block = child.tag in _BLOCK_TAGS
            if block:
                parts.append(" ")
            _collect_text(child, parts)
            if block:
                parts.append(" ")
        if isinstance(child.tail, str):
            parts.append(child.tail)


# lxml types an XPath's result as any of the kinds an expression can give; the expression decides which one.
def xpath_elements(path: etree.XPath, node: HtmlElement) -> list[HtmlElement]:
    """The elements an element-selecting XPath (``//p``) matches under ``node``."""
    return cast("list[HtmlElement]", path(node))


def xpath_strings(path: etree.XPath, node: HtmlElement) -> list[str]:
    """The strings an attribute- or text-selecting XPath (``//a/@href``) matches under ``node``."""
    return cast("list[str]", path(node))


def xpath_number(path: etree.XPath, node: HtmlElement) -> float:
    """The value of a numeric XPath (``count(//figure)``) on ``node``."""
    return cast(float, path(node))


def select(tree: HtmlElement, selector: str) -> list[object]:
    """Nodes (elements or strings) matching a CSS or ``xpath:`` selector; empty on a bad selector."""
    try:
        result = compile_selector(selector)(tree)
    except SELECTOR_ERRORS:
        return []
    if isinstance(result, list):
        return list(result)
    return [result] if result not in (None, "") else []


def absolute_url(base: str, href: str | None) -> str | None:
    """``href`` made absolute against ``base``; ``None`` for empty, script and data links."""
    href = clean_text(href)
    if not href or href.startswith(("javascript:", "data:", "mailto:", "#")):
        return None
    try:
        joined = urljoin(base, href)
    except ValueError:
        return None
    return joined if urlsplit(joined).scheme in ("http", "https") else None


def registered_domain(url: str) -> str:
    """The registered site of a URL (``news.bbc.co.uk`` -> ``bbc.co.uk``), by a simple public-suffix rule."""
    try:
        host = (urlsplit(url).hostname or "").lower().rstrip(".")
    except ValueError:
        return ""
    labels = host.split(".")
    if len(labels) <= 2:
        return host
    if len(labels[-1]) == 2 and labels[-2] in _GENERIC_SECOND_LEVEL:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def same_site(url_a: str, url_b: str) -> bool:
    """True when both URLs are on the same registered site."""
    site = registered_domain(url_a)
    return bool(site) and site == registered_domain(url_b)


def byline_container(element: HtmlElement, max_chars: int = 200, levels: int = 3) -> HtmlElement:
    """The largest ancestor (up to ``levels`` up) whose text stays short: the block a byline sits in."""
    container = element.getparent() if element.getparent() is not None else element
    for _ in range(levels):
        parent = container.getparent()
        if parent is None or parent.tag in ("body", "html") or len(element_text(parent)) > max_chars:
            break
        container = parent
    return container


def first_cluster(elements: list[HtmlElement]) -> list[HtmlElement]:
    """The elements that sit in the same short block as the first one."""
    if not elements:
        return []
    container = byline_container(elements[0])
    return [e for e in elements if e is elements[0] or container in e.iterancestors()]
