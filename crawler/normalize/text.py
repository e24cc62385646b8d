"""Small text helpers shared by the normalizers: whitespace cleanup and a matching fold.

``clean_whitespace`` keeps the text as written (for names we print); ``fold`` is only
for *matching* words against tables: lower case, Turkish/Azerbaijani dotted and
dotless i merged, the few Latin diacritics of az/tr dropped, Russian ё read as е.
"""

from __future__ import annotations

import re
import unicodedata

# Zero-width characters and the BOM: invisible, but they break word boundaries.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# Every Unicode space (NBSP, thin, narrow NBSP, ideographic, ...) and line breaks.
_ANY_SPACE = re.compile(r"[\s\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
# Dashes and minus signs that people and CMSs use where an ASCII hyphen is meant.
_DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-"})

# The fold for matching: after lower(), these letters map to plain ASCII (az/tr) or е (ru).
_FOLD_LETTERS = str.maketrans(
    {"ı": "i", "ş": "s", "ç": "c", "ğ": "g", "ö": "o", "ü": "u", "ə": "e", "â": "a", "î": "i", "û": "u", "ё": "е"}
)


def clean_text(text: str | None) -> str:
    """``text`` with whitespace runs collapsed to one space and trimmed."""
    if not text:
        return ""
    if text.isprintable() and "  " not in text and text[0] != " " and text[-1] != " ":
        return text  # only single ASCII spaces between words: already clean (most texts cleaned again)
    # str.split() splits on the same Unicode whitespace as ``\s`` and is several times faster.
    return " ".join(text.split())


def clean_whitespace(text: str) -> str:
    """Collapse every kind of space to one ASCII space, drop invisible characters, unify dashes."""
    text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE.sub("", text).translate(_DASHES)
    return _ANY_SPACE.sub(" ", text).strip()


def fold(text: str) -> str:
    """Lower-case ``text`` for table look-ups, the same way in en, ru, az and tr.

    ``"İYUN".lower()`` would give ``"i̇yun"`` (with a combining dot) and ``"ARALIK".lower()``
    gives ``"aralik"`` rather than ``"aralık"``: folding both i's to ``i`` makes the
    ALL CAPITALS and the written forms meet. The result keeps one character per input
    character except for ``İ``, so never use positions in the fold to slice the original.
    """
    return text.replace("İ", "i").replace("I", "i").lower().translate(_FOLD_LETTERS)
