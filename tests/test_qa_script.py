"""simplified-in-traditional, traditional-in-simplified, fullwidth-alphanumeric."""

from __future__ import annotations

import pytest

import toolkit.check.qa.script  # noqa: F401  (registers the checks)
from tests.qa import text_problems
from toolkit.check.qa.framework import TEXT_CHECKS, Problem
from toolkit.check.qa.script import SIMPLIFIED_ONLY, TRADITIONAL_ONLY, script_of
from toolkit.check.qa.settings import DEFAULT
from toolkit.check.qa.units import Side
from toolkit.check.registry import Severity

IDS = ("simplified-in-traditional", "traditional-in-simplified", "fullwidth-alphanumeric")
S_IN_T, T_IN_S, FULL = IDS

CASES = [
    # (language, text, [(check, offset)])
    # Simplified-only characters in Traditional text.
    ("zh-Hant", "我们明天出發。", [(S_IN_T, 1)]),
    ("zh-TW", "他說這個問題很難。", []),
    ("zh-TW", "他说這個問題很難。", [(S_IN_T, 1)]),
    ("zh-HK", "這裡的價钱很高。", [(S_IN_T, 4)]),
    ("zh-HK", "這裡的价錢很高。", []),  # 价 is also a Traditional character (OpenCC: 價 or 价)
    ("zh-Hant-TW", "請給我一杯茶。", []),
    ("zh-Hant", "請给我一杯茶，给他一杯水。", [(S_IN_T, 1)]),  # one finding per character
    # Characters that are also Traditional: never reported.
    ("zh-Hant", "他後來在台北的里長辦公室吃了一碗麵。", []),
    ("zh-TW", "後來他只買了一隻雞，晚上吃乾麵。", []),
    ("zh-TW", "皇后住在台中，只吃素面。", []),  # 后, 台, 只, 面 are Traditional too
    ("zh-TW", "他喜歡吃粽子，睡在床上，爬到山峰。", []),  # Taiwan's own forms
    ("zh-HK", "今天的温度很高。", []),  # Hong Kong's 温
    ("zh-TW", "真的嗎？請查看教學，即可明白。", []),  # no conversion at all
    # A whole text in the other script: one finding.
    ("zh-Hant", "这个国家的人们说话很快。", [(S_IN_T, 0)]),
    # Traditional-only characters in Simplified text.
    ("zh-Hans", "我們明天出发。", [(T_IN_S, 1)]),
    ("zh-CN", "他后来在台北吃了一碗面。", []),
    ("zh-CN", "他後来在台北吃了一碗面。", [(T_IN_S, 1)]),
    ("zh-Hans", "乾隆年间，他于是著书。", []),  # 乾, 著 are Simplified too
    ("zh-SG", "这裡很好。", [(T_IN_S, 1)]),
    # Japanese quoted in Chinese: its kanji (会, 国, 辞) are not Simplified Chinese
    ("zh-TW", "書名是《日本の会社》。", []),
    ("zh-TW", "他查了「国語辞典を引く」這句話。", []),
    ("zh-TW", "他说《日本の会社》很好。", [(S_IN_T, 1)]),  # the Chinese around it still is
    ("zh-Hans", "书名是《東京の夜》。", []),
    ("zh-TW", "他说约翰・史密斯來了。", [(S_IN_T, 1), (S_IN_T, 2)]),  # ・ is no kana
    # No script named: not checked.
    ("zh", "我们和我們", []),
    ("en", "我们和我們", []),
    # Full-width Latin letters and digits.
    ("zh-Hant", "第１２３頁", [(FULL, 1)]),
    ("zh-Hant", "第１２頁到第 34 頁", [(FULL, 1)]),
    ("zh-Hant", "使用ＵＴＦ－８編碼", [(FULL, 2), (FULL, 6)]),
    ("zh-Hant", "第123頁，共 45 頁", []),
    ("zh-Hant", "價格：＄５０", [(FULL, 4)]),  # ＄ is not a letter or digit
    ("zh-Hans", "２０２４年", [(FULL, 0)]),
    ("en", "Page １２ of 30", [(FULL, 5)]),
    ("en", "Page 12 of 30", []),
    ("en", "ｐｙｔｈｏｎ is a language", [(FULL, 0)]),
]


def found(lang: str, text: str) -> list[tuple[str, int]]:
    return [(check, at) for check, at in text_problems(lang, text) if check in IDS]


@pytest.mark.parametrize(("lang", "text", "expected"), CASES)
def test_script(lang: str, text: str, expected: list[tuple[str, int]]) -> None:
    assert found(lang, text) == expected


def problems(lang: str, text: str) -> list[Problem]:
    side = Side.of(lang, text)
    return [p for fn in TEXT_CHECKS for p in fn(side, DEFAULT) if p.check.id in IDS]


@pytest.mark.parametrize(
    ("simplified", "traditional"), [("们", "們"), ("这", "這"), ("说", "說"), ("国", "國")]
)
def test_simplified_only_from_opencc(simplified: str, traditional: str) -> None:
    assert SIMPLIFIED_ONLY[simplified] == (traditional,)
    assert TRADITIONAL_ONLY[traditional] == (simplified,)


@pytest.mark.parametrize("ch", list("后台里面干只发"))
def test_shared_characters_are_not_simplified_only(ch: str) -> None:
    # 发 converts to 發 or 髮 and is Simplified-only; the others are Traditional too.
    assert (ch in SIMPLIFIED_ONLY) == (ch == "发")


@pytest.mark.parametrize("ch", list("乾於著徵后台"))
def test_shared_characters_are_not_traditional_only(ch: str) -> None:
    assert ch not in TRADITIONAL_ONLY


@pytest.mark.parametrize(
    ("lang", "script"),
    [
        ("zh-Hant", "Hant"),
        ("zh-TW", "Hant"),
        ("zh-Hant-TW", "Hant"),
        ("zh-MO", "Hant"),
        ("zh_TW", "Hant"),
        ("zh-hans", "Hans"),
        ("zh-CN", "Hans"),
        ("zh-Hans-HK", "Hans"),  # the script subtag wins over the region
        ("zh", None),
        ("en", None),
    ],
)
def test_script_of(lang: str, script: str | None) -> None:
    assert script_of(lang) == script


def test_the_fix_names_every_traditional_form() -> None:
    (problem,) = problems("zh-Hant", "他发現了。")
    assert "發 or 髮" in problem.fix


def test_full_width_is_a_warning_beside_half_width_or_in_english() -> None:
    assert [p.level for p in problems("zh-Hant", "第１２頁")] == [None]
    assert [p.level for p in problems("zh-Hant", "第１２頁 and 3")] == [Severity.WARNING]
    assert [p.level for p in problems("en", "Page １２")] == [Severity.WARNING]
    assert problems("en", "Page １２")[0].fix == "write '12'"
