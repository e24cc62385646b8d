"""parse_byline over a table of bylines in en, ru, az and tr: people and agencies told apart."""

from __future__ import annotations

import pytest

from crawler.items import Author
from crawler.normalize.agencies import AGENCIES, organization_name, trailing_outlet
from crawler.normalize.bylines import MAX_NAME_LENGTH, is_other_credit_label, parse_byline


def P(name: str) -> Author:
    return Author(name=name, kind="person")


def O(name: str) -> Author:  # noqa: E743
    return Author(name=name, kind="organization")


# (raw, languages, expected authors in order)
PREFIXES_AND_ROLES = [
    ("By John Smith", "en", [P("John Smith")]),
    ("by John Smith", "en", [P("John Smith")]),
    ("BY JOHN SMITH", "en", [P("John Smith")]),
    ("By: John Smith", "en", [P("John Smith")]),
    ("Written by Anna Smith", "en", [P("Anna Smith")]),
    ("Reporting by Anna Smith", "en", [P("Anna Smith")]),
    ("Reported by Anna Smith", "en", [P("Anna Smith")]),
    ("Story by Anna Smith", "en", [P("Anna Smith")]),
    ("Author: Anna Smith", "en", [P("Anna Smith")]),
    ("Authors: Anna Smith, John Doe", "en", [P("Anna Smith"), P("John Doe")]),
    ("Автор: Иван Петров", "ru", [P("Иван Петров")]),
    ("АВТОР: ИВАН ПЕТРОВ", "ru", [P("Иван Петров")]),
    ("Автор материала: Иван Петров", "ru", [P("Иван Петров")]),
    ("Авторы: Иван Петров, Мария Сидорова", "ru", [P("Иван Петров"), P("Мария Сидорова")]),
    ("Текст: Мария Сидорова", "ru", [P("Мария Сидорова")]),
    ("Müəllif: Ramiz Əliyev", "az", [P("Ramiz Əliyev")]),
    ("MÜƏLLİF: RAMİZ ƏLİYEV", "az", [P("Ramiz Əliyev")]),
    ("Müəllif - Nigar Məmmədova", "az", [P("Nigar Məmmədova")]),
    ("Yazar: Ali Yılmaz", "tr", [P("Ali Yılmaz")]),
    ("YAZAR: ALİ YILMAZ", "tr", [P("Ali Yılmaz")]),
    ("Haber: Ayşe Demir", "tr", [P("Ayşe Demir")]),
    ("John Smith, Staff Writer", "en", [P("John Smith")]),
    ("John Smith, Staff Reporter", "en", [P("John Smith")]),
    ("John Smith, Senior Correspondent", "en", [P("John Smith")]),
    ("Correspondent John Smith", "en", [P("John Smith")]),
    ("John Smith (Correspondent)", "en", [P("John Smith")]),
    ("John Smith, Moscow correspondent", "en", [P("John Smith")]),
    ("Корреспондент Иван Петров", "ru", [P("Иван Петров")]),
    ("Иван Петров, корреспондент", "ru", [P("Иван Петров")]),
    ("Специальный корреспондент Иван Петров", "ru", [P("Иван Петров")]),
    ("Обозреватель Мария Сидорова", "ru", [P("Мария Сидорова")]),
    ("Müxbir Ramiz Əliyev", "az", [P("Ramiz Əliyev")]),
    ("Muhabir Ali Yılmaz", "tr", [P("Ali Yılmaz")]),
    ("Ali Yılmaz - Köşe Yazarı", "tr", [P("Ali Yılmaz")]),
    ("Staff Writer", "en", []),
    ("Correspondent", "en", []),
    ("Корреспондент", "ru", []),
]

NOT_AUTHORS = [
    ("Reporting by Anna Smith; Editing by John Doe", "en", [P("Anna Smith")]),
    (
        "Reporting by Anna Smith and Tom Lee; Additional reporting by Mary Major; Editing by John Doe",
        "en",
        [P("Anna Smith"), P("Tom Lee"), P("Mary Major")],
    ),
    ("By Anna Smith. Edited by John Doe", "en", [P("Anna Smith")]),
    ("Edited by John Doe", "en", []),
    ("Editing by John Doe and Mary Major", "en", []),
    ("Photo: Reuters", "en", []),
    ("Photo by John Doe", "en", []),
    ("By Anna Smith. Photo: Reuters", "en", [P("Anna Smith")]),
    ("Anna Smith | Photo: John Doe", "en", [P("Anna Smith")]),
    ("Photo: John Doe | Anna Smith", "en", [P("Anna Smith")]),
    ("Фото: РИА Новости", "ru", []),
    ("Фото: Иван Петров", "ru", []),
    ("Автор: Иван Петров. Фото: РИА Новости", "ru", [P("Иван Петров")]),
    ("Иван Петров; Фото: Мария Сидорова", "ru", [P("Иван Петров")]),
    ("Редактор: Мария Сидорова", "ru", []),
    ("Источник: ТАСС", "ru", []),
    ("Redaktor: Ramiz Əliyev", "az", []),
    ("Müəllif: Nigar Məmmədova. Redaktor: Ramiz Əliyev", "az", [P("Nigar Məmmədova")]),
    ("Foto: APA", "az", []),
    ("Mənbə: Report", "az", []),
    ("Editör: Ali Yılmaz", "tr", []),
    ("Yazar: Ayşe Demir, Fotoğraf: Ali Yılmaz", "tr", [P("Ayşe Demir")]),
    ("© Reuters", "en", []),
]

SPLITTING = [
    ("Anna Smith and John Doe", "en", [P("Anna Smith"), P("John Doe")]),
    ("Anna Smith, John Doe and Mary Major", "en", [P("Anna Smith"), P("John Doe"), P("Mary Major")]),
    ("Anna Smith & John Doe", "en", [P("Anna Smith"), P("John Doe")]),
    ("Anna Smith / John Doe", "en", [P("Anna Smith"), P("John Doe")]),
    ("Anna Smith/John Doe", "en", [P("Anna Smith"), P("John Doe")]),
    ("Anna Smith | John Doe", "en", [P("Anna Smith"), P("John Doe")]),
    ("Anna Smith; John Doe", "en", [P("Anna Smith"), P("John Doe")]),
    ("Anna Smith - John Doe", "en", [P("Anna Smith"), P("John Doe")]),
    ("Anna Smith — John Doe", "en", [P("Anna Smith"), P("John Doe")]),
    ("ANNA SMITH AND JOHN DOE", "en", [P("Anna Smith"), P("John Doe")]),
    ("Иван Петров и Мария Сидорова", "ru", [P("Иван Петров"), P("Мария Сидорова")]),
    ("Иван Петров, Мария Сидорова и Олег Иванов", "ru", [P("Иван Петров"), P("Мария Сидорова"), P("Олег Иванов")]),
    ("ИВАН ПЕТРОВ И МАРИЯ СИДОРОВА", "ru", [P("Иван Петров"), P("Мария Сидорова")]),
    ("Əli Həsənov və Nigar Məmmədova", "az", [P("Əli Həsənov"), P("Nigar Məmmədova")]),
    ("ƏLİ HƏSƏNOV VƏ NİGAR MƏMMƏDOVA", "az", [P("Əli Həsənov"), P("Nigar Məmmədova")]),
    ("Ali Yılmaz ve Ayşe Demir", "tr", [P("Ali Yılmaz"), P("Ayşe Demir")]),
    ("ALİ YILMAZ VE AYŞE DEMİR", "tr", [P("Ali Yılmaz"), P("Ayşe Demir")]),
    ("Anna Smith and Anna Smith", "en", [P("Anna Smith")]),
    ("Anna Smith, ANNA SMITH", "en", [P("Anna Smith")]),
    ("Иван Петров, Иван Петров", "ru", [P("Иван Петров")]),
    ("By Anna Smith, by Anna Smith", "en", [P("Anna Smith")]),
    ("Trend, Trend News Agency", "en", [O("Trend")]),
    ("Anna Smith,, John Doe ,", "en", [P("Anna Smith"), P("John Doe")]),
    ("  Anna\u00a0Smith \n and\tJohn  Doe  ", "en", [P("Anna Smith"), P("John Doe")]),
]

NAMES = [
    ("H. G. Wells", "en", [P("H. G. Wells")]),
    ("H. G. WELLS", "en", [P("H. G. Wells")]),
    ("H.G. Wells", "en", [P("H.G. Wells")]),
    ("Anne-Marie O'Brien", "en", [P("Anne-Marie O'Brien")]),
    ("ANNE-MARIE O'BRIEN", "en", [P("Anne-Marie O'Brien")]),
    ("anne-marie o'brien", "en", [P("Anne-Marie O'Brien")]),
    ("Ronald McDonald", "en", [P("Ronald McDonald")]),
    ("RONALD MCDONALD", "en", [P("Ronald McDonald")]),
    ("Ludwig van Beethoven", "en", [P("Ludwig van Beethoven")]),
    ("Mohammed bin Salman", "en", [P("Mohammed bin Salman")]),
    ("Jean-Luc d'Artagnan", "en", [P("Jean-Luc d'Artagnan")]),
    ("Ramiz Əliyev oğlu", "az", [P("Ramiz Əliyev oğlu")]),
    ("İLHAM ƏLİYEV", "az", [P("İlham Əliyev")]),
    ("ILHAM ALIYEV", "en", [P("Ilham Aliyev")]),
    ("ŞÜKRÜ SARAÇOĞLU", "tr", [P("Şükrü Saraçoğlu")]),
    ("IŞIL AKSOY", "tr", [P("Işıl Aksoy")]),
    ("Анна-Мария Петрова", "ru", [P("Анна-Мария Петрова")]),
    ("Ayşe Demir", "tr", [P("Ayşe Demir")]),
    ("Madonna", "en", [P("Madonna")]),
    ("Anna Smith (@annasmith)", "en", [P("Anna Smith")]),
    ("Anna Smith anna.smith@example.com", "en", [P("Anna Smith")]),
    ("Anna Smith https://example.com/anna", "en", [P("Anna Smith")]),
    ("Anna Smith, www.example.com/anna", "en", [P("Anna Smith")]),
    ("anna.smith@example.com", "en", []),
    ("https://example.com/authors/anna-smith", "en", []),
    ("@annasmith", "en", []),
    ("www.example.com", "en", []),
]

ORGANIZATIONS = [
    ("Trend", "az", [O("Trend")]),
    ("TREND", "az", [O("Trend")]),
    ("by Trend", "en", [O("Trend")]),
    ("By Trend", "en", [O("Trend")]),
    ("Trend News Agency", "en", [O("Trend")]),
    ("Trend.az", "az", [O("Trend")]),
    ("APA", "az", [O("APA")]),
    ("Report", "az", [O("Report")]),
    ("Report.az", "az", [O("Report")]),
    ("Caliber.Az", "ru", [O("Caliber.Az")]),
    ("Azertac", "az", [O("Azertac")]),
    ("AZƏRTAC", "az", [O("Azertac")]),
    ("Turan", "az", [O("Turan")]),
    ("Interfax", "en", [O("Interfax")]),
    ("Интерфакс", "ru", [O("Interfax")]),
    ("TASS", "en", [O("TASS")]),
    ("ТАСС", "ru", [O("TASS")]),
    ("РИА Новости", "ru", [O("RIA Novosti")]),
    ("RIA Novosti", "en", [O("RIA Novosti")]),
    ("Reuters", "en", [O("Reuters")]),
    ("AP", "en", [O("AP")]),
    ("The Associated Press", "en", [O("AP")]),
    ("AFP", "en", [O("AFP")]),
    ("Anadolu Ajansı", "tr", [O("Anadolu")]),
    ("AA", "tr", [O("Anadolu")]),
    ("BBC", "en", [O("BBC")]),
    ("BBC News", "en", [O("BBC")]),
    ("RFE/RL", "en", [O("RFE/RL")]),
    ("«Интерфакс»", "ru", [O("Interfax")]),
    ("ИА Регнум", "ru", [O("Regnum")]),
    ("Anna Smith, Reuters", "en", [P("Anna Smith"), O("Reuters")]),
    ("Anna Smith (Reuters)", "en", [P("Anna Smith"), O("Reuters")]),
    ("By Anna Smith | AP", "en", [P("Anna Smith"), O("AP")]),
    ("Reuters and AFP", "en", [O("Reuters"), O("AFP")]),
    ("Иван Петров, ТАСС", "ru", [P("Иван Петров"), O("TASS")]),
    ("BBC correspondent", "en", [O("BBC")]),
    ("Корреспондент Интерфакс", "ru", [O("Interfax")]),
]

DATELINES = [
    ("Bakı. Trend:", "az", [O("Trend")]),
    ("BAKI. TREND:", "az", [O("Trend")]),
    ("Baku. Trend:", "en", [O("Trend")]),
    ("BAKU, Azerbaijan, Dec. 6. Trend:", "en", [O("Trend")]),
    ("Баку. Trend:", "ru", [O("Trend")]),
    ("Москва. Интерфакс", "ru", [O("Interfax")]),
    ("Москва. ИНТЕРФАКС -", "ru", [O("Interfax")]),
    ("Bakı. APA", "az", [O("APA")]),
    ("Ankara, 12 Mart (AA)", "tr", [O("Anadolu")]),
    ("Tbilisi. Trend:", "en", [O("Trend")]),
    ("Bakı. Trend: Azərbaycan Prezidenti İlham Əliyev bu gün görüşüb", "az", [O("Trend")]),
]

NOTHING = [
    ("", "en", []),
    ("   ", "en", []),
    ("By", "en", []),
    ("Автор:", "ru", []),
    ("Admin", "en", []),
    ("admin", "en", []),
    ("Editorial staff", "en", []),
    ("Редакция", "ru", []),
    ("Haber Merkezi", "tr", []),
    ("25 June 2026", "en", []),
    ("25 июня 2026 в 17:24", "ru", []),
    ("12.03.2025", "tr", []),
    ("The president met ministers and discussed the economy on Monday", "en", []),
    ("Президент провел встречу с министрами", "ru", []),
    ("Prezident nazirlərlə görüşüb", "az", []),
    ("Просмотров: 1234", "ru", []),
    ("https://example.com", "en", []),
    ("Read more", "en", []),
    ("Share on Facebook", "en", []),
    ("X" * 500, "en", []),
]

# Glued "By", Japanese labels, family name first.
LABELS_AND_ORDER = [
    ("ByTravis Haney", "en", [P("Travis Haney")]),
    ("BYJane Doe", "en", [P("Jane Doe")]),
    ("Byron Smith", "en", [P("Byron Smith")]),
    ("Bysshe Shelley", "en", [P("Bysshe Shelley")]),
    ("投稿者 Masafumi Negishi", "ja", [P("Masafumi Negishi")]),
    ("著者：後藤大地", "ja", [P("後藤大地")]),
    ("記者: 山田太郎", "ja", [P("山田太郎")]),
    ("文在寅", "ko", [P("文在寅")]),
    ("Gillman, Steve", "en", [P("Steve Gillman")]),
    ("GILLMAN, STEVE", "en", [P("Steve Gillman")]),
    ("Doe, Jane Q.", "en", [P("Jane Q. Doe")]),
    ("Smith, Reuters", "en", [P("Smith"), O("Reuters")]),
    ("Smith, Staff", "en", [P("Smith")]),
    ("John Smith, Jane Doe", "en", [P("John Smith"), P("Jane Doe")]),
]

# An outlet's staff credited as an organization; undotted initials; Japanese credits for other work.
STAFF_INITIALS_CREDITS = [
    ("AOL Staff", "en", [O("AOL Staff")]),
    ("TMZ STAFF", "en", [O("TMZ STAFF")]),
    ("By ZDNet Japan Staff", "en", [O("ZDNet Japan Staff")]),
    ("Anna Smith and CNN Staff", "en", [P("Anna Smith"), O("CNN Staff")]),
    ("Senior Staff", "en", []),
    ("News Staff", "en", []),
    ("our staff", "en", []),
    ("KT", "ja", []),
    ("Anna Smith, KT", "en", [P("Anna Smith")]),
    ("John Patrick Pullen, TIME", "en", [P("John Patrick Pullen")]),
    ("By SMITH", "en", [P("Smith")]),
    ("MADONNA", "en", [P("Madonna")]),
    ("著者 お米ゴハン イラスト 汐街コナ", "ja", [P("お米ゴハン")]),
    ("写真：山田太郎", "ja", []),
    ("記者：山田太郎 撮影：佐藤花子", "ja", [P("山田太郎")]),
    ("Joe Davidson, Washington Post", "en", [P("Joe Davidson"), O("The Washington Post")]),
    ("WASHINGTON (CBS) -", "en", [O("CBS News")]),
]

CASES = [
    pytest.param(raw, language, expected, id=f"{group}-{i}")
    for group, table in (
        ("roles", PREFIXES_AND_ROLES),
        ("not-authors", NOT_AUTHORS),
        ("split", SPLITTING),
        ("names", NAMES),
        ("orgs", ORGANIZATIONS),
        ("datelines", DATELINES),
        ("nothing", NOTHING),
        ("labels-order", LABELS_AND_ORDER),
        ("staff-initials-credits", STAFF_INITIALS_CREDITS),
    )
    for i, (raw, language, expected) in enumerate(table)
]


@pytest.mark.parametrize(("raw", "language", "expected"), CASES)
def test_parse_byline(raw: str, language: str, expected: list[Author]) -> None:
    assert parse_byline(raw, languages=(language,)) == expected


def test_table_is_large_enough() -> None:
    assert len(CASES) >= 100


def test_extra_organizations_are_credited_as_written() -> None:
    assert parse_byline("Qafqaz Xəbər", organizations=("Qafqaz Xəbər",)) == [O("Qafqaz Xəbər")]
    assert parse_byline("By QAFQAZ XƏBƏR and Anna Smith", organizations=("Qafqaz Xəbər",)) == [
        O("Qafqaz Xəbər"),
        P("Anna Smith"),
    ]


def test_languages_are_optional() -> None:
    assert parse_byline("Anna Smith and John Doe") == [P("Anna Smith"), P("John Doe")]


def test_long_names_are_refused() -> None:
    name = "Anna " + "B" * MAX_NAME_LENGTH
    assert parse_byline(name) == []


def test_every_listed_agency_is_an_organization_by_its_own_name() -> None:
    for name in AGENCIES:
        assert organization_name(name) == name, name
        assert parse_byline(name) == [O(name)], name


@pytest.mark.parametrize("raw", [None, 42, b"Anna Smith"])
def test_wrong_types_yield_nothing(raw: object) -> None:
    assert parse_byline(raw) == []  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Photo:", True),
        ("Illustrations by", True),
        ("イラスト", True),
        ("Credit -", True),
        ("By", False),
        ("and", False),
    ],
)
def test_other_credit_labels(text: str, expected: bool) -> None:
    assert is_other_credit_label(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Joe Davidson Washington Post", 12),
        ("Joe Davidson The Washington Post", 12),
        ("Anna Smith Trend", None),  # a one-word outlet may be a family name
        ("Washington Post reporter", None),
    ],
)
def test_trailing_outlet(text: str, expected: int | None) -> None:
    assert trailing_outlet(text) == expected
