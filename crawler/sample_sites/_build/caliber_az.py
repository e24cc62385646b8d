"""Caliber.Az, az edition: articles (phase 2)."""

ARTICLES: list[dict] = []
