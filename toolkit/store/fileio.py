"""Writing files so that nothing is left half-written."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def write_files(files: dict[Path, str | bytes]) -> None:
    """Write a set of files, each complete or not at all.

    Every file is written in full to a temporary file beside it first; only when
    all are written are they renamed into place, each rename atomic. A failure
    while writing leaves every target as it was and no temporary file behind.
    (A crash between two renames can leave some files new and some old: each
    file is whole, but the set is not a transaction.)
    """
    staged: list[tuple[Path, str]] = []
    try:
        for path, content in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
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


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
