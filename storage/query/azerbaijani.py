"""Azerbaijani suffix stripping: no Snowball stemmer exists for it, so these rules are our own.

Inflection is agglutinative with vowel harmony: a stem takes a plural, a possessive, a case
and a predicative suffix in that order ("şəhər-lər-də", "paytaxt-ı-nda", "Azərbaycan-ın").
The rules strip at most one suffix of each slot, from the outside in, the longest that fits:
a suffix that starts with a vowel follows a consonant, one that starts with a buffer
consonant (n, y, s: the variant after a vowel) follows a vowel. Then final vowels and a
buffer consonant after a vowel go, so that "Azərbaycan" and "Azərbayca-nın" (as the rules
must read "Azərbaycanın"), "Türkiyə" and "Türkiyə-nin" meet. The results are keys, not
words; tests/analyst/test_query_analyzer.py checks them on a word list.
"""

from __future__ import annotations

VOWELS = frozenset("aıoueəiöü")
_BUFFERS = frozenset("nys")
_MIN_STEM = 2


def _harmony(*templates: str) -> tuple[str, ...]:
    """Suffix templates with "I" (ı i u ü) and "A" (a ə) expanded, longest first."""
    out: set[str] = set()
    for template in templates:
        forms = [""]
        for letter in template:
            options = "ıiuü" if letter == "I" else "aə" if letter == "A" else letter
            forms = [form + option for form in forms for option in options]
        out.update(forms)
    return tuple(sorted(out, key=len, reverse=True))


# Outermost slot first.
SLOTS: tuple[tuple[str, ...], ...] = (
    _harmony("dIr", "tIr"),  # predicative
    _harmony("dAkI", "ndAkI"),  # "the one in"
    _harmony(  # cases: genitive, dative, accusative, locative, ablative, instrumental
        "In", "nIn", "A", "yA", "nA", "I", "yI", "nI", "dA", "ndA", "dAn", "ndAn", "lA", "ylA"
    ),
    _harmony("I", "sI", "Im", "ImIz", "In", "InIz", "mIz", "nIz"),  # possessive
    _harmony("lAr"),  # plural
)  # fmt: skip


def _fits(stem: str, suffix: str) -> bool:
    if len(stem) < _MIN_STEM:
        return False
    if suffix[0] in VOWELS:
        return stem[-1] not in VOWELS
    if suffix[0] in _BUFFERS:
        return stem[-1] in VOWELS
    return True


def stem(word: str) -> str:
    """The stem key of a lower-case Azerbaijani word."""
    for suffixes in SLOTS:
        for suffix in suffixes:
            if word.endswith(suffix) and _fits(word[: -len(suffix)], suffix):
                word = word[: -len(suffix)]
                break
    while len(word) > _MIN_STEM and (word[-1] in VOWELS or (word[-1] in _BUFFERS and word[-2] in VOWELS)):
        word = word[:-1]
    return word
