"""Render: build attributed editions (HTML, EPUB, PDF) from a work."""

from __future__ import annotations

from toolkit.render.build import (
    BuildOptions,
    BuildRefused,
    BuildResult,
    Format,
    build_work,
    check_out_dir,
    preflight,
)
from toolkit.render.edition import Edition, EditionKind, editions_for

__all__ = [
    "BuildOptions",
    "BuildRefused",
    "BuildResult",
    "Edition",
    "EditionKind",
    "Format",
    "build_work",
    "check_out_dir",
    "editions_for",
    "preflight",
]
