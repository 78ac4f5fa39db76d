"""When a work last changed: the date its editions and exports carry, never the clock."""

from __future__ import annotations

import os
from pathlib import Path

from toolkit.errors import ToolkitError
from toolkit.store.work import Work


def edition_epoch(work: Work) -> int:
    """When ``work``'s editions are made, in seconds since 1970 (UTC): ``SOURCE_DATE_EPOCH``
    when it is set, else when the newest of the work's files last changed."""
    given = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if given:
        if not given.isdigit():
            raise ToolkitError(
                f"SOURCE_DATE_EPOCH is {given!r}, not a number of seconds since 1970",
                fix="set it to a Unix time (e.g. $(git log -1 --format=%ct)), or unset it",
            )
        return int(given)
    newest = 0
    for folder in (work.paths.source_dir, work.paths.translations_dir):
        for parent, _, names in os.walk(folder):  # links to folders are not followed
            for name in names:  # a link's own time: nothing outside the work is looked at
                newest = max(newest, int(os.lstat(Path(parent, name)).st_mtime))
    return newest
