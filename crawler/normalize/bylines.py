"""Raw bylines to a list of :class:`~crawler.items.Author`: people and agencies told apart.

The steps, each small:

1. Emails, URLs and @handles go (a byline that is only one of those yields nothing).
2. A dateline ("Bakı. Trend:", "BAKU, Azerbaijan, Dec. 6. Trend:", "Москва. Интерфакс")
   credits the agency alone.
3. Credit labels cut the byline into segments: "By", "Reporting by", "Автор:", "Müəllif:",
   "Yazar:" open an author segment; "Editing by", "Фото:", "Photo:", "Redaktor:" open one
   that is dropped (up to the next "|" or ";").
4. Author segments split on commas, "and", "и", "və", "ve", "&", "/", "|", ";", brackets.
5. Each part is an agency or outlet (:mod:`crawler.normalize.agencies`, or a name passed
   in ``organizations``), or a role to strip ("Staff Writer", "Корреспондент"), or a
   person's name when it looks like one (no digits, at most a few words, capitalized);
   anything else (a sentence, a date, "Admin") is dropped.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection, Sequence

from crawler.items import Author
from crawler.normalize import agencies
from crawler.normalize import byline_words as w
from crawler.normalize.byline_parts import proper_case, trim, unescape
from crawler.normalize.text import clean_whitespace, fold

MAX_BYLINE_LENGTH = 500
MAX_NAME_LENGTH = 60
MAX_NAME_WORDS = 5
_MAX_INITIALS = 3

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
#: E-mail addresses written to fool harvesters: "jane [at] example [dot] com", "jane(at)example.com".
_OBFUSCATED_EMAIL = re.compile(
    r"[\w.+-]+(?:\s*(?:[\[({<]\s*dot\s*[\])}>]|\s+dot\s+)\s*[\w+-]+)*"
    r"\s*(?:[\[({<]\s*at\s*[\])}>]|\s+at\s+)\s*[\w-]+(?:\s*(?:[\[({<]\s*dot\s*[\])}>]|\s+dot\s+|\.)\s*[\w-]+)+",
    re.IGNORECASE,
)
_URL = re.compile(r"(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}/\S*", re.IGNORECASE)
_HANDLE = re.compile(r"(?<![\w@])@\w{1,30}")
# "RFE/RL" must survive the split on "/".
_SLASHED_NAMES = re.compile(r"radio free europe\s*/\s*radio liberty|rfe\s*/\s*rl", re.IGNORECASE)


def _alternation(words: Sequence[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


#: Japanese and Chinese author labels, written before the name with a colon or a space: "投稿者 Taro", "著者：太郎".
_CJK_AUTHOR_LABELS = ("投稿者", "執筆者", "著者", "筆者", "作者", "記者", "记者", "撰文")
#: Japanese and Chinese labels of other credits (illustration, photos, editing, translation, supervision).
_CJK_OTHER_LABELS = (
    "イラスト",
    "写真",
    "撮影",
    "編集",
    "翻訳者",
    "翻訳",
    "訳者",
    "監修",
    "摄影",
    "编辑",
    "翻译",
    "译者",
)

_LABEL = re.compile(
    rf"(?<!\w)(?:(?P<author_by>{_alternation(w.AUTHOR_BY)})(?:\s*:?\s+|\s*:?$)|"
    rf"(?P<cjk_author>{_alternation(_CJK_AUTHOR_LABELS)})(?:\s*[:：]\s*|\s+)"
    rf"|(?P<cjk_other>{_alternation(_CJK_OTHER_LABELS)})(?:\s*[:：]\s*|\s+)|(?P<other_by>{_alternation(w.OTHER_BY)})\s*:?\s*"
    rf"|(?P<author_noun>{_alternation(w.AUTHOR_NOUNS)})\s*[:\-–—]\s*"
    rf"|(?P<other_noun>{_alternation(w.OTHER_NOUNS)})\s*[:\-–—]\s*|(?P<copyright>©|\(c\)))"
)
#: A text that ends with the label of a credit other than authorship: "Photo:", "Illustration by", "イラスト".
_OTHER_LABEL_AT_END = re.compile(
    rf"(?<!\w)(?:(?:{_alternation(w.OTHER_BY)}|{_alternation(_CJK_OTHER_LABELS)})\s*[:：]?"
    rf"|(?:{_alternation(w.OTHER_NOUNS)})\s*[:：\-–—])\s*$"
)
# A dropped credit ("Фото: РИА Новости") reaches to the next strong separator only.
_CREDIT_END = re.compile(r"[|;]")

#: "AOL Staff", "ZDNet Japan Staff": an outlet's staff, credited as an organization.
_OUTLET_STAFF = re.compile(r"^(?P<outlet>\S.{0,40}?)\s+staff$", re.IGNORECASE)
_MAX_OUTLET_WORDS = 3

# Between authors: punctuation, brackets, spaced dashes, and "and" in the four languages.
_SPLIT = re.compile(r"\s*(?:[,;|/&+•·()\[\]{}]|\s[-–—]\s|(?<=\s)(?:and|и|ve|və|with)(?=\s))\s*", re.IGNORECASE)

_ROLE = re.compile(rf"(?<!\w)(?:{_alternation(w.ROLE_WORDS)})(?!\w)")

# One word of a name: initials ("H.", "H.G."), or letters with inner hyphens and apostrophes.
_NAME_WORD = re.compile(r"(?:[^\W\d_]\.)+|[^\W\d_]+(?:[-'’][^\W\d_]+)*\.?")
# Lower-case prefixes glued to a capitalized name: "d'Artagnan", "al-Assad", "O'Brien" written "o'Brien".
_NAME_PREFIX = re.compile(r"[^\W\d_]{1,3}['’-][^\W\d_]")
_TURKIC_CAPITALS = re.compile("[ƏİĞŞ]")
#: "ByJane Doe": a "By" label glued to the name (markup without a space between them).
_GLUED_BY = re.compile(r"^(By|BY)(?=[^\W\d_a-z][^\W\d_A-Z])")
#: "Doe, Jane" or "Doe, Jane Q.": one family name, a comma, one given name (and initials), nothing else.
_FAMILY_FIRST = re.compile(r"^(?P<family>[^\W\d_][\w'’-]+),\s*(?P<given>[^\W\d_][\w'’-]+(?:\s+[^\W\d_]\.)*)$")


def is_other_credit_label(text: str) -> bool:
    """True when ``text`` ends with the label of a credit that is not authorship ("Photo:", "Illustration by")."""
    return bool(_OTHER_LABEL_AT_END.search(fold(clean_whitespace(text))))


def parse_byline(
    raw: str,
    *,
    languages: Sequence[str] = (),
    organizations: Collection[str] = (),
) -> list[Author]:
    """Split a byline into people and organizations, in order, without duplicates. Never raises.

    ``organizations`` are more names to credit as organizations (e.g. the configured sources').
    """
    try:
        return _parse(raw, tuple(languages), tuple(organizations))
    except Exception:  # noqa: BLE001 - a normalizer never raises into the crawl
        return []


def _parse(raw: str, languages: tuple[str, ...], organizations: tuple[str, ...]) -> list[Author]:
    if not isinstance(raw, str):
        return []
    text = clean_whitespace(unescape(raw[: MAX_BYLINE_LENGTH * 2]))[:MAX_BYLINE_LENGTH]
    text = _HANDLE.sub(" ", _URL.sub(" ", _EMAIL.sub(" ", _OBFUSCATED_EMAIL.sub(" ", text))))
    text = _SLASHED_NAMES.sub("RFE-RL", clean_whitespace(text))
    if not text.strip(" .,:;|/-"):
        return []
    text = _GLUED_BY.sub(r"\1 ", text)
    text = _LEADING_BY.sub("", text)
    text = _given_name_first(text, organizations)

    dateline = _dateline_agency(text, organizations)
    if dateline is not None:
        return [Author(name=dateline, kind="organization")]

    turkic = any(language.split("-")[0].casefold() in ("az", "tr") for language in languages)
    authors: list[Author] = []
    seen: set[str] = set()
    for segment in _author_segments(text):
        parts = _parts(segment)
        written = any(not p.isupper() for p in parts if any(c.isalpha() for c in p))
        for part in parts:
            if _is_suffix(part) and authors and authors[-1].kind == "person":
                authors[-1] = Author(name=f"{authors[-1].name} {part.strip(' ,')}", kind="person")
                continue
            author = _author(part, organizations, turkic=turkic, in_capitals=segment.isupper())
            if author is None:
                continue
            if authors and author.kind == "person" and _is_place(author.name, part, written=written):
                continue  # the place of a dateline after a name ("Jane Doe, Washington", "…, NEW YORK")
            key = fold(author.name)
            if key not in seen:
                seen.add(key)
                authors.append(author)
    return authors


#: A start-only label before a capitalized name: "Von Hans Müller", "par Marie Dupont" (not "Ursula von der Leyen").
#: A date may come first: "Publié le 3 mars 2020 par Marie Dupont".
_LEADING_BY = re.compile(
    rf"^(?:[^|;]*?\d[^|;]*?\s)?(?:{_alternation(w.LEADING_BY)})"
    rf"(?:\s*:\s*(?=\S)|\s+(?=[^\W\d_][^\W\d_]*\S*\s+[^\W\d_]))",
    re.IGNORECASE,
)
#: "und", "et", "y" opening a part: the join of the last of several authors ("…, Washington, und Hans Müller").
_LEADING_JOIN = re.compile(rf"^(?:{_alternation(w.SOFT_JOINS)})\s+(?=[^\W\d_a-z])")
_TRAILING_DEGREE = re.compile(rf"(?<=\S)\s+(?:{_alternation(w.DEGREES_AS_WRITTEN)})$")
_SOFT_JOIN = re.compile(rf"\s(?:{_alternation(w.SOFT_JOINS)})\s", re.IGNORECASE)
_PLACE_AFTER = re.compile(rf"\s+(?:{_alternation(w.PLACE_PREPOSITIONS)})\s+[^\W\d_].*$", re.IGNORECASE)
_HONORIFIC = re.compile(rf"^(?:{_alternation(w.HONORIFICS)})\.?\s+(?=\S)", re.IGNORECASE)
_DEGREE = re.compile(rf"^(?:{_alternation(w.DEGREES)})\.?$", re.IGNORECASE)
_SUFFIX = re.compile(rf"^(?:{_alternation(w.NAME_SUFFIXES)})\.?$", re.IGNORECASE)


def _parts(segment: str) -> list[str]:
    """A segment cut into one part per author: separators, then a soft "and" between two full names;
    a place after a name ("in Washington", "aus Berlin"), a title before it and a degree after it go."""
    parts: list[str] = []
    for part in _SPLIT.split(segment):
        pieces = _SOFT_JOIN.split(part)
        if len(pieces) == 2 and all(_full_name(piece) for piece in pieces):
            parts.extend(pieces)
        else:
            parts.append(part)
    cleaned = []
    for part in parts:
        part = trim(_LEADING_JOIN.sub("", part.strip()))
        part = _PLACE_AFTER.sub("", part) if len(_PLACE_AFTER.sub("", part).split()) >= 2 else part
        part = _HONORIFIC.sub("", part.strip())
        if not part.isupper():
            part = _TRAILING_DEGREE.sub("", part)
        if not _DEGREE.match(part.strip(" .,")):
            cleaned.append(part)
    return cleaned


def _is_place(name: str, part: str, *, written: bool) -> bool:
    """A part after a name that names a place: one word, a known city, or capitals in a byline not in capitals."""
    words = part.split()
    return (
        len(name.split()) == 1
        or fold(part.strip(" .,")) in agencies.DATELINE_PLACES
        or (len(words) <= 3 and part.isupper() and written)
    )


def _full_name(text: str) -> bool:
    """Two words or more, the first and the last capitalized: "Ana García", "Jan de Vries" (not "faits divers")."""
    words = text.split()
    return len(words) >= 2 and words[0][:1].isupper() and words[-1][:1].isupper()


def _is_suffix(part: str) -> bool:
    return bool(_SUFFIX.match(part.strip(" ,")))


def _given_name_first(text: str, organizations: tuple[str, ...]) -> str:
    """A lone "Doe, Jane" read as "Jane Doe" (two people would be written "Jane Doe, John Roe")."""
    match = _FAMILY_FIRST.match(text)
    if match is None:
        return text
    family, given = match.group("family"), match.group("given")
    for part in (family, given):
        folded = fold(part)
        if folded in w.NOT_NAMES or _ROLE.fullmatch(folded) or agencies.organization_name(part, organizations):
            return text
    return f"{given} {family}"


# --- datelines -----------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _dateline_pattern() -> re.Pattern[str]:
    return re.compile(
        rf"^(?P<head>[^:|;]{{1,80}}?)(?P<sep>[.,]\s*|\s*\(|\s+[-–—]\s*)\(?\s*(?P<agency>{agencies.alias_pattern()})"
        rf"\s*\)?\s*(?:[:\-–—]|$)"
    )


def _dateline_agency(text: str, organizations: tuple[str, ...]) -> str | None:
    """The agency of a dateline that opens ``text`` ("Bakı. Trend:"), or ``None``."""
    match = _dateline_pattern().match(fold(text))
    if match is None:
        return None
    head = match.group("head").strip()
    first = re.split(r"[.,(]", head, maxsplit=1)[0].strip()
    if first not in agencies.DATELINE_PLACES and not any(c.isdigit() for c in head):
        return None
    return agencies.organization_name(match.group("agency"), organizations)


# --- segments and parts --------------------------------------------------------------------------


def _author_segments(text: str) -> list[str]:
    """The parts of ``text`` that credit authors; credits for editing, photos and sources are cut out."""
    folded = fold(text)
    source = text if len(folded) == len(text) else folded  # slice by the fold's positions
    segments: list[str] = []
    position, dropping = 0, False
    for label in _LABEL.finditer(folded):
        _keep(segments, source[position : label.start()], dropping)
        dropping = not (label.group("author_by") or label.group("author_noun") or label.group("cjk_author"))
        position = label.end()
    _keep(segments, source[position:], dropping)
    return segments


def _keep(segments: list[str], segment: str, dropping: bool) -> None:
    if not dropping:
        segments.append(segment)
        return
    end = _CREDIT_END.search(segment)
    if end is not None:
        segments.append(segment[end.end() :])


def _author(part: str, organizations: tuple[str, ...], *, turkic: bool, in_capitals: bool = False) -> Author | None:
    suffix_dot = part.rstrip(" ,;").endswith(".") and _is_suffix(part.split()[-1]) if part.split() else False
    part = part.strip(" .,:;-–—'\"«»“”") + ("." if suffix_dot else "")
    if not part:
        return None
    organization = agencies.organization_name(part, organizations)
    if organization is not None:
        return Author(name=organization, kind="organization")
    staff = _outlet_staff(part)
    if staff is not None:
        return staff
    bare = _without_role(part, organizations)
    if bare is None:
        return None
    desk = [word for word in bare.split() if fold(word) not in w.DESK_WORDS]
    if len(desk) < len(bare.split()):  # "Redazione ANSA": the agency's newsroom, else no one
        organization = agencies.organization_name(" ".join(desk), organizations) if desk else None
        return Author(name=organization, kind="organization") if organization else None
    organization = agencies.organization_name(bare, organizations)
    if organization is not None:
        return Author(name=organization, kind="organization")
    if not in_capitals and bare.isupper() and len(bare.split()) == 1:
        return None  # a lone acronym in a written byline ("Jane Doe, TIME"): an outlet or desk, not a name
    name = _person_name(bare, turkic=turkic)
    return Author(name=name, kind="person") if name else None


def _outlet_staff(part: str) -> Author | None:
    """ "AOL Staff" as an organization; ``None`` for "Editorial staff", "Senior Staff" or anything else."""
    match = _OUTLET_STAFF.match(part)
    if match is None:
        return None
    words = match.group("outlet").split()
    if len(words) > _MAX_OUTLET_WORDS:
        return None
    for word in words:
        folded = fold(word).strip(".,")
        if folded in w.ROLE_ADJECTIVES or folded in w.NOT_NAMES or not (word[:1].isupper() or word[:1].isdigit()):
            return None
    return Author(name=part, kind="organization")


def _without_role(part: str, organizations: tuple[str, ...]) -> str | None:
    """``part`` without a role ("Staff Writer", "Корреспондент"); ``None`` when only a role is left."""
    folded = fold(part)
    role = _ROLE.search(folded)
    if role is None:
        return part
    source = part if len(folded) == len(part) else folded
    before = source[: role.start()].split()
    while before and fold(before[-1]).strip(".,") in w.ROLE_ADJECTIVES:
        before.pop()
    after = source[role.end() :].strip(" .,:;-–—")
    if before:
        head = " ".join(before).strip(" .,:;-–—'’s")
        if agencies.organization_name(head, organizations) is not None:
            return head  # "BBC correspondent", "Trend's correspondent"
        if agencies.organization_name(before[0], organizations) is not None:
            return before[0]  # "AP Auto Writer", "AP National Security Writer": the agency's beat, no name
        return head if len(before) >= 2 else None  # "Moscow correspondent" is no name
    return after.strip() or None


def _person_name(part: str, *, turkic: bool) -> str | None:
    """``part`` as a person's name in proper case, or ``None`` when it does not look like one."""
    words = part.split()
    if not words or len(words) > MAX_NAME_WORDS or len(part) > MAX_NAME_LENGTH:
        return None
    if not all(_NAME_WORD.fullmatch(word) for word in words):
        return None  # digits, symbols: a date, a count, a code
    folded = fold(part)
    if folded.strip(".:") in w.NOT_NAMES or folded.strip(".:") in w.LEADING_BY:
        return None
    if any(f in w.DESK_WORDS for f in folded.split()):
        return None
    if not any(len(word.strip(".")) >= 2 and "." not in word.strip(".") for word in words):
        return None  # initials alone
    if len(words) == 1 and (part.isupper() or part.islower()) and len(part) <= _MAX_INITIALS:
        return None  # initials without dots ("KT", a writer's "(mwo)")
    letters = [c for c in part if c.isalpha()]
    if all(c.isupper() for c in letters) or all(c.islower() for c in letters):
        turkic = turkic or bool(_TURKIC_CAPITALS.search(part))
        return " ".join(proper_case(word, turkic=turkic) for word in words)
    if words[-1][0].islower() and not _NAME_PREFIX.match(words[-1]) and fold(words[-1]) not in w.PATRONYMICS:
        return None  # "In der": a name ends with the family name, not a particle
    for index, word in enumerate(words):
        particle = fold(word) in w.NAME_PARTICLES or (word == "e" and index >= 2)  # "José Volta e Pinto"
        if word[0].islower() and not particle and not _NAME_PREFIX.match(word):
            return None  # "said", "the": a sentence, not a name
    return " ".join(words)
