"""Source selectors (CSS, or XPath after ``xpath:``) compiled once, for extraction and for validating sources files.

Kept outside ``crawler.extract`` so that :mod:`crawler.sources` can check selectors without importing
the extraction package (which imports the sources module).
"""

from __future__ import annotations

from functools import lru_cache

from cssselect import SelectorError
from cssselect.xpath import ExpressionError
from lxml import etree
from parsel.csstranslator import HTMLTranslator

XPATH_PREFIX = "xpath:"
#: What compiling or running a bad selector raises.
SELECTOR_ERRORS = (etree.XPathError, SelectorError, ExpressionError, ValueError, TypeError)


@lru_cache(maxsize=512)
def compile_selector(selector: str) -> etree.XPath:
    """A compiled XPath for a CSS selector or an ``xpath:...`` expression."""
    selector = selector.strip()
    if selector.startswith(XPATH_PREFIX):
        return etree.XPath(selector[len(XPATH_PREFIX) :].strip())
    return etree.XPath(HTMLTranslator().css_to_xpath(selector))


def selector_problem(selector: str) -> str | None:
    """Why ``selector`` does not compile or run (its error's first line), or ``None`` when it does.

    It is run once on an empty page: lxml reports an unknown function or a bad expression
    like ``foo(`` only when the XPath is evaluated.
    """
    try:
        compile_selector(selector)(etree.fromstring("<html><body/></html>"))
    except SELECTOR_ERRORS as exc:
        text = str(exc).strip()
        return text.splitlines()[0] if text else type(exc).__name__
    return None
