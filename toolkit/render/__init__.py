"""Render: build attributed editions (HTML, EPUB, PDF) from a work.

Names load on first use, so that a module that needs one part of rendering (the
attribution model, say) does not load Pandoc's and WeasyPrint's side of it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from toolkit._lazy import lazy_names

if TYPE_CHECKING:
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

_EXPORTS = {
    "toolkit.render.build": (
        "BuildOptions",
        "BuildRefused",
        "BuildResult",
        "Format",
        "build_work",
        "check_out_dir",
        "preflight",
    ),
    "toolkit.render.edition": ("Edition", "EditionKind", "editions_for"),
}

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

__getattr__ = lazy_names(__name__, _EXPORTS)
