"""APA (apa.az): Azerbaijani; /{category}/{slug}-{id}; date and time in separate elements;
JSON-LD dates without an offset (local Baku time); RSS at /az/rss with RFC 822 dates."""

from __future__ import annotations

from datetime import datetime

from .apa_content import ARTICLES, CATEGORIES
from .common import MONTHS_AZ, Site, attr, esc, jsonld, local_time, manifest_entry, rfc822, rich, truncate

ORIGIN = "https://apa.az"
TZ = "Asia/Baku"


def date_parts(when: datetime) -> tuple[str, str]:
    return f"{when.day} {MONTHS_AZ[when.month - 1]} {when.year}", f"{when:%H:%M}"


def naive(when: datetime) -> str:
    return when.strftime("%Y-%m-%dT%H:%M:%S")


def path_of(article: dict) -> str:
    return f"/{article['category']}/{article['slug']}-{article['id']}"


def image_of(article: dict) -> str:
    when = local_time(article["date"], TZ)
    return f"{ORIGIN}/storage/news/{when:%Y/%m}/{when:%d}/big/{article['id']}.jpg"


def head(title: str, canonical: str, extra: str = "") -> str:
    return f"""<!DOCTYPE html>
<html lang="az">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)}</title>
<link rel="canonical" href="{attr(canonical)}">
<link rel="alternate" type="application/rss+xml" title="APA" href="{ORIGIN}/az/rss">
<link rel="stylesheet" href="{ORIGIN}/site/css/style.css?v=2.31">
{extra}<script async src="https://www.googletagmanager.com/gtag/js?id=G-APA7Q2M3ZZ"></script>
<script>window.dataLayer=window.dataLayer||[];function gtag(){{dataLayer.push(arguments);}}gtag('js',new Date());gtag('config','G-APA7Q2M3ZZ');</script>
<script async src="https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js?client=ca-pub-3920571736181021" crossorigin="anonymous"></script>
</head>
"""


def header() -> str:
    nav = "".join(f'<li><a href="{ORIGIN}/{key}">{esc(label)}</a></li>' for key, label in CATEGORIES.items())
    return f"""<body>
<header class="header">
<div class="container">
<a class="logo" href="{ORIGIN}/"><img src="{ORIGIN}/site/img/logo.svg" alt="APA"></a>
<div class="langs"><a class="active" href="{ORIGIN}/">AZ</a><a href="{ORIGIN}/ru">RU</a><a href="{ORIGIN}/en">EN</a></div>
<ul class="menu">{nav}</ul>
</div>
</header>
<div class="banner top"><ins class="adsbygoogle" style="display:block" data-ad-client="ca-pub-3920571736181021" data-ad-slot="8847261033"></ins></div>
"""


def footer() -> str:
    return f"""<footer class="footer"><div class="container">
<p>© 2005–2026 APA İnformasiya Agentliyi. Saytdakı materiallardan istifadə zamanı hiperlinklə istinad olunmalıdır.</p>
<ul class="footer_links"><li><a href="{ORIGIN}/about">Haqqımızda</a></li><li><a href="https://www.facebook.com/apa.az" rel="nofollow">Facebook</a></li><li><a href="https://t.me/apa_az" rel="nofollow">Telegram</a></li></ul>
</div></footer>
<div class="cookie_alert">Saytdan istifadə etməklə kukilərin istifadəsi ilə razılaşırsınız. <button type="button">OK</button></div>
<script src="{ORIGIN}/site/js/app.js?v=2.31"></script>
</body>
</html>
"""


def news_item(article: dict) -> str:
    date, time = date_parts(local_time(article["date"], TZ))
    return f"""<a class="item" href="{ORIGIN}{path_of(article)}">
<div class="img"><img src="{image_of(article)}" alt="" loading="lazy"></div>
<div class="content"><h2 class="title">{esc(article['headline'])}</h2><div class="date-time"><span class="date">{date}</span><span class="time">{time}</span></div></div>
</a>"""


def byline(article: dict) -> str:
    people = [name for name, kind in article["authors"] if kind == "person"]
    return f'<div class="author">Müəllif: {esc(", ".join(people))}</div>\n' if people else ""


def article_page(article: dict) -> str:
    when = local_time(article["date"], TZ)
    canonical = ORIGIN + path_of(article)
    category = CATEGORIES[article["category"]]
    description = truncate(article["paras"][0])
    date, time = date_parts(when)
    authors = [{"@type": "Person" if kind == "person" else "Organization", "name": name} for name, kind in article["authors"]]
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": canonical},
        "headline": article["headline"],
        "description": description,
        "image": {"@type": "ImageObject", "url": image_of(article)},
        "datePublished": naive(when),
        "dateModified": naive(when),
        "inLanguage": "az",
        "articleSection": category,
        "author": authors[0] if len(authors) == 1 else authors,
        "publisher": {"@type": "Organization", "name": "APA", "logo": {"@type": "ImageObject", "url": f"{ORIGIN}/site/img/logo.png"}},
    }
    meta = f"""<meta name="description" content="{attr(description)}">
<meta property="og:type" content="article">
<meta property="og:site_name" content="APA">
<meta property="og:title" content="{attr(article['headline'])}">
<meta property="og:description" content="{attr(description)}">
<meta property="og:url" content="{attr(canonical)}">
<meta property="og:image" content="{attr(image_of(article))}">
{jsonld(ld)}
"""
    others = [a for a in sorted(ARTICLES, key=lambda a: a["date"], reverse=True) if a is not article]
    paras = "\n".join(f"<p>{rich(p)}</p>" for p in article["paras"])
    body = f"""<main class="container">
<div class="news_main">
<div class="breadcrumb"><a href="{ORIGIN}/">Əsas səhifə</a> / <a href="{ORIGIN}/{article['category']}">{esc(category)}</a></div>
<h1 class="title_news">{esc(article['headline'])}</h1>
<div class="date-time"><span class="date">{date}</span><span class="time">{time}</span></div>
{byline(article)}<div class="main_img"><img src="{image_of(article)}" alt="{attr(article['headline'])}"><span class="photo_credit">Foto: APA</span></div>
<div class="news_content">
{paras}
</div>
<div class="tags_share"><a href="https://www.facebook.com/sharer/sharer.php?u={attr(canonical)}" rel="nofollow">Facebook</a> <a href="https://t.me/share/url?url={attr(canonical)}" rel="nofollow">Telegram</a> <a href="https://wa.me/?text={attr(canonical)}" rel="nofollow">WhatsApp</a></div>
</div>
<aside class="latest_news"><div class="block_title">Son xəbərlər</div>
{chr(10).join(news_item(a) for a in others[:5])}
</aside>
</main>
"""
    return head(f"{article['headline']} | APA", canonical, meta) + header() + body + footer()


def listing(title: str, path: str, articles: list[dict]) -> str:
    meta = f'<meta property="og:type" content="website">\n<meta property="og:title" content="{attr(title)}">\n'
    items = "\n".join(news_item(a) for a in articles)
    body = f'<main class="container"><h1 class="block_title">{esc(title)}</h1>\n<div class="news_list">\n{items}\n</div></main>\n'
    return head(f"{title} | APA", ORIGIN + path, meta) + header() + body + footer()


def build() -> Site:
    site = Site("apa", source="apa")
    articles = sorted(ARTICLES, key=lambda a: a["date"], reverse=True)
    for article in articles:
        when = local_time(article["date"], TZ)
        site.put(path_of(article).lstrip("/") + ".html", article_page(article))
        date, time = date_parts(when)
        extra = {k: article[k] for k in ("syndicated_from", "follow_up_of") if k in article}
        site.article(
            manifest_entry(
                path=path_of(article),
                headline=article["headline"],
                description=truncate(article["paras"][0]),
                authors=article["authors"],
                when=when,
                raw=naive(when),
                section=CATEGORIES[article["category"]],
                language="az",
                paragraphs=article["paras"],
                visible_date_raw=f"{date} {time}",
                **extra,
            )
        )
    site.put("index.html", listing("APA – Azərbaycan xəbərləri", "/", articles))
    site.not_article("/")
    for key, label in CATEGORIES.items():
        site.put(f"{key}.html", listing(label, f"/{key}", [a for a in articles if a["category"] == key]))
        site.not_article(f"/{key}")
    site.put("ru.html", listing("APA – Новости Азербайджана", "/ru", []))
    site.put("en.html", listing("APA – Azerbaijan news", "/en", []))
    site.put("about.html", head("Haqqımızda | APA", ORIGIN + "/about") + header() + '<main class="container"><h1>Haqqımızda</h1><p>APA İnformasiya Agentliyi 2004-cü ildən fəaliyyət göstərir.</p></main>\n' + footer())
    site.not_article("/about")
    items = "\n".join(
        f"<item><title>{esc(a['headline'])}</title><link>{ORIGIN}{path_of(a)}</link><guid>{ORIGIN}{path_of(a)}</guid><pubDate>{rfc822(local_time(a['date'], TZ))}</pubDate><description>{esc(truncate(a['paras'][0]))}</description><enclosure url=\"{image_of(a)}\" type=\"image/jpeg\"/></item>"
        for a in articles
    )
    site.put("az/rss/index.xml", f'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0">\n<channel>\n<title>APA</title>\n<link>{ORIGIN}/</link>\n<description>APA İnformasiya Agentliyi</description>\n<language>az</language>\n{items}\n</channel>\n</rss>\n')
    site.put("robots.txt", "User-agent: *\nDisallow: /admin\nDisallow: /search\n")
    site.put("404.html", head("Səhifə tapılmadı | APA", ORIGIN + "/404") + header() + '<main class="container"><h1>404</h1></main>\n' + footer())
    return site
