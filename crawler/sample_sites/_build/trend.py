"""Trend (www.trend.az): Azerbaijani; numeric ids; listings ``ul.news-list > li > a`` with dates without a year."""

from __future__ import annotations

from datetime import datetime

from .common import MONTHS_AZ, Site, attr, esc, iso, jsonld, local_time, manifest_entry, rich, truncate
from .trend_content import ARTICLES, CATEGORIES

ORIGIN = "https://www.trend.az"
TZ = "Asia/Baku"
TREND = [("Trend", "organization")]


def month(when: datetime) -> str:
    return MONTHS_AZ[when.month - 1].capitalize()


def visible_date(when: datetime) -> str:
    return f"{when.day} {month(when)} {when.year} {when:%H:%M} (UTC +04:00)"


def list_date(when: datetime) -> str:
    return f"{when.day} {month(when)} {when:%H:%M} (UTC+04)"


def path_of(article: dict) -> str:
    return f"/{article['category']}/{article['id']}.html"


def image_of(article: dict) -> str:
    when = local_time(article["date"], TZ)
    return f"https://img.trend.az/b1/{when:%Y/%m/%d}/{article['id']}_big.jpg"


def head(title: str, canonical: str, extra: str = "") -> str:
    return f"""<!DOCTYPE html>
<html lang="az">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>{esc(title)}</title>
<link rel="canonical" href="{attr(canonical)}">
<link rel="stylesheet" href="https://static.trend.az/css/main.min.css?v=1.4.22">
<link rel="shortcut icon" href="https://static.trend.az/favicon.ico">
{extra}<script async src="https://www.googletagmanager.com/gtag/js?id=G-TRND4Z9K1Q"></script>
<script>window.dataLayer=window.dataLayer||[];function gtag(){{dataLayer.push(arguments);}}gtag('js',new Date());gtag('config','G-TRND4Z9K1Q');</script>
<script async src="https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js"></script>
</head>
"""


def header() -> str:
    nav = "".join(f'<li><a href="{ORIGIN}/{key}/">{esc(label)}</a></li>' for key, label in CATEGORIES.items())
    return f"""<body>
<header class="header">
<div class="header-top"><div class="container">
<a class="logo" href="{ORIGIN}/"><img src="https://static.trend.az/img/logo-az.svg" alt="Trend"></a>
<select class="languages" onchange="location.href=this.value" aria-label="Dil"><option value="https://www.trend.az/" selected>AZ</option><option value="https://ru.trend.az/">RU</option><option value="https://en.trend.az/">EN</option></select>
</div></div>
<nav class="main-menu"><div class="container"><ul>
<li><a href="{ORIGIN}/latest/">Son xəbərlər</a></li>
{nav}
</ul></div></nav>
</header>
<div class="banner-top"><ins class="adsbygoogle" style="display:inline-block;width:970px;height:90px" data-ad-client="ca-pub-8273918273645532" data-ad-slot="1029384756"></ins></div>
"""


def footer() -> str:
    return f"""<footer class="footer"><div class="container">
<ul class="footer-menu"><li><a href="{ORIGIN}/about/">Haqqımızda</a></li><li><a href="{ORIGIN}/privacy/">Məxfilik siyasəti</a></li><li><a href="https://www.facebook.com/trendnewsagency" rel="nofollow">Facebook</a></li><li><a href="https://t.me/trendnews" rel="nofollow">Telegram</a></li></ul>
<p class="copyright">© 1995–2026 Trend Beynəlxalq Xəbər Agentliyi. Bütün hüquqlar qorunur. Materialların istifadəsi zamanı Trend-ə hiperistinad mütləqdir.</p>
</div></footer>
<div class="cookie-notice" id="cookieNotice">Saytımız kukilərdən istifadə edir. <a href="{ORIGIN}/privacy/">Ətraflı</a> <button type="button">Razıyam</button></div>
<script src="https://static.trend.az/js/main.min.js?v=1.4.22"></script>
<script>(function(m,e,t,r,i,k,a){{m[i]=m[i]||function(){{(m[i].a=m[i].a||[]).push(arguments)}};m[i].l=1*new Date();k=e.createElement(t),a=e.getElementsByTagName(t)[0],k.async=1,k.src=r,a.parentNode.insertBefore(k,a)}})(window,document,"script","https://mc.yandex.ru/metrika/tag.js","ym");ym(1561208,"init",{{clickmap:true}});</script>
</body>
</html>
"""


def news_list(articles: list[dict]) -> str:
    items = "\n".join(
        f'<li><a href="{ORIGIN}{path_of(a)}"><h4>{esc(a["headline"])}</h4><span class="date-time">{list_date(local_time(a["date"], TZ))}</span></a></li>'
        for a in articles
    )
    return f'<ul class="news-list">\n{items}\n</ul>'


def sidebar(exclude: int | None = None) -> str:
    latest = [a for a in sorted(ARTICLES, key=lambda a: a["date"], reverse=True) if a["id"] != exclude][:6]
    return f'<aside class="sidebar"><div class="block-title">Son xəbərlər</div>\n{news_list(latest)}\n<div class="banner-side"><ins class="adsbygoogle" style="display:inline-block;width:300px;height:600px" data-ad-client="ca-pub-8273918273645532" data-ad-slot="5647382910"></ins></div></aside>'


def article_page(article: dict) -> str:
    when = local_time(article["date"], TZ)
    canonical = ORIGIN + path_of(article)
    category = CATEGORIES[article["category"]]
    description = truncate(article["paras"][0].removeprefix("Bakı. Trend: "))
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": canonical,
        "headline": article["headline"],
        "description": description,
        "image": image_of(article),
        "datePublished": iso(when),
        "dateModified": iso(when),
        "inLanguage": "az",
        "articleSection": category,
        "publisher": {"@type": "Organization", "name": "Trend", "logo": {"@type": "ImageObject", "url": "https://static.trend.az/img/logo-az.png"}},
    }
    meta = f"""<meta name="description" content="{attr(description)}">
<meta property="og:type" content="article">
<meta property="og:site_name" content="Trend.Az">
<meta property="og:title" content="{attr(article['headline'])}">
<meta property="og:description" content="{attr(description)}">
<meta property="og:url" content="{attr(canonical)}">
<meta property="og:image" content="{attr(image_of(article))}">
<meta property="article:published_time" content="{iso(when)}">
<meta property="article:section" content="{attr(category)}">
{jsonld(ld)}
"""
    others = [a for a in sorted(ARTICLES, key=lambda a: a["date"], reverse=True) if a["id"] != article["id"]]
    related = [a for a in others if a["category"] == article["category"]][:3] or others[:3]
    paras = "\n".join(f"<p>{rich(p)}</p>" for p in article["paras"])
    body = f"""<main class="container"><div class="row">
<div class="col-main">
<article class="article-page" itemscope itemtype="https://schema.org/NewsArticle">
<meta itemprop="datePublished" content="{iso(when)}">
<meta itemprop="dateModified" content="{iso(when)}">
<div class="top-part"><a class="category" href="{ORIGIN}/{article['category']}/">{esc(category)}</a> <span class="date-time article-date">{visible_date(when)}</span></div>
<h1 class="article-title" itemprop="headline">{esc(article['headline'])}</h1>
<div class="article-cover"><img src="{image_of(article)}" alt="{attr(article['headline'])}" itemprop="image"><span class="caption">Foto: Trend</span></div>
<div class="article-content" itemprop="articleBody">
{paras}
</div>
<div class="subscribe-promo">Trend-in <a href="https://t.me/trendnews" rel="nofollow">Telegram kanalına</a> abunə olun</div>
<div class="share"><a href="https://www.facebook.com/sharer.php?u={attr(canonical)}" rel="nofollow">Facebook</a> <a href="https://twitter.com/share?url={attr(canonical)}" rel="nofollow">X</a> <a href="https://wa.me/?text={attr(canonical)}" rel="nofollow">WhatsApp</a></div>
</article>
<section class="related"><div class="block-title">Digər xəbərlər</div>
{news_list(related)}
</section>
</div>
{sidebar(article['id'])}
</div></main>
"""
    return head(f"{article['headline']} - Trend.Az", canonical, meta) + header() + body + footer()


def listing(title: str, path: str, articles: list[dict]) -> str:
    meta = f'<meta property="og:type" content="website">\n<meta property="og:title" content="{attr(title)}">\n'
    body = f'<main class="container"><div class="row"><div class="col-main"><h1 class="page-title">{esc(title)}</h1>\n{news_list(articles)}\n</div>\n{sidebar()}\n</div></main>\n'
    return head(f"{title} - Trend.Az", ORIGIN + path, meta) + header() + body + footer()


def build() -> Site:
    site = Site("trend", source="trend")
    articles = sorted(ARTICLES, key=lambda a: a["date"], reverse=True)
    for article in articles:
        when = local_time(article["date"], TZ)
        site.put(path_of(article).lstrip("/"), article_page(article))
        extra = {k: article[k] for k in ("follow_up_of",) if k in article}
        site.article(
            manifest_entry(
                path=path_of(article),
                headline=article["headline"],
                description=truncate(article["paras"][0].removeprefix("Bakı. Trend: ")),
                authors=TREND,
                when=when,
                raw=iso(when),
                section=CATEGORIES[article["category"]],
                language="az",
                paragraphs=article["paras"],
                **extra,
            )
        )
    site.put("index.html", listing("Trend – Azərbaycan və dünya xəbərləri", "/", articles[:6]))
    site.put("latest/index.html", listing("Son xəbərlər", "/latest/", articles))
    site.not_article("/")
    site.not_article("/latest/")
    for key, label in CATEGORIES.items():
        site.put(f"{key}/index.html", listing(label, f"/{key}/", [a for a in articles if a["category"] == key]))
        site.not_article(f"/{key}/")
    for path, title, text in (
        ("about", "Haqqımızda", "Trend Beynəlxalq Xəbər Agentliyi 1995-ci ildə təsis edilib və Azərbaycan, Mərkəzi Asiya və Qafqaz barədə xəbərlər yayır."),
        ("privacy", "Məxfilik siyasəti", "Sayt statistika və reklam məqsədilə kukilərdən istifadə edir."),
    ):
        site.put(f"{path}/index.html", head(f"{title} - Trend.Az", f"{ORIGIN}/{path}/") + header() + f'<main class="container"><h1>{title}</h1><p>{text}</p></main>\n' + footer())
    site.not_article("/about/")
    site.put("robots.txt", "User-agent: *\nDisallow: /search/\nDisallow: /api/\n")
    site.put("404.html", head("Səhifə tapılmadı - Trend.Az", ORIGIN + "/404") + header() + '<main class="container"><h1>Səhifə tapılmadı</h1></main>\n' + footer())
    return site
