"""How much the toolkit reads: caps on file sizes and segment lengths.

A hostile or broken file must not run the toolkit out of memory or time (a 1 MB line once
made a 723-page PDF after 2.5 minutes), yet a whole book or a large translation memory
must still fit. One :class:`Limits` object holds the caps; the store readers and the
importers check against the same one.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from toolkit.errors import FormatError, Location, ToolkitError

SEGMENT_CHARS_ENV = "TOOLKIT_MAX_SEGMENT_CHARS"
FILE_BYTES_ENV = "TOOLKIT_MAX_FILE_BYTES"
YAML_BYTES_ENV = "TOOLKIT_MAX_YAML_BYTES"

#: The most a variable may set: 10**8 characters a segment, 2**40 bytes (1 TiB) a file.
#: Larger values are mistakes (``100000000000000000000000``), not limits.
MOST_SEGMENT_CHARS = 10**8
MOST_FILE_BYTES = 2**40

#: The file name endings of YAML files (metadata and import records).
YAML_SUFFIXES = (".yaml", ".yml")

_WHOLE_NUMBER = re.compile(r"[0-9][0-9_]{0,40}")


@dataclass(frozen=True)
class Limits:
    """Caps on what is read; each is raised (or lowered) by an environment variable.

    - ``max_segment_chars`` (``TOOLKIT_MAX_SEGMENT_CHARS``, default 100 000): the most
      characters on one line of a segment or alignment file, or in one metadata value.
      A segment is a sentence or a paragraph; 100 000 characters is some 50 printed pages.
    - ``max_file_bytes`` (``TOOLKIT_MAX_FILE_BYTES``, default 1 000 000 000, i.e. 1 GB):
      the largest file read, checked before reading it.
    - ``max_yaml_bytes`` (``TOOLKIT_MAX_YAML_BYTES``, default 10 000 000, i.e. 10 MB): the
      largest YAML file (``.yaml``, ``.yml``: metadata, import records) read, when it is
      below ``max_file_bytes``. YAML costs far more memory to read than its size (each
      value becomes objects of its own), and metadata is a few kilobytes.

    The variables take a whole number from 1 to a most that catches mistakes
    (:data:`MOST_SEGMENT_CHARS` characters, :data:`MOST_FILE_BYTES` bytes); ``_`` may group
    digits: ``2_000_000_000``. Anything else is an error that names the variable, never a
    silent default. :meth:`from_env` reads them; ``Limits()`` is the defaults.
    """

    max_segment_chars: int = 100_000
    max_file_bytes: int = 1_000_000_000
    max_yaml_bytes: int = 10_000_000

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Limits:
        """The limits the environment sets (``os.environ`` unless given)."""
        env = os.environ if environ is None else environ
        defaults = cls()
        return cls(
            max_segment_chars=_whole_number(
                env,
                SEGMENT_CHARS_ENV,
                defaults.max_segment_chars,
                "characters",
                MOST_SEGMENT_CHARS,
            ),
            max_file_bytes=_whole_number(
                env, FILE_BYTES_ENV, defaults.max_file_bytes, "bytes", MOST_FILE_BYTES
            ),
            max_yaml_bytes=_whole_number(
                env, YAML_BYTES_ENV, defaults.max_yaml_bytes, "bytes", MOST_FILE_BYTES
            ),
        )

    def max_bytes_for(self, path: Path | str) -> int:
        """The largest file of this name read: the YAML limit for YAML files (when it is
        the smaller), the file limit for the others."""
        if Path(path).suffix.lower() in YAML_SUFFIXES:
            return min(self.max_file_bytes, self.max_yaml_bytes)
        return self.max_file_bytes

    def check_file_size(self, path: Path | str, size: int) -> None:
        """Refuse a file of ``size`` bytes when it is over the limit for its name
        (:meth:`max_bytes_for`)."""
        most = self.max_bytes_for(path)
        if size <= most:
            return
        yaml = most < self.max_file_bytes
        kind, env = ("a YAML file", YAML_BYTES_ENV) if yaml else ("a file", FILE_BYTES_ENV)
        advice = (
            "a YAML file this large is most likely not metadata: check what it holds"
            if yaml
            else "split it into smaller files"
        )
        raise ToolkitError(
            f"this file is {size:,} bytes, more than the limit of {most:,} bytes {kind}",
            where=Location(path),
            fix=f"{advice}, or raise {env} (e.g. {env}={size})",
        )

    def check_segment(
        self, path: Path | str, line: int, text: str, what: str = "line", column: int = 0
    ) -> None:
        """Refuse ``text`` (a line, or a value at ``line``) when it is over the limit."""
        if len(text) > self.max_segment_chars:
            raise FormatError(
                f"this {what} is {len(text):,} characters long, more than the limit of "
                f"{self.max_segment_chars:,} characters a segment",
                where=Location(path, line, column),
                fix=f"split the paragraph, or raise {SEGMENT_CHARS_ENV}",
            )


def _whole_number(env: Mapping[str, str], name: str, default: int, unit: str, most: int) -> int:
    raw = env.get(name)
    if raw is None:
        return default
    value = raw.strip()
    if not _WHOLE_NUMBER.fullmatch(value) or not 0 < int(value) <= most:
        shown = repr(raw) if len(raw) <= 60 else f"{raw[:40]!r}… ({len(raw)} characters)"
        raise ToolkitError(
            f"the environment variable {name} is {shown}, not a number of {unit} "
            f"from 1 to {most:,}",
            fix=f"set {name} to a whole number from 1 to {most} (the default is {default}), "
            f"or unset it: unset {name}",
        )
    return int(value)
