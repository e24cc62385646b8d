"""Check the written sites: every link resolves, every manifest article is reachable the way the
spider discovers it, and every article page says what its manifest entry says."""

from __future__ import annotations

import gzip
import json
import re
import urllib.error
import urllib.request
from collections import deque
from urllib.parse import urljoin, urlsplit

import feedparser
from parsel import Selector

from crawler.sample_sites.server import SampleSite, origin_pattern
from crawler.sources import load_sources

from .common import SITES_DIR

# Per site: (headline, body paragraphs, visible date) selectors, used to compare pages with manifests.
SELECTORS = {
    "caliber_az": (".post .post_title", ".post .post_body > p", ".post .post_time"),
    "azernews": ("h1.article-title", "div.article-content > p", "span.me-3"),
    "lenta_ru": (".topic-body__title", ".topic-body__content p.topic-body__content-text", ".topic-header__time"),
    "trend": ("h1.article-title", "div.article-content > p", ".article-date"),
    "report_az": ("h1.news-title", "div.news-detail__desc > p", "ul.news__date"),
    "apa": ("h1.title_news", "div.news_content > p", ".date-time"),
}


JUNK = re.compile(r"^(Mənbə|Источник):")


def text_of(node) -> str:
    return " ".join("".join(node.xpath(".//text()").getall()).split())


def fetch(url: str) -> tuple[int, bytes, str]:
    if not url.startswith("http://127.0.0.1:"):
        raise ValueError(f"refusing to fetch {url}")
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read(), response.headers.get("Content-Type", "")
    except urllib.error.HTTPError as error:
        return error.code, error.read(), ""


def links_of(base: str, body: bytes) -> list[str]:
    selector = Selector(text=body.decode("utf-8"))
    out = []
    for href in selector.css("a::attr(href)").getall():
        if href.startswith(("mailto:", "javascript:", "#")):
            continue
        out.append(urljoin(base, href).split("#")[0])
    return out


WARNINGS: set[str] = set()
_GZ_ORIGINS: list[tuple[re.Pattern[str], str]] = []


def sitemap_locs(body: bytes) -> tuple[str, list[str]]:
    if body[:2] == b"\x1f\x8b":
        body = gzip.decompress(body)
        for pattern, base in _GZ_ORIGINS:
            text = body.decode("utf-8")
            if pattern.search(text):
                WARNINGS.add("a gzipped file names the real origin: crawler.sample_sites.server rewrites origins in text files only")
                body = pattern.sub(base, text).encode("utf-8")
    kind = "sitemapindex" if b"<sitemapindex" in body else "urlset"
    return kind, re.findall(r"<loc>\s*([^<\s]+)\s*</loc>", body.decode("utf-8"))


def check_site(name: str, problems: list[str]) -> None:
    directory = SITES_DIR / name
    manifest = json.loads((directory / "manifest.json").read_text(encoding="utf-8"))
    sources = load_sources()
    names = sorted({a.get("source") or manifest.get("source") for a in manifest["articles"]})
    hosts = sources[names[0]].allowed_domains
    site = SampleSite(directory, hosts).start()
    base = site.base_url
    _GZ_ORIGINS[:] = [(origin_pattern(hosts), base)]
    try:
        # 1. Link hygiene: everything reachable from the start pages of every source resolves.
        seen: set[str] = set()
        queue = deque([base + "/", base + "/robots.txt"])
        for source_name in names:
            source = sources[source_name].with_origin(base)
            queue.extend([*source.feeds, *source.sitemaps, *source.start_urls, source.homepage])
        while queue:
            url = queue.popleft()
            if url in seen:
                continue
            seen.add(url)
            if not url.startswith(base):
                problems.append(f"{name}: link to the real site left in a served file: {url}")
                continue
            status, body, content_type = fetch(url)
            if status != 200:
                problems.append(f"{name}: {urlsplit(url).path} answers {status}")
                continue
            path = urlsplit(url).path
            if path.endswith("robots.txt"):
                queue.extend(re.findall(r"(?im)^sitemap:\s*(\S+)", body.decode()))
            elif path.endswith((".xml", ".gz")) or "xml" in content_type:
                if b"<rss" in body[:500]:
                    queue.extend(e.link for e in feedparser.parse(body).entries)
                else:
                    queue.extend(sitemap_locs(body)[1])
            elif "html" in content_type:
                queue.extend(u for u in links_of(url, body) if u.startswith(base))
            for leftover in re.findall(rb"https?://(?:www\.)?" + re.escape(hosts[0].encode()) + rb"[^\s\"'<]*", body if not path.endswith(".gz") else gzip.decompress(body)):
                if not path.endswith(".gz"):
                    problems.append(f"{name}: {path} still names the real origin: {leftover[:80]!r}")
        for path in manifest["not_articles"]:
            if base + path not in seen and fetch(base + path)[0] != 200:
                problems.append(f"{name}: not-article {path} does not exist")
        # 2. Discovery as the spider does it (depth-1 listings, article links from articles).
        for source_name in names:
            source = sources[source_name].with_origin(base)
            found = discover(source, base, problems)
            wanted = {a["path"] for a in manifest["articles"] if (a.get("source") or manifest.get("source")) == source_name}
            for path in sorted(wanted - found):
                problems.append(f"{name}: {source_name} article {path} is not discoverable")
            for path in sorted(found - wanted):
                problems.append(f"{name}: {source_name} discovers {path}, which the manifest does not list")
        # 3. Page content against the manifest.
        for article in manifest["articles"]:
            check_article(name, base, article, problems)
    finally:
        site.stop()


def discover(source, base: str, problems: list[str]) -> set[str]:
    articles: set[str] = set()
    todo: deque[tuple[str, str, int]] = deque()
    status, body, _ = fetch(base + "/robots.txt")
    for url in re.findall(r"(?im)^sitemap:\s*(\S+)", body.decode()) if status == 200 else []:
        todo.append(("sitemap", url, 0))
    todo.extend(("sitemap", u, 0) for u in source.sitemaps)
    todo.extend(("feed", u, 0) for u in source.feeds)
    todo.extend(("listing", u, 0) for u in source.start_urls)
    done: set[tuple[str, str]] = set()

    def article(url: str) -> None:
        if not url.startswith(base):
            problems.append(f"{source.name}: off-site link {url}")
            return
        if source.is_article_url(url):
            todo.append(("article", url, 0))

    while todo:
        kind, url, depth = todo.popleft()
        if (kind, url) in done:
            continue
        done.add((kind, url))
        if not url.startswith(base):
            problems.append(f"{source.name}: off-site {kind} {url}")
            continue
        status, body, _ = fetch(url)
        if status != 200:
            problems.append(f"{source.name}: {kind} {url} answers {status}")
            continue
        if kind == "sitemap":
            index, locs = sitemap_locs(body)
            for loc in locs:
                todo.append(("sitemap", loc, 0)) if index == "sitemapindex" else article(loc)
        elif kind == "feed":
            for entry in feedparser.parse(body).entries:
                article(urljoin(url, entry.link))
        elif kind == "listing":
            for link in links_of(url, body):
                if not link.startswith(base):
                    continue
                if source.is_article_url(link):
                    article(link)
                elif depth < 1:
                    todo.append(("listing", link, depth + 1))
        else:
            articles.add(urlsplit(url).path)
            for link in links_of(url, body):
                if link.startswith(base) and source.is_article_url(link):
                    article(link)
    return articles


def check_article(name: str, base: str, article: dict, problems: list[str]) -> None:
    status, body, _ = fetch(base + article["path"])
    where = f"{name}:{article['path']}"
    if status != 200:
        problems.append(f"{where} answers {status}")
        return
    page = Selector(text=body.decode("utf-8"))
    canonical = page.css('link[rel="canonical"]::attr(href)').get("")
    if urlsplit(canonical).path != article["path"]:
        problems.append(f"{where}: canonical {canonical}")
    title_css, body_css, date_css = SELECTORS[name]
    headline = text_of(page.css(title_css)[0]) if page.css(title_css) else None
    if headline != article["headline"]:
        problems.append(f"{where}: headline {headline!r}")
    paragraphs = [text_of(p) for p in page.css(body_css)]
    paragraphs = [p for p in paragraphs if p and not JUNK.match(p)]
    if paragraphs != [" ".join(p.split()) for p in article["body_paragraphs"]]:
        problems.append(f"{where}: body differs ({len(paragraphs)} vs {len(article['body_paragraphs'])} paragraphs)")
    if not 5 <= len(article["body_paragraphs"]) <= 20:
        problems.append(f"{where}: {len(article['body_paragraphs'])} paragraphs")
    raw = article["date_published_raw"]
    if raw not in body.decode("utf-8"):
        problems.append(f"{where}: raw date {raw!r} not on the page")
    visible = " ".join(text_of(n) for n in page.css(date_css))
    if not visible:
        problems.append(f"{where}: no visible date")
    for entry in page.css('script[type="application/ld+json"]::text').getall():
        data = json.loads(entry)
        if data.get("@type") != "NewsArticle":
            continue
        if data.get("headline") != article["headline"]:
            problems.append(f"{where}: JSON-LD headline differs")
        if data.get("description") != article["description"]:
            problems.append(f"{where}: JSON-LD description {data.get('description')!r}")
        authors = data.get("author") or []
        authors = authors if isinstance(authors, list) else [authors]
        got = [{"name": a["name"], "kind": "person" if a["@type"] == "Person" else "organization"} for a in authors]
        if got and got != article["authors"]:
            problems.append(f"{where}: JSON-LD authors {got}")
    description = page.css('meta[property="og:description"]::attr(content)').get()
    if description != article["description"]:
        problems.append(f"{where}: og:description {description!r}")
    if len(body) > 40_000:
        problems.append(f"{where}: {len(body)} bytes")


def check_all(names: list[str]) -> list[str]:
    problems: list[str] = []
    for name in names:
        check_site(name, problems)
    for problem in problems:
        print("PROBLEM", problem)
    for warning in sorted(WARNINGS):
        print("WARNING", warning)
    print(f"checked {', '.join(names)}: {len(problems)} problem(s)")
    return problems
