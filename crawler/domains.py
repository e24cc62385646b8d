"""Which URLs a source's allowed domains cover, and which entries are domains at all.

An allowed domain is a host name, an IP address or ``localhost``, with an optional ``:port``; it
covers its subdomains, and without a port the default port of the URL's scheme only. Used by
:class:`crawler.sources.Source` (``allows``) and by the sources file's checks.
"""

from __future__ import annotations

import ipaddress
import re
from functools import lru_cache
from urllib.parse import urlsplit

from crawler.normalize.urls import url_host

_LABEL_RE = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
_PORT_RE = re.compile(r"^[1-9][0-9]{0,4}$")
#: Keyed by the scheme part of a URL's first five characters.
_DEFAULT_PORTS = {"http:": 80, "https": 443}


@lru_cache(maxsize=4096)
def _host_and_port_of(netloc: str, scheme: str) -> tuple[str, int | None]:
    parts = urlsplit("//" + netloc)
    try:
        port = parts.port
    except ValueError:  # not a number, out of range: no port of any allowed domain
        return parts.hostname or "", None
    return parts.hostname or "", port if port is not None else _DEFAULT_PORTS.get(scheme)


def host_and_port(url: str) -> tuple[str, int | None]:
    """(host, port) of an absolute http(s) URL, the scheme's default port when none is given; port None otherwise."""
    scheme = url[:5].lower()
    if scheme not in _DEFAULT_PORTS:
        return url_host(url), None
    netloc = url.split("/", 3)[2] if url.count("/") >= 2 else ""
    return _host_and_port_of(netloc.split("?", 1)[0].split("#", 1)[0], scheme)


@lru_cache(maxsize=256)
def domain_rules(domains: tuple[str, ...]) -> tuple[tuple[str, int | None], ...]:
    """(host, port or None) of each allowed domain entry (``host`` or ``host:port``)."""
    rules = []
    for domain in domains:
        parts = urlsplit("//" + domain)
        try:
            port = parts.port
        except ValueError:
            continue
        rules.append(((parts.hostname or domain).lower(), port))
    return tuple(rules)


def origin_domain(url: str) -> str:
    """The allowed domain a URL's origin stands for: its host, with its port when not the scheme's default."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    try:
        port = parts.port
    except ValueError:
        port = None
    default = _DEFAULT_PORTS.get(url[:5].lower())
    return f"{host}:{port}" if port is not None and port != default else host


def domains_allow(domains: tuple[str, ...], url: str) -> bool:
    """True when ``url``'s host is one of ``domains`` (or a subdomain of one) and its port that domain's."""
    host, port = host_and_port(url)
    if port is None:
        return False
    for domain, domain_port in domain_rules(domains):
        if (host == domain or host.endswith("." + domain)) and (
            port == domain_port if domain_port is not None else port == _DEFAULT_PORTS.get(url[:5].lower())
        ):
            return True
    return False


def domain_problem(domain: str) -> str | None:
    """Why ``domain`` cannot be an allowed domain (``None`` when it can): a host name, IP address or ``localhost``,
    with an optional ``:port``; never a bare top-level domain, a URL or a pattern."""
    host, colon, port = domain.rpartition(":") if domain.count(":") == 1 else (domain, "", "")
    if colon and not (_PORT_RE.match(port) and int(port) <= 65535):
        return "has a port that is not a number from 1 to 65535"
    try:
        ipaddress.ip_address(host.strip("[]"))
        return None
    except ValueError:
        pass
    try:
        ascii_host = host.encode("idna").decode("ascii").lower()
    except UnicodeError:
        return "is not a host name"
    labels = ascii_host.split(".")
    if len(ascii_host) > 253 or not all(_LABEL_RE.match(label) for label in labels):
        return "is not a host name (letters, digits, '-' and dots between them)"
    if len(labels) < 2 and ascii_host != "localhost":
        return "is a bare top-level name that would allow whole parts of the web"
    return None
