"""currency-twice: an amount that names its currency as a sign and as a word."""

from __future__ import annotations

import pytest

from tests.qa import text_ids

CASES = [
    ("en", "trade reached US$240 billion dollars", ["currency-twice"]),
    ("en", "trade reached US$240 billion", []),
    ("en", "trade reached 240 billion US dollars", []),
    ("en", "it cost $5 dollars", ["currency-twice"]),
    ("en", "NT$1,200 dollars a catty", ["currency-twice"]),
    ("en", "€3 million euros", ["currency-twice"]),
    ("en", "USD 40 dollars", ["currency-twice"]),
    ("en", "the dollar rose by $5 against the euro", []),
    ("en", "$5 and five dollars", []),
    ("zh-Hant", "貿易額達2400億美元", []),  # Chinese text: not this check's
]


@pytest.mark.parametrize(("lang", "text", "expected"), CASES)
def test_currency_twice(lang: str, text: str, expected: list[str]) -> None:
    assert [c for c in text_ids(lang, text) if c == "currency-twice"] == expected
