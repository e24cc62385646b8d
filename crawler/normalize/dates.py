"""Raw date strings to aware UTC datetimes (first version: dateparser with bounds)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

import dateparser

EARLIEST = datetime(1995, 1, 1, tzinfo=UTC)


def parse_date(raw: str, *, languages: Sequence[str], timezone: str, fetched_at: datetime) -> datetime | None:
    """Read ``raw`` as a date in ``timezone``; aware UTC or ``None`` when not plausible. Never raises."""
    try:
        if not raw or not raw.strip():
            return None
        if fetched_at.tzinfo is None:
            fetched_at = fetched_at.replace(tzinfo=UTC)
        value = dateparser.parse(
            raw.strip(),
            languages=list(languages) or None,
            settings={
                "TIMEZONE": timezone,
                "RETURN_AS_TIMEZONE_AWARE": True,
                "TO_TIMEZONE": "UTC",
                "RELATIVE_BASE": fetched_at.astimezone(UTC).replace(tzinfo=None),
                "PREFER_DATES_FROM": "past",
            },
        )
    except Exception:  # noqa: BLE001 - a normalizer never raises into the crawl
        return None
    if value is None:
        return None
    value = value.astimezone(UTC)
    if not EARLIEST <= value <= fetched_at + timedelta(days=1):
        return None
    return value
