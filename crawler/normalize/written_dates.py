"""Dates as people write them in en, ru, az and tr, read with our own month and unit tables.

The second layer of :mod:`crawler.normalize.dates`: an explicit offset is taken out, then the
time of day, then a date, a day word ("вчера") or an amount ago ("3 saat əvvəl").
"""

from __future__ import annotations

import calendar
import re
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from datetime import timezone as fixed_offset

from crawler.normalize import date_patterns as p

#: Grace for a site whose clock runs fast: a yearless date or bare time this far after the fetch is still today.
CLOCK_SKEW = timedelta(minutes=10)


class _Impossible(Exception):
    """The string has the shape of a date, but no such date exists (``31 fevral``, ``25:99``)."""


def _read_written(folded: str, zone: tzinfo, fetched_at: datetime, month_first: bool) -> datetime | None:
    """Dates as people write them, in the four languages. ``folded`` is the folded text."""
    folded, explicit_zone = _take_offset(folded)
    folded, clock = _take_time(folded)
    if clock is not None and clock[1] is not None:
        explicit_zone = clock[1]
    when = clock[0] if clock is not None else None
    zone = explicit_zone or zone

    found = _find_date(folded, month_first, has_time=when is not None)
    if found is not None:
        year, month, day = found
        if year is None:
            return _most_recent_yearless(month, day, when or time(0), zone, fetched_at)
        return datetime.combine(date(year, month, day), when or time(0), zone)

    if p.AMOUNT_AHEAD.search(folded):
        raise _Impossible(folded)
    ago = _amount_ago(folded, fetched_at, zone)
    if ago is not None:
        return ago
    if p.JUST_NOW.search(folded):
        return fetched_at
    day_word = p.DAY_WORD.search(folded)
    if day_word is not None:
        local_day = fetched_at.astimezone(zone).date() - timedelta(days=p.DAY_WORDS[day_word.group("word")])
        return datetime.combine(local_day, when or time(0), zone)
    if when is not None and not p.HAS_DIGIT.search(folded):
        return _most_recent_time(when, zone, fetched_at)
    return None


def _take_offset(folded: str) -> tuple[str, tzinfo | None]:
    """Remove a named offset ("UTC +04:00", "GMT+4", "МСК") and return it."""
    named = p.NAMED_OFFSET.search(folded)
    if named is not None:
        rest = folded[: named.start()] + " " + folded[named.end() :]
        if not named.group("sign"):
            return rest, UTC
        minutes = int(named.group("hours")) * 60 + int(named.group("minutes") or 0)
        return rest, _offset_zone(named.group("sign"), minutes)
    moscow = p.MOSCOW_TIME.search(folded)
    if moscow is not None:
        return folded[: moscow.start()] + " " + folded[moscow.end() :], fixed_offset(timedelta(hours=3))
    return folded, None


def _offset_zone(sign: str, minutes: int) -> tzinfo | None:
    """A fixed zone for an offset; ``None`` (use the source's zone) when the offset cannot exist."""
    if minutes > 14 * 60:
        return None
    return fixed_offset(timedelta(minutes=-minutes if sign == "-" else minutes))


def _take_time(folded: str) -> tuple[str, tuple[time, tzinfo | None] | None]:
    """Remove the first time of day and return it with the offset or zone written right after it."""
    match = p.TIME_OF_DAY.search(folded)
    if match is None:
        return folded, None
    hour, minute = int(match.group("hour")), int(match.group("minute"))
    second = min(int(match.group("second") or 0), 59)
    ampm = match.group("ampm")
    if ampm and 1 <= hour <= 12:
        hour = hour % 12 + (12 if ampm.startswith("p") else 0)
    if hour > 23 or minute > 59:
        raise _Impossible(match.group(0))
    zone: tzinfo | None = None
    if match.group("offset_sign"):
        minutes = int(match.group("offset_hours")) * 60 + int(match.group("offset_minutes") or 0)
        zone = _offset_zone(match.group("offset_sign"), minutes)
    elif match.group("zone"):
        zone = fixed_offset(timedelta(minutes=p.TZ_ABBREVIATIONS[match.group("zone")]))
    rest = folded[: match.start()] + " " + folded[match.end() :]
    return rest, (time(hour, minute, second), zone)


def _find_date(folded: str, month_first: bool, *, has_time: bool) -> tuple[int | None, int, int] | None:
    """(year or None, month, day) of the first date written in ``folded``; checks the day exists."""
    found = _find_date_parts(folded, month_first, has_time=has_time)
    if found is None:
        return None
    year, month, day = found
    if not 1 <= month <= 12:
        raise _Impossible(folded)
    # A year-less day is checked against a leap year: 29 February exists in some year.
    if not 1 <= day <= calendar.monthrange(year or 2024, month)[1]:
        raise _Impossible(folded)
    return found


def _find_date_parts(folded: str, month_first: bool, *, has_time: bool) -> tuple[int | None, int, int] | None:
    if any(c.isdigit() for c in folded):
        ymd = p.YEAR_MONTH_DAY.search(folded) or p.CJK_YEAR_MONTH_DAY.search(folded)
        if ymd is not None:
            return int(ymd.group("year")), int(ymd.group("month")), int(ymd.group("day"))
    for pattern in (p.DAY_MONTH_YEAR, p.MONTH_DAY_YEAR):
        words = pattern.search(folded)
        if words is not None and words.group("year"):
            return int(words.group("year")), p.MONTHS[words.group("month")], int(words.group("day"))
    year_first = p.YEAR_DAY_MONTH.search(folded)
    if year_first is not None:
        return int(year_first.group("year")), p.MONTHS[year_first.group("month")], int(year_first.group("day"))
    numeric = p.NUMERIC_DATE.search(folded)
    if numeric is not None:
        return _numeric_date(numeric, month_first)
    for pattern in (p.DAY_MONTH_YEAR, p.MONTH_DAY_YEAR):
        words = pattern.search(folded)
        if words is not None:
            return None, p.MONTHS[words.group("month")], int(words.group("day"))
    month_year = p.MONTH_YEAR.search(folded)
    if month_year is not None:
        return int(month_year.group("year")), p.MONTHS[month_year.group("month")], 1
    if has_time:
        day_month = p.NUMERIC_DAY_MONTH.search(folded)
        if day_month is not None:
            return None, int(day_month.group("month")), int(day_month.group("day"))
    return None


def _numeric_date(match: re.Match[str], month_first: bool) -> tuple[int, int, int]:
    """Day and month of ``25.06.2026`` / ``01/08/2024`` by the rule in the module docstring."""
    first, second = int(match.group("first")), int(match.group("second"))
    year = int(match.group("year"))
    if len(match.group("year")) == 2:
        year += 2000
    day, month = first, second
    if month_first and match.group("sep") == "/":
        day, month = second, first
    if month > 12 >= day:
        day, month = month, day
    return year, month, day


def _most_recent_yearless(month: int, day: int, when: time, zone: tzinfo, fetched_at: datetime) -> datetime:
    """The latest ``day month`` at ``when`` not after the fetch (plus clock skew), across New Year."""
    latest = fetched_at + CLOCK_SKEW
    year = fetched_at.astimezone(zone).year + 1
    for candidate_year in range(year, year - 9, -1):
        if day > calendar.monthrange(candidate_year, month)[1]:
            continue  # 29 February, in a year that has none
        candidate = datetime.combine(date(candidate_year, month, day), when, zone)
        if candidate <= latest:
            return candidate
    raise _Impossible(f"{day}.{month}")


def _most_recent_time(when: time, zone: tzinfo, fetched_at: datetime) -> datetime:
    """A bare time of day is today's, or yesterday's when today's is still to come."""
    today = fetched_at.astimezone(zone).date()
    candidate = datetime.combine(today, when, zone)
    if candidate > fetched_at + CLOCK_SKEW:
        candidate = datetime.combine(today - timedelta(days=1), when, zone)
    return candidate


def _amount_ago(folded: str, fetched_at: datetime, zone: tzinfo) -> datetime | None:
    """``fetched_at`` minus "5 hours", "3 часа", "2 gün", "1 hour 20 minutes"; months by the calendar."""
    folded = p.HALF_HOUR.sub("30 min", folded)
    match = p.UNITS_AGO.search(folded)
    if match is None:
        return None
    delta = timedelta()
    months = 0
    for amount in p.ONE_AMOUNT.finditer(match.group("amounts")):
        number_text = (amount.group("number") or "1").strip()
        number = int(number_text) if number_text.isdigit() else p.NUMBER_WORDS.get(number_text, 1)
        _kind, unit = p.UNITS[amount.group("unit").rstrip(".")]
        if isinstance(unit, int):  # kind "months": a month or a year
            months += number * unit
        else:
            delta += number * unit
    if months > 12 * 40 or delta > timedelta(days=365 * 40):
        return None
    local = fetched_at.astimezone(zone) - delta
    return _months_before(local, months) if months else local


def _months_before(local: datetime, months: int) -> datetime:
    """The same day and time ``months`` calendar months earlier (the 31st becomes the month's last day)."""
    index = local.year * 12 + local.month - 1 - months
    year, month = divmod(index, 12)
    day = min(local.day, calendar.monthrange(year, month + 1)[1])
    return local.replace(year=year, month=month + 1, day=day)
