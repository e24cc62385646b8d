"""Line-level cleaning of article text: junk lines that are not part of the story."""

from __future__ import annotations

import re

from crawler.extract.dom import clean_text

#: Han, kana and Hangul characters: scripts written without spaces between words.
CJK_CHAR = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")

#: "Source: ..." credit lines (Azerbaijani, Russian, English), short ones only.
SOURCE_CREDIT_LINE = re.compile(r"^(?:mənbə|menbe|источник|source|фото|photo|foto)\s*:", re.IGNORECASE)
#: View counters: "просмотров: 123", "123 просмотра", "Baxış sayı: 12", "Views: 1,234".
VIEW_COUNTER_LINE = re.compile(
    r"^(?:(?:просмотр\w*|baxış\w*(?:\s+sayı)?|views?|oxunub|прочтений)\s*:?\s*[\d\s.,]+"
    r"|[\d\s.,]+\s*(?:просмотр\w*|baxış\w*|views?|reads?)|oxunub\s*:?\s*[\d\s.,]+\s*dəfə)$",
    re.IGNORECASE,
)
#: "Read also" labels and the teaser lines they introduce.
READ_ALSO_LINE = re.compile(
    r"^(?:читайте\s+также|также\s+читайте|читайте\s+еще|смотрите\s+также|по\s+теме|"
    r"həmçinin\s+(?:oxuyun|bax|baxın)|oxuyun\s+həmçinin|daha\s+ətraflı|"
    r"read\s+(?:also|more)|see\s+also|related\s*(?:articles?|stories|news)?|more\s+on\s+this(?:\s+story)?"
    r"|recommended(?:\s+for\s+you)?)\b\s*[:.\-—–]?",
    re.IGNORECASE,
)
#: Calls to follow, subscribe or share that sit at the end of articles.
SUBSCRIBE_LINE = re.compile(
    r"^(?:(?:подписывайтесь|подпишитесь)\b.*(?:telegram|канал|соцсет|вконтакте|дзен)"
    r"|.*\b(?:bizi|bizə)\b.*\b(?:izləyin|qoşulun|abunə)"
    r"|(?:follow|subscribe|join|sign\s+up)\b.{0,60}\b(?:telegram|newsletter|twitter|facebook|instagram|"
    r"channel|whatsapp|google\s+news|youtube)\b"
    r"|share\s+(?:this|on)\b.{0,40}$|(?:поделиться|paylaş)\s*:?$)",
    re.IGNORECASE,
)
#: Newsletter boxes, sign-up confirmations, print and copyright furniture.
FURNITURE_LINE = re.compile(
    r"^(?:thanks?\s+(?:you\s+)?for\s+(?:signing\s+up|subscribing)|sorry!?$|there\s+was\s+an\s+error|"
    r"an\s+error\s+has\s+occurred|keep\s+an\s+eye\s+on\s+your\s+inbox|(?:order\s+reprints|print\s+article)$|"
    r"get\s+the\s+latest\s+updates|sign\s+up\s+for\s+(?:our|the)\b|copyright\s*©|©\s*(?:19|20)\d\d|"
    r"all\s+rights\s+reserved|this\s+article\s+has\s+been\s+sent\s+to|advertisement$|реклама$|"
    r"(?:newsletter|рассылка)$|.{0,60}\b(?:uses?|используем|использует)\s+(?:cookies?|файлы\s+cookie)\b|"
    r".{0,60}\bkuki|.{0,60}\bcookie\s+(?:policy|settings))",
    re.IGNORECASE,
)
_LONG_LINE = 160


#: All of the above in one pattern: one match per line instead of five.
JUNK_LINE = re.compile(
    "|".join(
        f"(?:{p.pattern})"
        for p in (SOURCE_CREDIT_LINE, VIEW_COUNTER_LINE, READ_ALSO_LINE, SUBSCRIBE_LINE, FURNITURE_LINE)
    ),
    re.IGNORECASE,
)


def is_junk_line(line: str) -> bool:
    """True for a short line that is a credit, a counter, a "read also" label or a call to subscribe."""
    return len(line) <= _LONG_LINE and JUNK_LINE.match(line) is not None


def clean_lines(lines: list[str]) -> list[str]:
    """Lines whitespace-collapsed, empty ones and junk ones removed, consecutive duplicates dropped."""
    kept: list[str] = []
    for raw in lines:
        line = clean_text(raw)
        if not line or is_junk_line(line):
            continue
        if kept and kept[-1] == line:
            continue
        kept.append(line)
    return kept


def word_count(text: str) -> int:
    """Number of words (runs of word characters) in ``text``."""
    return len(WORD.findall(text))


WORD = re.compile(r"\w+")
