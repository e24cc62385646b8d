"""Data and compiled patterns for reading dates in English, Russian, Azerbaijani and Turkish.

Every word here is in its *folded* form (see :func:`crawler.normalize.text.fold`):
lower case, ``ı/İ → i``, ``ş ç ğ ö ü ə`` → ``s c g o u e``, ``ё → е``. The patterns run
on folded text. The four month tables do not contradict each other (``mar`` is March
and ``may`` is May in every one of them), so they are used together: a Russian page on
an English-language source still reads right.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import timedelta

MONTHS_EN: dict[str, int] = {
    **{
        m: i
        for i, m in enumerate(
            [
                "january",
                "february",
                "march",
                "april",
                "may",
                "june",
                "july",
                "august",
                "september",
                "october",
                "november",
                "december",
            ],
            start=1,
        )
    },
    **{
        m: i
        for i, m in enumerate(
            ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1
        )
    },
    "sept": 9,
}

MONTHS_RU: dict[str, int] = {}
for _number, _forms in enumerate(
    [
        ("январь", "января", "январе", "янв"),
        ("февраль", "февраля", "феврале", "фев", "февр"),
        ("март", "марта", "марте", "мар"),
        ("апрель", "апреля", "апреле", "апр"),
        ("май", "мая", "мае"),
        ("июнь", "июня", "июне", "июн"),
        ("июль", "июля", "июле", "июл"),
        ("август", "августа", "августе", "авг"),
        ("сентябрь", "сентября", "сентябре", "сен", "сент"),
        ("октябрь", "октября", "октябре", "окт"),
        ("ноябрь", "ноября", "ноябре", "ноя", "нояб"),
        ("декабрь", "декабря", "декабре", "дек"),
    ],
    start=1,
):
    MONTHS_RU.update(dict.fromkeys(_forms, _number))

# Azerbaijani (Latin script). Abbreviations are rare on az sites and "sen" is a common
# Turkish word, so only the full names are listed.
MONTHS_AZ: dict[str, int] = {
    m: i
    for i, m in enumerate(
        [
            "yanvar",
            "fevral",
            "mart",
            "aprel",
            "may",
            "iyun",
            "iyul",
            "avqust",
            "sentyabr",
            "oktyabr",
            "noyabr",
            "dekabr",
        ],
        start=1,
    )
}

MONTHS_TR: dict[str, int] = {
    **{
        m: i
        for i, m in enumerate(
            [
                "ocak",
                "subat",
                "mart",
                "nisan",
                "mayis",
                "haziran",
                "temmuz",
                "agustos",
                "eylul",
                "ekim",
                "kasim",
                "aralik",
            ],
            start=1,
        )
    },
    **{
        m: i
        for i, m in enumerate(
            ["oca", "sub", "mar", "nis", "may", "haz", "tem", "agu", "eyl", "eki", "kas", "ara"], start=1
        )
    },
    "agt": 8,
}

MONTHS: dict[str, int] = {**MONTHS_EN, **MONTHS_RU, **MONTHS_AZ, **MONTHS_TR}

# Relative units. Values are (kind, amount): kind "delta" is an exact timedelta,
# "months" a calendar step.
_SECOND_UNIT = ("delta", timedelta(seconds=1))
_MINUTE_UNIT = ("delta", timedelta(minutes=1))
_HOUR_UNIT = ("delta", timedelta(hours=1))
_DAY_UNIT = ("delta", timedelta(days=1))
_WEEK_UNIT = ("delta", timedelta(weeks=1))
_MONTH_UNIT = ("months", 1)
_YEAR_UNIT = ("months", 12)

UNITS: dict[str, tuple[str, int | timedelta]] = {
    # en
    **dict.fromkeys(("s", "sec", "secs", "second", "seconds"), _SECOND_UNIT),
    **dict.fromkeys(("m", "min", "mins", "minute", "minutes"), _MINUTE_UNIT),
    **dict.fromkeys(("h", "hr", "hrs", "hour", "hours"), _HOUR_UNIT),
    **dict.fromkeys(("d", "day", "days"), _DAY_UNIT),
    **dict.fromkeys(("w", "wk", "wks", "week", "weeks"), _WEEK_UNIT),
    **dict.fromkeys(("mo", "mos", "month", "months"), _MONTH_UNIT),
    **dict.fromkeys(("y", "yr", "yrs", "year", "years"), _YEAR_UNIT),
    # ru
    **dict.fromkeys(("секунду", "секунды", "секунд", "сек"), _SECOND_UNIT),
    **dict.fromkeys(("минуту", "минуты", "минут", "мин"), _MINUTE_UNIT),
    **dict.fromkeys(("час", "часа", "часов", "ч"), _HOUR_UNIT),
    **dict.fromkeys(("день", "дня", "дней", "дн"), _DAY_UNIT),
    **dict.fromkeys(("неделю", "недели", "недель", "нед"), _WEEK_UNIT),
    **dict.fromkeys(("месяц", "месяца", "месяцев", "мес"), _MONTH_UNIT),
    **dict.fromkeys(("год", "года", "лет"), _YEAR_UNIT),
    # az
    **dict.fromkeys(("saniye", "san"), _SECOND_UNIT),
    **dict.fromkeys(("deqiqe", "deq"), _MINUTE_UNIT),
    "saat": _HOUR_UNIT,
    "gun": _DAY_UNIT,
    "hefte": _WEEK_UNIT,
    "ay": _MONTH_UNIT,
    "il": _YEAR_UNIT,
    # tr (saniye, saat, gün, ay as in az)
    "sn": _SECOND_UNIT,
    **dict.fromkeys(("dakika", "dk", "dak"), _MINUTE_UNIT),
    "sa": _HOUR_UNIT,
    "hafta": _WEEK_UNIT,
    "yil": _YEAR_UNIT,
}

# Number words that stand in for a count ("an hour ago", "час назад" has none at all).
NUMBER_WORDS: dict[str, int] = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "few": 3,
    "a few": 3,
    "several": 3,
    "один": 1,
    "одну": 1,
    "одна": 1,
    "два": 2,
    "две": 2,
    "три": 3,
    "четыре": 4,
    "пять": 5,
    "шесть": 6,
    "семь": 7,
    "восемь": 8,
    "девять": 9,
    "десять": 10,
    "несколько": 3,
    "bir": 1,
    "iki": 2,
    "uc": 3,
    "dord": 4,
    "bes": 5,
    "alti": 6,
    "yeddi": 7,
    "sekkiz": 8,
    "doqquz": 9,
    "yedi": 7,
    "dort": 4,
    "sekiz": 8,
    "dokuz": 9,
    "on": 10,
    "bir nece": 3,
    "birkac": 3,
}

# Words meaning "now" (no count): "just now", "только что", "indicə", "az önce".
JUST_NOW = re.compile(
    r"(?<!\w)(?:just now|right now|moments? ago|a moment ago|только что|прямо сейчас|сейчас|"
    r"indice|az once|biraz once|az evvel|simdi|su an)(?!\w)"
)

# Day words: offset in days from the fetch day, in the source's time zone.
DAY_WORDS: dict[str, int] = {
    "today": 0,
    "yesterday": 1,
    "day before yesterday": 2,
    "the day before yesterday": 2,
    "сегодня": 0,
    "вчера": 1,
    "позавчера": 2,
    "bu gun": 0,
    "bugun": 0,
    "dunen": 1,
    "sragagun": 2,
    "sraga gun": 2,
    "dun": 1,
    "evvelsi gun": 2,
    "onceki gun": 2,
}

AGO = r"(?:ago|назад|evvel|once|geri)"

TZ_ABBREVIATIONS: dict[str, int] = {
    "z": 0,
    "utc": 0,
    "gmt": 0,
    "ut": 0,
    "msk": 180,
    "мск": 180,
    "azt": 240,
    "trt": 180,
    "est": -300,
    "edt": -240,
    "cst": -360,
    "cdt": -300,
    "mst": -420,
    "mdt": -360,
    "pst": -480,
    "pdt": -420,
    "bst": 60,
    "cet": 60,
    "cest": 120,
    "eet": 120,
    "eest": 180,
}


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first so that ``marta`` beats ``mar``."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_MONTH_WORD = rf"(?P<month>{_alternation(MONTHS)})(?![^\W\d_])\.?"
# Azerbaijani and Turkish put case suffixes on numbers: "2026-cı il", "25-i", "12'de".
_NUMBER_SUFFIX = r"(?:(?:-?(?:ci|cu|nci|inci|uncu|ncu)|-(?:i|u|го|е|я))(?!\w)|'\w{1,3})?"
_YEAR_NUMBER = rf"(?P<year>(?:19|20)\d\d)(?!\d){_NUMBER_SUFFIX}"

# "25 июня 2026", "6 dekabr 2025", "01 dekabr, 2024", "25th of June 2026", "15 noyabr" (year optional).
DAY_MONTH_YEAR = re.compile(
    rf"(?<![\d.:/-])(?P<day>\d{{1,2}})(?:st|nd|rd|th)?{_NUMBER_SUFFIX}\.?\s*(?:of\s+)?(?:-\s*)?{_MONTH_WORD}"
    rf"(?:\s*[,/-]?\s*{_YEAR_NUMBER})?"
)
# "June 25, 2026", "Dec. 6", "Nov 15th 2025" (year optional).
MONTH_DAY_YEAR = re.compile(
    rf"(?<![^\W\d_]){_MONTH_WORD}\s*(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?![\d:])(?:\s*,?\s*{_YEAR_NUMBER})?"
)
# "2026-cı il 5 mart", "2026 yil 12 mart", "2026 г. 25 июня": the year first, then day and month.
YEAR_DAY_MONTH = re.compile(
    rf"(?<![\d.:/-]){_YEAR_NUMBER}\s*(?:(?:il|ilin|yil|г\.?|года?)(?!\w)\.?)?\s*,?\s*(?P<day>\d{{1,2}})(?!\d)"
    rf"{_NUMBER_SUFFIX}\.?\s*{_MONTH_WORD}"
)
# "February 2026", "в феврале 2026" (no day: the first of the month).
MONTH_YEAR = re.compile(rf"(?<![^\W\d_]){_MONTH_WORD}\s*,?\s*{_YEAR_NUMBER}")
# "2026-06-25", "2026/06/25", "2026.06.25" (year first is never ambiguous).
YEAR_MONTH_DAY = re.compile(r"(?<![\d.])(?P<year>\d{4})(?P<sep>[-/.])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})(?!\d)")
# "2019年2月27日" (Japanese, Chinese), "2019년 2월 27일" (Korean): year, month and day by their signs.
CJK_YEAR_MONTH_DAY = re.compile(
    r"(?<!\d)(?P<year>(?:19|20)\d\d)\s*[年년]\s*(?P<month>\d{1,2})\s*[月월]\s*(?P<day>\d{1,2})\s*[日일]"
)
# "25.06.2026", "08/01/2024", "25-06-26": day and month order depends on the language.
NUMERIC_DATE = re.compile(
    r"(?<![\d.])(?P<first>\d{1,2})(?P<sep>[./-])(?P<second>\d{1,2})(?P=sep)(?P<year>\d{4}|\d{2})(?![\d:])"
)
# "25.06" with no year, accepted only beside a time ("25.06 14:05").
NUMERIC_DAY_MONTH = re.compile(r"(?<![\d.])(?P<day>\d{1,2})\.(?P<month>\d{1,2})(?![\d.])")

# "17:24", "9:40 pm", "17:24:05.123", "17:57:00+04:00", "10:31 (UTC+04)", "14:05 мск".
TIME_OF_DAY = re.compile(
    r"(?<![\d:.])(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:[.,]\d+)?)?(?![\d:])"
    r"(?:\s*(?P<ampm>a\.?\s?m\.?|p\.?\s?m\.?)(?![^\W\d_]))?"
    r"(?:\s*(?P<offset_sign>[+-])(?P<offset_hours>\d{2}):?(?P<offset_minutes>\d{2})?(?![\d./]))?"
    rf"(?:\s*\(?(?P<zone>{_alternation(TZ_ABBREVIATIONS)})\)?(?![^\W\d_]))?"
)
# "UTC +04:00", "(UTC+04)", "GMT+4", "UTC-3:30", "UTC" alone; anywhere in the string.
NAMED_OFFSET = re.compile(
    r"(?<![^\W\d_])(?:utc|gmt)(?:\s*(?P<sign>[+-])\s*(?P<hours>\d{1,2})(?::?(?P<minutes>\d{2}))?)?(?![\d])"
)
# Moscow time is often marked with its Russian abbreviation alone.
MOSCOW_TIME = re.compile(r"(?<!\w)(?:мск|msk)(?!\w)")

# The strict shape of ISO 8601 as feeds, JSON-LD and meta tags write it (some CMSs drop the
# seconds' leading zero: "23:15:0Z").
ISO_8601 = re.compile(
    r"(?P<date>\d{4}-\d{2}-\d{2})"
    r"(?:[Tt ](?P<time>\d{2}:\d{2})(?::(?P<seconds>\d{1,2}))?(?:[.,](?P<fraction>\d+))?)?"
    r"\s*(?P<offset>[Zz]|[+-]\d{2}(?::?\d{2})?)?"
)
ISO_8601_BASIC = re.compile(r"\d{8}T\d{4}(?:\d{2})?(?:[.,]\d+)?(?:Z|[+-]\d{2}(?::?\d{2})?)?")
# RFC 822 / 1123 as in RSS: "Sat, 21 Feb 2026 17:44:00 +0400", "21 Feb 2026 17:44 GMT".
RFC_822 = re.compile(
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?\d{1,2}\s+"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{2,4}\s+\d{1,2}:\d{2}(?::\d{2})?"
    r"(?:\s*(?P<zone>[+-]\d{4}|[a-z]{1,5}))?",
    re.IGNORECASE,
)
UNIX_TIMESTAMP = re.compile(r"\d{10}(?:\d{3})?")

# A count: digits (maybe glued to the unit, "5h") or a number word followed by a space.
_NUMBER = rf"(?:\d+\s*|(?:{_alternation(NUMBER_WORDS)})\s+)"
_UNIT = rf"(?:{_alternation(UNITS)})\.?"
# "5 hours ago", "3 часа назад", "15 dəqiqə əvvəl", "2 gün önce", "1 hour 20 minutes ago", "час назад".
UNITS_AGO = re.compile(
    rf"(?<!\w)(?P<amounts>(?:{_NUMBER}{_UNIT}(?![^\W\d_])[\s,]*(?:(?:and|и|ve)\s+)?)*"
    rf"{_NUMBER}?{_UNIT})(?![^\W\d_])\s*{AGO}(?!\w)"
)
# "in 5 hours", "через 2 дня", "2 saat sonra": the future, which no publication date is.
AMOUNT_AHEAD = re.compile(
    rf"(?<!\w)(?:in|через)\s+{_NUMBER}?{_UNIT}(?![^\W\d_])"
    rf"|{_NUMBER}?{_UNIT}(?![^\W\d_])\s*(?:sonra|from now|later)(?!\w)"
)
ONE_AMOUNT = re.compile(rf"(?<!\w)(?P<number>{_NUMBER})?(?P<unit>{_UNIT})(?![^\W\d_])")
# Halves written as one word: "полчаса назад", "yarım saat əvvəl".
HALF_HOUR = re.compile(r"(?<!\w)(?:полчаса|yarim saat|half an hour)(?!\w)")
# "yesterday", "вчера", "dünən", "bu gün", "dün", "сегодня".
DAY_WORD = re.compile(rf"(?<!\w)(?P<word>{_alternation(DAY_WORDS)})(?!\w)")
# Any letter at all: a string of digits and punctuation alone is no date for the fallback.
HAS_LETTER = re.compile(r"[^\W\d_]")
HAS_DIGIT = re.compile(r"\d")
