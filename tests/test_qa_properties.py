"""Every translation check, over generated text: it never fails, and every finding points
inside the text it names. The alphabet is what the checks read (numerals of both
languages, scales, units, currencies, dates, quotes, punctuation, Latin and full-width
forms), so the generated beads reach their corners."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import toolkit.check.qa  # noqa: F401  (registers every check)
from tests.conftest import examples
from tests.qa import unit
from toolkit.check.findings import Place
from toolkit.check.qa.framework import Corpus, Problem, run_checks, text_finding
from toolkit.check.qa.units import Side
from toolkit.check.registry import CHECKS

PIECES = [
    *"0123456789,.%$ -–/:()（）「」『』“”‘’\"'。，、；：？！…—",
    *"〇零一二兩两三四五六七八九十百千萬万億亿兆點分之年月日號第多餘約成半",
    *"個次艘名元美台幣歐英鎊週臺台鐘钟后後發发",
    *"ＡＢ１２　",
    "zero ",
    "one ",
    "twenty-",
    "first ",
    "hundred ",
    "and ",
    "thousand ",
    "million ",
    "billion ",
    "a ",
    "dozen ",
    "half ",
    "third ",
    "per cent ",
    "percent ",
    "May ",
    "March ",
    "1st ",
    "21st ",
    "1990s ",
    "US$",
    "NT$",
    "€",
    "dollars ",
    "yuan ",
    "times ",
    "the the ",
    "about ",
    "more than ",
    "to ",
    "II ",
    "XIV ",
    "COVID-19 ",
    "http://a.example/x ",
    "a@b.example ",
    "`code` ",
    "{0}",
    "%s",
    "%(name)d",
    "[1]",
    "\n",
]
TEXT = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)
LANGS = st.sampled_from([("zh-Hant", "en"), ("zh-Hans", "en"), ("en", "zh-Hant")])


@settings(max_examples=examples(300), deadline=None)
@given(LANGS, TEXT, TEXT)
def test_every_check_reads_any_bead(langs: tuple[str, str], source: str, target: str) -> None:
    bead = unit((langs[0], source), (langs[1], target))
    findings = run_checks(Corpus("work", [bead, bead]), [(langs[1], bead.target)])  # type: ignore[list-item]
    for finding in findings:
        assert finding.at is None or finding.at.line >= 1
        if finding.end is not None:  # a span ends after it starts, on its line
            assert finding.at is not None
            assert (finding.end.path, finding.end.line) == (finding.at.path, finding.at.line)
            assert finding.end.column > finding.at.column


@settings(max_examples=examples(100), deadline=None)
@given(TEXT)
def test_every_text_check_reads_any_text(text: str) -> None:
    for lang in ("zh-Hant", "zh-Hans", "en"):
        run_checks(Corpus("work", []), [(lang, Side.of(lang, text))])


def test_a_span_is_kept_within_its_segment() -> None:
    check = CHECKS["currency-twice"]
    side = Side.of("en", "It cost US$5", "dollars.")  # two segments, two lines
    inside = Problem(check, "m", "f", offset=7, length=4)
    across = Problem(check, "m", "f", offset=7, length=10)
    found = text_finding("work", "en", side, inside)
    assert (found.at, found.end) == (Place("<text>", 1, 8), Place("<text>", 1, 12))
    assert text_finding("work", "en", side, across).end is None
