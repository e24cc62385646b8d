"""The publication date as a ranked choice among the page's date evidence.

Each kind of evidence (JSON-LD, ``<meta>``, ``<time>``, a visible dateline, a date in the
URL, htmldate's guess) votes for the calendar day it names, with a weight for how much
that kind is to be trusted; the day with the most weight wins, so kinds that agree beat
one that stands alone (a related story's ``<time>``, a stale ``dateModified`` written as
``datePublished``). Rules that need no weighing:

* dates labelled as another moment (updated, modified, joined, copyright) are no evidence;
* a date without a year or a bare time ("23:07", "3 hours ago") counts only when no
  evidence names a full date: it is relative to the fetch, and a page read later lies;
* a timestamp written in UTC ("...Z", "+00:00") also supports the neighbouring day that
  is on the same side of midnight for the publisher (late-evening stories west of
  Greenwich, early-morning ones east of it): the publisher's own day comes from the
  kinds written in local time (URL, dateline), when they agree; when the page writes
  other moments with one offset of its own ("-05:00"), that is the publisher's zone and
  the UTC stamp names its day there, and no other;
* ties go to the earlier day: a story is published before it is updated.

The chosen value is the most precise instant consistent with the winning day (aware UTC);
its raw twin is the evidence that writes that day as the publisher did.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta, tzinfo
from datetime import timezone as fixed_offset

from crawler.normalize.dates import parse_date_as_written

#: Weights of the kinds of evidence; the first of a kind counts fully, later ones of it for :data:`LATER`.
WEIGHTS = {
    "jsonld": 3.0,
    "meta": 3.0,
    "time": 2.0,
    "dateline": 2.0,
    "headline": 3.0,
    "sentence": 3.0,
    "url": 2.5,
    "htmldate": 2.5,
}
LATER = 0.5
#: Kinds htmldate reads before anything else: its answer agreeing with one of them is no second witness.
ECHOED_BY_HTMLDATE = frozenset({"jsonld", "meta", "url"})
#: Values of one kind read at most: beyond the first few they are other items' (comments, related stories).
PER_KIND = 3
#: UTC hours from which a moment is the next local day in the east, and until which the day before in the west.
EAST_FROM_HOUR = 13
WEST_UNTIL_HOUR = 8
#: Bonus for a dateline that says it is the publication ("Published", "Veröffentlicht", "Publié"...).
PUBLISHED_LABEL_BONUS = 1.0

#: Labels of other moments than the publication, in the major European languages and the sources' four.
OTHER_MOMENT = re.compile(
    r"updat|\b(?:modified|edited|joined|member\s+since|copyright|all\s+rights|"
    r"aktualisiert|geändert|bearbeitet|mis\s+à\s+jour|modifié|actualizado|modificado|actualização|atualizado|"
    r"aggiornat[oa]|bijgewerkt|zaktualizowano|обновлено|изменено|yenilendi|güncellendi|güncelleme|yenilənib)\b|©",
    re.IGNORECASE,
)
PUBLISHED_LABEL = re.compile(
    r"\b(?:published|posted|veröffentlicht|publiziert|erschienen|publié|publicado|pubblicato|gepubliceerd|"
    r"opublikowano|опубликовано|опубліковано|yayınlanma|yayımlandı|dərc\s+olunub)\b|^(?:datum|date|fecha|дата)\s*:",
    re.IGNORECASE,
)
#: A year of four digits: a date without one is relative to the fetch (or a guess at the year).
HAS_YEAR = re.compile(r"(?<!\d)(?:19[89]\d|20\d\d)(?!\d)|^\d{10}(?:\d{3})?$")
#: A date in a URL path: /2024/05/17/, /2024-05-17-, /20240517/.
URL_DATE = re.compile(r"/((?:19|20)\d{2})[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?:[/_.-]|$)")
#: A compact date ending a slug: /some-story-20161013, /story_20161013.html.
URL_SLUG_DATE = re.compile(r"[-_]((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?:[/._]|$)")
_ISO_DAY = re.compile(r"(?:19|20)\d\d-\d\d-\d\d")
_UTC_STAMP = re.compile(r"(?:z|[+-]00:?00|\bgmt|\butc)\s*$", re.IGNORECASE)
_HAS_TIME = re.compile(r"\d{1,2}[:h]\d{2}")
_HAS_OFFSET = re.compile(r"(?:z|[+-]\d{2}:?\d{2}|\bgmt|\butc)\s*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Evidence:
    """One raw date string of one kind, with the weight it votes with."""

    kind: str
    raw: str
    weight: float


@dataclass(frozen=True, slots=True)
class _Read:
    evidence: Evidence
    local: datetime  # in the zone it was written in
    exact: bool  # names a year (not relative, year-less or a bare time)
    utc_stamp: bool
    has_time: bool
    shifted: bool = False  # a UTC stamp read in the publisher's zone: it does not write that day itself

    @property
    def day(self) -> date:
        return self.local.date()

    def supports(self, day: date) -> bool:
        """True when this evidence names ``day``, or is a UTC timestamp of a moment that may fall on it locally."""
        if self.day == day:
            return True
        if not (self.utc_stamp and self.has_time):
            return False
        # Late in the UTC day it is already the next day east (Tokyo from 15:00, Sydney from 13:00);
        # early, still the day before west (Los Angeles until 08:00).
        if self.local.hour >= EAST_FROM_HOUR:
            return day == self.day + timedelta(days=1)
        return self.local.hour < WEST_UNTIL_HOUR and day == self.day - timedelta(days=1)


def url_date(url: str) -> str | None:
    """The ``YYYY-MM-DD`` a URL's path names (``/2024/05/17/``), if any."""
    path = url.split("?", 1)[0]
    match = URL_DATE.search(path) or URL_SLUG_DATE.search(path)
    return "-".join(match.groups()) if match else None


def names_the_update(guess: str | None, modified: Sequence[str], evidence: Sequence[Evidence]) -> bool:
    """True when ``guess`` (htmldate's ``YYYY-MM-DD``) is the day of the page's declared modification while its
    structured metadata declares another publication day (and not that one): it read an "updated" line."""
    updated = {m[:10] for m in modified if _ISO_DAY.match(m)}
    declared = {e.raw[:10] for e in evidence if e.kind in ("jsonld", "meta") and _ISO_DAY.match(e.raw)}
    return bool(guess) and guess in updated and guess not in declared and bool(declared - updated)


def gather(
    kind: str, raws: Sequence[str | None], *, labelled: bool = False, other_moments: Sequence[str | None] = ()
) -> list[Evidence]:
    """Evidence of one kind in page order, the first :data:`PER_KIND`; texts labelled as another moment
    and values that are the page's modification date (``other_moments``) are left out."""
    found: list[Evidence] = []
    for raw in raws:
        text = " ".join((raw or "").split())
        if not text or (labelled and OTHER_MOMENT.search(text)) or any(e.raw == text for e in found):
            continue
        if text in other_moments:
            continue
        if len(found) >= PER_KIND:
            break
        weight = WEIGHTS[kind] if not found else LATER
        if labelled and PUBLISHED_LABEL.search(text):
            weight += PUBLISHED_LABEL_BONUS
        found.append(Evidence(kind, text, weight))
    return found


def choose_date(
    evidence: Sequence[Evidence], *, languages: Sequence[str], timezone: str, fetched_at: datetime
) -> tuple[datetime | None, str | None]:
    """The publication instant (aware UTC) and its raw twin; ``(None, first raw)`` when nothing reads."""
    reads: list[_Read] = []
    for item in evidence:
        local = parse_date_as_written(item.raw, languages=languages, timezone=timezone, fetched_at=fetched_at)
        if local is not None:
            exact = bool(HAS_YEAR.search(item.raw))
            utc = bool(_UTC_STAMP.search(item.raw))
            reads.append(_Read(item, local, exact, utc, bool(_HAS_TIME.search(item.raw))))
    if not reads:
        return None, (evidence[0].raw if evidence else None)
    if any(r.exact for r in reads):
        reads = [r for r in reads if r.exact]
    reads = [r for r in reads if not _lone_year_guess(r, reads)]
    if not reads:
        return None, evidence[0].raw
    home = _written_offset(reads)
    if home is not None:
        reads = [_at_home(r, home) for r in reads]
    days = sorted({r.day for r in reads})  # a day some evidence writes; UTC neighbours only add support
    scores = {day: sum(_weight(r, reads) for r in reads if r.supports(day)) for day in days}
    best = max(days, key=lambda day: (scores[day], _on_the_page(day, reads), -day.toordinal()))
    writers = [r for r in reads if r.day == best]
    supporters = [r for r in reads if r.supports(best)]
    # The raw twin writes the day; the instant is the most precise reading of the same moment.
    writer = max(writers, key=lambda r: (not r.shifted, r.evidence.weight, r.has_time))
    # An instant with its own offset is exact; one without is read in an assumed zone; a time beats a bare day.
    precise = [r for r in supporters if r.has_time and _HAS_OFFSET.search(r.evidence.raw)]
    timed = [r for r in writers if r.has_time]
    instant = max(precise or timed or [writer], key=lambda r: r.evidence.weight)
    return instant.local.astimezone(UTC), writer.evidence.raw


def _written_offset(reads: Sequence[_Read]) -> tzinfo | None:
    """The one offset other than UTC that the page's timestamps are written with (the publisher's zone), if any."""
    offsets = {
        r.local.utcoffset()
        for r in reads
        if r.has_time and not r.utc_stamp and _HAS_OFFSET.search(r.evidence.raw) and r.local.utcoffset()
    }
    offset = offsets.pop() if len(offsets) == 1 else None
    return fixed_offset(offset) if offset else None


def _at_home(read: _Read, home: tzinfo) -> _Read:
    """A UTC stamp read in the publisher's zone: it names that day only."""
    if not (read.utc_stamp and read.has_time):
        return read
    return replace(read, local=read.local.astimezone(home), utc_stamp=False, shifted=True)


def _weight(read: _Read, reads: Sequence[_Read]) -> float:
    """The read's vote; htmldate's repeats the structured metadata or URL it read first, so it only adds a little."""
    if read.evidence.kind != "htmldate":
        return read.evidence.weight
    echoed = any(other.evidence.kind in ECHOED_BY_HTMLDATE and other.day == read.day for other in reads)
    return LATER if echoed else read.evidence.weight


def _on_the_page(day: date, reads: Sequence[_Read]) -> bool:
    """True when the page itself writes ``day`` (not only htmldate's guess): a tie goes to the page's word."""
    return any(r.day == day and r.evidence.kind != "htmldate" for r in reads)


def _lone_year_guess(read: _Read, reads: Sequence[_Read]) -> bool:
    """htmldate's 1 January that nothing else names: a year read from a copyright line or a path, not a day."""
    if read.evidence.kind != "htmldate" or (read.local.month, read.local.day) != (1, 1):
        return False
    return not any(other is not read and other.day == read.day for other in reads)
