"""Fonts made once and kept: ``<out>/.cache/fonts/`` (``build/.cache/fonts/`` by default).

Patching a CJK face with ``chws`` and cutting a face down to an edition's characters
take seconds each, and give the same bytes every time for the same inputs; so each
result is kept under a name derived from everything it depends on (a hash of its
``key``): the source font file's identity (path, size, modification time, face index),
the versions of the tools that made it, what was asked of them (features, the exact
character set). Changed text, a new font or a new tool version is a new name, never a
stale file. Nothing in a kept file depends on the build's date, so an edition built from
the cache has the same bytes as one built without it.

The cache is beside the editions, not in ``source/`` or ``translations/`` (the build
refuses an output folder there), and is only ever written whole: a file is written to a
temporary name in the same folder and renamed, so two builds at once, or a build killed
half-way, leave either the complete file or none. Deleting the folder is always safe;
the next build makes what it needs again.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from toolkit.errors import StageError, shown_path
from toolkit.store.scratch import process_alive, trusted_folder

log = logging.getLogger("toolkit.render.fonts")

#: The cache's folder, inside the output folder.
CACHE = Path(".cache") / "fonts"


class FontCache:
    """The font cache of the output folder ``out_dir``; made on first use."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.folder = out_dir / CACHE
        self.made: list[str] = []  # the names this build made, for its log and tests
        self.reused: list[str] = []  # the names it found kept
        self._checked = False

    def name(self, stem: str, key: Sequence[str], suffix: str) -> str:
        """A file name for what ``key`` describes: ``stem-<hash>suffix``."""
        digest = hashlib.sha256("\0".join(key).encode("utf-8")).hexdigest()[:24]
        return f"{stem}-{digest}{suffix}"

    def get(self, name: str, make: Callable[[Path], object]) -> Path:
        """The kept file ``name``; when there is none, ``make(path)`` writes it first.

        ``make`` writes to the path it is given (a temporary name beside the final one),
        which becomes ``name`` only once ``make`` has returned.
        """
        path = self._ready() / name
        if path.is_file():
            log.info("fonts: reusing %s", name)
            self.reused.append(name)
            return path
        prefix = f".{name}.{os.getpid()}."
        fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=self.folder)
        os.close(fd)
        try:
            make(Path(tmp))
            os.chmod(tmp, 0o644)
            os.replace(tmp, path)
        except OSError as exc:
            raise StageError(
                f"cannot write the font cache {shown_path(self.folder)}: {exc.strerror or exc}",
                fix="choose an output folder you can write to (--out), or delete "
                f"{shown_path(self.folder)}",
            ) from None
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
        log.info("fonts: made %s", name)
        self.made.append(name)
        return path

    def _ready(self) -> Path:
        """The folder, made if need be; a part of it that is a link, or another user's,
        is refused (its fonts would go into every edition built here)."""
        if self._checked:
            return self.folder
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StageError(
                f"cannot make the font cache {shown_path(self.folder)}: {exc.strerror or exc}",
                fix="choose an output folder you can write to (--out)",
            ) from None
        for part in (self.out_dir / CACHE.parts[0], self.folder):
            trusted_folder(part, "font cache")
        _remove_stale(self.folder)
        self._checked = True
        return self.folder

    @contextlib.contextmanager
    def workspace(self) -> Iterator[Path]:
        """A folder for a tool's intermediate files, beside the cache, removed after."""
        folder = Path(
            tempfile.mkdtemp(prefix=f".work.{os.getpid()}.", suffix=".tmp", dir=self._ready())
        )
        try:
            yield folder
        finally:
            shutil.rmtree(folder, ignore_errors=True)


#: A file being written, or a tool's folder: ``.<name>.<pid>.<random>.tmp``.
_WRITING = re.compile(r"\.(.+)\.([1-9][0-9]*)\.[^.]+\.tmp")


def _remove_stale(folder: Path) -> None:
    """Remove what builds killed while writing left behind (their process is gone)."""
    for child in folder.iterdir():
        match = _WRITING.fullmatch(child.name)
        if match and not process_alive(int(match[2])):
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child, ignore_errors=True)
            else:
                with contextlib.suppress(OSError):
                    child.unlink()


def file_identity(path: Path, index: int = 0) -> str:
    """What names a font file's content without reading it: where it is, its size, when
    it last changed, and which face of a collection."""
    info = path.stat()
    return f"{path.resolve()}|{info.st_size}|{info.st_mtime_ns}|{index}"
