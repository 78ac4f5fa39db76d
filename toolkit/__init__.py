"""bilingual-toolkit: aligned Chinese–English segments, checks, and attributed editions.

The package reads as its pipeline: ``model`` → ``store`` (files on disk) →
``importing`` → ``check`` → ``render`` (HTML, EPUB, PDF); ``cli`` is a thin
command line over the names exported here, which are the public API.
"""

from __future__ import annotations

from toolkit._version import __version__
from toolkit.check import Coverage, Finding, Report, Severity, check_work
from toolkit.errors import FormatError, MetadataError, StageError, ToolkitError
from toolkit.metadata import Original, Translation
from toolkit.model import Alignment, Bead, BeadState, Block, BlockKind, Document, Segment
from toolkit.render import BuildOptions, BuildResult, Format, build_work
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

__all__ = [
    "Alignment",
    "Bead",
    "BeadState",
    "Block",
    "BlockKind",
    "BuildOptions",
    "BuildResult",
    "Coverage",
    "Document",
    "Finding",
    "Format",
    "FormatError",
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
    "list_works",
    "load_work",
    "parse_alignment",
    "parse_document",
    "write_alignment",
    "write_document",
]
