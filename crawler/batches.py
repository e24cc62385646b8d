"""Spider-middleware helper: pass a response's output on, filtering some of its requests in batches."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Sequence
from typing import Any

from scrapy import Request


async def filter_requests_in_batches(
    result: AsyncIterator[Any],
    wanted: Callable[[Request], bool],
    keep: Callable[[Sequence[Request]], list[Request]],
    size: int,
) -> AsyncIterator[Any]:
    """``result`` with its ``wanted`` requests passed through ``keep`` ``size`` at a time (one lookup a batch).

    Everything else goes on at once; filtered requests follow when their batch is full or the output ends.
    """
    pending: list[Request] = []
    async for output in result:
        if isinstance(output, Request) and wanted(output):
            pending.append(output)
            if len(pending) >= size:
                for request in keep(pending):
                    yield request
                pending = []
        else:
            yield output
    for request in keep(pending):
        yield request
