"""Writing files so that nothing is left half-written."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_files(files: dict[Path, str | bytes]) -> None:
    """Write every file or none: all go to temporary files first, then each is renamed."""
    staged: list[tuple[Path, str]] = []
    try:
        for path, content in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            os.chmod(tmp, 0o666 & ~_umask())
            with os.fdopen(fd, "wb") as handle:
                handle.write(content.encode("utf-8") if isinstance(content, str) else content)
                handle.flush()
                os.fsync(handle.fileno())
            staged.append((path, tmp))
    except BaseException:
        for _, tmp in staged:
            os.unlink(tmp)
        raise
    for path, tmp in staged:
        os.replace(tmp, path)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_file(path: Path, content: str | bytes) -> None:
    write_files({path: content})
