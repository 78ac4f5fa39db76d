"""Translation checks: Chinese–English QA over a work's beads and texts, or a file's entries.

``framework`` says how a check is written; each module beside it holds one family of
checks and registers them when imported (``CHECK_MODULES`` imports them all).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from toolkit.check.findings import Finding
from toolkit.check.qa.framework import Corpus, run_checks
from toolkit.check.qa.settings import DEFAULT, Settings
from toolkit.check.qa.units import beads, paragraphs

if TYPE_CHECKING:
    from toolkit.store.work import Work

#: The modules of checks, each a family with its own table of cases in tests/.
CHECK_MODULES = (
    "untranslated",
    "numbers",
    "currency",
    "quantities",
    "terms",
    "consistency",
    "script",
    "quotes",
    "punctuation",
    "english",
    "length",
    "kept",
)

for _name in CHECK_MODULES:
    importlib.import_module(f"toolkit.check.qa.{_name}")


def check_translation(work: Work, settings: Settings = DEFAULT) -> list[Finding]:
    """Every translation check over a work: its texts one by one, and its aligned beads."""
    corpus = Corpus(work.id, list(beads(work)), work.paths.source_dir)
    return run_checks(corpus, paragraphs(work), settings)


__all__ = ["Corpus", "check_translation"]
