"""An article page's links to other articles of the source are followed, each once per run."""

from __future__ import annotations

import scrapy
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from crawler.items import ArticleItem
from crawler.runtime.spiders.news import NewsSpider
from crawler.sources import Source

SOURCE = Source(
    name="caliber_az",
    homepage="https://caliber.az/",
    languages=("en",),
    allowed_domains=("caliber.az",),
    article_url_pattern=r"^/en/post/[\w-]+$",
)
BODY = " ".join(f"Sentence {n} of the story about the talks in Baku." for n in range(40))


def _page(links: str) -> bytes:
    return (
        "<html><head><title>Talks in Baku</title></head>"
        f"<body><article><h1>Talks in Baku</h1><p>{BODY}</p></article><aside>{links}</aside></body></html>"
    ).encode()


LINKS = """
<a href="https://caliber.az/en/post/absolute-link">absolute</a>
<a href='/en/post/relative-link?utm_source=x'>relative, tracking parameter</a>
<a href="/en/post/one-more">one more</a>
<a href="/en/post/one-more#comments">the same article again</a>
<a href="https://caliber.az/en/post/with-entity?a=1&amp;b=2">an escaped ampersand</a>
<a href="https://elsewhere.example/en/post/offsite">another site</a>
<a href="/en/section/politics">not an article URL</a>
<a href="javascript:void(0)">script</a> <a href="mailto:desk@caliber.az">mail</a>
<!-- <a href="/en/post/in-a-comment">commented out</a> -->
"""


def _spider() -> NewsSpider:
    crawler = get_crawler(NewsSpider, {"MEDIAMON_DATABASE_URL": "sqlite://"})
    crawler.stats.open_spider()
    return NewsSpider.from_crawler(crawler, source=SOURCE)


def _outputs(spider: NewsSpider, url: str, body: bytes) -> tuple[list[ArticleItem], list[str]]:
    outputs = list(spider.parse_article(HtmlResponse(url, body=body, encoding="utf-8")))
    return (
        [o for o in outputs if isinstance(o, ArticleItem)],
        [o.url for o in outputs if isinstance(o, scrapy.Request)],
    )


def test_an_article_s_links_to_other_articles_are_followed_once():
    spider = _spider()
    items, requests = _outputs(spider, "https://caliber.az/en/post/talks-in-baku", _page(LINKS))
    assert [i.headline for i in items] == ["Talks in Baku"]
    assert sorted(requests) == [
        "https://caliber.az/en/post/absolute-link",
        "https://caliber.az/en/post/one-more",
        "https://caliber.az/en/post/relative-link",
        "https://caliber.az/en/post/with-entity?a=1&b=2",
    ]
    _, again = _outputs(spider, "https://caliber.az/en/post/another-story", _page(LINKS))
    assert again == [], "links already followed in this run are not requested twice"


def test_links_of_a_page_lxml_cannot_parse_are_still_read():
    spider = _spider()
    page = b"\x00\x01\x02" * 2000 + b'<a href="/en/post/still-found?x=1&amp;y=2">x</a>'
    items, requests = _outputs(spider, "https://caliber.az/en/post/garbled", page)
    assert items == []
    assert requests == ["https://caliber.az/en/post/still-found?x=1&y=2"]
