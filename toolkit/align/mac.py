"""The MAC gold-bead format and its scoring metric, and plain sentence files.

MAC (Liu & Zhu 2022) writes one bead per line, 0-based sentence numbers on each side:
``[0,1]:[0]``, ``[2]:[1,2]``, ``[5]:[]`` (a source sentence with no translation),
``[]:[7]`` (a target sentence with no source). The metric is Vecalign's and Bertalign's:
precision over the aligner's beads, recall over the gold beads that have both sides;
"strict" counts a bead identical to a gold bead, "lax" a bead one of whose source sentences
the gold links to one of its target sentences. Counts are pooled over files.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from toolkit.align.core import SentenceBead
from toolkit.errors import FormatError, Location

_BEAD = re.compile(r"^\[([0-9,\s]*)\]\s*:\s*\[([0-9,\s]*)\]$")

Pair = tuple[tuple[int, ...], tuple[int, ...]]


def read_sentence_file(path: Path | str) -> list[str]:
    """One sentence per line, UTF-8 (a byte-order mark and line-end whitespace are dropped).

    Raises FormatError, naming the file, line and byte, for a file that is not UTF-8.
    """
    data = Path(path).read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FormatError(
            f"not UTF-8 (byte offset {exc.start})",
            where=Location(path, data[: exc.start].count(b"\n") + 1),
            fix="save the file as UTF-8",
        ) from None
    return [line.rstrip("\r\n\t ") for line in text.splitlines()]


def format_bead(bead: SentenceBead | Pair) -> str:
    """``[0,1]:[0]``: one bead in MAC's notation."""
    source, target = (bead.source, bead.target) if isinstance(bead, SentenceBead) else bead
    return f"[{','.join(map(str, source))}]:[{','.join(map(str, target))}]"


def format_beads(beads: Iterable[SentenceBead | Pair]) -> str:
    """One bead per line, newline-terminated (empty string for no beads)."""
    return "".join(format_bead(bead) + "\n" for bead in beads)


def parse_beads(text: str) -> list[Pair]:
    """Read MAC bead lines; blank lines are skipped, anything else malformed raises ValueError."""
    beads: list[Pair] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        match = _BEAD.match(line.strip())
        if match is None:
            raise ValueError(f"line {number}: not a bead like [0,1]:[2]: {line!r}")
        source, target = (_ids(group) for group in match.groups())
        if not source and not target:
            raise ValueError(f"line {number}: a bead needs a sentence on one side at least")
        beads.append((source, target))
    return beads


def read_beads(path: Path | str) -> list[Pair]:
    """A MAC ``.align`` file."""
    return parse_beads(Path(path).read_text(encoding="utf-8"))


def _ids(group: str) -> tuple[int, ...]:
    return tuple(int(part) for part in group.split(",") if part.strip())


@dataclass(frozen=True)
class Counts:
    """True and false positives, strict and lax, for precision (and, swapped, for recall)."""

    strict_hits: int = 0
    strict_misses: int = 0
    lax_hits: int = 0
    lax_misses: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.strict_hits + other.strict_hits,
            self.strict_misses + other.strict_misses,
            self.lax_hits + other.lax_hits,
            self.lax_misses + other.lax_misses,
        )


@dataclass(frozen=True)
class Score:
    """Pooled precision, recall and F1, strict and lax."""

    precision: Counts
    recall: Counts

    @classmethod
    def empty(cls) -> Score:
        """Nothing counted yet (the start of a pooled sum)."""
        return cls(Counts(), Counts())

    def __add__(self, other: Score) -> Score:
        return Score(self.precision + other.precision, self.recall + other.recall)

    @property
    def strict(self) -> tuple[float, float, float]:
        return _prf(
            _ratio(self.precision.strict_hits, self.precision.strict_misses),
            _ratio(self.recall.strict_hits, self.recall.strict_misses),
        )

    @property
    def lax(self) -> tuple[float, float, float]:
        return _prf(
            _ratio(self.precision.lax_hits, self.precision.lax_misses),
            _ratio(self.recall.lax_hits, self.recall.lax_misses),
        )


def score_beads(gold: Sequence[SentenceBead | Pair], test: Sequence[SentenceBead | Pair]) -> Score:
    """Score one file's beads against its gold; add Scores to pool files."""
    gold_pairs = [_pair(bead) for bead in gold]
    test_pairs = [_pair(bead) for bead in test]
    both_sides = [pair for pair in gold_pairs if pair[0] and pair[1]]
    return Score(_count(gold_pairs, test_pairs), _count(test_pairs, both_sides))


def _pair(bead: SentenceBead | Pair) -> Pair:
    if isinstance(bead, SentenceBead):
        return bead.source, bead.target
    return tuple(bead[0]), tuple(bead[1])


def _count(reference: Sequence[Pair], found: Sequence[Pair]) -> Counts:
    """How many of ``found`` are in ``reference`` exactly (strict) or by a shared link (lax)."""
    exact = set(reference)
    links: dict[int, set[int]] = {}
    for source, target in reference:
        for s in source:
            links.setdefault(s, set()).update(target)
    strict = lax = 0
    for pair in set(found):
        if pair in exact:
            strict += 1
            lax += 1
        elif any(t in links.get(s, ()) for s in pair[0] for t in pair[1]):
            lax += 1
    total = len(set(found))
    return Counts(strict, total - strict, lax, total - lax)


def _ratio(hits: int, misses: int) -> float:
    return hits / (hits + misses) if hits + misses else 0.0


def _prf(precision: float, recall: float) -> tuple[float, float, float]:
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1
