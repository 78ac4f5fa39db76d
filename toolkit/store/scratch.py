"""A build's scratch space, inside its output folder: ``<out>/.scratch/<pid>-<random>/``.

Pandoc, WeasyPrint and the font subsetter write their intermediate files there. It is
removed when the build ends, however it ends, short of the process being killed
outright (SIGKILL, a power cut), which no cleanup can survive. So each build first
removes the scratch folders of builds whose process is gone; a folder is named for its
process for that reason. The folder of a build still running is left alone, and so is
anything in ``.scratch`` the toolkit would not have named (it is never deleted).

Keeping it beside the outputs rather than in the system's temporary folder means that a
killed build's leftovers are found and removed by the next one, and are visible (and
ignored by ``git``, with ``build/``) in the meantime.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

#: The scratch folder's name, inside the output folder.
SCRATCH = ".scratch"
#: A build's own folder: its process ID, then a random part (two builds of one process).
_NAME = re.compile(r"([0-9]+)-[0-9a-f]+")


@contextlib.contextmanager
def scratch_space(out_dir: Path) -> Iterator[Path]:
    """A new, empty scratch folder for this build, removed on leaving the block.

    Stale folders (of builds whose process has ended) are removed first. On leaving,
    ``.scratch`` and ``out_dir`` are removed too if this build created them and they
    are empty, so that a build that writes nothing leaves nothing.
    """
    base = out_dir / SCRATCH
    made_out = not out_dir.exists()
    remove_stale(base)
    folder = base / f"{os.getpid()}-{uuid.uuid4().hex[:12]}"
    folder.mkdir(parents=True)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        _remove_if_empty(base)
        if made_out:
            _remove_if_empty(out_dir)


def remove_stale(base: Path) -> list[Path]:
    """Remove the scratch folders in ``base`` whose build process has ended; return them."""
    if not base.is_dir():
        return []
    removed = []
    for child in sorted(base.iterdir()):
        match = _NAME.fullmatch(child.name)
        if match and child.is_dir() and not child.is_symlink() and not process_alive(int(match[1])):
            shutil.rmtree(child, ignore_errors=True)
            removed.append(child)
    return removed


def process_alive(pid: int) -> bool:
    """Is there a process with this ID? (One we may not signal still exists.)"""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True
    return True


def _remove_if_empty(folder: Path) -> None:
    with contextlib.suppress(OSError):
        folder.rmdir()
