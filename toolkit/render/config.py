"""A work's build settings: ``source/<work>/build.yaml`` (docs/build.md).

Which editions the work has (by default, every one its text allows), how the
Simplified edition is made and how the bilingual ones are laid out. ``work.yaml``
stays attribution only. Every field is optional; an unknown one, or a value out of its
choices, is an error naming the line.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from toolkit.render.bilingual import Interleaved, Parallel
from toolkit.render.edition import EditionKind, EditionSettings
from toolkit.render.simplified import Simplified
from toolkit.store.lines import read_text
from toolkit.store.metafile import parse_model_lines
from toolkit.store.work import Work
from toolkit.store.workfile import present

__all__ = ["BuildConfig", "load_build_config"]

DOC = "docs/build.md"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class BuildConfig(_Model):
    #: The kinds of edition the work has; None: every one its text allows.
    editions: list[EditionKind] | None = None
    simplified: Simplified = Simplified()
    parallel: Parallel = Parallel()
    interleaved: Interleaved = Interleaved()

    def settings(self) -> EditionSettings:
        return EditionSettings(self.simplified, self.parallel, self.interleaved)


def load_build_config(work: Work) -> BuildConfig:
    """The work's ``build.yaml``, or the defaults without one."""
    path = work.paths.build_settings
    if not present(path):
        return BuildConfig()
    config, _ = parse_model_lines(
        read_text(path), path, BuildConfig, DOC, kind="build settings", empty_is_default=True
    )
    return config
