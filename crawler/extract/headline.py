"""Choosing the article's own headline among ``<title>``, og:title, JSON-LD and ``<h1>``."""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import urlsplit

from crawler.extract.dom import clean_text
from crawler.extract.text import CJK_CHAR

#: Separators sites glue between the headline and the site or section name.
TITLE_SEPARATOR = re.compile(r"\s+[|\-–—:·•»/~]\s+|\s*[|•»_：:]\s*")
_NON_ALNUM = re.compile(r"\W+")
#: Words a visible ``<h1>`` needs to be taken over a differing metadata title.
MIN_HEADLINE_WORDS = 4
MIN_HEADLINE_CJK_CHARS = 12


def _key(text: str) -> str:
    return _NON_ALNUM.sub("", text.casefold())


def _site_keys(site_names: Sequence[str], page_url: str) -> set[str]:
    keys = {_key(n) for n in site_names if _key(n)}
    host = (urlsplit(page_url).hostname or "").lower()
    labels = [label for label in host.split(".") if label not in ("www", "m", "amp", "com", "net", "org")]
    if labels:
        keys.add(_key(labels[0]))
        keys.add(_key(".".join(labels)))
    return keys


def _is_site_part(part: str, site_keys: set[str]) -> bool:
    key = _key(part)
    if not key:
        return True
    return any(key == s or (len(s) >= 4 and _holds_site(key, s) and len(part.split()) <= 5) for s in site_keys)


def _holds_site(key: str, site: str) -> bool:
    """True when a title part is the site's name, or that name with a few words around it ("Example News").

    A part with a number that holds the name as only a piece is an identifier: "EXDB-2021-0047" on exdb.example.
    """
    if key in site:
        return True
    return site in key and (len(site) * 2 >= len(key) or not any(c.isdigit() for c in key))


def strip_site_name(title: str, site_names: Sequence[str], page_url: str, sections: Sequence[str] = ()) -> str:
    """``title`` without site-name parts glued before or after it, nor the page's section or topic
    between them and the headline ("Headline | Politics | Example News")."""
    title = clean_text(title)
    parts = TITLE_SEPARATOR.split(title)
    if len(parts) < 2:
        return title
    site_keys = _site_keys(site_names, page_url)
    section_keys = {_key(s) for s in sections if _key(s)}
    while len(parts) > 1 and _is_site_part(parts[-1], site_keys):
        parts.pop()
        while len(parts) > 1 and _key(parts[-1]) in section_keys:
            parts.pop()
    while len(parts) > 1 and _is_site_part(parts[0], site_keys):
        parts.pop(0)
    if len(parts) == len(TITLE_SEPARATOR.split(title)):
        return title
    # Rejoin what is left with the separators that were in the original title.
    start = title.find(parts[0])
    end = title.rfind(parts[-1]) + len(parts[-1])
    return title[start:end].strip() if start >= 0 and end > start else " ".join(parts)


def _is_headline_like(text: str) -> bool:
    """Long enough to be a story's headline rather than a section or site name."""
    return len(text.split()) >= MIN_HEADLINE_WORDS or len(CJK_CHAR.findall(text)) >= MIN_HEADLINE_CJK_CHARS


def _agrees(h1_key: str, keys: set[str]) -> bool:
    """True when an ``<h1>`` equals a metadata title, or one holds the other (truncated or glued titles)."""
    if h1_key in keys:
        return True
    return any(min(len(h1_key), len(k)) >= 6 and (h1_key in k or k in h1_key) for k in keys if k)


def _masthead_headings(h1s: Sequence[str], title: str, candidates: Sequence[str], site_keys: set[str]) -> list[str]:
    """``<h1>``s that are the site's name: a short one the ``<title>`` glues to a longer headline-like part
    ("Example Daily" on a page titled "Council reopens the old bridge to traffic - Example Daily") and that
    no social or structured title repeats."""
    parts = [p.strip() for p in TITLE_SEPARATOR.split(title) if p.strip()]
    if len(parts) < 2:
        return []
    found = []
    for h1 in map(clean_text, h1s):
        if _is_headline_like(h1) or _key(h1) not in (_key(parts[0]), _key(parts[-1])):
            continue
        if any(_key(h1) in _key(c) for c in candidates):
            continue
        rest = max((p for p in parts if _key(p) != _key(h1)), key=len, default="")
        names_site = any(len(k) >= 4 and _holds_site(_key(rest), k) for k in site_keys)
        if _is_headline_like(rest) and len(rest) > len(h1) and not names_site:
            found.append(h1)
    return found


def choose_headline(
    *,
    structured: Sequence[str],
    title_tag: str | None,
    h1s: Sequence[str],
    site_names: Sequence[str],
    page_url: str,
    sections: Sequence[str] = (),
) -> str | None:
    """The headline: an ``<h1>`` metadata agrees with, else metadata without site names, else ``<h1>``, else title.

    ``sections`` (the page's section and keywords) are stripped from the title's end after the site's name.
    """
    candidates = [clean_text(c) for c in structured if clean_text(c)]
    title = clean_text(title_tag)
    mastheads = _masthead_headings(h1s, title, candidates, _site_keys(site_names, page_url))
    site_names = [*site_names, *mastheads]
    stripped = [strip_site_name(c, site_names, page_url, sections) for c in [*candidates, title] if c]
    site_keys = _site_keys(site_names, page_url)
    headings = [h for h in map(clean_text, h1s) if h and not _is_site_part(h, site_keys)]
    exact = {_key(c) for c in [*candidates, *stripped] if c}
    for h1 in headings:
        if _key(h1) in exact:
            return h1
    for h1 in headings:
        if _agrees(_key(h1), {*exact, _key(title)}):
            return h1
    # The visible headline of the story wins over a differing social or search title.
    if len(headings) == 1 and _is_headline_like(headings[0]):
        return headings[0]
    # A part of a glued title that another candidate confirms.
    for text in [*candidates, title]:
        parts = [p for p in TITLE_SEPARATOR.split(text) if p]
        for part in parts:
            confirmed = any(_key(part) == _key(other) for other in [*candidates, *headings] if other != text)
            if len(parts) > 1 and confirmed and _is_headline_like(part):
                return part.strip()
    if stripped:
        return stripped[0]
    if h1s:
        return clean_text(h1s[0]) or None
    return None
