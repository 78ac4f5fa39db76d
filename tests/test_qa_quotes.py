"""quote-unopened and quote-unclosed: marks that open and close in pairs within a paragraph."""

from __future__ import annotations

import pytest

from tests.qa import text_problems

CASES = [
    # (language, text, [(check, offset)])
    ("en", "He said “yes.”", []),
    ("en", "…the two countries’ interests.” The two", [("quote-unopened", 30)]),
    ("en", "It’s the people’s choice (as always).", []),  # apostrophes are not quotes
    ("en", "A list (one, two.", [("quote-unclosed", 7)]),
    ("en", "Closed) too early.", [("quote-unopened", 6)]),
    ("en", "“First paragraph of a long quotation.", [("quote-unclosed", 0)]),
    ("zh-Hant", "他說：「我們走吧。」然後離開了。", []),
    ("zh-Hant", "他說：「『走吧』，他們說。」", []),
    ("zh-Hant", "我們走吧。」他說。", [("quote-unopened", 5)]),
    ("zh-Hant", "他說：「我們走吧。", [("quote-unclosed", 3)]),
    ("zh-Hant", "（見上文。）", []),
    ("zh-Hant", "《紅樓夢》與【注】", []),
    ("zh-Hant", "「引文（括號」）", []),  # crossed: each mark still has its pair
    ("zh-Hant", "「引文（括號」", [("quote-unclosed", 3)]),  # the inner mark stays open
    # Found on the Python documentation's PO files: brackets that pair with nothing.
    ("zh-Hant", "這將回傳 [0, 1) 範圍內的隨機浮點數。", []),  # a half-open interval
    ("en", "It chooses a number in (a, b].", []),
    ("zh-Hant", "1) 賦值建立新名稱。", []),  # a list marker
    ("en", "b) The second case.", []),
    ("en", "The case b) is second.", [("quote-unopened", 10)]),  # a marker only first
    ("en", "[0, 1) and then 2)", [("quote-unopened", 17)]),
    ("zh-Hant", "不需要，但它有幫助。:)", []),  # a smiley
    ("en", "See f(x:)) here.", [("quote-unopened", 9)]),
]


@pytest.mark.parametrize(("lang", "text", "expected"), CASES)
def test_quotes(lang: str, text: str, expected: list[tuple[str, int]]) -> None:
    found = [(check, at) for check, at in text_problems(lang, text) if check.startswith("quote")]
    assert found == expected


def test_a_paragraph_of_several_sentences_is_read_as_one() -> None:
    found = text_problems("en", "He said “we go.", "Then we went.”")
    assert [c for c, _ in found if c.startswith("quote")] == []
