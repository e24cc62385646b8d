"""The Scrapy runtime: settings, spiders, pipelines, middlewares, extensions, the Redis frontier, workers.

Everything here runs inside a crawl; the pure parts it calls (:mod:`crawler.extract`,
:mod:`crawler.normalize`, :mod:`crawler.sources`, :mod:`crawler.items`) know nothing of Scrapy's engine.
Importing this package imports nothing (``crawler.runtime.heap`` is read at start-up).
"""
