"""What the store indexes for one article, and its form for each backend.

SQLite: a row of the FTS5 table ``articles_fts`` (migration 0010), one column per part, the
tokens joined by spaces (its ``ascii`` tokenizer splits on spaces and punctuation only and
keeps every other character, so the tokens stay exactly ours). PostgreSQL: the ``tsvector``
of ``articles.search_document``: exact words at their positions with weight A in the
headline and B in the description and body, stems as ``~stem``, authors' words as ``@word``,
the source's as ``$word``, the language's as ``%word`` (markers no word can start with).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from storage.query.analyzer import stems, words

#: Words indexed per part: PostgreSQL keeps positions up to 16,383, and the body starts after the headline's.
MAX_HEADLINE_WORDS = 200
BODY_START = MAX_HEADLINE_WORDS + 2  # a gap: a phrase never runs from the headline into the body
MAX_BODY_WORDS = 16_000
MAX_NAME_WORDS = 200
#: PostgreSQL keeps at most 256 positions of a lexeme.
_MAX_POSITIONS = 255
#: The FTS5 column of every row that holds ``EVERY_TOKEN``: the set a query's lone NOT is taken from.
EVERY_TOKEN = "1"
# Position entries made once (a few ms), not once per word of every article the store writes.
_HEADLINE_POSITIONS = tuple(f"{n}A" for n in range(1, MAX_HEADLINE_WORDS + 1))
_BODY_POSITIONS = tuple(f"{n}B" for n in range(BODY_START, BODY_START + MAX_BODY_WORDS))
_NAME_POSITIONS = tuple(f"{n}D" for n in range(1, MAX_NAME_WORDS + 1))
FTS_COLUMNS = ("headline", "body", "headline_stems", "body_stems", "author", "source", "lang", "every")


@dataclass(frozen=True, slots=True)
class SearchDocument:
    headline: list[str]
    body: list[str]
    headline_stems: list[str]
    body_stems: list[str]
    author: list[str]
    source: list[str]
    lang: list[str]

    def sqlite_row(self, article_id: int) -> dict[str, Any]:
        """The ``articles_fts`` row of the article."""
        row: dict[str, Any] = {name: " ".join(getattr(self, name)) for name in FTS_COLUMNS[:-1]}
        return {"rowid": article_id, **row, "every": EVERY_TOKEN}

    def tsvector(self, stamp: str = "") -> str:
        """The ``tsvector`` input of the article (lexemes are letters, digits and a marker: no escaping).

        ``stamp`` (the article's content hash) becomes the lexeme ``#stamp``: a new version of an
        article always has a new document, which tells the store's writes from changes by hand
        (migration 0010's trigger drops the document of an article whose text changed without it).
        """
        positions: dict[str, list[str]] = {f"#{stamp}": ["1D"]} if stamp else {}
        for lexeme, entry in zip(self.headline, _HEADLINE_POSITIONS, strict=False):
            positions.setdefault(lexeme, []).append(entry)
        for lexeme, entry in zip(self.body, _BODY_POSITIONS, strict=False):
            positions.setdefault(lexeme, []).append(entry)
        for stem in self.headline_stems:
            positions.setdefault("~" + stem, []).append("1A")
        for stem in self.body_stems:
            positions.setdefault("~" + stem, []).append(_BODY_POSITIONS[0])
        for marker, part in (("@", self.author), ("$", self.source), ("%", self.lang)):
            for lexeme, entry in zip(part, _NAME_POSITIONS, strict=False):
                positions.setdefault(marker + lexeme, []).append(entry)
        # The first _MAX_POSITIONS entries of a lexeme are kept (PostgreSQL keeps at most 256).
        return " ".join(f"'{lexeme}':{','.join(entries[:_MAX_POSITIONS])}" for lexeme, entries in positions.items())


def _stems(part: list[str], language: str | None) -> list[str]:
    found: set[str] = set()
    for word in set(part):
        found |= stems(word, language)
    return sorted(found)


def search_document(
    headline: str | None,
    description: str | None,
    article_body: str | None,
    authors: Iterable[str] = (),
    source: str | None = None,
    language: str | None = None,
) -> SearchDocument:
    """The search document of an article (the first words of each part, up to its cap)."""
    head = words(headline)[:MAX_HEADLINE_WORDS]
    body = (words(description) + words(article_body))[:MAX_BODY_WORDS]
    return SearchDocument(
        headline=head,
        body=body,
        headline_stems=_stems(head, language),
        body_stems=_stems(body, language),
        author=[w for name in authors for w in words(name)][:MAX_NAME_WORDS],
        source=words(source)[:MAX_NAME_WORDS],
        lang=words(language)[:MAX_NAME_WORDS],
    )
