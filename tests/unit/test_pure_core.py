"""Extraction and normalization are pure: they import neither scrapy nor storage."""

from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.parametrize("package", ["crawler.extract", "crawler.normalize"])
def test_pure_packages_do_not_import_scrapy_or_storage(package):
    code = (
        f"import sys, {package}; "
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('scrapy', 'storage', 'twisted', 'sqlalchemy')); "
        "print(','.join(bad))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""
