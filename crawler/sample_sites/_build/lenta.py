"""Lenta.ru (lenta.ru): Russian, Moscow time; listings /parts/news/ and /parts/news/2/, relative links."""

from __future__ import annotations

import zlib
from datetime import datetime

from .common import MONTHS_RU_GEN, Site, attr, esc, iso, json_script, jsonld, local_time, manifest_entry, rich

from .lenta_content import ARTICLES, RUBRICS

ORIGIN = "https://lenta.ru"
TZ = "Europe/Moscow"
PAGE_SIZE = 6
TRANSLIT = {
    "Алексей Гусев": "aleksey-gusev",
    "Дарья Корнилова": "darya-kornilova",
    "Никита Брагин": "nikita-bragin",
    "Елена Дорохова": "elena-dorohova",
}


def visible_date(when: datetime) -> str:
    return f"{when:%H:%M}, {when.day} {MONTHS_RU_GEN[when.month - 1]} {when.year}"


def path_of(article: dict) -> str:
    when = local_time(article["date"], TZ)
    return f"/news/{when:%Y/%m/%d}/{article['slug']}/"


def day_path(article: dict) -> str:
    return f"/news/{local_time(article['date'], TZ):%Y/%m/%d}/"


def image_of(article: dict) -> str:
    digest = zlib.crc32(article["slug"].encode()) % 10**8
    return f"https://icdn.lenta.ru/images/{local_time(article['date'], TZ):%Y/%m/%d}/{digest:08d}/pic_{digest:x}.jpg"


def author_path(name: str) -> str:
    return f"/authors/{TRANSLIT[name]}/"


def head(title: str, canonical: str, extra: str = "") -> str:
    return f"""<!DOCTYPE html>
<html lang="ru">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)}</title>
<link rel="canonical" href="{attr(canonical)}">
<link rel="icon" href="/favicon.ico">
<link rel="stylesheet" href="https://assets.lenta.ru/lenta/assets/application-4f1c2a.css">
<link rel="alternate" type="application/rss+xml" href="/rss/news">
<meta name="yandex-verification" content="1b62a6f33df2cf2d">
{extra}<script async src="https://yandex.ru/ads/system/context.js"></script>
<script>window.yaContextCb=window.yaContextCb||[]</script>
</head>
"""


def header() -> str:
    nav = "".join(f'<li class="menu__nav-item"><a class="menu__nav-link _is-extra" href="/rubrics/{key}/">{esc(label)}</a></li>' for key, label in RUBRICS.items())
    return f"""<body>
<div class="layout">
<header class="header">
<a class="header__logo" href="/" title="Лента.ру"><svg width="110" height="26" aria-label="Лента.ру"><use xlink:href="#logo"></use></svg></a>
<nav class="menu"><ul class="menu__nav-list">
<li class="menu__nav-item"><a class="menu__nav-link" href="/">Главное</a></li>
{nav}
<li class="menu__nav-item"><a class="menu__nav-link" href="/parts/news/">Все новости</a></li>
</ul></nav>
<a class="header__login" href="https://id.rambler.ru/login-20/login?back=https%3A%2F%2Flenta.ru%2F">Войти</a>
</header>
<div class="adfox-banner" id="adfox_1582118871234"></div>
"""


def footer() -> str:
    return f"""<footer class="footer">
<div class="footer__info">
<p>Сетевое издание Лента.ру. Свидетельство о регистрации Эл № ФС 77-00000 выдано Роскомнадзором.</p>
<p>© 1999–2026 ООО «Лента.Ру». Все права защищены. Любое использование материалов допускается только с согласия редакции. 18+</p>
</div>
<ul class="footer__links"><li><a href="/info/">О проекте</a></li><li><a href="/info/privacy/">Политика конфиденциальности</a></li><li><a href="https://t.me/lentachold" rel="nofollow">Telegram</a></li><li><a href="https://vk.com/lentaru" rel="nofollow">ВКонтакте</a></li></ul>
</footer>
</div>
<div class="cookie-banner" id="cookie-banner">Мы используем файлы cookie. Продолжая пользоваться сайтом, вы соглашаетесь с <a href="/info/privacy/">политикой конфиденциальности</a>. <button class="cookie-banner__button">OK</button></div>
<script>(function(m,e,t,r,i,k,a){{m[i]=m[i]||function(){{(m[i].a=m[i].a||[]).push(arguments)}};m[i].l=1*new Date();k=e.createElement(t),a=e.getElementsByTagName(t)[0],k.async=1,k.src=r,a.parentNode.insertBefore(k,a)}})(window,document,"script","https://mc.yandex.ru/metrika/tag.js","ym");ym(204490,"init",{{clickmap:true,trackLinks:true,accurateTrackBounce:true,webvisor:false}});</script>
<script>var _tmr=window._tmr||(window._tmr=[]);_tmr.push({{id:"3067413",type:"pageView",start:(new Date()).getTime()}});</script>
<script async src="https://top-fwz1.mail.ru/js/code.js"></script>
</body>
</html>
"""


def card(article: dict) -> str:
    when = local_time(article["date"], TZ)
    return f"""<li class="parts-page__item"><a href="{path_of(article)}" class="card-full-news _parts-news">
<h3 class="card-full-news__title">{esc(article['headline'])}</h3>
<div class="card-full-news__info"><time class="card-full-news__info-item card-full-news__date">{visible_date(when)}</time><span class="card-full-news__info-item card-full-news__rubric">{esc(RUBRICS[article['rubric']])}</span></div>
</a></li>"""


def most_read(exclude: str | None = None) -> str:
    items = "".join(
        f'<a class="card-mini _compact" href="{path_of(a)}"><span class="card-mini__title">{esc(a["headline"])}</span></a>\n'
        for a in ARTICLES[:5]
        if a["slug"] != exclude
    )
    return f'<aside class="sidebar"><div class="sidebar__title">Самое читаемое</div>\n{items}<div class="adfox-banner" id="adfox_163818223147195"></div></aside>'


def article_page(article: dict) -> str:
    when = local_time(article["date"], TZ)
    path = path_of(article)
    canonical = ORIGIN + path
    rubric = RUBRICS[article["rubric"]]
    names = [name for name, _ in article["authors"]]
    text = "\n".join(p for p in article["paras"])
    topic_info = {
        "id": zlib.crc32(path.encode()) % 10**7,
        "url": canonical,
        "headline": article["headline"],
        "dateCreated": iso(when),
        "dateModified": iso(when),
        "rubric": {"title": rubric, "url": f"{ORIGIN}/rubrics/{article['rubric']}/"},
        "author": {"name": ", ".join(names), "url": ORIGIN + author_path(names[0]) if len(names) == 1 else None} if names else None,
        "text": text,
    }
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": canonical},
        "url": canonical,
        "headline": article["headline"],
        **({"description": article["lead"]} if article["lead"] else {}),
        "datePublished": iso(when),
        "dateModified": iso(when),
        "articleSection": rubric,
        "inLanguage": "ru",
        "image": [image_of(article)],
        **({"author": [{"@type": "Person", "name": n, "url": ORIGIN + author_path(n)} for n in names]} if names else {}),
        "publisher": {"@type": "Organization", "name": "Лента.ру", "logo": {"@type": "ImageObject", "url": f"{ORIGIN}/images/logo.png"}},
    }
    meta = f"""<meta property="og:type" content="article">
<meta property="og:site_name" content="Лента.ру">
<meta property="og:title" content="{attr(article['headline'])}">
<meta property="og:url" content="{attr(canonical)}">
<meta property="og:image" content="{attr(image_of(article))}">
"""
    if article["lead"]:
        meta = f'<meta name="description" content="{attr(article["lead"])}">\n' + meta + f'<meta property="og:description" content="{attr(article["lead"])}">\n'
    meta += f'<meta name="twitter:card" content="summary_large_image">\n{jsonld(ld)}\n'
    index = ARTICLES.index(article)
    related = ARTICLES[(index + 1) % len(ARTICLES)]
    paras = [f'<p class="topic-body__content-text">{rich(p)}</p>' for p in article["paras"]]
    paras.insert(
        2,
        f'<div class="topic-body__content-block box-inline-topic"><div class="box-inline-topic__title">Читайте также</div><a class="box-inline-topic__link" href="{path_of(related)}"><span class="box-inline-topic__headline">{esc(related["headline"])}</span></a></div>',
    )
    authors = ""
    if names:
        authors = '<div class="topic-authors">' + "".join(
            f'<a class="topic-authors__author" href="{author_path(n)}"><span class="topic-authors__name">{esc(n)}</span></a>' for n in names
        ) + "</div>\n"
    lead = f'<div class="topic-body__title-yandex">{esc(article["lead"])}</div>\n' if article["lead"] else ""
    body = f"""<main class="layout__content">
<div class="topic-page">
<div class="topic-page__container">
<script class="json-topic-info" type="application/json">{json_script(topic_info)}</script>
<div class="topic-page__header"><div class="topic-header"><div class="topic-header__left-box">
<a class="topic-header__item topic-header__time" href="{day_path(article)}">{visible_date(when)}</a>
<a class="topic-header__item topic-header__rubric" href="/rubrics/{article['rubric']}/">{esc(rubric)}</a>
</div></div></div>
<div class="topic-body">
<h1 class="topic-body__titles"><span class="topic-body__title">{esc(article['headline'])}</span></h1>
{lead}<div class="topic-body__title-image"><img class="picture__image" src="{image_of(article)}" alt="" loading="lazy"><div class="topic-body__title-image-caption"><span class="description">Иллюстрация: Лента.ру</span><span class="credits">Фото: Пресс-служба</span></div></div>
<div class="topic-body__content">
{chr(10).join(paras)}
</div>
{authors}</div>
<div class="topic-footer">
<div class="topic-footer__promo">Подписывайтесь на «Ленту.ру» в <a href="https://t.me/lentachold" rel="nofollow">Telegram</a> и <a href="https://dzen.ru/lenta.ru" rel="nofollow">Дзене</a></div>
<div class="share"><a class="share__item _vk" href="https://vk.com/share.php?url={attr(canonical)}" rel="nofollow">ВКонтакте</a> <a class="share__item _ok" href="https://connect.ok.ru/offer?url={attr(canonical)}" rel="nofollow">Одноклассники</a> <a class="share__item _tg" href="https://t.me/share/url?url={attr(canonical)}" rel="nofollow">Telegram</a></div>
</div>
</div>
{most_read(article['slug'])}
</div>
</main>
"""
    return head(f"{article['headline']}: {rubric}: Лента.ру", canonical, meta) + header() + body + footer()


def listing(title: str, path: str, articles: list[dict], next_path: str | None = None) -> str:
    cards = "\n".join(card(a) for a in articles)
    more = f'<a class="loadmore js-loadmore" href="{next_path}"><span class="loadmore__button">Показать еще</span></a>' if next_path else ""
    meta = f"""<meta name="description" content="{attr(title)} — последние новости">
<meta property="og:type" content="website">
<meta property="og:title" content="{attr(title)}">
"""
    body = f"""<main class="layout__content">
<section class="parts-page">
<h1 class="parts-page__title">{esc(title)}</h1>
<ul class="parts-page__body">
{cards}
</ul>
{more}
</section>
{most_read()}
</main>
"""
    return head(f"{title}: Лента.ру", ORIGIN + path, meta) + header() + body + footer()


def build() -> Site:
    site = Site("lenta_ru", source="lenta_ru")
    articles = sorted(ARTICLES, key=lambda a: a["date"], reverse=True)
    for article in articles:
        when = local_time(article["date"], TZ)
        path = path_of(article)
        site.put(path.lstrip("/") + "index.html", article_page(article))
        site.article(
            manifest_entry(
                path=path,
                headline=article["headline"],
                description=article["lead"],
                authors=article["authors"],
                when=when,
                raw=iso(when),
                section=RUBRICS[article["rubric"]],
                language="ru",
                paragraphs=article["paras"],
            )
        )
    site.put("parts/news/index.html", listing("Последние новости", "/parts/news/", articles[:PAGE_SIZE], "/parts/news/2/"))
    site.put("parts/news/2/index.html", listing("Последние новости", "/parts/news/2/", articles[PAGE_SIZE:]))
    site.not_article("/parts/news/")
    site.not_article("/parts/news/2/")
    home = "\n".join(
        f'<a class="card-mini" href="{path_of(a)}"><span class="card-mini__title">{esc(a["headline"])}</span><time class="card-mini__date">{local_time(a["date"], TZ):%H:%M}</time></a>'
        for a in articles[:8]
    )
    site.put(
        "index.html",
        head("Лента.ру — Новости России и мира сегодня", ORIGIN + "/", '<meta property="og:type" content="website">\n')
        + header()
        + f'<main class="layout__content"><section class="main-page"><h1 class="visually-hidden">Главные новости</h1>\n{home}\n<a class="main-page__all" href="/parts/news/">Все новости</a></section>\n{most_read()}\n</main>\n'
        + footer(),
    )
    site.not_article("/")
    for key, label in RUBRICS.items():
        site.put(f"rubrics/{key}/index.html", listing(label, f"/rubrics/{key}/", [a for a in articles if a["rubric"] == key]))
        site.not_article(f"/rubrics/{key}/")
    days: dict[str, list[dict]] = {}
    for article in articles:
        days.setdefault(day_path(article), []).append(article)
    for path, items in days.items():
        when = local_time(items[0]["date"], TZ)
        site.put(path.lstrip("/") + "index.html", listing(f"Новости за {when.day} {MONTHS_RU_GEN[when.month - 1]} {when.year}", path, items))
        site.not_article(path)
    for name, slug in TRANSLIT.items():
        mine = [a for a in articles if name in [n for n, _ in a["authors"]]]
        site.put(f"authors/{slug}/index.html", listing(name, f"/authors/{slug}/", mine))
        site.not_article(f"/authors/{slug}/")
    info = "<main class=\"layout__content\"><section class=\"info-page\"><h1>{}</h1><p>{}</p></section></main>\n"
    site.put("info/index.html", head("О проекте: Лента.ру", ORIGIN + "/info/") + header() + info.format("О проекте", "Лента.ру — одно из крупнейших российских интернет-изданий. Работает с 1999 года.") + footer())
    site.put("info/privacy/index.html", head("Политика конфиденциальности: Лента.ру", ORIGIN + "/info/privacy/") + header() + info.format("Политика конфиденциальности", "Сайт использует файлы cookie и сервисы веб-аналитики.") + footer())
    site.not_article("/info/")
    rss_items = "\n".join(
        f"<item><guid>{ORIGIN}{path_of(a)}</guid><title>{esc(a['headline'])}</title><link>{ORIGIN}{path_of(a)}</link><pubDate>{local_time(a['date'], TZ).strftime('%a, %d %b %Y %H:%M:%S %z')}</pubDate><category>{esc(RUBRICS[a['rubric']])}</category></item>"
        for a in articles
    )
    site.put("rss/news/index.xml", f'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Lenta.ru : Новости</title><link>{ORIGIN}</link><description>Новости, статьи, фотографии, видео. Семь дней в неделю, 24 часа в сутки.</description><language>ru</language>\n{rss_items}\n</channel></rss>\n')
    site.put("robots.txt", "User-agent: *\nDisallow: /search\nDisallow: /user/\n\nUser-agent: Yandex\nDisallow: /search\nClean-param: utm_source&utm_medium&utm_campaign\n")
    site.put("404.html", head("Страница не найдена: Лента.ру", ORIGIN + "/404") + header() + '<main class="layout__content"><h1>Страница не найдена</h1><p>Возможно, она была удалена или перемещена.</p></main>\n' + footer())
    return site
