"""Extraction benchmark on real pages: our extractor against plain trafilatura, in one run.

Run: ``.venv/bin/python benchmarks/extraction.py [--limit N] [--worst N] [--dump FILE]``

Data and metrics: /work/shared/eval/README.md. Pages are of no configured source
(``source=None``) and fetched on a fixed date after all of them. A page our
extractor calls "not an article" is counted, then extracted again without that
test so that its fields can still be scored.
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import os
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import trafilatura

from crawler.extract import extract_article

EVAL_DIR = Path(os.environ.get("MEDIAMON_EVAL_DIR", "/work/shared/eval"))
BODY_SET = "article-extraction-benchmark"
META_SET = "parser-fixtures"
FETCHED_AT = datetime(2026, 11, 25, tzinfo=UTC)
TOKEN = re.compile(r"\w+")
SHINGLE = 4
TARGETS = {
    "body_f1": 0.970,
    "title": 0.90,
    "author_f1": 0.75,
    "date": 0.85,
    "time_ratio": 1.5,
    "raised": 0,
}


@dataclass(slots=True)
class Result:
    """One extractor's output on one page."""

    body: str = ""
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: date | None = None
    published_utc: datetime | None = None
    ms: float = 0.0
    raised: str | None = None
    not_article: bool = False


@dataclass(slots=True)
class Page:
    id: str
    url: str
    html: bytes
    truth: dict[str, Any]


def load_pages(name: str, limit: int | None) -> list[Page]:
    folder = EVAL_DIR / name
    pages = []
    with (folder / "ground_truth.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            truth = json.loads(line)
            html = gzip.decompress((folder / truth["html_path"]).read_bytes())
            pages.append(Page(truth["id"], truth.get("url") or "", html, truth))
            if limit and len(pages) >= limit:
                break
    return pages


# -- extractors --------------------------------------------------------------------------


def _day_of(value: datetime | None, raw: str | None) -> date | None:
    """The written calendar day of a date: from an ISO raw string's own offset, else the UTC day."""
    if value is None:
        return None
    if raw:
        try:
            return datetime.fromisoformat(raw.strip()).date()
        except ValueError:
            pass
    return value.astimezone(UTC).date()


def run_ours(page: Page) -> Result:
    start = time.perf_counter()
    try:
        item = extract_article(page.url, page.html, None, fetched_at=FETCHED_AT)
    except Exception as exc:  # noqa: BLE001 - counted and reported
        return Result(ms=(time.perf_counter() - start) * 1000, raised=f"{type(exc).__name__}: {exc}")
    elapsed = (time.perf_counter() - start) * 1000
    not_article = item is None
    if item is None:
        try:
            item = extract_article(page.url, page.html, None, fetched_at=FETCHED_AT, require_article=False)
        except Exception as exc:  # noqa: BLE001
            return Result(ms=elapsed, raised=f"{type(exc).__name__}: {exc}", not_article=True)
    if item is None:
        return Result(ms=elapsed, not_article=True)
    return Result(
        body=item.article_body or "",
        title=item.headline,
        authors=[a.name for a in item.authors],
        published=_day_of(item.date_published, item.date_published_raw),
        published_utc=item.date_published,
        ms=elapsed,
        not_article=not_article,
    )


def run_trafilatura_body(page: Page) -> Result:
    start = time.perf_counter()
    try:
        text = trafilatura.extract(page.html)
    except Exception as exc:  # noqa: BLE001
        return Result(ms=(time.perf_counter() - start) * 1000, raised=f"{type(exc).__name__}: {exc}")
    return Result(body=text or "", ms=(time.perf_counter() - start) * 1000)


def run_trafilatura_meta(page: Page) -> Result:
    start = time.perf_counter()
    try:
        doc = trafilatura.bare_extraction(page.html, url=page.url, with_metadata=True)
    except Exception as exc:  # noqa: BLE001
        return Result(ms=(time.perf_counter() - start) * 1000, raised=f"{type(exc).__name__}: {exc}")
    elapsed = (time.perf_counter() - start) * 1000
    if doc is None:
        return Result(ms=elapsed)
    authors = [a.strip() for a in re.split(r";|,(?=\s*[A-Z])", doc.author or "") if a.strip()]
    day = None
    if doc.date:
        try:
            day = date.fromisoformat(doc.date[:10])
        except ValueError:
            day = None
    return Result(body=doc.text or "", title=doc.title, authors=authors, published=day, ms=elapsed)


# -- metrics -----------------------------------------------------------------------------


def shingles(text: str) -> Counter[tuple[str, ...]]:
    tokens = TOKEN.findall(text)
    if len(tokens) < SHINGLE:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1))


def body_scores(truth: str, predicted: str) -> tuple[float | None, float | None, bool]:
    """Per-page precision (None without prediction), recall (None without truth), tokens identical."""
    true_sh, pred_sh = shingles(truth), shingles(predicted)
    tp = sum((true_sh & pred_sh).values())
    fp = sum((pred_sh - true_sh).values())
    fn = sum((true_sh - pred_sh).values())
    precision = tp / (tp + fp) if pred_sh else None
    recall = tp / (tp + fn) if true_sh else None
    return precision, recall, TOKEN.findall(truth) == TOKEN.findall(predicted)


def body_metrics(pages: list[Page], results: list[Result]) -> dict[str, float]:
    precisions, recalls, exact = [], [], 0
    for page, result in zip(pages, results, strict=True):
        p, r, same = body_scores(page.truth["body"], result.body)
        if p is not None:
            precisions.append(p)
        if r is not None:
            recalls.append(r)
        exact += same
    precision = statistics.fmean(precisions) if precisions else 0.0
    recall = statistics.fmean(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"body_f1": f1, "body_precision": precision, "body_recall": recall, "body_accuracy": exact / len(pages)}


def _norm(text: str | None) -> str:
    return " ".join((text or "").split())


def same_day(truth: str, result: Result) -> bool:
    """The README's rule: a bare truth day against the written day, else the UTC day of the instant."""
    if len(truth) == 10:
        return result.published == date.fromisoformat(truth)
    parsed = datetime.fromisoformat(truth)
    day = parsed.astimezone(UTC).date() if parsed.tzinfo else parsed.date()
    if result.published_utc is not None:
        return result.published_utc.astimezone(UTC).date() == day
    return result.published == day


def meta_metrics(pages: list[Page], results: list[Result]) -> dict[str, float]:
    titles = [(p, r) for p, r in zip(pages, results, strict=True) if p.truth.get("title")]
    title_ok = sum(_norm(p.truth["title"]) == _norm(r.title) for p, r in titles)
    tp = fp = fn = 0
    for page, result in zip(pages, results, strict=True):
        if "authors" not in page.truth:
            continue
        truth = {_norm(a).casefold() for a in page.truth["authors"]}
        predicted = {_norm(a).casefold() for a in result.authors}
        tp, fp, fn = tp + len(truth & predicted), fp + len(predicted - truth), fn + len(truth - predicted)
    dated = [(p, r) for p, r in zip(pages, results, strict=True) if p.truth.get("published")]
    date_ok = sum(same_day(p.truth["published"], r) for p, r in dated)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return {
        "title": title_ok / len(titles) if titles else 0.0,
        "author_precision": precision,
        "author_recall": recall,
        "author_f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
        "date": date_ok / len(dated) if dated else 0.0,
    }


def run_all(pages: list[Page], extractor: Callable[[Page], Result]) -> list[Result]:
    return [extractor(page) for page in pages]


def median_ms(results: Iterable[Result]) -> float:
    values = [r.ms for r in results]
    return statistics.median(values) if values else 0.0


# -- report ------------------------------------------------------------------------------


def _row(name: str, ours: float, theirs: float | None, target: str, ok: bool | None) -> str:
    theirs_text = f"{theirs:>12.3f}" if theirs is not None else f"{'':>12}"
    mark = "" if ok is None else ("  ok" if ok else "  MISSED")
    return f"{name:<34}{ours:>10.3f}{theirs_text}   {target:<10}{mark}"


def report(body_pages, body_ours, body_traf, meta_pages, meta_ours, meta_traf, traf_meta_body_ms) -> None:
    ob, tb = body_metrics(body_pages, body_ours), body_metrics(body_pages, body_traf)
    om, tm = meta_metrics(meta_pages, meta_ours), meta_metrics(meta_pages, meta_traf)
    ours_ms = median_ms(body_ours + meta_ours)
    traf_ms = median_ms(body_traf + traf_meta_body_ms)
    ratio = ours_ms / traf_ms if traf_ms else 0.0
    raised = sum(r.raised is not None for r in body_ours + meta_ours)
    print(f"{'metric':<34}{'mediamon':>10}{'trafilatura':>12}   {'target':<10}")
    print("-" * 72)
    print(f"article-extraction-benchmark ({len(body_pages)} pages)")
    print(_row("  body F1", ob["body_f1"], tb["body_f1"], f">= {TARGETS['body_f1']:.3f}", ob["body_f1"] >= 0.970))
    print(_row("  body precision", ob["body_precision"], tb["body_precision"], "", None))
    print(_row("  body recall", ob["body_recall"], tb["body_recall"], "", None))
    print(_row("  body accuracy (identical tokens)", ob["body_accuracy"], tb["body_accuracy"], "", None))
    print(f"parser-fixtures ({len(meta_pages)} pages)")
    print(_row("  title exact match", om["title"], tm["title"], ">= 0.90", om["title"] >= TARGETS["title"]))
    print(_row("  author precision", om["author_precision"], tm["author_precision"], "", None))
    print(_row("  author recall", om["author_recall"], tm["author_recall"], "", None))
    print(_row("  author F1", om["author_f1"], tm["author_f1"], ">= 0.75", om["author_f1"] >= TARGETS["author_f1"]))
    print(_row("  date accuracy (same day)", om["date"], tm["date"], ">= 0.85", om["date"] >= TARGETS["date"]))
    print("both sets")
    print(_row("  median ms per page", ours_ms, traf_ms, "", None))
    print(_row("  time ratio to trafilatura", ratio, 1.0, "<= 1.5x", ratio <= TARGETS["time_ratio"]))
    print(_row("  pages that raised", raised, 0, "0", raised == 0))
    not_article = sum(r.not_article for r in body_ours + meta_ours)
    # Every page of both sets is an article: one called "not an article" would be lost by a crawl
    # (its fields are still scored above, extracted again without the article test).
    print(_row("  articles called not an article", not_article, None, "(info)", None))
    for page, result in zip(body_pages + meta_pages, body_ours + meta_ours, strict=True):
        if result.raised:
            print(f"  raised on {page.id}: {result.raised}")


def show_worst(body_pages, body_ours, meta_pages, meta_ours, count: int) -> None:
    scored = []
    for page, result in zip(body_pages, body_ours, strict=True):
        p, r, _ = body_scores(page.truth["body"], result.body)
        scored.append(((p or 0) + (r or 0), p, r, page.id[:12], page.url))
    print("\nworst body pages (precision, recall):")
    for _, p, r, pid, url in sorted(scored)[:count]:
        print(f"  {pid}  P={p if p is None else round(p, 3)}  R={r if r is None else round(r, 3)}  {url[:90]}")
    print("\ntitle misses:")
    for page, result in zip(meta_pages, meta_ours, strict=True):
        if page.truth.get("title") and _norm(page.truth["title"]) != _norm(result.title):
            print(f"  {page.id}  want {page.truth['title']!r}\n         got  {result.title!r}")
    print("\nauthor misses:")
    for page, result in zip(meta_pages, meta_ours, strict=True):
        if "authors" in page.truth:
            truth = {_norm(a).casefold() for a in page.truth["authors"]}
            if truth != {_norm(a).casefold() for a in result.authors}:
                print(f"  {page.id}  want {page.truth['authors']}  got {result.authors}")
    print("\ndate misses:")
    for page, result in zip(meta_pages, meta_ours, strict=True):
        if page.truth.get("published") and not same_day(page.truth["published"], result):
            got = result.published_utc or result.published
            print(f"  {page.id}  want {page.truth['published']}  got {got}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, help="only the first N pages of each set")
    parser.add_argument("--worst", type=int, default=0, help="list the N worst body pages and all metadata misses")
    parser.add_argument("--dump", type=Path, help="write per-page outputs as JSON lines here")
    args = parser.parse_args(argv)
    logging.disable(logging.CRITICAL)
    body_pages, meta_pages = load_pages(BODY_SET, args.limit), load_pages(META_SET, args.limit)
    # Warm both up once, so that first-call imports and caches are not timed.
    for page in body_pages[:2]:
        run_ours(page), run_trafilatura_body(page), run_trafilatura_meta(page)
    body_ours, meta_ours = run_all(body_pages, run_ours), run_all(meta_pages, run_ours)
    body_traf = run_all(body_pages, run_trafilatura_body)
    meta_traf = run_all(meta_pages, run_trafilatura_meta)
    meta_traf_body = run_all(meta_pages, run_trafilatura_body)
    report(body_pages, body_ours, body_traf, meta_pages, meta_ours, meta_traf, meta_traf_body)
    if args.worst:
        show_worst(body_pages, body_ours, meta_pages, meta_ours, args.worst)
    if args.dump:
        with args.dump.open("w", encoding="utf-8") as out:
            for page, result in zip(body_pages + meta_pages, body_ours + meta_ours, strict=True):
                row = {"id": page.id, "url": page.url, "body": result.body, "title": result.title}
                row |= {"authors": result.authors, "published": str(result.published), "ms": round(result.ms, 1)}
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
