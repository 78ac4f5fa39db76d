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

_WHOLE_NUMBER = re.compile(r"[0-9][0-9_]*")


@dataclass(frozen=True)
class Limits:
    """Caps on what is read; either is raised (or lowered) by an environment variable.

    - ``max_segment_chars`` (``TOOLKIT_MAX_SEGMENT_CHARS``, default 100 000): the most
      characters on one line of a segment or alignment file, or in one metadata value.
      A segment is a sentence or a paragraph; 100 000 characters is some 50 printed pages.
    - ``max_file_bytes`` (``TOOLKIT_MAX_FILE_BYTES``, default 1 000 000 000, i.e. 1 GB):
      the largest file read, checked before reading it.

    The variables take a whole number above 0 (``_`` may group digits: ``2_000_000_000``);
    anything else is an error that names the variable, never a silent default.
    :meth:`from_env` reads them; ``Limits()`` is the defaults.
    """

    max_segment_chars: int = 100_000
    max_file_bytes: int = 1_000_000_000

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Limits:
        """The limits the environment sets (``os.environ`` unless given)."""
        env = os.environ if environ is None else environ
        defaults = cls()
        return cls(
            max_segment_chars=_whole_number(
                env, SEGMENT_CHARS_ENV, defaults.max_segment_chars, "characters"
            ),
            max_file_bytes=_whole_number(env, FILE_BYTES_ENV, defaults.max_file_bytes, "bytes"),
        )

    def check_file_size(self, path: Path | str, size: int) -> None:
        """Refuse a file of ``size`` bytes when it is over the limit."""
        if size > self.max_file_bytes:
            raise ToolkitError(
                f"this file is {size:,} bytes, more than the limit of "
                f"{self.max_file_bytes:,} bytes a file",
                where=Location(path),
                fix=f"split it into smaller files, or raise {FILE_BYTES_ENV} "
                f"(e.g. {FILE_BYTES_ENV}={size})",
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


def _whole_number(env: Mapping[str, str], name: str, default: int, unit: str) -> int:
    raw = env.get(name)
    if raw is None:
        return default
    value = raw.strip()
    if not _WHOLE_NUMBER.fullmatch(value) or int(value) <= 0:
        raise ToolkitError(
            f"the environment variable {name} is {raw!r}, not a number of {unit}",
            fix=f"set {name} to a whole number above 0 (the default is {default}), "
            f"or unset it: unset {name}",
        )
    return int(value)
