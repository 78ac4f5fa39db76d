"""target-untranslated, target-equals-source and bead-low-confidence."""

from __future__ import annotations

import pytest

import toolkit.check.qa.untranslated  # noqa: F401  (registers the checks)
from tests.qa import unit
from toolkit.check.findings import Place
from toolkit.check.qa.framework import UNIT_CHECKS, Problem, Where
from toolkit.check.qa.settings import DEFAULT, Settings
from toolkit.check.qa.units import Side, Text, Unit
from toolkit.check.qa.untranslated import english_prose
from toolkit.model import BeadState, Segment

IDS = {"target-untranslated", "target-equals-source", "bead-low-confidence"}

#: (source language, source, target language, target, the IDs reported)
Case = tuple[str, str, str, str, list[str]]
Row = tuple[str, str, list[str]]
UNTRANSLATED = ["target-untranslated"]
COPIED = ["target-equals-source"]


def rows(source_lang: str, target_lang: str, table: list[Row]) -> list[Case]:
    return [(source_lang, source, target_lang, target, found) for source, target, found in table]


# fmt: off
CASES = rows("zh-Hant", "en", [
    ("今天天氣很好。", "The weather is fine today.", []),
    ("今天天氣很好。", "今天天气很好。", UNTRANSLATED),  # converted, not translated
    ("今天天氣很好。", "今天天氣很好。", COPIED),
    ("今天天氣很好。", "今天 天氣 很好。", COPIED),  # white space aside
    ("習近平", "習近平", COPIED),
    ("他說了一句話。", "He said 你好 to me.", []),  # a few Han characters in English
    ("王", "王", []),  # one character: too little to tell
    ("第3章", "Chapter 3", []),
    ("2024年", "2024", []),
]) + rows("zh-Hans", "en", [
    ("今天天气很好。", "今天天氣很好。", UNTRANSLATED),
    ("今天天气很好。", "The weather is fine today.", []),
]) + rows("en", "zh-Hant", [
    ("Read the file before you write to it.", "寫入之前先讀取檔案。", []),
    ("Read the file before you write to it.", "Read the file before writing to it.", UNTRANSLATED),
    ("Read the file before you write to it.", "Read the file before you write to it.", COPIED),
    # a Chinese target with English names, code and numbers is translated
    ("Use the asyncio module in Python 3.12.", "在 Python 3.12 中使用 asyncio 模組。", []),
    ("Install requests with pip.", "pip install requests", []),  # a command
    ("Create an environment.", "python -m venv env", []),
    ("Run this code.", "x = open(path).read()", []),
    ("See the output below.", "WARNING:root:Look before you leap!", []),
    ("An example of logging.", ">>> print('it is done')", []),
    ("Read the frequently asked questions.", "The Zen Of Python", []),  # a title, no function word
    # copied on purpose: names, titles, identifiers, versions, addresses, code
    ("Python 3.12", "Python 3.12", []),
    ("Guido van Rossum", "Guido van Rossum", []),
    ("A. M. Kuchling", "A. M. Kuchling", []),
    ("asyncio", "asyncio", []),
    ("Frequently Asked Questions", "Frequently Asked Questions", []),
    ("See https://example.org/guide", "See https://example.org/guide", []),
    ('"a" in ("b", "a")', '"a" in ("b", "a")', []),
    ("from . import echo", "from . import echo", []),
    ("while x is not None:\n    x = next(it)", "while x is not None:\n    x = next(it)", []),
    ("`os.path.join` and `os.sep`", "`os.path.join` and `os.sep`", []),
]) + rows("en", "zh-Hans", [
    ("Read the file before you write to it.", "Read the file before writing to it.", UNTRANSLATED),
    ("Read the file before you write to it.", "写入之前先读取文件。", []),
]) + rows("en", "en-GB", [
    ("Read the color chart first.", "Read the colour chart first.", []),  # not Chinese: not ours
    ("Read the file first.", "Read the file first.", []),
]) + rows("zh-Hant", "ja", [
    ("今日は晴れ", "今日は晴れ", []),  # Japanese writes Han characters too: not ours
    ("東京大學", "東京大学", []),
])
# fmt: on


def ids(bead: Unit, settings: Settings = DEFAULT) -> list[str]:
    return [p.check.id for check in UNIT_CHECKS for p in check(bead, settings) if p.check.id in IDS]


@pytest.mark.parametrize("case", CASES, ids=[f"{c[0]}>{c[2]} {c[1]}" for c in CASES])
def test_untranslated(case: Case) -> None:
    source_lang, source, target_lang, target, expected = case
    assert ids(unit((source_lang, source), (target_lang, target))) == expected


@pytest.mark.parametrize(
    ("text", "prose"),
    [
        ("Read the file before you write to it.", True),
        ("It's the one we've got.", True),
        ("sudo apt install gdb python3-dbg", False),
        ("checking for --with-dtrace... yes", False),
        ("Call os.path.join with the parts.", False),
        ("A snake_case name is used here.", False),
        ("changed: hello", False),
        ("It cost $5 in the end.", True),
        ("$ python prog.py --help", False),
        ("Set $HOME to the folder.", False),
        ("THE END OF THE LINE", False),
    ],
)
def test_english_prose(text: str, prose: bool) -> None:
    assert english_prose(text) is prose


def test_a_missing_side_is_not_checked() -> None:
    assert ids(unit(("zh-Hant", "今天天氣很好。"), None)) == []
    assert ids(unit(None, ("en", "今天天氣很好。"))) == []


def bead(score: float | None, state: BeadState | None) -> Unit:
    def side(lang: str, id: str, text: str) -> Side:
        return Side(lang, (Text.of(Segment(id, text), Place(f"{lang}.md", 3, 1)),))

    return Unit("first", "en", side("zh-Hant", "s3", "風很大。"), side("en", "t4", "It was windy."),
                score, state)  # fmt: skip


@pytest.mark.parametrize(
    ("score", "state", "low_confidence", "expected"),
    [
        (0.31, BeadState.AUTO, 0.5, ["bead-low-confidence"]),
        (0.5, BeadState.AUTO, 0.5, []),  # not below
        (0.6, BeadState.AUTO, 0.8, ["bead-low-confidence"]),  # the work's own threshold
        (0.2, BeadState.REVIEWED, 0.5, []),  # a person has looked
        (0.2, BeadState.LOCKED, 0.5, []),
        (None, BeadState.AUTO, 0.5, []),  # no score
        (0.2, None, 0.5, []),  # an entry of a translation file
    ],
)
def test_bead_low_confidence(
    score: float | None, state: BeadState | None, low_confidence: float, expected: list[str]
) -> None:
    assert ids(bead(score, state), Settings(low_confidence=low_confidence)) == expected


def test_a_low_confidence_bead_says_how_to_confirm_it() -> None:
    [problem] = [p for c in UNIT_CHECKS for p in c(bead(0.31, BeadState.AUTO), DEFAULT)]
    assert isinstance(problem, Problem)
    assert problem.where is Where.TARGET
    assert problem.check.severity.label == "info"
    assert "s3 with t4" in problem.message and "0.31" in problem.message
    assert "toolkit mark first --lang en --state reviewed s3" in problem.fix
