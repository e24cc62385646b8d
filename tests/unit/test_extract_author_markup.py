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
