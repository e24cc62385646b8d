"""parse_byline on what pages write into an author's part beside the name: weekdays, outlets, links, labels."""

from __future__ import annotations

import pytest

from crawler.normalize.byline_parts import trim, unescape
from crawler.normalize.bylines import parse_byline


def names(raw: str, language: str = "en") -> list[tuple[str, str]]:
    return [(a.name, a.kind) for a in parse_byline(raw, languages=(language,))]


CASES = [
    # the story's weekday glued to the byline
    ("By Anna Smith and Ben Jones Tuesday", [("Anna Smith", "person"), ("Ben Jones", "person")]),
    ("by Carl Berg Friday", [("Carl Berg", "person")]),
    # the outlet a writer works for
    ("By Dana White For Examplenews", [("Dana White", "person")]),
    ("Dana White for The Example Times", [("Dana White", "person")]),
    ("Ellen Hart. Example International", [("Ellen Hart", "person")]),
    # the link to the writer's other stories
    ("Frida Koch Alle Artikel", [("Frida Koch", "person")]),
    ("Gail Ross View all posts", [("Gail Ross", "person")]),
    ("Hugo Petit Tous les articles", [("Hugo Petit", "person")]),
    # a lower-case label before one name
    ("von Heinrich", [("Heinrich", "person")]),
    # labels that are never part of a name, before one name; the agencies of more countries
    ("Af Ritzau", [("Ritzau", "organization")]),
    ("Av Kari", [("Kari", "person")]),
    ("Hilma af Klint", [("Hilma af Klint", "person")]),
    ("Europa Press", [("Europa Press", "organization")]),
    # an agency's beat is no name
    ("By IVAN NOVAK, AP Health Writer", [("Ivan Novak", "person"), ("AP", "organization")]),
    # desk and role words in more languages, written with their accents
    ("Redação", []),
    ("redaktori", []),
    ("Гость", []),
    ("ΣΥΝΤΑΚΤΙΚΗ ΟΜΑΔΑ", []),
    ("Staff Reports", []),
    ("Auswärtige Autoren", []),
    # character references left in the markup
    ("Jos&#xE9; Pinto", [("José Pinto", "person")]),
    # two family names joined by "e" after a given name (Portuguese), and two people joined by it
    ("José Volta e Pinto", [("José Volta e Pinto", "person")]),
    ("Ana Sousa e João Costa", [("Ana Sousa", "person"), ("João Costa", "person")]),
    ("Marie e Pierre", []),
]


@pytest.mark.parametrize(("raw", "expected"), CASES)
def test_parts(raw: str, expected: list[tuple[str, str]]) -> None:
    assert names(raw) == expected


KEPT = [
    "Bruce Y. Lee",  # an initial's full stop ends no sentence
    "Dr. Hans Müller",  # nor an honorific's (dropped later)
    "Chris Hoy",  # a family name that is a day elsewhere stays
    "Martin Luther King Jr.",
    "Ursula von der Leyen",
    "the economy on Monday",  # a sentence is not cut into a name
]


@pytest.mark.parametrize("part", KEPT)
def test_trim_keeps(part: str) -> None:
    assert trim(part) == part


def test_trim_keeps_particles_in_what_is_left() -> None:
    assert trim("Ursula von der Leyen For Examplenews") == "Ursula von der Leyen"


def test_sentences_stay_no_one() -> None:
    assert names("The president met ministers and discussed the economy on Monday") == []


def test_unescape_only_with_references() -> None:
    assert unescape("Anna &amp; Ben") == "Anna & Ben"
    assert unescape("Anna Smith") == "Anna Smith"
