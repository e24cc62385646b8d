"""Raw bylines to a list of :class:`~crawler.items.Author` (first version)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from crawler.items import Author

_PREFIX = re.compile(r"^\s*(by|written by|автор:?|müəllif:?)\s+", re.IGNORECASE)
_SPLIT = re.compile(r"\s*(?:,|;|\||&|\band\b|\bи\b|\bvə\b)\s*", re.IGNORECASE)
_ORGANIZATIONS = frozenset(
    {"trend", "apa", "report", "caliber.az", "reuters", "ap", "afp", "azertac", "tass", "ria novosti"}
)


def parse_byline(raw: str, *, languages: Sequence[str] = ()) -> list[Author]:
    """Split a byline into people and organizations, in order, without duplicates. Never raises."""
    if not raw:
        return []
    authors: list[Author] = []
    seen: set[str] = set()
    for part in _SPLIT.split(_PREFIX.sub("", raw.strip())):
        name = " ".join(part.split()).strip(" .:-")
        if not name or name.casefold() in seen:
            continue
        seen.add(name.casefold())
        kind = "organization" if name.casefold() in _ORGANIZATIONS else "person"
        authors.append(Author(name=name, kind=kind))
    return authors
