"""Helpers for the translation checks' tables of cases (tests/test_qa_*.py)."""

from __future__ import annotations

from toolkit.check.qa.framework import CORPUS_CHECKS, TEXT_CHECKS, UNIT_CHECKS, Corpus, Where
from toolkit.check.qa.settings import DEFAULT, Settings
from toolkit.check.qa.units import Side, Unit


def text_problems(lang: str, *texts: str, settings: Settings = DEFAULT) -> list[tuple[str, int]]:
    """(check ID, offset) of every problem the one-text checks find in ``texts``."""
    side = Side.of(lang, *texts)
    return [(p.check.id, p.offset) for check in TEXT_CHECKS for p in check(side, settings)]


def text_ids(lang: str, *texts: str, settings: Settings = DEFAULT) -> list[str]:
    return [check for check, _ in text_problems(lang, *texts, settings=settings)]


def unit(source: tuple[str, str] | None, target: tuple[str, str] | None) -> Unit:
    """A bead of one source text (lang, text) and one target text; either may be None."""
    return Unit(
        "work",
        target[0] if target else "en",
        Side.of(*source, path="source") if source else None,
        Side.of(*target, path="target") if target else None,
    )


def unit_problems(
    source: tuple[str, str] | None,
    target: tuple[str, str] | None,
    settings: Settings = DEFAULT,
) -> list[tuple[str, Where, int]]:
    """(check ID, side, offset) of every problem the bead checks find in one bead."""
    bead = unit(source, target)
    return [(p.check.id, p.where, p.offset) for check in UNIT_CHECKS for p in check(bead, settings)]


def unit_ids(
    source: tuple[str, str] | None,
    target: tuple[str, str] | None,
    settings: Settings = DEFAULT,
) -> list[str]:
    """The IDs the bead checks report for a source (lang, text) and a target (lang, text)."""
    return [check for check, _, _ in unit_problems(source, target, settings)]


def corpus_problems(units: list[Unit], settings: Settings = DEFAULT) -> list[tuple[str, int]]:
    """(check ID, index of the bead) of every problem the cross-bead checks find."""
    corpus = Corpus("work", units)
    index = {id(u): n for n, u in enumerate(units)}
    return [
        (p.check.id, index[id(u)]) for check in CORPUS_CHECKS for u, p in check(corpus, settings)
    ]
