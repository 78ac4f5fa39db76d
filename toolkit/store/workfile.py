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
- it must be a regular file no larger than the limit for its kind
  (:meth:`toolkit.limits.Limits.max_bytes_for`), checked before anything is read. A store
  file that is there in another form (a FIFO, a device, a folder, a broken link, a link
  loop) is an error naming what it is (:func:`present`, :func:`not_regular`), never taken
  for a missing file; it is opened without blocking and checked once open, so a FIFO is
  never waited on and a device never read;
- only as many bytes are asked for as the file holds (plus one, to see that it did not
  grow), never the whole limit: memory is reserved for the file, not for the limit.
"""

from __future__ import annotations

import errno
import os
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
    refuse_not_regular(path)
    real = check_inside(path, folders)
    fd, info = open_regular(path, real)
    try:
        limits.check_file_size(path, info.st_size)
        data = read_at_most(fd, info.st_size + 1, limits.max_bytes_for(path) + 1)
    finally:
        os.close(fd)
    limits.check_file_size(path, len(data))  # it grew since it was looked at
    return data


#: How much more is asked for at a time when a file turns out longer than it was.
_CHUNK = 1 << 20


def read_at_most(fd: int, first: int, most: int) -> bytes:
    """The bytes of the open file ``fd`` up to its end or to ``most`` bytes, whichever is
    first. ``first`` bytes are asked for at once (its size and one more, so that only as
    much memory is reserved as the file needs); then, after a read that got all it asked
    for (the file grew), a megabyte at a time, and after one that got less, a byte to
    see that it is the end."""
    chunks: list[bytes] = []
    got = 0
    request = max(1, min(first, most))
    while got < most:
        chunk = os.read(fd, request)
        if not chunk:
            break
        chunks.append(chunk)
        got += len(chunk)
        request = min(_CHUNK if len(chunk) == request else 1, most - got)
    return b"".join(chunks)


def open_regular(path: Path, real: Path) -> tuple[int, os.stat_result]:
    """A descriptor open for reading on ``real`` (``path`` resolved), and its status, when
    it is a regular file; ToolkitError naming ``path`` otherwise.

    It is opened without blocking (a FIFO would otherwise wait for a writer) and checked
    once open, so that a FIFO or a device put in the file's place since it was looked at
    is refused, never read. The caller closes the descriptor.
    """
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(real, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise not_regular_error(path, _kind(info.st_mode))
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd, info


def present(path: Path) -> bool:
    """Is there a file at ``path``, a store file that may be absent? True for a regular file
    (or a link to one), False when nothing at all is there; ToolkitError naming what is there
    otherwise (:func:`not_regular`), so that a FIFO or a broken link is never taken for a
    file the work does not have."""
    refuse_not_regular(path)
    return path.is_file()


def refuse_not_regular(path: Path) -> None:
    """ToolkitError naming ``path`` and what it is, when it is there but not a regular file."""
    what = not_regular(path)
    if what:
        raise not_regular_error(path, what)


def not_regular_error(path: Path, what: str) -> ToolkitError:
    """The error for ``path``, which is ``what`` (see :func:`not_regular`)."""
    path = showable(path)
    if "broken link" in what:
        fix = "put the file the link points to back, or delete the link"
    elif "link loop" in what:
        fix = "point the link at the file itself, or replace it with the file"
    else:
        fix = "put the file itself here (a regular file), or remove what is there"
    return ToolkitError(
        f"this is {what}, not a regular file, so it is not read", where=Location(path), fix=fix
    )


def not_regular(path: Path) -> str | None:
    """What is at ``path`` when something is there but it is not a regular file (links
    followed): ``a FIFO (named pipe)``, ``a device``, ``a socket``, ``a folder``,
    ``a link to /dev/zero, a device``, ``a broken link (to …, which does not exist)``,
    ``a link loop (…)``. None for a regular file or a link to one, and when nothing at all
    is there. Nothing is opened."""
    try:
        own = os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:
        return _loop(path, exc)
    if not stat.S_ISLNK(own.st_mode):
        return None if stat.S_ISREG(own.st_mode) else _kind(own.st_mode)
    target = os.readlink(path)
    try:
        info = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return f"a broken link (to {target}, which does not exist)"
    except OSError as exc:
        return _loop(path, exc)
    if stat.S_ISREG(info.st_mode):
        return None
    return f"a link to {os.path.realpath(path)}, {_kind(info.st_mode)}"


def _loop(path: Path, exc: OSError) -> str | None:
    """The words for a link loop at ``path``; None for another error (permission denied:
    left to the read, which says so)."""
    if exc.errno != errno.ELOOP:
        return None
    try:
        return f"a link loop (it leads back to itself: {path.name} -> {os.readlink(path)})"
    except OSError:
        return "a path through a link loop (a folder on the way leads back to itself)"


def showable(path: Path) -> Path:
    """``path``, or when a folder on its way is a link loop, that folder: the path an error
    can name (a path through a loop cannot be shown relative to anything)."""
    for candidate in (path, *path.absolute().parents):
        try:
            candidate.absolute().parent.resolve()
        except (RuntimeError, OSError):  # Python before 3.13: "Symlink loop from …"
            continue
        return candidate
    return path


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "an unknown kind of file"
