"""Run events: components report warnings and errors here; the run recorder writes them.

Components stay decoupled from the ledger: they send a signal and count a stat.
"""

from __future__ import annotations

from scrapy.crawler import Crawler

#: Signal sent with ``kind``, ``message``, ``level`` and ``url`` keyword arguments.
event_recorded = object()


def record_event(crawler: Crawler, kind: str, message: str, *, level: str = "warning", url: str | None = None) -> None:
    """Count ``events/<kind>`` and hand the event to whoever records runs."""
    if crawler.stats is not None:
        crawler.stats.inc_value(f"events/{kind}")
        crawler.stats.inc_value(f"events_level/{level}")
    crawler.signals.send_catch_log(signal=event_recorded, kind=kind, message=message, level=level, url=url)
