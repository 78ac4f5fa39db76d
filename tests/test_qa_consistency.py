"""same-source-different-target and different-source-same-target: repeated text across beads."""

from __future__ import annotations

import pytest

from tests.qa import corpus_problems, unit
from toolkit.check.qa.consistency import consistency
from toolkit.check.qa.framework import Corpus
from toolkit.check.qa.settings import DEFAULT, Settings
from toolkit.check.registry import Severity

SAME = "same-source-different-target"
DIFFERENT = "different-source-same-target"

Pair = tuple[tuple[str, str], tuple[str, str]]

ZH_TALK = ("zh-Hant", "我們明天早上再談這件事。")
ZH_TALK_HANS = ("zh-Hans", "我们明天早上再谈这件事。")
EN_TALK = ("en", "We will talk about it tomorrow morning.")
ZH_TRAIN = ("zh-Hant", "他昨天搭火車去了台北。")
ZH_RAIN = ("zh-Hant", "外面下著大雨，我們只好待在家裡。")
EN_SAVE = ("en", "Save all your changes before you quit the program.")
EN_OPEN = ("en", "Open the settings file in the editor.")

CASES: list[tuple[str, list[Pair], list[tuple[str, int]]]] = [
    # (what, beads, [(check, bead)])
    (
        "repeated, translated alike",
        [
            (ZH_TALK, EN_TALK),
            (ZH_TRAIN, ("en", "He took the train to Taipei.")),
            (ZH_TALK, EN_TALK),
        ],
        [],
    ),
    (
        "repeated, translated otherwise",
        [(ZH_TALK, EN_TALK), (ZH_TALK, ("en", "Let us discuss this tomorrow."))],
        [(SAME, 1)],
    ),
    (
        "repeated in Simplified, translated otherwise",
        [(ZH_TALK, EN_TALK), (ZH_TALK_HANS, ("en", "Let us discuss this tomorrow."))],
        [(SAME, 1)],
    ),
    (
        "repeated with other spacing and full-width forms",
        [
            (("zh-Hant", "請在ＰＤＦ檔案中查看附錄。"), ("en", "See the appendix in the PDF.")),
            (("zh-Hant", "請在 PDF 檔案中查看附錄。"), ("en", "The appendix is in the PDF file.")),
        ],
        [(SAME, 1)],
    ),
    (
        "translated otherwise only in punctuation and case",
        [
            (ZH_TALK, EN_TALK),
            (ZH_TALK, ("en", "We will talk about it, tomorrow morning!")),
            (ZH_TALK, ("en", "we will talk about it tomorrow morning")),
        ],
        [],
    ),
    (
        "a short source may well be translated otherwise",
        [(("zh-Hant", "注釋"), ("en", "Notes")), (("zh-Hant", "注釋"), ("en", "Annotations"))],
        [],
    ),
    (
        "a short English source may well be translated otherwise",
        [
            (("en", "Return value"), ("zh-Hant", "回傳值")),
            (("en", "Return value"), ("zh-Hant", "傳回值")),
        ],
        [],
    ),
    (
        "a source differing in punctuation is another source",
        [
            (ZH_TALK, EN_TALK),
            (("zh-Hant", "我們明天早上再談這件事？"), ("en", "Shall we talk tomorrow?")),
        ],
        [],
    ),
    (
        "three translations: each other one is named once, at its first bead",
        [
            (ZH_TALK, EN_TALK),
            (ZH_TALK, ("en", "Let us discuss this tomorrow.")),
            (ZH_TALK, ("en", "Tomorrow morning, then.")),
            (ZH_TALK, ("en", "Let us discuss this tomorrow.")),
        ],
        [(SAME, 1), (SAME, 2)],
    ),
    (
        "English source, Chinese translations",
        [
            (EN_SAVE, ("zh-Hant", "結束程式前請儲存所有變更。")),
            (EN_SAVE, ("zh-Hant", "離開程式之前，先存檔。")),
            (EN_SAVE, ("zh-Hans", "结束程式前请储存所有变更。")),  # the first, in Simplified
        ],
        [(SAME, 1)],
    ),
    (
        "a 1-0 bead and an empty translation are not translations",
        [(ZH_TALK, EN_TALK), (ZH_TALK, ("en", "")), (ZH_TALK, ("en", "…"))],
        [],
    ),
    (
        "different sources, the same translation",
        [(ZH_TALK, EN_TALK), (ZH_TRAIN, EN_TALK)],
        [(DIFFERENT, 1)],
    ),
    (
        "different sources in Simplified, the same translation",
        [(ZH_TALK_HANS, EN_TALK), (("zh-Hans", "他昨天搭火车去了台北。"), EN_TALK)],
        [(DIFFERENT, 1)],
    ),
    (
        "different English sources, the same translation",
        [
            (EN_SAVE, ("zh-Hant", "在編輯器中開啟設定檔。")),
            (EN_OPEN, ("zh-Hant", "在編輯器中開啟設定檔。")),
        ],
        [(DIFFERENT, 1)],
    ),
    (
        "the same source but for script and punctuation: one source",
        [(ZH_TALK, EN_TALK), (("zh-Hans", "我们明天早上，再谈这件事！"), EN_TALK)],
        [],
    ),
    (
        "sources one character apart may share a translation",
        [
            (("zh-Hant", "請參閱本書第3章的說明。"), ("en", "See the explanation in chapter 3.")),
            (("zh-Hant", "請參閱本書第三章的說明。"), ("en", "See the explanation in chapter 3.")),
        ],
        [],
    ),
    (
        "English sources differing in an article share a translation",
        [
            (EN_OPEN, ("zh-Hant", "在編輯器中開啟設定檔。")),
            (("en", "Open a settings file in the editor."), ("zh-Hant", "在編輯器中開啟設定檔。")),
        ],
        [],
    ),
    (
        "English sources differing in a final s share a translation",
        [
            (("en", "Returns a new list of the values."), ("zh-Hant", "回傳一個新的值串列。")),
            (("en", "Return the new list of values."), ("zh-Hant", "回傳一個新的值串列。")),
        ],
        [],
    ),
    (
        "a short translation may well be shared",
        [(ZH_TALK, ("en", "Yes.")), (ZH_TRAIN, ("en", "Yes."))],
        [],
    ),
    (
        "a third source with that translation is reported too, each source once",
        [(ZH_TALK, EN_TALK), (ZH_TRAIN, EN_TALK), (ZH_TRAIN, EN_TALK), (ZH_RAIN, EN_TALK)],
        [(DIFFERENT, 1), (DIFFERENT, 3)],
    ),
]


@pytest.mark.parametrize(("what", "beads", "expected"), CASES, ids=[c[0] for c in CASES])
def test_consistency(what: str, beads: list[Pair], expected: list[tuple[str, int]]) -> None:
    units = [unit(source, target) for source, target in beads]
    found = [(c, n) for c, n in corpus_problems(units) if c in (SAME, DIFFERENT)]
    assert sorted(found) == sorted(expected)


def test_a_bead_without_a_translation_is_skipped() -> None:
    units = [unit(ZH_TALK, EN_TALK), unit(ZH_TALK, None), unit(None, EN_TALK)]
    assert list(consistency(Corpus("work", units), DEFAULT)) == []


@pytest.mark.parametrize(
    ("other", "levels"),
    [
        ("我們今天搭公車去了學校。", [None]),  # less than half in common: a warning
        ("他昨天說他不想去台北。", [Severity.INFO]),  # more than half
        ("他昨天搭火車去台北了。", []),  # the same words but one moved: alike
    ],
)
def test_how_far_sources_differ_sets_the_severity(
    other: str, levels: list[Severity | None]
) -> None:
    units = [unit(ZH_TRAIN, EN_TALK), unit(("zh-Hant", other), EN_TALK)]
    assert [p.level for _, p in consistency(Corpus("work", units), DEFAULT)] == levels


def test_sources_somewhat_alike_are_only_information() -> None:
    units = [
        unit(EN_OPEN, ("zh-Hant", "在編輯器中開啟設定檔。")),
        unit(
            ("en", "Close the settings file in the main editor."),
            ("zh-Hant", "在編輯器中開啟設定檔。"),
        ),
    ]
    ((_, problem),) = consistency(Corpus("work", units), DEFAULT)
    assert problem.check.id == DIFFERENT
    assert problem.level is Severity.INFO


def test_the_messages_quote_both_texts_and_name_the_first_place() -> None:
    units = [
        unit(ZH_TALK, EN_TALK),
        unit(ZH_TALK, ("en", "Let us discuss this tomorrow.")),
        unit(ZH_TRAIN, EN_TALK),
    ]
    problems = {
        p.check.id: (units.index(u), p) for u, p in consistency(Corpus("w", units), DEFAULT)
    }
    n, same = problems[SAME]
    assert n == 1
    assert "'Let us discuss this tomorrow.' here" in same.message
    assert f"but '{EN_TALK[1]}' at target:1:1" in same.message
    m, different = problems[DIFFERENT]
    assert m == 2
    assert different.level is None  # a warning, the check's own
    assert f"'{ZH_TALK[1]}'" in different.message and f"'{ZH_TRAIN[1]}'" in different.message


def test_switched_off() -> None:
    units = [unit(ZH_TALK, EN_TALK), unit(ZH_TALK, ("en", "Let us discuss this tomorrow."))]
    off = Settings(disabled=frozenset({SAME, DIFFERENT}))
    assert list(consistency(Corpus("w", units), off)) == []


def test_a_large_work_is_read_in_one_pass() -> None:
    units = [
        unit(
            ("zh-Hant", f"第{n}號文件已經送到了辦公室。"),
            ("en", f"Document {n} reached the office."),
        )
        for n in range(2000)
    ]
    units.append(unit(("zh-Hant", "第7號文件已經送到了辦公室。"), ("en", "Document 7 arrived.")))
    assert [u for u, _ in consistency(Corpus("w", units), DEFAULT)] == [units[-1]]
