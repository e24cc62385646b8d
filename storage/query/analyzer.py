"""The one analyzer of search: the words and stems that the store indexes and that queries ask for.

Both backends index exactly what this module produces (SQLite's FTS5 splits the tokens on
spaces only, PostgreSQL gets a ``tsvector`` of them), so a query finds the same articles on
either. A word is a run of letters and digits after NFC and lower-casing ("İ" becomes "i").
Each word also gets stems: Snowball (``snowballstemmer``) for Russian, Turkish and English,
our own rules for Azerbaijani (:mod:`storage.query.azerbaijani`); an article in another or an
unknown language gets the stems of all four, and a query word asks for all four. Russian
words also get the stem of their stem: Snowball reads "Азербайджан" as "азербайджа" but
"Азербайджане" as "азербайджан", and the second pass lets them meet.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from functools import lru_cache
from typing import Any

from storage.query import azerbaijani

_WORD = re.compile(r"[^\W_]+")
_DOTTED_I = "i\u0307"  # what lower-casing "İ" leaves
_SNOWBALL = {"en": "english", "ru": "russian", "tr": "turkish"}
STEMMED_LANGUAGES = ("en", "ru", "tr", "az")
#: Longest word indexed, in characters (PostgreSQL's lexemes stop at 2,047 bytes).
MAX_WORD = 500


def fold(text: str) -> str:
    """NFC, lower case, "İ" as "i"."""
    return unicodedata.normalize("NFC", text).lower().replace(_DOTTED_I, "i")


def words(text: str | None) -> list[str]:
    """The indexed words of a text, in order (words longer than :data:`MAX_WORD` are left out)."""
    if not text:
        return []
    return [w for w in _WORD.findall(fold(text)) if len(w) <= MAX_WORD]


_per_thread = threading.local()


def _snowball(language: str) -> Any:
    """This thread's stemmer: a Snowball stemmer keeps the word it works on in itself, and the
    store's writer threads of crawls in one process stem at the same time. Imported on first
    use, which a command that imports the store but searches nothing then never pays; with
    PyStemmer installed (a dependency) ``snowballstemmer`` hands out its C stemmers and imports
    one module instead of its 36 pure-Python ones."""
    stemmers: dict[str, Any] | None = getattr(_per_thread, "stemmers", None)
    if stemmers is None:
        stemmers = _per_thread.stemmers = {}
    if language not in stemmers:
        import snowballstemmer

        stemmers[language] = snowballstemmer.stemmer(_SNOWBALL[language])
    return stemmers[language]


@lru_cache(maxsize=50_000)
def _stem_once(word: str, language: str) -> str:
    if language == "az":
        return azerbaijani.stem(word)
    return _snowball(language).stemWord(word)


def stem(word: str, language: str) -> str:
    """A folded word's stem key in a language of :data:`STEMMED_LANGUAGES`."""
    return _stem_once(word, language)


def stems(word: str, language: str | None) -> set[str]:
    """The stems an article in ``language`` indexes for a folded word (all languages' when not stemmed)."""
    code = (language or "").split("-")[0].lower()
    languages = (code,) if code in STEMMED_LANGUAGES else STEMMED_LANGUAGES
    found: set[str] = set()
    for lang in languages:
        first = _stem_once(word, lang)
        found.add(first)
        if lang == "ru":  # Snowball's Russian: see the module docstring
            found.add(_stem_once(first, lang))
    found.discard("")
    return found or {word}


def query_stems(word: str) -> list[str]:
    """The stems a query word asks for: any of them in an article's stems is a match."""
    return sorted(stems(word, None))
