"""Scrapy downloader and spider middlewares of a crawl (their order is in :mod:`crawler.runtime.settings`)."""
