"""How a translation check is written and run.

A check is a small pure function, in a module of its own with its table of cases:

- ``@text_check``: one text (a paragraph, a heading, a cell) → problems in it;
- ``@unit_check``: one bead (what the source says, what the translation says) → problems;
- ``@corpus_check``: all the beads of a work or a file → (bead, problem) pairs, for what
  only shows across beads (a term translated two ways, a segment translated twice).

Each receives the work's ``Settings`` as its second argument, and reads its own fields.

A ``Problem`` says which check, what is wrong, how to fix it, and where: the side (the
text read, or the source or target of a bead) and the offset in that side's plain text.
``run_checks`` turns problems into findings with a file, line and column.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from toolkit.check.findings import Finding, Place
from toolkit.check.qa.settings import DEFAULT, Settings
from toolkit.check.qa.units import Side, Unit
from toolkit.check.registry import Check, Severity


class Where(StrEnum):
    """Which side of a bead a problem is in (a one-text check's text is ``TEXT``)."""

    TEXT = "text"
    SOURCE = "source"
    TARGET = "target"


@dataclass(frozen=True)
class Problem:
    check: Check
    message: str
    fix: str
    where: Where = Where.TEXT
    #: Where in the side's plain text (``Side.text``) the problem starts.
    offset: int = 0
    #: How many characters it spans (0: it is at one place, or its extent is unknown).
    length: int = 0
    #: Another severity than the check's, for this case.
    level: Severity | None = None


@dataclass(frozen=True)
class Corpus:
    """All the beads of one work or one translation file."""

    name: str
    units: Sequence[Unit]
    #: The folder of the original's files (a work's ``source/<work>/``), where a glossary
    #: may be; None for a file from another tool.
    folder: Path | None = None


TextCheck = Callable[[Side, Settings], Iterable[Problem]]
UnitCheck = Callable[[Unit, Settings], Iterable[Problem]]
CorpusCheck = Callable[[Corpus, Settings], Iterable[tuple[Unit, Problem]]]

TEXT_CHECKS: list[TextCheck] = []
UNIT_CHECKS: list[UnitCheck] = []
CORPUS_CHECKS: list[CorpusCheck] = []


def text_check(fn: TextCheck) -> TextCheck:
    TEXT_CHECKS.append(fn)
    return fn


def unit_check(fn: UnitCheck) -> UnitCheck:
    UNIT_CHECKS.append(fn)
    return fn


def corpus_check(fn: CorpusCheck) -> CorpusCheck:
    CORPUS_CHECKS.append(fn)
    return fn


def text_finding(name: str, lang: str | None, side: Side, problem: Problem) -> Finding:
    """A finding for a problem in one text (``lang`` None: the original's), naming the
    segment the problem is in."""
    segment = side.segment_at(problem.offset)
    ids = (segment.id,) if segment is not None and segment.id is not None else ()
    return Finding(
        check=problem.check,
        message=problem.message,
        work=name,
        lang=lang,
        at=side.locate(problem.offset),
        end=_end(side, problem),
        source_ids=ids if lang is None else (),
        target_ids=ids if lang is not None else (),
        fix=problem.fix,
        level=problem.level,
    )


def _end(side: Side, problem: Problem) -> Place | None:
    """Where a problem's span ends (after its last character), if it has one and the
    span stays on its line of one segment."""
    if problem.length <= 0 or side.segment_at(problem.offset) is not side.segment_at(
        problem.offset + problem.length - 1
    ):
        return None
    start, end = side.locate(problem.offset), side.locate(problem.offset + problem.length)
    if (
        start is None
        or end is None
        or not end.column
        or (end.path, end.line)
        != (
            start.path,
            start.line,
        )
    ):
        return None
    return end


def unit_finding(name: str, unit: Unit, problem: Problem) -> Finding:
    """A finding for a problem in a bead: at the side it is in, with the other side's place."""
    here, there = (
        (unit.source, unit.target) if problem.where is Where.SOURCE else (unit.target, unit.source)
    )
    at = here.locate(problem.offset) if here is not None else None
    other: Place | None = there.locate(0) if there is not None else None
    return Finding(
        check=problem.check,
        message=problem.message,
        work=name,
        lang=unit.lang,
        at=at,
        end=_end(here, problem) if here is not None else None,
        other=other,
        source_ids=unit.source.ids if unit.source else (),
        target_ids=unit.target.ids if unit.target else (),
        fix=problem.fix,
        level=problem.level,
    )


def run_checks(
    corpus: Corpus, texts: Iterable[tuple[str | None, Side]], settings: Settings = DEFAULT
) -> list[Finding]:
    """Every check: the one-text checks over ``texts``, the others over the corpus's beads.

    A check switched off in ``settings`` still runs (a check may declare several IDs);
    its problems are dropped.
    """
    findings: list[Finding] = []
    for lang, side in texts:
        for text_fn in TEXT_CHECKS:
            problems = _wanted(text_fn(side, settings), settings)
            findings += (text_finding(corpus.name, lang, side, p) for p in problems)
    for unit in corpus.units:
        for unit_fn in UNIT_CHECKS:
            problems = _wanted(unit_fn(unit, settings), settings)
            findings += (unit_finding(corpus.name, unit, p) for p in problems)
    for corpus_fn in CORPUS_CHECKS:
        pairs = corpus_fn(corpus, settings)
        findings += (
            unit_finding(corpus.name, u, p) for u, p in pairs if p.check.id not in settings.disabled
        )
    return findings


def _wanted(problems: Iterable[Problem], settings: Settings) -> Iterator[Problem]:
    return (p for p in problems if p.check.id not in settings.disabled)
