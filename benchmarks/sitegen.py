"""Generate large sample news sites for the crawl benchmark and the distributed-crawl tests.

A generated site is a directory that :class:`crawler.sample_sites.server.SampleSite` (or any static
server) serves: ``robots.txt`` names a sitemap index, the index names sitemaps of up to
1,000 article URLs each, and every article is a page with site boilerplate (navigation,
footer, inline styles and scripts), a JSON-LD ``NewsArticle``, OpenGraph tags, a byline,
a ``<time>`` and 8 to 15 paragraphs, plus links to related articles.

Pages are written with the absolute origin ``https://<host>``; SampleSite rewrites it to
its own address. With ``page_kb`` small (the tests) the boilerplate shrinks; the default
of about 60 KB matches a real news page.

    python -m benchmarks.sitegen DIR --articles 5000 [--page-kb 60]
"""

from __future__ import annotations

import argparse
import json
import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from crawler.sources import Source, origin_domain

DEFAULT_HOST = "bench-news.example"
ARTICLE_PATTERN = r"^/news/\d+\.html$"
_URLS_PER_SITEMAP = 1000
_SECTIONS = ("politics", "economy", "world", "society", "culture", "sport", "technology", "science")
_AUTHORS = ("Aysel Mammadova", "John Carter", "Leyla Huseynova", "Maria Petrova", "Tom Brennan", "Nigar Aliyeva")
_VOCABULARY = (
    "government minister parliament agreement economy growth region energy pipeline project export market "
    "company investment report president meeting cooperation development security border talks statement "
    "official agency bank inflation budget infrastructure railway transport city council residents school "
    "hospital festival exhibition museum season team championship match coach players tournament researchers "
    "university study climate water harvest farmers weather prices consumers industry production increase "
    "decline percent million billion quarter annual national international foreign domestic public private"
)
_WORDS = tuple(_VOCABULARY.split())


@dataclass(frozen=True, slots=True)
class GeneratedSite:
    """Where a generated site lives and what it holds."""

    directory: Path
    host: str
    articles: int

    def article_path(self, number: int) -> str:
        return f"/news/{number}.html"

    def source(self, origin: str | None = None, name: str = "bench_news") -> Source:
        """A source entry for the site, at ``origin`` (the server's base URL) or its own host."""
        base = (origin or f"https://{self.host}").rstrip("/")
        return Source(
            name=name,
            title="Generated benchmark news site",
            homepage=f"{base}/",
            languages=("en",),
            timezone="UTC",
            allowed_domains=(origin_domain(base),),
            sitemaps=(f"{base}/sitemap.xml",),
            article_url_pattern=ARTICLE_PATTERN,
        )


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(12, 24))]
    return " ".join(words).capitalize() + "."


def _paragraph(rng: random.Random, sentences: tuple[int, int]) -> str:
    return " ".join(_sentence(rng) for _ in range(rng.randint(*sentences)))


def _boilerplate(rng: random.Random, origin: str, target_chars: int) -> tuple[str, str, str]:
    """Head extras, navigation and footer that pad a page to about ``target_chars``."""
    style = "".join(
        f".c{i}{{margin:{i % 7}px;padding:{i % 5}px;color:#{rng.randrange(0xFFFFFF):06x}}}" for i in range(120)
    )
    nav_links = "".join(
        f'<li><a href="{origin}/section/{s}/">{s.title()}</a></li>' for s in _SECTIONS for _ in range(1)
    )
    menu = "".join(
        f'<li class="menu-item"><a href="{origin}/tag/{rng.choice(_WORDS)}-{i}/">{rng.choice(_WORDS).title()}</a></li>'
        for i in range(60)
    )
    footer = "".join(f"<p class='legal'>{_sentence(rng)}</p>" for _ in range(6))
    head = f"<style>{style}</style>"
    nav = (
        f'<header class="site-header"><nav><ul class="sections">{nav_links}</ul>'
        f'<ul class="menu">{menu}</ul></nav></header>'
    )
    foot = f'<footer class="site-footer">{footer}<p>&copy; Bench News</p></footer>'
    used = len(head) + len(nav) + len(foot)
    script = ""
    while used + len(script) < target_chars:
        script += f"window.__cfg{len(script)}={{'slot':'{rng.randrange(10**9)}','sizes':[[300,250],[728,90]]}};"
    return head + f"<script>{script}</script>" if script else head, nav, foot


def article_html(number: int, total: int, origin: str, rng: random.Random, page_kb: float, now: datetime) -> str:
    """One article page; about ``page_kb`` KB (a little less or more for tiny targets)."""
    section = _SECTIONS[number % len(_SECTIONS)]
    author = _AUTHORS[number % len(_AUTHORS)]
    published = (now - timedelta(minutes=17 * number)).replace(microsecond=0)
    headline = f"{_sentence(rng)[:-1][:90]} ({number})"
    description = _sentence(rng)
    small = page_kb < 10
    paragraphs = [_paragraph(rng, (1, 2) if small else (3, 6)) for _ in range(rng.randint(8, 15) if not small else 3)]
    url = f"{origin}/news/{number}.html"
    jsonld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": headline,
        "description": description,
        "datePublished": published.isoformat(),
        "dateModified": published.isoformat(),
        "author": [{"@type": "Person", "name": author}],
        "publisher": {"@type": "Organization", "name": "Bench News"},
        "articleSection": section.title(),
        "inLanguage": "en",
        "mainEntityOfPage": url,
    }
    related = "".join(
        f'<li><a href="{origin}/news/{(number + step) % total}.html">Related story {(number + step) % total}</a></li>'
        for step in (1, 7, 31)
    )
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    core = (
        f'<article class="post"><h1>{headline}</h1><p class="lead">{description}</p>'
        f'<div class="byline">By <a rel="author" href="{origin}/author/{number % len(_AUTHORS)}/">{author}</a></div>'
        f'<time datetime="{published.isoformat()}">{published:%d %B %Y, %H:%M}</time>'
        f'<div class="article-body">{body}</div></article>'
        f'<aside class="related"><h2>Related</h2><ul>{related}</ul></aside>'
    )
    target = 0 if small else int(page_kb * 1024) - len(core) - 1200
    head_extra, nav, foot = _boilerplate(rng, origin, target) if not small else ("", "", "")
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{headline} | Bench News</title>'
        f'<link rel="canonical" href="{url}"><meta property="og:title" content="{headline}">'
        f'<meta property="og:type" content="article"><meta name="description" content="{description}">'
        f'<meta property="article:published_time" content="{published.isoformat()}">'
        f'<script type="application/ld+json">{json.dumps(jsonld)}</script>{head_extra}</head>'
        f"<body>{nav}<main>{core}</main>{foot}</body></html>"
    )


def generate_site(
    directory: Path,
    articles: int,
    *,
    host: str = DEFAULT_HOST,
    page_kb: float = 60,
    seed: int = 0,
    in_sitemap: int | None = None,
) -> GeneratedSite:
    """Write a site of ``articles`` article pages (numbered 0 … articles-1) into ``directory``.

    The sitemaps list the first ``in_sitemap`` of them (all by default); the others are
    found only through the related links of the pages (each links to n+1, n+7 and n+31).
    """
    rng = random.Random(seed)
    origin = f"https://{host}"
    now = datetime(2026, 1, 15, 12, 0, tzinfo=UTC)
    news = directory / "news"
    news.mkdir(parents=True, exist_ok=True)
    for number in range(articles):
        (news / f"{number}.html").write_text(article_html(number, articles, origin, rng, page_kb, now), "utf-8")
    sitemaps = []
    listed = articles if in_sitemap is None else min(in_sitemap, articles)
    for index, start in enumerate(range(0, listed, _URLS_PER_SITEMAP)):
        urls = "".join(
            f"<url><loc>{origin}/news/{n}.html</loc></url>"
            for n in range(start, min(start + _URLS_PER_SITEMAP, listed))
        )
        name = f"sitemap-{index}.xml"
        (directory / name).write_text(
            f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"{urls}</urlset>",
            "utf-8",
        )
        sitemaps.append(name)
    entries = "".join(f"<sitemap><loc>{origin}/{name}</loc></sitemap>" for name in sitemaps)
    (directory / "sitemap.xml").write_text(
        f'<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"{entries}</sitemapindex>",
        "utf-8",
    )
    (directory / "robots.txt").write_text(f"User-agent: *\nAllow: /\nSitemap: {origin}/sitemap.xml\n", "utf-8")
    (directory / "index.html").write_text(
        f"<!DOCTYPE html><html><head><title>Bench News</title></head><body><h1>Bench News</h1>"
        f'<a href="{origin}/news/0.html">Latest</a></body></html>',
        "utf-8",
    )
    return GeneratedSite(directory=directory, host=host, articles=articles)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--page-kb", type=float, default=60)
    parser.add_argument("--host", default=DEFAULT_HOST)
    args = parser.parse_args()
    site = generate_site(args.directory, args.articles, host=args.host, page_kb=args.page_kb)
    print(f"{site.articles} articles in {site.directory} (host {site.host})")


if __name__ == "__main__":
    main()
