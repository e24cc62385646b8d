"""Where a date on the page belongs: the story's dateline, or another moment or story.

``<time>`` elements labelled as updates and dates inside comments, related lists,
navigation and footers are not the story's publication date.
"""

from __future__ import annotations

import itertools
import re

from lxml import etree
from lxml.html import HtmlElement

from crawler.extract.dom import clean_text, element_text

#: Containers of other stories' and readers' dates: comments, related lists, teasers, sidebars.
_OTHER_STORY_AREA = re.compile(r"comment|related|recommend|popular|trending|teaser|sidebar|widget|more-|footer|reply")


#: A wrapper that names the publication date is the dateline's own, whatever else its class says.
_OWN_DATELINE = re.compile(r"publish|dateline|byline")


def in_other_story(element: HtmlElement) -> bool:
    """True for a date inside comments, related stories, navigation or the footer (up to the story's container)."""
    for ancestor in element.iterancestors():
        if ancestor.tag in ("article", "main", "body"):
            return False
        if ancestor.tag in ("nav", "footer", "aside"):
            return True
        names = f"{ancestor.get('class', '')} {ancestor.get('id', '')}".lower()
        if _OTHER_STORY_AREA.search(names) and not _OWN_DATELINE.search(names):
            return True
    return False


#: Bars at the top of a site (its masthead, navigation, top bar) that show today's date, a clock or the weather.
_MASTHEAD_AREA = re.compile(r"header|masthead|sitenav|site-nav|navbar|top-?bar|app-?bar|topline")


#: Containers of the story itself (its header, its publication line): never the site's masthead.
_STORY_AREA = re.compile(r"article|post|entry|story|publish|dateline|byline")


def in_masthead(element: HtmlElement) -> bool:
    """True for a date in the site's header bar rather than the story's: inside ``<header>`` or a
    header-named container that holds no headline (``<h1>``), outside the story's ``<article>``/``<main>``.

    A story's own header (``entry-header``, ``article-header``, a publish-date box) is no masthead.
    """
    ancestors = list(element.iterancestors())
    if any(ancestor.tag in ("article", "main") for ancestor in ancestors):
        return False
    for ancestor in ancestors:
        if ancestor.tag == "body":
            return False
        names = f"{ancestor.get('class', '')} {ancestor.get('id', '')}".lower()
        if _STORY_AREA.search(names):
            return False
        if (ancestor.tag == "header" or _MASTHEAD_AREA.search(names)) and next(ancestor.iter("h1"), None) is None:
            return True
    return False


def time_elements(tree: HtmlElement) -> list[str]:
    """``datetime`` values of ``<time>`` elements, published ones first; updates and modifications left out."""
    marked: list[str] = []
    other: list[str] = []
    for element in tree.iter("time"):
        value = clean_text(element.get("datetime")) or element_text(element)
        if not value or in_masthead(element):
            continue
        names = f"{element.get('class', '')} {element.get('itemprop', '')} {element.get('pubdate', '')}"
        is_pub = element.get("pubdate") is not None or re.search(r"publish|pub|created|post", names, re.I)
        # The element's own names and its two nearest containers' ("...--updated-date" around a <time>).
        containers = list(itertools.islice(element.iterancestors(), 2))
        around = " ".join([names, *(str(a.get("class", "")) for a in containers)])
        is_mod = re.search(r"modif|updat", around, re.I) or _UPDATE_LABEL.search(_label_before(element))
        if is_mod and not is_pub:
            continue
        (marked if is_pub else other).append(value)
    return marked + other


#: "Updated:", "Aktualisiert am", "Mis à jour le" written before a date.
_UPDATE_LABEL = re.compile(
    r"(?:updat\w*|modified|edited|aktualisiert(?:\s+am)?|geändert(?:\s+am)?|mis\s+à\s+jour(?:\s+le)?|"
    r"actualizad[oa](?:\s+el)?|aggiornat[oa](?:\s+il)?|bijgewerkt(?:\s+op)?|обновлено|güncelleme)\s*:?\s*$",
    re.IGNORECASE,
)


def _label_before(element: HtmlElement) -> str:
    """The text just before ``element`` in its parent (its label, if it has one)."""
    previous = element.getprevious()
    if previous is not None:
        return previous.tail or element_text(previous)[-40:]
    parent = element.getparent()
    return (parent.text or "") if parent is not None else ""


#: A label that names the publication date, written before it ("Datum:", "Published:", "Veröffentlicht am").
PUBLICATION_LABEL = re.compile(
    r"(?:date|datum|fecha|data|дата|tarix|tarih|published(?:\s+on)?|posted(?:\s+on)?|"
    r"veröffentlicht(?:\s+am)?|publiziert(?:\s+am)?|erschienen(?:\s+am)?|publié(?:\s+le)?|"
    r"publicado(?:\s+(?:el|em))?|pubblicato(?:\s+il)?|gepubliceerd(?:\s+op)?|opublikowano|"
    r"опубликовано|опубліковано|yayınlanma(?:\s+tarihi)?|dərc\s+olunub)(?![^\W\d_])\s*:?",
    re.IGNORECASE,
)
_LABELLED = re.compile(rf"^\s*(?P<label>{PUBLICATION_LABEL.pattern})\s*(?P<rest>.*)$", re.IGNORECASE | re.DOTALL)
#: A short text with a full date in it: digits with separators and a year, or a year beside a word.
_FULL_DATE = re.compile(r"\d{1,4}[./-]\d{1,2}[./-]\d{2,4}|(?:19|20)\d\d")
#: What follows the label starts as a date does: a number, or one word (a weekday, a month) and a number.
_STARTS_AS_DATE = re.compile(r"\W{0,3}(?:\d|[^\W\d_]+\.?,?\s+\(?\d)")
_LABEL_TAGS = frozenset({"span", "strong", "b", "em", "i", "label", "dt", "th", "td", "p", "div", "li", "small"})
_MAX_LABELLED_DATES = 3
_MAX_LABELLED_CHARS = 60


def labelled_dates(tree: HtmlElement) -> list[str]:
    """Dates the page writes right after a publication label ("Datum: 03.02.2022", "Published: May 4, 2021"),
    label included, from elements with no class that names them; comments, related lists and the masthead left out.
    """
    found: list[str] = []
    for body in tree.iter("body"):
        for element in body.iter():
            if not isinstance(element.tag, str) or (element.tag not in _LABEL_TAGS and element.tag[:1] != "h"):
                continue
            text = clean_text(element.text)
            match = _LABELLED.match(text) if text else None
            if match is None or len(text) > _MAX_LABELLED_CHARS:
                continue
            rest = match.group("rest")
            if not rest and len(element) == 0:
                following = element.getnext()
                rest = clean_text(element.tail) or (element_text(following) if following is not None else "")
            candidate = f"{match.group('label').strip()} {rest}".strip()
            if (
                rest
                and len(rest) <= _MAX_LABELLED_CHARS
                and _FULL_DATE.search(rest)
                and _STARTS_AS_DATE.match(rest)
                and candidate not in found
                and not in_other_story(element)
                and not in_masthead(element)
            ):
                found.append(candidate)
                if len(found) >= _MAX_LABELLED_DATES:
                    return found
    return found


#: Texts of a masthead's elements read for a date: a widget's "Tuesday, (08 Dec 2020)", not a paragraph.
_MAX_WIDGET_CHARS = 60
_MAX_WIDGET_TEXTS = 10
_HAS_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_YEAR_DIGITS = re.compile(r"(?:19|20)\d\d")


_MASTHEAD_CLASS = re.compile(r"masthead|topbar|top-bar|site-header")


def _masthead_containers(tree: HtmlElement) -> list[HtmlElement]:
    """What ``//header | //body//*[contains(@class, 'masthead') or contains(@class, 'topbar') or
    contains(@class, 'top-bar') or contains(@class, 'site-header')][not(ancestor::header)]`` selects, in
    document order (a loop: libxml2 took twice as long over the class of every element)."""
    found: list[HtmlElement] = []
    for element in tree.getroottree().getroot().iter(etree.Element):
        if element.tag == "header":
            found.append(element)
        elif (classes := element.get("class")) and _MASTHEAD_CLASS.search(classes):
            tags = {ancestor.tag for ancestor in element.iterancestors()}
            if "body" in tags and "header" not in tags:
                found.append(element)
    return found


def masthead_texts(tree: HtmlElement) -> list[str]:
    """Short texts with a year in the site's header bars (:func:`in_masthead`), whatever their element's
    class: today's date as a widget shows it ("Tuesday, (08 Dec 2020)")."""
    found: list[str] = []
    for container in _masthead_containers(tree):
        # An element's text is a piece of its container's: no four digits of a year there, none in any element.
        if not _YEAR_DIGITS.search(container.text_content()):
            continue
        for element in container.iter("li", "span", "div", "p", "time", "small", "strong"):
            # lxml's own text (C) first: most of a header's menu items hold no year, and collecting the
            # visible text of every nested <div> of a big header in Python took a tenth of a page's time.
            if not _HAS_YEAR.search(element.text_content()):
                continue
            text = element_text(element)
            if len(text) <= _MAX_WIDGET_CHARS and _HAS_YEAR.search(text) and text not in found and in_masthead(element):
                found.append(text)
                if len(found) >= _MAX_WIDGET_TEXTS:
                    return found
    return found


#: A sentence that says the entry was published, and its date: "This entry was posted on Saturday,
#: December 3rd, 2011", "Dieser Beitrag wurde am Samstag, 3. Dezember 2011 veröffentlicht" (blog themes).
_PUBLISHED_VERB = re.compile(
    r"\b(?:published|posted|veröffentlicht|publiziert|publié|publicado|pubblicato|gepubliceerd|opublikowano)\b",
    re.IGNORECASE,
)
_DATE_IN_SENTENCE = re.compile(
    r"\d{1,2}\.\s*[^\W\d_]{3,}\.?\s+(?:19|20)\d\d|\d{1,2}\s+[^\W\d_]{3,}\.?,?\s+(?:19|20)\d\d"
    r"|[^\W\d_]{3,}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d|\d{1,2}[./-]\d{1,2}[./-](?:19|20)\d\d"
    r"|(?:19|20)\d\d-\d\d-\d\d"
)
_MAX_SENTENCE_CHARS = 500
#: The verb and the date are in one clause: this close together.
_MAX_VERB_DISTANCE = 80


def published_sentences(tree: HtmlElement) -> list[str]:
    """The dates of short paragraphs that say the entry was published on them (comments, related lists and
    the masthead left out); at most the first three."""
    found: list[str] = []
    for element in tree.iter("p", "small"):
        text = element_text(element)
        if len(text) > _MAX_SENTENCE_CHARS:
            continue
        verb = _PUBLISHED_VERB.search(text)
        day = _DATE_IN_SENTENCE.search(text) if verb else None
        if verb is None or day is None:
            continue
        near = max(verb.start(), day.start()) - min(verb.end(), day.end()) <= _MAX_VERB_DISTANCE
        if near and not in_other_story(element) and not in_masthead(element):
            candidate = day.group(0)
            if candidate not in found:
                found.append(candidate)
                if len(found) >= _MAX_LABELLED_DATES:
                    break
    return found
