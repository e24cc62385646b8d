"""Body text: trafilatura lines, container paragraphs, JSON-LD bodies, junk lines, headline and link-list removal."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from crawler.extract.body import (
    block_lines,
    body_text,
    choose_body,
    continued_lines,
    drop_link_lists,
    drop_title_lines,
    jsonld_lines,
    trafilatura_lines,
)
from crawler.extract.text import clean_lines, is_junk_line

STORY = [
    "The city council approved the new budget on Tuesday after a long debate about schools and roads.",
    "Officials said the plan would add two hundred teachers and repair forty kilometres of streets.",
    "Opponents argued that the spending was too high and promised to challenge it again next year.",
]


@pytest.mark.parametrize(
    "line",
    [
        "Mənbə: APA",
        "Источник: ТАСС",
        "Source: Reuters",
        "просмотров: 123",
        "Просмотров: 1 024",
        "123 просмотра",
        "Baxış sayı: 45",
        "Views: 1,234",
        "Читайте также: В Баку открылся новый парк",
        "ЧИТАЙТЕ ТАКЖЕ",
        "Həmçinin oxuyun: Bakıda yeni park açıldı",
        "Read also: Baku opens a new park",
        "Подписывайтесь на наш Telegram-канал",
        "Follow us on Telegram",
        "Thanks for signing up!",
        "Copyright © 2026 Example Media",
        "This website uses cookies to ensure you get the best experience.",
    ],
)
def test_junk_lines(line):
    assert is_junk_line(line)


@pytest.mark.parametrize(
    "line",
    [
        *STORY,
        "Source code of the program was published on Monday by the developers, who said it would be maintained.",
        "Он прочитал также несколько писем.",
        "The source said the talks would continue.",
    ],
)
def test_story_lines_are_not_junk(line):
    assert not is_junk_line(line)


def test_clean_lines_collapses_whitespace_and_drops_empty_and_repeated_lines():
    assert clean_lines(["  a \n b ", "", "a b", "Mənbə: APA", "c"]) == ["a b", "c"]


def test_drop_title_lines_and_standfirst():
    lines = ["Budget passed", "The council voted.", *STORY]
    assert drop_title_lines(lines, ["Budget passed"], ["The council voted."]) == STORY
    # A standfirst is only dropped right after a repeated headline.
    assert drop_title_lines(["The council voted.", *STORY], ["Budget passed"], ["The council voted."])[0] == (
        "The council voted."
    )


def test_drop_link_lists_removes_runs_of_linked_list_items():
    links = {"Other story about roads", "Another story about schools"}
    lines = [*STORY, "- Other story about roads", "- Another story about schools"]
    assert drop_link_lists(lines, links) == STORY
    # A single linked list item inside the story stays.
    assert drop_link_lists(["- Other story about roads", *STORY], links)[0] == "- Other story about roads"


def test_choose_body_prefers_a_much_longer_jsonld_body():
    long_body = [f"Paragraph {i} of the structured body has quite a few words in it." for i in range(12)]
    assert choose_body(["Short teaser text."], long_body) == long_body
    assert choose_body(STORY, long_body[:2]) == STORY


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("One.\nTwo.", ["One.", "Two."]),
        ("<p>One.</p><p>Two <b>bold</b>.</p>", ["One.", "Two bold ."]),
        (None, []),
    ],
)
def test_jsonld_lines(raw, expected):
    assert [line for line in (clean_lines(jsonld_lines(raw))) if line] == expected


def test_block_lines_of_a_container():
    container = lxml_html.fromstring(
        "<div><p>First <a href='#'>linked</a> words.</p><figure><figcaption>Caption</figcaption></figure>"
        "<ul><li>Item one</li><li>Item <b>two</b></li></ul><script>var x;</script><p>Last.</p></div>"
    )
    assert block_lines(container) == ["First linked words.", "Item one", "Item two", "Last."]


def test_block_lines_split_on_br_without_blocks():
    container = lxml_html.fromstring("<div>Line one<br>Line <i>two</i><br><br>Line three</div>")
    assert [line for line in block_lines(container) if line] == ["Line one", "Line two", "Line three"]


def test_trafilatura_lines_keep_paragraphs_and_drop_comments():
    page = (
        "<html><body><nav><a href='/'>Home</a></nav><article><h1>Budget</h1>"
        + "".join(f"<p>{p}</p>" for p in STORY)
        + "</article><div class='comments'><p>First comment: this is great and I agree with it.</p></div>"
        "</body></html>"
    )
    lines = clean_lines(trafilatura_lines(lxml_html.fromstring(page), "https://example.com/a"))
    assert [line for line in lines if line in STORY] == STORY
    assert not any("First comment" in line for line in lines)


def test_body_text_joins_lines_or_gives_none():
    assert body_text(["a", " ", "b"]) == "a\nb"
    assert body_text([]) is None


_PARA = "This paragraph of the story is long enough to be prose, number {}."


def _split_story(extra: str = "") -> str:
    chunk = '<div class="row"><div class="story-body">{}</div><div class="ad">Ad</div></div>'
    first = chunk.format("".join(f"<p>{_PARA.format(i)}</p>" for i in (1, 2)))
    second = chunk.format("".join(f"<p>{_PARA.format(i)}</p>" for i in (3, 4)) + extra)
    related = '<div class="row"><div class="story-body"><h1>Other story</h1><p>' + _PARA.format(9) + "</p></div></div>"
    return f"<html><body><main>{first}{second}{related}</main></body></html>"


def test_continued_lines_follow_a_story_split_into_sibling_containers():
    tree = lxml_html.fromstring(_split_story())
    lines = [_PARA.format(1), _PARA.format(2)]
    assert continued_lines(tree, lines) == [_PARA.format(3), _PARA.format(4)]


def test_continued_lines_stop_at_the_author_box_and_skip_links():
    extra = '<p><a href="/x">A linked headline of another story</a></p><h3>About the Author</h3><p>Jane Doe is ...</p>'
    tree = lxml_html.fromstring(_split_story(extra))
    assert continued_lines(tree, [_PARA.format(1), _PARA.format(2)]) == [_PARA.format(3), _PARA.format(4)]


def test_continued_lines_need_a_matching_paragraph():
    tree = lxml_html.fromstring(_split_story())
    assert continued_lines(tree, ["A line that is not on the page at all, long enough to count."]) == []
