"""The publication date as a ranked choice among kinds of evidence (crawler.extract.dating)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from crawler.extract import extract_article
from crawler.extract.datelines import labelled_dates, time_elements
from crawler.extract.dating import Evidence, choose_date, gather, url_date
from crawler.extract.dom import load_tree
from crawler.normalize.dates import written_day
from crawler.normalize.zones import zone_of_language

FETCHED = datetime(2026, 11, 25, 12, tzinfo=UTC)


def choose(*evidence: Evidence, timezone: str = "UTC") -> tuple[datetime | None, str | None]:
    return choose_date(list(evidence), languages=("en",), timezone=timezone, fetched_at=FETCHED)


def test_structured_metadata_alone_is_taken() -> None:
    value, raw = choose(*gather("jsonld", ["2025-03-14T09:30:00+01:00"]))
    assert value == datetime(2025, 3, 14, 8, 30, tzinfo=UTC)
    assert raw == "2025-03-14T09:30:00+01:00"


def test_kinds_that_agree_beat_a_stronger_one_alone() -> None:
    evidence = [
        *gather("meta", ["2018-03-12T19:30:12+00:00"]),
        *gather("dateline", ["29. Januar 2019"], labelled=True),
        *gather("htmldate", ["2019-01-29"]),
    ]
    value, _ = choose_date(evidence, languages=("de",), timezone="UTC", fetched_at=FETCHED)
    assert value is not None and value.date() == date(2019, 1, 29)


def test_a_dateline_labelled_as_an_update_or_copyright_is_no_evidence() -> None:
    assert (
        gather("dateline", ["Updated: 6 March 2018", "Aktualisiert am 06.03.2018", "© 2024 The Post"], labelled=True)
        == []
    )
    kept = gather("dateline", ["Published 21 December 2016"], labelled=True)
    assert [e.raw for e in kept] == ["Published 21 December 2016"]
    assert kept[0].weight > gather("dateline", ["21 December 2016"], labelled=True)[0].weight


def test_a_publication_field_holding_the_modification_date_is_left_out() -> None:
    evidence = gather("meta", ["2017-04-04T20:44:00Z", "2017-01-13T21:45:08Z"], other_moments=["2017-04-04T20:44:00Z"])
    assert [e.raw for e in evidence] == ["2017-01-13T21:45:08Z"]


def test_a_bare_time_or_relative_date_counts_only_without_a_full_date() -> None:
    value, raw = choose(*gather("dateline", ["23:07", "4 June 2020"], labelled=True))
    assert value is not None and value.date() == date(2020, 6, 4)
    assert raw == "4 June 2020"
    alone, _ = choose(*gather("dateline", ["3 hours ago"], labelled=True))
    assert alone is not None and alone.date() == FETCHED.date()


@pytest.mark.parametrize(
    ("url", "day"),
    [
        ("https://news.example.com/2023/11/08/story-slug/", "2023-11-08"),
        ("https://news.example.com/politics/2024-02-29-leap-day", "2024-02-29"),
        ("https://news.example.com/a/20190305/article.html", "2019-03-05"),
        ("https://news.example.com/2019/13/40/not-a-date", None),
        ("https://news.example.com/story?date=2020/01/01", None),
    ],
)
def test_url_dates(url: str, day: str | None) -> None:
    assert url_date(url) == day


def test_the_publishers_local_day_wins_over_the_utc_day_of_the_same_moment() -> None:
    # 22:28 in New York on 8 November is 03:28 UTC on the 9th: the URL and the dateline write the 8th.
    evidence = [
        *gather("jsonld", ["2023-11-09T03:28:35Z"]),
        *gather("url", [url_date("https://post.example.com/2023/11/08/news/story/")]),
        *gather("dateline", ["Published Nov. 8, 2023, 10:28 p.m."], labelled=True),
    ]
    value, raw = choose(*evidence)
    assert value == datetime(2023, 11, 9, 3, 28, 35, tzinfo=UTC)  # the instant stays exact and UTC
    assert written_day(raw, fetched_at=FETCHED) == date(2023, 11, 8)


def test_a_lone_january_first_from_htmldate_is_a_year_not_a_day() -> None:
    assert choose(*gather("htmldate", ["2019-01-01"])) == (None, "2019-01-01")
    value, _ = choose(*gather("htmldate", ["2019-01-01"]), *gather("dateline", ["1 January 2019"], labelled=True))
    assert value is not None and value.date() == date(2019, 1, 1)


def test_ties_go_to_the_earlier_day() -> None:
    value, _ = choose(*gather("meta", ["2021-05-02"]), *gather("jsonld", ["2021-04-20"]))
    assert value is not None and value.date() == date(2021, 4, 20)


def test_later_values_of_a_kind_cannot_outvote_its_first() -> None:
    comments = [f"2019-02-2{i}T10:00:00-07:00" for i in range(9)]
    value, _ = choose(*gather("meta", ["2019-04-09T08:00:15-06:00", *comments]), *gather("htmldate", ["2019-04-09"]))
    assert value is not None and value.date() == date(2019, 4, 9)


def test_nothing_readable_gives_none_and_the_first_raw() -> None:
    assert choose(*gather("dateline", ["soon", "Tuesday-ish"], labelled=True)) == (None, "soon")
    assert choose() == (None, None)


def test_written_day_keeps_the_offset_of_the_string() -> None:
    assert written_day("2023-11-08T21:11:03-05:00", fetched_at=FETCHED) == date(2023, 11, 8)
    assert written_day("8 November 2023", timezone="Asia/Tokyo", fetched_at=FETCHED) == date(2023, 11, 8)
    assert written_day("no date here", fetched_at=FETCHED) is None
    assert written_day(None, fetched_at=FETCHED) is None


@pytest.mark.parametrize(
    ("language", "zone"),
    [
        ("ja", "Asia/Tokyo"),
        ("de", "Europe/Berlin"),
        ("de-AT", "Europe/Berlin"),
        ("tr", "Europe/Istanbul"),
        ("en", "UTC"),
        ("es", "UTC"),
        ("ru", "UTC"),
        (None, "UTC"),
        ("", "UTC"),
    ],
)
def test_a_page_of_no_source_reads_local_dates_in_its_languages_zone(language: str | None, zone: str) -> None:
    assert zone_of_language(language) == zone


def test_a_japanese_page_without_offsets_keeps_its_day() -> None:
    page = (
        """<html lang="ja"><head><title>新製品</title>
        <meta property="article:published_time" content="2019-02-22"></head>
    <body><article><h1>新製品</h1><p>"""
        + "新しいキーボードを発売しました。" * 20
        + "</p></article></body></html>"
    )
    item = extract_article("https://maker.example.jp/news/keyboard.html", page, None, fetched_at=FETCHED)
    assert item is not None and item.date_published == datetime(2019, 2, 21, 15, tzinfo=UTC)
    assert written_day(item.date_published_raw, fetched_at=FETCHED) == date(2019, 2, 22)


def test_the_chosen_day_is_one_some_evidence_writes() -> None:
    # Three UTC stamps of other moments lean on the day between them; nobody wrote that day.
    evidence = [
        *gather("time", ["2019-09-22T07:30:29Z", "2019-09-20T19:01:28Z", "2019-09-20T15:41:19Z"]),
        *gather("htmldate", ["2019-06-28"]),
    ]
    value, raw = choose(*evidence)
    assert raw == "2019-06-28" and value is not None and value.date() == date(2019, 6, 28)


def test_a_utc_stamp_at_mid_morning_is_the_same_day_everywhere_near() -> None:
    # 10:04 UTC is 06:04 in New York: the same day, so it does not back the URL's day before.
    evidence = [
        *gather("jsonld", ["2020-07-09T10:04:04Z"]),
        *gather("url", ["2020-07-08"]),
        *gather("dateline", ["July 9, 2020 at 6:40 PM EDT"], labelled=True),
    ]
    value, raw = choose(*evidence)
    assert value is not None and written_day(raw, fetched_at=FETCHED) == date(2020, 7, 9)


def _story_page(masthead: str, story_header: str = "") -> str:
    prose = "<p>" + "The council approved the new harbour cranes after a long debate on the costs. " * 6 + "</p>"
    return (
        "<html lang='en'><head><title>Harbour cranes approved</title></head><body>"
        f"{masthead}{story_header}<div class='story'><h1>Harbour cranes approved</h1>"
        f"<span class='post-date'>2 November 2023</span>{prose}{prose}</div></body></html>"
    )


def test_the_current_date_in_the_sites_masthead_is_no_dateline() -> None:
    widget = "<div class='site-header-top'><span class='header-date'>Friday, November 3, 2023</span></div>"
    for masthead in (widget, f"<header>{widget}</header>"):
        item = extract_article("https://paper.example.org/news/cranes", _story_page(masthead), None, fetched_at=FETCHED)
        assert item is not None and item.date_published_raw == "2 November 2023"
        assert item.date_published is not None and item.date_published.date() == date(2023, 11, 2)


def test_a_story_header_that_holds_the_headline_keeps_its_date() -> None:
    # The story's own header (with its <h1>) is no masthead: its date is the story's.
    own = (
        "<div class='entry-header'><span class='post-date'>1 November 2023</span><h1>Harbour cranes approved</h1></div>"
    )
    item = extract_article("https://paper.example.org/news/cranes", _story_page("", own), None, fetched_at=FETCHED)
    assert item is not None and item.date_published is not None
    assert item.date_published.date() == date(2023, 11, 1)


def test_htmldate_repeating_the_structured_date_is_no_second_witness() -> None:
    # A placeholder in JSON-LD (and htmldate, which reads it first) against the page's <time> and dateline.
    evidence = [
        *gather("jsonld", ["2021-01-01T11:00:00.000Z"]),
        *gather("time", ["2023-04-01 12:00"], labelled=True),
        *gather("dateline", ["01.04.2023, 12:00 Uhr"], labelled=True),
        *gather("htmldate", ["2021-01-01"]),
    ]
    value, raw = choose_date(evidence, languages=("de",), timezone="Europe/Berlin", fetched_at=FETCHED)
    assert value == datetime(2023, 4, 1, 10, tzinfo=UTC)
    assert raw is not None and written_day(raw, fetched_at=FETCHED) == date(2023, 4, 1)
    # Alone against one dateline, htmldate's answer still counts fully.
    alone, _ = choose(*gather("htmldate", ["2019-03-05"]), *gather("dateline", ["1 March 2019"], labelled=True))
    assert alone is not None and alone.date() == date(2019, 3, 5)


def test_the_instant_takes_the_time_of_day_the_page_writes() -> None:
    # The URL names the day, the <time> its moment (Tokyo time, no offset written): 22:22 JST is 13:22 UTC.
    evidence = [*gather("url", ["2019-04-11"]), *gather("time", ["2019-04-11T22:22"], labelled=True)]
    value, _ = choose_date(evidence, languages=("ja",), timezone="Asia/Tokyo", fetched_at=FETCHED)
    assert value == datetime(2019, 4, 11, 13, 22, tzinfo=UTC)


def test_a_tie_goes_to_the_day_the_page_writes_over_htmldates_guess() -> None:
    evidence = [
        *gather("dateline", ["2019年2月27日 読了時間 3 分 作者： 山田", "2019年2月27日 読了時間 3 分"], labelled=True),
        *gather("htmldate", ["2019-02-16"]),
    ]
    value, raw = choose_date(evidence, languages=("ja",), timezone="Asia/Tokyo", fetched_at=FETCHED)
    assert value == datetime(2019, 2, 26, 15, tzinfo=UTC)
    assert raw is not None and raw.startswith("2019年2月27日")


def test_a_time_inside_a_container_of_the_update_is_no_publication_date() -> None:
    page = (
        "<html lang='en'><head><title>Cranes</title>"
        "<meta property='article:published_time' content='2016-12-21T23:49:10Z'></head><body>"
        "<div class='story'><h1>Cranes</h1><div class='detail-header--updated-date'><span>"
        "<time datetime='2018-03-06T19:49:32-05:00'>Mar 6, 2018</time></span></div>"
        "<time datetime='2016-12-21T18:49:10-05:00'>Dec 21, 2016</time>"
        + "<p>The council approved the new harbour cranes after a long debate on the costs.</p>" * 8
        + "</div></body></html>"
    )
    tree = load_tree(page)
    assert tree is not None and time_elements(tree) == ["2016-12-21T18:49:10-05:00"]
    item = extract_article("https://paper.example.org/i/cranes", page, None, fetched_at=FETCHED)
    assert item is not None and item.date_published == datetime(2016, 12, 21, 23, 49, 10, tzinfo=UTC)


def test_a_date_after_a_publication_label_is_a_dateline_in_any_language() -> None:
    body = (
        "<div><h5>Datum:</h5>03.02.2022</div><p>Veröffentlicht am 4. Februar 2022</p>"
        "<p>Date of birth unknown, 1990</p><p>Datenschutz 2020</p>"
        "<div class='comments'><span>Datum: 01.01.2020</span></div>"
    )
    tree = load_tree(f"<html><body>{body}</body></html>")
    assert tree is not None
    assert labelled_dates(tree) == ["Datum: 03.02.2022", "Veröffentlicht am 4. Februar 2022"]


def test_a_labelled_date_outweighs_htmldates_guess_from_a_comment() -> None:
    # htmldate reads the first comment's date; the page's "Datum:" names the day of publication.
    prose = "<p>" + "Der Verband sieht den Autohandel trotz der Krise gut aufgestellt und alternativlos. " * 4 + "</p>"
    page = (
        "<html lang='de'><head><title>Handel</title></head><body><div class='story'><h1>Der Handel bleibt</h1>"
        f"<div><h5>Datum: </h5>03.02.2022</div>{prose}{prose}</div>"
        "<div class='comment'><div class='comment__date'>04.02.2022 - 00:00 Uhr</div><p>Gut so.</p></div>"
        "</body></html>"
    )
    item = extract_article("https://autos.example.de/handel/der-handel-bleibt-1", page, None, fetched_at=FETCHED)
    assert item is not None and item.date_published_raw == "Datum: 03.02.2022"
    assert written_day(item.date_published_raw, fetched_at=FETCHED) == date(2022, 2, 3)
