"""Telling articles from other pages: listings, tag and search pages, galleries, error pages."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from crawler.extract.dom import text_content
from crawler.extract.text import CJK_CHAR

#: Words with letters (numbers, times and dates do not make prose).
LETTER_WORD = re.compile(r"[^\W\d_][\w'’-]*")

#: Titles of error pages (English, Russian, Azerbaijani).
ERROR_TITLE = re.compile(
    r"\b(?:404|410|page\s+not\s+found|not\s+found|error\s+\d{3}|страница\s+не\s+найдена|ошибка\s+404|"
    r"səhifə\s+tapılmadı|xəta\s+404)\b",
    re.IGNORECASE,
)
#: URL paths of listings: tag, search, category, author and archive pages, and paging.
LISTING_PATH = re.compile(
    r"/(?:tags?|search|category|categories|rubrics?|topics?|authors?|archives?|sections?)(?:/|$)|/page/\d+/?$",
    re.IGNORECASE,
)
HOME_PATH = re.compile(r"[a-z]{2}(?:[-_][a-z]{2})?(?:/index\.\w+)?", re.IGNORECASE)
LISTING_QUERY = re.compile(r"(?:^|&)(?:q|query|s|tag|search)=", re.IGNORECASE)
#: Characters of those scripts that count as one word.
CJK_CHARS_PER_WORD = 2
#: Minimum words of body text for a page with and without article metadata.
MIN_WORDS_WITH_METADATA = 15
MIN_WORDS = 40
_MIN_LINK_WORDS = 3
#: Lines shorter than this (headlines, dates, menu items) are not prose.
MIN_SENTENCE_WORDS = 8
#: Share of body lines that are link texts above which a page is a list of headlines.
LINKED_SHARE = 0.3
#: Consecutive prose lines (none the text of a link) that make a story, whatever links surround it.
STORY_RUN_LINES = 3
STORY_RUN_WORDS = 80
#: Figures from which a declared article without prose is a gallery, not a story.
GALLERY_FIGURES = 3


@dataclass(frozen=True, slots=True)
class PageSignals:
    """What the page says about itself."""

    url: str
    title: str
    has_article_metadata: bool
    listing_types: bool
    body_lines: Sequence[str]
    #: The publisher declares the page one article in structured metadata, and it has a headline.
    declared_article: bool = False
    #: ``<figure>`` elements and captions on the page.
    figures: int = 0


def link_texts(tree: HtmlElement) -> set[str]:
    """Texts of the page's links that have at least a few words."""
    texts = set()
    for anchor in tree.iter("a"):
        words = text_content(anchor).split()
        if len(words) >= _MIN_LINK_WORDS:
            texts.add(" ".join(words))
    return texts


def is_home_url(url: str) -> bool:
    """True for a site's front page or a language edition's (``/``, ``/en/``, ``/index.html``)."""
    path = urlsplit(url).path.strip("/")
    return path in ("", "index.html", "index.php") or bool(HOME_PATH.fullmatch(path))


def is_listing_url(url: str) -> bool:
    """True for URLs of tag, search, category, author, archive pages and paged lists."""
    parts = urlsplit(url)
    return bool(LISTING_PATH.search(parts.path) or LISTING_QUERY.search(parts.query))


def line_words(line: str) -> int:
    """Words of a line; in scripts written without spaces (Han, kana, Hangul) two characters count as one."""
    count = len(LETTER_WORD.findall(line))
    if count >= MIN_SENTENCE_WORDS or not CJK_CHAR.search(line):
        return count
    return len(LETTER_WORD.findall(CJK_CHAR.sub(" ", line))) + len(CJK_CHAR.findall(line)) // CJK_CHARS_PER_WORD


def mostly_links(lines: Sequence[str], links: set[str]) -> bool:
    """True when many body lines are texts of links: a list of headlines, not a story.

    A run of paragraphs none of which is a link's text is a story even among many
    links (a body that kept the site's menus): a listing alternates headlines and teasers.
    """
    # At most _MIN_LINK_WORDS pieces: "has enough words" without splitting a whole paragraph.
    lines = [line for line in lines if len(line.split(None, _MIN_LINK_WORDS - 1)) >= _MIN_LINK_WORDS]
    linked = sum(1 for line in lines if line in links)
    return linked >= 4 and linked >= LINKED_SHARE * len(lines) and not has_story_run(lines, links)


def has_story_run(lines: Sequence[str], links: set[str]) -> bool:
    """True when :data:`STORY_RUN_LINES` consecutive prose lines hold :data:`STORY_RUN_WORDS` words."""
    run_lines = run_words = 0
    for line in lines:
        count = line_words(line) if line not in links else 0
        if count < MIN_SENTENCE_WORDS:
            run_lines = run_words = 0
            continue
        run_lines, run_words = run_lines + 1, run_words + count
        if run_lines >= STORY_RUN_LINES and run_words >= STORY_RUN_WORDS:
            return True
    return False


def prose_words(lines: Sequence[str], links: set[str], enough: int | None = None) -> int:
    """Words in lines that read as sentences (long enough, not the text of a link).

    Counting stops once ``enough`` words are found (the article test needs no more).
    """
    total = 0
    for line in lines:
        if line not in links and (count := line_words(line)) >= MIN_SENTENCE_WORDS:
            total += count
            if enough is not None and total >= enough:
                break
    return total


def is_article(signals: PageSignals, links: set[str]) -> bool:
    """True when the page reads as one article or its publisher declares it one."""
    if reads_as_article(signals, links):
        return True
    return is_declared_story(signals, prose_words(signals.body_lines, links, enough=MIN_WORDS_WITH_METADATA))


def reads_as_article(signals: PageSignals, links: set[str]) -> bool:
    """True when the page's body reads as one article (its declarations aside)."""
    prose = prose_words(signals.body_lines, links, enough=max(MIN_WORDS, MIN_WORDS_WITH_METADATA))
    if mostly_links(signals.body_lines, links):
        return False
    if signals.has_article_metadata:
        return prose >= MIN_WORDS_WITH_METADATA
    if ERROR_TITLE.search(signals.title) or signals.listing_types or is_listing_url(signals.url):
        return False
    return prose >= MIN_WORDS


def is_declared_story(signals: PageSignals, prose: int) -> bool:
    """A page its publisher declares one article, with a headline, is one whatever its body holds.

    Its body may be loaded by script, behind a paywall or lost among menus; a crawl keeps it
    (the missing body is counted) rather than lose the story. Not on a listing URL (a CMS's
    default ``og:type``) or a front page, an error page, nor a gallery: figures and no prose.
    """
    if not signals.declared_article or ERROR_TITLE.search(signals.title):
        return False
    if is_listing_url(signals.url) or is_home_url(signals.url):
        return False
    return signals.figures < GALLERY_FIGURES or prose >= MIN_WORDS_WITH_METADATA
