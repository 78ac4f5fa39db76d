"""Names and terms: a work's translation follows its glossary (:mod:`toolkit.store.glossary`).

``term-missing``: a glossary term is in a bead's source, and none of its translations is
in the bead's translation (普丁 in the source, no "Putin" in the English). Only a bead
with no rendering at all is reported: a name said twice in Chinese and once in English
(the second time "he") is not. Chinese is matched in Traditional and Simplified alike,
English on word boundaries, whatever the case, with a plural tolerated (cats, boxes,
cities, analyses) and a possessive, but not a name going on after an apostrophe (Xi'an is
not Xi), and with the symbols a term starts or ends with (C++ is not C, .NET not net).
Where glossary terms overlap in the source, the longest is taken (with 台灣人 → Taiwanese
in the glossary, 台灣人 does not also ask for "Taiwan").

``term-inconsistent``: a term whose glossary entry accepts several translations is
rendered two ways in one work ("Xi Jinping" here, "Xi Jin-ping" there, both listed).
A variant inside another ("Xi" in "Xi Jinping": the full name, then the surname) is not a
second way. Without a glossary entry a term's translation is not known, so nothing is
reported: that is what exactness costs.

The glossary is ``Settings.glossary``, else ``glossary.csv`` beside the original; no
glossary, no findings. It is read once for all beads, and each text is searched once
(an index by first characters or first word), so the cost grows with the text, not with
the glossary.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import pairwise

from toolkit.check.qa.framework import Corpus, Problem, Where, corpus_check
from toolkit.check.qa.settings import Settings
from toolkit.check.qa.units import Side, Unit
from toolkit.check.registry import Family, Severity, declare
from toolkit.errors import Location, ToolkitError
from toolkit.languages import language_script
from toolkit.store.glossary import HAN, Entry, Glossary, fold, read_glossary
from toolkit.store.workfile import present

TERM_MISSING = declare(
    "term-missing",
    Family.TERMS,
    Severity.WARNING,
    "A glossary term is in the source but none of its glossary translations is in the bead's "
    "translation.",
    "普丁 in the source, 'Poutine' in the translation (glossary: 普丁 → Putin)",
)
TERM_INCONSISTENT = declare(
    "term-inconsistent",
    Family.TERMS,
    Severity.WARNING,
    "A glossary term with several accepted translations is rendered two ways in one work.",
    "習近平 as 'Xi Jinping' in one bead and 'Xi Jin-ping' in another "
    "(glossary: Xi Jinping|Xi Jin-ping)",
)

#: A word: letters, digits and _ (``my_list`` is not "list"), but not Chinese characters
#: (an English term in a Chinese text, "將 list 排序" or "list排序", is a word of its own).
_WORD = re.compile(rf"(?:(?!{HAN.pattern})\w)+")
_SPACE = re.compile(r"[\s\-\u2010\u2011]+")
_PREFIX = re.compile(r"\.$")
_SUFFIX = re.compile(r"[+#]+")
#: An apostrophe inside a word that is not a possessive's: a term's last word goes on.
_NOT_POSSESSIVE = re.compile(r"['’](?![sS](?![^\W\d_]))(?=[^\W\d_])")


@dataclass(frozen=True)
class _Words:
    """An English term as its words and what stands between them (spaces and hyphens
    alike); lower case unless matched in its own case."""

    words: tuple[str, ...]
    between: tuple[str, ...]
    case: bool
    #: The symbols a term starts or ends with, which the text must have too: the . of
    #: .NET, the ++ of C++ and the # of C#.
    prefix: str = ""
    suffix: str = ""


def _between(text: str) -> str:
    return _SPACE.sub(" ", text.replace("’", "'"))


def _words(term: str, case: bool) -> _Words:
    found = list(_WORD.finditer(term))
    words = tuple(m.group() if case else m.group().lower() for m in found)
    between = tuple(_between(term[a.end() : b.start()]) for a, b in pairwise(found))
    if not found:
        return _Words(words, between, case)
    prefix = _PREFIX.search(term[: found[0].start()])
    suffix = _SUFFIX.match(term, found[-1].end())
    return _Words(
        words, between, case, prefix.group() if prefix else "", suffix.group() if suffix else ""
    )


Form = str | _Words


@dataclass(frozen=True)
class _Match:
    start: int
    end: int
    form: Form


@dataclass
class _Language:
    """One language's terms of the glossary, indexed to search a text once."""

    chinese: bool
    #: Each form (a term folded, or its words) → the entries it belongs to.
    entries: dict[Form, list[int]] = field(default_factory=dict)
    #: Each form as the glossary first writes it.
    shown: dict[Form, str] = field(default_factory=dict)
    #: The first word of English terms → the terms; the single words.
    index: dict[str, list[_Words]] = field(default_factory=dict)
    singles: dict[str, list[_Words]] = field(default_factory=dict)
    #: The first two characters of Chinese terms → the terms' lengths.
    lengths: dict[str, set[int]] = field(default_factory=dict)
    starts: re.Pattern[str] = re.compile(r"(?!)")

    def add(self, term: str, number: int, case: bool) -> None:
        form: Form = fold(term) if self.chinese else _words(term, case)
        if not form or (isinstance(form, _Words) and not form.words):
            return
        if form not in self.entries:
            self.shown[form] = term
            if isinstance(form, str):
                self.lengths.setdefault(form[:2], set()).add(len(form))
            else:
                self.index.setdefault(form.words[0].lower(), []).append(form)
                if len(form.words) == 1:
                    self.singles.setdefault(form.words[0].lower(), []).append(form)
        self.entries.setdefault(form, []).append(number)

    def ready(self) -> None:
        """Build the pattern of the characters a Chinese term starts with, so that a text is
        scanned in one pass of the regular expression engine, not character by character."""
        firsts = sorted({form[0] for form in self.entries if isinstance(form, str)})
        self.starts = re.compile(f"[{''.join(map(re.escape, firsts))}]" if firsts else r"(?!)")

    def find(self, text: str, longest: bool) -> list[_Match]:
        """The forms in ``text``: every one (``longest`` False), or the leftmost longest."""
        found = self._chinese(fold(text)) if self.chinese else self._english(text)
        if not longest:
            return found
        kept: list[_Match] = []
        for match in sorted(found, key=lambda m: (m.start, m.start - m.end)):
            if not kept or match.start >= kept[-1].end:
                kept.append(match)
        return kept

    def _chinese(self, text: str) -> list[_Match]:
        found: list[_Match] = []
        for start in self.starts.finditer(text):
            i = start.start()
            keys = {text[i : i + 2], text[i]}
            for length in {n for key in keys for n in self.lengths.get(key, ())}:
                if text[i : i + length] in self.entries:
                    found.append(_Match(i, i + length, text[i : i + length]))
        return found

    def _english(self, text: str) -> list[_Match]:
        tokens = list(_WORD.finditer(text))
        lower = [t.group().lower() for t in tokens]
        found: list[_Match] = []
        for i, word in enumerate(lower):
            forms = list(self.index.get(word, ()))
            for singular in _singulars(word):
                forms += self.singles.get(singular, ())
            for form in dict.fromkeys(forms):
                if _at(form, text, tokens, lower, i):
                    found.append(
                        _Match(tokens[i].start(), tokens[i + len(form.words) - 1].end(), form)
                    )
        return found


def _singulars(word: str) -> tuple[str, ...]:
    """What ``word`` may be the plural of: cats, boxes, cities, analyses."""
    if not word.endswith("s"):
        return ()
    found = [word[:-1]]
    if word.endswith("es"):
        found += [word[:-2], word[:-2] + "is"]
    if word.endswith("ies"):
        found.append(word[:-3] + "y")
    return tuple(found)


def _plural(word: str, want: str) -> bool:
    return word == want or want in _singulars(word)


def _at(form: _Words, text: str, tokens: list[re.Match[str]], lower: list[str], i: int) -> bool:
    """Do ``form``'s words stand at ``tokens[i:]`` (the last one perhaps a plural)?"""
    last = len(form.words) - 1
    if i + last >= len(tokens):
        return False
    end = tokens[i + last].end()
    if _NOT_POSSESSIVE.match(text, end):
        return False  # Xi'an is not Xi
    suffix = _SUFFIX.match(text, end)
    if (suffix.group() if suffix else "") != form.suffix:
        return False  # C is not C++
    start = tokens[i].start()
    if form.prefix and text[start - len(form.prefix) : start] != form.prefix:
        return False
    for k, want in enumerate(form.words):
        word = tokens[i + k].group() if form.case else lower[i + k]
        if not (word == want or (k == last and _plural(word, want))):
            return False
        if (
            k
            and _between(text[tokens[i + k - 1].end() : tokens[i + k].start()])
            != form.between[k - 1]
        ):
            return False
    return True


@dataclass
class _Index:
    glossary: Glossary
    zh: _Language
    en: _Language

    @classmethod
    def of(cls, glossary: Glossary) -> _Index:
        zh, en = _Language(chinese=True), _Language(chinese=False)
        for number, entry in enumerate(glossary.entries):
            for term in entry.zh:
                zh.add(term, number, entry.case)
            for term in entry.en:
                en.add(term, number, entry.case)
        zh.ready()
        return cls(glossary, zh, en)


def load(corpus: Corpus, settings: Settings) -> Glossary | None:
    """The glossary the settings name, else ``glossary.csv`` in the corpus's folder, if any.

    A glossary the settings name must be there, unless it is that default one.
    """
    default = corpus.folder / "glossary.csv" if corpus.folder is not None else None
    path = settings.glossary or default
    if path is None or (path == default and not present(path)):
        return None
    if not present(path):
        raise ToolkitError(
            "the glossary the settings name is not there",
            where=Location(path),
            fix="correct the glossary's file name in check.yaml (or on the command line)",
        )
    return read_glossary(path)


def _english(side: Side) -> bool:
    return language_script(side.lang)[0].lower() == "en"


@dataclass
class _Seen:
    """A translation of an entry's term in the work: how many beads, and the first."""

    beads: int
    unit: Unit
    side: Side
    offset: int


@corpus_check
def terms(corpus: Corpus, settings: Settings) -> Iterator[tuple[Unit, Problem]]:
    if {TERM_MISSING.id, TERM_INCONSISTENT.id} <= settings.disabled:
        return
    glossary = load(corpus, settings)
    if glossary is None or not glossary.entries:
        return
    index = _Index.of(glossary)
    #: (translation language, entry) → each rendering's beads.
    seen: dict[tuple[str, int], dict[Form, _Seen]] = {}
    for unit in corpus.units:
        source, target = unit.source, unit.target
        if source is None or target is None:
            continue
        if source.chinese and _english(target):
            here, there = index.zh, index.en
        elif _english(source) and target.chinese:
            here, there = index.en, index.zh
        else:
            continue
        said = source.text
        hits = here.find(said, longest=True)
        translated = target.text if hits else ""
        if not translated.strip():
            continue
        rendered: dict[int, dict[Form, int]] = {}
        for match in there.find(translated, longest=False):
            for number in there.entries[match.form]:
                rendered.setdefault(number, {}).setdefault(match.form, match.start)
        kept: set[Form] | None = None
        done: set[tuple[int, ...]] = set()
        for hit in hits:
            numbers = tuple(here.entries[hit.form])
            if numbers in done:
                continue
            done.add(numbers)
            if not any(n in rendered for n in numbers):
                if kept is None:  # a term left as it was (code, a name) is not mistranslated
                    kept = {m.form for m in here.find(translated, longest=False)}
                if hit.form in kept:
                    continue
                yield (
                    unit,
                    _missing(glossary.entries[numbers[0]], said[hit.start : hit.end], target),
                )
            for n in numbers:
                renderings = seen.setdefault((target.lang, n), {})
                for form, offset in rendered.get(n, {}).items():
                    if form in renderings:
                        renderings[form].beads += 1
                    else:
                        renderings[form] = _Seen(1, unit, target, offset)
    for (lang, number), renderings in seen.items():
        there = index.zh if language_script(lang)[0] == "zh" else index.en
        yield from _inconsistent(glossary.entries[number], renderings, there)


def _inside(small: Form, large: Form) -> bool:
    """Is one rendering part of the other ("Xi" of "Xi Jinping")?"""
    if isinstance(small, str) or isinstance(large, str):
        return isinstance(small, str) and isinstance(large, str) and small in large
    words = "\x00".join(w.lower() for w in small.words)
    return f"\x00{words}\x00" in "\x00" + "\x00".join(w.lower() for w in large.words) + "\x00"


def _inconsistent(
    entry: Entry, renderings: dict[Form, _Seen], there: _Language
) -> Iterator[tuple[Unit, Problem]]:
    """The renderings other than the most used (the first, among equals), each at its first
    bead, naming where the most used one is."""
    ways = [f for f in renderings if not any(g != f and _inside(f, g) for g in renderings)]
    if len(ways) < 2:
        return
    main = max(ways, key=lambda f: renderings[f].beads)
    first = renderings[main]
    place = first.side.locate(first.offset)
    ids = f" ({', '.join(first.side.ids)})" if first.side.ids else ""
    term = entry.terms(not there.chinese)[0]
    for form in ways:
        if form == main:
            continue
        seen = renderings[form]
        message = (
            f"'{term}' is translated '{there.shown[form]}' here ({_beads(seen.beads)}), "
            f"but '{there.shown[main]}' in {_beads(first.beads)}, first at {place}{ids}"
        )
        fix = (
            f"translate '{term}' one way throughout, e.g. '{there.shown[main]}' "
            f"(glossary {entry.where})"
        )
        yield seen.unit, Problem(TERM_INCONSISTENT, message, fix, Where.TARGET, seen.offset)


def _beads(count: int) -> str:
    return "1 bead" if count == 1 else f"{count} beads"


def _quoted(terms: Iterable[str]) -> str:
    return " or ".join(f"'{t}'" for t in terms)


def _missing(entry: Entry, said: str, target: Side) -> Problem:
    wanted = entry.terms(target.chinese)
    column = "zh" if target.chinese else "en"
    note = f" ({entry.note})" if entry.note else ""
    return Problem(
        TERM_MISSING,
        f"'{said}' is in the source, but the translation has none of its glossary "
        f"translations: {_quoted(wanted[:4])}{note}",
        f"translate '{said}' as '{wanted[0]}' (glossary {entry.where}), or, if the rendering "
        f"here is right, add it to that line's {column} column",
        where=Where.TARGET,
    )
