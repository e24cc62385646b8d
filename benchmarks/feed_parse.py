"""Time and peak memory of reading one big RSS feed (issue 17): ``python -m benchmarks.feed_parse 200000 [BYTES]``.

``--feedparser`` reads it with feedparser alone (what the crawler did before, on the reactor thread).
"""

from __future__ import annotations

import argparse
import resource
import time

import feedparser

from crawler.discovery import parse_feed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("items", type=int)
    parser.add_argument("bytes", type=int, nargs="?", default=None, help="read only this many bytes (the size cap)")
    parser.add_argument("--feedparser", action="store_true")
    args = parser.parse_args()
    items = "".join(f"<item><title>Item {n}</title><link>/news/item-{n}</link></item>" for n in range(args.items))
    body = f'<?xml version="1.0"?><rss version="2.0"><channel><title>Big</title>{items}</channel></rss>'.encode()
    body = body[: args.bytes] if args.bytes else body
    started = time.perf_counter()
    if args.feedparser:
        count = len(feedparser.parse(body).entries)
    else:
        count = len(parse_feed(body, "http://127.0.0.1/feed", 50_000))
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{args.items} items, {len(body)} bytes read: {count} entries, {seconds:.1f} s, peak RSS {peak:.0f} MB")


if __name__ == "__main__":
    main()
