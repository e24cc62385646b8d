"""Dates beside the headline, the publisher's own offset, date widgets in header bars, slug dates and
htmldate's reading of an update (crawler.extract.declared, dating, datelines)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from crawler.extract import extract_article
from crawler.extract.datelines import masthead_texts
from crawler.extract.dating import Evidence, choose_date, gather, names_the_update, url_date
from crawler.extract.declared import headline_dateline
from crawler.extract.dom import load_tree
from crawler.normalize.dates import parse_date

FETCHED = datetime(2026, 11, 25, 12, tzinfo=UTC)
MENU = "".join(f"<p><a href='/n/{i}'>Another story about the league number {i} today</a></p>" for i in range(8))


def tree(body: str):
    parsed = load_tree(f"<html><head><title>Page</title></head><body>{body}</body></html>")
    assert parsed is not None
    return parsed


def test_a_short_dated_line_beside_the_headline_is_its_dateline() -> None:
    body = "<div><p>02.02.2022 10:16 Uhr - Bundesliga</p><h1>Hamburg signs a Dutch playmaker for two years</h1></div>"
    assert headline_dateline(tree(body)) == "02.02.2022 10:16 Uhr - Bundesliga"


def test_a_time_beside_the_headline_counts_by_its_visible_date_and_not_when_it_is_an_update() -> None:
    shown = (
        "<h1>Why the river flooded the old town</h1>"
        "<div><time datetime='2019-07-03T10:18:46Z'>Published 29 June 2019</time></div>"
    )
    assert headline_dateline(tree(shown), ["2019-07-03T10:18:46Z"]) == "Published 29 June 2019"
    update = "<h1>Why the river flooded the old town</h1><div>Updated: <time datetime='2018-03-06'>today</time></div>"
    assert headline_dateline(tree(update), []) is None


def test_a_section_title_a_linked_headline_or_a_dated_listing_title_has_no_dateline() -> None:
    assert headline_dateline(tree("<h1>Politics</h1><p>4 June 2020</p>")) is None
    assert (
        headline_dateline(tree("<h1><a href='/s'>Mayor opens the new bridge today</a></h1><p>4 June 2020</p>")) is None
    )
    assert headline_dateline(tree("<h1>All the news of 4 June 2020</h1><p>4 June 2020</p>")) is None


def test_a_story_whose_body_is_loaded_by_script_is_kept_by_its_dated_headline() -> None:
    html = (
        "<html lang='de'><head><title>Hamburg signs a Dutch playmaker</title></head><body>"
        "<div id='story'><p>02.02.2022 10:16 Uhr - Bundesliga</p><h1>Hamburg signs a Dutch playmaker for two years</h1>"
        f"<div id='news_content'></div></div><aside>{MENU}</aside></body></html>"
    )
    item = extract_article("https://handball.example.de/news-1-139353.html", html, None, fetched_at=FETCHED)
    assert item is not None
    assert item.date_published_raw == "02.02.2022 10:16 Uhr - Bundesliga"
    assert item.date_published is not None and item.date_published.date() == date(2022, 2, 2)


def test_the_same_layout_without_a_dateline_is_still_not_an_article() -> None:
    html = (
        "<html><head><title>Handball</title></head><body><h1>Handball news of the league today</h1>"
        f"<div id='news_content'></div><aside>{MENU}</aside></body></html>"
    )
    assert extract_article("https://handball.example.de/news.html", html, None, fetched_at=FETCHED) is None


def choose(*evidence: Evidence) -> tuple[datetime | None, str | None]:
    return choose_date(list(evidence), languages=("en",), timezone="UTC", fetched_at=FETCHED)


def test_a_utc_stamp_is_read_in_the_offset_the_page_writes_elsewhere() -> None:
    # 16:50 UTC is 11:50 in New York: the related stories' next-morning times (-05:00) name another day.
    value, raw = choose(
        *gather("jsonld", ["2023-11-08T16:50:09+00:00"]),
        *gather("time", ["2023-11-09T06:13:43-05:00", "2023-11-09T06:08:56-05:00"]),
    )
    assert value == datetime(2023, 11, 8, 16, 50, 9, tzinfo=UTC)
    assert raw == "2023-11-08T16:50:09+00:00"


def test_the_raw_date_is_the_local_writing_not_a_shifted_utc_stamp() -> None:
    # 02:11 UTC on the 9th is 21:11 on the 8th in Boston, as the page's own -05:00 stamp writes it.
    value, raw = choose(
        *gather("jsonld", ["2023-11-09T02:11:03+00:00"]),
        *gather("dateline", ["2023-11-08T21:11:03-05:00"]),
        *gather("htmldate", ["2023-11-09"]),
    )
    assert value == datetime(2023, 11, 9, 2, 11, 3, tzinfo=UTC)
    assert raw == "2023-11-08T21:11:03-05:00"


def test_iso_seconds_written_with_one_digit_are_read() -> None:
    assert parse_date("2020-12-05T23:15:0Z", languages=(), timezone="UTC", fetched_at=FETCHED) == datetime(
        2020, 12, 5, 23, 15, tzinfo=UTC
    )


def test_a_date_widget_in_a_header_bar_is_found_whatever_its_class() -> None:
    body = (
        "<header><div class='header--topbar'><ul><li>Baku</li><li>Tuesday, (08 Dec 2020)</li></ul></div>"
        "<h1 class='logo'>News</h1></header><article><h1>Story</h1><p>13 Oct 2020</p></article>"
    )
    assert "Tuesday, (08 Dec 2020)" in masthead_texts(tree(body))
    # A blog's "date-header" above its posts is no masthead.
    assert (
        masthead_texts(tree("<div class='post'><h2 class='date-header'><span>March 30, 2011</span></h2></div>")) == []
    )


def test_a_widget_date_is_not_taken_over_the_storys_dateline() -> None:
    html = (
        "<html lang='en'><head><title>Envoy backs the counteroffensive</title></head><body>"
        "<header><div class='header--topbar'><ul><li>Tuesday, (08 Dec 2020)</li></ul></div></header>"
        "<div class='news'><h1>Envoy backs the counteroffensive</h1><span class='date'>13 Oct 2020 18:29</span>"
        + "".join(
            f"<p>The envoy said in a statement on Tuesday that paragraph {i} of the story goes on.</p>"
            for i in range(6)
        )
        + "</div></body></html>"
    )
    item = extract_article("https://news.example.az/news/envoy-backs", html, None, fetched_at=FETCHED)
    assert item is not None and item.date_published is not None
    assert item.date_published.date() == date(2020, 10, 13)


def test_a_compact_date_ending_a_slug_is_a_url_date() -> None:
    assert url_date("https://www.example.com/article/Theatre-Wing-Launches-Scholarships-20161013") == "2016-10-13"
    assert url_date("https://www.example.com/story_20190305.html") == "2019-03-05"
    assert url_date("https://www.example.com/item-201613131") is None


def test_htmldate_reading_the_update_day_is_dropped_when_the_metadata_declares_publication() -> None:
    declared = gather("meta", ["2019-04-09T08:00:15-06:00"])
    assert names_the_update("2021-12-10", ["2021-12-10T20:06:09-07:00"], declared)
    assert not names_the_update("2019-04-09", ["2021-12-10T20:06:09-07:00"], declared)
    assert not names_the_update("2021-12-10", ["2021-12-10T20:06:09-07:00"], [])
    # A publication key that names the update's day too: a republished story, htmldate may be right.
    both = [*declared, *gather("meta", ["2021-12-10T14:11:58+01:00"])]
    assert not names_the_update("2021-12-10", ["2021-12-10T20:06:09-07:00"], both)


def test_a_sentence_that_says_the_entry_was_published_gives_its_date() -> None:
    from crawler.extract.datelines import published_sentences

    body = (
        "<div class='entry'><p>Text of the post.</p><p class='postmetadata'><small>Dieser Beitrag wurde am Samstag, "
        "3. Dezember 2011 um 10:12 Uhr veröffentlicht und unter Cybercrime gespeichert.</small></p></div>"
        "<div class='comments'><p>Posted on 5 December 2011 by a reader</p></div>"
    )
    assert published_sentences(tree(body)) == ["3. Dezember 2011"]
    # A verb far from the date is another clause.
    far = "<p>The report was published by the ministry " + "after a long delay and many questions, " * 3
    assert published_sentences(tree(far + "on the events of 3 December 2011.</p>")) == []
