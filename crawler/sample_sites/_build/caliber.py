"""Caliber.Az (caliber.az): Russian at /, Azerbaijani at /az/, English at /en/; one site directory."""

from __future__ import annotations

from datetime import datetime

from . import caliber_az, caliber_en, caliber_ru
from .common import (
    MONTHS_AZ,
    MONTHS_EN,
    MONTHS_RU_GEN,
    Site,
    attr,
    esc,
    jsonld,
    local_time,
    manifest_entry,
    rfc822,
    rich,
)

ORIGIN = "https://caliber.az"
TZ = "Asia/Baku"
SOURCES = {"en": "caliber_az", "ru": "caliber_az_ru", "az": "caliber_az_az"}
PREFIX = {"en": "/en", "ru": "", "az": "/az"}
LOCALE = {"en": "en_US", "ru": "ru_RU", "az": "az_AZ"}
CATEGORIES = ["politics", "military", "economy", "sport", "culture", "opinion"]
UI = {
    "en": dict(
        cats=dict(politics="Politics", military="Military", economy="Economy", sport="Sport", culture="Culture", opinion="Opinion"),
        latest="Latest news", most_read="Most read", read_also="Read also", views="views:", search="Search",
        results="Search results for", tags="Tags", about="About us", privacy="Privacy policy", contacts="Contacts",
        cookie="We use cookies to improve your experience on our website. By continuing to browse, you agree to our",
        accept="Accept", rights="All rights reserved. Materials may be reproduced only with a hyperlink to Caliber.Az.",
        by="By", share="Share", home="Home", more="More news",
        about_text=[
            "Caliber.Az is an independent online publication covering politics, security, the economy and society in Azerbaijan and the wider region.",
            "Our editorial office is in Baku. We publish news, analysis, interviews and opinion pieces in Azerbaijani, Russian and English.",
        ],
        privacy_text=[
            "This website uses cookies and similar technologies to measure traffic and to show advertising.",
            "We do not sell personal data. You can switch off cookies in the settings of your browser at any time.",
        ],
    ),
    "ru": dict(
        cats=dict(politics="Политика", military="Армия", economy="Экономика", sport="Спорт", culture="Культура", opinion="Мнения"),
        latest="Последние новости", most_read="Самое читаемое", read_also="Читайте также", views="просмотров:", search="Поиск",
        results="Результаты поиска по запросу", tags="Теги", about="О нас", privacy="Политика конфиденциальности", contacts="Контакты",
        cookie="Мы используем файлы cookie, чтобы сайт работал лучше. Продолжая просмотр, вы соглашаетесь с нашей",
        accept="Принять", rights="Все права защищены. Использование материалов допускается только с гиперссылкой на Caliber.Az.",
        by="Автор:", share="Поделиться", home="Главная", more="Больше новостей",
        about_text=[
            "Caliber.Az — независимое интернет-издание о политике, безопасности, экономике и обществе Азербайджана и региона.",
            "Редакция находится в Баку. Мы публикуем новости, аналитику, интервью и мнения на азербайджанском, русском и английском языках.",
        ],
        privacy_text=[
            "Сайт использует файлы cookie и похожие технологии для подсчёта посещаемости и показа рекламы.",
            "Мы не продаём персональные данные. Отключить cookie можно в настройках браузера.",
        ],
    ),
    "az": dict(
        cats=dict(politics="Siyasət", military="Ordu", economy="İqtisadiyyat", sport="İdman", culture="Mədəniyyət", opinion="Rəy"),
        latest="Son xəbərlər", most_read="Ən çox oxunanlar", read_also="Həmçinin oxuyun", views="baxış:", search="Axtarış",
        results="Axtarışın nəticələri:", tags="Teqlər", about="Haqqımızda", privacy="Məxfilik siyasəti", contacts="Əlaqə",
        cookie="Saytın daha yaxşı işləməsi üçün kukilərdən istifadə edirik. Baxışa davam etməklə siz bizim",
        accept="Qəbul edirəm", rights="Bütün hüquqlar qorunur. Materiallardan istifadə yalnız Caliber.Az-a hiperistinadla mümkündür.",
        by="Müəllif:", share="Paylaş", home="Ana səhifə", more="Daha çox xəbər",
        about_text=[
            "Caliber.Az Azərbaycanın və regionun siyasəti, təhlükəsizliyi, iqtisadiyyatı və cəmiyyəti haqqında müstəqil internet nəşridir.",
            "Redaksiya Bakıda yerləşir. Xəbərləri, təhlilləri, müsahibələri və rəyləri azərbaycan, rus və ingilis dillərində dərc edirik.",
        ],
        privacy_text=[
            "Sayt trafiki ölçmək və reklam göstərmək üçün kukilərdən və oxşar texnologiyalardan istifadə edir.",
            "Şəxsi məlumatları satmırıq. Kukiləri istənilən vaxt brauzerin ayarlarında söndürə bilərsiniz.",
        ],
    ),
}
EDITIONS = {"en": caliber_en.ARTICLES, "ru": caliber_ru.ARTICLES, "az": caliber_az.ARTICLES}
SEARCH_KEYWORD = "nato"


def post_time(lang: str, when: datetime) -> str:
    """The date as the article page writes it."""
    if lang == "ru":
        return f"{when.day} {MONTHS_RU_GEN[when.month - 1]} {when.year} в {when:%H:%M}"
    if lang == "az":
        return f"{when.day} {MONTHS_AZ[when.month - 1]} {when.year}, {when:%H:%M}"
    return f"{when.day} {MONTHS_EN[when.month - 1]} {when.year}, {when:%H:%M}"


def card_time(when: datetime) -> str:
    """Listing cards write dates as ``25.06.2026 17:24``."""
    return f"{when:%d.%m.%Y %H:%M}"


def url(lang: str, rest: str = "/") -> str:
    return f"{ORIGIN}{PREFIX[lang]}{rest}"


def post_path(lang: str, article: dict) -> str:
    return f"{PREFIX[lang]}/post/{article['slug']}"


def image_url(article: dict) -> str:
    return f"{ORIGIN}/storage/posts/{article['image']}"


def head(lang: str, title: str, canonical: str, extra: str = "", alternates: dict[str, str] | None = None) -> str:
    links = "".join(
        f'<link rel="alternate" hreflang="{code}" href="{attr(href)}">\n' for code, href in (alternates or {}).items()
    )
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)}</title>
<link rel="canonical" href="{attr(canonical)}">
{links}<link rel="icon" href="{ORIGIN}/favicon.ico">
<link rel="stylesheet" href="{ORIGIN}/assets/css/app.css?v=3.8.1">
<link rel="alternate" type="application/rss+xml" title="Caliber.Az RSS" href="{ORIGIN}/rss.xml">
{extra}<script async src="https://www.googletagmanager.com/gtag/js?id=G-CLB9X2Q1KD"></script>
<script>window.dataLayer=window.dataLayer||[];function gtag(){{dataLayer.push(arguments);}}gtag('js',new Date());gtag('config','G-CLB9X2Q1KD');</script>
<script async src="https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js?client=ca-pub-4170394855307121" crossorigin="anonymous"></script>
</head>
"""


def header(lang: str, switch: dict[str, str]) -> str:
    ui = UI[lang]
    nav = "\n".join(
        f'<li><a href="{url(lang, "/category/" + c)}">{esc(ui["cats"][c])}</a></li>' for c in CATEGORIES
    )
    langs = "".join(
        f'<a class="lang_item{" active" if code == lang else ""}" href="{attr(switch[code])}" hreflang="{code}">{code.upper()}</a>'
        for code in ("az", "ru", "en")
    )
    return f"""<body class="lang-{lang}">
<div class="top_banner"><ins class="adsbygoogle" style="display:block" data-ad-client="ca-pub-4170394855307121" data-ad-slot="5106712833" data-ad-format="horizontal"></ins><script>(adsbygoogle=window.adsbygoogle||[]).push({{}});</script></div>
<header class="header">
<div class="container header_inner">
<a class="logo" href="{url(lang)}"><img src="{ORIGIN}/assets/img/logo.svg" alt="Caliber.Az" width="160" height="32"></a>
<nav class="menu"><ul>
{nav}
</ul></nav>
<form class="search_form" action="{url(lang, '/search')}" method="get"><input type="text" name="q" placeholder="{esc(ui['search'])}"></form>
<div class="lang_switcher">{langs}</div>
</div>
</header>
"""


def footer(lang: str) -> str:
    ui = UI[lang]
    return f"""<footer class="footer">
<div class="container">
<div class="footer_links"><a href="{url(lang, '/about')}">{esc(ui['about'])}</a> <a href="{url(lang, '/privacy-policy')}">{esc(ui['privacy'])}</a> <a href="mailto:info@caliber.az">{esc(ui['contacts'])}</a></div>
<div class="footer_social"><a href="https://www.facebook.com/caliber.az" rel="noopener" target="_blank">Facebook</a> <a href="https://x.com/caliber_az" rel="noopener" target="_blank">X</a> <a href="https://t.me/caliber_az" rel="noopener" target="_blank">Telegram</a> <a href="https://www.youtube.com/@caliberaz" rel="noopener" target="_blank">YouTube</a></div>
<div class="copyright">© 2021–2026 Caliber.Az. {esc(ui['rights'])}</div>
</div>
</footer>
<div class="cookie_banner" id="cookie-banner">{esc(ui['cookie'])} <a href="{url(lang, '/privacy-policy')}">{esc(ui['privacy'].lower())}</a>. <button type="button" class="cookie_accept">{esc(ui['accept'])}</button></div>
<script src="{ORIGIN}/assets/js/app.js?v=3.8.1"></script>
<script>(function(m,e,t,r,i,k,a){{m[i]=m[i]||function(){{(m[i].a=m[i].a||[]).push(arguments)}};m[i].l=1*new Date();k=e.createElement(t),a=e.getElementsByTagName(t)[0],k.async=1,k.src=r,a.parentNode.insertBefore(k,a)}})(window,document,"script","https://mc.yandex.ru/metrika/tag.js","ym");ym(86123456,"init",{{clickmap:true,trackLinks:true,accurateTrackBounce:true}});</script>
</body>
</html>
"""


def float_block(lang: str, article: dict) -> str:
    when = local_time(article["date"], TZ)
    return f"""<div class="float_block">
<a href="{url(lang, '/post/' + article['slug'])}">
<div class="float_block_cover" style="background-image: url('{image_url(article)}')"></div>
<div class="float_block_category">{esc(UI[lang]['cats'][article['section']])}</div>
<div class="float_block_title">{esc(article['headline'])}</div>
<div class="float_block_time">{card_time(when)}</div>
</a>
</div>"""


def sidebar(lang: str, articles: list[dict], exclude: str | None = None) -> str:
    ranked = sorted((a for a in articles if a["slug"] != exclude), key=lambda a: -a["views"])[:5]
    items = "\n".join(
        f'<li><a href="{url(lang, "/post/" + a["slug"])}">{esc(a["headline"])}</a> <span class="most_read_hits">{a["views"]}</span></li>'
        for a in ranked
    )
    return f"""<aside class="sidebar">
<div class="most_read"><div class="block_title">{esc(UI[lang]['most_read'])}</div><ol>
{items}
</ol></div>
<div class="popular_tags"><div class="block_title">{esc(UI[lang]['tags'])}</div><a href="{url(lang, '/search/' + SEARCH_KEYWORD)}">#NATO</a></div>
<div class="side_banner"><ins class="adsbygoogle" style="display:inline-block;width:300px;height:250px" data-ad-client="ca-pub-4170394855307121" data-ad-slot="7719403382"></ins><script>(adsbygoogle=window.adsbygoogle||[]).push({{}});</script></div>
</aside>"""


def switch_home() -> dict[str, str]:
    return {code: url(code) for code in ("az", "ru", "en")}


def by_story(lang: str) -> dict[str, dict]:
    return {a["story"]: a for a in EDITIONS[lang]}


def article_page(lang: str, article: dict, articles: list[dict]) -> str:
    ui = UI[lang]
    when = local_time(article["date"], TZ)
    canonical = url(lang, "/post/" + article["slug"])
    alternates = {}
    switch = switch_home()
    for code in ("az", "ru", "en"):
        other = by_story(code).get(article["story"])
        if other is not None:
            alternates[code] = url(code, "/post/" + other["slug"])
            switch[code] = alternates[code]
    if len(alternates) < 2:
        alternates = {}
    title = f"{article['headline']} | Caliber.Az"
    person = [name for name, kind in article["authors"] if kind == "person"]
    if person:
        author_ld: object = [{"@type": "Person", "name": name} for name in person]
        if len(person) == 1:
            author_ld = author_ld[0]
    else:
        author_ld = {"@type": "Organization", "name": "Caliber.Az", "url": f"{ORIGIN}/"}
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": canonical},
        "headline": article["headline"],
        **({"description": article["lead"]} if article["lead"] else {}),
        "image": [image_url(article)],
        "inLanguage": lang,
        "articleSection": ui["cats"][article["section"]],
        "author": author_ld,
        "publisher": {
            "@type": "Organization",
            "name": "Caliber.Az",
            "logo": {"@type": "ImageObject", "url": f"{ORIGIN}/assets/img/logo.png"},
        },
    }
    meta = f"""<meta property="og:type" content="article">
<meta property="og:site_name" content="Caliber.Az">
<meta property="og:locale" content="{LOCALE[lang]}">
<meta property="og:title" content="{attr(article['headline'])}">
<meta property="og:url" content="{attr(canonical)}">
<meta property="og:image" content="{attr(image_url(article))}">
<meta property="og:image:width" content="1200">
<meta property="og:image:height" content="630">
<meta property="article:section" content="{attr(ui['cats'][article['section']])}">
"""
    if article["lead"]:
        meta = f'<meta name="description" content="{attr(article["lead"])}">\n' + meta
        meta += f'<meta property="og:description" content="{attr(article["lead"])}">\n'
    meta += f'<meta name="twitter:card" content="summary_large_image">\n<meta name="twitter:site" content="@caliber_az">\n{jsonld(ld)}\n'

    others = [a for a in articles if a["slug"] != article["slug"]]
    index = articles.index(article)
    related = [articles[(index + k) % len(articles)] for k in (1, 2)] if len(articles) > 2 else others[:2]
    paras = [f"<p>{rich(p)}</p>" for p in article["paras"]]
    if related and len(paras) > 4:
        read_also = "".join(
            f'<a class="read_also_link" href="{url(lang, "/post/" + r["slug"])}">{esc(r["headline"])}</a>' for r in related[:1]
        )
        paras.insert(3, f'<div class="read_also"><span class="read_also_title">{esc(ui["read_also"])}</span>{read_also}</div>')
    if article.get("caption") and len(paras) > 2:
        paras.insert(
            2,
            f'<div class="post_image"><img src="{image_url(article).replace(".jpg", "-2.jpg")}" alt=""><div class="post_image_caption">{esc(article["caption"])}</div></div>',
        )
    if not person:
        paras.append('<div class="post_signature">Caliber.Az</div>')
    byline = ""
    if person:
        byline = f'<div class="post_author">{esc(ui["by"])} <span class="post_author_name">{esc(", ".join(person))}</span></div>\n'
    lead = f'<div class="post_subtitle">{esc(article["lead"])}</div>\n' if article["lead"] else ""
    tags = "".join(
        f'<a href="{url(lang, "/search/" + t.replace(" ", "%20"))}">#{esc(t)}</a> ' for t in article.get("tags", []) if t == SEARCH_KEYWORD
    )
    share = f"""<div class="post_share"><span>{esc(ui['share'])}:</span>
<a class="share_fb" href="https://www.facebook.com/sharer/sharer.php?u={attr(canonical)}" target="_blank" rel="noopener">Facebook</a>
<a class="share_x" href="https://x.com/intent/tweet?url={attr(canonical)}" target="_blank" rel="noopener">X</a>
<a class="share_tg" href="https://t.me/share/url?url={attr(canonical)}" target="_blank" rel="noopener">Telegram</a>
<a class="share_wa" href="https://api.whatsapp.com/send?text={attr(canonical)}" target="_blank" rel="noopener">WhatsApp</a>
</div>"""
    more = "\n".join(float_block(lang, r) for r in others[:3])
    body = f"""<main class="container main_grid">
<article class="post">
<div class="post_cover" style="background-image: url('{image_url(article)}')"></div>
<div class="post_categoty"><a href="{url(lang, '/category/' + article['section'])}">{esc(ui['cats'][article['section']])}</a></div>
<h1 class="post_title">{esc(article['headline'])}</h1>
{lead}<div class="post_info">
{byline}<div class="post_time">{post_time(lang, when)}</div>
<div class="post_hits"><i class="icon_eye"></i> {esc(ui['views'])} {article['views']}</div>
</div>
<div class="post_body">
{chr(10).join(paras)}
</div>
{('<div class="post_tags">' + tags + '</div>') if tags else ''}
{share}
</article>
{sidebar(lang, articles, exclude=article['slug'])}
</main>
<section class="container more_news"><div class="block_title">{esc(ui['latest'])}</div>
{more}
</section>
"""
    return head(lang, title, canonical, meta, alternates) + header(lang, switch) + body + footer(lang)


def listing_page(lang: str, title: str, path: str, cards: list[dict], articles: list[dict], heading: str) -> str:
    canonical = url(lang, path)
    meta = f"""<meta name="description" content="{attr(title)}">
<meta property="og:type" content="website">
<meta property="og:site_name" content="Caliber.Az">
<meta property="og:title" content="{attr(title)}">
<meta property="og:url" content="{attr(canonical)}">
"""
    if path == "/":
        meta += jsonld(
            {
                "@context": "https://schema.org",
                "@type": "WebSite",
                "name": "Caliber.Az",
                "url": canonical,
                "potentialAction": {
                    "@type": "SearchAction",
                    "target": f"{url(lang, '/search/')}{{search_term_string}}",
                    "query-input": "required name=search_term_string",
                },
            }
        ) + "\n"
    blocks = "\n".join(float_block(lang, a) for a in cards) or '<p class="empty">—</p>'
    body = f"""<main class="container main_grid">
<section class="news_list">
<h1 class="page_title">{esc(heading)}</h1>
{blocks}
</section>
{sidebar(lang, articles)}
</main>
"""
    return head(lang, f"{title} | Caliber.Az", canonical, meta) + header(lang, switch_home()) + body + footer(lang)


def text_page(lang: str, path: str, heading: str, paragraphs: list[str], articles: list[dict]) -> str:
    canonical = url(lang, path)
    text = "\n".join(f"<p>{esc(p)}</p>" for p in paragraphs)
    body = f"""<main class="container main_grid">
<section class="static_page"><h1 class="page_title">{esc(heading)}</h1>
{text}
</section>
{sidebar(lang, articles)}
</main>
"""
    return head(lang, f"{heading} | Caliber.Az", canonical) + header(lang, switch_home()) + body + footer(lang)


def rss(editions: list[str]) -> str:
    items = []
    for lang in editions:
        for article in EDITIONS[lang]:
            when = local_time(article["date"], TZ)
            link = url(lang, "/post/" + article["slug"])
            description = article["lead"] or article["paras"][0]
            items.append(
                (
                    when,
                    f"""<item>
<title>{esc(article['headline'])}</title>
<link>{link}</link>
<guid isPermaLink="true">{link}</guid>
<pubDate>{rfc822(when)}</pubDate>
<category>{esc(UI[lang]['cats'][article['section']])}</category>
<description>{esc(description)}</description>
<enclosure url="{image_url(article)}" type="image/jpeg" length="0"/>
</item>""",
                )
            )
    items.sort(key=lambda pair: pair[0], reverse=True)
    newest = items[0][0] if items else None
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title>Caliber.Az</title>
<link>{ORIGIN}/</link>
<description>Caliber.Az — news, analysis and opinion from Azerbaijan</description>
<language>ru</language>
<atom:link href="{ORIGIN}/rss.xml" rel="self" type="application/rss+xml"/>
{f'<lastBuildDate>{rfc822(newest)}</lastBuildDate>' if newest else ''}
{chr(10).join(item for _, item in items)}
</channel>
</rss>
"""


def build(editions: list[str]) -> Site:
    """The site with the given editions' articles (others get empty listings)."""
    site = Site("caliber_az", source="caliber_az")
    for lang in ("en", "ru", "az"):
        ui = UI[lang]
        prefix = PREFIX[lang].lstrip("/")
        base = f"{prefix}/" if prefix else ""
        articles = sorted(EDITIONS[lang], key=lambda a: a["date"], reverse=True) if lang in editions else []
        for article in articles:
            when = local_time(article["date"], TZ)
            path = post_path(lang, article)
            site.put(f"{base}post/{article['slug']}.html", article_page(lang, article, articles))
            site.article(
                manifest_entry(
                    source=SOURCES[lang] if lang != "en" else None,
                    path=path,
                    headline=article["headline"],
                    description=article["lead"],
                    authors=article["authors"],
                    when=when,
                    raw=post_time(lang, when),
                    section=ui["cats"][article["section"]],
                    language=lang,
                    paragraphs=article["paras"],
                    **article.get("extra", {}),
                )
            )
        home = PREFIX[lang] + "/"
        site.put(f"{base}index.html", listing_page(lang, "Caliber.Az", "/", articles, articles, ui["latest"]))
        site.not_article(home)
        for category in CATEGORIES:
            cards = [a for a in articles if a["section"] == category]
            name = ui["cats"][category]
            site.put(f"{base}category/{category}.html", listing_page(lang, name, f"/category/{category}", cards, articles, name))
            site.not_article(f"{PREFIX[lang]}/category/{category}")
        found = [a for a in articles if SEARCH_KEYWORD in a.get("tags", [])]
        site.put(
            f"{base}search/{SEARCH_KEYWORD}.html",
            listing_page(lang, f"{ui['search']}: NATO", f"/search/{SEARCH_KEYWORD}", found, articles, f"{ui['results']} «NATO»"),
        )
        site.not_article(f"{PREFIX[lang]}/search/{SEARCH_KEYWORD}")
        site.put(f"{base}about.html", text_page(lang, "/about", ui["about"], ui["about_text"], articles))
        site.put(f"{base}privacy-policy.html", text_page(lang, "/privacy-policy", ui["privacy"], ui["privacy_text"], articles))
        site.not_article(f"{PREFIX[lang]}/about")
    site.put("rss.xml", rss(editions))
    site.put(
        "robots.txt",
        "User-agent: *\nDisallow: /admin/\nDisallow: /api/\nDisallow: /*?q=\n\nUser-agent: GPTBot\nDisallow: /\n\nHost: caliber.az\n",
    )
    site.put(
        "404.html",
        head("en", "Page not found | Caliber.Az", f"{ORIGIN}/404") + header("en", switch_home())
        + '<main class="container"><h1 class="page_title">404</h1><p>Page not found.</p></main>\n' + footer("en"),
    )
    return site
