"""Choosing the headline: site names, sections and masthead headings glued to the title are not part of it."""

from __future__ import annotations

from crawler.extract.headline import choose_headline, strip_site_name


def headline(
    title: str | None,
    h1s: tuple[str, ...] = (),
    structured: tuple[str, ...] = (),
    site_names: tuple[str, ...] = (),
    url: str = "https://news.example.org/2024/05/story",
    sections: tuple[str, ...] = (),
) -> str | None:
    return choose_headline(
        structured=structured, title_tag=title, h1s=h1s, site_names=site_names, page_url=url, sections=sections
    )


def test_the_site_name_after_the_headline_goes() -> None:
    assert strip_site_name("Council reopens the bridge | Example News", ["Example News"], "") == (
        "Council reopens the bridge"
    )


def test_a_section_between_headline_and_site_name_goes_when_the_page_names_it() -> None:
    title = "Council reopens the bridge | Politics | Example News"
    assert headline(title, site_names=("Example News",), sections=("Politics",)) == "Council reopens the bridge"
    # Not named as the page's section or a keyword: kept, it may be part of the headline.
    assert headline(title, site_names=("Example News",)) == "Council reopens the bridge | Politics"


def test_a_number_holding_the_host_name_is_an_identifier_not_the_site() -> None:
    url = "https://vulndb.example.jp/contents/2018/VULNDB-2021-004711.html"
    title = "VULNDB-2021-004711 - Vulnerability Notes"
    assert strip_site_name(title, [], url) == title
    # The bare name, or the name with a word or two, is the site's.
    assert strip_site_name("Printer firmware flaw - Vulndb", [], url) == "Printer firmware flaw"


def test_a_masthead_h1_is_the_site_name_not_the_headline() -> None:
    title = "Riverside Gazette - Council reopens the old bridge to traffic after two years"
    assert headline(title, h1s=("Riverside Gazette",)) == "Council reopens the old bridge to traffic after two years"


def test_a_masthead_h1_in_cjk_and_a_section_keyword() -> None:
    title = "市议会决定下周重新开放那座老桥并恢复通行_本地_河畔日报"
    found = headline(title, h1s=("河畔日报",), sections=("城市", "本地"))
    assert found == "市议会决定下周重新开放那座老桥并恢复通行"


def test_a_short_h1_that_is_the_headline_stays() -> None:
    assert headline("Bridge reopens | Riverside Gazette", h1s=("Bridge reopens",)) == "Bridge reopens"
    assert headline("Riverside Gazette | Bridge reopens", h1s=("Bridge reopens",)) == "Bridge reopens"


def test_the_visible_h1_wins_over_a_differing_social_title() -> None:
    found = headline(
        "Bridge reopens after two years of works | Gazette",
        h1s=("Bridge reopens after two years of works",),
        structured=("You will not believe what the council did",),
    )
    assert found == "Bridge reopens after two years of works"


def test_a_short_h1_beside_the_site_s_long_name_is_the_headline() -> None:
    url = "https://www.dailyplanet.example/news/1"
    assert headline("Obama wins - The Daily Planet News and Views", h1s=("Obama wins",), url=url) == "Obama wins"
