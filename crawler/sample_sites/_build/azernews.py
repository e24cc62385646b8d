"""Azernews (www.azernews.az): English; sitemap index with a plain and a gzipped child, RSS at /rss/."""

from __future__ import annotations

from datetime import datetime

from .azernews_content import ARTICLES, SECTIONS
from .common import MONTHS_EN, Site, attr, esc, iso, jsonld, local_time, manifest_entry, rfc822, rich, truncate

ORIGIN = "https://www.azernews.az"
TZ = "Asia/Baku"


def visible_date(when: datetime) -> str:
    return f"{when.day} {MONTHS_EN[when.month - 1]} {when.year} {when:%H:%M} (UTC+04:00)"


def path_of(article: dict) -> str:
    return f"/{article['section']}/{article['id']}.html"


def image_of(article: dict) -> str:
    when = local_time(article["date"], TZ)
    return f"{ORIGIN}/media/{when:%Y/%m/%d}/{article['id']}.jpg"


def byline(article: dict) -> str:
    return "By " + ", ".join(name for name, _ in article["authors"])


def head(title: str, canonical: str, extra: str = "") -> str:
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)}</title>
<link rel="canonical" href="{attr(canonical)}">
<link rel="alternate" type="application/rss+xml" title="AzerNews RSS" href="{ORIGIN}/rss/">
<link href="{ORIGIN}/assets/bootstrap/css/bootstrap.min.css" rel="stylesheet">
<link href="{ORIGIN}/assets/css/style.css?v=20260901" rel="stylesheet">
<link rel="icon" type="image/png" href="{ORIGIN}/assets/img/favicon.png">
{extra}<script async src="https://www.googletagmanager.com/gtag/js?id=UA-40843195-1"></script>
<script>window.dataLayer=window.dataLayer||[];function gtag(){{dataLayer.push(arguments);}}gtag('js',new Date());gtag('config','UA-40843195-1');</script>
<script async src="https://securepubads.g.doubleclick.net/tag/js/gpt.js"></script>
</head>
"""


def header(active: str | None = None) -> str:
    nav = "\n".join(
        f'<li class="nav-item"><a class="nav-link{" active" if key == active else ""}" href="{ORIGIN}/{key}/">{esc(label)}</a></li>'
        for key, label in SECTIONS.items()
    )
    return f"""<body>
<div class="top-bar bg-dark text-white small py-1"><div class="container d-flex justify-content-between">
<span>Baku, Azerbaijan</span>
<select class="lang-switch form-select form-select-sm" onchange="window.location=this.value" aria-label="Language"><option value="{ORIGIN}/" selected>EN</option><option value="https://ru.azernews.az/">RU</option></select>
</div></div>
<header class="site-header border-bottom">
<div class="container d-flex align-items-center py-3">
<a class="navbar-brand" href="{ORIGIN}/"><img src="{ORIGIN}/assets/img/logo.png" alt="AzerNews" height="42"></a>
<div class="ms-auto banner-728"><div id="div-gpt-ad-1577110231011-0" style="width:728px;height:90px"></div></div>
</div>
<nav class="navbar navbar-expand-lg navbar-light"><div class="container"><ul class="navbar-nav">
<li class="nav-item"><a class="nav-link" href="{ORIGIN}/">Home</a></li>
{nav}
</ul></div></nav>
</header>
"""


def footer() -> str:
    return f"""<footer class="site-footer bg-dark text-white-50 mt-5 py-4">
<div class="container">
<div class="row">
<div class="col-md-6"><p>AzerNews is the first English-language daily newspaper of Azerbaijan, founded in 1997.</p></div>
<div class="col-md-6 text-md-end"><a class="text-white-50 me-3" href="{ORIGIN}/about/">About us</a><a class="text-white-50 me-3" href="{ORIGIN}/privacy/">Privacy policy</a><a class="text-white-50" href="{ORIGIN}/rss/">RSS</a></div>
</div>
<p class="small mb-0">© 1997–2026 AzerNews. All rights reserved. Reproduction of materials requires a link to AzerNews.</p>
<div class="social mt-2"><a href="https://www.facebook.com/AzerNews" rel="nofollow">Facebook</a> <a href="https://twitter.com/AzerNewsAz" rel="nofollow">X</a> <a href="https://www.linkedin.com/company/azernews" rel="nofollow">LinkedIn</a></div>
</div>
</footer>
<div id="cookie-consent" class="cookie-consent fixed-bottom bg-light p-3 border-top">This website uses cookies to ensure you get the best experience. <a href="{ORIGIN}/privacy/">Learn more</a> <button class="btn btn-sm btn-primary" type="button">Got it</button></div>
<script src="{ORIGIN}/assets/bootstrap/js/bootstrap.bundle.min.js"></script>
<script>googletag=window.googletag||{{cmd:[]}};googletag.cmd.push(function(){{googletag.defineSlot('/22645427/azernews_728x90',[728,90],'div-gpt-ad-1577110231011-0').addService(googletag.pubads());googletag.enableServices();}});</script>
</body>
</html>
"""


def sidebar(exclude: int | None = None) -> str:
    latest = [a for a in sorted(ARTICLES, key=lambda a: a["date"], reverse=True) if a["id"] != exclude][:6]
    items = "\n".join(
        f'<li class="list-group-item"><span class="time small text-muted">{local_time(a["date"], TZ):%H:%M}</span> <a href="{ORIGIN}{path_of(a)}">{esc(a["headline"])}</a></li>'
        for a in latest
    )
    return f"""<aside class="col-lg-4">
<div class="latest-news"><h5 class="block-title">Latest news</h5><ul class="list-group list-group-flush">
{items}
</ul></div>
<div class="banner-300 my-4"><div id="div-gpt-ad-1577110231011-1" style="width:300px;height:250px"></div></div>
</aside>"""


def article_page(article: dict) -> str:
    when = local_time(article["date"], TZ)
    path = path_of(article)
    canonical = ORIGIN + path
    section = SECTIONS[article["section"]]
    description = article["lead"]
    people = [{"@type": "Person" if kind == "person" else "Organization", "name": name} for name, kind in article["authors"]]
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": canonical},
        "headline": article["headline"],
        **({"description": description} if description else {}),
        "image": {"@type": "ImageObject", "url": image_of(article), "width": 1000, "height": 563},
        "datePublished": iso(when),
        "dateModified": iso(when),
        "articleSection": section,
        "inLanguage": "en",
        "author": people[0] if len(people) == 1 else people,
        "publisher": {
            "@type": "Organization",
            "name": "AzerNews",
            "logo": {"@type": "ImageObject", "url": f"{ORIGIN}/assets/img/logo.png"},
        },
    }
    meta = (f'<meta name="description" content="{attr(description)}">\n' if description else "") + f"""<meta name="keywords" content="Azerbaijan, {attr(section)}, news">
<meta property="og:type" content="article">
<meta property="og:site_name" content="AzerNews">
<meta property="og:title" content="{attr(article['headline'])}">
{f'<meta property="og:description" content="{attr(description)}">' + chr(10) if description else ''}<meta property="og:url" content="{attr(canonical)}">
<meta property="og:image" content="{attr(image_of(article))}">
<meta property="article:published_time" content="{iso(when)}">
<meta property="article:section" content="{attr(section)}">
<meta name="twitter:card" content="summary_large_image">
<meta name="twitter:site" content="@AzerNewsAz">
{jsonld(ld)}
"""
    others = sorted((a for a in ARTICLES if a["id"] != article["id"]), key=lambda a: a["date"], reverse=True)
    related = [a for a in others if a["section"] == article["section"]][:3] or others[:3]
    related_html = "\n".join(
        f'<div class="col-md-4"><a class="related-card" href="{ORIGIN}{path_of(a)}"><img src="{image_of(a)}" class="img-fluid" alt=""><h6>{esc(a["headline"])}</h6></a></div>'
        for a in related
    )
    paras = "\n".join(f"<p>{rich(p)}</p>" for p in article["paras"])
    body = f"""<main class="container mt-4">
<div class="row">
<div class="col-lg-8">
<article class="article-page">
<nav aria-label="breadcrumb"><ol class="breadcrumb"><li class="breadcrumb-item"><a href="{ORIGIN}/">Home</a></li><li class="breadcrumb-item active"><a href="{ORIGIN}/{article['section']}/">{esc(section)}</a></li></ol></nav>
<h1 class="article-title">{esc(article['headline'])}</h1>
<div class="article-meta d-flex align-items-center text-muted small mb-3">
<span class="me-3"><i class="far fa-clock"></i> {visible_date(when)}</span>
<span class="views"><i class="far fa-eye"></i> {article['id'] % 1700 + 212}</span>
</div>
<figure class="article-image"><img src="{image_of(article)}" class="img-fluid" alt="{attr(article['headline'])}"><figcaption class="small text-muted">Photo: AzerNews</figcaption></figure>
<div class="author d-flex align-items-center mb-3"><img src="{ORIGIN}/assets/img/author.png" width="32" height="32" alt=""><h6 class="ms-2 mb-0">{esc(byline(article))}</h6></div>
<div class="article-content">
{paras}
</div>
<div class="article-note small text-muted"><p>Here we are to serve you with news right now. It does not cost much, but worth your attention.</p><p>Follow us on <a href="https://twitter.com/AzerNewsAz" rel="nofollow">X</a> @AzerNewsAz</p></div>
<div class="share-buttons my-3"><a href="https://www.facebook.com/sharer/sharer.php?u={attr(canonical)}" rel="nofollow">Share</a> <a href="https://twitter.com/intent/tweet?url={attr(canonical)}" rel="nofollow">Tweet</a> <a href="https://www.linkedin.com/sharing/share-offsite/?url={attr(canonical)}" rel="nofollow">LinkedIn</a></div>
</article>
<section class="related-news"><h5 class="block-title">Related News</h5><div class="row">
{related_html}
</div></section>
</div>
{sidebar(article['id'])}
</div>
</main>
"""
    return head(f"{article['headline']} - AzerNews", canonical, meta) + header(article["section"]) + body + footer()


def card(article: dict) -> str:
    when = local_time(article["date"], TZ)
    return f"""<div class="col-md-6 news-card mb-4"><a href="{ORIGIN}{path_of(article)}"><img src="{image_of(article)}" class="img-fluid" alt=""></a>
<h5><a href="{ORIGIN}{path_of(article)}">{esc(article['headline'])}</a></h5>
<span class="me-3 small text-muted">{visible_date(when)}</span></div>"""


def listing(title: str, path: str, articles: list[dict], active: str | None = None) -> str:
    canonical = ORIGIN + path
    meta = f"""<meta name="description" content="{attr(title)} – latest news from Azerbaijan">
<meta property="og:type" content="website">
<meta property="og:title" content="{attr(title)}">
<meta property="og:url" content="{attr(canonical)}">
"""
    cards = "\n".join(card(a) for a in articles)
    body = f"""<main class="container mt-4"><div class="row"><div class="col-lg-8">
<h1 class="section-title">{esc(title)}</h1>
<div class="row">
{cards}
</div>
</div>
{sidebar()}
</div></main>
"""
    return head(f"{title} - AzerNews", canonical, meta) + header(active) + body + footer()


def static(title: str, path: str, paragraphs: list[str]) -> str:
    text = "\n".join(f"<p>{esc(p)}</p>" for p in paragraphs)
    body = f'<main class="container mt-4"><div class="row"><div class="col-lg-8"><h1>{esc(title)}</h1>\n{text}\n</div>\n{sidebar()}\n</div></main>\n'
    return head(f"{title} - AzerNews", ORIGIN + path) + header() + body + footer()


def urlset(articles: list[dict]) -> str:
    rows = "\n".join(
        f"<url><loc>{ORIGIN}{path_of(a)}</loc><lastmod>{iso(local_time(a['date'], TZ))}</lastmod><changefreq>never</changefreq><priority>0.8</priority></url>"
        for a in articles
    )
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{rows}\n</urlset>\n'


def build() -> Site:
    site = Site("azernews", source="azernews")
    articles = sorted(ARTICLES, key=lambda a: a["date"], reverse=True)
    for article in articles:
        when = local_time(article["date"], TZ)
        site.put(path_of(article).lstrip("/"), article_page(article))
        site.article(
            manifest_entry(
                path=path_of(article),
                headline=article["headline"],
                description=article["lead"],
                authors=article["authors"],
                when=when,
                raw=iso(when),
                section=SECTIONS[article["section"]],
                language="en",
                paragraphs=article["paras"],
                **article.get("extra", {}),
            )
        )
    site.put("index.html", listing("AzerNews – Azerbaijan news in English", "/", articles[:8]))
    site.not_article("/")
    for key, label in SECTIONS.items():
        site.put(f"{key}/index.html", listing(label, f"/{key}/", [a for a in articles if a["section"] == key], key))
        site.not_article(f"/{key}/")
    site.put("about/index.html", static("About us", "/about/", [
        "AzerNews is an English-language news portal and newspaper published in Baku since 1997.",
        "We cover politics, business, energy, culture and sport in Azerbaijan and the Caspian region.",
    ]))
    site.put("privacy/index.html", static("Privacy policy", "/privacy/", [
        "We use cookies for analytics and advertising. You can disable cookies in your browser settings.",
    ]))
    site.not_article("/about/")
    recent = [a for a in articles if a["date"] >= "2026-01-01"]
    older = [a for a in articles if a["date"] < "2026-01-01"]
    site.put("sitemaps/news-2026.xml", urlset(recent))
    site.put_gz("sitemaps/news-2025.xml.gz", urlset(older))
    newest = iso(local_time(articles[0]["date"], TZ))
    site.put(
        "sitemap.xml",
        f"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>{ORIGIN}/sitemaps/news-2026.xml</loc><lastmod>{newest}</lastmod></sitemap>
<sitemap><loc>{ORIGIN}/sitemaps/news-2025.xml.gz</loc><lastmod>{iso(local_time(older[0]['date'], TZ)) if older else newest}</lastmod></sitemap>
</sitemapindex>
""",
    )
    items = "\n".join(
        f"""<item>
<title>{esc(a['headline'])}</title>
<link>{ORIGIN}{path_of(a)}</link>
<guid>{ORIGIN}{path_of(a)}</guid>
<pubDate>{rfc822(local_time(a['date'], TZ))}</pubDate>
<category>{esc(SECTIONS[a['section']])}</category>
<description>{esc(a['lead'] or truncate(a['paras'][0]))}</description>
</item>"""
        for a in articles[:8]
    )
    site.put(
        "rss/index.xml",
        f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0">
<channel>
<title>AzerNews</title>
<link>{ORIGIN}/</link>
<description>Azerbaijan news in English</description>
<language>en-us</language>
<lastBuildDate>{rfc822(local_time(articles[0]['date'], TZ))}</lastBuildDate>
{items}
</channel>
</rss>
""",
    )
    site.put("robots.txt", f"User-agent: *\nDisallow: /admin/\nDisallow: /search/\n\nSitemap: {ORIGIN}/sitemap.xml\n")
    site.put("404.html", head("Page not found - AzerNews", ORIGIN + "/404") + header() + '<main class="container mt-4"><h1>Page not found</h1></main>\n' + footer())
    return site
