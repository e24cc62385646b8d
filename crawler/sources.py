"""Load and validate the sources file into typed :class:`Source` objects.

A source is data, not code: adding a news site normally means adding one
``[[source]]`` table to ``sources.toml``. Every mistake in the file is reported
with the entry and the field it concerns, all at once.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import re2

from crawler.domains import domain_problem, domains_allow, origin_domain
from crawler.normalize.urls import url_path

DEFAULT_SOURCES_FILE = Path(__file__).with_name("sources.toml")
_NAME_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_LANGUAGE_RE = re.compile(r"^[a-z]{2,3}$")
#: Fields of :class:`crawler.items.ArticleItem` a source may override with selectors.
OVERRIDABLE_FIELDS = frozenset(
    {
        "headline",
        "description",
        "article_body",
        "byline",
        "date_published",
        "date_modified",
        "section",
        "keywords",
        "image_url",
    }
)


_RE2_OPTIONS = re2.Options()
_RE2_OPTIONS.log_errors = False  # a bad pattern is one line of ours, not RE2's own on stderr


@lru_cache(maxsize=256)
def _selector_problem(selector: str) -> str | None:
    """What is wrong with a selector override (parsel and lxml are imported only for a file that has one)."""
    from crawler.selectors import selector_problem

    return selector_problem(selector)


def compile_url_pattern(pattern: str) -> Any:
    """An ``article_url_pattern`` compiled by RE2: linear time, so a site's URLs cannot stall the crawl.

    Patterns RE2 cannot run (backreferences, lookaround) raise ``re2.error``.
    """
    if not isinstance(pattern, str):
        raise TypeError("a pattern must be a string")
    return re2.compile(pattern, options=_RE2_OPTIONS)


class SourcesError(ValueError):
    """The sources file has mistakes; ``problems`` holds one message per mistake."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


@dataclass(frozen=True, slots=True)
class Source:
    """One configured news site."""

    name: str
    homepage: str
    languages: tuple[str, ...]
    timezone: str = "UTC"
    allowed_domains: tuple[str, ...] = ()
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    start_urls: tuple[str, ...] = ()
    article_url_pattern: str | None = None
    selectors: Mapping[str, str] = field(default_factory=dict)
    title: str | None = None

    @property
    def display_name(self) -> str:
        return self.title or self.name

    def is_article_url(self, url: str) -> bool:
        """True when ``url`` looks like an article of this source (always true without a pattern)."""
        if not self.article_url_pattern:
            return True
        return compile_url_pattern(self.article_url_pattern).search(url_path(url)) is not None

    def allows(self, url: str) -> bool:
        """True when ``url``'s host is an allowed domain (or a subdomain of one) and its port that domain's.

        An allowed domain without a port (``example.com``) means the default port of the URL's
        scheme (80 for http, 443 for https); ``127.0.0.1:8080`` means that port only.
        """
        return domains_allow(self.allowed_domains, url)

    def as_plain_http(self) -> Source:
        """This source with its URLs over plain HTTP (the demo serves sample sites as an HTTP proxy)."""

        def plain(url: str) -> str:
            return "http://" + url.removeprefix("https://") if url.startswith("https://") else url

        return self._map_urls(plain)

    def with_origin(self, origin: str) -> Source:
        """This source re-pointed at another origin (``http://127.0.0.1:8123``): used by the demo and tests."""
        old = {_origin(u) for u in (self.homepage, *self.feeds, *self.sitemaps, *self.start_urls)}

        def move(url: str) -> str:
            for prefix in old:
                if url.startswith(prefix):
                    return origin + url[len(prefix) :]
            return url

        return self._map_urls(move, allowed_domains=(origin_domain(origin),))

    def _map_urls(self, change: Callable[[str], str], **other: Any) -> Source:
        """This source with ``change`` applied to every URL it names (and ``other`` fields replaced)."""
        return replace(
            self,
            homepage=change(self.homepage),
            feeds=tuple(map(change, self.feeds)),
            sitemaps=tuple(map(change, self.sitemaps)),
            start_urls=tuple(map(change, self.start_urls)),
            **other,
        )


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _as_str_list(entry: str, key: str, value: Any, problems: list[str]) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        problems.append(f"source {entry!r}: field {key!r} must be a list of non-empty strings")
        return ()
    return tuple(value)


def _check_url(entry: str, key: str, url: str, problems: list[str]) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        problems.append(f"source {entry!r}: field {key!r} has {url!r}, which is not an http(s) URL")


_KNOWN_KEYS = {
    "name",
    "title",
    "homepage",
    "languages",
    "timezone",
    "allowed_domains",
    "feeds",
    "sitemaps",
    "start_urls",
    "article_url_pattern",
    "selectors",
}


def source_from_mapping(data: Mapping[str, Any], position: int, problems: list[str]) -> Source | None:
    """Validate one raw entry; append a message per mistake to ``problems``."""
    name = data.get("name")
    entry = name if isinstance(name, str) and name else f"#{position}"
    before = len(problems)
    for key in sorted(set(data) - _KNOWN_KEYS):
        problems.append(f"source {entry!r}: unknown field {key!r}")
    if not isinstance(name, str) or not _NAME_RE.match(name):
        problems.append(f"source {entry!r}: field 'name' must be lower-case letters, digits and '_' (got {name!r})")
    homepage = data.get("homepage")
    if not isinstance(homepage, str):
        problems.append(f"source {entry!r}: field 'homepage' is required")
        homepage = ""
    else:
        _check_url(entry, "homepage", homepage, problems)
    languages = _as_str_list(entry, "languages", data.get("languages"), problems)
    if not languages:
        problems.append(f"source {entry!r}: field 'languages' needs at least one language code")
    for lang in languages:
        if not _LANGUAGE_RE.match(lang):
            problems.append(f"source {entry!r}: field 'languages' has {lang!r}, not an ISO 639 code")
    timezone = data.get("timezone", "UTC")
    try:
        ZoneInfo(str(timezone))
    except (ZoneInfoNotFoundError, ValueError):
        problems.append(f"source {entry!r}: field 'timezone' has unknown time zone {timezone!r}")
    lists = {
        key: _as_str_list(entry, key, data.get(key), problems)
        for key in ("allowed_domains", "feeds", "sitemaps", "start_urls")
    }
    for key in ("feeds", "sitemaps", "start_urls"):
        for url in lists[key]:
            _check_url(entry, key, url, problems)
    for domain in lists["allowed_domains"]:
        if problem := domain_problem(domain):
            problems.append(f"source {entry!r}: field 'allowed_domains' has {domain!r}, which {problem}")
    pattern = data.get("article_url_pattern")
    if pattern is not None:
        try:
            compile_url_pattern(pattern)
        except (re2.error, TypeError) as exc:
            why = exc.args[0].decode(errors="replace") if exc.args and isinstance(exc.args[0], bytes) else exc
            problems.append(
                f"source {entry!r}: field 'article_url_pattern' is not a regular expression RE2 can run ({why})"
            )
    selectors = data.get("selectors", {})
    if not isinstance(selectors, dict):
        problems.append(f"source {entry!r}: field 'selectors' must be a table of field = selector")
        selectors = {}
    for key, value in selectors.items():
        if key not in OVERRIDABLE_FIELDS:
            problems.append(f"source {entry!r}: field 'selectors' names unknown field {key!r}")
        elif not isinstance(value, str) or not value.strip():
            problems.append(f"source {entry!r}: field 'selectors.{key}' must be a CSS or 'xpath:' selector")
        elif problem := _selector_problem(value):
            problems.append(f"source {entry!r}: field 'selectors.{key}' is not a valid selector ({problem})")
    title = data.get("title")
    if title is not None and not isinstance(title, str):
        problems.append(f"source {entry!r}: field 'title' must be a string")
    if len(problems) > before or not isinstance(name, str):  # a name that is not a string is a problem above
        return None
    allowed = lists["allowed_domains"] or (origin_domain(homepage),)
    return Source(
        name=name,
        title=title,
        homepage=homepage,
        languages=languages,
        timezone=str(timezone),
        allowed_domains=allowed,
        feeds=lists["feeds"],
        sitemaps=lists["sitemaps"],
        start_urls=lists["start_urls"] or (homepage,),
        article_url_pattern=pattern,
        selectors=dict(selectors),
    )


def parse_sources(data: Mapping[str, Any]) -> dict[str, Source]:
    """Validate the parsed TOML document; raise :class:`SourcesError` listing every mistake."""
    problems: list[str] = []
    entries = data.get("source", [])
    if not isinstance(entries, list):
        raise SourcesError(["the sources file must hold [[source]] tables"])
    sources: dict[str, Source] = {}
    for position, raw in enumerate(entries, start=1):
        if not isinstance(raw, dict):
            problems.append(f"source #{position}: must be a table")
            continue
        source = source_from_mapping(raw, position, problems)
        if source is None:
            continue
        if source.name in sources:
            problems.append(f"source {source.name!r}: the name is used twice")
            continue
        sources[source.name] = source
    if problems:
        raise SourcesError(problems)
    return sources


def load_sources(path: Path | str | None = None) -> dict[str, Source]:
    """Read a sources file (the bundled one by default)."""
    path = Path(path) if path else DEFAULT_SOURCES_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise SourcesError([f"cannot read sources file {str(path)!r}: {exc.strerror or exc}"]) from exc
    except UnicodeDecodeError as exc:
        raise SourcesError(
            [f"sources file {str(path)!r} is not UTF-8 text (byte 0x{exc.object[exc.start]:02x} at offset {exc.start})"]
        ) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SourcesError([f"sources file {str(path)!r} is not valid TOML: {exc}"]) from exc
    return parse_sources(data)


def select_sources(sources: Mapping[str, Source], names: Iterable[str]) -> list[Source]:
    """The named sources (all when none are named); an unknown name raises :class:`SourcesError`."""
    names = list(names)
    if not names:
        return list(sources.values())
    unknown = [n for n in names if n not in sources]
    if unknown:
        known = ", ".join(sorted(sources))
        raise SourcesError([f"unknown source {n!r} (known: {known})" for n in unknown])
    return [sources[n] for n in names]


def source_to_mapping(source: Source) -> dict[str, Any]:
    """The sources-file table of a source (empty fields left out)."""
    data: dict[str, Any] = {
        "name": source.name,
        "title": source.title,
        "homepage": source.homepage,
        "languages": list(source.languages),
        "timezone": source.timezone,
        "allowed_domains": list(source.allowed_domains),
        "feeds": list(source.feeds),
        "sitemaps": list(source.sitemaps),
        "start_urls": list(source.start_urls),
        "article_url_pattern": source.article_url_pattern,
        "selectors": dict(source.selectors),
    }
    return {k: v for k, v in data.items() if v not in (None, [], {})}


def dump_sources(sources: Iterable[Source]) -> str:
    """A sources file (TOML) holding these sources."""
    import tomli_w

    return tomli_w.dumps({"source": [source_to_mapping(s) for s in sources]})
