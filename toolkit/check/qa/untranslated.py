"""Coverage of a bead's text: a target still in the source's language, a target that is a
copy of the source, and a bead the aligner was unsure of.

Either direction: an English target that is mostly Han characters, or a Chinese target
with none that reads as an English sentence. What is kept as it is in any language (code,
addresses, numbers, placeholders, product names) is left out before reading. "Reads as
an English sentence" is strict, so that what a translation file copies on purpose (a
function name, a command, a person's name, ``Python 3.12``, a code example) is never
reported: three words or more, one of them a function word in lower case (the, of,
is…), and nothing that looks like code (``=``, ``>>>``, ``--option``, ``snake_case``,
``a.b``, ``WARNING:root``, a line break). A target identical to its source is only
information: translation files keep many entries the same on purpose, and an English
motto may stay English. Japanese, written with Han characters too, is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from toolkit.check.qa.framework import Problem, Where, unit_check
from toolkit.check.qa.settings import Settings
from toolkit.check.qa.units import Side, Unit
from toolkit.check.registry import Family, Severity, declare
from toolkit.languages import language_script
from toolkit.model import BeadState
from toolkit.segment.chars import NOTE, OBJECT

TARGET_UNTRANSLATED = declare(
    "target-untranslated",
    Family.COVERAGE,
    Severity.WARNING,
    "The translation is still in the source's language.",
    "今天天氣很好。 → 今天天气很好。 (an English translation)",
)
TARGET_EQUALS_SOURCE = declare(
    "target-equals-source",
    Family.COVERAGE,
    Severity.INFO,
    "The translation is the source copied, and it has words to translate.",
    "Read the file first. → Read the file first. (a Chinese translation)",
)
BEAD_LOW_CONFIDENCE = declare(
    "bead-low-confidence",
    Family.COVERAGE,
    Severity.INFO,
    "The aligner paired these segments with low confidence.",
    "s7  t8  0.31  auto",
)

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
#: What is the same in any language: addresses, e-mail, placeholders, numbers, and the
#: characters that stand for code spans and notes (toolkit.segment.chars).
_KEPT = re.compile(
    r"(?:https?|ftp)://\S+|www\.\S+|\S+@\S+\.\w+|%(?:\(\w+\))?[-+#0-9.]*[a-zA-Z]|\{\w*\}"
    rf"|\d+(?:[.,:]\d+)*|[{OBJECT}{NOTE}]"
)
#: The same without e-mail, for a text with no @: ``\S+@`` scans every word to its end.
_KEPT_NO_EMAIL = re.compile(_KEPT.pattern.replace(r"|\S+@\S+\.\w+", "", 1))
#: Signs of code rather than prose.
_CODE = re.compile(
    r"[=<>{}\[\]\\|#_@^~`]|\$[A-Za-z{(]|^\$\s|::|\n|(?:^|\s)--?[A-Za-z]|(?:^|\s)\.{1,2}(?:\s|\w)"
    r"|[A-Za-z]{2,}\.[A-Za-z]{2,}|[A-Za-z]:[A-Za-z]|\w\(|[a-z][A-Z]"
)
_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")
_PUNCTUATION = ".,;:!?\"'“”‘’()"
#: English function words: a sentence has some; names, titles of things and commands
#: rarely do (a closed class, so a short list is all there is).
# fmt: off
_FUNCTION_WORDS = frozenset((
    "a", "an", "the", "this", "that", "these", "those", "of", "to", "in", "on", "at", "by",
    "for", "from", "with", "into", "about", "as", "and", "or", "but", "not", "no", "if",
    "then", "than", "so", "is", "are", "was", "were", "be", "been", "being", "has", "have",
    "had", "do", "does", "did", "can", "could", "will", "would", "should", "may", "might",
    "must", "it", "its", "they", "them", "their", "we", "our", "you", "your", "he", "she",
    "his", "her", "there", "which", "who", "what", "when", "where", "how", "all", "any", "each",
))
# fmt: on


def _without_kept(text: str) -> str:
    return (_KEPT if "@" in text else _KEPT_NO_EMAIL).sub(" ", text)


def _norm(text: str) -> str:
    return " ".join(text.split())


def english_prose(text: str) -> bool:
    """Does ``text`` read as English sentences (not code, a name or a command)?"""
    text = _without_kept(text)
    if _CODE.search(text):
        return False
    tokens = text.split()
    words = [w for w in (t.strip(_PUNCTUATION) for t in tokens) if _WORD.fullmatch(w)]
    return (
        sum(len(w) > 1 for w in words) >= 3
        and 3 * len(words) >= 2 * len(tokens)
        and any(w in _FUNCTION_WORDS for w in words)  # as written: 'A. M. Kuchling' has none
    )


def han_count(text: str) -> tuple[int, int]:
    """The Han characters and the Latin letters of ``text``, leaving out what is kept."""
    text = _without_kept(text)
    return len(_HAN.findall(text)), len(_LATIN.findall(text))


def _han_written(side: Side) -> bool:
    """Is the side's language written with Han characters (Chinese, and Japanese's kanji)?"""
    return side.chinese or language_script(side.lang)[0] == "ja"


def _in_source_language(source: Side, target: Side) -> bool:
    """Is the target written in the source's language rather than its own?"""
    text = target.text
    if target.chinese and not _han_written(source):
        han, _ = han_count(text)
        return han == 0 and english_prose(text)
    if source.chinese and not _han_written(target):
        han, latin = han_count(text)
        return han >= 2 and han > latin
    return False


def _has_words_to_translate(side: Side) -> bool:
    if side.chinese:
        return han_count(side.text)[0] >= 2
    return english_prose(side.text)


@unit_check
def untranslated(unit: Unit, settings: Settings) -> Iterator[Problem]:
    if unit.source is None or unit.target is None:
        return
    source, target = unit.source, unit.target
    if "".join(target.text.split()) == "".join(source.text.split()):  # white space aside
        if _han_written(source) != _han_written(target) and _has_words_to_translate(source):
            yield Problem(
                TARGET_EQUALS_SOURCE,
                f"the translation is the source copied as it is: {_quote(target.text)}",
                "translate it, or leave it as it is if it is meant to stay in the original "
                "language (a quotation, a name)",
                where=Where.TARGET,
            )
    elif _in_source_language(source, target):
        language = "Chinese" if source.chinese else "English"
        yield Problem(
            TARGET_UNTRANSLATED,
            f"the translation is still in {language}, the source's language: {_quote(target.text)}",
            f"translate it into {'Chinese' if target.chinese else 'English'}",
            where=Where.TARGET,
        )


@unit_check
def low_confidence(unit: Unit, settings: Settings) -> Iterator[Problem]:
    score = unit.score
    if unit.state is not BeadState.AUTO or score is None or score >= settings.low_confidence:
        return
    source = _name(unit.source, "the source")
    target = _name(unit.target, "the translation")
    first = (unit.source.ids if unit.source else ()) or (unit.target.ids if unit.target else ())
    fix = f"check that {target} translates {source}; if not, correct the bead in the alignment file"
    if first:
        mark = f"toolkit mark {unit.work} --lang {unit.lang} --state reviewed {first[0]}"
        fix = f"check that {target} translates {source}, then {mark}; if not, correct the bead"
    yield Problem(
        BEAD_LOW_CONFIDENCE,
        f"the aligner paired {source} with {target} with confidence {score:.2f} "
        f"(below {settings.low_confidence:g})",
        fix,
        where=Where.TARGET,
    )


def _name(side: Side | None, otherwise: str) -> str:
    """A side as people read it: its segment IDs (s3,s4)."""
    return ",".join(side.ids) if side is not None and side.ids else otherwise


def _quote(text: str, most: int = 60) -> str:
    text = _norm(text)
    return f"'{text}'" if len(text) <= most else f"'{text[: most - 1]}…'"
