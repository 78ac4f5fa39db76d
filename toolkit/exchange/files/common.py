"""What every format shares: the file read back, and the state a unit remembers."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from toolkit.exchange.units import FileUnit
from toolkit.model import BeadState


@dataclass
class FileRead:
    """An exchange file as read: its languages (None: it does not say) and its units,
    read as they are iterated."""

    path: Path
    source_lang: str | None
    target_lang: str | None
    units: Iterator[FileUnit]


def state_named(value: str | None) -> BeadState | None:
    """The state ``value`` names, or None."""
    try:
        return BeadState(value) if value is not None else None
    except ValueError:
        return None


def remembered(written: str | None, now: str | None, exported: str | None) -> BeadState | None:
    """The store's state a unit remembers (``exported``, as the export wrote it beside the
    format's state ``written``), when the file's state is still ``now == written``; None
    when the file says nothing or a tool changed its state (the format's state decides)."""
    if exported is None or now != written:
        return None
    return state_named(exported)
