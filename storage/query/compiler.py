"""A parsed query compiled for each backend: an FTS5 ``MATCH`` string and a ``tsquery`` string.

Both ask for the tokens of :mod:`storage.query.document`: a term for any of its stems in the
headline or body (``headline:`` in the headline only), ``word*`` for exact words that start
with it, a phrase for its exact words next to each other, ``author:``/``source:``/``lang:``
for exact words of those names. Every token is quoted, so nothing in the user's text is
syntax. FTS5 has no unary NOT: a lone negation is taken from the ``every`` column that each
row fills with the same token, and in an AND the negated parts follow the others as
``… NOT …``. Everything is parenthesized (FTS5 before 3.43 rejects an implicit AND next to
a parenthesis; explicit operators work on every version).
"""

from __future__ import annotations

from storage.query.analyzer import query_stems
from storage.query.document import EVERY_TOKEN
from storage.query.parser import Node, Not, Or, Phrase, Term

_FTS_EXACT = {None: "{headline body}", "headline": "{headline}"}
_FTS_STEMS = {None: "{headline_stems body_stems}", "headline": "{headline_stems}"}
_FTS_NAMES = {"author": "{author}", "source": "{source}", "lang": "{lang}"}
_FTS_EVERY = f'{{every}} : "{EVERY_TOKEN}"'
_PG_MARKER = {"author": "@", "source": "$", "lang": "%"}


def fts5(node: Node) -> str:
    """The FTS5 query of a tree."""
    if isinstance(node, Term):
        if node.field in _FTS_NAMES:
            return f'({_FTS_NAMES[node.field]} : "{node.word}"{"*" if node.prefix else ""})'
        if node.prefix:
            return f'({_FTS_EXACT[node.field]} : "{node.word}"*)'
        stems = " OR ".join(f'"{stem}"' for stem in query_stems(node.word))
        return f"({_FTS_STEMS[node.field]} : ({stems}))"
    if isinstance(node, Phrase):
        columns = _FTS_NAMES.get(node.field or "") or _FTS_EXACT[node.field]
        return f'({columns} : "{" ".join(node.words)}")'
    if isinstance(node, Or):
        return "(" + " OR ".join(fts5(child) for child in node.children) + ")"
    if isinstance(node, Not):
        return f"(({_FTS_EVERY}) NOT {fts5(node.child)})"
    positive = [fts5(c) for c in node.children if not isinstance(c, Not)] or [f"({_FTS_EVERY})"]
    query = "(" + " AND ".join(positive) + ")"
    for child in node.children:
        if isinstance(child, Not):
            query = f"({query} NOT {fts5(child.child)})"
    return query


def _lexeme(marker: str, word: str, weights: str = "", prefix: bool = False) -> str:
    return f"'{marker}{word}':{'*' if prefix else ''}{weights}" if prefix or weights else f"'{marker}{word}'"


def tsquery(node: Node, *, loose: bool = False) -> str:
    """The ``tsquery`` of a tree (over :meth:`SearchDocument.tsvector`).

    ``loose``: phrases as AND and no weights, a query the GIN index answers without reading the
    documents (no recheck), matching at least the articles the exact one matches unless it negates
    a phrase or a field (used to estimate how many articles match).

    Only ``headline:`` asks for a weight (A): every exact word of an article is A (headline) or B
    (description, body), and the lexemes of weight D all start with a marker no word starts with, so
    a weight AB would select nothing less, and made the GIN index recheck every candidate of a
    ``prefix*`` (its document read from TOAST).
    """
    if isinstance(node, Term | Phrase):
        weight = "A" if node.field == "headline" and not loose else ""
    if isinstance(node, Term):
        if node.field in _PG_MARKER:
            return _lexeme(_PG_MARKER[node.field], node.word, prefix=node.prefix)
        if node.prefix:
            return _lexeme("", node.word, weight, prefix=True)
        return "(" + " | ".join(_lexeme("~", stem, weight) for stem in query_stems(node.word)) + ")"
    if isinstance(node, Phrase):
        marker = _PG_MARKER.get(node.field or "", "")
        weights = "" if marker else weight
        joiner = " & " if loose else " <-> "
        return "(" + joiner.join(_lexeme(marker, word, weights) for word in node.words) + ")"
    if isinstance(node, Not):
        return f"!{tsquery(node.child, loose=loose)}"
    operator = " | " if isinstance(node, Or) else " & "
    return "(" + operator.join(tsquery(child, loose=loose) for child in node.children) + ")"
