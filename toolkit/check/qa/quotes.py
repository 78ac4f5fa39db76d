"""Quotation marks and brackets that open and close in pairs, within one text.

A closing mark with nothing open before it (the first work's third paragraph ends
"…the two countries’ interests.”" with no “ before it) is a warning: a word or a
quotation mark was lost. An opening mark still open at the end of a paragraph is only
information: a quotation running over several paragraphs opens each and closes once.
Single curly quotes are not counted: ’ is also the English apostrophe; nor are a list
marker's parenthesis ("1) …", "b) …"), the brackets of a half-open interval ("[0, 1)",
"(a, b]") and a smiley's :), which close nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from toolkit.check.qa.framework import Problem, text_check
from toolkit.check.qa.settings import Settings
from toolkit.check.qa.units import Side
from toolkit.check.registry import Family, Severity, declare

#: Each closing mark and the opening mark it closes.
PAIRS = {"”": "“", "」": "「", "』": "『", "）": "（", ")": "(", "》": "《", "】": "【", "〉": "〈"}
OPENERS = frozenset(PAIRS.values())
#: Brackets that pair with nothing: a list marker's, a half-open interval's, a smiley's.
_UNPAIRED = re.compile(
    r"(?:^|\n)[ \t]*(?:[0-9]{1,2}|[A-Za-z]|[ivx]{1,4})(?P<marker>\))[ \t]"
    r"|(?P<left>\[)[^\[\]()\n]{1,40},[^\[\]()\n]{1,40}(?P<right>\))"
    r"|(?P<open>\()[^\[\]()\n]{1,40},[^\[\]()\n]{1,40}\]"
    r"|(?<![\w:;])[:;]-?(?P<smiley>\))(?!\w)"
)
_GROUPS = ("marker", "right", "open", "smiley")

QUOTE_UNOPENED = declare(
    "quote-unopened",
    Family.PUNCTUATION,
    Severity.WARNING,
    "A closing quotation mark or bracket with none open before it in the paragraph.",
    "…the two countries’ interests.” (no “ before it)",
)
QUOTE_UNCLOSED = declare(
    "quote-unclosed",
    Family.PUNCTUATION,
    Severity.INFO,
    "An opening quotation mark or bracket not closed by the end of the paragraph.",
    "他說：「我們走吧。 (no 」)",
)


@text_check
def balanced(side: Side, settings: Settings) -> Iterator[Problem]:
    text = side.text
    skip = {m.start(g) for m in _UNPAIRED.finditer(text) for g in _GROUPS}
    skip.discard(-1)
    open_at: list[tuple[str, int]] = []
    for offset, ch in enumerate(text):
        if offset in skip:
            continue
        if ch in OPENERS:
            open_at.append((ch, offset))
        elif ch in PAIRS:
            wanted = PAIRS[ch]
            last = next((i for i in reversed(range(len(open_at))) if open_at[i][0] == wanted), None)
            if last is not None:
                del open_at[last]  # marks opened inside stay open: they may close later
            else:
                yield Problem(
                    QUOTE_UNOPENED,
                    f"{ch} closes a {wanted}…{ch} that was never opened in this paragraph",
                    f"add the opening {wanted} where the quotation starts, or delete the {ch}",
                    offset=offset,
                )
    for mark, offset in open_at:
        closer = next(c for c, o in PAIRS.items() if o == mark)
        yield Problem(
            QUOTE_UNCLOSED,
            f"{mark} opens a quotation or bracket that this paragraph does not close",
            f"add the closing {closer}, unless the quotation goes on into the next paragraph",
            offset=offset,
        )
