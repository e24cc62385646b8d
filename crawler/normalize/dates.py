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

import email.utils
import functools
import re
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta, tzinfo
from datetime import timezone as fixed_offset
from zoneinfo import ZoneInfo

from crawler.normalize import date_patterns as p
from crawler.normalize.text import clean_whitespace, fold
from crawler.normalize.written_dates import CLOCK_SKEW, _Impossible, _read_written

__all__ = [
    "CLOCK_SKEW",
    "EARLIEST",
    "LATEST_AFTER_FETCH",
    "parse_date",
    "parse_date_as_written",
    "warm_up",
    "written_day",
]

EARLIEST = datetime(1995, 1, 1, tzinfo=UTC)
LATEST_AFTER_FETCH = timedelta(days=1)
# Longer strings are cut before reading: dates are short, and regexes must stay cheap.
MAX_LENGTH = 300
# dateparser is asked only about strings this short (it is slow, and a sentence is no date).
MAX_FALLBACK_LENGTH = 120
FALLBACK_LANGUAGES = ("en", "ru", "az", "tr")
MONTH_FIRST_LANGUAGES = frozenset({"en", "en-us", "en_us"})


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
        value += "T" + match.group("time") + ":" + (match.group("seconds") or "0").zfill(2)
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
