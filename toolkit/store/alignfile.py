"""Alignment files: ``translations/<work>/<lang>.align``.

One bead a line, 2 to 5 columns separated by tabs (any run of spaces or tabs is read
too): the source IDs and the translation IDs, which every bead has, then optionally its
score, its state and its fingerprint, in that order::

    # source   translation   score   state     fingerprint
    s1         t1            0.93    auto
    s2,s3      t2            0.71    reviewed  5d4140e3b0c4
    s4         -             -       omitted   0cc175e3b0c4
    -          t3            -       locked    e3b0c492eb5f
    s5         t4

``-`` is an empty side or no score. A line of two columns (``s5  t4``) is a complete
bead: no score, state ``auto``, no fingerprint. Three columns add the score, four the
state. The fingerprint (twelve hex digits: six for each side) is what ``toolkit mark``
records of both sides' text when a person sets a bead's state; files without it (four
columns, written before fingerprints) still read. Lines starting with ``#`` are comments.

Every bad line is reported, not only the first (:class:`toolkit.errors.FormatErrors`),
and no line may be longer than the segment limit (:mod:`toolkit.limits`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from toolkit.errors import FormatError, Location, raise_collected
from toolkit.limits import Limits
from toolkit.model import ID_RE, Alignment, Bead, BeadState
from toolkit.store.lines import join_lines, read_text, split_lines

_COLUMNS = re.compile(r"[ \t]+")
HEADER = "# source\ttranslation\tscore\tstate\tfingerprint"
_FINGERPRINT = re.compile(r"[0-9a-f]{12}")
_STATES = ", ".join(s.value for s in BeadState)


def read_alignment(path: Path, limits: Limits | None = None) -> Alignment:
    """Read an alignment file of a work. Raises FormatError naming every bad line."""
    limits = limits or Limits.from_env()
    return parse_alignment(read_text(path, limits), path, limits)


def parse_alignment(
    text: str, path: Path | str = "<text>", limits: Limits | None = None
) -> Alignment:
    limits = limits or Limits.from_env()
    lines, layout = split_lines(text, path)
    beads: list[Bead] = []
    comments: list[tuple[int, str]] = []
    errors: list[FormatError] = []
    for number, line in enumerate(lines, 1):
        try:
            limits.check_segment(path, number, line)
            if line.startswith("#") or not line.strip():
                comments.append((len(beads), line))
                continue
            beads.append(_parse_bead(line, number, path))
        except FormatError as exc:
            errors.append(exc)
    errors.extend(_not_unique(beads, path))
    raise_collected(path, errors)
    return Alignment(tuple(beads), tuple(comments), layout)


def write_alignment(alignment: Alignment) -> str:
    out: list[str] = []
    pending = list(alignment.comments)
    for index, bead in enumerate(alignment.beads):
        while pending and pending[0][0] <= index:
            out.append(pending.pop(0)[1])
        out.append(_bead_line(bead))
    out.extend(text for _, text in pending)
    return join_lines(out, alignment.layout)


def new_alignment(beads: list[Bead]) -> Alignment:
    """A fresh alignment file with the column header."""
    return Alignment(tuple(beads), ((0, HEADER),))


def _bead_line(bead: Bead) -> str:
    """The bead's line: as read while unchanged, else canonical (scores to 3 decimals).

    Raises ValueError for a bead that would not read back as itself.
    """
    if bead.raw and _parse_bead(bead.raw, 0, "<bead>") == bead:
        return bead.raw
    score = "-" if bead.score is None else f"{bead.score:.3f}".rstrip("0").rstrip(".")
    source = ",".join(bead.source) or "-"
    target = ",".join(bead.target) or "-"
    columns = [source, target, score or "0", bead.state.value]
    if bead.fingerprint is not None:
        columns.append(bead.fingerprint)
    line = "\t".join(columns)
    expected = replace(bead, score=None if bead.score is None else round(bead.score, 3))
    try:
        ok = _parse_bead(line, 0, "<bead>") == expected
    except FormatError as exc:
        raise ValueError(
            f"bead {bead.source}-{bead.target} cannot be written: {exc.message}"
        ) from None
    if not ok:
        raise ValueError(f"bead {bead.source}-{bead.target} would not read back as itself")
    return line


def _parse_bead(line: str, number: int, path: Path | str) -> Bead:
    def fail(message: str, fix: str) -> FormatError:
        return FormatError(message, where=Location(path, number), fix=fix)

    fields = _COLUMNS.split(line.strip(" \t"))
    if not 2 <= len(fields) <= 5:
        raise fail(
            f"a bead has 2 to 5 columns, this line has {len(fields)}",
            "write: source IDs, translation IDs, score, state, fingerprint "
            "('s1,s2  t1  0.9  auto')",
        )
    source, target = (_ids(f, fail) for f in fields[:2])
    if not source and not target:
        raise fail("a bead needs IDs on at least one side", "delete the line")
    score: float | None = None
    if len(fields) > 2 and fields[2] != "-":
        try:
            score = float(fields[2])
        except ValueError:
            score = math.nan
        if not 0.0 <= score <= 1.0:
            raise fail(f"score {fields[2]!r} is not a number from 0 to 1", "write 0.85, or '-'")
    state = BeadState.AUTO
    if len(fields) > 3:
        try:
            state = BeadState(fields[3])
        except ValueError:
            raise fail(f"unknown state {fields[3]!r}", f"use one of: {_STATES}") from None
    if state is BeadState.OMITTED and target:
        raise fail("only a bead with no translation can be 'omitted'", "write '-' as translation")
    fingerprint = fields[4] if len(fields) > 4 else None
    if fingerprint is not None and not _FINGERPRINT.fullmatch(fingerprint):
        raise fail(
            f"fingerprint {fingerprint!r} is not twelve hex digits",
            "delete it and run toolkit mark again to record the text as it is now",
        )
    return Bead(source, target, score, state, fingerprint, line=number, raw=line)


def _ids(field: str, fail: Callable[[str, str], FormatError]) -> tuple[str, ...]:
    if field == "-":
        return ()
    ids = tuple(field.split(","))
    for ident in ids:
        if not ID_RE.fullmatch(ident):
            raise fail(
                f"{ident!r} is not a segment ID",
                "IDs are a letter then letters, digits, '.', '_' or '-'; join several with ','",
            )
        if ids.count(ident) > 1:
            raise fail(f"{ident} is listed twice in one bead", f"write {ident} once")
    return ids


def _not_unique(beads: list[Bead], path: Path | str) -> list[FormatError]:
    """An error for each bead naming a segment an earlier bead names (one per line)."""
    seen: dict[tuple[str, str], int] = {}
    errors: list[FormatError] = []
    for bead in beads:
        found: FormatError | None = None
        for side, ids in (("source", bead.source), ("translation", bead.target)):
            for ident in ids:
                first = seen.setdefault((side, ident), bead.line)
                if first != bead.line and found is None:
                    found = FormatError(
                        f"{side} segment {ident} is in two beads (also line {first})",
                        where=Location(path, bead.line),
                        fix="each segment belongs to one bead: merge the two lines",
                    )
        if found is not None:
            errors.append(found)
    return errors
