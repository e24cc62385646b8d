"""Report.az (report.az): Azerbaijani at the root, Russian under /ru/; RSS /rss/ (Russian) and /az/rss/."""

from __future__ import annotations

from datetime import datetime

from .common import MONTHS_AZ, MONTHS_RU_GEN, Site, attr, esc, iso, jsonld, local_time, manifest_entry, rfc822, rich, truncate
from .report_content import ARTICLES, CATEGORIES

ORIGIN = "https://report.az"
TZ = "Asia/Baku"
REPORT = [("Report", "organization")]
PREFIX = {"az": "", "ru": "/ru"}
UI = {
    "az": dict(latest="Son xəbərlər", home="Report.az – Azərbaycan və dünya xəbərləri", tags="Teqlər", share="Paylaş", rights="© 2014–2026 Report İnformasiya Agentliyi. Bütün hüquqlar qorunur.", cookie="Sayt kukilərdən istifadə edir.", ok="Razıyam", about="Haqqımızda", read="Oxşar xəbərlər"),
    "ru": dict(latest="Последние новости", home="Report.az – Новости Азербайджана и мира", tags="Теги", share="Поделиться", rights="© 2014–2026 Информационное агентство Report. Все права защищены.", cookie="Сайт использует файлы cookie.", ok="Согласен", about="О нас", read="Похожие новости"),
}


def date_parts(lang: str, when: datetime) -> tuple[str, str]:
    months = MONTHS_AZ if lang == "az" else MONTHS_RU_GEN
    return f"{when:%d} {months[when.month - 1]}, {when.year}", f"{when:%H:%M}"


def path_of(article: dict) -> str:
    return f"{PREFIX[article['lang']]}/{article['category']}/{article['slug']}/"


def image_of(article: dict) -> str:
    when = local_time(article["date"], TZ)
    return f"https://static.report.az/photo/{when:%Y/%m/%d}/{article['slug'][:24]}.jpg"


def description_of(article: dict) -> str:
    return truncate(article["paras"][0])


def head(lang: str, title: str, canonical: str, extra: str = "") -> str:
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)}</title>
<link rel="canonical" href="{attr(canonical)}">
<link rel="alternate" type="application/rss+xml" href="{ORIGIN}{'/az' if lang == 'az' else ''}/rss/">
<link rel="stylesheet" href="{ORIGIN}/assets/css/app.css?id=8f2c1b">
{extra}<script async src="https://www.googletagmanager.com/gtag/js?id=G-RPRT0AZ111"></script>
<script>window.dataLayer=window.dataLayer||[];function gtag(){{dataLayer.push(arguments);}}gtag('js',new Date());gtag('config','G-RPRT0AZ111');</script>
<script async src="https://an.yandex.ru/system/context.js"></script>
</head>
"""


def header(lang: str) -> str:
    nav = "".join(f'<li class="menu__item"><a href="{ORIGIN}{PREFIX[lang]}/{key}/">{esc(label)}</a></li>' for key, label in CATEGORIES[lang].items())
    latest = f'<li class="menu__item"><a href="{ORIGIN}/son-xeberler/">{esc(UI["az"]["latest"])}</a></li>' if lang == "az" else ""
    return f"""<body>
<header class="header">
<div class="container header__inner">
<a class="header__logo" href="{ORIGIN}{PREFIX[lang]}/"><img src="{ORIGIN}/assets/images/logo.svg" alt="Report.az"></a>
<div class="header__langs"><a class="{'active' if lang == 'az' else ''}" href="{ORIGIN}/">AZ</a><a class="{'active' if lang == 'ru' else ''}" href="{ORIGIN}/ru/">RU</a></div>
</div>
<nav class="menu"><ul class="container menu__list">{latest}{nav}</ul></nav>
</header>
<div class="banner banner--top" id="adfox_report_top"></div>
"""


def footer(lang: str) -> str:
    ui = UI[lang]
    return f"""<footer class="footer"><div class="container">
<div class="footer__links"><a href="{ORIGIN}/about/">{esc(ui['about'])}</a> <a href="https://www.facebook.com/report.az" rel="nofollow">Facebook</a> <a href="https://t.me/reportaz" rel="nofollow">Telegram</a></div>
<p class="footer__copy">{esc(ui['rights'])}</p>
</div></footer>
<div class="cookie" id="cookie">{esc(ui['cookie'])} <button class="cookie__btn" type="button">{esc(ui['ok'])}</button></div>
<script src="{ORIGIN}/assets/js/app.js?id=8f2c1b"></script>
</body>
</html>
"""


def news_item(article: dict) -> str:
    date, time = date_parts(article["lang"], local_time(article["date"], TZ))
    return f"""<div class="index-post-block"><a class="news__item" href="{ORIGIN}{path_of(article)}">
<div class="news__img"><img src="{image_of(article)}" alt="" loading="lazy"></div>
<h2 class="news__title">{esc(article['headline'])}</h2>
<ul class="news__date"><li>{date}</li><li>{time}</li></ul>
</a></div>"""


def article_page(article: dict) -> str:
    lang = article["lang"]
    when = local_time(article["date"], TZ)
    canonical = ORIGIN + path_of(article)
    category = CATEGORIES[lang][article["category"]]
    description = description_of(article)
    date, time = date_parts(lang, when)
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": canonical},
        "headline": article["headline"],
        "description": description,
        "image": [image_of(article)],
        "datePublished": iso(when),
        "dateModified": iso(when),
        "inLanguage": lang,
        "articleSection": category,
        "author": {"@type": "Organization", "name": "Report", "url": f"{ORIGIN}/"},
        "publisher": {"@type": "Organization", "name": "Report", "logo": {"@type": "ImageObject", "url": f"{ORIGIN}/assets/images/logo.png"}},
    }
    meta = f"""<meta name="description" content="{attr(description)}">
<meta property="og:type" content="article">
<meta property="og:site_name" content="Report.az">
<meta property="og:title" content="{attr(article['headline'])}">
<meta property="og:description" content="{attr(description)}">
<meta property="og:url" content="{attr(canonical)}">
<meta property="og:image" content="{attr(image_of(article))}">
{jsonld(ld)}
"""
    same = [a for a in ARTICLES if a["lang"] == lang and a is not article][:3]
    paras = "\n".join(f"<p>{rich(p)}</p>" for p in [*article["paras"], *article["junk"]])
    body = f"""<main class="container main">
<div class="news-detail">
<div class="news-detail__head"><a class="news__category" href="{ORIGIN}{PREFIX[lang]}/{article['category']}/">{esc(category)}</a>
<ul class="news__date"><li>{date}</li><li>{time}</li></ul></div>
<h1 class="news-title">{esc(article['headline'])}</h1>
<div class="news-detail__image"><img src="{image_of(article)}" alt="{attr(article['headline'])}"><div class="news-detail__image-caption">Foto: Report</div></div>
<div class="news-detail__desc">
{paras}
</div>
<div class="news-detail__share"><span>{esc(UI[lang]['share'])}:</span> <a href="https://www.facebook.com/sharer/sharer.php?u={attr(canonical)}" rel="nofollow">Facebook</a> <a href="https://t.me/share/url?url={attr(canonical)}" rel="nofollow">Telegram</a></div>
</div>
<section class="similar"><div class="section-title">{esc(UI[lang]['read'])}</div>
{chr(10).join(news_item(a) for a in same)}
</section>
</main>
"""
    return head(lang, f"{article['headline']} | Report.az", canonical, meta) + header(lang) + body + footer(lang)


def listing(lang: str, title: str, path: str, articles: list[dict]) -> str:
    meta = f'<meta property="og:type" content="website">\n<meta property="og:title" content="{attr(title)}">\n'
    body = f'<main class="container main"><h1 class="section-title">{esc(title)}</h1>\n<div class="news-list">\n{chr(10).join(news_item(a) for a in articles)}\n</div></main>\n'
    return head(lang, f"{title} | Report.az", ORIGIN + path, meta) + header(lang) + body + footer(lang)


def rss(lang: str, articles: list[dict]) -> str:
    link = f"{ORIGIN}{PREFIX[lang]}/"
    items = "\n".join(
        f"""<item>
<title>{esc(a['headline'])}</title>
<link>{ORIGIN}{path_of(a)}</link>
<guid>{ORIGIN}{path_of(a)}</guid>
<pubDate>{rfc822(local_time(a['date'], TZ))}</pubDate>
<description>{esc(description_of(a))}</description>
</item>"""
        for a in articles
    )
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0">\n<channel>\n<title>Report.az</title>\n<link>{link}</link>\n<description>{esc(UI[lang]["home"])}</description>\n<language>{lang}</language>\n{items}\n</channel>\n</rss>\n'


def build() -> Site:
    site = Site("report_az", source="report_az")
    articles = sorted(ARTICLES, key=lambda a: a["date"], reverse=True)
    for article in articles:
        when = local_time(article["date"], TZ)
        site.put(path_of(article).lstrip("/") + "index.html", article_page(article))
        extra = {k: article[k] for k in ("syndicated_from", "follow_up_of") if k in article}
        date, time = date_parts(article["lang"], when)
        site.article(
            manifest_entry(
                path=path_of(article),
                headline=article["headline"],
                description=description_of(article),
                authors=REPORT,
                when=when,
                raw=iso(when),
                section=CATEGORIES[article["lang"]][article["category"]],
                language=article["lang"],
                paragraphs=article["paras"],
                visible_date_raw=f"{date} {time}",
                **extra,
            )
        )
    for lang in ("az", "ru"):
        mine = [a for a in articles if a["lang"] == lang]
        base = PREFIX[lang].lstrip("/")
        base = f"{base}/" if base else ""
        site.put(f"{base}index.html", listing(lang, UI[lang]["home"], f"{PREFIX[lang]}/", mine))
        site.not_article(f"{PREFIX[lang]}/")
        for key, label in CATEGORIES[lang].items():
            site.put(f"{base}{key}/index.html", listing(lang, label, f"{PREFIX[lang]}/{key}/", [a for a in mine if a["category"] == key]))
            site.not_article(f"{PREFIX[lang]}/{key}/")
    site.put("son-xeberler/index.html", listing("az", UI["az"]["latest"], "/son-xeberler/", articles))
    site.not_article("/son-xeberler/")
    site.put("about/index.html", head("az", "Haqqımızda | Report.az", ORIGIN + "/about/") + header("az") + '<main class="container main"><h1>Haqqımızda</h1><p>Report İnformasiya Agentliyi 2014-cü ildən fəaliyyət göstərir.</p></main>\n' + footer("az"))
    site.not_article("/about/")
    site.put("rss/index.xml", rss("ru", [a for a in articles if a["lang"] == "ru"]))
    site.put("az/rss/index.xml", rss("az", [a for a in articles if a["lang"] == "az"]))
    site.put("robots.txt", "User-agent: *\nDisallow: /search/\nDisallow: /*?page=\n")
    site.put("404.html", head("az", "Səhifə tapılmadı | Report.az", ORIGIN + "/404") + header("az") + '<main class="container main"><h1>404</h1></main>\n' + footer("az"))
    return site
