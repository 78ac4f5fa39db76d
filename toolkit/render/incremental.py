"""Incremental builds: a work whose inputs are unchanged is not built again.

A build records, for each work, a digest of everything its editions are made from and
a digest of each file it wrote, in ``<out>/.cache/builds/<work>.json``. The next build
of the work with the same digest, whose files are all still there as written, does
nothing: it does not even read the work (``up_to_date``), so a no-change ``make
build`` costs the start-up and a pass over the files.

What the digest covers (``inputs_digest``):

- every file of the work: ``source/<work>/`` and ``translations/<work>/`` (texts,
  alignments, metadata, ``build.yaml``, images, covers), by path and content;
- the toolkit's own code and stylesheets (``toolkit/``), and the version of every
  installed distribution (Pandoc's, WeasyPrint's, fontTools', the fonts packages...);
- the system fonts an edition may embed (their files' size and time);
- what was asked: the formats, the editions, ``SOURCE_DATE_EPOCH``.

A link is hashed as a link (its target's path), never followed: nothing outside the
work is read. The state file is the toolkit's own; a missing or unreadable one (or a
digest that differs) means the work is built, and the state written afresh.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from toolkit.store.fileio import write_files

log = logging.getLogger("toolkit.render")

__all__ = ["BuildState", "inputs_digest", "toolkit_digest"]

_PACKAGE = Path(__file__).resolve().parent.parent  # toolkit/
STATE_VERSION = 1


def inputs_digest(work_dirs: Iterable[Path], asked: Iterable[str], fonts: Iterable[Path]) -> str:
    """The digest of a work's inputs (see the module's docstring): ``work_dirs`` its
    folders, ``asked`` what the build was asked for, ``fonts`` the system font files it
    may embed."""
    h = hashlib.sha256()
    h.update(f"state {STATE_VERSION}\n".encode())
    h.update(toolkit_digest().encode())
    for item in asked:
        h.update(f"asked {item}\n".encode())
    h.update(f"SOURCE_DATE_EPOCH {os.environ.get('SOURCE_DATE_EPOCH', '')}\n".encode())
    for font in fonts:
        try:
            stat = font.stat()
            h.update(f"font {font} {stat.st_size} {stat.st_mtime_ns}\n".encode())
        except OSError:
            h.update(f"font {font} missing\n".encode())
    for folder in work_dirs:
        for path in _files(folder):
            name = path.relative_to(folder.parent.parent).as_posix()
            h.update(f"file {name}\n".encode())
            if path.is_symlink():
                h.update(f"link {os.readlink(path)}\n".encode())
            else:
                h.update(_file_digest(path).encode())
    return h.hexdigest()


def _files(folder: Path) -> Iterator[Path]:
    """Every file under ``folder``, sorted, links to folders not followed."""
    found: list[Path] = []
    for parent, dirs, names in os.walk(folder):
        dirs.sort()
        found += (Path(parent, name) for name in names)
    yield from sorted(found)


def _file_digest(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


@functools.cache
def toolkit_digest() -> str:
    """The toolkit's own code and assets, and every installed distribution's version."""
    h = hashlib.sha256()
    for path in _files(_PACKAGE):
        if "__pycache__" in path.parts or path.suffix == ".pyc":
            continue
        h.update(path.relative_to(_PACKAGE).as_posix().encode())
        h.update(path.read_bytes())
    versions = sorted(
        f"{dist.metadata['Name']}=={dist.version}" for dist in metadata.distributions()
    )
    h.update("\n".join(versions).encode())
    return h.hexdigest()


@dataclass
class BuildState:
    """What the last build of a work read and wrote: ``inputs`` its digest, ``outputs``
    each file it wrote by name (relative to the output folder) and the file's digest."""

    path: Path
    inputs: str = ""
    outputs: dict[str, str] | None = None

    @classmethod
    def load(cls, out_dir: Path, work: str) -> BuildState:
        path = out_dir / ".cache" / "builds" / f"{work}.json"
        try:
            data = json.loads(path.read_text("utf-8"))
            if data.get("version") != STATE_VERSION:
                return cls(path)
            outputs = {str(k): str(v) for k, v in dict(data["outputs"]).items()}
            return cls(path, str(data["inputs"]), outputs)
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return cls(path)  # no state, or not ours to trust: build

    def up_to_date(self, inputs: str, out_dir: Path) -> bool:
        """Were the work's editions built from ``inputs``, and are they all still there,
        byte for byte as written?"""
        if not self.outputs or self.inputs != inputs:
            return False
        for name, digest in self.outputs.items():
            path = out_dir / name
            if path.is_symlink() or not path.is_file() or _file_digest(path) != digest:
                log.info("incremental: %s changed or is missing: building again", name)
                return False
        return True

    def save(self, inputs: str, out_dir: Path, written: Iterable[Path]) -> None:
        outputs = {p.relative_to(out_dir).as_posix(): _file_digest(p) for p in written}
        data = {"version": STATE_VERSION, "inputs": inputs, "outputs": outputs}
        write_files({self.path: json.dumps(data, indent=1, sort_keys=True) + "\n"})
        self.inputs, self.outputs = inputs, outputs
