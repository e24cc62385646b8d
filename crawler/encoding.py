"""HTML pages whose declared charset is wrong: find the encoding the bytes really use.

Scrapy decodes an HTML response with the charset of the ``Content-Type`` header,
else the BOM, else ``<meta charset>``, and only then guesses from the bytes. A
declared charset that is wrong (a Russian windows-1251 page sent as ``utf-8`` or
``iso-8859-1``) gives replacement characters or mojibake. :func:`sniff_encoding`
trusts a declaration only when the bytes decode under it cleanly and read as
text, and otherwise asks charset-normalizer; the crawl's
:class:`crawler.runtime.middlewares.encoding.EncodingMiddleware` re-labels such responses before the
spider reads them.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes
from charset_normalizer.md import mess_ratio
from w3lib.encoding import read_bom

#: Above this share of "messy" characters (charset-normalizer's measure) a decoding is taken for mojibake.
MAX_MESS = 0.1
#: How much of a page is examined (bytes for detection, characters for the mess measure).
SAMPLE_BYTES = 256 * 1024
_TAGS = re.compile(r"<(?:script|style)\b.*?</(?:script|style)\s*>|<[^>]*>", re.IGNORECASE | re.DOTALL)


def codec_name(encoding: str | None) -> str | None:
    """Python's canonical name of an encoding (``'windows-1251'`` -> ``'cp1251'``); ``None`` if unknown."""
    if not encoding:
        return None
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        return None


def reads_as_text(body: bytes, encoding: str) -> bool:
    """True when ``body`` decodes strictly under ``encoding`` and the visible text is not mojibake."""
    try:
        text = body[:SAMPLE_BYTES].decode(encoding)
    except UnicodeDecodeError as exc:
        if exc.start < SAMPLE_BYTES - 8:  # a multi-byte character cut by the sample is fine
            return False
        text = body[: exc.start].decode(encoding)
    except LookupError:
        return False
    if codec_name(encoding) == "utf-8":
        return True  # non-ASCII bytes that are valid UTF-8 by chance are vanishingly rare
    visible = _TAGS.sub(" ", text)
    if visible.isascii():
        return True
    return mess_ratio(visible, maximum_threshold=1.0) <= MAX_MESS


def sniff_encoding(body: bytes, declared: str | None) -> str | None:
    """The encoding ``body`` is written in; ``declared`` (header or ``<meta>``) when the bytes agree with it.

    ``None`` when nothing better than ``declared`` can be said (an undecidable or empty body).
    """
    bom, _ = read_bom(body)
    if bom:
        return codec_name(bom)
    sample = body[:SAMPLE_BYTES]
    if sample.isascii():
        return codec_name(declared)
    if reads_as_text(body, "utf-8"):
        return "utf-8"
    name = codec_name(declared)
    if name is not None and name != "utf-8" and reads_as_text(body, name):
        return name
    best = from_bytes(sample).best()
    return codec_name(best.encoding) if best is not None else name
