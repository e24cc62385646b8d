"""``article_from_html``: one page in, one :class:`ArticleItem` (or ``None``) out.

The page is parsed once; JSON-LD and ``<meta>`` are read first, per-source
selectors win over generic rules, and trafilatura runs once for the body.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from lxml.html import HtmlElement

from crawler.extract.body import body_text, choose_body, continued_lines, jsonld_lines, trafilatura_lines
from crawler.extract.byline import (
    author_link_names,
    by_label_texts,
    byline_links_of_credit_list,
    dateline_agency,
    names_the_site,
    visible_byline,
)
from crawler.extract.classify import (
    ERROR_TITLE,
    PageSignals,
    is_declared_story,
    link_texts,
    prose_words,
    reads_as_article,
)
from crawler.extract.datelines import masthead_texts, published_sentences
from crawler.extract.dating import Evidence, choose_date, gather, names_the_update, url_date
from crawler.extract.declared import declares_article, figure_count, headline_dateline
from crawler.extract.dom import MAX_PAGE_SIZE, clean_text, load_tree, same_site
from crawler.extract.headline import choose_headline
from crawler.extract.jsonld import LISTING_TYPES, JsonLd, RawAuthor, read_jsonld
from crawler.extract.meta import PageMeta, guess_date, read_meta
from crawler.extract.overrides import override_body, override_image, override_text, override_texts
from crawler.extract.story import story_paragraphs
from crawler.extract.text import clean_lines
from crawler.items import ArticleItem, Author
from crawler.normalize import canonicalize_url, parse_byline, parse_date
from crawler.normalize.dates import written_day
from crawler.normalize.zones import zone_of_language
from crawler.sources import Source

LOGGER = logging.getLogger(__name__)
#: How many date candidates are tried before giving up.
MAX_DATE_TRIES = 6
#: Bylines that credit a desk or the outlet rather than a writer.
GENERIC_AUTHOR = re.compile(
    r"\b(?:staff|editors?|editorial|team|desk|newsroom|redaksiya|редакция|inc|llc|ltd|condé nast)\b", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class Context:
    """Where a page comes from: its languages, time zone and fetch time."""

    languages: tuple[str, ...]
    timezone: str
    fetched_at: datetime


def article_from_html(
    url: str, html: str | bytes | HtmlElement, source: Source | None, *, fetched_at: datetime | None = None
) -> ArticleItem | None:
    """The article on the page, or ``None`` when the page is not an article. Never raises.

    ``html`` may be the page's tree from :func:`crawler.extract.dom.load_tree` (left unchanged),
    for a caller that reads the page's links too.
    """
    try:
        return extract_article(url, html, source, fetched_at=fetched_at)
    except Exception:
        LOGGER.exception("extraction failed for %s", url)
        return None


def extract_article(
    url: str,
    html: str | bytes | HtmlElement,
    source: Source | None,
    *,
    fetched_at: datetime | None = None,
    require_article: bool = True,
) -> ArticleItem | None:
    """Like :func:`article_from_html` but lets bugs raise; ``require_article=False`` skips the article test."""
    tree = html if isinstance(html, HtmlElement) else load_tree(html)
    if tree is None:
        return None
    fetched = fetched_at or datetime.now(UTC)
    if fetched.tzinfo is None:
        fetched = fetched.replace(tzinfo=UTC)
    selectors = source.selectors if source else {}
    ld = read_jsonld(tree, url)
    meta = read_meta(tree, url)
    article = ld.article

    links = link_texts(tree)
    lines = override_body(tree, selectors)
    if not lines:
        extracted = trafilatura_lines(tree, url)
        lines = choose_body(
            [*extracted, *continued_lines(tree, clean_lines(extracted))],
            jsonld_lines(article.article_body if article else None),
            titles=[*meta.h1s[:2], *meta.titles[:2], article.headline if article and article.headline else ""],
            leads=[*meta.descriptions[:2], article.description if article and article.description else ""],
            link_texts=links,
        )
    declared = declares_article(tree, ld, meta)
    beside_headline = headline_dateline(tree, meta.published)
    signals = PageSignals(
        url=url,
        title=" ".join(filter(None, [meta.title_tag, *meta.h1s[:1]])),
        has_article_metadata=declared,
        listing_types=bool(ld.types & LISTING_TYPES - {"website"}) and article is None,
        body_lines=lines,
        declared_article=(declared or beside_headline is not None)
        and bool(meta.h1s or meta.titles or meta.title_tag or (article and article.headline)),
        figures=figure_count(tree),
    )
    if not reads_as_article(signals, links):
        # The body extractor may have kept a menu or nothing of a story written in plain paragraphs.
        story = [] if ERROR_TITLE.search(signals.title) else story_paragraphs(tree)
        if story and prose_words(story, links) > prose_words(lines, links):
            lines = story
        elif not story and require_article and not is_declared_story(signals, prose_words(lines, links)):
            return None

    language = _language(source, ld, meta)
    context = Context(
        languages=(language,) if language else tuple(source.languages if source else ()),
        timezone=source.timezone if source else zone_of_language(language),
        fetched_at=fetched,
    )
    site_names = [*ld.site_names, *meta.site_names]
    headline = override_text(tree, selectors, "headline") or choose_headline(
        structured=[article.headline] if article and article.headline else meta.titles,
        title_tag=meta.title_tag,
        h1s=meta.h1s,
        site_names=site_names,
        page_url=url,
        sections=[meta.section or "", *meta.keywords],
    )
    authors, byline_raw = _authors(tree, selectors, ld, meta, context, url, lines)
    published, published_raw = _date(override_texts(tree, selectors, "date_published"), context)
    if published is None:
        updates = _modified_candidates(tree, selectors, ld, meta)
        evidence = _published_evidence(ld, meta, url, updates, beside_headline)
        evidence += gather("sentence", [d for d in published_sentences(tree) if d not in meta.visible_dates])
        # htmldate's guess reads years from copyright lines and image paths; on a configured
        # source a date nothing on the page states must stay missing (counted, and watched by
        # `mediamon health`), so it votes only on pages of no configured source.
        if source is None:
            guess = _htmldate(html, tree, url, meta, context)
            if not names_the_update(guess, updates, evidence):
                evidence += gather("htmldate", [guess])
        published, published_raw = choose_date(
            evidence, languages=context.languages, timezone=context.timezone, fetched_at=context.fetched_at
        )
    modified, modified_raw = _date(_modified_candidates(tree, selectors, ld, meta), context)
    return ArticleItem(
        url=url,
        canonical_url=_canonical_url(url, ld, meta),
        headline=headline,
        description=override_text(tree, selectors, "description")
        or (article.description if article and article.description else None)
        or (meta.descriptions[0] if meta.descriptions else None),
        article_body=body_text(lines),
        authors=authors,
        byline_raw=byline_raw,
        date_published=published,
        date_published_raw=published_raw,
        date_modified=modified,
        date_modified_raw=modified_raw,
        in_language=language,
        section=override_text(tree, selectors, "section") or (article.section if article else None) or meta.section,
        keywords=_keywords(tree, selectors, ld, meta),
        image_url=override_image(tree, selectors, url)
        or (article.image_url if article and article.image_url else None)
        or meta.image_url,
        source=source.name if source else None,
        fetched_at=fetched,
        translations=_translations(url, meta),
    )


def _htmldate(
    html: str | bytes | HtmlElement, tree: HtmlElement, url: str, meta: PageMeta, context: Context
) -> str | None:
    """htmldate's guess, unless it is the day the site's masthead shows (a current-date widget it read)."""
    guess = guess_date(_markup(html, tree), url, context.fetched_at)
    widget_days = {
        written_day(text, timezone=context.timezone, fetched_at=context.fetched_at, languages=context.languages)
        for text in [*meta.masthead_dates, *(masthead_texts(tree) if guess else ())]
    }
    return None if guess and any(day and day.isoformat() == guess for day in widget_days) else guess


def _markup(html: str | bytes | HtmlElement, tree: HtmlElement) -> str | bytes | HtmlElement:
    """The page as given (cut to the size read), else its tree."""
    return tree if isinstance(html, HtmlElement) else html[:MAX_PAGE_SIZE]


def _language(source: Source | None, ld: JsonLd, meta: PageMeta) -> str | None:
    """The page's language code; one of the source's languages when the source is known."""
    declared = [*meta.languages]
    if ld.article and ld.article.in_language:
        declared.insert(0, ld.article.in_language.split("-")[0].lower())
    if source is None:
        return declared[0] if declared else None
    for code in declared:
        if code in source.languages:
            return code
    return source.languages[0] if source.languages else None


def _people(raw: RawAuthor, context: Context) -> list[Author]:
    if raw.kind == "organization":
        return [Author(name=raw.name, kind="organization", url=raw.url)]
    people = parse_byline(raw.name, languages=context.languages)
    if len(people) == 1 and raw.url:
        return [Author(name=people[0].name, kind=people[0].kind, url=raw.url)]
    return people


def _is_generic_author(name: str, site_names: Sequence[str], page_url: str = "") -> bool:
    """True for bylines that name the outlet or a desk rather than a writer."""
    key = clean_text(name).casefold()
    if GENERIC_AUTHOR.search(key) or names_the_site(name, page_url):
        return True
    return any(site and (site.casefold() in key or key in site.casefold()) for site in map(clean_text, site_names))


def _author_candidates(
    tree: HtmlElement, selectors: Mapping[str, str], ld: JsonLd, meta: PageMeta, page_url: str, body_lines: list[str]
) -> list[RawAuthor]:
    """Authors from the best source that has any: selector, JSON-LD, meta, microdata, author links, visible byline."""
    raw_texts = override_texts(tree, selectors, "byline")
    if raw_texts:
        return [RawAuthor(t) for t in raw_texts]
    site_names = [*ld.site_names, *meta.site_names]
    structured = ld.article.authors if ld.article else []
    people = [a for a in structured if a.kind == "person" and not _is_generic_author(a.name, site_names, page_url)]
    if people:
        return people
    for group in (meta.authors, meta.itemprop_authors, meta.card_authors):
        # A credit that names no one ("Photograph by …" in an image's microdata) leaves the choice to the next.
        specific = [a for a in group if not _is_generic_author(a.name, site_names, page_url) and parse_byline(a.name)]
        if specific:
            linked = byline_links_of_credit_list([a.name for a in specific], tree, page_url)
            return [RawAuthor(name) for name in linked] if linked else specific
    linked = author_link_names(tree, page_url)
    if linked:
        return [RawAuthor(name) for name in linked]
    visible = visible_byline(meta.visible_bylines, site_names) or visible_byline(by_label_texts(tree), site_names)
    if visible:
        return [RawAuthor(visible)]
    fallback = structured or meta.authors or meta.itemprop_authors or meta.card_authors
    agency = dateline_agency(body_lines[0]) if body_lines and not fallback else None
    return [RawAuthor(agency, "organization")] if agency else fallback


def _authors(
    tree: HtmlElement,
    selectors: Mapping[str, str],
    ld: JsonLd,
    meta: PageMeta,
    context: Context,
    page_url: str,
    body_lines: list[str],
) -> tuple[list[Author], str | None]:
    """Authors (people and organizations told apart) and the raw byline they were read from."""
    raws = _author_candidates(tree, selectors, ld, meta, page_url, body_lines)
    authors: list[Author] = []
    for raw in raws:
        for author in _people(raw, context):
            if all(a.name.casefold() != author.name.casefold() for a in authors):
                authors.append(author)
    byline_raw = ", ".join(r.name for r in raws) or None
    return authors, byline_raw


def _published_evidence(
    ld: JsonLd, meta: PageMeta, url: str, modified: Sequence[str], beside_headline: str | None = None
) -> list[Evidence]:
    """The page's publication-date evidence, strongest kinds first; a value that is also the modification
    date is left out (a site that writes the update into a publication field). The date written beside
    the headline is one witness, whatever else reads it."""
    structured = ld.article.date_published if ld.article else None
    times = [t for t in meta.time_published if t != beside_headline]
    return [
        *gather("jsonld", [structured]),
        *gather("meta", meta.declared_published, other_moments=[m for m in modified if m != structured]),
        *gather("url", [url_date(url)]),
        *gather("headline", [beside_headline], labelled=True, other_moments=modified),
        *gather("time", times, labelled=True, other_moments=modified),
        *gather("dateline", [d for d in meta.visible_dates if d != beside_headline], labelled=True),
    ]


def _modified_candidates(tree: HtmlElement, selectors: Mapping[str, str], ld: JsonLd, meta: PageMeta) -> list[str]:
    structured = [ld.article.date_modified] if ld.article and ld.article.date_modified else []
    return [*override_texts(tree, selectors, "date_modified"), *structured, *meta.modified]


def _date(candidates: Sequence[str], context: Context) -> tuple[datetime | None, str | None]:
    """The first candidate that parses, with its raw string; else ``None`` and the first raw string."""
    tried: list[str] = []
    for raw in candidates:
        raw = clean_text(raw)
        if not raw or raw in tried:
            continue
        tried.append(raw)
        value = parse_date(raw, languages=context.languages, timezone=context.timezone, fetched_at=context.fetched_at)
        if value is not None:
            return value, raw
        if len(tried) >= MAX_DATE_TRIES:
            break
    return None, (tried[0] if tried else None)


def _keywords(tree: HtmlElement, selectors: Mapping[str, str], ld: JsonLd, meta: PageMeta) -> list[str]:
    raw = override_texts(tree, selectors, "keywords")
    if len(raw) == 1:
        raw = raw[0].split(",")
    if not raw:
        raw = ld.article.keywords if ld.article and ld.article.keywords else meta.keywords
    keywords: list[str] = []
    for keyword in map(clean_text, raw):
        if keyword and keyword.casefold() not in {k.casefold() for k in keywords}:
            keywords.append(keyword)
    return keywords


def _canonical_url(url: str, ld: JsonLd, meta: PageMeta) -> str:
    """The page's declared canonical URL when it is on the same site, else the page URL, canonicalized."""
    for candidate in (meta.canonical, meta.og_url, ld.article.url if ld.article else None):
        if candidate and same_site(candidate, url):
            return canonicalize_url(candidate)
    return canonicalize_url(url)


def _translations(url: str, meta: PageMeta) -> dict[str, str]:
    """Alternate-language editions (hreflang), the page itself left out."""
    own = {canonicalize_url(url), canonicalize_url(meta.canonical) if meta.canonical else ""}
    return {lang: href for lang, href in meta.alternates.items() if canonicalize_url(href) not in own}


def text_or_none(value: str | None) -> str | None:
    """Whitespace-collapsed text, ``None`` when empty."""
    return clean_text(value) or None
