"""Caliber.Az, ru edition: articles (phase 2)."""

ARTICLES: list[dict] = []
