"""Write every sample site directory and its manifest, then check them."""

from __future__ import annotations

import sys

from . import apa, azernews, caliber, lenta, report, trend
from .check import check_all


def main() -> int:
    sites = [caliber.build(["en", "ru", "az"]), azernews.build(), lenta.build(), trend.build(), report.build(), apa.build()]
    for site in sites:
        site.write()
        print(f"{site.name}: {len(site.articles)} articles, {len(site.not_articles)} other pages, {len(site.files)} files")
    return 1 if check_all([s.name for s in sites]) else 0


if __name__ == "__main__":
    sys.exit(main())
