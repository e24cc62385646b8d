"""Stopping a run in seconds: each source's time budget, and abandoning the downloads a stop would wait for.

Scrapy closes a spider only when its requests in progress have ended: a download can take
``DOWNLOAD_TIMEOUT`` (30 s), a retry waits its backoff first. :func:`abandon_downloads`
lets a closing spider go on without them, so that its pipelines store what was extracted
and the run recorder writes the run, within ``MEDIAMON_STOP_GRACE_SECONDS`` of the stop.
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.utils.defer import deferred_from_coro

from crawler.runtime.verdict import TIME_BUDGET_REASON

logger = logging.getLogger(__name__)
# _ZOPE_METHODS: mypy reads the reactor's methods from zope interfaces (IReactorTime), whose methods are
# declared without self, so it takes callLater's delay for self and the callable for the delay.


class _Forgetful(set[object]):
    """The in-progress set of a closing slot whose requests were abandoned: their late ends are ignored."""

    def remove(self, item: object) -> None:
        self.discard(item)


def abandon_downloads(crawler: Crawler) -> int:
    """Let a closing spider close without waiting for its requests in progress; return how many there were."""
    slot = getattr(crawler.engine, "_slot", None)  # Scrapy's engine slot: the requests in progress
    if slot is None or slot.closing is None or not slot.inprogress:
        return 0
    abandoned = len(slot.inprogress)
    logger.info("stopping: %d request(s) still in progress abandoned", abandoned, extra={"spider": crawler.spider})
    if crawler.stats is not None:
        crawler.stats.set_value("mediamon/abandoned_requests", abandoned)
    slot.inprogress = _Forgetful()
    slot._maybe_fire_closing()
    return abandoned


def abandon_after_grace(crawler: Crawler) -> None:
    """In ``MEDIAMON_STOP_GRACE_SECONDS``, abandon what the closing spider still waits for."""
    from twisted.internet import reactor

    grace = crawler.settings.getfloat("MEDIAMON_STOP_GRACE_SECONDS", 3.0)
    reactor.callLater(grace, abandon_downloads, crawler)  # type: ignore[arg-type]  # see _ZOPE_METHODS


class SourceTimeBudget:
    """Close a source's run ``MEDIAMON_SOURCE_TIMEOUT`` seconds after it opened (``source_timeout``)."""

    def __init__(self, crawler: Crawler, seconds: float) -> None:
        self.crawler = crawler
        self.seconds = seconds
        self._call: Any = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SourceTimeBudget:
        seconds = crawler.settings.getfloat("MEDIAMON_SOURCE_TIMEOUT", 0)
        if seconds <= 0:
            raise NotConfigured  # no message: a budget switched off is no news for the log
        budget = cls(crawler, seconds)
        crawler.signals.connect(budget.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(budget.spider_closed, signal=signals.spider_closed)
        return budget

    def spider_opened(self, spider: Spider) -> None:
        from twisted.internet import reactor

        self._call = reactor.callLater(self.seconds, self.expire)  # type: ignore[arg-type]  # see _ZOPE_METHODS

    def expire(self) -> None:
        spider = self.crawler.spider
        logger.info("time budget of %g s used up: closing the run", self.seconds, extra={"spider": spider})
        if self.crawler.engine is not None:
            deferred_from_coro(self.crawler.engine.close_spider_async(reason=TIME_BUDGET_REASON))
            abandon_after_grace(self.crawler)

    def spider_closed(self, spider: Spider) -> None:
        if self._call is not None and self._call.active():
            self._call.cancel()
