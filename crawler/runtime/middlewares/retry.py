"""Fetch faults: retries with exponential backoff and ``Retry-After``, and redirect loops as run events.

:class:`BackoffRetryMiddleware` replaces Scrapy's ``RetryMiddleware``: the same
retry rules (``RETRY_TIMES``, ``RETRY_HTTP_CODES``, ``RETRY_EXCEPTIONS``, the
``dont_retry`` and ``max_retry_times`` meta keys), but each retry waits first:
``MEDIAMON_RETRY_BASE_DELAY * 2**(n-1)`` seconds with jitter, or as long as the
server's ``Retry-After`` asks when that is longer, never more than
``MEDIAMON_RETRY_MAX_DELAY``. The wait is an asynchronous sleep, so the other
downloads go on meanwhile. A request that has used up its retries reaches the
spider's errback as before, which records it as an ``http_error`` or
``network_error`` event.

Faults have classes (:func:`fault_class`): a name that does not resolve and a
refused connection are retried ``MEDIAMON_RETRY_TIMES_FAST_FAIL`` times (1), not
``RETRY_TIMES``; and once a host has failed so, the run's other requests to it
fail at once with the same fault (no download slot, no delay) until a response
from that host comes back. A source whose name does not resolve then fails in
seconds instead of minutes (86-93 s measured before, most of it AutoThrottle's
start delay before each of ~16 attempts).
"""

from __future__ import annotations

import asyncio
import random
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any, cast
from urllib.parse import urlsplit

from scrapy.downloadermiddlewares.redirect import RedirectMiddleware
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadConnectionRefusedError,
    DownloadTimeoutError,
    IgnoreRequest,
)
from scrapy.http import Request, Response
from scrapy.settings import BaseSettings
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.response import response_status_message
from twisted.internet import error as twisted_errors
from twisted.python.failure import Failure
from twisted.web._newclient import ResponseNeverReceived

from crawler.runtime.events import record_event

#: Statuses whose ``Retry-After`` header is read (RFC 9110: 503 and 429; 3xx do not come here).
RETRY_AFTER_STATUSES = frozenset({429, 503})


async def sleep(seconds: float) -> None:
    """Wait without blocking the reactor (asyncio reactor or not)."""
    try:
        from scrapy.utils.asyncio import sleep as scrapy_sleep  # Scrapy >= 2.18
    except ImportError:  # pragma: no cover - older Scrapy
        from scrapy.utils.reactor import is_asyncio_reactor_installed

        if is_asyncio_reactor_installed():
            await asyncio.sleep(seconds)
            return
        from twisted.internet import reactor, task

        await task.deferLater(reactor, seconds).asFuture(asyncio.get_event_loop())
        return
    await scrapy_sleep(seconds)


# _NO_SPIDER_ARGUMENT: Scrapy >= 2.13 calls a middleware's process_response/process_exception without the
# deprecated spider argument (and awaits coroutine ones); its base classes still declare both, sync.
#: Fault classes that say the host is not there: retried once, then the host's other requests fail at once.
FAST_FAIL_CLASSES = frozenset({"dns", "refused"})


def fault_class(exception: BaseException) -> str:
    """The class of a fetch fault: ``dns``, ``refused``, ``timeout``, ``connection``, ``http_<status>`` or ``other``."""
    if isinstance(exception, CannotResolveHostError | twisted_errors.DNSLookupError):
        return "dns"
    if isinstance(exception, DownloadConnectionRefusedError | twisted_errors.ConnectionRefusedError):
        return "refused"
    if isinstance(exception, DownloadTimeoutError | twisted_errors.TimeoutError | twisted_errors.TCPTimedOutError):
        return "timeout"
    if isinstance(exception, HttpError):
        return f"http_{exception.response.status}"
    if isinstance(exception, ResponseNeverReceived | twisted_errors.ConnectionLost | twisted_errors.ConnectError):
        return "connection"
    return "other"


def describe_fault(exception: BaseException, url: str | None) -> tuple[str, str]:
    """The fault's class and one line for people: "DNS lookup failed for caliber.az", "HTTP 404"."""
    kind = fault_class(exception)
    where = urlsplit(url or "")
    if kind == "dns":
        return kind, f"DNS lookup failed for {where.hostname or url}"
    if kind == "refused":
        return kind, f"connection refused by {where.netloc or url}"
    if kind == "timeout":
        return kind, f"timed out fetching from {where.netloc or url}"
    if isinstance(exception, HttpError):
        return kind, f"HTTP {exception.response.status}"
    detail = str(exception).strip().splitlines()
    return kind, f"{type(exception).__name__}: {detail[0] if detail else 'no detail'}"[:300]


def count_fault(crawler: Any, failure: Failure, url: str | None) -> tuple[str, str]:
    """Count a request's final fault in the stats (``faults/<class>``, the first message of each class)."""
    # A Failure is made of an exception (its __init__ raises without one): its value, inferred Optional, is set.
    kind, message = describe_fault(cast(BaseException, failure.value), url)
    stats = crawler.stats
    if stats is not None:
        stats.inc_value(f"faults/{kind}")
        request = getattr(failure, "request", None)
        if request is not None and request.meta.get("article"):
            stats.inc_value("mediamon/article_faults")
        if stats.get_value(f"faults_first/{kind}") is None:
            stats.set_value(f"faults_first/{kind}", message)
    return kind, message


def parse_retry_after(value: str | bytes | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` value (delay-seconds or an HTTP date); ``None`` if unreadable."""
    if value is None:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if not text:
        return None
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def backoff_delay(attempt: int, base: float, cap: float, rng: random.Random | None = None) -> float:
    """Exponential backoff with "equal jitter": between half and all of ``base * 2**(attempt-1)``, at most ``cap``."""
    ceiling = min(cap, base * 2 ** max(0, attempt - 1))
    return ceiling / 2 + (rng or random).uniform(0, ceiling / 2)


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's retry rules, with a non-blocking wait (backoff, ``Retry-After``) before each retry."""

    def __init__(self, settings: BaseSettings) -> None:
        super().__init__(settings)
        self.base_delay = settings.getfloat("MEDIAMON_RETRY_BASE_DELAY", 0.5)
        self.max_delay = settings.getfloat("MEDIAMON_RETRY_MAX_DELAY", 30.0)
        self.fast_fail_times = settings.getint("MEDIAMON_RETRY_TIMES_FAST_FAIL", 1)
        #: host:port -> the fault that showed it is not there (DNS, refused), until it answers again.
        self.dead_hosts: dict[str, BaseException] = {}

    def process_request(self, request: Request) -> None:
        """Fail a request to a host that was found not there, without a download, unless it is a retry."""
        fault = self.dead_hosts.get(urlsplit(request.url).netloc)
        if fault is not None and not request.meta.get("retry_times"):
            if self.crawler.stats is not None:
                self.crawler.stats.inc_value("retry/fast_failed")
            request.meta["dont_retry"] = True  # it failed as the host's earlier request did: no second try
            raise type(fault)(*fault.args)

    async def process_response(  # type: ignore[override]  # see _NO_SPIDER_ARGUMENT
        self, request: Request, response: Response
    ) -> Request | Response:
        self.dead_hosts.pop(urlsplit(request.url).netloc, None)
        if request.meta.get("dont_retry", False) or response.status not in self.retry_http_codes:
            return response
        retry = self._retry(request, response_status_message(response.status))
        if retry is None:
            return response
        await self._wait(retry, response)
        return retry

    async def process_exception(  # type: ignore[override]  # see _NO_SPIDER_ARGUMENT
        self, request: Request, exception: Exception
    ) -> Request | Response | None:
        if fault_class(exception) in FAST_FAIL_CLASSES:
            self.dead_hosts.setdefault(urlsplit(request.url).netloc, exception)
            request.meta.setdefault("max_retry_times", self.fast_fail_times)
        if request.meta.get("dont_retry", False) or not isinstance(exception, self.exceptions_to_retry):
            return None
        retry = self._retry(request, exception)
        if retry is not None:
            await self._wait(retry, None)
        return retry

    def delay_for(self, attempt: int, response: Response | None) -> tuple[float, bool]:
        """Seconds to wait before retry number ``attempt``; and whether a ``Retry-After`` header set it."""
        delay = backoff_delay(attempt, self.base_delay, self.max_delay)
        asked = None
        if response is not None and response.status in RETRY_AFTER_STATUSES:
            asked = parse_retry_after(response.headers.get("Retry-After"))
        if asked is not None and asked > delay:
            return min(asked, self.max_delay), True
        return delay, False

    async def _wait(self, retry: Request, response: Response | None) -> None:
        delay, from_header = self.delay_for(retry.meta.get("retry_times", 1), response)
        stats = self.crawler.stats
        if stats is not None:
            stats.inc_value("retry/backoff_count")
            # StatsCollector adds any numbers; its hints say int.
            stats.inc_value("retry/backoff_seconds", round(delay, 3), start=0.0)  # type: ignore[arg-type]
            stats.max_value("retry/backoff_max_seconds", round(delay, 3))
            if from_header:
                stats.inc_value("retry/retry_after_honoured")
        if delay > 0:
            await sleep(delay)


class ReportingRedirectMiddleware(RedirectMiddleware):
    """Scrapy's redirects; a loop, or a chain longer than ``REDIRECT_MAX_TIMES``, becomes an ``http_error`` event.

    Scrapy would drop such a request silently: a chain that is too long raises
    ``IgnoreRequest`` (which the spider's errback takes for a deliberate skip), and
    a loop back to a URL already requested is dropped by the duplicate filter.
    """

    def process_response(  # type: ignore[override]  # see _NO_SPIDER_ARGUMENT
        self, request: Request, response: Response
    ) -> Request | Response:
        chain = [*request.meta.get("redirect_urls", []), request.url]
        try:
            result = super().process_response(request, response)
        except IgnoreRequest as exc:
            self._give_up(chain, f"HTTP {response.status}: {exc} after {len(chain) - 1} redirect(s)")
            raise
        if isinstance(result, Request) and result.url in chain:
            self._give_up(chain, f"HTTP {response.status}: redirect loop back to {result.url}")
            raise IgnoreRequest("redirect loop")
        return result

    def _give_up(self, chain: list[str], message: str) -> None:
        record_event(self.crawler, "http_error", message, level="error", url=chain[0])
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value("redirect/given_up")
