"""One story, one URL: canonicalization before comparison."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from crawler.normalize.urls import canonicalize_url, url_hash, url_host, url_path
from crawler.sources import Source


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


TRICKY_URLS = [
    "https://Caliber.AZ/en/post/x?y=1#z",
    "http://user:secret@caliber.az:8080/en/post/x",
    "https://evil.example@caliber.az/en/post/x",
    "https://caliber.az@evil.example/en/post/x",
    "http://[::1]:8000/a/b",
    "//caliber.az/en/post/x",
    "/en/post/x?page=2",
    "en/post/x#top",
    "mailto:desk@caliber.az",
    "https://caliber.az",
    "https://caliber.az?x=/en/post/y",
    "https://caliber.az#/en/post/y",
    "HTTPS://CALIBER.AZ./EN/post/x",
    "",
]


@pytest.mark.parametrize("url", TRICKY_URLS)
def test_host_and_path_read_as_urlsplit_reads_them(url):
    assert url_host(url) == (urlsplit(url).hostname or "")
    assert url_path(url) == urlsplit(url).path


def test_a_source_allows_its_own_hosts_only():
    source = Source(name="c", homepage="https://caliber.az/", languages=("en",), allowed_domains=("caliber.az",))
    assert source.allows("https://caliber.az/en/post/x")
    assert source.allows("https://www.Caliber.az:443/en/post/x")
    assert not source.allows("https://caliber.az@evil.example/en/post/x")
    assert not source.allows("https://notcaliber.az/en/post/x")
    assert not source.allows("/en/post/x")
