"""One author part of a byline cleaned of what follows or precedes a name, and names put in proper case.

A part is what :mod:`crawler.normalize.bylines` cut out for one author. Pages write more than the name
into it: the weekday of the story ("Jeff Foust Monday"), the outlet the writer works for ("Jane Doe
For MailOnline", "Jane Doe. Sputnik International"), the link to the writer's other stories ("Julia
Deutsch Alle Artikel"), or a lower-case label before a single name ("von Heiner"). Each goes here.
"""

from __future__ import annotations

import html
import re

from crawler.normalize.byline_words import NAME_PARTICLES
from crawler.normalize.text import fold

#: Weekdays and relative days written right after a name (a dateline glued to the byline).
#: English only: other languages' weekdays are family names too ("Freitag", "Montag", "Domingo").
_DAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday"
_TRAILING_DAY = re.compile(rf"\s+(?:{_DAYS})\.?$", re.IGNORECASE)
#: "Jane Doe For MailOnline", "Jane Doe for The Daily Mail": the outlet the writer works for.
_FOR_OUTLET = re.compile(r"\s+(?:for|For|FOR)\s+(?:the\s+|The\s+)?[^\W\d_a-z]\S*(?:\s+\S+){0,3}$")
#: "Finian Cunningham. Sputnik International": a full stop after a word (not an initial) ends the name.
_SENTENCE_END = re.compile(r"(?<=[^\W\d_]{2})\.\s+(?=[^\W\d_])")
#: The link to the writer's other stories, read with the name ("Julia Deutsch Alle Artikel").
_MORE_BY = re.compile(
    r"\s+(?:(?:view\s+)?all\s+(?:articles|posts|stories)|more\s+(?:articles|posts|stories)(?:\s+by)?|alle\s+"
    r"(?:artikel|beiträge)|weitere\s+artikel|tous\s+(?:les|ses)\s+articles|todos\s+(?:los|sus)\s+art[ií]culos"
    r"|tutti\s+gli\s+articoli)\b.*$",
    re.IGNORECASE,
)
#: A lower-case label before one capitalized name: "von Heiner", "par Zoé" (a particle would be "Anna von Heiner").
_LOWER_LABEL_BEFORE_ONE_NAME = re.compile(r"^(?:von|par|por|door|przez|od)\s+(?=[^\W\d_a-z][^\W\d_]+$)")
#: Labels that are never part of a name ("Af Ritzau", "Av Kari"), before one name in any case.
_LABEL_BEFORE_ONE_NAME = re.compile(r"^(?i:af|av|przez)\s+(?=[^\W\d_a-z][^\W\d_]+$)")
_MIN_NAME_WORDS = 2


def unescape(text: str) -> str:
    """Character references left in a raw byline ("Jos&#xE9; Pinto" from markup escaped twice) read."""
    return html.unescape(text) if "&" in text else text


def trim(part: str) -> str:
    """``part`` without a trailing weekday, outlet, sentence or "all articles" link, or a lower-case leading
    label before a lone name; cut only when a capitalized name of two words or more is left."""
    part = _LABEL_BEFORE_ONE_NAME.sub("", _LOWER_LABEL_BEFORE_ONE_NAME.sub("", part))
    for pattern in (_MORE_BY, _TRAILING_DAY, _FOR_OUTLET):
        cut = pattern.sub("", part)
        if cut != part and _name_shaped(cut):
            part = cut
    head = _SENTENCE_END.split(part, maxsplit=1)[0]
    return head if head != part and _name_shaped(head) else part


def _name_shaped(text: str) -> bool:
    """Two words or more, each capitalized: what is left must look like a name for a cut to stand."""
    words = text.split()
    if len(words) < _MIN_NAME_WORDS or words[0][:1].islower() or words[-1][:1].islower():
        return False
    return all(not word[:1].islower() or fold(word) in NAME_PARTICLES for word in words)


def proper_case(word: str, *, turkic: bool) -> str:
    """``ANNE-MARIE`` → ``Anne-Marie``, ``O'BRIEN`` → ``O'Brien``, ``MCDONALD`` → ``McDonald``."""
    if fold(word) in NAME_PARTICLES:
        return _lower(word, turkic=turkic)
    pieces = re.split(r"([-'’.])", word)
    out = []
    for piece in pieces:
        if not piece or not piece[0].isalpha():
            out.append(piece)
            continue
        lowered = _lower(piece, turkic=turkic)
        cased = _upper(lowered[0], turkic=turkic) + lowered[1:]
        if len(cased) > 3 and cased.startswith("Mc"):
            cased = "Mc" + _upper(cased[2], turkic=turkic) + cased[3:]
        out.append(cased)
    return "".join(out)


def _lower(text: str, *, turkic: bool) -> str:
    if turkic:
        text = text.replace("I", "ı").replace("İ", "i")
    return text.lower()


def _upper(text: str, *, turkic: bool) -> str:
    if turkic:
        text = text.replace("i", "İ").replace("ı", "I")
    return text.upper()
