"""The analyzer (words, stems, the Azerbaijani rules on a word list), the parser's trees and the compiled queries."""

from __future__ import annotations

import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storage.query import azerbaijani
from storage.query.analyzer import query_stems, stems, words
from storage.query.compiler import fts5, tsquery
from storage.query.document import MAX_BODY_WORDS, search_document
from storage.query.parser import MAX_DEPTH, MAX_TERMS, And, Not, Or, Phrase, QuerySyntaxError, Term, parse

# Forms of one Azerbaijani word each: plural, possessive, cases, in both vowel harmonies.
AZERBAIJANI_FAMILIES = [
    ["Azərbaycan", "Azərbaycanın", "Azərbaycana", "Azərbaycanda", "Azərbaycandan", "Azərbaycanı"],
    ["şəhər", "şəhərlər", "şəhərlərdə", "şəhərin", "şəhərə", "şəhərdən", "şəhərlərin", "şəhərdir"],
    ["Bakı", "Bakının", "Bakıya", "Bakıda", "Bakıdan", "Bakıdakı"],
    ["kitab", "kitablar", "kitabı", "kitabın", "kitablardan", "kitabım", "kitabımız"],
    ["paytaxt", "paytaxtı", "paytaxtında", "paytaxtın"],
    ["park", "parkda", "parkı", "parklar"],
    ["ev", "evlər", "evdə", "evimiz"],
    ["prezident", "prezidentin", "prezidentə", "prezidentlə"],
    ["Türkiyə", "Türkiyənin", "Türkiyəyə", "Türkiyədə"],
    ["ölkə", "ölkələr", "ölkəmiz", "ölkənin", "ölkədə"],
    ["iqtisadiyyat", "iqtisadiyyatı", "iqtisadiyyatın"],
    ["Gəncə", "Gəncəyə", "Gəncədə", "Gəncənin"],
]
# Different words that must stay apart.
AZERBAIJANI_APART = [("şəhər", "şəkər"), ("park", "bakı"), ("kitab", "kitabxana"), ("ev", "evlilik")]


@pytest.mark.parametrize("family", AZERBAIJANI_FAMILIES, ids=lambda family: family[0])
def test_azerbaijani_forms_share_a_stem(family):
    assert len({azerbaijani.stem(words(form)[0]) for form in family}) == 1, [
        azerbaijani.stem(f.lower()) for f in family
    ]


@pytest.mark.parametrize(("one", "other"), AZERBAIJANI_APART)
def test_different_azerbaijani_words_keep_different_stems(one, other):
    assert azerbaijani.stem(one) != azerbaijani.stem(other)


@pytest.mark.parametrize(
    ("query", "form", "language"),
    [
        ("Азербайджан", "Азербайджана", "ru"),
        ("Азербайджан", "Азербайджане", "ru"),
        ("Азербайджане", "Азербайджан", "ru"),
        ("Москва", "Москвы", "ru"),
        ("Azərbaycan", "Azərbaycanın", "az"),
        ("Türkiye", "Türkiye'nin", "tr"),
        ("Türkiye", "Türkiye'nin", None),
        ("sanction", "sanctions", "en"),
        ("sanctions", "sanction", None),  # an article without a language gets every stemmer's stems
    ],
)
def test_a_query_word_meets_its_forms(query, form, language):
    indexed = stems(words(form)[0], language)
    assert set(query_stems(words(query)[0])) & indexed


def test_words_fold_case_and_the_dotted_capital_i():
    assert words("İLHAM Əliyev, O'Brien 3.14 snake_case") == [
        "ilham",
        "əliyev",
        "o",
        "brien",
        "3",
        "14",
        "snake",
        "case",
    ]
    assert words("x" * 501 + " kept") == ["kept"]


def test_the_document_is_capped_the_same_way_for_both_backends():
    document = search_document("Head", None, " ".join(f"w{n}" for n in range(MAX_BODY_WORDS + 10)))
    assert len(document.body) == MAX_BODY_WORDS
    assert f"'w{MAX_BODY_WORDS - 1}'" in document.tsvector()
    assert f"w{MAX_BODY_WORDS}" not in document.tsvector()


@pytest.mark.parametrize(
    ("query", "tree"),
    [
        ("a b", And((Term("a"), Term("b")))),
        ("a AND b", And((Term("a"), Term("b")))),
        ("a OR b c", Or((Term("a"), And((Term("b"), Term("c")))))),
        ("-a", Not(Term("a"))),
        ("NOT (a OR b)", Not(Or((Term("a"), Term("b"))))),
        ('-"a b"', Not(Phrase(("a", "b")))),
        ("nato*", Term("nato", prefix=True)),
        ("headline:(a OR b)", Or((Term("a", "headline"), Term("b", "headline")))),
        ('author:"Leyla Əliyeva"', Phrase(("leyla", "əliyeva"), "author")),
        ("source:lenta_ru", Phrase(("lenta", "ru"), "source")),
        ("Türkiye'nin", Phrase(("türkiye", "nin"))),
        ("a — b", And((Term("a"), Term("b")))),  # punctuation between words is nothing
        ("x-ray", Phrase(("x", "ray"))),
    ],
)
def test_the_parser_builds_the_tree(query, tree):
    assert parse(query) == tree


@pytest.mark.parametrize(
    ("query", "position"),
    [
        ('"abc', 1),
        ("a (b", 3),
        ("a b)", 4),
        ("OR", 1),
        ("a OR", 3),
        ("AND b", 1),
        ("NOT", 1),
        ("-", 1),
        ("*", 1),
        ("foo:bar", 1),
        ("a headline:", 3),
        ("headline:author:x", 10),
        ("()", 1),
        ('""', 1),
        ("", 1),
        ("(" * (MAX_DEPTH + 2) + "a" + ")" * (MAX_DEPTH + 2), MAX_DEPTH + 2),
        (" ".join(f"w{n}" for n in range(MAX_TERMS + 1)), len(" ".join(f"w{n}" for n in range(MAX_TERMS))) + 2),
    ],
)
def test_a_malformed_query_names_its_position(query, position):
    with pytest.raises(QuerySyntaxError) as raised:
        parse(query)
    assert raised.value.position == position
    assert "\n" not in str(raised.value)


def test_fts5_needs_no_implicit_and_and_takes_a_lone_not_from_every_row():
    query = fts5(parse("a -b"))
    assert query == '((({headline_stems body_stems} : ("a"))) NOT ({headline_stems body_stems} : ("b")))'
    assert fts5(parse("-b")).startswith('(({every} : "1") NOT')
    assert tsquery(parse('headline:"a b" -c*')) == "(('a':A <-> 'b':A) & !'c':*)"


@given(st.text(max_size=60))
def test_any_text_parses_or_raises_a_query_syntax_error(text):
    try:
        tree = parse(text)
    except QuerySyntaxError as exc:
        assert 1 <= exc.position <= len(text) + 1
    else:
        assert fts5(tree) and tsquery(tree)


def test_stemming_in_many_threads_at_once_gives_the_same_stems():
    """The store's writer threads (one per crawl of a process) stem at the same time."""
    from concurrent.futures import ThreadPoolExecutor

    from storage.query import analyzer

    vocabulary = [f"{stem}{ending}" for stem in ("москв", "азербайджан", "sanction", "govern") for ending in
                  ("а", "е", "ами", "s", "ing", "ed", "ation", "ой", "ых", "")] * 50  # fmt: skip

    def stems_of(words: list[str]) -> list[str]:
        analyzer._stem_once.cache_clear()  # make every thread stem, not read the cache
        return [analyzer._snowball(lang).stemWord(w) for w in words for lang in ("en", "ru", "tr")]

    expected = stems_of(vocabulary)
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)  # switch threads often: a shared stemmer then mixes words up every time
    try:
        with ThreadPoolExecutor(8) as pool:
            results = list(pool.map(stems_of, [vocabulary] * 16))
    finally:
        sys.setswitchinterval(interval)
    assert all(result == expected for result in results)


# Letters of the stemmed languages, their case endings among them, for random words.
_LETTERS = "abcdefghijklmnopqrstuvwxyzçğıöşüâîûабвгдежзийклмнопрстуфхцчшщъыьэюяё"
_SNOWBALL_MODULES = {"english": "EnglishStemmer", "russian": "RussianStemmer", "turkish": "TurkishStemmer"}


@given(st.lists(st.text(alphabet=_LETTERS, min_size=1, max_size=18), min_size=1, max_size=40))
def test_the_c_stemmers_stem_as_the_pure_python_ones(vocabulary):
    """Archives indexed by either build of Snowball must answer the other's queries: the stems are identical."""
    import importlib

    import snowballstemmer

    for language, name in _SNOWBALL_MODULES.items():
        pure = getattr(importlib.import_module(f"snowballstemmer.{language}_stemmer"), name)()
        fast = snowballstemmer.stemmer(language)
        assert type(fast).__module__ == "Stemmer", "PyStemmer is a dependency: snowballstemmer should use it"
        for word in [*vocabulary, "азербайджана", "sanctions", "türkiye'nin", "правительства"]:
            assert fast.stemWord(word) == pure.stemWord(word), (language, word)
