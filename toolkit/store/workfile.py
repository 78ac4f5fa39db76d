"""Reading a file of a work: only from inside the work, only as much as the limits allow.

A store is plain files in the repository, and a repository can come from anyone (a clone,
an archive). A segment file that is a symbolic link to ``/etc/passwd``, or a figure whose
image is one, would otherwise be read and shipped in an edition. So every store read goes
through :func:`read_work_file`, and every image through :func:`check_inside`:

- the file is resolved (links followed) and must lie in one of the work's folders,
  ``source/<work>/`` or ``translations/<work>/`` of the repository. Those folders are
  taken as named under the resolved repository root, not resolved themselves, so a work
  folder that is itself a link out of the repository is outside too. A link that stays
  inside the work (``en.md -> drafts/en.md``) is fine;
- it must be a regular file (not a FIFO or a device) no larger than
  :attr:`toolkit.limits.Limits.max_file_bytes`, checked before anything is read.
"""

from __future__ import annotations

import stat
from collections.abc import Sequence
from pathlib import Path

from toolkit.errors import Location, ToolkitError, shown_path
from toolkit.limits import Limits

#: The folders of a repository that hold works.
TOP_FOLDERS = ("source", "translations")


def work_folders(path: Path) -> tuple[Path, ...]:
    """The folders that ``path``, a file of a work, may resolve into.

    For ``<root>/source/<work>/<file>`` or ``<root>/translations/<work>/<file>``: both of
    the work's folders, under the resolved root. For a file elsewhere (a test's or a
    tool's): the folder it is in.
    """
    folder = path.absolute().parent
    if folder.parent.name in TOP_FOLDERS:
        return folders_of(folder.parent.parent, folder.name)
    return (folder.resolve(),)


def folders_of(root: Path, work: str) -> tuple[Path, ...]:
    """``source/<work>/`` and ``translations/<work>/`` under the resolved ``root``."""
    real_root = root.resolve()
    return tuple(real_root / top / work for top in TOP_FOLDERS)


def check_inside(path: Path, folders: Sequence[Path] | None = None) -> Path:
    """``path`` resolved, when it lies in ``folders`` (default: :func:`work_folders`).

    Raises ToolkitError naming the file and where it leads otherwise.
    """
    allowed = tuple(folders) if folders is not None else work_folders(path)
    real = path.resolve()
    if is_inside(real, allowed):
        return real
    named = ", ".join(f"{shown_path(folder)}/" for folder in allowed)
    raise ToolkitError(
        f"this file leads to {real}, outside the work ({named}); it is not read",
        where=Location(path),
        fix="replace the link with a copy of the file it points to "
        "(cp --remove-destination TARGET LINK), after checking that it belongs to the work",
    )


def is_inside(real: Path, folders: Sequence[Path]) -> bool:
    """Is ``real``, a resolved path, in one of ``folders``?"""
    return any(real.is_relative_to(folder) for folder in folders)


def read_work_file(
    path: Path, *, folders: Sequence[Path] | None = None, limits: Limits | None = None
) -> bytes:
    """The bytes of ``path``, a file of a work: inside the work, regular, within the limit."""
    limits = limits or Limits.from_env()
    real = check_inside(path, folders)
    check_regular(path, real, limits)
    with real.open("rb") as handle:
        data = handle.read(limits.max_file_bytes + 1)
    limits.check_file_size(path, len(data))  # it grew since it was looked at
    return data


def check_regular(path: Path, real: Path, limits: Limits) -> None:
    """Refuse what is not a regular file, or is larger than the limit, before reading it."""
    info = real.stat()
    if not stat.S_ISREG(info.st_mode):
        raise ToolkitError(
            "this is not a regular file (a folder, a device or a pipe), so it is not read",
            where=Location(path),
            fix="put the file itself here",
        )
    limits.check_file_size(path, info.st_size)
