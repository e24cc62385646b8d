"""Benchmark: our parse_date against plain dateparser.parse on a realistic mix of news-page dates.

The mix (fixed seed) is about a third ISO 8601 / RFC 822 from metadata and feeds, the rest
written and relative dates in en, ru, az and tr as the regional sources print them. Every
string is generated from a known moment, so both parsers are scored against the truth.
dateparser gets the same languages and the settings our fallback uses (TIMEZONE,
RELATIVE_BASE as the fetch time in the source's zone, PREFER_DATES_FROM=past,
RETURN_AS_TIMEZONE_AWARE). Both are warmed up before timing.

Run: ``.venv/bin/python benchmarks/dates.py [--count 1200] [--seed 20260301]``
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import dateparser

from crawler.normalize.dates import parse_date, warm_up

FETCHED_AT = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)

MONTHS = {
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    "ru": [
        "января",
        "февраля",
        "марта",
        "апреля",
        "мая",
        "июня",
        "июля",
        "августа",
        "сентября",
        "октября",
        "ноября",
        "декабря",
    ],
    "az": [
        "Yanvar",
        "Fevral",
        "Mart",
        "Aprel",
        "May",
        "İyun",
        "İyul",
        "Avqust",
        "Sentyabr",
        "Oktyabr",
        "Noyabr",
        "Dekabr",
    ],
    "tr": [
        "Ocak",
        "Şubat",
        "Mart",
        "Nisan",
        "Mayıs",
        "Haziran",
        "Temmuz",
        "Ağustos",
        "Eylül",
        "Ekim",
        "Kasım",
        "Aralık",
    ],
}
WEEKDAYS_TR = ["Pazartesi", "Salı", "Çarşamba", "Perşembe", "Cuma", "Cumartesi", "Pazar"]
RFC_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
RFC_DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


@dataclass(frozen=True)
class Source:
    name: str
    language: str
    timezone: str

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


SOURCES = [
    Source("caliber-ru", "ru", "Asia/Baku"),
    Source("lenta", "ru", "Europe/Moscow"),
    Source("trend-az", "az", "Asia/Baku"),
    Source("report-az", "az", "Asia/Baku"),
    Source("apa-az", "az", "Asia/Baku"),
    Source("azernews", "en", "Asia/Baku"),
    Source("turkish", "tr", "Europe/Istanbul"),
]


@dataclass(frozen=True)
class Case:
    raw: str
    source: Source
    expected: datetime
    kind: str


def _ru_plural(n: int, one: str, few: str, many: str) -> str:
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


def _moment(rng: random.Random, *, max_days: int = 300) -> datetime:
    """A whole minute in the past ``max_days`` days (the year-less forms need under a year)."""
    seconds = rng.randint(3600, max_days * 86400)
    return (FETCHED_AT - timedelta(seconds=seconds)).replace(second=0, microsecond=0)


def _machine(rng: random.Random, source: Source) -> Case:
    when = _moment(rng, max_days=700)
    local = when.astimezone(source.zone)
    form = rng.randrange(6)
    if form == 0:
        raw = local.isoformat()
    elif form == 1:
        raw = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    elif form == 2:
        raw = local.strftime("%Y-%m-%dT%H:%M:%S.") + f"{rng.randrange(1000):03d}" + local.strftime("%z")
        when = when.replace(microsecond=int(raw[20:23]) * 1000)
    elif form == 3:
        raw = local.strftime("%Y-%m-%dT%H:%M:%S")
    elif form == 4:
        raw = f"{RFC_DAYS[local.weekday()]}, {local.day:02d} {RFC_MONTHS[local.month - 1]} {local:%Y %H:%M:%S %z}"
    else:
        raw = f"{RFC_DAYS[when.weekday()]}, {when.day:02d} {RFC_MONTHS[when.month - 1]} {when:%Y %H:%M:%S} GMT"
    return Case(raw, source, when, "machine")


def _written(rng: random.Random, source: Source) -> Case:
    when = _moment(rng)
    local = when.astimezone(source.zone)
    d, m, y, hm = local.day, local.month, local.year, f"{local:%H:%M}"
    month = MONTHS[source.language][m - 1]
    forms: dict[str, list[str]] = {
        "ru": [
            f"{d} {month} {y} в {hm}",
            f"{d:02d}.{m:02d}.{y} {hm}",
            f"{d} {month} {y}, {hm}",
            f"Опубликовано: {d} {month} {y}, {hm}",
            f"{hm}, {d} {month} {y}",
        ],
        "az": [
            f"{d} {month} {y} {hm} (UTC +04:00)",
            f"{d:02d} {month.lower()}, {y} {hm}",
            f"{d} {month.lower()} {y} {hm}",
            f"{d} {month} {hm} (UTC+04)",
            f"{d} {month.upper()} {y} | {hm}",
        ],
        "en": [
            f"{d} {month} {y} {hm} (UTC+04:00)",
            f"{month} {d}, {y} {local:%I:%M %p}",
            f"Updated: {d} {month[:3]} {y}, {hm}",
            f"{d} {month} {y} {hm}",
        ],
        "tr": [
            f"{d} {month} {y} {WEEKDAYS_TR[local.weekday()]} {hm}",
            f"{d:02d}.{m:02d}.{y} {hm}",
            f"{d} {month.upper()} {y} {hm}",
            f"Güncelleme: {d} {month} {y} - {hm}",
        ],
    }
    return Case(rng.choice(forms[source.language]), source, when, f"written-{source.language}")


def _relative(rng: random.Random, source: Source) -> Case:
    language = source.language
    local_now = FETCHED_AT.astimezone(source.zone)
    if rng.random() < 0.5:
        unit = rng.choice(["minutes", "hours", "days"])
        n = rng.randint(2 if unit == "days" else 1, {"minutes": 59, "hours": 23, "days": 6}[unit])
        when = FETCHED_AT - timedelta(**{unit: n})
        words = {
            "en": {"minutes": f"{n} minutes ago", "hours": f"{n} hours ago", "days": f"{n} days ago"},
            "ru": {
                "minutes": f"{n} {_ru_plural(n, 'минуту', 'минуты', 'минут')} назад",
                "hours": f"{n} {_ru_plural(n, 'час', 'часа', 'часов')} назад",
                "days": f"{n} {_ru_plural(n, 'день', 'дня', 'дней')} назад",
            },
            "az": {"minutes": f"{n} dəqiqə əvvəl", "hours": f"{n} saat əvvəl", "days": f"{n} gün əvvəl"},
            "tr": {"minutes": f"{n} dakika önce", "hours": f"{n} saat önce", "days": f"{n} gün önce"},
        }
        return Case(words[language][unit], source, when, f"relative-{language}")
    yesterday = rng.random() < 0.6
    day = local_now.date() - timedelta(days=1 if yesterday else 0)
    latest_minute = 23 * 60 + 59 if yesterday else local_now.hour * 60 + local_now.minute - 1
    minute = rng.randint(0, latest_minute)
    local = datetime(day.year, day.month, day.day, minute // 60, minute % 60, tzinfo=source.zone)
    hm = f"{local:%H:%M}"
    words = {
        "en": (f"yesterday at {hm}", f"today at {hm}"),
        "ru": (f"вчера в {hm}", f"сегодня в {hm}"),
        "az": (f"dünən {hm}", f"bu gün {hm}"),
        "tr": (f"Dün {hm}", f"Bugün {hm}"),
    }[language]
    return Case(words[0] if yesterday else words[1], source, local.astimezone(UTC), f"relative-{language}")


def build_mix(count: int, seed: int) -> list[Case]:
    rng = random.Random(seed)
    cases: list[Case] = []
    for i in range(count):
        source = rng.choice(SOURCES)
        if i % 3 == 0:
            cases.append(_machine(rng, source))
        elif rng.random() < 0.7:
            cases.append(_written(rng, source))
        else:
            cases.append(_relative(rng, source))
    rng.shuffle(cases)
    return cases


def ours(case: Case) -> datetime | None:
    return parse_date(case.raw, languages=(case.source.language,), timezone=case.source.timezone, fetched_at=FETCHED_AT)


def plain_dateparser(case: Case) -> datetime | None:
    return dateparser.parse(
        case.raw,
        languages=[case.source.language],
        settings={
            "TIMEZONE": case.source.timezone,
            "RETURN_AS_TIMEZONE_AWARE": True,
            "PREFER_DATES_FROM": "past",
            "RELATIVE_BASE": FETCHED_AT.astimezone(case.source.zone).replace(tzinfo=None),
        },
    )


@dataclass
class Score:
    seconds: float
    right: int
    wrong_by_kind: Counter[str]


def run(parser: Callable[[Case], datetime | None], cases: list[Case], repeats: int) -> Score:
    best = float("inf")
    results: list[datetime | None] = []
    for _ in range(repeats):
        started = time.perf_counter()
        results = [parser(case) for case in cases]
        best = min(best, time.perf_counter() - started)
    wrong: Counter[str] = Counter()
    right = 0
    for case, result in zip(cases, results, strict=True):
        if result is not None and result == case.expected:
            right += 1
        else:
            wrong[case.kind] += 1
    return Score(best, right, wrong)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1200)
    parser.add_argument("--seed", type=int, default=20260301)
    parser.add_argument("--show-misses", action="store_true", help="print the strings each parser gets wrong")
    args = parser.parse_args()

    cases = build_mix(args.count, args.seed)
    kinds = Counter(case.kind.split("-")[0] for case in cases)
    warm_up(("en", "ru", "az", "tr"))
    for case in cases[:20]:  # dateparser loads each language's data on first use
        plain_dateparser(case)

    mine = run(ours, cases, repeats=3)
    theirs = run(plain_dateparser, cases, repeats=1)
    n = len(cases)
    print(f"{n} date strings (seed {args.seed}): " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))
    print()
    print(f"{'parser':<24}{'µs/string':>12}{'right':>10}{'accuracy':>11}")
    print("-" * 57)
    for name, score in (("mediamon parse_date", mine), ("dateparser.parse", theirs)):
        print(f"{name:<24}{score.seconds / n * 1e6:>12.1f}{score.right:>10}{score.right / n:>11.1%}")
    print("-" * 57)
    print(f"speed-up: {theirs.seconds / mine.seconds:.1f}x")
    for name, score in (("mediamon parse_date", mine), ("dateparser.parse", theirs)):
        if score.wrong_by_kind:
            print(f"{name} misses by kind: " + ", ".join(f"{k} {v}" for k, v in sorted(score.wrong_by_kind.items())))
    if args.show_misses:
        for label, fn in (("ours", ours), ("dateparser", plain_dateparser)):
            for case in cases:
                got = fn(case)
                if got != case.expected:
                    print(f"{label} miss: {case.raw!r} ({case.source.name}) -> {got} expected {case.expected}")


if __name__ == "__main__":
    main()
