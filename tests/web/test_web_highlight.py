"""The marked words of a result are the words the index matched: same stems, in the article's language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from crawler.web.highlight import mark, wanted
from storage.query.analyzer import fold, query_stems, stems

SEED = Path(__file__).parents[1] / "fixtures" / "seed" / "caliber-az-nato-synergy.txt"
TEXTS = {
    "en": SEED.read_text(encoding="utf-8")[:6000] + " Skies, skis, dying, lying, gently, ugly, early news cities.",
    "ru": (
        "Новые парки открылись в городах России. Горожане гуляли по паркам, мэр города говорил о парке; "
        "ёлки, ежи и учёные. Москвичи и москвички встретили весну."
    ),
    "az": (
        "Bakıda yeni park açıldı. Şəhərlərdə parklar, şəhərin mərkəzində sakinlər yaşıl məkanı alqışladılar. "
        "Azərbaycanın paytaxtında İlham Əliyev iştirak etdi; Türkiyənin nümayəndələri gəldilər."
    ),
    "tr": "İstanbul'da yeni parklar açıldı. Şehirlerde ağaçlar, kitaplıklar ve çocukların oyun alanları var.",
}


@pytest.mark.parametrize("language", [*TEXTS, None])
def test_a_word_is_marked_exactly_when_its_stems_meet_those_of_the_query(language):
    """Each distinct word of the text as a query, against every word: the page's shortcuts (a word is stemmed
    only when its first letter starts a wanted stem, answers kept per word) change no answer."""
    text = TEXTS[language or "az"]
    words = sorted(set(re.findall(r"[^\W_]+", text)))
    assert len(words) > 10
    for query in words:
        asked = set(query_stems(fold(query)))
        expected = [w for w in words if asked & stems(fold(w), language)]
        found = wanted(query)
        assert [w for w in words if found.matches(w, language)] == expected, query


def test_marks_follow_the_article_language():
    assert str(mark("Şəhərlərdə yeni parklar", wanted("şəhər"), "az")) == "<mark>Şəhərlərdə</mark> yeni parklar"
    assert str(mark("The cities and a city", wanted("city"), "en")) == "The <mark>cities</mark> and a <mark>city</mark>"
    assert str(mark("Новые парки в городах", wanted("город"), "ru")) == "Новые парки в <mark>городах</mark>"
    assert (
        str(mark("<b>park</b> parks", wanted("park*"), "en"))
        == "&lt;b&gt;<mark>park</mark>&lt;/b&gt; <mark>parks</mark>"
    )
