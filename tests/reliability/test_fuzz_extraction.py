"""Fuzz: mutated real pages and random text through extraction and the normalizers; nothing escapes.

``article_from_html`` and the normalizers catch their own exceptions, so "no
exception escapes" is checked where it can fail: an extraction bug shows as the
"extraction failed" error that ``article_from_html`` logs, a normalizer bug as an
out-of-contract value (a naive or out-of-range date, an empty author name); and
no single call may take longer than a few seconds (runaway regular expressions).
"""

from __future__ import annotations

import gzip
import logging
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crawler.extract import article_from_html
from crawler.items import ArticleItem
from crawler.normalize import parse_byline, parse_date
from crawler.normalize.dates import EARLIEST
from crawler.sample_sites import SAMPLE_SITES_DIR
from crawler.sources import Source

BENCHMARK = Path("/work/shared/eval/article-extraction-benchmark/html")
FETCHED_AT = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
SOURCE = Source(name="fuzz", homepage="https://example.com/", languages=("en", "ru", "az"), timezone="Asia/Baku")
#: Seconds one call may take on a mutated page before it counts as a hang.
SLOW = 10.0


def real_pages(limit: int = 6) -> list[bytes]:
    """A few real news pages: the extraction benchmark's when present, else the sample sites'."""
    pages = [gzip.decompress(p.read_bytes()) for p in sorted(BENCHMARK.glob("*.html.gz"))[:limit]]
    if not pages:
        files = [f for f in sorted(SAMPLE_SITES_DIR.glob("*/**/*.html")) if f.name != "index.html"]
        pages = [f.read_bytes() for f in files[:: max(1, len(files) // limit)][:limit]]
    return [p[:300_000] for p in pages]  # keep each example fast


PAGES = real_pages()


@st.composite
def mutated_page(draw: st.DrawFn) -> str | bytes:
    """A real page truncated, with bytes flipped, tags deleted or junk inserted (and served as str or bytes)."""
    page = bytearray(draw(st.sampled_from(PAGES)))
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["truncate", "flip", "delete_tag", "insert"]))
        at = draw(st.integers(0, max(0, len(page) - 1)))
        if kind == "truncate":
            del page[at:]
        elif kind == "flip":
            for offset in range(draw(st.integers(1, 64))):
                if at + offset < len(page):
                    page[at + offset] ^= draw(st.integers(1, 255))
        elif kind == "delete_tag":
            start = page.find(b"<", at)
            end = page.find(b">", start)
            if start >= 0 and end > start:
                del page[start : end + 1]
        else:
            junk = draw(
                st.one_of(
                    st.binary(max_size=200),
                    st.sampled_from(
                        [
                            b"<script>",
                            b"</html>",
                            b"<h1>",
                            b"<!--",
                            b"]]>",
                            b"<![CDATA[",
                            b'{"@type":',
                            b"\x00",
                            b"&#0;",
                        ]
                    ),
                )
            )
            page[at:at] = junk
    data = bytes(page)
    return data if draw(st.booleans()) else data.decode("utf-8", errors=draw(st.sampled_from(["replace", "ignore"])))


def _timed(call, *args, **kwargs):
    started = time.monotonic()
    result = call(*args, **kwargs)
    assert time.monotonic() - started < SLOW, f"{call.__name__} took over {SLOW} s"
    return result


@pytest.mark.skipif(not PAGES, reason="no real pages to mutate")
@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
)
@given(page=mutated_page())
def test_mutated_real_pages_never_break_extraction(page, caplog):
    caplog.clear()
    with caplog.at_level(logging.ERROR, logger="crawler"):
        item = _timed(article_from_html, "https://example.com/news/1", page, SOURCE, fetched_at=FETCHED_AT)
    assert not [r for r in caplog.records if r.name.startswith("crawler")], "extraction raised"
    if item is not None:
        # A mangled page may lose its headline; the item is then dropped by ValidatePipeline
        # as ``missing_headline`` (an event of the run), so only its type and cleanliness matter here.
        assert isinstance(item, ArticleItem)
        assert item.headline is None or item.headline == item.headline.strip() != ""
        assert item.date_published is None or EARLIEST <= item.date_published <= FETCHED_AT + timedelta(days=1)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=3000), as_bytes=st.booleans())
def test_random_text_never_breaks_extraction(text, as_bytes, caplog):
    caplog.clear()
    page: str | bytes = text.encode("utf-8", errors="surrogatepass") if as_bytes else text
    with caplog.at_level(logging.ERROR, logger="crawler"):
        _timed(article_from_html, "https://example.com/news/2", page, SOURCE, fetched_at=FETCHED_AT)
    assert not [r for r in caplog.records if r.name.startswith("crawler")], "extraction raised"


TEXT_FROM_PAGES = st.sampled_from(PAGES or [b""]).flatmap(
    lambda page: st.integers(0, max(0, len(page) - 1)).map(lambda at: page[at : at + 120].decode("utf-8", "replace"))
)


@settings(max_examples=200, deadline=None)
@given(raw=st.one_of(st.text(max_size=300), TEXT_FROM_PAGES), languages=st.sampled_from([(), ("en",), ("ru", "az")]))
def test_normalizers_keep_their_contract_on_any_text(raw, languages):
    when = _timed(parse_date, raw, languages=languages, timezone="Asia/Baku", fetched_at=FETCHED_AT)
    assert when is None or (when.utcoffset() == timedelta(0) and EARLIEST <= when <= FETCHED_AT + timedelta(days=1))
    authors = _timed(parse_byline, raw, languages=languages)
    assert all(a.name.strip() and a.kind in ("person", "organization") for a in authors)
