"""Requests of a long output are filtered in batches that start small: the first ones go on early."""

from __future__ import annotations

import asyncio

from scrapy import Request

from crawler.runtime.middlewares.batches import FIRST_BATCH, filter_requests_in_batches


def test_first_requests_go_on_before_a_long_output_ends() -> None:
    produced: list[int] = []
    batches: list[int] = []

    async def sitemap():
        for n in range(2000):
            produced.append(n)
            yield Request(f"https://example.com/news/{n}")

    def keep(requests):
        batches.append(len(requests))
        return list(requests)

    async def first_request_after():
        async for _ in filter_requests_in_batches(sitemap(), lambda r: True, keep, size=1000):
            return len(produced)

    assert asyncio.run(first_request_after()) == FIRST_BATCH  # not after the whole sitemap was read

    async def all_requests():
        return [r async for r in filter_requests_in_batches(sitemap(), lambda r: True, keep, size=1000)]

    produced.clear()
    batches.clear()
    assert len(asyncio.run(all_requests())) == 2000
    assert batches == [32, 64, 128, 256, 512, 1000, 8]
