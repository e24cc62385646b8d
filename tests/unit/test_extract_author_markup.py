"""Authors from each kind of markup: rel=author, hCard, schema.org Person in microdata and RDFa, byline labels."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from crawler.extract import extract_article

FETCHED = datetime(2026, 11, 25, tzinfo=UTC)
STORY = "".join(
    f"<p>Paragraph {n} of the story tells what the council decided about the bridge and the ferry this week.</p>"
    for n in range(5)
)


def authors_of(markup: str, lang: str = "en") -> list[str]:
    page = f"""<!DOCTYPE html><html lang="{lang}"><head><title>Bridge reopens</title></head><body><article>
    <h1>Bridge reopens</h1>{markup}{STORY}</article>
    <footer><div class="vcard"><span class="fn org">Riverside Gazette</span> 1 Main St</div></footer>
    </body></html>"""
    item = extract_article("https://gazette.example.com/news/bridge-reopens", page, None, fetched_at=FETCHED)
    assert item is not None
    return [a.name for a in item.authors]


def test_rel_author_link() -> None:
    assert authors_of('<p class="meta"><a rel="author" href="/people/jane-doe">Jane Doe</a></p>') == ["Jane Doe"]


def test_hcard_in_a_byline() -> None:
    markup = '<div class="byline">By <span class="author vcard"><span class="fn">Jane Doe</span></span></div>'
    assert authors_of(markup) == ["Jane Doe"]


def test_an_hcard_outside_a_byline_is_not_an_author() -> None:
    assert authors_of("") == []


def test_schema_org_person_in_microdata() -> None:
    markup = (
        '<div itemprop="author" itemscope itemtype="https://schema.org/Person">'
        '<span itemprop="name">Jane Doe</span></div>'
    )
    assert authors_of(markup) == ["Jane Doe"]


def test_schema_org_person_in_rdfa() -> None:
    markup = (
        '<div property="schema:author" typeof="schema:Person"><span property="schema:name">Jan Kowalski</span></div>'
    )
    assert authors_of(markup, "pl") == ["Jan Kowalski"]


@pytest.mark.parametrize(
    ("byline", "lang", "expected"),
    [
        ("Von Hans Müller und Petra Schmidt, Berlin", "de", ["Hans Müller", "Petra Schmidt"]),
        ("Par Marie Dupont et Paul Martin", "fr", ["Marie Dupont", "Paul Martin"]),
        ("Por Ana García y Pedro López", "es", ["Ana García", "Pedro López"]),
        ("Di Marco Rossi", "it", ["Marco Rossi"]),
        ("Door Jan de Vries", "nl", ["Jan de Vries"]),
        ("Подготовила Мария Сидорова", "ru", ["Мария Сидорова"]),
        ("Hazırladı: Nigar Məmmədova", "az", ["Nigar Məmmədova"]),
        ("Hazırlayan: Ayşe Kaya", "tr", ["Ayşe Kaya"]),
    ],
)
def test_visible_byline_labels(byline: str, lang: str, expected: list[str]) -> None:
    assert authors_of(f'<div class="byline">{byline}</div>', lang) == expected


def test_commenters_marked_up_as_hcards_are_not_authors() -> None:
    comments = "".join(
        f'<li class="comment"><div class="comment-author vcard"><cite class="fn">Reader{n}</cite></div>'
        f"<p>I agree with this.</p></li>"
        for n in range(4)
    )
    assert authors_of(f'<div class="byline">By Jane Doe</div><ol class="comment-list">{comments}</ol>') == ["Jane Doe"]


def test_a_section_before_the_names_in_a_byline_is_not_an_author() -> None:
    assert authors_of('<div class="byline">Politik · Hans Müller, Petra Schmidt</div>', "de") == [
        "Hans Müller",
        "Petra Schmidt",
    ]


def test_rel_author_links_in_an_address_of_the_story_meta_column() -> None:
    markup = (
        '<aside class="meta"><address><a rel="author" href="/profile/jane-doe">Jane Doe</a> and '
        '<a rel="author" href="/profile/john-roe">John Roe</a></address></aside>'
    )
    assert authors_of(markup) == ["Jane Doe", "John Roe"]


def test_rel_author_links_in_a_sidebar_are_not_the_story_authors() -> None:
    markup = '<aside><h3>More from</h3><a rel="author" href="/profile/john-roe">John Roe</a></aside>'
    assert authors_of(markup) == []


def test_schema_org_person_whose_name_is_a_meta_or_link_content() -> None:
    for tag in ("meta", "link"):
        markup = (
            f'<span itemprop="author" itemscope itemtype="http://schema.org/Person">'
            f'<{tag} itemprop="name" content="Jane Doe"></span>'
        )
        assert authors_of(markup) == ["Jane Doe"]


def test_the_author_of_a_pull_quote_is_not_the_story_author() -> None:
    quote = (
        '<div class="pull-quote"><blockquote>We agree.</blockquote>'
        '<div class="pull-quote__author"><span class="author">John Roe</span></div></div>'
    )
    assert authors_of(quote) == []
    assert authors_of(f'<div class="byline">By Jane Doe</div>{quote}') == ["Jane Doe"]


def test_a_photo_credit_in_microdata_gives_way_to_the_visible_byline() -> None:
    markup = (
        '<figure itemscope itemtype="http://schema.org/ImageObject"><img src="/a.jpg" alt="">'
        '<figcaption itemprop="author">Photograph by John Roe</figcaption></figure>'
        '<div class="byline">By Jane Doe</div>'
    )
    assert authors_of(markup) == ["Jane Doe"]


@pytest.mark.parametrize(
    ("byline", "lang", "expected"),
    [
        ("Verfasst von Hans Müller", "de", ["Hans Müller"]),
        ("Autor: Hans Müller", "de", ["Hans Müller"]),
        ("Opublikowano przez Jan Kowalski", "pl", ["Jan Kowalski"]),
        ("By Jane Doe, NEW YORK", "en", ["Jane Doe"]),
        ("Redaktion", "de", []),
        ("Redazione ANSA", "it", ["ANSA"]),
    ],
)
def test_more_visible_byline_labels(byline: str, lang: str, expected: list[str]) -> None:
    assert authors_of(f'<div class="byline">{byline}</div>', lang) == expected


@pytest.mark.parametrize(
    ("markup", "lang", "expected"),
    [
        ("<p>Von Hans Müller</p>", "de", ["Hans Müller"]),
        ('<p>Verfasst von <a href="/team/hm">Hans Müller</a></p>', "de", ["Hans Müller"]),
        ("<span>Autor: Jan Kowalski</span>", "pl", ["Jan Kowalski"]),
        ("<p>Par Marie Dupont et Paul Martin</p>", "fr", ["Marie Dupont", "Paul Martin"]),
        ("<div>Opublikowano przez Jan Kowalski</div>", "pl", ["Jan Kowalski"]),
        ("<p>Подготовила Мария Сидорова</p>", "ru", ["Мария Сидорова"]),
        ('<div class="autor">Hans Müller</div>', "de", ["Hans Müller"]),
        ('<span class="auteur">Marie Dupont</span>', "fr", ["Marie Dupont"]),
        ("<p>Por eso el puente sigue cerrado.</p>", "es", []),
        ("<p>Di notte il ponte resta chiuso.</p>", "it", []),
    ],
)
def test_labelled_bylines_without_a_byline_class(markup: str, lang: str, expected: list[str]) -> None:
    assert authors_of(markup, lang) == expected


def test_a_byline_element_that_names_no_one_gives_way_to_the_next() -> None:
    markup = '<span class="autor-kuerzel">(hm)</span><div class="author">Von Dr. Hans Müller</div>'
    assert authors_of(markup, "de") == ["Hans Müller"]


def test_two_names_in_one_microdata_person_are_two_authors() -> None:
    markup = (
        '<div itemprop="author" itemscope itemtype="http://schema.org/Person">'
        '<span itemprop="name">Jane Doe</span><span itemprop="name">John Roe, The Associated Press</span></div>'
    )
    assert authors_of(markup) == ["Jane Doe", "John Roe", "AP"]


def test_the_employer_inside_a_microdata_person_is_no_author() -> None:
    markup = (
        '<div itemprop="author" itemscope itemtype="http://schema.org/Person"><span itemprop="name">Jane Doe</span>'
        '<span itemprop="worksFor" itemscope itemtype="http://schema.org/Organization">'
        '<span itemprop="name">Riverside Gazette</span></span></div>'
    )
    assert authors_of(markup) == ["Jane Doe"]


def test_a_photo_credit_inside_a_picture_is_no_byline() -> None:
    markup = (
        '<picture><img src="/bridge.jpg" alt="The bridge"><div><p class="credits">example.com/John Roe</p></div>'
        '</picture><p class="byline">By Jane Doe</p>'
    )
    assert authors_of(markup) == ["Jane Doe"]
