"""Bundled sample news sites, served on 127.0.0.1 by :mod:`crawler.sample_sites.server` for the demo and the tests."""

from pathlib import Path

SAMPLE_SITES_DIR = Path(__file__).parent
