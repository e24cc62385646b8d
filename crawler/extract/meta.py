"""Article metadata from ``<meta>`` tags, microdata and page structure.

OpenGraph and ``article:*`` properties, ``<meta name=author|date|pubdate|...>``,
itemprop, ``<time datetime>``, ``rel=author``, Parse.ly and Dublin Core. Every
reader returns raw strings in priority order; choosing between them is the
page's job.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime

from htmldate import find_date
from lxml import etree
from lxml.html import HtmlElement

from crawler.extract.datelines import in_masthead, in_other_story, labelled_dates, time_elements
from crawler.extract.dom import absolute_url, clean_text, element_text, xpath_elements
from crawler.extract.jsonld import RawAuthor
from crawler.extract.markup_authors import (
    BYLINE_CLASS,
    MAX_BYLINE_CHARS,
    NOT_BYLINE_CLASS,
    card_authors,
    in_quote,
    itemprop_authors,
)

_URL_LIKE = re.compile(r"^(?:https?:)?//|^www\.", re.IGNORECASE)
_LANGUAGE_CODE = re.compile(r"^([a-zA-Z]{2,3})(?:[-_][a-zA-Z0-9]+)*$")
# The class-name patterns below are matched against lower-cased names: a search with re.IGNORECASE
# takes four times as long, and a page has dozens of elements with a class.
#: Class or id names of elements that hold a visible dateline.
DATELINE_CLASS = re.compile(r"date|time|publish|posted|dateline|timestamp|meta")
HAS_YEAR = re.compile(r"(?<!\d)(?:19[89]\d|20\d\d)(?!\d)")
_DATE_LIKE = re.compile(
    r"\d{1,4}[./\-]\d{1,2}[./\-]\d{1,4}|\d{1,2}:\d{2}|\b(?:19|20)\d{2}\b|\b\d{1,2}\s+[^\W\d]{3,}|[^\W\d]{3,}\.?\s+\d{1,2}\b"
)
_MAX_DATELINE_CHARS = 80

PUBLISHED_KEYS = (
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "article:published",
    "datepublished",
    "parsely-pub-date",
    "sailthru.date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "article.published",
    "article_date_original",
    "original-publish-date",
    "date",
    "dc.date.issued",
    "dc.date",
    "dcterms.date",
    "dcterms.created",
    "dc.date.created",
    "created",
    "displaydate",
    "article.created",
    "cxenseparse:recs:publishtime",
    "datecreated",
)
MODIFIED_KEYS = (
    "article:modified_time",
    "og:updated_time",
    "og:article:modified_time",
    "article:modified",
    "datemodified",
    "dc.date.modified",
    "dcterms.modified",
    "last-modified",
    "lastmod",
    "revised",
)
AUTHOR_KEYS = (
    "author",
    "article:author",
    "og:article:author",
    "parsely-author",
    "sailthru.author",
    "dc.creator",
    "dcterms.creator",
    "byl",
    "cxenseparse:author",
    "article.author",
    "citation_author",
)
TITLE_KEYS = ("og:title", "twitter:title", "headline", "parsely-title", "sailthru.title", "dc.title", "title")
DESCRIPTION_KEYS = ("og:description", "description", "twitter:description", "dc.description")
SECTION_KEYS = ("article:section", "og:article:section", "parsely-section", "section", "category", "dc.subject")
KEYWORD_KEYS = ("news_keywords", "keywords", "article:tag", "parsely-tags", "sailthru.tags")
IMAGE_KEYS = ("og:image", "og:image:url", "og:image:secure_url", "twitter:image", "twitter:image:src", "image")
SITE_NAME_KEYS = ("og:site_name", "application-name", "twitter:site", "publisher", "al:android:app_name")


@dataclass(slots=True)
class PageMeta:
    """Raw metadata candidates of a page, each list in priority order."""

    values: dict[str, list[str]] = field(default_factory=dict)
    title_tag: str | None = None
    h1s: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    descriptions: list[str] = field(default_factory=list)
    authors: list[RawAuthor] = field(default_factory=list)
    itemprop_authors: list[RawAuthor] = field(default_factory=list)
    card_authors: list[RawAuthor] = field(default_factory=list)
    visible_bylines: list[str] = field(default_factory=list)
    published: list[str] = field(default_factory=list)
    declared_published: list[str] = field(default_factory=list)
    time_published: list[str] = field(default_factory=list)
    modified: list[str] = field(default_factory=list)
    visible_dates: list[str] = field(default_factory=list)
    #: Dates in the site's masthead (today's date widgets): never the story's.
    masthead_dates: list[str] = field(default_factory=list)
    section: str | None = None
    keywords: list[str] = field(default_factory=list)
    image_url: str | None = None
    site_names: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    canonical: str | None = None
    og_url: str | None = None
    og_type: str | None = None
    alternates: dict[str, str] = field(default_factory=dict)

    def first(self, *keys: str) -> str | None:
        """The first value under any of ``keys``."""
        for key in keys:
            for value in self.values.get(key, ()):
                if value:
                    return value
        return None

    def all(self, *keys: str) -> list[str]:
        """Every value under ``keys``, in key order, without duplicates."""
        found: list[str] = []
        for key in keys:
            for value in self.values.get(key, ()):
                if value and value not in found:
                    found.append(value)
        return found


#: Microdata outside ``<meta>``: one search serves the microdata values and the microdata authors.
_ITEMPROP_ELEMENTS = etree.XPath("//*[@itemprop][not(self::meta)]")


def _meta_values(tree: HtmlElement, itemprops: list[HtmlElement]) -> dict[str, list[str]]:
    """``<meta>`` contents and microdata values keyed by lower-cased name, property or itemprop."""
    values: dict[str, list[str]] = {}
    for element in tree.iter("meta"):
        content = clean_text(element.get("content") or element.get("value"))
        if not content:
            continue
        for attr in ("property", "name", "itemprop", "http-equiv"):
            key = (element.get(attr) or "").strip().lower()
            if key:
                values.setdefault(key, []).append(content)
    for element in itemprops:
        key = (element.get("itemprop") or "").strip().lower()
        if key in ("datepublished", "datemodified", "datecreated"):
            value = clean_text(element.get("datetime") or element.get("content") or element_text(element))
        elif key in ("headline", "name") and element.tag in ("h1", "h2", "span", "div", "a"):
            value = element_text(element)
        else:
            continue
        if value:
            values.setdefault(key, []).append(value)
    return values


def _parsely(tree: HtmlElement, values: dict[str, list[str]]) -> None:
    """Fold the Parse.ly ``parsely-page`` JSON into ``values``."""
    raw = values.get("parsely-page")
    if not raw:
        return
    try:
        data = json.loads(raw[0])
    except (ValueError, RecursionError):
        return
    if not isinstance(data, dict):
        return
    for key, target in (("title", "parsely-title"), ("pub_date", "parsely-pub-date"), ("section", "parsely-section")):
        if isinstance(data.get(key), str):
            values.setdefault(target, []).append(clean_text(data[key]))
    authors = data.get("authors") or data.get("author")
    if isinstance(authors, str):
        authors = [authors]
    if isinstance(authors, list):
        for name in authors:
            if isinstance(name, str) and clean_text(name):
                values.setdefault("parsely-author", []).append(clean_text(name))


def _meta_authors(meta: PageMeta) -> list[RawAuthor]:
    authors: list[RawAuthor] = []
    for key in AUTHOR_KEYS:
        for value in meta.values.get(key, ()):
            if _URL_LIKE.match(value) or value.startswith("@"):
                continue
            if all(a.name != value for a in authors):
                authors.append(RawAuthor(value))
        if authors:
            break
    return authors


#: Either of the two: most elements with a class are neither, and one search rules them out.
_BYLINE_OR_DATELINE_CLASS = re.compile(f"{BYLINE_CLASS.pattern}|{DATELINE_CLASS.pattern}")
#: Date elements of other moments: updates, modifications, comments.
_NOT_DATELINE_CLASS = re.compile(r"updat|modif|comment|today|current|clock|weather|copyright")


#: A login used as an author name: one lower-case word ("mikecason").
_LOGIN = re.compile(r"^[a-z][a-z.\-_]{3,30}$")
_WORD = re.compile(r"[^\W\d_]+")


def _spelled_out(author: RawAuthor, bylines: list[str]) -> RawAuthor:
    """A login-form author ("mikecason") as the visible byline spells the same name ("Mike Cason")."""
    if not _LOGIN.match(author.name):
        return author
    login = re.sub(r"[.\-_]", "", author.name)
    for byline in bylines:
        words = _WORD.findall(byline)
        for size in (2, 3):
            for start in range(len(words) - size + 1):
                window = words[start : start + size]
                if "".join(window).casefold() == login and all(w[:1].isupper() for w in window):
                    return RawAuthor(" ".join(window), author.kind, author.url)
    return author


def _visible_bylines_and_dates(tree: HtmlElement) -> tuple[list[str], list[str], list[str]]:
    """Short texts of elements whose class or id says they hold the byline, date-looking ones of the dateline,
    and date-looking ones of the site's masthead (kept apart: today's date, not the story's).

    One pass over the elements of the body that have a class or an id serves both (a loop
    here: the same test as an XPath predicate takes libxml2 longer than the whole loop).
    """
    bylines: list[str] = []
    dates: list[str] = []
    masthead: list[str] = []
    for element in _classed_body_elements(tree):
        names = f"{element.get('class', '')} {element.get('id', '')}".lower()
        if not _BYLINE_OR_DATELINE_CLASS.search(names):
            continue
        if (
            len(bylines) < 5
            and element.tag != "meta"
            and BYLINE_CLASS.search(names)
            and not NOT_BYLINE_CLASS.search(names)
            and not in_quote(element)
        ):
            text = element_text(element)
            if 2 < len(text) <= MAX_BYLINE_CHARS and text not in bylines:
                bylines.append(text)
        if (
            len(dates) < 5
            and element.tag != "time"
            and DATELINE_CLASS.search(names)
            and not _NOT_DATELINE_CLASS.search(names)
        ):
            text = element_text(element)
            if (
                5 < len(text) <= _MAX_DATELINE_CHARS
                and _DATE_LIKE.search(text)
                and text not in dates
                and not in_other_story(element)
            ):
                (masthead if in_masthead(element) else dates).append(text)
        if len(bylines) >= 5 and len(dates) >= 5:
            break
    return bylines, dates, masthead[:5]


def _classed_body_elements(tree: HtmlElement) -> Iterator[HtmlElement]:
    """What ``//body//*[@class or @id][not(self::script or self::style)]`` selects, in document order."""
    for body in tree.iter("body"):
        for element in body.iterdescendants(etree.Element):
            if element.tag in ("script", "style"):
                continue
            if element.get("class") is not None or element.get("id") is not None:
                yield element


def guess_date(page: HtmlElement | str | bytes, page_url: str, latest: datetime) -> str | None:
    """htmldate's guess at the publication day (``YYYY-MM-DD``).

    Given the page's markup rather than our tree, htmldate parses it its own way and its
    search over the source also reads comments (blog engines' trackback RDF holds ``dc:date``).
    """
    try:
        return find_date(
            page,
            extensive_search=True,
            original_date=True,
            outputformat="%Y-%m-%d",
            url=page_url or None,
            max_date=latest.strftime("%Y-%m-%d"),
        )
    except Exception:  # noqa: BLE001 - a third-party guesser must not stop extraction
        return None


def by_absoluteness(candidates: list[str]) -> list[str]:
    """Dates that name a year first, relative or year-less ones ("4 hours ago", "Aug 9") last; order kept."""
    return sorted(candidates, key=lambda text: 0 if HAS_YEAR.search(text) else 1)


def _language_code(value: str | None) -> str | None:
    match = _LANGUAGE_CODE.match(clean_text(value))
    return match.group(1).lower() if match else None


def _languages(tree: HtmlElement, meta: PageMeta) -> list[str]:
    raw = [
        tree.get("lang"),
        tree.get("{http://www.w3.org/XML/1998/namespace}lang"),
        meta.first("og:locale"),
        meta.first("content-language"),
        meta.first("dc.language", "language", "inlanguage"),
    ]
    found: list[str] = []
    for value in raw:
        code = _language_code(value)
        if code and code not in found:
            found.append(code)
    return found


def _links(tree: HtmlElement, page_url: str, meta: PageMeta) -> None:
    for element in tree.iter("link"):
        rel = (element.get("rel") or "").lower().split()
        canonical = "canonical" in rel and meta.canonical is None
        alternate = not canonical and "alternate" in rel and bool(element.get("hreflang"))
        if not (canonical or alternate or ("image_src" in rel and meta.image_url is None)):
            continue  # a stylesheet, an icon: its URL is not made absolute for nothing
        href = absolute_url(page_url, element.get("href"))
        if not href:
            continue
        if canonical:
            meta.canonical = href
        elif alternate:
            lang = clean_text(element.get("hreflang")).lower()
            if lang and lang != "x-default":
                meta.alternates.setdefault(lang, href)
        else:
            meta.image_url = href


def read_meta(tree: HtmlElement, page_url: str) -> PageMeta:
    """All metadata candidates of the page."""
    itemprops = xpath_elements(_ITEMPROP_ELEMENTS, tree)
    meta = PageMeta(values=_meta_values(tree, itemprops))
    _parsely(tree, meta.values)
    title = tree.find(".//title")
    meta.title_tag = element_text(title) if title is not None else None
    meta.h1s = [t for t in (element_text(h) for h in tree.iter("h1")) if t][:5]
    meta.titles = meta.all(*TITLE_KEYS)
    meta.descriptions = meta.all(*DESCRIPTION_KEYS)
    meta.authors = _meta_authors(meta)
    meta.itemprop_authors = itemprop_authors(itemprops)
    meta.card_authors = card_authors(tree)
    meta.visible_bylines, visible_dates, meta.masthead_dates = _visible_bylines_and_dates(tree)
    meta.authors = [_spelled_out(a, meta.visible_bylines) for a in meta.authors]
    declared = meta.declared_published = meta.all(*PUBLISHED_KEYS)
    meta.time_published = [t for t in time_elements(tree) if t not in declared]
    meta.published = declared + by_absoluteness(meta.time_published)
    meta.modified = meta.all(*MODIFIED_KEYS)
    meta.visible_dates = by_absoluteness([*labelled_dates(tree), *visible_dates])
    meta.section = meta.first(*SECTION_KEYS)
    meta.keywords = [k for value in meta.all(*KEYWORD_KEYS) for k in (clean_text(p) for p in value.split(",")) if k]
    image = meta.first(*IMAGE_KEYS)
    _links(tree, page_url, meta)
    meta.image_url = absolute_url(page_url, image) if image else meta.image_url
    meta.site_names = [s.lstrip("@") for s in meta.all(*SITE_NAME_KEYS)]
    meta.languages = _languages(tree, meta)
    meta.og_url = absolute_url(page_url, meta.first("og:url"))
    meta.og_type = (meta.first("og:type") or "").lower() or None
    return meta
