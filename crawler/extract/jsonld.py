"""Reading schema.org article data from JSON-LD scripts, defensively.

Scripts may be invalid, huge, nested in ``@graph`` or lists, or describe other
things than the article (the site, breadcrumbs, item lists); none of it is
trusted blindly and nothing here raises.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from lxml.html import HtmlElement

from crawler.extract.dom import clean_text

#: Scripts longer than this are skipped rather than parsed.
MAX_SCRIPT_CHARS = 2_000_000
#: How deep nested objects are followed.
MAX_DEPTH = 12
_MAX_NODES = 5_000

ARTICLE_TYPES = frozenset(
    {
        "article",
        "newsarticle",
        "reportagenewsarticle",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "backgroundnewsarticle",
        "reviewnewsarticle",
        "askpublicnewsarticle",
        "blogposting",
        "liveblogposting",
        "report",
        "scholarlyarticle",
        "techarticle",
        "satiricalarticle",
        "advertisercontentarticle",
        "medicalscholarlyarticle",
        "socialmediaposting",
        "posting",
    }
)
#: Page types that describe listings rather than one story.
LISTING_TYPES = frozenset(
    {"collectionpage", "searchresultspage", "itemlist", "profilepage", "website", "mediagallery", "imagegallery"}
)
ORGANIZATION_TYPES = frozenset({"organization", "newsmediaorganization", "corporation", "newsorganization"})
_SCRIPT_XPATH = "//script[contains(translate(@type, 'LDJSON', 'ldjson'), 'ld+json')]"
_COMMENT_WRAPPER = re.compile(r"^\s*(?:<!--|/\*\s*<!\[CDATA\[\s*\*/|<!\[CDATA\[)|(?:-->|/\*\s*\]\]>\s*\*/|\]\]>)\s*$")
_WRAPPER_OPENINGS = ("<!--", "/*", "<![CDATA[")
_WRAPPER_ENDINGS = ("-->", "*/", "]]>")
_TRAILING_COMMA = re.compile(r",\s*([}\]])")
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_URL_LIKE = re.compile(r"^(?:https?:)?//|^www\.", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class RawAuthor:
    """An author as written in metadata: a name and whether it names an organization."""

    name: str
    kind: str = "person"
    url: str | None = None


@dataclass(slots=True)
class JsonLdArticle:
    """The fields of the page's article node, as raw strings."""

    types: frozenset[str] = frozenset()
    headline: str | None = None
    alternative_headline: str | None = None
    description: str | None = None
    article_body: str | None = None
    authors: list[RawAuthor] = field(default_factory=list)
    date_published: str | None = None
    date_modified: str | None = None
    section: str | None = None
    keywords: list[str] = field(default_factory=list)
    image_url: str | None = None
    url: str | None = None
    in_language: str | None = None
    publisher: str | None = None


@dataclass(slots=True)
class JsonLd:
    """Everything read from a page's JSON-LD scripts."""

    types: set[str] = field(default_factory=set)
    article: JsonLdArticle | None = None
    site_names: list[str] = field(default_factory=list)
    broken_scripts: int = 0


def parse_script(text: str) -> Any:
    """The JSON value of one script, repaired for common breakage; ``None`` when unreadable."""
    if not text or len(text) > MAX_SCRIPT_CHARS:
        return None
    text = text.strip().rstrip(";").strip()
    if text.startswith(_WRAPPER_OPENINGS) or text.endswith(_WRAPPER_ENDINGS):  # the regex alone scans every character
        text = _COMMENT_WRAPPER.sub("", text)
    text = text.strip().rstrip(";")
    for attempt in range(2):
        try:
            return json.loads(text, strict=False)
        except (ValueError, RecursionError):
            if attempt == 0:
                text = _TRAILING_COMMA.sub(r"\1", _CONTROL_CHARS.sub(" ", text))
    return None


def type_names(node: dict[str, Any]) -> frozenset[str]:
    """Lower-cased schema.org type names of a node (``schema:NewsArticle`` -> ``newsarticle``)."""
    value = node.get("@type")
    values = value if isinstance(value, list) else [value]
    names = set()
    for item in values:
        if isinstance(item, str) and item:
            names.add(re.split(r"[/:#]", item.strip())[-1].lower())
    return frozenset(names)


def _walk(value: Any, depth: int = 0, listed: bool = False) -> Iterator[tuple[dict[str, Any], int, bool]]:
    """Typed nodes with their depth and whether they sit inside an item list."""
    stack: list[tuple[Any, int, bool]] = [(value, depth, listed)]
    seen = 0
    while stack and seen < _MAX_NODES:
        current, level, in_list = stack.pop()
        seen += 1
        if level > MAX_DEPTH:
            continue
        if isinstance(current, list):
            stack.extend((item, level, in_list) for item in reversed(current))
        elif isinstance(current, dict):
            if "@type" in current:
                yield current, level, in_list
            for key, child in current.items():
                if isinstance(child, dict | list):
                    child_listed = in_list or key in ("itemListElement", "hasPart", "relatedLink", "citation")
                    child_level = level if key == "@graph" else level + 1
                    stack.append((child, child_level, child_listed))


def _first_string(value: Any) -> str | None:
    """The first non-empty string in a value that may be a list or a ``@value`` object."""
    if isinstance(value, list):
        for item in value:
            found = _first_string(item)
            if found:
                return found
        return None
    if isinstance(value, dict):
        return _first_string(value.get("@value") or value.get("name") or value.get("url"))
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        text = clean_text(str(value))
        return text or None
    return None


def _image(value: Any) -> str | None:
    if isinstance(value, list):
        return next((url for url in map(_image, value) if url), None)
    if isinstance(value, dict):
        return _first_string(value.get("url") or value.get("contentUrl") or value.get("@id"))
    return _first_string(value)


def _keywords(value: Any) -> list[str]:
    if isinstance(value, str):
        parts = value.split(",")
    elif isinstance(value, list):
        parts = [p for p in value if isinstance(p, str)]
    else:
        return []
    return [k for k in (clean_text(p) for p in parts) if k]


def _authors(value: Any, by_id: dict[str, dict[str, Any]], depth: int = 0) -> list[RawAuthor]:
    """Authors from a string, an object, an ``@id`` reference or a list of those."""
    if depth > 3 or value is None:
        return []
    if isinstance(value, list):
        return [a for item in value for a in _authors(item, by_id, depth + 1)]
    if isinstance(value, str):
        text = clean_text(value)
        return [RawAuthor(text)] if text and not _URL_LIKE.match(text) else []
    if not isinstance(value, dict):
        return []
    if set(value) <= {"@id", "@type"} and isinstance(value.get("@id"), str) and value["@id"] in by_id:
        value = by_id[value["@id"]]
    name = _first_string(value.get("name"))
    if not name:
        given, family = _first_string(value.get("givenName")), _first_string(value.get("familyName"))
        name = " ".join(p for p in (given, family) if p) or None
    if not name or _URL_LIKE.match(name):
        return []
    kind = "organization" if type_names(value) & ORGANIZATION_TYPES else "person"
    url = _first_string(value.get("url")) or (value["@id"] if isinstance(value.get("@id"), str) else None)
    return [RawAuthor(name, kind, url if url and _URL_LIKE.match(url) else None)]


def _article_from_node(node: dict[str, Any], by_id: dict[str, dict[str, Any]]) -> JsonLdArticle:
    publisher = node.get("publisher")
    if isinstance(publisher, dict) and set(publisher) <= {"@id", "@type"}:
        publisher = by_id.get(str(publisher.get("@id")), publisher)
    language = node.get("inLanguage")
    if isinstance(language, dict):
        language = language.get("alternateName") or language.get("name")
    main_entity = node.get("mainEntityOfPage")
    url = _first_string(node.get("url")) or (
        _first_string(main_entity.get("@id") or main_entity.get("url"))
        if isinstance(main_entity, dict)
        else _first_string(main_entity)
    )
    return JsonLdArticle(
        types=type_names(node),
        headline=_first_string(node.get("headline")) or _first_string(node.get("name")),
        alternative_headline=_first_string(node.get("alternativeHeadline")),
        description=_first_string(node.get("description")),
        article_body=node.get("articleBody") if isinstance(node.get("articleBody"), str) else None,
        authors=_authors(node.get("author"), by_id) or _authors(node.get("creator"), by_id),
        date_published=_first_string(node.get("datePublished")) or _first_string(node.get("dateCreated")),
        date_modified=_first_string(node.get("dateModified")),
        section=_first_string(node.get("articleSection")),
        keywords=_keywords(node.get("keywords")),
        image_url=_image(node.get("image")) or _image(node.get("thumbnailUrl")),
        url=url,
        in_language=_first_string(language),
        publisher=_first_string(publisher.get("name")) if isinstance(publisher, dict) else _first_string(publisher),
    )


def _score(article: JsonLdArticle, page_url: str) -> int:
    score = sum(bool(v) for v in (article.headline, article.article_body, article.date_published, article.authors))
    if article.url and page_url and article.url.rstrip("/").split("://")[-1] == page_url.rstrip("/").split("://")[-1]:
        score += 3
    return score


def read_jsonld(tree: HtmlElement, page_url: str = "") -> JsonLd:
    """The article node (best of several), every type seen, and site names, from all JSON-LD scripts."""
    result = JsonLd()
    nodes: list[tuple[dict[str, Any], int, bool]] = []
    for script in tree.xpath(_SCRIPT_XPATH):
        data = parse_script(script.text or "")
        if data is None:
            result.broken_scripts += 1
            continue
        nodes.extend(_walk(data))
    by_id = {n["@id"]: n for n, _, _ in nodes if isinstance(n.get("@id"), str)}
    candidates: list[JsonLdArticle] = []
    for node, depth, listed in nodes:
        types = type_names(node)
        if listed:
            continue
        if depth <= 2:
            result.types |= types
        if types & ARTICLE_TYPES and depth <= 2:
            candidates.append(_article_from_node(node, by_id))
        if ("website" in types and depth <= 2) or (types & ORGANIZATION_TYPES and depth == 0):
            name = _first_string(node.get("name"))
            if name and name not in result.site_names:
                result.site_names.append(name)
    if candidates:
        result.article = max(candidates, key=lambda a: _score(a, page_url))
        if result.article.publisher and result.article.publisher not in result.site_names:
            result.site_names.append(result.article.publisher)
    return result
