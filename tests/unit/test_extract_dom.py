"""Loading pages: the fast path gives trafilatura's tree, and every page it cannot vouch for goes to trafilatura."""

from __future__ import annotations

import pytest
from lxml import etree
from trafilatura.utils import load_html

from crawler.extract.dom import _parse_clean_text, load_tree

BODY = "<body><h1>Заголовок</h1><p>Bakıda yeni park açıldı; ə ş ç ğ ı ö ü.</p><p>Second paragraph.</p></body>"
HEAD = "<html><head><title>t</title></head>"


def page(second: str = "Second") -> str:
    return HEAD + BODY.replace("Second", second) + "</html>"


XHTML_DOCTYPE = '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/x.dtd">'


@pytest.mark.parametrize(
    "html",
    [
        page(),
        f"<!DOCTYPE html>\n<html lang='az'><head><title>t</title></head>{BODY}</html>",
        f"{XHTML_DOCTYPE}\n<html><head><title>t</title></head>{BODY}</html>",
        f"<html xmlns='http://www.w3.org/1999/xhtml'/>\n<head><title>t</title></head>{BODY}",
        page("Tab\tand\r\nnew line"),
    ],
)
def test_fast_path_tree_equals_trafilaturas(html: str) -> None:
    fast = _parse_clean_text(html)
    assert fast is not None
    assert etree.tostring(fast) == etree.tostring(load_html(html))


@pytest.mark.parametrize(
    "html",
    [
        page("Bell\x07and\x1b escape"),
        page("Not a character \ufffe"),
        page("Lone surrogate \udc80"),
        "<p>a fragment, not a page</p>",
        f'<?xml version="1.0" encoding="utf-8"?>\n<html><head><title>t</title></head>{BODY}</html>',
    ],
)
def test_pages_needing_repair_go_to_trafilatura(html: str) -> None:
    assert _parse_clean_text(html) is None


def test_invalid_characters_are_removed_not_fatal() -> None:
    tree = load_tree(page("Bell\x07and"))
    assert tree is not None
    assert "Belland paragraph." in tree.text_content()
