"""URL canonicalization: one story, one URL, one hash."""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_TRACKING_PARAM = re.compile(
    r"^(utm_[a-z]+|fbclid|gclid|dclid|yclid|mc_cid|mc_eid|_ga|_gl|igshid|ref_src|cmpid|at_medium|at_campaign|from|ref)$",
    re.IGNORECASE,
)
_DEFAULT_PORTS = {"http": 80, "https": 443}


#: The parts of a URL as ``urlsplit`` finds them: an optional scheme, the netloc after ``//`` and the path.
_NETLOC_AND_PATH = re.compile(r"(?:[A-Za-z][A-Za-z0-9+.\-]*:)?(?://([^/?#]*))?([^?#]*)")


def _netloc_and_path(url: str) -> tuple[str | None, str]:
    match = _NETLOC_AND_PATH.match(url)
    assert match is not None  # every part of the pattern is optional: it matches any string
    return match.group(1), match.group(2)


def url_host(url: str) -> str:
    """``urlsplit(url).hostname`` (lower case, ``""`` when none), without splitting the whole URL each time."""
    netloc = _netloc_and_path(url)[0]
    return _hostname(netloc) if netloc else ""


def url_path(url: str) -> str:
    """``urlsplit(url).path``."""
    return _netloc_and_path(url)[1]


@lru_cache(maxsize=1024)
def _hostname(netloc: str) -> str:
    """The host of a netloc as ``urlsplit`` reads it (userinfo, port and IPv6 brackets handled there)."""
    return urlsplit("//" + netloc).hostname or ""


@lru_cache(maxsize=4096)
def canonicalize_url(url: str) -> str:
    """Normalize scheme and host case, drop default ports, fragments and tracking parameters, sort the query.

    Cached: one URL is canonicalized again and again on its way (its request, the page's
    canonical link, the store's URL hash).
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    port = parts.port
    netloc = host if port is None or _DEFAULT_PORTS.get(scheme) == port else f"{host}:{port}"
    if parts.username:
        netloc = f"{parts.username}@{netloc}"
    query = urlencode(
        sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING_PARAM.match(k))
    )
    path = re.sub(r"/{2,}", "/", parts.path) or "/"
    return urlunsplit((scheme, netloc, path, query, ""))


def url_hash(url: str) -> str:
    """A stable 16-byte hex digest of the canonical URL, used as the article key."""
    return hashlib.blake2b(canonicalize_url(url).encode("utf-8"), digest_size=16).hexdigest()
