"""URL canonicalization: one story, one URL, one hash."""

from __future__ import annotations

import hashlib
import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_TRACKING_PARAM = re.compile(
    r"^(utm_[a-z]+|fbclid|gclid|dclid|yclid|mc_cid|mc_eid|_ga|_gl|igshid|ref_src|cmpid|at_medium|at_campaign|from|ref)$",
    re.IGNORECASE,
)
_DEFAULT_PORTS = {"http": 80, "https": 443}


def canonicalize_url(url: str) -> str:
    """Normalize scheme and host case, drop default ports, fragments and tracking parameters, sort the query."""
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
