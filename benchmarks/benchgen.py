"""Generated multilingual archives for the query benchmarks, kept between runs.

Articles in English, Russian, Azerbaijani and Turkish drawn from a finite vocabulary per
language (the language's news words first, then made-up words) with Zipf weights, so there
are common and rare words; 10 sources, 216 authors, publication dates over two years.
The search index is the store's: each distinct word goes once through the analyzer
(``storage.query.analyzer.words``/``stems``), an article's ``SearchDocument`` is put together
from those cached tokens, and its ``tsvector``/FTS5 row comes from ``SearchDocument`` itself;
the first articles of every run are checked against ``search_document`` (what the store calls).

Stored in bulk into a database migrated by Alembic: ``executemany`` on SQLite, ``COPY``
through psycopg 3 on PostgreSQL (the GIN index built after the load). A finished archive is
kept under its size and seed (a file ``DIR/sqlite-N-sSEED.db``, a PostgreSQL database
``mediamon_bench_N_sSEED``) and reused: the next run only brings it to the newest migration.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from storage.query.analyzer import stems, words  # noqa: E402
from storage.query.document import (  # noqa: E402
    MAX_BODY_WORDS,
    MAX_HEADLINE_WORDS,
    MAX_NAME_WORDS,
    SearchDocument,
    search_document,
)

PG_SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
TEXTS = {
    "en": "the government said minister talks economy oil gas energy market growth city new park president "
    "security region border agreement visit summit bank budget reform election court police report "
    "weather football team season company investment trade export import road railway school health",
    "ru": "правительство министр переговоры экономика нефть газ энергетика рынок рост город новый парк "
    "президент безопасность регион граница соглашение визит саммит банк бюджет реформа выборы суд "
    "полиция доклад погода футбол команда сезон компания инвестиции торговля дорога школа здоровье",
    "az": "hökumət nazir danışıqlar iqtisadiyyat neft qaz enerji bazar artım şəhər yeni park prezident "
    "təhlükəsizlik region sərhəd saziş səfər sammit bank büdcə islahat seçki məhkəmə polis hesabat "
    "hava futbol komanda mövsüm şirkət investisiya ticarət yol məktəb səhiyyə Azərbaycan Bakı",
    "tr": "hükümet bakan görüşmeler ekonomi petrol gaz enerji piyasa büyüme şehir yeni park cumhurbaşkanı "
    "güvenlik bölge sınır anlaşma ziyaret zirve banka bütçe reform seçim mahkeme polis rapor hava "
    "futbol takım sezon şirket yatırım ticaret yol okul sağlık Türkiye Türkiye'nin Ankara",
}
SYLLABLES = {
    "en": "ba ter con min sta pro lo ver ing tion al ex ra mo de",
    "ru": "ка ро ни ст ва по ле ми ра ть то за ны ко де",
    "az": "ba lı qə şə ya rə ma ın lər də ğı çi öz ün xa",
    "tr": "ka ya lı ğı şe çe dü rü öz me ler da ın tü bi",
}
LANGUAGES = tuple(TEXTS)
VOCABULARY = 5_000  # words per language
ZONES = ["Asia/Baku", "Europe/Moscow", "Europe/London", "Europe/Berlin", "Europe/Istanbul"]
START = datetime(2024, 1, 1, tzinfo=UTC)  # dates over two years from here
DAYS = 731
BATCH = 5_000


def _vocabulary(language: str, rng: np.random.Generator) -> list[str]:
    syllables = SYLLABLES[language].split()
    made_up: set[str] = set()
    while len(made_up) < VOCABULARY - len(TEXTS[language].split()):
        made_up.add("".join(rng.choice(syllables, size=int(rng.integers(2, 5)))))
    return TEXTS[language].split() + sorted(made_up)


_RNG = np.random.default_rng(7)
WORDS = {language: _vocabulary(language, _RNG) for language in LANGUAGES}
_CUMULATIVE = np.cumsum(1 / np.arange(1, VOCABULARY + 1))
_CUMULATIVE /= _CUMULATIVE[-1]
SOURCES = [f"source_{i:02d}" for i in range(10)]
_FIRST = {"en": ["John", "Anna", "Mark"], "ru": ["Иван", "Мария", "Олег"], "az": ["Leyla", "Vüqar", "Əli"]}
_LAST = {"en": ["Smith", "Brown", "Lee"], "ru": ["Петров", "Иванова", "Смирнов"], "az": ["Əliyeva", "Məmmədov"]}
AUTHORS = [f"{f} {ln} {i}" for lang in _FIRST for f in _FIRST[lang] for ln in _LAST[lang] for i in range(12)]


@dataclass(frozen=True, slots=True)
class Batch:
    rows: list[dict[str, object]]  # ``articles`` rows with their ``id``
    documents: list[SearchDocument]
    authors: list[list[int]]  # per row: indexes into AUTHORS


class _Language:
    """A language's vocabulary analyzed once: each word's indexed tokens and their stems."""

    def __init__(self, language: str) -> None:
        self.tokens = [tuple(words(word)) for word in WORDS[language]]
        self.stems = [frozenset().union(*(stems(t, language) for t in found)) for found in self.tokens]

    def tokens_of(self, word_indexes: list[int]) -> list[str]:
        tokens = self.tokens
        return [t for i in word_indexes for t in tokens[i]]

    def stems_of(self, word_indexes: list[int]) -> list[str]:
        """The sorted distinct stems of these words."""
        word_stems = self.stems
        return sorted(frozenset().union(*[word_stems[i] for i in set(word_indexes)]))


class _Analyzed:
    def __init__(self) -> None:
        self.languages = {language: _Language(language) for language in LANGUAGES}
        self.authors = [words(name) for name in AUTHORS]
        self.sources = [words(name) for name in SOURCES]


_ANALYZED: _Analyzed | None = None


def batches(first: int, count: int, seed: int) -> Iterator[Batch]:
    """Articles numbered ``first``… (id = number + 1), the same for the same seed and numbers."""
    global _ANALYZED
    analyzed = _ANALYZED = _ANALYZED or _Analyzed()
    fetched = START + timedelta(days=DAYS)
    for start in range(first, first + count, BATCH):
        n = min(BATCH, first + count - start)
        rng = np.random.default_rng([seed, start])
        languages = rng.integers(0, len(LANGUAGES), n).tolist()
        lengths_array = rng.integers(40, 120, n)
        draws = np.searchsorted(_CUMULATIVE, rng.random(int(lengths_array.sum()) + 28 * n)).tolist()
        lengths = lengths_array.tolist()
        seconds = rng.integers(0, DAYS * 86_400, n).tolist()
        sources = rng.integers(0, len(SOURCES), n).tolist()
        author_counts = rng.choice([0, 1, 1, 2], n).tolist()
        author_picks = rng.integers(0, len(AUTHORS), (n, 2)).tolist()
        sections = rng.integers(0, 4, n).tolist()
        rows, documents, authors, at = [], [], [], 0
        for k in range(n):
            number, lang = start + k, LANGUAGES[languages[k]]
            at_head, at = at, at + 28 + lengths[k]
            vocabulary = WORDS[lang]
            head_ids, body_ids = draws[at_head : at_head + 8], draws[at_head + 8 : at]
            text = {
                "h": " ".join([vocabulary[i] for i in head_ids]),
                "d": " ".join([vocabulary[i] for i in body_ids[:20]]),
                "b": " ".join([vocabulary[i] for i in body_ids[20:]]),
            }
            url = f"https://s{sources[k]}.example/{lang}/{number}"
            picked = list(dict.fromkeys(author_picks[k][: author_counts[k]]))
            rows.append(
                {
                    "id": number + 1,
                    "source_id": sources[k] + 1,
                    "url_hash": f"{number:032x}",
                    "url": url,
                    "canonical_url": url,
                    "headline": text["h"],
                    "description": text["d"],
                    "article_body": text["b"],
                    "date_published": START + timedelta(seconds=seconds[k]),
                    "in_language": lang,
                    "section": ("Politics", "Economy", "Society", "Sport")[sections[k]],
                    "keywords": "[]",
                    "word_count": lengths[k],
                    "content_hash": f"{number:032x}",
                    "first_seen_at": fetched,
                    "fetched_at": fetched,
                    "updated_at": fetched,
                }
            )
            language = analyzed.languages[lang]
            headline = language.tokens_of(head_ids)[:MAX_HEADLINE_WORDS]
            body_words = language.tokens_of(body_ids)[:MAX_BODY_WORDS]
            documents.append(
                SearchDocument(
                    headline=headline,
                    body=body_words,
                    headline_stems=language.stems_of(head_ids),
                    body_stems=language.stems_of(body_ids),
                    author=[w for a in picked for w in analyzed.authors[a]][:MAX_NAME_WORDS],
                    source=analyzed.sources[sources[k]],
                    lang=[lang],
                )
            )
            authors.append(picked)
        if start == first:  # the cached analysis is the store's: check the batch's first articles
            for row, document, picked in list(zip(rows, documents, authors, strict=True))[:50]:
                store = search_document(
                    row["headline"],  # type: ignore[arg-type]
                    row["description"],  # type: ignore[arg-type]
                    row["article_body"],  # type: ignore[arg-type]
                    [AUTHORS[a] for a in picked],
                    SOURCES[int(row["source_id"]) - 1],  # type: ignore[call-overload]
                    row["in_language"],  # type: ignore[arg-type]
                )
                assert store == document, f"the benchmark's index differs from the store's for article {row['id']}"
        yield Batch(rows, documents, authors)


def progress(done: int, total: int, began: float) -> None:
    rate = done / max(time.perf_counter() - began, 1e-9)
    print(f"\r  stored {done:,}/{total:,} ({rate:,.0f}/s)", end="", file=sys.stderr, flush=True)
