"""Helpers for the translation checks' tables of cases (tests/test_qa_*.py)."""

from __future__ import annotations

from toolkit.check.qa.framework import TEXT_CHECKS, UNIT_CHECKS
from toolkit.check.qa.units import Side, Unit


def text_problems(lang: str, *texts: str) -> list[tuple[str, int]]:
    """(check ID, offset) of every problem the one-text checks find in ``texts``."""
    side = Side.of(lang, *texts)
    return [(p.check.id, p.offset) for check in TEXT_CHECKS for p in check(side)]


def text_ids(lang: str, *texts: str) -> list[str]:
    return [check for check, _ in text_problems(lang, *texts)]


def unit_ids(source: tuple[str, str], target: tuple[str, str]) -> list[str]:
    """The IDs the bead checks report for a source (lang, text) and a target (lang, text)."""
    unit = Unit("work", target[0], Side.of(*source), Side.of(*target))
    return [p.check.id for check in UNIT_CHECKS for p in check(unit)]
