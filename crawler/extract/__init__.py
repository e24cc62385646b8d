"""Pure extraction: one HTML page to one :class:`~crawler.items.ArticleItem` (or ``None``).

Imports neither scrapy nor storage.
"""

from crawler.extract.page import article_from_html, extract_article

__all__ = ["article_from_html", "extract_article"]
