"""News agencies and outlets we credit as organizations, not people (a maintained list: data only).

Each entry is the name we store and the ways bylines write it, in any script. Matching
ignores case, the az/tr dotted and dotless i, quotes, and words like "News Agency" /
"информационное агентство" / "Ajansı" around the name (see :func:`organization_name`).
Add an outlet by adding a line; keep the regions together and the aliases lower case.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection

from crawler.normalize.text import clean_whitespace, fold

# name as stored -> aliases (the name itself is always an alias)
AGENCIES: dict[str, tuple[str, ...]] = {
    # Azerbaijan
    "Trend": ("trend", "trend.az", "trend az", "тренд", "trend news", "trend news agency"),
    "APA": ("apa", "apa.az", "azerbaijan press agency", "апа", "apa-economics", "apa economics"),
    "Report": ("report", "report.az", "report news agency", "репорт"),
    "Caliber.Az": ("caliber.az", "caliber", "caliber az", "калибр"),
    "Azertac": ("azertac", "azərtac", "azertag", "азертадж", "азертак", "azerbaijan state news agency"),
    "Turan": ("turan", "туран", "turan information agency", "turan news agency"),
    "Azernews": ("azernews", "azernews.az", "азерньюс"),
    "Interfax-Azerbaijan": ("interfax-azerbaijan", "интерфакс-азербайджан"),
    "Oxu.az": ("oxu.az", "oxu az"),
    "Day.az": ("day.az",),
    "Haqqin.az": ("haqqin.az", "haqqin"),
    "Vesti.az": ("vesti.az",),
    "1news.az": ("1news.az", "1news"),
    "Qafqazinfo": ("qafqazinfo", "qafqazinfo.az"),
    "Modern.az": ("modern.az",),
    "Musavat": ("musavat", "yeni müsavat", "yeni musavat", "musavat.com"),
    "Sputnik Azerbaijan": ("sputnik azerbaijan", "sputnik azərbaycan", "спутник азербайджан"),
    "Meydan TV": ("meydan tv", "meydan.tv", "мейдан тв"),
    "AzTV": ("aztv",),
    "Ictimai TV": ("ictimai tv", "itv", "общественное тв"),
    "Xezer News": ("xezer news", "xəzər xəbər", "xezer xeber"),
    "JAMnews": ("jamnews", "jam-news", "jam news"),
    "Minval": ("minval", "minval.az"),
    "News.az": ("news.az",),
    # Georgia and Armenia
    "Interpressnews": ("interpressnews", "ipn", "интерпресньюс"),
    "Civil.ge": ("civil.ge", "civil georgia"),
    "Agenda.ge": ("agenda.ge",),
    "Georgia Online": ("georgia online", "apsny.ge"),
    "OC Media": ("oc media", "oc-media", "oc media.org"),
    "Armenpress": ("armenpress", "арменпресс"),
    "News.am": ("news.am",),
    "Arka": ("arka", "arka news agency", "арка"),
    "Azatutyun": ("azatutyun", "азатутюн"),
    # Russia
    "Interfax": ("interfax", "интерфакс"),
    "TASS": ("tass", "тасс", "итар-тасс", "itar-tass"),
    "RIA Novosti": ("ria novosti", "риа новости", "ria", "риа", "ria news"),
    "Sputnik": ("sputnik", "спутник", "sputnik news"),
    "RBC": ("rbc", "рбк", "rbc.ru"),
    "Kommersant": ("kommersant", "коммерсантъ", "коммерсант"),
    "Vedomosti": ("vedomosti", "ведомости"),
    "Izvestia": ("izvestia", "известия"),
    "Lenta.ru": ("lenta.ru", "лента.ру", "lenta"),
    "Gazeta.ru": ("gazeta.ru", "газета.ру"),
    "Regnum": ("regnum", "регнум"),
    "Rossiyskaya Gazeta": ("rossiyskaya gazeta", "российская газета", "рг"),
    "Novaya Gazeta": ("novaya gazeta", "новая газета"),
    "Meduza": ("meduza", "медуза"),
    "Prime": ("прайм", "prime news agency"),
    "RT": ("rt", "russia today", "раша тудэй"),
    "NTV": ("ntv", "нтв"),
    "Fontanka": ("fontanka", "фонтанка", "fontanka.ru"),
    "Kavkaz-uzel": ("kavkaz-uzel", "кавказский узел", "caucasian knot"),
    # Turkey
    "Anadolu": ("anadolu", "anadolu agency", "anadolu ajansı", "anadolu ajansi", "aa", "анадолу"),
    "DHA": ("dha", "demirören haber ajansı", "demiroren haber ajansi"),
    "İHA": ("iha", "ihlas haber ajansı"),
    "ANKA": ("anka", "anka haber ajansı"),
    "TRT Haber": ("trt haber", "trt", "trt world"),
    "Hürriyet": ("hürriyet", "hurriyet", "hürriyet daily news"),
    "Sabah": ("sabah", "daily sabah"),
    "Milliyet": ("milliyet",),
    "Habertürk": ("habertürk", "haberturk"),
    "Sözcü": ("sözcü", "sozcu"),
    "Cumhuriyet": ("cumhuriyet",),
    "NTV Türkiye": ("ntv türkiye",),
    "Duvar": ("duvar", "gazete duvar", "duvar english"),
    "Bianet": ("bianet",),
    # International wires and broadcasters
    "Reuters": ("reuters", "рейтер", "рейтерс", "thomson reuters"),
    "AP": ("ap", "associated press", "the associated press", "ассошиэйтед пресс"),
    "AFP": ("afp", "agence france-presse", "agence france presse", "франс пресс", "франс-пресс", "афп"),
    "Bloomberg": ("bloomberg", "блумберг"),
    "BBC": (
        "bbc",
        "bbc news",
        "би-би-си",
        "bbc azərbaycanca",
        "bbc azerbaijani",
        "bbc türkçe",
        "bbc russian",
        "русская служба би-би-си",
        "bbc news русская служба",
    ),
    "Xinhua": ("xinhua", "синьхуа"),
    "dpa": ("dpa", "deutsche presse-agentur"),
    "EFE": ("efe",),
    "ANSA": ("ansa",),
    # national agencies of Europe not listed above
    "Ritzau": ("ritzau", "ritzau scanpix"),
    "NTB": ("ntb", "norsk telegrambyrå"),
    "STT": ("stt", "suomen tietotoimisto"),
    "Keystone-SDA": ("keystone-sda", "sda"),
    "Belga": ("belga",),
    "ANP": ("anp",),
    "PAP": ("pap", "polska agencja prasowa"),
    "ČTK": ("čtk", "ctk"),
    "MTI": ("mti",),
    "Europa Press": ("europa press",),
    "Lusa": ("lusa",),
    "Kyodo": ("kyodo", "kyodo news"),
    "UPI": ("upi", "united press international"),
    "IRNA": ("irna", "ирна"),
    "Al Jazeera": ("al jazeera", "аль-джазира"),
    "Euronews": ("euronews", "евроньюс"),
    "Deutsche Welle": ("deutsche welle", "dw", "дойче велле"),
    "RFE/RL": (
        "rfe/rl",
        "rfe-rl",
        "radio free europe",
        "radio liberty",
        "radio free europe/radio liberty",
        "радио свобода",
        "azadlıq radiosu",
        "azadliq radiosu",
    ),
    "Voice of America": ("voice of america", "voa", "голос америки"),
    "CNN": ("cnn",),
    "Eurasianet": ("eurasianet",),
    "The Guardian": ("the guardian", "guardian"),
    "The New York Times": ("the new york times", "new york times", "nyt"),
    "Financial Times": ("financial times", "ft"),
    "The Economist": ("the economist",),
    "Politico": ("politico",),
    "The Washington Post": ("the washington post", "washington post"),
    "The Wall Street Journal": ("the wall street journal", "wall street journal", "wsj"),
    "USA Today": ("usa today",),
    "Los Angeles Times": ("los angeles times", "la times"),
    "Chicago Tribune": ("chicago tribune",),
    "The Boston Globe": ("the boston globe", "boston globe"),
    "NPR": ("npr", "national public radio"),
    "NBC News": ("nbc news", "nbc"),
    "CBS News": ("cbs news", "cbs"),
    "ABC News": ("abc news",),
    "Fox News": ("fox news",),
    "CNBC": ("cnbc",),
}

# Places that open a dateline ("Bakı. Trend:", "Москва. Интерфакс"), folded: a dateline credits
# its agency alone, and the place is no author.
DATELINE_PLACES = frozenset(
    {
        "baku",
        "baki",
        "баку",
        "moscow",
        "москва",
        "ankara",
        "анкара",
        "istanbul",
        "стамбул",
        "tbilisi",
        "tiflis",
        "тбилиси",
        "yerevan",
        "irevan",
        "ереван",
        "ganja",
        "gence",
        "гянджа",
        "sumgait",
        "sumqayit",
        "сумгаит",
        "nakhchivan",
        "naxcivan",
        "нахчыван",
        "нахичевань",
        "shusha",
        "susa",
        "шуша",
        "khankendi",
        "xankendi",
        "ханкенди",
        "astana",
        "астана",
        "almaty",
        "алматы",
        "tashkent",
        "daskend",
        "ташкент",
        "ashgabat",
        "ашхабад",
        "bishkek",
        "бишкек",
        "dushanbe",
        "душанбе",
        "kyiv",
        "kiev",
        "киев",
        "minsk",
        "минск",
        "tehran",
        "тегеран",
        "washington",
        "вашингтон",
        "london",
        "лондон",
        "paris",
        "париж",
        "brussels",
        "брюссель",
        "berlin",
        "берлин",
        "beijing",
        "пекин",
        "new york",
        "нью-йорк",
        "los angeles",
        "san francisco",
        "hong kong",
        "new delhi",
        "tel aviv",
        "mexico city",
        "buenos aires",
        "rio de janeiro",
        "sao paulo",
        "cape town",
        "kuala lumpur",
        "abu dhabi",
        "the hague",
        "washington d.c.",
        "washington dc",
        "geneva",
        "женева",
        "vienna",
        "вена",
        "st. petersburg",
        "saint petersburg",
        "санкт-петербург",
        "izmir",
        "antalya",
        "sochi",
        "сочи",
        "kazan",
        "казань",
        "lankaran",
        "lenkeran",
        "shamakhi",
        "samaxi",
        "quba",
        "mingachevir",
        "mingecevir",
        "aghdam",
        "agdam",
        "fuzuli",
        "lachin",
        "lacin",
        "kalbajar",
        "kelbecer",
        "zangilan",
        "zengilan",
        "azerbaijan",
        "azerbaycan",
        "азербайджан",
        "russia",
        "россия",
        "turkey",
        "turkiye",
        "турция",
        "georgia",
        "gurcustan",
        "грузия",
        "armenia",
        "ermenistan",
        "армения",
        "iran",
        "иран",
    }
)

# Words around an agency's name that are not part of it: "Trend News Agency", "ИА Регнум".
_DESCRIPTORS = re.compile(
    r"^(?:the|иа|ia|агентство|информационное агентство|издание|газета|agencia|agence|agenzia|agentur)\s+|"
    r"\s+(?:news agency|information agency|press agency|agency|news|newswire|wire|"
    r"informasiya agentliyi|xeber agentliyi|agentliyi|haber ajansi|ajansi|"
    r"информационное агентство|агентство)$"
)
_QUOTES = re.compile(r"[\"'«»“”„‘’`]")
_EDGE_PUNCTUATION = " .,:;-–—()[]"


def match_key(text: str) -> str:
    """The form names are compared in: folded, unquoted, single-spaced, without edge punctuation."""
    return clean_whitespace(_QUOTES.sub("", fold(text))).strip(_EDGE_PUNCTUATION)


@functools.lru_cache(maxsize=1)
def _alias_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for name, aliases in AGENCIES.items():
        for alias in (name, *aliases):
            index.setdefault(match_key(alias), name)
    return index


def organization_name(text: str, extra: Collection[str] = ()) -> str | None:
    """The stored name of the agency or outlet ``text`` names, or ``None`` when it names none.

    ``extra`` are more names to accept as organizations as written (e.g. the configured sources').
    """
    key = match_key(text)
    if not key:
        return None
    for candidate in (key, _DESCRIPTORS.sub("", key)):
        for name in extra:
            if match_key(name) == candidate:
                return name
        found = _alias_index().get(candidate)
        if found is not None:
            return found
    return None


@functools.lru_cache(maxsize=1)
def alias_pattern() -> str:
    """A regex alternation of every alias (folded, longest first), for finding agencies in datelines."""
    keys = sorted(_alias_index(), key=len, reverse=True)
    return "|".join(re.escape(k) for k in keys)


@functools.lru_cache(maxsize=1)
def _trailing_outlet_pattern() -> re.Pattern[str]:
    # Only aliases of two words or more: a one-word alias ("Trend", "Sabah") may be a family name.
    keys = sorted((k for k in _alias_index() if " " in k), key=len, reverse=True)
    return re.compile(rf"\s+(?:the\s+)?(?:{'|'.join(re.escape(k) for k in keys)})\s*$", re.IGNORECASE)


def trailing_outlet(text: str) -> int | None:
    """Where an outlet's name that ends ``text`` starts ("Jane Doe Washington Post" -> 8), or ``None``."""
    match = _trailing_outlet_pattern().search(text)
    return match.start() if match else None
