"""The article test: prose in scripts with and without spaces, lists of headlines, stories among menus."""

from __future__ import annotations

import pytest

from crawler.extract.classify import PageSignals, has_story_run, is_article, line_words, mostly_links, prose_words

STORY = [
    "The city council approved the new budget on Tuesday after a long debate about schools and roads.",
    "Officials said the plan would add two hundred teachers and repair forty kilometres of streets.",
    "Opponents argued that the spending was too high and promised to challenge it again next year.",
]
JAPANESE_STORY = [
    "総務省は消費税の軽減税率について、高所得者ほど負担軽減の額が大きくなる仕組みであることを認めた。",
    "同省の担当者は、制度の目的は低所得者の負担を和らげることにあると説明している。",
    "専門家からは、給付など別の手段を検討すべきだとの意見も出ている。",
]
HEADLINES = [f"Minister opens new bridge over the river in town number {n}" for n in range(8)]
TEASERS = [f"Residents of town {n} say the bridge cuts their drive to the city by half an hour." for n in range(8)]


def signals(lines: list[str], *, metadata: bool = True, url: str = "https://news.example/2026/story") -> PageSignals:
    return PageSignals(url=url, title="A story", has_article_metadata=metadata, listing_types=False, body_lines=lines)


@pytest.mark.parametrize(
    ("line", "words"),
    [
        ("The city council approved the new budget on Tuesday.", 9),
        ("12:30 14.05.2026", 0),
        ("総務省は消費税の軽減税率について認めた。", 9),  # 19 Han/kana characters, two to a word
        ("Apple の iPhone 16 を発表", 4),  # Apple, iPhone, and four Han/kana characters
        ("", 0),
    ],
)
def test_line_words_counts_spaceless_scripts_by_characters(line: str, words: int) -> None:
    assert line_words(line) == words


def test_a_japanese_story_is_an_article() -> None:
    assert prose_words(JAPANESE_STORY, set()) >= 40
    assert is_article(signals(JAPANESE_STORY), set())
    assert is_article(signals(JAPANESE_STORY * 2, metadata=False), set())


def test_headlines_with_teasers_are_a_listing() -> None:
    lines = [line for pair in zip(HEADLINES, TEASERS, strict=True) for line in pair]
    links = set(HEADLINES)
    assert mostly_links(lines, links)
    assert not has_story_run(lines, links)
    assert not is_article(signals(lines), links)


def test_a_story_among_menu_links_is_an_article() -> None:
    menu = HEADLINES[:6]
    lines = [*menu, *STORY, *STORY, *menu]
    links = set(menu)
    assert has_story_run(lines, links)
    assert not mostly_links(lines, links)
    assert is_article(signals(lines), links)


def test_short_prose_between_links_is_no_story_run() -> None:
    lines = [HEADLINES[0], STORY[0], HEADLINES[1], STORY[1], HEADLINES[2], STORY[2]]
    assert not has_story_run(lines, set(HEADLINES))


def test_a_page_without_metadata_needs_more_prose() -> None:
    assert is_article(signals(STORY, metadata=True), set())
    assert not is_article(signals(STORY[:1], metadata=False), set())
    assert not is_article(signals(STORY * 2, metadata=False, url="https://news.example/tag/budget"), set())
