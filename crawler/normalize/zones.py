"""The time zone a page of no configured source most likely writes its dates in, from its language.

A date without an offset ("2019-02-22", "22.02.2019 10:00") is local time; for a configured
source that is the source's zone. For a page nobody configured, a language spoken in one
time zone names it (Japanese pages write Tokyo time); a language spoken across many zones
(English, Spanish, Portuguese, Arabic, Russian) names none, and such dates stay read as UTC.
"""

from __future__ import annotations

#: Languages whose writers live overwhelmingly in one time zone (ISO 639-1 code -> IANA zone).
LANGUAGE_ZONES = {
    "ja": "Asia/Tokyo",
    "ko": "Asia/Seoul",
    "zh": "Asia/Shanghai",
    "de": "Europe/Berlin",
    "fr": "Europe/Paris",
    "it": "Europe/Rome",
    "nl": "Europe/Amsterdam",
    "pl": "Europe/Warsaw",
    "cs": "Europe/Prague",
    "sk": "Europe/Bratislava",
    "hu": "Europe/Budapest",
    "ro": "Europe/Bucharest",
    "bg": "Europe/Sofia",
    "el": "Europe/Athens",
    "uk": "Europe/Kyiv",
    "tr": "Europe/Istanbul",
    "az": "Asia/Baku",
    "fi": "Europe/Helsinki",
    "sv": "Europe/Stockholm",
    "da": "Europe/Copenhagen",
    "nb": "Europe/Oslo",
    "no": "Europe/Oslo",
    "he": "Asia/Jerusalem",
    "fa": "Asia/Tehran",
    "th": "Asia/Bangkok",
    "vi": "Asia/Ho_Chi_Minh",
    "id": "Asia/Jakarta",
    "hr": "Europe/Zagreb",
    "sr": "Europe/Belgrade",
    "bs": "Europe/Sarajevo",
    "sl": "Europe/Ljubljana",
    "lt": "Europe/Vilnius",
    "lv": "Europe/Riga",
    "et": "Europe/Tallinn",
    "ka": "Asia/Tbilisi",
    "hy": "Asia/Yerevan",
}


def zone_of_language(language: str | None, default: str = "UTC") -> str:
    """The zone of ``language`` (a code like ``ja`` or ``de-AT``), else ``default``."""
    if not language:
        return default
    return LANGUAGE_ZONES.get(language.split("-")[0].split("_")[0].casefold(), default)
