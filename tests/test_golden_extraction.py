"""Golden-file extraction tests.

1. ``tests/fixtures/<site>/<case>.html`` beside ``<case>.json``: the expected fields
   of one page (``null`` for "not an article"); only the keys present are checked.
2. The sample sites under ``crawler/sample_sites/<site>/``: every article page of a
   manifest gives its headline, authors, publication date in UTC and body
   paragraphs, and every listed non-article page gives ``None``.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from crawler.extract import extract_article
from crawler.sources import Source, load_sources

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLE_SITES = Path(__file__).resolve().parents[1] / "crawler" / "sample_sites"
FETCHED_AT = datetime(2026, 11, 25, tzinfo=UTC)
SOURCES = load_sources()


# -- hand-written fixtures ---------------------------------------------------------------


def fixture_cases() -> list[Path]:
    return sorted(FIXTURES.glob("*/*.html"))


def _source_for(spec: dict[str, Any]) -> Source | None:
    data = spec.get("source")
    if data is None:
        return None
    if isinstance(data, str):
        return SOURCES[data]
    return Source(
        name=data["name"],
        homepage=data.get("homepage", "https://example.com/"),
        languages=tuple(data.get("languages", ("en",))),
        timezone=data.get("timezone", "UTC"),
        selectors=data.get("selectors", {}),
    )


def _as_comparable(name: str, value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    if name == "authors":
        return [{"name": a.name, "kind": a.kind} for a in value]
    return value


@pytest.mark.parametrize("case", fixture_cases(), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_fixture(case: Path) -> None:
    spec = json.loads(case.with_suffix(".json").read_text(encoding="utf-8"))
    item = extract_article(spec["url"], case.read_bytes(), _source_for(spec), fetched_at=FETCHED_AT)
    expected = spec["expected"]
    if expected is None:
        assert item is None
        return
    assert item is not None, "the page should be an article"
    for name, want in expected.items():
        if name == "body_paragraphs":
            assert (item.article_body or "").split("\n") == want
        elif name == "body_excludes":
            for text in want:
                assert text not in (item.article_body or "")
        else:
            assert _as_comparable(name, getattr(item, name)) == want, name


# -- sample sites ------------------------------------------------------------------------


def _resolve(site: Path, path: str) -> Path | None:
    relative = path.strip("/")
    candidates = [relative, f"{relative}.html", f"{relative}/index.html"] if relative else ["index.html"]
    return next((site / c for c in candidates if (site / c).is_file()), None)


def _source_of(manifest: dict[str, Any], article: dict[str, Any]) -> Source:
    if article.get("source"):
        return SOURCES[article["source"]]
    names = [manifest["source"], *manifest.get("sources", [])]
    matching = [SOURCES[n] for n in names if n in SOURCES and SOURCES[n].is_article_url(article["path"])]
    return matching[0] if matching else SOURCES[manifest["source"]]


def sample_pages(kind: str) -> list[Any]:
    params = []
    for manifest_file in sorted(SAMPLE_SITES.glob("*/manifest.json")):
        manifest = json.loads(manifest_file.read_text(encoding="utf-8"))
        if manifest.get("source") not in SOURCES:
            continue
        for entry in manifest.get(kind, []):
            path = entry["path"] if isinstance(entry, dict) else entry
            params.append(pytest.param(manifest_file.parent, manifest, entry, id=f"{manifest_file.parent.name}{path}"))
    return params


def _url(source: Source, path: str) -> str:
    return source.homepage.split("/", 3)[0] + "//" + source.homepage.split("/", 3)[2] + path


@pytest.mark.parametrize(("site", "manifest", "article"), sample_pages("articles"))
def test_sample_site_article(site: Path, manifest: dict[str, Any], article: dict[str, Any]) -> None:
    file = _resolve(site, article["path"])
    assert file is not None, f"no file for {article['path']}"
    source = _source_of(manifest, article)
    item = extract_article(_url(source, article["path"]), file.read_bytes(), source, fetched_at=FETCHED_AT)
    assert item is not None
    assert item.headline == article["headline"]
    assert [{"name": a.name, "kind": a.kind} for a in item.authors] == article["authors"]
    assert item.date_published is not None, f"unreadable date {item.date_published_raw!r}"
    assert item.date_published.isoformat().replace("+00:00", "Z") == article["date_published"]
    assert (item.article_body or "").split("\n") == article["body_paragraphs"]
    if article.get("in_language"):
        assert item.in_language == article["in_language"]


@pytest.mark.parametrize(("site", "manifest", "path"), sample_pages("not_articles"))
def test_sample_site_not_article(site: Path, manifest: dict[str, Any], path: str) -> None:
    file = _resolve(site, path)
    if file is None:
        pytest.skip(f"no file for {path}")
    source = SOURCES[manifest["source"]]
    assert extract_article(_url(source, path), file.read_bytes(), source, fetched_at=FETCHED_AT) is None
