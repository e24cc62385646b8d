"""Raw date strings to aware UTC datetimes, fast and right in en, ru, az and tr.

Three layers, cheapest first:

1. **Machine formats** (ISO 8601, RFC 822/1123, Unix time), as feeds, JSON-LD and meta tags
   write them: one regex and ``datetime.fromisoformat`` / ``email.utils``.
2. **Written dates** in the four languages, read with our own month and unit tables
   (:mod:`crawler.normalize.date_patterns`): an explicit offset is taken out, then the time
   of day, then a date, a day word ("вчера") or an amount ago ("3 saat əvvəl").
3. **dateparser**, only when 1 and 2 found nothing, with the languages given and the
   fetch time as its base. It is slow on its first call (it loads language data); call
   :func:`warm_up` at start-up if that matters.

Rules worth knowing:

* An explicit offset in the string (``+04:00``, ``(UTC +04:00)``, ``GMT+4``, ``МСК``) wins
  over the source's time zone; otherwise the date is read in the source's time zone.
* Relative dates count from ``fetched_at`` in that zone: "yesterday" is yesterday in Baku.
* A date with no year (``15 Noyabr 10:31``) and a bare time (``23:43``) take the most recent
  such moment not after ``fetched_at`` (with :data:`CLOCK_SKEW` of grace for a site's fast clock).
* A date with no time is midnight in the zone.
* Numeric dates are day first (``08.01.2024`` is 8 January), except ``M/D/Y`` with a slash
  when the source's first language is plain or US English (``en``, ``en-US``); a first
  number above 12 always means the day came first.
* Plausible means from :data:`EARLIEST` to ``fetched_at`` + :data:`LATEST_AFTER_FETCH`;
  anything else, and impossible dates like ``31 fevral``, is ``None``.
"""

from __future__ import annotations

import calendar
import email.utils
import functools
import re
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from datetime import timezone as fixed_offset
from zoneinfo import ZoneInfo

from crawler.normalize import date_patterns as p
from crawler.normalize.text import clean_whitespace, fold

EARLIEST = datetime(1995, 1, 1, tzinfo=UTC)
LATEST_AFTER_FETCH = timedelta(days=1)
CLOCK_SKEW = timedelta(minutes=10)
# Longer strings are cut before reading: dates are short, and regexes must stay cheap.
MAX_LENGTH = 300
# dateparser is asked only about strings this short (it is slow, and a sentence is no date).
MAX_FALLBACK_LENGTH = 120
FALLBACK_LANGUAGES = ("en", "ru", "az", "tr")
MONTH_FIRST_LANGUAGES = frozenset({"en", "en-us", "en_us"})


class _Impossible(Exception):
    """The string has the shape of a date, but no such date exists (``31 fevral``, ``25:99``)."""


def parse_date(
    raw: str,
    *,
    languages: Sequence[str],
    timezone: str,
    fetched_at: datetime,
    fallback: bool = True,
) -> datetime | None:
    """Read ``raw`` as a date; aware UTC, or ``None`` when it holds no plausible date. Never raises.

    ``fallback=False`` skips dateparser (only our own fast paths are tried).
    """
    value = parse_date_as_written(raw, languages=languages, timezone=timezone, fetched_at=fetched_at, fallback=fallback)
    return value.astimezone(UTC) if value is not None else None


def parse_date_as_written(
    raw: str,
    *,
    languages: Sequence[str],
    timezone: str,
    fetched_at: datetime,
    fallback: bool = True,
) -> datetime | None:
    """Like :func:`parse_date`, but in the zone the string was written in (its own offset, else ``timezone``).

    Its ``.date()`` is the calendar day as the publisher wrote it, which the UTC instant may not be.
    """
    try:
        if fetched_at.tzinfo is None:
            fetched_at = fetched_at.replace(tzinfo=UTC)
        fetched_at = fetched_at.astimezone(UTC)
        value = _read(raw, tuple(languages), timezone, fetched_at, fallback)
        if value is None or not EARLIEST <= value <= fetched_at + LATEST_AFTER_FETCH:
            return None
    except Exception:  # noqa: BLE001 - a normalizer never raises into the crawl
        return None
    return value


def written_day(
    raw: str | None, *, timezone: str = "UTC", fetched_at: datetime, languages: Sequence[str] = ()
) -> date | None:
    """The calendar day ``raw`` names as written (``None`` when it names none); for a stored raw date."""
    if not raw:
        return None
    value = parse_date_as_written(raw, languages=languages, timezone=timezone, fetched_at=fetched_at)
    return value.date() if value is not None else None


def warm_up(languages: Sequence[str] = FALLBACK_LANGUAGES) -> None:
    """Load dateparser's language data now, so the first fallback in a crawl is not slow."""
    now = datetime.now(UTC)
    parse_date("1 January 2020 10:00 ...", languages=languages, timezone="UTC", fetched_at=now)
    _dateparser_read("2 January 2020", tuple(languages), "UTC", _zone("UTC"), now)


def _read(raw: str, languages: tuple[str, ...], timezone: str, fetched_at: datetime, fallback: bool) -> datetime | None:
    if not isinstance(raw, str):
        return None
    text = clean_whitespace(raw[: MAX_LENGTH * 2])[:MAX_LENGTH]
    if not text:
        return None
    zone = _zone(timezone)
    try:
        machine = _read_machine_format(text, zone)
        if machine is not None:
            return machine
        written = _read_written(fold(text), zone, fetched_at, _month_first(languages))
    except (_Impossible, ValueError, OverflowError):
        return None
    if written is not None:
        return written
    if fallback and _worth_asking_dateparser(text):
        return _dateparser_read(text, languages, timezone, zone, fetched_at)
    return None


@functools.lru_cache(maxsize=64)
def _zone(name: str) -> tzinfo:
    """The zone called ``name``; UTC when the name is unknown (a config error must not stop a crawl)."""
    try:
        return ZoneInfo(name)
    except Exception:  # noqa: BLE001 - zoneinfo raises several kinds for bad keys
        return UTC


def _month_first(languages: tuple[str, ...]) -> bool:
    return bool(languages) and languages[0].casefold() in MONTH_FIRST_LANGUAGES


# --- 1. machine formats --------------------------------------------------------------------------


def _read_machine_format(text: str, zone: tzinfo) -> datetime | None:
    """ISO 8601, RFC 822/1123 and Unix time, or ``None`` when ``text`` is none of them."""
    if text[0].isdigit():
        iso = p.ISO_8601.fullmatch(text)
        if iso is not None:
            return _from_iso(iso, zone)
        if p.ISO_8601_BASIC.fullmatch(text):
            return _aware(datetime.fromisoformat(text.replace(",", ".")), zone)
        if p.UNIX_TIMESTAMP.fullmatch(text):
            seconds = int(text) / (1000 if len(text) == 13 else 1)
            return datetime.fromtimestamp(seconds, UTC)
    rfc = p.RFC_822.fullmatch(text)
    if rfc is not None:
        return _from_rfc_822(text, rfc.group("zone"), zone)
    return None


def _from_iso(match: re.Match[str], zone: tzinfo) -> datetime:
    value = match.group("date")
    if match.group("time"):
        value += "T" + match.group("time")
        if match.group("fraction"):
            value += "." + match.group("fraction")[:6].ljust(6, "0")
    if match.group("offset"):
        value += match.group("offset").upper()
    return _aware(datetime.fromisoformat(value), zone)


def _from_rfc_822(text: str, zone_name: str | None, zone: tzinfo) -> datetime | None:
    parts = email.utils.parsedate_tz(text)
    if parts is None:
        return None
    year, month, day, hour, minute, second = parts[:6]
    if year < 100:
        year += 2000 if year < 70 else 1900
    local = datetime(year, month, day, hour, minute, min(second, 59))
    if zone_name is None:
        return local.replace(tzinfo=zone)
    if zone_name.casefold() in p.TZ_ABBREVIATIONS:
        return local.replace(tzinfo=fixed_offset(timedelta(minutes=p.TZ_ABBREVIATIONS[zone_name.casefold()])))
    if zone_name[0] in "+-":
        return local.replace(tzinfo=fixed_offset(timedelta(seconds=parts[9] or 0)))
    return local.replace(tzinfo=zone)  # a zone name we do not know: the source's zone


def _aware(value: datetime, zone: tzinfo) -> datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=zone)


# --- 2. written dates ----------------------------------------------------------------------------


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


# --- 3. dateparser, the slow fallback -----------------------------------------------------------


def _dateparser_read(
    text: str, languages: tuple[str, ...], timezone: str, zone: tzinfo, fetched_at: datetime
) -> datetime | None:
    """Ask dateparser, for the rare string our tables do not read (other languages, odd forms).

    A reading that is only a month or a year (dateparser then invents the day) is refused.
    """
    from dateparser.date import DateDataParser  # imported late: it costs ~0.3 s and is rarely needed

    codes = _dateparser_languages(languages)
    settings = {
        "TIMEZONE": timezone if isinstance(zone, ZoneInfo) else "UTC",
        "RETURN_AS_TIMEZONE_AWARE": True,
        "PREFER_DATES_FROM": "past",
        "RELATIVE_BASE": fetched_at.astimezone(zone).replace(tzinfo=None),
    }
    try:
        data = DateDataParser(languages=list(codes), settings=settings).get_date_data(text)
    except Exception:  # noqa: BLE001 - dateparser raises many kinds on odd input
        return None
    if data is None or data.date_obj is None or data.period in ("month", "year"):
        return None
    return _aware(data.date_obj, zone)


def _worth_asking_dateparser(text: str) -> bool:
    """Only short strings with a digit and a letter: a sentence, or a bare number, is no date."""
    return len(text) <= MAX_FALLBACK_LENGTH and bool(p.HAS_DIGIT.search(text)) and bool(p.HAS_LETTER.search(text))


@functools.lru_cache(maxsize=64)
def _dateparser_languages(languages: tuple[str, ...]) -> tuple[str, ...]:
    """Language codes dateparser knows (``en-US`` → ``en``); our four when none is usable."""
    from dateparser.languages.loader import default_loader

    known = set(default_loader.get_locale_map())
    codes: list[str] = []
    for language in languages:
        code = language.replace("_", "-").split("-")[0].casefold()
        if code in known and code not in codes:
            codes.append(code)
    return tuple(codes) or FALLBACK_LANGUAGES
