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
import stat
import uuid
from collections.abc import Iterator
from pathlib import Path

from toolkit.errors import StageError, ToolkitError, shown_path

#: The scratch folder's name, inside the output folder.
SCRATCH = ".scratch"
#: A build's own folder: its process ID, then 12 random hex digits (two builds of one
#: process); only a folder named so, exactly, is ever deleted.
_NAME = re.compile(r"([1-9][0-9]*)-[0-9a-f]{12}")


@contextlib.contextmanager
def scratch_space(out_dir: Path) -> Iterator[Path]:
    """A new, empty scratch folder for this build, removed on leaving the block.

    Stale folders (of builds whose process has ended) are removed first. On leaving,
    ``.scratch`` and ``out_dir`` are removed too if this build created them and they
    are empty, so that a build that writes nothing leaves nothing.
    """
    base = out_dir / SCRATCH
    made_out = not out_dir.exists()
    folder = base / f"{os.getpid()}-{uuid.uuid4().hex[:12]}"
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(FileExistsError):
            base.mkdir(mode=0o700)
        trusted_folder(base, "scratch space")
        remove_stale(base)
        folder.mkdir(mode=0o700)
        os.chmod(folder, 0o700)  # whatever the umask
    except OSError as exc:
        if made_out:
            _remove_if_empty(base)
            _remove_if_empty(out_dir)
        raise StageError(
            f"cannot write in the output folder {shown_path(out_dir)}: {exc.strerror or exc}",
            fix="choose an output folder you can write to (--out), such as build/ "
            "in the repository",
        ) from None
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        _remove_if_empty(base)
        if made_out:
            _remove_if_empty(out_dir)


def trusted_folder(base: Path, keeps: str) -> None:
    """Refuse a folder the build keeps ``keeps`` in (its ``.scratch``, its font cache)
    that is a link, not a folder, or not this user's (see the module's docstring)."""
    info = base.lstat()
    if stat.S_ISLNK(info.st_mode):
        raise ToolkitError(
            f"{shown_path(base)} is a symbolic link (to {os.readlink(base)}): a build's "
            f"{keeps} must be a folder of its own in the output folder",
            fix=f"remove the link ({shown_path(base)}); the next build makes the folder",
        )
    if not stat.S_ISDIR(info.st_mode):
        raise ToolkitError(
            f"{shown_path(base)} is not a folder: it is where a build keeps its {keeps}",
            fix=f"remove or rename {shown_path(base)}; the next build makes the folder",
        )
    getuid = getattr(os, "getuid", None)
    if getuid is not None and info.st_uid != getuid():
        raise ToolkitError(
            f"{shown_path(base)} belongs to another user (uid {info.st_uid}): a build "
            "does not write or delete in a folder someone else controls",
            fix=f"remove {shown_path(base)} (or ask its owner to), or build into an output "
            "folder of your own (--out)",
        )


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
