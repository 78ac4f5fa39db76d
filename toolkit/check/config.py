"""A work's check settings: ``source/<work>/check.yaml`` (docs/checks.md, "Settings").

The file switches checks off, configures them (the glossary, length thresholds, the
quotation style of the work's Chinese), and lists the findings a person has looked at
and decided to leave, each with a reason. All of it is optional; no file is the defaults.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator

from toolkit.check.findings import Place, Suppression
from toolkit.check.qa.settings import QuoteStyle, Settings
from toolkit.check.registry import CHECKS
from toolkit.store.lines import read_text
from toolkit.store.metafile import parse_model_lines
from toolkit.store.work import Work, relative
from toolkit.store.workfile import present
from toolkit.store.yamlfile import line_of

DOC = "docs/checks.md"


def _known(check: str) -> str:
    if check not in CHECKS:
        near = difflib.get_close_matches(check, list(CHECKS), n=3, cutoff=0.6)
        hint = f" (did you mean {', '.join(near)}?)" if near else " (docs/checks.md lists them)"
        raise ValueError(f"no check is called {check!r}{hint}")
    return check


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Ignore(_Model):
    """A finding to leave alone: its check, where (a language, a segment), and why."""

    check: str
    #: Why the finding is not a problem; a suppression without one is itself a finding.
    reason: str = ""
    #: The language of the text the finding is in (its translation's, or the original's).
    lang: str | None = None
    #: A segment ID of either side of the finding.
    segment: str | None = None

    _check = field_validator("check")(_known)


class Length(_Model):
    deviations: Annotated[float, Field(gt=0)] = Settings.length_deviations
    min_beads: Annotated[int, Field(ge=3)] = Settings.length_min_beads


class CheckConfig(_Model):
    disable: list[str] = []
    quote_style: QuoteStyle = Settings.quote_style
    low_confidence: Annotated[float, Field(ge=0, le=1)] = Settings.low_confidence
    length: Length = Length()
    #: The glossary, a file of the work's ``source/<work>/`` folder.
    glossary: str | None = None
    ignore: list[Ignore] = []

    @field_validator("disable")
    @classmethod
    def _disable(cls, checks: list[str]) -> list[str]:
        return [_known(c) for c in checks]

    @field_validator("glossary")
    @classmethod
    def _inside(cls, name: str | None) -> str | None:
        if name is not None:
            parts = PurePosixPath(name).parts
            if not parts or name.startswith("/") or ".." in parts or "\\" in name:
                raise ValueError("give a file name in the work's source folder, e.g. terms.csv")
        return name


@dataclass(frozen=True)
class WorkChecks:
    """What a work's check settings say: the settings, and the suppressions."""

    settings: Settings
    suppressions: tuple[Suppression, ...]


def load_check_config(work: Work) -> WorkChecks:
    """The work's ``check.yaml`` as settings and suppressions (the defaults without one)."""
    path = work.paths.check_settings
    glossary = work.paths.glossary
    if not present(path):
        return WorkChecks(Settings(glossary=glossary), ())
    config, lines = parse_model_lines(
        read_text(path), path, CheckConfig, DOC, kind="check settings", empty_is_default=True
    )
    if config.glossary is not None:
        glossary = work.paths.source_dir / Path(config.glossary)
    settings = Settings(
        disabled=frozenset(config.disable),
        quote_style=config.quote_style,
        low_confidence=config.low_confidence,
        length_deviations=config.length.deviations,
        length_min_beads=config.length.min_beads,
        glossary=glossary,
    )
    shown = relative(work, path)
    suppressions = tuple(
        Suppression(
            check=item.check,
            reason=item.reason.strip(),
            place=Place(shown, line_of(lines, ("ignore", n))),
            lang=item.lang,
            segment=item.segment,
        )
        for n, item in enumerate(config.ignore)
    )
    return WorkChecks(settings, suppressions)
