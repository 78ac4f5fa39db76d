"""length-outlier: a bead far longer or shorter than the work's others, in either direction."""

from __future__ import annotations

import pytest

import toolkit.check.qa.length  # noqa: F401  (registers the check)
from tests.qa import corpus_problems, unit
from toolkit.check.qa.framework import CORPUS_CHECKS, Corpus, Problem
from toolkit.check.qa.length import Size
from toolkit.check.qa.settings import DEFAULT, Settings
from toolkit.check.qa.units import Side, Unit

#: Sentences and their translations, written for these tests: ratios as a work has them.
PAIRS = [
    ("今天早上，我們沿著河邊走到市場，買了一些新鮮的蔬菜。",
     "This morning we walked along the river to the market and bought some fresh vegetables."),
    ("圖書館在週末延長開放時間，讓學生可以準備考試。",
     "The library stays open longer at weekends so that students can prepare for exams."),
    ("這座橋建於一百多年前，至今仍然每天有許多人經過。",
     "The bridge was built more than a century ago, and many people still cross it every day."),
    ("她把信放進抽屜裡，決定等到明天再回覆。",
     "She put the letter in the drawer and decided to answer it tomorrow."),
    ("山上的天氣變化很快，登山客應該帶著雨衣。",
     "The weather in the mountains changes quickly, so hikers should carry a raincoat."),
    ("老師請大家在下課前把作業交到講台上。",
     "The teacher asked everyone to leave their homework on the desk before the end of class."),
    ("這家小店的麵包每天清晨現烤，很快就賣完了。",
     "The bread at this small shop is baked fresh every dawn and sells out quickly."),
    ("村民們合力修好了被颱風吹倒的圍牆。",
     "The villagers worked together to repair the wall that the typhoon had knocked down."),
    ("火車誤點了半小時，所以我們錯過了開幕式。",
     "The train was half an hour late, so we missed the opening ceremony."),
    ("他每天晚上都會花一點時間練習寫毛筆字。",
     "Every evening he spends a little time practising calligraphy with a brush."),
    ("會議決定明年起把預算的一部分用於修繕校舍。",
     "The meeting decided that from next year part of the budget will repair the school."),
    ("孩子們在公園裡放風箏，一直玩到太陽下山。",
     "The children flew kites in the park and played until the sun went down."),
    ("博物館正在展出一批從未公開過的古代地圖。",
     "The museum is showing a set of ancient maps that have never been seen before."),
    ("我們的鄰居養了一隻很愛叫的小狗，每天早上都會叫醒我們。",
     "Our neighbours keep a small dog that barks a lot and wakes us every morning."),
]  # fmt: skip

#: A bead whose translation lost its second sentence.
LOST = (
    "市政府宣布將在明年春天重新開放河濱公園。整修工程包括新的步道、照明設備和兒童遊樂區，"
    "預計總共花費三年的時間才能全部完成。",
    "The city government announced that the riverside park will reopen next spring.",
)
#: A bead whose translation has a sentence the original does not.
ADDED = (
    "她終於在傍晚時分回到了家。",
    "She finally got home in the early evening. It had been raining all afternoon, the roads "
    "were flooded, and the last bus had left without her, so she walked the whole way.",
)
#: A paragraph that lost one of its four sentences: a long text's ratio varies less than a
#: short one's, so a smaller difference counts.
PARAGRAPH = (
    "颱風過後，村裡的道路到處都是倒下的樹木和泥沙。村民們一早就拿著工具出門，互相幫忙清理"
    "家門前的街道。到了中午，學校的老師也帶著學生來幫忙搬運垃圾。傍晚時，主要的道路終於可以"
    "通行了。",
    "After the typhoon, the village roads were covered with fallen trees and mud. The villagers "
    "went out early with their tools and helped each other clear the streets in front of their "
    "homes. By evening the main road could finally be used again.",
)
#: A short sentence translated freely: long for its source, but short texts vary.
FREE = ("他笑了笑，沒有回答。", "He only smiled and said nothing at all in reply to her question.")
#: A heading: too short to say anything, however its ratio looks.
HEADING = ("序", "Preface to the second edition, with notes")


def units(pairs: list[tuple[str, str]], source: str = "zh-Hant", target: str = "en") -> list[Unit]:
    chinese_first = source.startswith("zh")
    return [
        unit((source, zh), (target, en)) if chinese_first else unit((source, en), (target, zh))
        for zh, en in pairs
    ]


def outliers(
    pairs: list[tuple[str, str]], source: str = "zh-Hant", target: str = "en"
) -> list[int]:
    found = corpus_problems(units(pairs, source, target))
    return [n for check, n in found if check == "length-outlier"]


CASES = [
    # (the beads, the index of each bead reported)
    (PAIRS, []),
    ([*PAIRS, LOST], [14]),
    ([LOST, *PAIRS], [0]),
    ([*PAIRS, ADDED], [14]),
    ([*PAIRS, LOST, ADDED], [14, 15]),
    ([*PAIRS, PARAGRAPH], [14]),
    ([*PAIRS, FREE], []),
    ([*PAIRS, HEADING], []),
    ([*PAIRS[:10], LOST], []),  # fewer than 12 beads of length: not calibrated
]


#: A long source whose translation lost so much that it is itself short: the clearest
#: loss, reported though a bead this short is not calibrated on.
SHORTENED = (
    "市政府宣布將在明年春天重新開放河濱公園，整修工程預計總共花費三年的時間。",
    "The park will reopen.",
)


@pytest.mark.parametrize(("source", "target"), [("zh-Hant", "en"), ("zh-Hans", "en")])
def test_a_long_source_with_a_short_translation_is_an_outlier(source: str, target: str) -> None:
    assert outliers([*PAIRS, SHORTENED], source, target) == [14]
    assert outliers([*PAIRS, ("他笑了笑，沒有回答任何問題。", "He smiled, said nothing.")]) == []


def test_a_long_english_source_with_a_short_chinese_translation_is_an_outlier() -> None:
    lost = (
        "公園明年重開。",
        "The city government announced that the riverside park will reopen next spring, and "
        "that the works on its paths, its lights and its playground will take three years.",
    )
    assert outliers([*PAIRS, lost], "en", "zh-Hant") == [14]
    assert (
        outliers([*PAIRS, ("公園明年重開。", "The park reopens next year.")], "en", "zh-Hant") == []
    )


@pytest.mark.parametrize(("pairs", "expected"), CASES)
@pytest.mark.parametrize(
    ("source", "target"), [("zh-Hant", "en"), ("en", "zh-Hant"), ("zh-Hans", "en")]
)
def test_length_outlier(
    pairs: list[tuple[str, str]], expected: list[int], source: str, target: str
) -> None:
    assert outliers(pairs, source, target) == expected


def messages(pairs: list[tuple[str, str]], source: str, target: str) -> list[Problem]:
    corpus = Corpus("first", units(pairs, source, target))
    return [p for check in CORPUS_CHECKS for _, p in check(corpus, DEFAULT)]


def test_the_message_gives_the_ratio_and_the_works_and_which_side_to_look_at() -> None:
    [problem] = messages([*PAIRS, LOST], "zh-Hant", "en")
    assert problem.message.startswith("the translation is short for its source: ")
    assert "letters per Chinese character" in problem.message and "first" in problem.message
    assert "missing from the translation" in problem.fix
    # English to Chinese: the Chinese has a sentence the English does not, or lacks one
    [problem] = messages([*PAIRS, LOST], "en", "zh-Hant")
    assert problem.message.startswith("the translation is long")
    assert "missing from the source" in problem.fix
    [problem] = messages([*PAIRS, ADDED], "en", "zh-Hant")
    assert problem.message.startswith("the translation is short")


def test_each_translation_is_calibrated_on_its_own() -> None:
    english = units(PAIRS)
    french = [Unit("work", "fr", u.source, Side.of("fr", "Oui."), None, None) for u in english]
    assert corpus_problems(english + french) == []  # the short French beads are left out


def test_settings_set_the_threshold_and_the_least_beads() -> None:
    beads = units([*PAIRS, LOST])
    assert corpus_problems(beads, Settings(length_deviations=50)) == []
    assert corpus_problems(units([*PAIRS[:6], LOST]), Settings(length_min_beads=5)) == [
        ("length-outlier", 6)
    ]


def test_beads_in_one_language_compare_lengths_directly() -> None:
    pairs = [(en, en.replace("The ", "The old ")) for _, en in PAIRS]
    pairs.append((LOST[1] + " It will take three years.", LOST[1]))
    assert outliers(pairs, "en", "en-GB") == [14]


def test_size_counts_han_and_letters_and_code() -> None:
    assert Size.of(Side.of("zh-Hant", "用 `len()` 算 Python 的長度：3。")) == Size(5, 6 + 6 + 1)
