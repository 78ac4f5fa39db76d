"""bilingual-toolkit: aligned Chinese–English segments, checks, and attributed editions.

The package reads as its pipeline: ``model`` → ``store`` (files on disk) →
``importing`` → ``check`` → ``render`` (HTML, EPUB, PDF); ``cli`` is a thin
command line over the names exported here, which are the public API.

Names are imported on first use, so ``import toolkit.model`` stays light and
does not load Pandoc, WeasyPrint or font tools.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from toolkit._lazy import lazy_names
from toolkit._version import __version__

if TYPE_CHECKING:
    from toolkit.check import Coverage, Finding, Report, Severity, check_work
    from toolkit.errors import FormatError, MetadataError, StageError, ToolkitError
    from toolkit.importing import ImportOptions, ImportReport, import_file
    from toolkit.metadata import Original, Translation
    from toolkit.model import Alignment, Bead, BeadState, Block, BlockKind, Document, Segment
    from toolkit.render import BuildOptions, BuildRefused, BuildResult, Format, build_work
    from toolkit.store import (
        Work,
        find_root,
        list_works,
        load_work,
        parse_alignment,
        parse_document,
        write_alignment,
        write_document,
    )

_EXPORTS = {
    "toolkit.check": ("Coverage", "Finding", "Report", "Severity", "check_work"),
    "toolkit.errors": ("FormatError", "MetadataError", "StageError", "ToolkitError"),
    "toolkit.importing": ("ImportOptions", "ImportReport", "import_file"),
    "toolkit.metadata": ("Original", "Translation"),
    "toolkit.model": (
        "Alignment",
        "Bead",
        "BeadState",
        "Block",
        "BlockKind",
        "Document",
        "Segment",
    ),
    "toolkit.render": ("BuildOptions", "BuildRefused", "BuildResult", "Format", "build_work"),
    "toolkit.store": (
        "Work",
        "find_root",
        "list_works",
        "load_work",
        "parse_alignment",
        "parse_document",
        "write_alignment",
        "write_document",
    ),
}

__all__ = [
    "Alignment",
    "Bead",
    "BeadState",
    "Block",
    "BlockKind",
    "BuildOptions",
    "BuildRefused",
    "BuildResult",
    "Coverage",
    "Document",
    "Finding",
    "Format",
    "FormatError",
    "ImportOptions",
    "ImportReport",
    "MetadataError",
    "Original",
    "Report",
    "Segment",
    "Severity",
    "StageError",
    "ToolkitError",
    "Translation",
    "Work",
    "__version__",
    "build_work",
    "check_work",
    "find_root",
    "import_file",
    "list_works",
    "load_work",
    "parse_alignment",
    "parse_document",
    "write_alignment",
    "write_document",
]

__getattr__ = lazy_names(__name__, _EXPORTS)
