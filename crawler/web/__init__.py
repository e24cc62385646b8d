"""``mediamon serve``: server-rendered pages for analysts (search, articles, export) and ops (sources, runs).

Everything reads through :mod:`storage.queries`, :mod:`storage.health` and :mod:`storage.export`
over a read-only connection (:mod:`crawler.web.db`); :mod:`crawler.web.app` assembles the pages.
"""
