"""Property tests: the date and byline normalizers never raise, and dates are always aware UTC."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crawler.items import Author
from crawler.normalize.bylines import MAX_NAME_LENGTH, parse_byline
from crawler.normalize.dates import EARLIEST, parse_date

FETCHED_AT = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
LANGUAGES = st.lists(st.sampled_from(["en", "ru", "az", "tr", "en-US", "de", "xx", ""]), max_size=3)
ZONES = st.sampled_from(["Asia/Baku", "Europe/Moscow", "Europe/Istanbul", "UTC", "America/New_York", "Nowhere/Zone"])
# Pieces that look like dates, so that the generated text reaches deep into the parser.
DATE_PIECES = st.sampled_from(
    [
        "25",
        "06",
        "2026",
        "1995",
        "31",
        "12:30",
        "23:59",
        "25:61",
        ".",
        ",",
        "/",
        "-",
        ":",
        "+04:00",
        "(UTC +04:00)",
        "GMT+4",
        "мск",
        "июня",
        "Dekabr",
        "mart",
        "Mart",
        "ŞUBAT",
        "İYUN",
        "May",
        "Sept.",
        "в",
        "at",
        "pm",
        "назад",
        "əvvəl",
        "önce",
        "ago",
        "saat",
        "часа",
        "dəqiqə",
        "gün",
        "вчера",
        "dünən",
        "Dün",
        "bu gün",
        "today",
        "just now",
        "T",
        "Z",
        " ",
        "2025-11-14T17:57:00",
        "Sat, 21 Feb 2026 17:44:00 +0400",
        "in",
        "через",
        "sonra",
        "99999",
    ]
)
date_like_text = st.lists(DATE_PIECES, max_size=12).map(" ".join)
BYLINE_PIECES = st.sampled_from(
    [
        "By",
        "Anna",
        "SMITH",
        "and",
        "и",
        "və",
        "ve",
        ",",
        ";",
        "|",
        "/",
        "&",
        "Trend",
        "Bakı.",
        "Trend:",
        "Фото:",
        "Автор:",
        "Müəllif:",
        "Editing by",
        "Staff Writer",
        "O'Brien",
        "Anne-Marie",
        "H.",
        "@handle",
        "a@b.cd",
        "https://x.y/z",
        "(",
        ")",
        "ИВАН",
        "ƏLİYEV",
        "Reuters",
        "RFE/RL",
        "25",
        "June",
        "—",
        "-",
        "'",
        ".",
    ]
)
byline_like_text = st.lists(BYLINE_PIECES, max_size=12).map(" ".join)
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check_date(value: datetime | None, fetched_at: datetime) -> None:
    if value is None:
        return
    assert value.tzinfo is UTC
    assert value.utcoffset() == timedelta(0)
    assert EARLIEST <= value <= fetched_at + timedelta(days=1)


@SETTINGS
@given(raw=st.text(max_size=200), languages=LANGUAGES, timezone=ZONES)
def test_parse_date_never_raises_on_arbitrary_text(raw: str, languages: list[str], timezone: str) -> None:
    _check_date(parse_date(raw, languages=languages, timezone=timezone, fetched_at=FETCHED_AT), FETCHED_AT)


@SETTINGS
@given(
    raw=date_like_text,
    languages=LANGUAGES,
    timezone=ZONES,
    fetched_at=st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)),
)
def test_parse_date_never_raises_on_date_like_text(
    raw: str, languages: list[str], timezone: str, fetched_at: datetime
) -> None:
    _check_date(parse_date(raw, languages=languages, timezone=timezone, fetched_at=fetched_at), fetched_at)


@SETTINGS
@given(raw=st.text(max_size=300), languages=LANGUAGES)
def test_parse_byline_never_raises_on_arbitrary_text(raw: str, languages: list[str]) -> None:
    _check_authors(parse_byline(raw, languages=languages))


@SETTINGS
@given(raw=byline_like_text, languages=LANGUAGES, organizations=st.lists(st.text(max_size=20), max_size=3))
def test_parse_byline_never_raises_on_byline_like_text(
    raw: str, languages: list[str], organizations: list[str]
) -> None:
    _check_authors(parse_byline(raw, languages=languages, organizations=organizations))


def _check_authors(authors: list[Author]) -> None:
    assert isinstance(authors, list)
    names = [a.name.casefold() for a in authors]
    assert len(names) == len(set(names))
    for author in authors:
        assert author.kind in ("person", "organization")
        assert author.name and author.name == author.name.strip()
        if author.kind == "person":
            assert len(author.name) <= MAX_NAME_LENGTH
            assert "@" not in author.name and "://" not in author.name
