"""doubled-word, double-space, lowercase-sentence-start, missing-space-after-stop."""

from __future__ import annotations

import pytest

import toolkit.check.qa.english  # noqa: F401  (registers the checks)
from tests.qa import text_problems
from toolkit.check.qa.framework import TEXT_CHECKS, Problem
from toolkit.check.qa.settings import DEFAULT
from toolkit.check.qa.units import Side
from toolkit.check.registry import Severity

IDS = ("doubled-word", "double-space", "lowercase-sentence-start", "missing-space-after-stop")
DOUBLED, SPACES, LOWER, JOINED = IDS

CASES = [
    # (language, text, [(check, offset)])
    # Doubled words.
    ("en", "He went to the the market.", [(DOUBLED, 15)]),
    ("en", "The the market was closed.", [(DOUBLED, 4)]),
    ("en-GB", "It is a a small town.", [(DOUBLED, 8)]),
    ("en", "He had had enough, and what it is is clear.", []),  # grammar allows these
    ("en", "I know that that is true; they asked her her name.", []),
    ("en", "Ling Ling and Mei Mei went to Bora Bora.", []),  # names
    ("en", "The clock went tock tock tock all night.", []),  # three times: meant
    ("en", "import random random.random()", []),  # a name before its attribute
    ("en", "the word the, then the.", []),
    ("en", "Column one        one more", []),  # alignment, not a slip
    ("zh-Hant", "他 他 走了", []),  # not English
    # Doubled spaces.
    ("en", "the  market was closed", [(SPACES, 3)]),
    ("en", "It rained.  Then it stopped.", []),  # typewriter spacing after a sentence
    ("en", "x =  1", []),  # not between two words
    # A sentence starting in lower case.
    ("en", "He left. then he came back.", [(LOWER, 9)]),
    ("en", "It was late. the moon was up.", [(LOWER, 13)]),
    ("en", "Fruit, e.g. apples, i.e. red ones, etc. and more.", []),
    ("en", "In the U.S. people vote at 3 a.m. sometimes.", []),
    ("en", "See No. 5 and vol. two, as Mr. and Dr. said.", []),
    ("en", "See ch. iv and vol. one.", []),  # a number after its prefix
    # a number prefix before a word that opens sentences is a plain word's full stop
    ("en", "He said no. no one came.", [(LOWER, 12)]),
    ("en", "We saw modern art. the rest was dull.", [(LOWER, 19)]),
    ("en", "It snowed in Dec. the roads closed.", [(LOWER, 18)]),
    ("en", "It rained, etc. then it stopped.", []),  # etc. goes on before a lower-case word
    ("en", "Wait... then it came.", []),  # an ellipsis
    ("en", "Python 3.12. then", []),  # after a number
    ("en", "It is done. iPhone sales grew. os.path is a module.", []),
    ("en", "It is done. *key* is optional.", []),  # a parameter in emphasis
    ("en", "It is done. `len` returns a number.", []),
    ("en", "He shouted! then ran away? maybe.", []),  # ! and ? may go on a sentence
    ("en", "then he came back.", []),  # the text's first character
    # A missing space after a full stop.
    ("en", "He left.The next day he came back.", [(JOINED, 7)]),
    ("en", "It ended.But not for long.", [(JOINED, 8)]),
    ("en", "Use asyncio.Task here, or example.com, or file.py, or v1.2.", []),
    ("en", "The U.S.A. and Ph.D. holders.", []),
    ("en", "It is Grade.A work.", []),  # a one-letter word
    ("zh-Hant", "他走了.The end", []),  # not English
]


def found(lang: str, *texts: str) -> list[tuple[str, int]]:
    return [(check, at) for check, at in text_problems(lang, *texts) if check in IDS]


@pytest.mark.parametrize(("lang", "text", "expected"), CASES)
def test_english(lang: str, text: str, expected: list[tuple[str, int]]) -> None:
    assert found(lang, text) == expected


def test_a_sentence_is_read_across_segments() -> None:
    assert found("en", "He left.", "then he came back.") == [(LOWER, 9)]
    assert found("en", "He left.", "Then he came back.") == []


def problems(lang: str, *texts: str) -> list[Problem]:
    side = Side.of(lang, *texts)
    return [p for fn in TEXT_CHECKS for p in fn(side, DEFAULT) if p.check.id in IDS]


def test_an_emphatic_repeat_is_only_a_hint() -> None:
    (problem,) = problems("en", "It was very very cold.")
    assert problem.level is Severity.INFO
    assert "emphasis" in problem.fix
    (plain,) = problems("en", "It was the the end.")
    assert plain.level is None


def test_a_text_whose_lines_were_kept_is_left_alone() -> None:
    assert problems("en", "import config\nconfig  config.x = 1. then") == []


def test_the_fixes_say_what_to_write() -> None:
    assert problems("en", "He left. then he came.")[0].fix.startswith("write 'Then'")
    assert problems("en", "He left.The end.")[0].fix == "write 'left. The'"
    assert problems("en", "go to the the shop")[0].fix == "delete one 'the'"
