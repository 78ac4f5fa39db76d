"""A currency stated twice for one amount: "US$240 billion dollars"."""

from __future__ import annotations

import re
from collections.abc import Iterator

from toolkit.check.qa.framework import Problem, text_check
from toolkit.check.qa.settings import Settings
from toolkit.check.qa.units import Side
from toolkit.check.registry import Family, Severity, declare

#: A currency sign (or code), an amount and its scale, then the currency's name again.
_TWICE = re.compile(
    r"(?P<sign>(?:US|NT|HK|A|C|S)?\$|€|£|¥|￥|(?:USD|NTD|TWD|EUR|GBP|RMB|CNY|JPY)\s?)"
    r"\s?\d[\d,.]*(?:\s*(?:thousand|million|billion|trillion|bn|m|k))?"
    r"\s+(?P<name>(?:US |U\.S\. |NT |Taiwan |Hong Kong )?dollars?|euros?|pounds?|yuan|yen|"
    r"renminbi)\b",
    re.IGNORECASE,
)

CURRENCY_TWICE = declare(
    "currency-twice",
    Family.NUMBERS,
    Severity.WARNING,
    "An amount names its currency twice, as a sign and as a word.",
    "US$240 billion dollars",
)


@text_check
def currency_twice(side: Side, settings: Settings) -> Iterator[Problem]:
    if side.chinese:
        return
    for m in _TWICE.finditer(side.text):
        yield Problem(
            CURRENCY_TWICE,
            f"'{m.group()}' names the currency twice ({m.group('sign').strip()} and "
            f"{m.group('name')})",
            f"keep one: '{m.group()[: m.start('name') - m.start()].rstrip()}'",
            offset=m.start(),
            length=len(m.group()),
        )
