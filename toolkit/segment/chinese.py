"""Chinese sentence rules (used for every ``zh`` tag, the Chinese languages and Japanese).

They decide a candidate whose punctuation is Chinese (``。！？``) or that follows a CJK
character (``好!``, ``中文.``, ``……``). In order:

- White space after the tail ends the sentence: Chinese puts none between sentences, so
  one there is a break the writer made (in English text the English test of what follows
  decides instead: ``He wrote 「走吧。」 and left.`` goes on).
- Half-width ``.``, ``!``, ``?`` (and ``．``) directly before a Latin letter or a digit do
  not end a sentence: ``３．５``, ``報告.pdf``, ``好!OK``.
- An opening quote or bracket right after the tail begins a new sentence:
  ``「走吧。」「好。」`` is two.
- A single ellipsis (``…``, ``⋯``, ``...``) is a pause, not an end, unless one of the two
  cases above follows it; a double one (``……``, ``⋯⋯``, the Taiwanese form, ``......``)
  ends the sentence.
- A quotation closed after sentence-final punctuation, with text right after it, goes on
  when (``quotation_goes_on``) it is nested in another quotation, or began its sentence
  (what follows is its speech tag: ``「我們走吧。」他說。``), or the text after it begins
  with one of the ``CONTINUATIONS``, words that take no subject of their own
  (``他說：「我們走吧。」然後離開了。``). Otherwise the quoting sentence is complete and
  the next begins (``官員說：「我們是夥伴。」批評者並不同意。``). A title (``《走吧！》是一部
  電影。``) always goes on; a bracket never does: ``（見上文。）`` is a parenthetical sentence.
- Otherwise the sentence ends (``。她``, ``！！！我們``, ``……大家``).

The semicolon ``；`` never ends a sentence: it joins the coordinate clauses of one compound
sentence (a list of clauses ends at its ``。``), and an English translation most often keeps
them in one sentence too.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from functools import lru_cache

from toolkit.segment.candidates import Candidate
from toolkit.segment.chars import (
    CJK_TERMINALS,
    CLOSERS,
    ELLIPSES,
    NOTE,
    OPENERS,
    QUOTE_CLOSERS,
    TERMINALS,
    is_ideograph,
)
from toolkit.segment.english import starts_sentence

#: Words that continue a sentence after a quotation: they take no subject of their own
#: (traditional and simplified forms). ``於是``, ``還``, ``也`` and ``而`` are left out:
#: ``於是大家…``, ``還有…``, ``也許…`` and ``而且…`` begin sentences as often.
CONTINUATIONS = (
    "然後", "然后", "接著", "接着", "隨即", "随即", "隨後", "随后", "說完", "说完", "說罷",
    "说罢", "便", "就", "又", "並", "并", "才", "卻", "却", "遂",
)  # fmt: skip
#: Closers of titles: a title is a name within a sentence, never a sentence of its own.
TITLE_CLOSERS = frozenset("》〉")
#: Quotation marks, opening to closing. A ``’`` with no ``‘`` open is an apostrophe.
QUOTE_PAIRS = {"「": "」", "『": "』", "“": "”", "‘": "’", "﹁": "﹂", "﹃": "﹄"}


def ends_sentence(c: Candidate, *, spaced: bool) -> bool:
    """Does the sentence end at ``c`` by the Chinese rules? ``spaced``: is the paragraph in
    a language that puts spaces between sentences (English quoting Chinese)?"""
    if c.gap:
        return starts_sentence(c.text, c.next) if spaced else True
    following = c.following
    if is_half_width(c.run) and following.isalnum() and not is_ideograph(following):
        return False
    if following in OPENERS:
        return True
    if ellipsis_units(c.run) == 1:
        return False
    return not quotation_goes_on(c)


def quotation_goes_on(c: Candidate) -> bool:
    """Does the sentence go on after the quotation (or title) that ``c``'s tail closes?
    False when the tail closes none."""
    at = last_closer_at(c)
    if at is None or c.text[at] not in QUOTE_CLOSERS:
        return False
    if c.text[at] in TITLE_CLOSERS:
        return True
    opened = quotations(c.text).get(at)
    if opened is None:
        return True  # a closer without its opener: read on, rather than guess
    opener, depth = opened
    return depth > 0 or begins_sentence(c.text, opener) or c.text.startswith(CONTINUATIONS, c.next)


def last_closer_at(c: Candidate) -> int | None:
    """Where the tail's last closing quote or bracket stands, notes skipped; None when
    the tail has none or ends with punctuation (``」。``)."""
    for at in range(c.end - 1, c.stop - 1, -1):
        ch = c.text[at]
        if ch != NOTE:
            return None if ch in TERMINALS else at
    return None


def begins_sentence(text: str, opener: int) -> bool:
    """Does the quotation opened at ``opener`` begin a sentence: nothing before it but
    white space, opening quotes, or the previous sentence's punctuation?"""
    j = opener - 1
    while j >= 0 and (text[j].isspace() or text[j] in OPENERS or text[j] == NOTE):
        j -= 1
    return j < 0 or text[j] in TERMINALS or text[j] in CLOSERS


@lru_cache(maxsize=8)
def quotations(text: str) -> Mapping[int, tuple[int, int]]:
    """For each closing quotation mark in ``text`` that closes one: where its opening mark
    stands and how many quotations were open around it (0 at the top level)."""
    found: dict[int, tuple[int, int]] = {}
    stack: list[tuple[str, int]] = []  # (closing mark expected, where it opened)
    waiting = Counter[str]()  # how many of each closing mark the stack expects
    for at, ch in enumerate(text):
        if ch == '"' and not (stack and stack[-1][0] == '"'):
            stack.append(('"', at))
            waiting['"'] += 1
        elif ch in QUOTE_PAIRS:
            stack.append((QUOTE_PAIRS[ch], at))
            waiting[QUOTE_PAIRS[ch]] += 1
        elif waiting[ch] > 0:
            while True:  # marks left open inside this quotation are dropped
                mark, opened = stack.pop()
                waiting[mark] -= 1
                if mark == ch:
                    break
            found[at] = (opened, len(stack))
    return found


def is_half_width(run: str) -> bool:
    """Is ``run`` free of Chinese sentence-final punctuation (``!``, ``.``, ``...``)?"""
    return not any(ch in CJK_TERMINALS for ch in run)


def ellipsis_units(run: str) -> int:
    """How many ellipses ``run`` is, if it is nothing else: ``…`` and ``...`` are one,
    ``……`` and ``⋯⋯`` two; 0 for a run that holds other punctuation (``……。``, ``.``)."""
    if any(ch not in ELLIPSES and ch != "." for ch in run):
        return 0
    dots = run.count(".")
    if dots == len(run) and dots < 2:
        return 0  # a full stop
    return len(run) - dots + max(dots // 3, 1 if dots else 0)
