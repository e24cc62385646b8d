"""Finding the visible byline: author links near the top of the story, or a byline element's text."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from lxml import etree
from lxml.html import HtmlElement

from crawler.extract.dom import absolute_url, byline_container, clean_text, element_text, registered_domain, same_site
from crawler.normalize.agencies import trailing_outlet
from crawler.normalize.bylines import is_other_credit_label, parse_byline

#: Links to author pages: ``/author/jane-doe``, ``/people/...``, ``/avtor/...``.
AUTHOR_HREF = re.compile(
    r"/(?:authors?|by|people|person|staff|profiles?|writers?|editors?|journalists?|contributors?|reporters?|columnists?|"
    r"experts?|u|avtor|avtory|muellif|müəllif)/[^/?#]+/?(?:[?#].*)?$",
    re.IGNORECASE,
)
#: Containers whose links are not the story's byline.
NOT_BYLINE_AREA = re.compile(
    r"(?:^|[\s_-])(?:comments?|related|recommended|recommendations|popular|trending|more|footer|sidebar|widgets?|nav|"
    r"navigation|menu|teasers?|promo|newsletter|bio|author-bio|about|tags?|topics?|keywords)(?:$|[\s_-])",
    re.IGNORECASE,
)
#: Link texts that are buttons, not names.
NOT_A_NAME = re.compile(
    r"^(?:view|see|more|all|follow|bio|profile|posts?|articles?|stories|read|email|contact)\b", re.I
)
#: Dates, times and relative times that trail names in a visible byline.
BYLINE_DATE = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?\b|\b\d{1,2}\s+(?:jan|feb|mar|apr|"
    r"may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|(?<!\d)\d{1,4}[./-]\d{1,2}[./-]\d{1,4}(?!\d)|\b\d{1,2}:\d{2}\b|\b(?:19|20)\d{2}\b|"
    r"(?<!\d)\d{4}\s*年\s*\d{1,2}\s*月|\b\d+\s*(?:h|hrs?|hours?|min|minutes?|days?)\s+ago\b|\b(?:updated|published|posted|last\s+updated)\b",
    re.IGNORECASE,
)
#: Trailing furniture of bylines: follow buttons, archive links, e-mail, roles.
BYLINE_NOISE = re.compile(
    r"\s*(?:\bview\s+author\b|\bget\s+author\b|\bfollow\b|\bemail\b|\be-mail\b|\bbio\b|\bshare\b|\btwitter\b|"
    r"\bsenior\s+\w+\s+(?:editor|writer|reporter)\b|\bstaff\s+writer\b|\bopinion\s+writer\b|\bcontributor\b|"
    r"\bcorrespondent\b|@\w+|\bcomments?\b).*$",
    re.IGNORECASE,
)
BY_LABEL = re.compile(r"^by\s*:\s*", re.IGNORECASE)
#: A lower-case preposition after the name starts the section, date or outlet: "by Jane Doe in Politics".
AFTER_NAME = re.compile(r"\s(?:in|on|at|for|via)\s.*$")
#: A name written twice in a row (an avatar's alt text and the name link): "Jane Doe Jane Doe ...".
REPEATED_NAME = re.compile(r"^(?P<name>\S.{2,40}?)\s+(?P=name)(?=\s|$)")
#: Lower-case words that join names rather than start a sentence.
NAME_JOINERS = frozenset({"and", "und", "et", "y", "e", "i", "и", "və", "ve", "&"})
TRAILING_PREPOSITION = re.compile(r"\s+(?:on|at|in|le|am|el|il|,)\s*$", re.IGNORECASE)
BYLINE_SEPARATOR = re.compile(r"\s+[|/·•—–]\s+|\s*\|\s*")
#: A label or "from" alone, once the site's name is cut off the byline.
_ONLY_FROM = re.compile(r"^\s*(?:by|von|par|por|do|da|de|dos|das|del|di|door|od|from|от)\s*:?\s*$", re.IGNORECASE)
_BY_INSIDE = re.compile(r"(?:^|\s)(?:by|af|av|von|par|por|door|przez|от|автор:?|müəllif:?)\s+(?=\S)", re.IGNORECASE)
_MAX_NAME_WORDS = 6
_NOT_ALNUM = re.compile(r"[\W_]+")
_CONTAINER_CHARS = 200
#: A paragraph longer than this is prose, not a byline.
PROSE_CHARS = 120


def _is_story_container(element: HtmlElement) -> bool:
    """``<main>``, or an ``<article>`` that holds the headline: the story's own container."""
    return element.tag == "main" or (element.tag == "article" and element.find(".//h1") is not None)


def _in_noise_area(element: HtmlElement) -> bool:
    in_address = False  # an <address> holds its article's contact details: a story's meta column may be an <aside>
    for ancestor in element.iterancestors():
        if ancestor.tag in ("body", "html"):
            break
        if _is_story_container(ancestor):
            return False  # what wraps the story (a page-wide drawer or menu shell) says nothing about the byline
        in_address = in_address or ancestor.tag == "address"
        if ancestor.tag in ("nav", "footer") or (ancestor.tag == "aside" and not in_address):
            return True
        names = f"{ancestor.get('class', '')} {ancestor.get('id', '')}"
        if NOT_BYLINE_AREA.search(names):
            return True
    return False


def _in_prose(anchor: HtmlElement) -> bool:
    """True for a link inside a paragraph of the story (a person the story mentions, not its writer)."""
    paragraph = next(anchor.iterancestors("p"), None)
    return paragraph is not None and len(element_text(paragraph)) > PROSE_CHARS


def _is_author_link(anchor: HtmlElement, page_url: str) -> bool:
    rel = (anchor.get("rel") or "").lower().split()
    href = anchor.get("href") or ""
    if not ("author" in rel or AUTHOR_HREF.search(href)):
        return False
    target = absolute_url(page_url, href) if page_url else None
    return target is None or not page_url or same_site(target, page_url)


def _looks_like_name(text: str) -> bool:
    return (
        1 < len(text) <= 60
        and len(text.split()) <= _MAX_NAME_WORDS
        and not BYLINE_DATE.search(text)
        and not NOT_A_NAME.match(text)
    )


def _first_author_link(tree: HtmlElement, page_url: str) -> HtmlElement | None:
    """The first author link outside comments, related lists, navigation and the story's prose."""
    body = tree.find(".//body")
    if body is None:
        return None
    for anchor in body.iter("a"):
        if not _is_author_link(anchor, page_url) or _in_noise_area(anchor) or _in_prose(anchor):
            continue
        if _looks_like_name(clean_text(anchor.text_content())):
            return anchor
    return None


def _linked_names(anchor: HtmlElement, container: HtmlElement, page_url: str) -> list[str]:
    names: list[str] = []
    for other in container.iter("a"):
        text = clean_text(other.text_content())
        if not _is_author_link(other, page_url) or not _looks_like_name(text) or text in names:
            continue
        if other is anchor or not _has_other_credit_label(other):
            names.append(text)
    return names or [clean_text(anchor.text_content())]


def author_link_names(tree: HtmlElement, page_url: str = "") -> list[str]:
    """Names on the first group of author links outside comments, related lists and navigation."""
    anchor = _first_author_link(tree, page_url)
    if anchor is None:
        return []
    return _linked_names(anchor, byline_container(anchor, _CONTAINER_CHARS), page_url)


#: Between the names of a metadata author list.
_LIST_SEPARATOR = re.compile(r"\s*(?:[,;]|\band\b)\s*")
#: Metadata lists this long are checked against the visible byline.
_CHECKED_LIST_NAMES = 3


def byline_links_of_credit_list(names: Sequence[str], tree: HtmlElement, page_url: str = "") -> list[str]:
    """The author links near the headline, when a long metadata author list holds them all and the rest of it
    is missing from their byline block (photographers, models and stylists credited in metadata); else ``[]``."""
    listed = [clean_text(n) for name in names for n in _LIST_SEPARATOR.split(name) if clean_text(n)]
    if len(listed) < _CHECKED_LIST_NAMES:
        return []
    anchor = _first_author_link(tree, page_url)
    if anchor is None:
        return []
    container = byline_container(anchor, _CONTAINER_CHARS)
    linked = _linked_names(anchor, container, page_url)
    folded = {n.casefold() for n in linked}
    rest = [n.casefold() for n in listed if n.casefold() not in folded]
    block = clean_text(container.text_content()).casefold()
    if not rest or len(rest) + len(folded) != len(listed) or any(n in block for n in rest):
        return []
    return linked


def _has_other_credit_label(anchor: HtmlElement) -> bool:
    """True for a link labelled as another credit: "Illustration: <a>", "Photos by <a>"."""
    before = anchor.xpath("preceding::text()[normalize-space()][1]")
    return bool(before) and is_other_credit_label(str(before[0]))


def names_the_site(name: str, page_url: str) -> bool:
    """True for an author that is the site's own domain name: "ASCII" on weekly.ascii.jp, "AOL" on aol.com."""
    site = registered_domain(page_url).split(".")[0] if page_url else ""
    return bool(site) and _NOT_ALNUM.sub("", name.casefold()) == site.replace("-", "")


def clean_visible_byline(text: str, site_names: Sequence[str] = ()) -> str:
    """A visible byline without its date, role, outlet and follow-button furniture (names and "By" kept)."""
    text = clean_text(text)
    sites = {re.sub(r"^the\s+", "", clean_text(s), flags=re.IGNORECASE) for s in site_names}
    for site in sorted(filter(None, sites), key=len, reverse=True):
        position = text.casefold().find(site.casefold())
        if position > 0:
            text = text[:position]
    if _ONLY_FROM.match(text):
        return ""  # "Do UOL, em São Paulo", "Von SPIEGEL": the outlet's own credit, no one's name
    match = list(_BY_INSIDE.finditer(text))
    if match and match[0].start() > 0 and BYLINE_DATE.search(text[: match[0].start()]):
        text = text[match[0].start() :].strip()
    parts = [p for p in BYLINE_SEPARATOR.split(text) if p.strip()]
    undated = [p for p in parts if not BYLINE_DATE.match(p.strip())]
    # "Politik · Jochen Bittner": a one-word part before the names is a section or a kicker.
    text = next((p for p in undated if len(p.split()) >= 2), undated[0] if undated else "")
    date = BYLINE_DATE.search(text)
    if date:
        text = text[: date.start()]
    outlet = trailing_outlet(text)
    if outlet is not None and len(_BY_TEXT.sub("", text[:outlet]).split()) >= 2:
        text = text[:outlet]  # "By Jane Doe Washington Post": the outlet she writes for
    text = BYLINE_NOISE.sub("", text)
    text = _without_bio(AFTER_NAME.sub("", REPEATED_NAME.sub(r"\g<name>", text)))
    text = TRAILING_PREPOSITION.sub("", BY_LABEL.sub("By ", text.strip(" ,;:-–—|/·")))
    return "" if NOT_A_NAME.match(text) else text


def _without_bio(text: str) -> str:
    """A name followed by a sentence about the writer cut back to the name: "Jane Doe Covering the courts since"."""
    words = text.split()
    for index in range(3, len(words) - 1):
        word = words[index]
        if word[:1].islower() and word.casefold() not in NAME_JOINERS and words[index - 1][:1].isupper():
            return " ".join(words[: index - 1])
    return text


#: Labels that open a byline element's own text in the major European languages and the sources' four
#: ("By" first: a text it opens is a byline whatever follows; one another opens must name someone).
BYLINE_LABELS = (
    "By", "by", "BY", "Von", "von", "Par", "par", "Por", "por", "Door", "door", "Di", "Autor", "Autorin", "Autorka",
    "Auteur", "Autore", "Author", "Verfasst von", "Geschrieben von", "Opublikowano przez", "Escrito por",
    "Scritto da", "Written by", "Posted by", "Prepared by", "Reported by", "Подготовил", "Подготовила", "Автор",
    "Підготував", "Підготувала", "Müəllif", "Hazırladı", "Hazırlayan", "Yazar",
)  # fmt: skip
#: XPath's ``normalize-space``: runs of XML whitespace made one space, none at the ends.
_XML_SPACE = re.compile(r"[ \t\n\r]+")
_NOT_LABELLED_TAGS = frozenset({"script", "style", "a", "option"})
_BY_TEXT = re.compile(r"^by\s*:?(?:\s|$)", re.IGNORECASE)
_LABEL_TEXT = re.compile(rf"^(?:{'|'.join(map(re.escape, BYLINE_LABELS))})\s*:?(?:\s|$)")
_MAX_BY_TEXTS = 3


def by_label_texts(tree: HtmlElement) -> list[str]:
    """Short texts of elements that open with a byline label ("By <span>Jane Doe</span>", "Von Hans Müller",
    "Autor: Jan Kowalski"), whatever their class; a label other than "By" counts only before a name."""
    found: list[str] = []
    for element in _labelled_elements(tree):
        own = (element.text or "").strip()
        if not _LABEL_TEXT.match(own) or _in_noise_area(element):
            continue
        text = element_text(element)
        rest = _LABEL_TEXT.sub("", text).strip(" :")
        if not _BY_TEXT.match(own) and not (rest[:1].isupper() and parse_byline(text)):
            continue  # "Por eso el puente…": a sentence, not a name
        if rest and len(text) <= _CONTAINER_CHARS // 2 and text not in found:
            found.append(text)
            if len(found) >= _MAX_BY_TEXTS:
                break
    return found


def _labelled_elements(tree: HtmlElement) -> Iterator[HtmlElement]:
    """Elements of the body whose own text opens with a byline label (the name may sit in a child element), in
    document order: what ``//body//*[not(self::script or self::style or self::a or self::option)][text()[1][
    starts-with(normalize-space(.), 'By') or …]]`` selects when the first text is the element's ``.text`` (a
    loop: the XPath's thirty ``starts-with`` over every element took libxml2 2.6 ms a page)."""
    for body in tree.getroottree().getroot().iter("body"):
        if any(ancestor.tag == "body" for ancestor in body.iterancestors()):
            continue  # its elements are visited with the outer body's
        for element in body.iterdescendants(etree.Element):
            text = element.text
            if (
                text
                and element.tag not in _NOT_LABELLED_TAGS
                and _XML_SPACE.sub(" ", text).strip(" ").startswith(BYLINE_LABELS)
            ):
                yield element


def visible_byline(candidates: Sequence[str], site_names: Sequence[str] = ()) -> str | None:
    """The first visible byline text that still holds a name once cleaned; a later one that is short (not a
    sentence cut back to its first words) when the first names no one."""
    kept = [(clean_visible_byline(c, site_names), len(c.split())) for c in candidates]
    kept = [(k, n) for k, n in kept if _BY_TEXT.sub("", k).strip() and len(k.split()) <= 3 * _MAX_NAME_WORDS]
    if not kept:
        return None
    later = (k for index, (k, words) in enumerate(kept) if index == 0 or words <= 2 * _MAX_NAME_WORDS)
    return next((k for k in later if parse_byline(k)), kept[0][0])


#: A dateline that credits an agency: "Bakı. Trend:", "Баку. Trend:", "LONDON (Reuters) -".
DATELINE_AGENCY = re.compile(
    r"^(?:[^\W\d][\w\s-]{1,30}?[.,]\s+(?P<agency>[A-Z][\w.&-]{1,20}(?:\s[A-Z][\w.&-]{1,20})?)\s*:\s"
    r"|[^\W\d][\w\s,.-]{1,40}?\((?P<paren>[A-Z][\w.&-]{1,20}(?:\s[A-Z][\w.&-]{1,20})?)\)\s*[-—–]\s)"
)


def dateline_agency(first_line: str) -> str | None:
    """The agency a story's opening dateline credits, if any."""
    match = DATELINE_AGENCY.match(first_line or "")
    if not match:
        return None
    return match.group("agency") or match.group("paren")
