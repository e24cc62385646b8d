"""Visible bylines and author links: small hand-written snippets for each rule."""

from __future__ import annotations

import pytest

from crawler.extract.byline import (
    author_link_names,
    by_label_texts,
    byline_links_of_credit_list,
    clean_visible_byline,
    names_the_site,
    visible_byline,
)
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
        ("By Joe Davidson Washington Post Dec 13, 2016 at 3:45 pm", "By Joe Davidson"),
        ("By The Washington Post", "By The Washington Post"),
        ("ZDNet Japan Staff 2019年04月28日 08時00分", "ZDNet Japan Staff"),
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


def test_short_user_profile_links_are_author_links() -> None:
    page = tree("<h1>H</h1><div class='owner'><a href='/u/EvilSpark'>EvilSpark</a></div><p>Text</p>")
    assert author_link_names(page, "https://example.com/paste") == ["EvilSpark"]


def test_author_links_labelled_as_another_credit_are_left_out() -> None:
    page = tree(
        "<h1>H</h1><div class='credits'>By <a href='/author/jane-doe'>Jane Doe</a>, "
        "illustration by <a href='/author/john-roe'>John Roe</a>, and <a href='/author/ann-poe'>Ann Poe</a></div>"
    )
    assert author_link_names(page, "https://example.com/story") == ["Jane Doe", "Ann Poe"]


def test_japanese_illustration_label_leaves_out_the_illustrator() -> None:
    page = tree(
        "<h1>H</h1><dl><dt>著者</dt><dd><a href='/author/a/'>太郎</a></dd>"
        "<dt>イラスト</dt><dd><a href='/author/b/'>花子</a></dd></dl>"
    )
    assert author_link_names(page, "https://example.com/book") == ["太郎"]


CREDIT_LIST = ["Jane Doe,Sam Roe,Ann Poe at Model Agency,Lee Moe for Brand"]


def test_a_metadata_credit_list_is_cut_to_the_visible_author_link() -> None:
    page = tree("<h1>H</h1><div class='meta'>written by <a href='/author/jane-doe'>Jane Doe</a></div><p>Text</p>")
    assert byline_links_of_credit_list(CREDIT_LIST, page, "https://example.com/story") == ["Jane Doe"]


def test_a_metadata_list_whose_names_the_byline_shows_stands() -> None:
    page = tree(
        "<h1>H</h1><div class='meta'>By <a href='/author/jane-doe'>Jane Doe</a>, Sam Roe and Ann Poe</div><p>Text</p>"
    )
    assert byline_links_of_credit_list(["Jane Doe, Sam Roe, Ann Poe"], page, "https://example.com/story") == []


def test_a_short_metadata_list_or_one_without_links_stands() -> None:
    linked = tree("<h1>H</h1><div class='meta'><a href='/author/jane-doe'>Jane Doe</a></div><p>Text</p>")
    assert byline_links_of_credit_list(["Jane Doe", "Sam Roe"], linked, "https://example.com/story") == []
    unlinked = tree("<h1>H</h1><div class='meta'>Jane Doe</div><p>Text</p>")
    assert byline_links_of_credit_list(CREDIT_LIST, unlinked, "https://example.com/story") == []


@pytest.mark.parametrize(
    ("name", "url", "expected"),
    [
        ("ASCII", "https://weekly.ascii.jp/elem/1.html", True),
        ("AOL", "https://www.aol.com/article/x", True),
        ("Al Smith", "https://www.al.com/news/x", False),
        ("ASCII", "", False),
    ],
)
def test_an_author_that_is_the_domain_name_names_the_site(name: str, url: str, expected: bool) -> None:
    assert names_the_site(name, url) is expected


def test_a_later_short_byline_is_taken_when_the_first_names_no_one() -> None:
    assert visible_byline(["(hm)", "Von Dr. Hans Müller"]) == "Von Dr. Hans Müller"
    # A long text is a sentence whose first words would only look like a name.
    sentence = "Edit with Live CSS Save Write CSS OR LESS and hit save. CTRL + SPACE for auto-complete."
    assert visible_byline(["Redacción", sentence]) == "Redacción"


@pytest.mark.parametrize(
    ("raw", "site", "expected"),
    [
        ("Do Diário Exemplo, em Lisboa", "Diário Exemplo", ""),
        ("Von Beispielblatt", "Beispielblatt", ""),
        ("Por Ana Lima, do Diário Exemplo", "Diário Exemplo", "Por Ana Lima, do"),
    ],
)
def test_a_byline_that_credits_only_the_site_names_no_one(raw: str, site: str, expected: str) -> None:
    assert clean_visible_byline(raw, [site]) == expected


def test_a_byline_label_of_more_languages_after_a_section_and_a_date() -> None:
    assert clean_visible_byline("Indland - 02. januar 2020 kl. 10:21 Af Ritzau") == "Af Ritzau"
