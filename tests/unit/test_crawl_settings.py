"""What a crawl's Scrapy settings switch on and off."""

from __future__ import annotations

import subprocess
import sys

from scrapy.utils.conf import build_component_list

from crawler.runtime.runner import crawl_settings

CONTROL_PORTS = {"scrapy.extensions.telnet.TelnetConsole", "scrapy.extensions.remote_control.RemoteControl"}


def test_a_crawl_has_no_control_port_extensions() -> None:
    extensions = build_component_list(crawl_settings("sqlite://").getwithbase("EXTENSIONS"))
    assert "crawler.runtime.extensions.CrawlRunRecorder" in extensions
    assert "scrapy.extensions.closespider.CloseSpider" in extensions  # --max-articles needs it
    assert not CONTROL_PORTS & set(extensions)


def test_setting_up_a_crawl_does_not_import_the_remote_control_or_aiohttp() -> None:
    """Scrapy imports every extension it is told of, even one switched off: that was 0.1 s of each start."""
    script = (
        "import sys\n"
        "from scrapy.crawler import CrawlerProcess\n"
        "from crawler.runtime.runner import crawl_settings\n"
        "from crawler.runtime.spiders.news import NewsSpider\n"
        "crawler = CrawlerProcess(crawl_settings('sqlite://')).create_crawler(NewsSpider)\n"
        "crawler._apply_settings()\n"
        "print(sorted(m for m in ('aiohttp', 'scrapy.extensions.remote_control') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().splitlines()[-1] == "[]"
