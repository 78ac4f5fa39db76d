"""Writing files so that nothing is left half-written."""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from pathlib import Path

from toolkit.store.scratch import process_alive


def write_files(files: dict[Path, str | bytes]) -> None:
    """Write a set of files, each complete or not at all.

    Every file is written in full to a temporary file beside it first; only when
    all are written are they renamed into place, each rename atomic. A failure
    while writing leaves every target as it was and no temporary file behind.
    (A crash between two renames can leave some files new and some old: each
    file is whole, but the set is not a transaction.) A process killed while it wrote
    leaves its temporary files (``.en.md.<pid>.<random>.tmp``): the next write of the
    same file removes those whose process has ended.
    """
    staged: list[tuple[Path, str]] = []
    try:
        for path, content in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            _remove_stale(path)
            prefix = f".{path.name}.{os.getpid()}."
            fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=path.parent)
            staged.append((path, tmp))
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
    for path, tmp in staged:
        os.replace(tmp, path)


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
