"""Spider-middleware helper: pass a response's output on, filtering some of its requests in batches."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Sequence
from typing import Any

from scrapy import Request

#: Requests in the first batch of a response's output.
FIRST_BATCH = 32


async def filter_requests_in_batches(
    result: AsyncIterator[Any],
    wanted: Callable[[Request], bool],
    keep: Callable[[Sequence[Request]], list[Request]],
    size: int,
    first: int = FIRST_BATCH,
) -> AsyncIterator[Any]:
    """``result`` with its ``wanted`` requests passed through ``keep`` up to ``size`` at a time (one lookup a batch).

    Everything else goes on at once; filtered requests follow when their batch is full or the output ends.
    The first batch holds ``first`` requests and each next one twice as many, up to ``size``: the
    first articles of a long sitemap are on their way (to the other workers too) while the rest is read.
    """
    pending: list[Request] = []
    limit = min(first, size)
    async for output in result:
        if isinstance(output, Request) and wanted(output):
            pending.append(output)
            if len(pending) >= limit:
                for request in keep(pending):
                    yield request
                pending = []
                limit = min(2 * limit, size)
        else:
            yield output
    for request in keep(pending):
        yield request
