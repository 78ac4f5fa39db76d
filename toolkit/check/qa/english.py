"""English mechanics, on English texts only (``en``, ``en-*``), in either direction.

Each check is narrowed until what it reports is an error, since it also runs over
technical English full of names, files and code (the Python documentation):

- A doubled word ("the the"), one space apart. Repeats that grammar allows ("had had",
  "that that", "is is", "asked her her name") are not reported, emphatic ones ("very
  very") only as a hint; nor a repeat whose second word is capitalised (a name: Ling
  Ling, Bora Bora), a word said three times or more (tock tock tock), nor a name
  before its own attribute (``random random.random()``).
- Two spaces between two words, except after a sentence's end (typewriter
  spacing, which renderers collapse); a hint, since it usually marks a deleted word.
- A sentence that starts in lower case: a full stop, a space, then a plain lower-case
  word. Not after ``!`` or ``?``, which fiction uses inside a sentence (a loud dong! like
  a gong; Throw up! she told herself). Never after an abbreviation, initials or a number
  (the sentence rules' own tables: ``e.g.``, ``U.S.``, ``etc.``, ``No.``, ``1.``), an
  ellipsis, a word with digits or inner dots (``file.py``, ``v1.2``), nor before a word
  that opens markup (``*key*`` is a parameter) or holds more than lower-case letters
  (``iPhone``, ``os.path``). The text's own first character is never judged: it may
  continue a list item or be a name.
- A missing space after a full stop: ``end.The``, only when the word after it is one
  that begins sentences (The, He, In, But…), so ``asyncio.Task``, ``example.com`` and
  ``3.5`` never are.

None of them reads a text whose lines were kept (a literal block of a translation file).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from toolkit.check.qa.framework import Problem, text_check
from toolkit.check.qa.punctuation import bare, is_english, preformatted
from toolkit.check.qa.settings import Settings
from toolkit.check.qa.units import Side
from toolkit.check.registry import Family, Severity, declare
from toolkit.exchange.entry import CODE
from toolkit.segment.chars import OBJECT
from toolkit.segment.english import (
    CONDITIONAL,
    NEVER_FINAL,
    NUMBER_PREFIXES,
    SENTENCE_STARTERS,
    word_before,
)

DOUBLED_WORD = declare(
    "doubled-word",
    Family.ENGLISH,
    Severity.WARNING,
    "The same word twice in a row.",
    "He went to the the market.",
)
DOUBLE_SPACE = declare(
    "double-space",
    Family.ENGLISH,
    Severity.INFO,
    "Two spaces between two words.",
    "the  market",
)
LOWERCASE_START = declare(
    "lowercase-sentence-start",
    Family.ENGLISH,
    Severity.WARNING,
    "A sentence that starts with a lower-case letter.",
    "He left. then he came back.",
)
MISSING_SPACE = declare(
    "missing-space-after-stop",
    Family.ENGLISH,
    Severity.WARNING,
    "No space between a full stop and the next sentence.",
    "He left.The next day he came back.",
)

#: Repeats that grammar allows: "what it is is", "he had had enough", "I said that that",
#: "they asked her her name".
GRAMMATICAL = frozenset({"had", "that", "is", "was", "do", "her"})
#: Repeats for emphasis: deliberate, but often a calque of a Chinese reduplication.
EMPHATIC = frozenset(
    {"very", "so", "no", "ha", "now", "there", "well", "yes", "bye", "many", "far", "long"}
    | {"really", "too", "much", "again", "blah", "bla"}
)
#: Abbreviations whose dot the sentence rules never (or not always) read as a full stop.
ABBREVIATIONS = NEVER_FINAL | NUMBER_PREFIXES | CONDITIONAL
_NUMBER_ONLY = NUMBER_PREFIXES - NEVER_FINAL - CONDITIONAL

#: One space between (more is alignment: a table, a listing); the second word no name's
#: part (``random random.random()``, ``and/or``).
_DOUBLED = re.compile(r"(?<![\w'’\-./])([A-Za-z]+)[ \u00a0](\1)(?![\w'’\-/(]|\.\w)", re.IGNORECASE)
#: Exactly two, between two words (a code span is one): more is alignment (a table's
#: row, a listing), and a comment or an operator is code.
_SPACES = re.compile(f"(?<=[\\w,;){OBJECT}{CODE}])  (?=[\\w({OBJECT}{CODE}])")
_AFTER_END = re.compile(r"[.!?:][\"'”’)\]]*$")
_LOWER = re.compile(r"(?<=\.) +([a-z]+(?:['’][a-z]+)?)(?![\w.(\-/@\[=’'])")
_JOINED = re.compile(r"(?<![\w.\-/@:'’])[A-Za-z][a-z]+\.([A-Z][a-z]+)(?![\w.(\-/@_'’])")
_WORD_CHARS = re.compile(r"[A-Za-z'’\-]+")


@text_check
def doubled_word(side: Side, settings: Settings) -> Iterator[Problem]:
    text = side.text
    if not is_english(side.lang) or preformatted(text):
        return
    for m in _DOUBLED.finditer(text):
        first, second = m.group(1), m.group(2)
        key = first.lower()
        if second[0].isupper() or key in GRAMMATICAL or (len(key) == 1 and key != "a"):
            continue
        if _said_again(text, m, key):
            continue  # three times or more: meant (tock tock tock)
        yield Problem(
            DOUBLED_WORD,
            f"'{m.group()}': the word '{first}' twice",
            f"delete one '{second}'"
            + (", unless the repeat is meant for emphasis" if key in EMPHATIC else ""),
            offset=m.start(2),
            level=Severity.INFO if key in EMPHATIC else None,
        )


@text_check
def double_space(side: Side, settings: Settings) -> Iterator[Problem]:
    text = side.text
    if not is_english(side.lang) or preformatted(text):
        return
    for m in _SPACES.finditer(text):
        if _AFTER_END.search(text, max(0, m.start() - 4), m.start()):
            continue  # typewriter spacing after a sentence
        yield Problem(
            DOUBLE_SPACE,
            f"two spaces in '{text[max(0, m.start() - 10) : m.end() + 10]}'",
            "make it one space (or restore a lost word)",
            offset=m.start(),
        )


@text_check
def lowercase_start(side: Side, settings: Settings) -> Iterator[Problem]:
    text = side.text
    if not is_english(side.lang) or preformatted(text):
        return
    for m in _LOWER.finditer(text):
        end = m.start() - 1  # the full stop
        if _abbreviation(text, end, m.group(1)):
            continue
        if not bare(side, m.start(1)):
            continue  # the word opens emphasis, a link or code: a name, a parameter
        word = m.group(1)
        yield Problem(
            LOWERCASE_START,
            f"the sentence after '{text[max(0, end - 10) : end + 1]}' starts in lower case: "
            f"'{word}'",
            f"write '{word[0].upper() + word[1:]}', or join the two sentences",
            offset=m.start(1),
        )


def _said_again(text: str, m: re.Match[str], word: str) -> bool:
    """Is the word of the pair ``m`` said a third time, just before or just after it?"""
    after = text[m.end() : m.end() + len(word) + 2].lower()
    before = text[max(0, m.start() - len(word) - 2) : m.start()].lower()
    return bool(re.match(rf"[ \u00a0]{word}\b", after) or re.search(rf"\b{word}[ \u00a0]$", before))


def _abbreviation(text: str, dot: int, following: str) -> bool:
    """Is the ``.`` at ``dot`` other than a plain word's full stop: an ellipsis, or after
    an abbreviation, initials, a number or a token with digits, dots or symbols? A number
    prefix (``no.``, ``art.``, ``Dec.``) is one only before what may be its number, not
    before a word that opens sentences (I said no. no one came)."""
    if text[dot - 1 : dot] == ".":
        return True
    token = word_before(text, dot)
    key = token.lower()
    if key in _NUMBER_ONLY and following in SENTENCE_STARTERS and following != "one":
        return False
    return (
        len(token) < 2
        or key in ABBREVIATIONS
        or not _WORD_CHARS.fullmatch(token)
        or token[0] in "'’-"
    )


@text_check
def missing_space(side: Side, settings: Settings) -> Iterator[Problem]:
    text = side.text
    if not is_english(side.lang) or preformatted(text):
        return
    for m in _JOINED.finditer(text):
        if m.group(1).lower() not in SENTENCE_STARTERS:
            continue
        dot = m.start(1) - 1
        yield Problem(
            MISSING_SPACE,
            f"no space after the full stop in '{m.group()}'",
            f"write '{text[m.start() : dot + 1]} {m.group(1)}'",
            offset=dot,
        )
