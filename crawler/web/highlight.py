"""Matched words of a search, marked in text that is escaped first.

The words that a query asks for (outside a ``NOT``) are matched the way the index matches
them (:mod:`storage.query.analyzer`): a term by any of its stems, ``word*`` by an exact word
starting with it, a phrase by its exact words. Each piece of text is escaped before it is
wrapped in ``<mark>``, so nothing from the archive becomes markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from storage.query.analyzer import fold, query_stems, stems
from storage.query.parser import And, Node, Not, Or, Phrase, QuerySyntaxError, Term, parse

_WORD = re.compile(r"[^\W_]+")
_TEXT_FIELDS = (None, "headline")


@dataclass
class Wanted:
    """What a query's positive text terms match: stems, exact words and prefixes."""

    stems: set[str] = field(default_factory=set)
    exact: set[str] = field(default_factory=set)
    prefixes: set[str] = field(default_factory=set)
    #: The answers given so far, by word as written and language: a page repeats its words.
    seen: dict[tuple[str, str | None], bool] = field(default_factory=dict, compare=False, repr=False)
    initials: set[str] | None = field(default=None, compare=False, repr=False)

    def __bool__(self) -> bool:
        return bool(self.stems or self.exact or self.prefixes)

    def matches(self, word: str, language: str | None = None) -> bool:
        """Whether ``word`` of an article in ``language`` is one the query asks for (all languages' stems
        when the language is not known, as the index stems such an article)."""
        known = self.seen.get((word, language))
        if known is None:
            known = self.seen[(word, language)] = self._matches(word, language)
        return known

    def _matches(self, word: str, language: str | None) -> bool:
        folded = fold(word)
        if folded in self.exact or (self.prefixes and folded.startswith(tuple(self.prefixes))):
            return True
        # The stemmers strip and change endings only: a word whose first letter starts no wanted stem is
        # not stemmed at all (stemming a word in every language costs ~20 µs; a body has hundreds).
        if self.initials is None:
            self.initials = {stem[:1] for stem in self.stems}
        if folded[:1] not in self.initials:
            return False
        return not self.stems.isdisjoint(stems(folded, language))


def wanted(query: str | None) -> Wanted:
    """The words to mark for a query (nothing for an empty or malformed one)."""
    found = Wanted()
    if not query or not query.strip():
        return found
    try:
        tree = parse(query)
    except QuerySyntaxError:
        return found
    _collect(tree, found)
    return found


def _collect(node: Node, found: Wanted) -> None:
    if isinstance(node, Not):
        return
    if isinstance(node, And | Or):
        for child in node.children:
            _collect(child, found)
    elif isinstance(node, Term) and node.field in _TEXT_FIELDS:
        if node.prefix:
            found.prefixes.add(node.word)
        else:
            found.stems.update(query_stems(node.word))
    elif isinstance(node, Phrase) and node.field in _TEXT_FIELDS:
        found.exact.update(node.words)


def mark(text: str | None, words: Wanted, language: str | None = None) -> Markup:
    """``text`` (of an article in ``language``) escaped, its matching words inside ``<mark>``."""
    if not text:
        return Markup("")
    if not words:
        return escape(text)
    parts: list[str] = []
    last = 0
    for match in _WORD.finditer(text):
        if words.matches(match.group(), language):
            parts.append(escape(text[last : match.start()]))
            parts.append(Markup("<mark>%s</mark>") % match.group())
            last = match.end()
    parts.append(escape(text[last:]))
    return Markup("").join(parts)


def snippet(text: str | None, words: Wanted, width: int = 240, language: str | None = None) -> Markup:
    """A window of ``text`` around its first matching word (its start when none matches), marked."""
    if not text:
        return Markup("")
    start = 0
    if words:
        first = next((m for m in _WORD.finditer(text) if words.matches(m.group(), language)), None)
        if first is not None:
            start = max(0, first.start() - width // 3)
            space = text.rfind(" ", 0, start)
            start = space + 1 if start and space >= 0 and start - space < 30 else start
    end = min(len(text), start + width)
    piece = text[start:end]
    return Markup("").join(
        [
            Markup("… ") if start else Markup(""),
            mark(piece, words, language),
            Markup(" …") if end < len(text) else Markup(""),
        ]
    )
