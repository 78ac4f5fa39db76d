"""chinese-punctuation-in-english, english-punctuation-in-chinese, quote-style,
space-in-chinese, ideographic-space."""

from __future__ import annotations

import pytest

import toolkit.check.qa.punctuation  # noqa: F401  (registers the checks)
from tests.qa import text_problems
from toolkit.check.qa.framework import TEXT_CHECKS, Problem
from toolkit.check.qa.punctuation import bare
from toolkit.check.qa.settings import DEFAULT, QuoteStyle, Settings
from toolkit.check.qa.units import Side
from toolkit.check.registry import Severity

IDS = (
    "chinese-punctuation-in-english",
    "english-punctuation-in-chinese",
    "quote-style",
    "space-in-chinese",
    "ideographic-space",
)
ZH_IN_EN, EN_IN_ZH, QUOTES, SPACE, IDEO = IDS
CURLY = Settings(quote_style=QuoteStyle.CURLY)
ANY = Settings(quote_style=QuoteStyle.ANY)

CASES = [
    # (language, text, settings, [(check, offset)])
    # Chinese punctuation in English text.
    ("en", "Hello，world。", DEFAULT, [(ZH_IN_EN, 5), (ZH_IN_EN, 11)]),
    ("en", "He said 「yes」 and left.", DEFAULT, [(ZH_IN_EN, 8), (ZH_IN_EN, 12)]),
    ("en", "Note：see below", DEFAULT, [(ZH_IN_EN, 4)]),
    ("en", "The novel 《紅樓夢》 is long.", DEFAULT, []),  # quoting Chinese
    ("en", "He wrote 「我們走吧。」 on the wall.", DEFAULT, []),
    ("en", "Wait… then—nothing · at all.", DEFAULT, []),  # marks English shares
    ("en", "Wait…… then it came.", DEFAULT, [(ZH_IN_EN, 4)]),  # but not the Chinese ellipsis
    ("en", "He wrote 「我們走吧……」 on the wall.", DEFAULT, []),
    ("zh-Hant", "他說：「好，走吧。」", DEFAULT, []),  # Chinese text: not this check's
    # Half-width punctuation after Han characters.
    ("zh-Hant", "我們,他們都走了.然後下雨了", DEFAULT, [(EN_IN_ZH, 2), (EN_IN_ZH, 8)]),
    ("zh-Hant", "為什麼?", DEFAULT, [(EN_IN_ZH, 3)]),
    ("zh-Hans", "他来了; 我走了!", DEFAULT, [(EN_IN_ZH, 3), (EN_IN_ZH, 8)]),
    ("zh-Hant", "版本 3.5 的 Python,很好用", DEFAULT, []),  # after Latin, a decimal
    ("zh-Hant", "請見 example.com 與 setup.py 檔案", DEFAULT, []),
    ("zh-Hant", "他想了想...", DEFAULT, []),  # an ellipsis typed as dots
    ("zh-Hant", "例如::", DEFAULT, []),  # reST's literal block marker
    ("zh-Hant", "參閱:ref:`x` 一節", DEFAULT, []),  # a colon before a Latin word
    ("zh-Hant", "他說：「好。」", DEFAULT, []),
    (
        "zh-Hant",
        "在台北 , 他走了 ; 然後呢 ?",
        DEFAULT,
        [(EN_IN_ZH, 4), (EN_IN_ZH, 10), (EN_IN_ZH, 16)],
    ),
    (
        "zh-Hant",
        "執行 . 命令，再看 .bashrc 檔",
        DEFAULT,
        [],
    ),  # a dot after a space: a file, a command
    # Quotation marks of the other style.
    ("zh-Hant", "他說“走吧”。", DEFAULT, [(QUOTES, 2)]),
    ("zh-TW", "他說：「她說‘不’。」", DEFAULT, [(QUOTES, 6)]),
    ("zh-Hant", "他說「走吧」。", DEFAULT, []),
    ("zh-Hant", "Python’s 套件很好用", DEFAULT, []),  # an apostrophe
    ("zh-Hans", "他说“走吧”。", DEFAULT, []),  # corner style is asked of Traditional text
    ("zh-Hant", "他說”走吧。", DEFAULT, [(QUOTES, 2)]),  # a closing mark alone
    ("zh-Hans", "他说「走吧」。", CURLY, [(QUOTES, 2)]),
    ("zh-Hant", "他說「走吧」。", CURLY, [(QUOTES, 2)]),
    ("zh-Hans", "他说“走吧”。", CURLY, []),
    ("zh-Hant", "他說“走吧”。", ANY, []),
    ("en", "He said “go”.", DEFAULT, []),
    # Spaces inside Chinese text.
    ("zh-Hant", "我們 走吧。", DEFAULT, [(SPACE, 2)]),
    ("zh-Hans", "走了。 然后下雨了", DEFAULT, [(SPACE, 3)]),
    ("zh-Hant", "他說 「走吧」", DEFAULT, [(SPACE, 2)]),
    ("zh-Hant", "我們用 Python 寫程式", DEFAULT, []),  # Han beside Latin: the renderer's
    ("zh-Hant", "使用 `len` 函式", DEFAULT, []),  # beside code
    ("zh-Hant", "這是 **重點** 內容", DEFAULT, []),  # beside markup (reST needs it)
    ("zh-Hant", "（一） 總則", DEFAULT, []),  # after a list label
    ("zh-Hant", "一、 總則", DEFAULT, []),
    ("en", "in 台北 市", DEFAULT, []),  # English text
    # The ideographic space.
    ("zh-Hant", "第一章\u3000緒論", DEFAULT, [(IDEO, 3)]),
    ("en", "the\u3000end", DEFAULT, [(IDEO, 3)]),
    # a chapter's label, like a list's, is set apart from its title (as the ideographic
    # space's fix says, by one space)
    ("zh-Hant", "第一章 緒論", DEFAULT, []),
    ("zh-Hans", "第3节 总则", DEFAULT, []),
    ("zh-Hant", "第十二回 大鬧天宮", DEFAULT, []),
    ("zh-Hant", "見第一章 緒論", DEFAULT, [(SPACE, 4)]),  # not at the start: no label
    ("zh-Hant", "第一章 緒論 與方法", DEFAULT, [(SPACE, 6)]),
]


def found(lang: str, text: str, settings: Settings) -> list[tuple[str, int]]:
    return [(c, at) for c, at in text_problems(lang, text, settings=settings) if c in IDS]


@pytest.mark.parametrize(("lang", "text", "settings", "expected"), CASES)
def test_punctuation(
    lang: str, text: str, settings: Settings, expected: list[tuple[str, int]]
) -> None:
    assert found(lang, text, settings) == expected


def problems(lang: str, *texts: str) -> list[Problem]:
    side = Side.of(lang, *texts)
    return [p for fn in TEXT_CHECKS for p in fn(side, DEFAULT) if p.check.id in IDS]


def test_a_text_whose_lines_were_kept_is_left_alone() -> None:
    assert problems("zh-Hant", "x = 1  # 設定,然後\nprint(x)") == []
    assert problems("en", "print('好，')\nx = 1") == []


def test_the_fix_names_the_mark_to_write() -> None:
    (comma,) = problems("zh-Hant", "我們,他們")
    assert comma.fix == "write the Chinese '，'"
    (title,) = problems("en", "the film 《Hero》 was")[:1]
    assert title.fix.startswith("write '“'") and "italics" in title.fix
    (quote,) = problems("zh-Hant", "他說“走吧”。")
    assert quote.fix == "write 「 for “"


def test_the_ideographic_space_is_a_warning_in_english() -> None:
    assert [p.level for p in problems("zh-Hant", "第一章\u3000緒論")] == [None]
    assert [p.level for p in problems("en", "the\u3000end")] == [Severity.WARNING]


def test_bare_reads_through_segments_to_the_markup() -> None:
    side = Side.of("zh-Hant", "這是 **重點** 內容", "下一句")
    text = side.text
    assert not bare(side, text.index("重"))  # '**' opens just before it
    assert bare(side, text.index("是"))
    assert bare(side, text.index("下"))  # a segment's first character
