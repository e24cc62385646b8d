"""The analysts' query language, parsed into a small tree.

    query   := or
    or      := and ("OR" and)*
    and     := unary (["AND"] unary)*
    unary   := ("NOT" | "-") unary | primary
    primary := "(" or ")" | field ":" (term | phrase | "(" or ")") | phrase | term
    phrase  := '"' words '"'          exact words, next to each other
    term    := word ["*"]             a word in any of its forms; word* is a prefix of the exact word

Operators are upper case (``or`` is a word); ``-`` negates only at the start of a term.
Fields: ``headline:``, ``author:``, ``source:``, ``lang:``. A term that analyzes to several
words ("Türkiye'nin", "3.14") is a phrase of them. Malformed text raises
:class:`QuerySyntaxError` with the position (1-based) of the fault.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storage.query.analyzer import words

FIELDS = ("headline", "author", "source", "lang")
#: Limits that keep compiled queries within FTS5's depth of 256 and reasonable work.
MAX_TERMS = 64
MAX_DEPTH = 16
_TOKEN = re.compile(r'\s+|(?P<open>\()|(?P<close>\))|(?P<quote>")|(?P<text>[^\s()"]+)')
_FIELD = re.compile(r"([A-Za-z]+):(.*)", re.S)


class QuerySyntaxError(ValueError):
    """A malformed query: ``message`` says what, ``position`` (1-based) where."""

    def __init__(self, message: str, position: int, query: str) -> None:
        super().__init__(f"{message} at position {position}: {query}")
        self.message, self.position, self.query = message, position, query


@dataclass(frozen=True, slots=True)
class Term:
    """A word: any of its forms, or with ``prefix`` any exact word that starts with it."""

    word: str
    field: str | None = None
    prefix: bool = False


@dataclass(frozen=True, slots=True)
class Phrase:
    """Exact words next to each other."""

    words: tuple[str, ...]
    field: str | None = None


@dataclass(frozen=True, slots=True)
class Not:
    child: Node


@dataclass(frozen=True, slots=True)
class And:
    children: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Or:
    children: tuple[Node, ...]


Node = Term | Phrase | Not | And | Or


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str  # "(", ")", "phrase", "text", "OR", "AND", "NOT"
    text: str
    position: int  # 0-based


def _tokens(query: str) -> list[_Token]:
    tokens: list[_Token] = []
    index = 0
    while index < len(query):
        match = _TOKEN.match(query, index)
        assert match is not None  # every character is whitespace, a parenthesis, a quote or text
        if match["open"] or match["close"]:
            tokens.append(_Token(match[0], match[0], index))
        elif match["quote"]:
            end = query.find('"', index + 1)
            if end < 0:
                raise QuerySyntaxError("unclosed quote", index + 1, query)
            tokens.append(_Token("phrase", query[index + 1 : end], index))
            index = end + 1
            continue
        elif match["text"]:
            text = match["text"]
            kind = text if text in ("OR", "AND", "NOT") else "text"
            tokens.append(_Token(kind, text, index))
        index = match.end()
    return tokens


class _Parser:
    def __init__(self, query: str) -> None:
        self.query = query
        self.tokens = _tokens(query)
        self.at = 0
        self.terms = 0

    def error(self, message: str, token: _Token | None = None) -> QuerySyntaxError:
        position = token.position + 1 if token else len(self.query) + 1
        return QuerySyntaxError(message, position, self.query)

    def peek(self) -> _Token | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def take(self) -> _Token:
        token = self.tokens[self.at]
        self.at += 1
        return token

    def parse(self) -> Node:
        if not self.tokens:
            raise QuerySyntaxError("nothing to search for", 1, self.query)
        node = self.or_(None, 0)
        if (token := self.peek()) is not None:
            raise self.error("unmatched closing parenthesis", token)
        if node is None:
            raise QuerySyntaxError("no words to search for", 1, self.query)
        return node

    def or_(self, field: str | None, depth: int) -> Node | None:
        if depth > MAX_DEPTH:
            raise self.error(f"more than {MAX_DEPTH} nested groups", self.peek())
        parts = [self.and_(field, depth)]
        while (token := self.peek()) is not None and token.kind == "OR":
            self.take()
            if (after := self.peek()) is None or after.kind in (")", "OR", "AND"):
                raise self.error("OR needs something on each side", token)
            parts.append(self.and_(field, depth))
        if parts[0] is None and len(parts) > 1:
            raise self.error("OR needs something on each side", self.tokens[0])
        kept = tuple(p for p in parts if p is not None)
        return None if not kept else kept[0] if len(kept) == 1 else Or(kept)

    def and_(self, field: str | None, depth: int) -> Node | None:
        parts: list[Node] = []
        while (token := self.peek()) is not None and token.kind not in (")", "OR"):
            if token.kind == "AND":
                self.take()
                if not parts or (after := self.peek()) is None or after.kind in (")", "OR", "AND"):
                    raise self.error("AND needs something on each side", token)
                continue
            node = self.unary(field, depth)
            if node is not None:
                parts.append(node)
        return None if not parts else parts[0] if len(parts) == 1 else And(tuple(parts))

    def unary(self, field: str | None, depth: int) -> Node | None:
        token = self.peek()
        assert token is not None
        if token.kind == "NOT" or (token.kind == "text" and token.text.startswith("-") and len(token.text) > 1):
            if token.kind == "NOT":
                self.take()
                if (after := self.peek()) is None or after.kind in (")", "OR", "AND"):
                    raise self.error("NOT needs something after it", token)
                child = self.unary(field, depth)
            else:  # -word: the rest of the token is the term
                self.tokens[self.at] = _Token("text", token.text[1:], token.position + 1)
                child = self.unary(field, depth)
            return None if child is None else Not(child)
        return self.primary(field, depth)

    def primary(self, field: str | None, depth: int) -> Node | None:
        token = self.take()
        if token.kind == "(":
            node = self.or_(field, depth + 1)
            closing = self.peek()
            if closing is None or closing.kind != ")":
                raise self.error("unclosed parenthesis", token)
            self.take()
            if node is None:
                raise self.error("empty parentheses", token)
            return node
        if token.kind == ")":
            raise self.error("unmatched closing parenthesis", token)
        if token.kind == "phrase":
            return self.phrase(token.text, field, token)
        return self.term(token, field, depth)

    def phrase(self, text: str, field: str | None, token: _Token) -> Node:
        found = words(text)
        if not found:
            raise self.error("a phrase without words", token)
        self.count(token)
        return Phrase(tuple(found), field)

    def term(self, token: _Token, field: str | None, depth: int) -> Node | None:
        text = token.text
        if (named := _FIELD.fullmatch(text)) is not None:
            name = named[1].lower()
            if name not in FIELDS:
                raise self.error(f"unknown field {named[1]!r} (fields: {', '.join(FIELDS)})", token)
            if field is not None:
                raise self.error(f"a field inside the field {field}:", token)
            rest = named[2]
            if rest:
                return self.term(_Token("text", rest, token.position + len(named[1]) + 1), name, depth)
            after = self.peek()
            if after is None or after.kind not in ("(", "phrase") or after.position != token.position + len(text):
                raise self.error(f"{name}: needs a word, a phrase or a group right after it", token)
            return self.primary(name, depth)
        after = self.peek()
        if text == "-" and after is not None and after.kind in ("(", "phrase") and after.position == token.position + 1:
            child = self.primary(field, depth)  # -( … ) and -"…"
            return None if child is None else Not(child)
        if text in ("-", "*"):
            raise self.error(f"a lone {text!r}", token)
        prefix = text.endswith("*")
        found = words(text.rstrip("*") if prefix else text)
        if not found:
            return None  # punctuation between words
        self.count(token)
        if len(found) == 1:
            return Term(found[0], field, prefix)
        return Phrase(tuple(found), field)  # a prefix of several words ("3.1*") is their phrase

    def count(self, token: _Token) -> None:
        self.terms += 1
        if self.terms > MAX_TERMS:
            raise self.error(f"more than {MAX_TERMS} words and phrases", token)


def parse(query: str) -> Node:
    """The tree of a query (see the module's grammar)."""
    return _Parser(query).parse()
