"""Render: build attributed editions (HTML, EPUB, PDF) from a work.

Names load on first use, so that a module that needs one part of rendering (the
attribution model, say) does not load Pandoc's and WeasyPrint's side of it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

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
_WHERE = {name: module for module, names in _EXPORTS.items() for name in names}

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


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(importlib.import_module(_WHERE[name]), name)
    raise AttributeError(f"module 'toolkit.render' has no attribute {name!r}")
