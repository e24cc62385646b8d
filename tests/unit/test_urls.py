"""One story, one URL: canonicalization before comparison."""

from __future__ import annotations

import pytest

from crawler.normalize.urls import canonicalize_url, url_hash


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("HTTPS://Caliber.AZ/en/post/x", "https://caliber.az/en/post/x"),
        ("https://caliber.az:443/en/post/x", "https://caliber.az/en/post/x"),
        ("http://caliber.az:80/en/post/x", "http://caliber.az/en/post/x"),
        ("http://127.0.0.1:8123/en/post/x", "http://127.0.0.1:8123/en/post/x"),
        ("https://caliber.az/en/post/x#comments", "https://caliber.az/en/post/x"),
        ("https://caliber.az/en/post/x?utm_source=fb&utm_medium=social", "https://caliber.az/en/post/x"),
        ("https://caliber.az/en/post/x?fbclid=abc&gclid=def", "https://caliber.az/en/post/x"),
        ("https://trend.az/news.php?id=5&lang=az", "https://trend.az/news.php?id=5&lang=az"),
        ("https://trend.az/news.php?lang=az&id=5", "https://trend.az/news.php?id=5&lang=az"),
        ("https://lenta.ru//news//2026/02/25/x/", "https://lenta.ru/news/2026/02/25/x/"),
        ("https://lenta.ru", "https://lenta.ru/"),
        ("  https://lenta.ru/news/  ", "https://lenta.ru/news/"),
        ("https://caliber.az./en/", "https://caliber.az/en/"),
    ],
)
def test_canonicalize(raw, canonical):
    assert canonicalize_url(raw) == canonical


def test_hash_is_of_the_canonical_url():
    assert url_hash("https://caliber.az/en/post/x?utm_source=x#c") == url_hash("HTTPS://CALIBER.AZ/en/post/x")
    assert url_hash("https://caliber.az/en/post/x") != url_hash("https://caliber.az/en/post/y")
    assert len(url_hash("https://caliber.az/")) == 32
