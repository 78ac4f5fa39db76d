"""Search bands: which cells of the (source prefix × target prefix) grid a search may visit.

A cell (i, j) stands for "the first i source and the first j target sentences are aligned".
A band keeps, for each source prefix i, the target prefixes ``lo[i]..hi[i]`` (inclusive), so
the search costs time and memory in proportion to the band's area, never the full grid.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
from numpy.typing import NDArray

Ints = NDArray[np.int64]


@dataclass(frozen=True)
class Band:
    """Per source prefix i (0..n), the inclusive range of target prefixes ``lo[i]..hi[i]``.

    Both bounds never decrease, ``lo[0] == 0`` and ``hi[n] == m``, and each row reaches back
    to the previous one (``lo[i] <= hi[i - 1]``), so a monotone path from (0, 0) to (n, m)
    always exists inside it. Cells are numbered row after row (``offsets``).
    """

    lo: Ints
    hi: Ints

    @classmethod
    def from_bounds(cls, lo: Ints, hi: Ints, m: int) -> Band:
        """Clip to the grid and repair the bounds into a connected, monotone band."""
        lo = np.clip(np.asarray(lo, dtype=np.int64), 0, m)
        hi = np.clip(np.asarray(hi, dtype=np.int64), 0, m)
        lo = np.maximum.accumulate(lo)
        hi = np.maximum(np.maximum.accumulate(hi), lo)
        lo[0], hi[-1] = 0, m
        hi = np.maximum.accumulate(hi)
        lo[1:] = np.minimum(lo[1:], hi[:-1])  # still monotone: hi[:-1] >= lo[:-1]
        return cls(lo, hi)

    @property
    def rows(self) -> int:
        """Source prefixes: n + 1."""
        return len(self.lo)

    @cached_property
    def offsets(self) -> Ints:
        """Where each row's cells start in a flat per-cell array (length rows + 1)."""
        out = np.zeros(self.rows + 1, dtype=np.int64)
        np.cumsum(self.hi - self.lo + 1, out=out[1:])
        return out

    @property
    def size(self) -> int:
        return int(self.offsets[-1])

    def cells(self, first: int, stop: int) -> tuple[Ints, Ints]:
        """Row and column of every cell in rows ``first..stop-1``, in flat order."""
        widths = self.hi[first:stop] - self.lo[first:stop] + 1
        rows = np.repeat(np.arange(first, stop, dtype=np.int64), widths)
        starts = np.repeat(self.offsets[first:stop] - self.lo[first:stop], widths)
        cols = np.arange(self.offsets[first], self.offsets[stop], dtype=np.int64) - starts
        return rows, cols


def diagonal_band(
    source_chars: NDArray[np.float64] | Ints, target_chars: NDArray[np.float64] | Ints, width: int
) -> Band:
    """Cells within ``width`` target sentences of the length-proportional diagonal.

    The diagonal pairs the source prefix holding a fraction f of the source's characters with
    the target prefix holding the same fraction of the target's: the path a translation of
    even density would take.
    """
    m = len(target_chars)
    src = _fractions(source_chars)
    tgt = _fractions(target_chars)
    centre = np.searchsorted(tgt, src, side="left").astype(np.int64)
    below = np.searchsorted(tgt, src, side="right").astype(np.int64) - 1
    return Band.from_bounds(np.minimum(centre, below) - width, np.maximum(centre, below) + width, m)


def path_band(path: list[tuple[int, int]], n: int, m: int, width: int) -> Band:
    """Cells within ``width`` sentences (either side) of a monotone path of cells."""
    rows = np.array([i for i, _ in path], dtype=np.int64)
    cols = np.array([j for _, j in path], dtype=np.int64)
    first = np.full(n + 1, m, dtype=np.int64)
    last = np.zeros(n + 1, dtype=np.int64)
    np.minimum.at(first, rows, cols)
    np.maximum.at(last, rows, cols)
    lo = _sliding(first, width, np.minimum) - width
    hi = _sliding(last, width, np.maximum) + width
    return Band.from_bounds(lo, hi, m)


def touches_edge(band: Band, path: list[tuple[int, int]], slack: int, m: int) -> bool:
    """Whether the path runs within ``slack`` of a band edge that is not the grid's own edge."""
    for i, j in path:
        lo, hi = int(band.lo[i]), int(band.hi[i])
        if (lo > 0 and j - lo < slack) or (hi < m and hi - j < slack):
            return True
    return False


def _fractions(chars: NDArray[np.float64] | Ints) -> NDArray[np.float64]:
    """Where each prefix ends, as a fraction of the whole text (+1 per sentence, so that
    empty sentences still advance)."""
    prefix = np.zeros(len(chars) + 1, dtype=np.float64)
    np.cumsum(np.asarray(chars, dtype=np.float64) + 1.0, out=prefix[1:])
    prefix /= prefix[-1]
    return prefix


def _sliding(values: Ints, radius: int, reduce: np.ufunc) -> Ints:
    """``reduce`` (minimum or maximum) of the values within ``radius`` rows, rows with no cell
    of the path taking their neighbours' values."""
    out = values.copy()
    for shift in range(1, radius + 1):
        out[shift:] = reduce(out[shift:], values[:-shift])
        out[:-shift] = reduce(out[:-shift], values[shift:])
    return out
