"""Connecting a crawl to the shared frontier: its settings, a Redis URL as shown, whether Redis answers."""

from __future__ import annotations

from typing import Any

from scrapy_redis.connection import get_redis


def redis_overrides(redis_url: str) -> dict[str, Any]:
    """Scrapy settings that switch a crawl to the shared frontier on Redis."""
    return {
        "MEDIAMON_REDIS_URL": redis_url,
        "SCHEDULER": "crawler.runtime.frontier.scheduler.FrontierScheduler",
    }


def masked_redis_url(url: str) -> str:
    """``url`` with its password replaced, for messages and logs."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    if not parts.password:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urlunsplit(parts._replace(netloc=netloc))


def check_redis(url: str) -> str | None:
    """None when the Redis server at ``url`` answers, else why not (one line)."""
    try:
        get_redis(url=url, socket_connect_timeout=5, socket_timeout=5).ping()
    except Exception as exc:  # noqa: BLE001 - a bad URL or an unreachable server: both are one line for the CLI
        return f"{type(exc).__name__}: {str(exc).strip().splitlines()[0] if str(exc).strip() else ''}"
    return None
