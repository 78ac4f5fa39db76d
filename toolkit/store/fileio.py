"""Writing files so that nothing is left half-written."""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

from toolkit.errors import Location, ToolkitError, shown_path
from toolkit.store.scratch import process_alive
from toolkit.store.workfile import showable


def write_files(
    files: Mapping[Path, str | bytes], *, within: Path | Sequence[Path] | None = None
) -> None:
    """Write a set of files, each complete or not at all.

    Every file is written in full to a temporary file beside it first; only when
    all are written are they renamed into place, each rename atomic. A failure
    while writing leaves every target as it was and no temporary file behind.
    (A crash between two renames can leave some files new and some old: each
    file is whole, but the set is not a transaction.) A process killed while it wrote
    leaves its temporary files (``.en.md.<pid>.<random>.tmp``): the next write of the
    same file removes those whose process has ended.

    ``within`` is the folder the write belongs to (a work's folder, or both of them:
    ``source/<work>/`` and ``translations/<work>/``). When it is given:

    - a path that is a symbolic link is written through: the file it leads to is
      replaced (atomically, its temporary file beside it), and the link stays, so that
      ``en.md -> drafts/en.md`` keeps ``drafts/en.md`` current;
    - every file, links followed, must land inside ``within``: a link that leads out
      (``images -> /elsewhere``, ``en.md -> ~/.bashrc``), or a link loop, is a
      ToolkitError naming the path, raised before anything is written. The folders of
      ``within`` are taken as named under their resolved parent, not resolved
      themselves, as the store reads them (:mod:`toolkit.store.workfile`): a work folder
      that is itself a link leads out too.

    Without ``within`` nothing is checked, and a path that is a link is replaced by the
    file (the link is gone, its old target left as it was).
    """
    if within is None:
        targets = {path: path for path in files}
    else:
        folders = [within] if isinstance(within, Path) else list(within)
        allowed = tuple(folder.absolute().parent.resolve() / folder.name for folder in folders)
        targets = {path: _target_inside(path, allowed) for path in files}
    staged: list[tuple[Path, str]] = []
    try:
        for path, content in files.items():
            target = targets[path]
            target.parent.mkdir(parents=True, exist_ok=True)
            _remove_stale(target)
            prefix = f".{target.name}.{os.getpid()}."
            fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=target.parent)
            staged.append((target, tmp))
            os.chmod(tmp, 0o666 & ~_umask())
            with os.fdopen(fd, "wb") as handle:
                handle.write(content.encode("utf-8") if isinstance(content, str) else content)
                handle.flush()
                os.fsync(handle.fileno())
    except BaseException:
        for _, tmp in staged:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
        raise
    for target, tmp in staged:
        os.replace(tmp, target)


def _target_inside(path: Path, allowed: tuple[Path, ...]) -> Path:
    """Where writing ``path`` lands, links followed (the file a link leads to; else the
    path in its resolved folder), when that is inside one of ``allowed``."""
    loop = ToolkitError(
        "this is a link loop, or in a folder that is one (it leads back to itself), so "
        "nothing is written",
        where=Location(showable(path)),
        fix="point the link at the file or folder itself, or delete it",
    )
    try:
        if path.is_symlink():
            target = path.resolve()
        else:
            target = path.absolute().parent.resolve() / path.name
    except RuntimeError:  # Python before 3.13: "Symlink loop from …"
        raise loop from None
    if target.is_symlink():  # still a link once resolved (Python 3.13): it never ends
        raise loop
    if not any(target.parent.is_relative_to(folder) for folder in allowed):
        named = ", ".join(f"{shown_path(folder)}/" for folder in allowed)
        named_inside = any(path.absolute().is_relative_to(folder) for folder in allowed)
        how = ", through a symbolic link" if named_inside else ""
        raise ToolkitError(
            f"this file would be written at {target}, outside {named}{how}; nothing is written",
            where=Location(path),
            fix="replace the link with the file or folder itself (a copy of what it points "
            "to, after checking that it belongs here), then run the command again",
        )
    return target


def _remove_stale(path: Path) -> None:
    """Remove the temporary files a killed process left beside ``path``."""
    pattern = re.compile(re.escape(f".{path.name}.") + r"([0-9]+)\.[^/]*\.tmp")
    with contextlib.suppress(OSError):
        for sibling in path.parent.iterdir():
            m = pattern.fullmatch(sibling.name)
            if m and not sibling.is_symlink() and not process_alive(int(m.group(1))):
                with contextlib.suppress(OSError):
                    sibling.unlink()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def input_file(path: Path, fix: str) -> os.stat_result:
    """The status of a file a person gives a command to read (not one of the store's): it
    must be a regular file within the size limit, since a device or a pipe could give
    bytes without end, and its size says nothing. ``fix`` says what to do with another
    kind of file."""
    from toolkit.limits import Limits

    try:
        info = path.stat()
    except OSError as exc:
        raise ToolkitError(
            f"cannot be read: {exc.strerror}", where=Location(path), fix="check the path"
        ) from None
    if not stat.S_ISREG(info.st_mode):
        raise ToolkitError(
            "this is not a regular file (a device, a pipe or a socket)",
            where=Location(path),
            fix=fix,
        )
    Limits.from_env().check_file_size(path, info.st_size)
    return info
