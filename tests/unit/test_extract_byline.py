"""Visible bylines and author links: small hand-written snippets for each rule."""

from __future__ import annotations

import pytest

from crawler.extract.byline import author_link_names, by_label_texts, clean_visible_byline, visible_byline
from crawler.extract.dom import load_tree


def tree(body: str):
    return load_tree(f"<html><head><title>t</title></head><body>{body}</body></html>")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("山田太郎2017-03-01 14:27:02", "山田太郎"),
        ("Written by Jane Doe in Politics on 1 June 2019", "Written by Jane Doe"),
        ("By Jane Doe for The Daily Planet", "By Jane Doe"),
        ("Jane Doe Jane Doe Covering the courts since the last century", "Jane Doe"),
        ("Jane Doe Writing about science and the people who make it", "Jane Doe"),
        ("By John Smith and Jane Doe", "By John Smith and Jane Doe"),
        ("By Ludwig van Beethoven", "By Ludwig van Beethoven"),
    ],
)
def test_clean_visible_byline(raw: str, expected: str) -> None:
    assert clean_visible_byline(raw) == expected


def test_a_bare_by_label_is_no_byline() -> None:
    assert visible_byline(["By", "By Jane Doe"]) == "By Jane Doe"


def test_by_label_texts_find_a_byline_without_a_byline_class() -> None:
    page = tree("<h1>Headline</h1><div class='x1'>By <span class='q'>Jane Doe</span></div><div>By</div><p>Text</p>")
    assert by_label_texts(page) == ["By Jane Doe"]


def test_by_label_texts_skip_navigation_and_long_texts() -> None:
    long_text = "By the way, " + "this is a sentence of the story. " * 10
    page = tree(f"<nav><div>By Menu Item</div></nav><p>{long_text}</p>")
    assert by_label_texts(page) == []


def test_editor_pages_are_author_links() -> None:
    page = tree("<h1>H</h1><div class='meta'><a href='https://example.com/about/editors/jane-doe/'>Jane Doe</a></div>")
    assert author_link_names(page, "https://example.com/story") == ["Jane Doe"]


def test_a_page_wide_nav_shell_does_not_hide_the_byline_of_the_article_inside() -> None:
    page = tree(
        "<div class='nav-drawer'><article><h1>H</h1>"
        "<div class='meta'><a href='/author/jane-doe'>Jane Doe</a></div><p>Text</p></article></div>"
    )
    assert author_link_names(page, "https://example.com/story") == ["Jane Doe"]


def test_people_linked_from_the_story_text_or_its_tags_are_not_authors() -> None:
    sentence = (
        "was married when he died and wanted all of his money to go to his wife, "
        "according to the filing in court on Monday."
    )
    page = tree(
        "<article><h1>H</h1>"
        f"<p><a href='/people/prince/'>Prince</a> {sentence}</p>"
        "<section class='tag-cloud'><a href='/people/prince/'>Prince</a></section></article>"
    )
    assert author_link_names(page, "https://example.com/story") == []
