"""Requests on the Redis frontier as JSON: nothing read from Redis is ever executed.

scrapy-redis pickles requests by default, and unpickling runs whatever the entry says:
anyone who can write to the Redis server could run code in every worker. Here an entry
is plain JSON (bytes as ``{"$b": base64}``) and decoding builds a plain
:class:`scrapy.Request` from checked fields only: an http(s) URL, GET or HEAD, and a
callback or errback given by the name of one of the spider's own public methods (not
those it inherits from :class:`scrapy.Spider`). Meta keys that steer the downloader
elsewhere or lift its limits (a proxy, a bind address, ``allow_offsite``, size limits) are dropped. Anything else makes
:func:`decode_request` raise :class:`BadEntry`; the queue drops the entry and records
an event.

The module also has ``dumps`` and ``loads`` (the interface of scrapy-redis's
``SCHEDULER_SERIALIZER``).
"""

from __future__ import annotations

import base64
import codecs
import inspect
import json
import logging
from typing import Any

from scrapy import Request, Spider

logger = logging.getLogger(__name__)

#: Meta keys never taken from Redis: each one would let an entry send a request elsewhere or off the site.
UNSAFE_META = frozenset(
    {"proxy", "_auth_proxy", "bindaddress", "allow_offsite", "download_slot", "dont_obey_robotstxt"}
    | {"download_maxsize", "download_warnsize", "download_timeout"}
)
METHODS = frozenset({"GET", "HEAD"})
#: An entry longer than this is not a request of ours (URLs are limited to a few kB).
MAX_ENTRY_BYTES = 256 * 1024


class BadEntry(ValueError):
    """A frontier entry that is not a request this crawl could have written."""


def _default(value: Any) -> Any:
    if isinstance(value, bytes):
        return {"$b": base64.b64encode(value).decode("ascii")}
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    raise TypeError(f"{type(value).__name__} is not JSON")


def _hook(obj: dict[str, Any]) -> Any:
    if len(obj) == 1 and "$b" in obj and isinstance(obj["$b"], str):
        return base64.b64decode(obj["$b"], validate=True)
    return obj


def dumps(obj: Any) -> bytes:
    """JSON of ``obj``, bytes tagged."""
    return json.dumps(obj, default=_default, separators=(",", ":"), allow_nan=False).encode("utf-8")


def loads(data: bytes | str) -> Any:
    """The value of a JSON entry; ``BadEntry`` when it is not JSON (a pickle, garbage)."""
    if len(data) > MAX_ENTRY_BYTES:
        raise BadEntry(f"entry of {len(data)} bytes is too long")
    try:
        return json.loads(data, object_hook=_hook)
    except (ValueError, TypeError, UnicodeDecodeError, RecursionError) as exc:
        raise BadEntry(f"not JSON ({type(exc).__name__})") from None


def _plain_meta(meta: dict[str, Any]) -> dict[str, Any]:
    """The meta values that are JSON (the rest are this worker's own objects and stay here)."""
    plain = {}
    for key, value in meta.items():
        try:
            dumps(value)
        except (TypeError, ValueError):
            logger.debug("meta key %r not sent to the frontier (%s)", key, type(value).__name__)
            continue
        plain[key] = value
    return plain


def encode_request(request: Request, callback: str | None, errback: str | None) -> bytes:
    """``request`` as a frontier entry; ``callback`` and ``errback`` are the spider's names for them."""
    if type(request) is not Request:
        raise TypeError(f"only plain scrapy.Request objects go to the frontier, not {type(request).__name__}")
    data = {
        "url": request.url,
        "method": request.method,
        "headers": {k.decode("latin-1"): list(v) for k, v in request.headers.items()},
        "body": request.body,
        "meta": request.meta,
        "cb_kwargs": request.cb_kwargs,
        "priority": request.priority,
        "dont_filter": request.dont_filter,
        "flags": request.flags,
        "encoding": request.encoding,
        "callback": callback,
        "errback": errback,
    }
    try:
        return dumps(data)
    except (TypeError, ValueError):  # some meta value is an object of this worker's: the rest still travel
        data["meta"] = _plain_meta(request.meta)
        return dumps(data)


def spider_callbacks(spider: Spider) -> frozenset[str]:
    """Names a frontier entry may call: public functions the spider's own classes define."""
    cached = getattr(type(spider), "_frontier_callbacks", None)
    if cached is not None:
        return cached
    names = set()
    for cls in type(spider).__mro__:
        if cls is Spider or not (isinstance(cls, type) and issubclass(cls, Spider)):
            continue
        for name, value in vars(cls).items():
            if inspect.isfunction(value) and not name.startswith("_") and name != "start":
                names.add(name)
    result = frozenset(names)
    type(spider)._frontier_callbacks = result  # type: ignore[attr-defined]  # a cache on the spider class
    return result


def _expect(value: Any, kind: type | tuple[type, ...], field: str) -> Any:
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is int):
        raise BadEntry(f"field {field!r} has the wrong type")
    return value


def _method(spider: Spider, name: Any, field: str) -> Any:
    if name is None:
        return None
    if not isinstance(name, str) or name not in spider_callbacks(spider):
        raise BadEntry(f"{field} {str(name)[:60]!r} is not a method of the spider")
    return getattr(spider, name)


def decode_request(data: bytes | str, spider: Spider) -> Request:
    """The request an entry stands for; ``BadEntry`` unless every field is one this crawl writes."""
    obj = loads(data)
    if not isinstance(obj, dict):
        raise BadEntry("not a JSON object")
    url = _expect(obj.get("url"), str, "url")
    if not url.startswith(("http://", "https://")):
        raise BadEntry("url is not http(s)")
    method = _expect(obj.get("method", "GET"), str, "method").upper()
    if method not in METHODS:
        raise BadEntry(f"method {method[:10]!r} is not allowed")
    headers = _expect(obj.get("headers") or {}, dict, "headers")
    for name, values in headers.items():
        if not isinstance(values, list) or not all(isinstance(v, (bytes, str)) for v in values):
            raise BadEntry(f"header {str(name)[:40]!r} is not a list of strings")
    meta = {k: v for k, v in _expect(obj.get("meta") or {}, dict, "meta").items() if k not in UNSAFE_META}
    cb_kwargs = _expect(obj.get("cb_kwargs") or {}, dict, "cb_kwargs")
    callback = _method(spider, obj.get("callback"), "callback")
    errback = _method(spider, obj.get("errback"), "errback")
    if cb_kwargs:
        if callback is None:
            raise BadEntry("cb_kwargs without a callback")
        parameters = inspect.signature(callback).parameters
        if unknown := [k for k in cb_kwargs if k not in parameters or k == "response"]:
            raise BadEntry(f"cb_kwargs {unknown[:3]!r} are not parameters of {obj['callback']}")
    encoding = _expect(obj.get("encoding") or "utf-8", str, "encoding")
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise BadEntry("unknown encoding") from None
    body = obj.get("body") or b""
    flags = _expect(obj.get("flags") or [], list, "flags")
    try:
        return Request(
            url,
            callback=callback,
            errback=errback,
            method=method,
            headers=headers,
            body=_expect(body, (bytes, str), "body"),
            meta=meta,
            cb_kwargs=cb_kwargs,
            priority=_expect(obj.get("priority", 0), int, "priority"),
            dont_filter=bool(obj.get("dont_filter", False)),
            flags=[str(f) for f in flags],
            encoding=encoding,
        )
    except (TypeError, ValueError) as exc:
        raise BadEntry(f"not a valid request ({exc})"[:200]) from None
