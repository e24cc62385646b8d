"""parse_byline in the major European languages and the sources' four: labels, roles, joins, places."""

from __future__ import annotations

import pytest

from crawler.items import Author
from crawler.normalize.bylines import parse_byline


def names(raw: str, language: str = "en") -> list[str]:
    return [a.name for a in parse_byline(raw, languages=(language,))]


LABELS = [
    # English, "prepared by" forms included
    ("Prepared by Anna Smith", "en", ["Anna Smith"]),
    ("Compiled by Anna Smith", "en", ["Anna Smith"]),
    ("Posted by Anna Smith", "en", ["Anna Smith"]),
    # German
    ("Von Hans Müller", "de", ["Hans Müller"]),
    ("von Hans Müller", "de", ["Hans Müller"]),
    ("Verfasst von Hans Müller", "de", ["Hans Müller"]),
    ("Autor: Hans Müller", "de", ["Hans Müller"]),
    ("Autorin: Petra Schmidt", "de", ["Petra Schmidt"]),
    ("Ein Beitrag von Petra Schmidt", "de", ["Petra Schmidt"]),
    # French
    ("Par Marie Dupont", "fr", ["Marie Dupont"]),
    ("par Marie Dupont", "fr", ["Marie Dupont"]),
    ("Publié par Marie Dupont", "fr", ["Marie Dupont"]),
    ("Rédigé par Marie Dupont", "fr", ["Marie Dupont"]),
    ("Auteur : Marie Dupont", "fr", ["Marie Dupont"]),
    # Spanish and Portuguese
    ("Por Juan Pérez", "es", ["Juan Pérez"]),
    ("Escrito por Juan Pérez", "es", ["Juan Pérez"]),
    ("Redactado por Juan Pérez", "es", ["Juan Pérez"]),
    ("Por: João Silva", "pt", ["João Silva"]),
    ("Publicado por João Silva", "pt", ["João Silva"]),
    # Italian
    ("Di Marco Rossi", "it", ["Marco Rossi"]),
    ("di Marco Rossi", "it", ["Marco Rossi"]),
    ("Scritto da Marco Rossi", "it", ["Marco Rossi"]),
    ("Autore: Marco Rossi", "it", ["Marco Rossi"]),
    # Dutch
    ("Door Jan de Vries", "nl", ["Jan de Vries"]),
    ("Geschreven door Jan de Vries", "nl", ["Jan de Vries"]),
    # Polish
    ("Opublikowano przez Jan Kowalski", "pl", ["Jan Kowalski"]),
    ("Autor: Jan Kowalski", "pl", ["Jan Kowalski"]),
    # Russian, Azerbaijani, Turkish: "prepared by" forms
    ("Подготовил Иван Петров", "ru", ["Иван Петров"]),
    ("Подготовила: Мария Сидорова", "ru", ["Мария Сидорова"]),
    ("Материал подготовил Иван Петров", "ru", ["Иван Петров"]),
    ("Hazırladı: Nigar Məmmədova", "az", ["Nigar Məmmədova"]),
    ("Hazırlayan: Ali Yılmaz", "tr", ["Ali Yılmaz"]),
    ("Derleyen: Ayşe Kaya", "tr", ["Ayşe Kaya"]),
    ("Haberi yazan: Ayşe Kaya", "tr", ["Ayşe Kaya"]),
    # Ukrainian: "prepared by" forms and author nouns
    ("Підготувала Олена Петренко", "uk", ["Олена Петренко"]),
    ("Матеріал підготував Іван Шевченко", "uk", ["Іван Шевченко"]),
    ("Автор матеріалу: Олена Петренко", "uk", ["Олена Петренко"]),
]


@pytest.mark.parametrize(("raw", "language", "expected"), LABELS)
def test_byline_labels(raw: str, language: str, expected: list[str]) -> None:
    assert names(raw, language) == expected


@pytest.mark.parametrize(
    ("raw", "language", "expected"),
    [
        ("Hans Müller und Petra Schmidt", "de", ["Hans Müller", "Petra Schmidt"]),
        ("Marie Dupont et Paul Martin", "fr", ["Marie Dupont", "Paul Martin"]),
        ("Ana García y Pedro López", "es", ["Ana García", "Pedro López"]),
        ("Marco Rossi e Giulia Bianchi", "it", ["Marco Rossi", "Giulia Bianchi"]),
        ("Jan Kowalski i Anna Nowak", "pl", ["Jan Kowalski", "Anna Nowak"]),
        ("Jan de Vries en Piet Bakker", "nl", ["Jan de Vries", "Piet Bakker"]),
        ("Олена Петренко та Іван Шевченко", "uk", ["Олена Петренко", "Іван Шевченко"]),
        ("Олена Петренко і Іван Шевченко", "uk", ["Олена Петренко", "Іван Шевченко"]),
        ("José Ortega y Gasset", "es", ["José Ortega y Gasset"]),
    ],
)
def test_two_authors_joined_by_and_in_each_language(raw: str, language: str, expected: list[str]) -> None:
    assert names(raw, language) == expected


@pytest.mark.parametrize(
    "raw",
    ["Redaktion", "Autor", "Veröffentlicht", "Posted", "Photograph", "Rédaction", "Redacción", "Redazione", "Redactie"],
)
def test_labels_and_roles_alone_are_no_names(raw: str) -> None:
    assert names(raw) == []


def test_suffixes() -> None:
    assert names("By Martin Luther King Jr.") == ["Martin Luther King Jr."]
    assert names("By Jane Roe, PhD") == ["Jane Roe"]
    assert names("Von Dr. Hans Müller") == ["Hans Müller"]


@pytest.mark.parametrize(
    "raw",
    [
        "jane.doe [at] example [dot] com",
        "jane(at)example.com",
        "jane at example dot com",
        "@janedoe",
        "twitter.com/janedoe",
    ],
)
def test_obfuscated_emails_and_handles_are_no_names(raw: str) -> None:
    assert names(raw) == []


@pytest.mark.parametrize(
    ("raw", "language", "expected"),
    [
        ("By Jane Doe, Washington", "en", ["Jane Doe"]),
        ("By Jane Doe in Washington", "en", ["Jane Doe"]),
        ("Von Hans Müller, Berlin", "de", ["Hans Müller"]),
        ("Von Hans Müller aus Berlin", "de", ["Hans Müller"]),
        ("Par Marie Dupont, à Paris", "fr", ["Marie Dupont"]),
        ("Jane Doe - Kyiv", "en", ["Jane Doe"]),
        ("Jane Doe, John Roe", "en", ["Jane Doe", "John Roe"]),
    ],
)
def test_a_place_in_a_byline_is_not_a_second_author(raw: str, language: str, expected: list[str]) -> None:
    assert names(raw, language) == expected


def test_people_stay_people() -> None:
    assert parse_byline("Par Marie Dupont", languages=("fr",)) == [Author(name="Marie Dupont", kind="person")]


def test_a_soft_and_joins_only_full_names() -> None:
    assert names("Zone Justice et faits divers", "fr") == []


@pytest.mark.parametrize(
    ("raw", "language", "expected"),
    [
        ("Veröffentlicht von Hans Müller", "de", ["Hans Müller"]),
        ("Testo di Marco Rossi", "it", ["Marco Rossi"]),
        ("Texto: Ana García", "es", ["Ana García"]),
        ("Texte : Marie Dupont", "fr", ["Marie Dupont"]),
        ("Tekst: Jan Kowalski", "pl", ["Jan Kowalski"]),
        ("Autorka: Anna Nowak", "pl", ["Anna Nowak"]),
        ("Publié le 3 mars 2020 par Marie Dupont", "fr", ["Marie Dupont"]),
        ("Автор текста: Иван Петров", "ru", ["Иван Петров"]),
        ("Materialı hazırladı: Nigar Məmmədova", "az", ["Nigar Məmmədova"]),
        ("Haberi hazırlayan: Ayşe Kaya", "tr", ["Ayşe Kaya"]),
        ("Prepared by: Jane Doe", "en", ["Jane Doe"]),
    ],
)
def test_more_labels(raw: str, language: str, expected: list[str]) -> None:
    assert names(raw, language) == expected


@pytest.mark.parametrize(
    ("raw", "language"),
    [
        ("von Redaktion", "de"),
        ("Redaktion Politik", "de"),
        ("Por Redacción", "es"),
        ("Photograph by Jane Doe", "en"),
        ("Foto von Hans Müller", "de"),
        ("Photo de Marie Dupont", "fr"),
        ("Bild: Hans Müller", "de"),
        ("Zdjęcie: Jan Kowalski", "pl"),
        ("Автор фото: Олена Петренко", "uk"),
    ],
)
def test_desks_and_photo_credits_are_no_authors(raw: str, language: str) -> None:
    assert names(raw, language) == []


def test_a_degree_is_dropped_with_or_without_a_comma_but_a_family_name_is_kept() -> None:
    assert names("Jane Roe PhD") == ["Jane Roe"]
    assert names("Jane Roe, M.D.") == ["Jane Roe"]
    assert names("Yo-Yo Ma") == ["Yo-Yo Ma"]
    assert names("By John Smith Jr. and Jane Roe") == ["John Smith Jr.", "Jane Roe"]


def test_an_e_mail_written_out_with_dots_is_no_name() -> None:
    assert names("jane dot doe at example dot com") == []
    assert names("Jane Doe (jane dot doe at example dot com)") == ["Jane Doe"]


@pytest.mark.parametrize(
    ("raw", "language", "expected"),
    [
        ("By Jane Doe, New York", "en", ["Jane Doe"]),
        ("By Jane Doe, NEW YORK", "en", ["Jane Doe"]),
        ("Jane Doe and John Roe, Los Angeles", "en", ["Jane Doe", "John Roe"]),
        ("JANE DOE, JOHN ROE and MARY MAJOR", "en", ["Jane Doe", "John Roe", "Mary Major"]),
        ("Von Anna Schmidt, Washington, und Hans Müller, Berlin", "de", ["Anna Schmidt", "Hans Müller"]),
        ("Par Marie Dupont, à Paris, et Paul Martin", "fr", ["Marie Dupont", "Paul Martin"]),
    ],
)
def test_places_of_several_words_and_the_last_of_several_authors(raw: str, language: str, expected: list[str]) -> None:
    assert names(raw, language) == expected


def test_a_writer_s_short_sign_and_an_agency_with_its_word_for_agency() -> None:
    assert names("(mwo)", "de") == []
    assert parse_byline("Agencia EFE", languages=("es",)) == [Author(name="EFE", kind="organization")]
    assert parse_byline("Redazione ANSA", languages=("it",)) == [Author(name="ANSA", kind="organization")]
    assert names("Door: NU.nl", "nl") == []
    assert names("Door", "nl") == []
    assert names("In der", "de") == []
