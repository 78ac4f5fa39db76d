"""Punctuation and spacing that belong to the other language, and the quotation style.

Each finding is tied to its neighbours, which is what keeps it exact on Chinese, where
generic checkers flag every half-width mark:

- Chinese punctuation (，。「」《》、 and the full-width forms, and the doubled ellipsis
  ……) in English text, unless it touches a CJK character: English may quote Chinese (the
  novel 《紅樓夢》, 「走吧……」).
- A half-width , . ; : ! ? in Chinese text only right after a Han character and before
  another, a space or the end (我們,他們 / 走了.然後): never in a decimal (3.5), a Latin
  word, a file name or address, an ellipsis (好...), nor reST's ``::``.
- “” and ‘’ in Traditional Chinese when the settings ask for 「」『』 (``corner``, the
  default), and 「」『』 in Chinese when they ask for curly quotes; an apostrophe (’ next to
  a Latin letter) is no quotation mark.
- White space in Chinese: a space between Han characters or Chinese punctuation, only
  where the writer typed it (a space that stands beside markup, as reST requires around
  ``**強調**``, is left alone) and not after a list label opening the text (（一） 總則);
  spacing between Han and Latin is the renderer's business. An ideographic space
  (U+3000) in any text, typed for layout.

None of them reads a text whose lines were kept (a literal block or code from a
translation file), whose spacing and punctuation are its own.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from toolkit.check.qa.framework import Problem, text_check
from toolkit.check.qa.script import script_of
from toolkit.check.qa.settings import QuoteStyle, Settings
from toolkit.check.qa.units import Side
from toolkit.check.registry import Family, Severity, declare
from toolkit.languages import sentence_separator

CHINESE_IN_ENGLISH = declare(
    "chinese-punctuation-in-english",
    Family.PUNCTUATION,
    Severity.WARNING,
    "Chinese or full-width punctuation, or the Chinese ellipsis ……, in English text, away "
    "from any Chinese character.",
    "Hello，world。",
)
ENGLISH_IN_CHINESE = declare(
    "english-punctuation-in-chinese",
    Family.PUNCTUATION,
    Severity.WARNING,
    "A half-width , . ; : ! ? after a Han character (or , ; : ! ? after a space after one), "
    "where Chinese punctuation belongs.",
    "我們,他們走了.然後",
)
QUOTE_STYLE = declare(
    "quote-style",
    Family.PUNCTUATION,
    Severity.WARNING,
    "Quotation marks of the other style than the settings' quote_style in Chinese text.",
    "他說“走吧”。 (corner style: 「走吧」)",
)
SPACE_IN_CHINESE = declare(
    "space-in-chinese",
    Family.PUNCTUATION,
    Severity.WARNING,
    "A space between two Han characters, or a Han character and Chinese punctuation (not "
    "after a list or chapter label opening a text: （一） 總則, 第一章 緒論).",
    "我們 走吧。",
)
IDEOGRAPHIC_SPACE = declare(
    "ideographic-space",
    Family.PUNCTUATION,
    Severity.INFO,
    "A full-width ideographic space (U+3000), typed for layout.",
    "第一章\u3000緒論",
)

#: Han characters, kana and bopomofo (``toolkit.segment.chars.is_ideograph``).
HAN = (
    "\u3040-\u30ff\u3100-\u312f\u31a0-\u31bf\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
    "\U00020000-\U0003134f"
)
#: CJK letters an English text may quote: Han, kana, bopomofo, Hangul.
CJK = HAN + "\u1100-\u11ff\uac00-\ud7af"
#: Chinese punctuation proper (not …, — or ·, which English shares).
CHINESE_MARKS = "，。、；：！？「」『』《》〈〉【】〔〕〖〗（）［］｛｝﹁﹂﹃﹄｡｢｣､"
#: And the full-width forms of the other ASCII punctuation and symbols (％＃＆…).
CHINESE_PUNCTUATION = CHINESE_MARKS + "".join(
    chr(c) for c in range(0xFF01, 0xFF5F) if not chr(c).isalnum() and chr(c) not in CHINESE_MARKS
)
_MARKS = re.escape(CHINESE_MARKS)

#: A run of Chinese punctuation, with the marks English shares beside it (…」 quotes
#: Chinese as 」 does); a run of the shared marks alone is read only for ……, which is
#: Chinese's ellipsis, not English's.
_CHINESE_RUN = re.compile(f"[{re.escape(CHINESE_PUNCTUATION)}…—·]+")
_SHARED = "…—·"
_CJK_LETTER = re.compile(f"[{CJK}]")
_HALF_AFTER_HAN = re.compile(f"(?<=[{HAN}])[,.;:!?](?=[{HAN}]|\\s|$)")
#: And after a space (在台北 , 他走了); not a dot, which begins a file name or is a command.
_SPACED_AFTER_HAN = re.compile(f"(?<=[{HAN}]) +([,;:!?])(?=[{HAN}]|\\s|$)")
_SPACES = re.compile(f"(?<=[{HAN}{_MARKS}])[ \t\u00a0]+(?=[{HAN}{_MARKS}])")
#: A list or chapter label at the start of a text, which a space may follow: （一）, 1、,
#: 二., 第一章.
_LABEL = re.compile(
    r"[（(〔【]?(?:[一二三四五六七八九十百〇零]+|\d+)[）)〕】、.．]"
    r"|第(?:[一二三四五六七八九十百千〇零兩两]+|\d+)[章節节篇部卷回條条課课講讲幕]"
)
_IDEOGRAPHIC = re.compile("\u3000+")
_LATIN = re.compile("[A-Za-z0-9]")

#: Chinese marks to English ones, after NFKC has made the full-width forms ASCII.
_TO_ENGLISH = str.maketrans(
    {
        "。": ".", "、": ",", "「": "“", "」": "”", "『": "‘", "』": "’", "《": "“",
        "》": "”", "〈": "‘", "〉": "’", "【": "[", "】": "]", "〔": "(", "〕": ")",
        "〖": "[", "〗": "]",
    }
)  # fmt: skip
_TO_CHINESE = {",": "，", ".": "。", ";": "；", ":": "：", "!": "！", "?": "？"}
#: By the style asked for: the marks it wants, and each wrong mark's replacement.
_STYLES = {
    QuoteStyle.CORNER: ("「」 and 『』", {"“": "「", "”": "」", "‘": "『", "’": "』"}),
    QuoteStyle.CURLY: ("“” and ‘’", {"「": "“", "」": "”", "『": "‘", "』": "’"}),
}
_WRONG_MARKS = {style: re.compile(f"[{''.join(marks)}]") for style, (_, marks) in _STYLES.items()}
#: Each closing mark's opening mark.
_OPENS = {"”": "“", "’": "‘", "」": "「", "』": "『"}


def is_english(lang: str) -> bool:
    return lang.replace("_", "-").split("-")[0].lower() == "en"


def preformatted(text: str) -> bool:
    """Is this a text whose lines were kept (a literal block or code from a translation
    file: a work's paragraph never breaks a line)? Its spacing and punctuation are its own."""
    return "\n" in text


def bare(side: Side, offset: int) -> bool:
    """Does ``side.text[offset]`` follow the character before it directly in its segment's
    markup (or open the segment's markup): no emphasis, link or code opens between them?"""
    separator = len(sentence_separator(side.lang))
    for text in side.segments:
        if offset < len(text.plain):
            return text.offsets[offset] == (text.offsets[offset - 1] + 1 if offset else 0)
        offset -= len(text.plain) + separator
        if offset < 0:
            return True  # the separator between two segments
    return True


@text_check
def chinese_in_english(side: Side, settings: Settings) -> Iterator[Problem]:
    text = side.text
    if not is_english(side.lang) or preformatted(text):
        return
    for m in _CHINESE_RUN.finditer(text):
        before, after = text[m.start() - 1 : m.start()], text[m.end() : m.end() + 1]
        if _CJK_LETTER.match(before) or _CJK_LETTER.match(after):
            continue  # quoting Chinese
        run, start = m.group(), m.start()
        if "……" not in run:
            core = run.strip(_SHARED)
            if not core:
                continue
            start += run.index(core)
            run = core
        english = unicodedata.normalize("NFKC", run.replace("……", "…")).translate(_TO_ENGLISH)
        title = " (a title in 《》 goes in italics)" if "《" in run else ""
        yield Problem(
            CHINESE_IN_ENGLISH,
            f"Chinese punctuation '{run}' in English text: "
            f"'{text[max(0, start - 8) : start + len(run) + 8]}'",
            f"write '{english}'{title}",
            offset=start,
        )


@text_check
def english_in_chinese(side: Side, settings: Settings) -> Iterator[Problem]:
    text = side.text
    if not side.chinese or preformatted(text):
        return
    marks = [(m.start(), m.group()) for m in _HALF_AFTER_HAN.finditer(text)]
    marks += ((m.start(1), m.group(1)) for m in _SPACED_AFTER_HAN.finditer(text))
    for offset, mark in sorted(marks):
        if mark == "." and text.startswith(".", offset + 1):
            continue  # an ellipsis typed as dots
        around = text[max(0, offset - 4) : offset + 5]
        yield Problem(
            ENGLISH_IN_CHINESE,
            f"half-width '{mark}' after a Chinese character in '{around}'",
            f"write the Chinese '{_TO_CHINESE[mark]}'",
            offset=offset,
        )


@text_check
def quote_style(side: Side, settings: Settings) -> Iterator[Problem]:
    text = side.text
    if not side.chinese or settings.quote_style is QuoteStyle.ANY or preformatted(text):
        return
    if settings.quote_style is QuoteStyle.CORNER and script_of(side.lang) != "Hant":
        return  # corner marks are asked of Traditional Chinese only
    wanted, wrong = _STYLES[settings.quote_style]
    open_marks: list[str] = []
    for m in _WRONG_MARKS[settings.quote_style].finditer(text):
        ch, offset = m.group(), m.start()
        if _apostrophe(text, offset):
            continue
        if ch in _OPENS and _OPENS[ch] in open_marks:
            open_marks.remove(_OPENS[ch])
            continue  # its opening mark was reported
        open_marks.append(ch)
        yield Problem(
            QUOTE_STYLE,
            f"{ch} in Chinese text set with {wanted} (quote_style: {settings.quote_style})",
            f"write {wrong[ch]} for {ch}",
            offset=offset,
        )


def _apostrophe(text: str, offset: int) -> bool:
    """Is the ’ or ‘ at ``offset`` an apostrophe: next to a Latin letter or digit?"""
    if text[offset] not in "‘’":
        return False
    return bool(
        _LATIN.match(text[offset - 1 : offset]) or _LATIN.match(text[offset + 1 : offset + 2])
    )


@text_check
def spaces(side: Side, settings: Settings) -> Iterator[Problem]:
    text = side.text
    if preformatted(text):
        return
    if side.chinese:
        for m in _SPACES.finditer(text):
            if not all(bare(side, k) for k in range(m.start(), m.end() + 1)):
                continue  # a space beside markup (reST needs one there)
            if _LABEL.fullmatch(text, 0, m.start()):
                continue  # after a list label
            yield Problem(
                SPACE_IN_CHINESE,
                f"a space inside Chinese text: '{text[max(0, m.start() - 4) : m.end() + 4]}'",
                "delete the space",
                offset=m.start(),
            )
    for m in _IDEOGRAPHIC.finditer(text):
        yield Problem(
            IDEOGRAPHIC_SPACE,
            f"an ideographic space (U+3000) in '{text[max(0, m.start() - 4) : m.end() + 4]}'",
            "delete it (the renderer spaces and indents); a gap between words is one space",
            offset=m.start(),
            level=None if side.chinese else Severity.WARNING,
        )
