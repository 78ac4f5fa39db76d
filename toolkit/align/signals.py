"""Bead scores: how good a bead of each shape ending at each cell of a band would be.

A bead joining source sentences ``i-a..i-1`` with target sentences ``j-b..j-1`` (a, b >= 1)
scores

    cos(S, T)
    - margin_weight * mean cosine of S and T to the single sentences just outside the bead
    - length_weight * log((len(T) + k) / (ratio * len(S) + k)) ** 2
    - cue_weights . [a cue (speech, exclamation) is on one side only]
    + boundary_scores(i, j)
    + the shape's prior (none by default)

where S and T are the embeddings of the joined sentences and lengths are in characters.
The neighbour margin (Bertalign's, at reduced weight) stops a bead from winning because its
side resembles everything around it; the length term asks for the text's usual ratio of
target to source characters; the cues (module ``cues``) catch speech and exclamations that
moved to the wrong side of a boundary. ``boundary_scores`` judges the place where the bead
ends: quoted speech ending on one side only, and whether the target sentences either side
of the boundary lean towards the source clauses on their own side. A bead with an empty
side (1-0, 0-1) scores ``-empty_penalty`` plus the boundary score.

Scores are computed a block of rows at a time, so memory stays in proportion to the band.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from toolkit.align.band import Band, Ints
from toolkit.align.cues import CUES

if TYPE_CHECKING:
    from toolkit.align.core import AlignOptions

Vectors = NDArray[np.float32]
SpanFunction = Callable[[Ints, Ints], Vectors]
Shape = tuple[int, int]

_BLOCK = 128  # rows of the band scored at once


@dataclass(frozen=True)
class Side:
    """One side of the text as the scorer needs it: join embeddings, singles, lengths."""

    spans: SpanFunction  # embeddings of joins texts[start:stop]
    singles: Vectors  # (n, d) embedding of each sentence
    chars: NDArray[np.float64]  # prefix sums of sentence lengths, length n + 1
    cues: NDArray[np.float64]  # prefix sums of cue counts (cues.CUES), shape (n + 1, cues)
    speech: NDArray[np.bool_]  # does texts[:k] end inside quoted speech, k = 0..n
    heads: Vectors  # (n, d) embedding of each sentence's first clause
    tails: Vectors  # (n, d) embedding of each sentence's last clause

    @property
    def count(self) -> int:
        return len(self.singles)


#: What is measured of each bead with two non-empty sides, in this order.
FEATURES = ("cosine", "margin", "length", *(f"cue_{cue}" for cue in CUES))


def bead_scores(
    band: Band, source: Side, target: Side, ratio: float, options: AlignOptions
) -> dict[Shape, NDArray[np.float32]]:
    """Per shape, the score of that bead ending at each cell of the band (-inf where none fits)."""
    shapes = [shape for shape in options.shapes if shape[0] and shape[1]]
    weights = feature_weights(options)
    out = {shape: np.full(band.size, -np.inf, dtype=np.float32) for shape in options.shapes}
    for first in range(0, band.rows, _BLOCK):
        stop = min(first + _BLOCK, band.rows)
        block = slice(int(band.offsets[first]), int(band.offsets[stop]))
        rows, cols = band.cells(first, stop)
        boundary = boundary_scores(band, first, stop, source, target, options)
        for a, b in ((1, 0), (0, 1)):
            if (a, b) in out:
                fits = (rows >= a) & (cols >= b)
                out[(a, b)][block] = np.where(fits, boundary - options.empty_penalty, -np.inf)
        features = block_features(band, first, stop, source, target, ratio, options, shapes)
        for (a, b), values in features.items():
            score = values @ weights + boundary + options.prior(a, b)
            out[(a, b)][block] = np.where(np.isnan(values[:, 0]), -np.inf, score)
    return out


def boundary_scores(
    band: Band, first: int, stop: int, source: Side, target: Side, options: AlignOptions
) -> NDArray[np.float64]:
    """What every bead ending at each cell of rows ``first..stop-1`` gets for ending there.

    A cell (i, j) puts a boundary after source sentence i-1 and target sentence j-1. It is
    penalised when one side is inside quoted speech there and the other is not. And it is
    rewarded when target sentence j-1 is closer to the last clause of source sentence i-1
    than to the first clause of source sentence i, and target sentence j the other way
    round: long Chinese sentences run several clauses together, and the English sentence at
    a boundary translates the clause next to it, not the whole sentence.
    """
    rows, cols = band.cells(first, stop)
    mismatch = source.speech[rows] != target.speech[cols]
    out: NDArray[np.float64] = np.where(mismatch, -options.speech_weight, 0.0)
    n, m = source.count, target.count
    inner = (rows >= 1) & (rows < n) & (cols >= 1) & (cols < m)
    if options.clause_weight and inner.any():
        r_lo, r_hi = max(first - 1, 0), min(stop, n)
        c_lo, c_hi = max(int(band.lo[first]) - 1, 0), min(int(band.hi[stop - 1]) + 1, m)
        near = target.singles[c_lo:c_hi].T
        to_tail = source.tails[r_lo:r_hi] @ near  # row: source sentence, column: target
        to_head = source.heads[r_lo:r_hi] @ near
        before, after = rows[inner] - 1 - r_lo, rows[inner] - r_lo
        last, following = cols[inner] - 1 - c_lo, cols[inner] - c_lo
        side = (
            to_tail[before, last]
            - to_head[after, last]
            + to_head[after, following]
            - to_tail[before, following]
        )
        out[inner] += options.clause_weight * side
    return out


def one_to_one_scores(
    band: Band, source: Side, target: Side, skip: float
) -> dict[Shape, NDArray[np.float32]]:
    """The first pass's scores: the cosine of the two sentences for a 1-1 bead, ``-skip`` for
    leaving a sentence out (1-0, 0-1)."""
    cosine = np.full(band.size, -np.inf, dtype=np.float32)
    for first in range(1, band.rows, _BLOCK):
        stop = min(first + _BLOCK, band.rows)
        rows, cols = band.cells(first, stop)
        col_lo = max(int(band.lo[first]), 1)
        block = (
            source.singles[first - 1 : stop - 1]
            @ target.singles[col_lo - 1 : int(band.hi[stop - 1])].T
        )
        fits = cols >= 1
        values = np.full(len(rows), -np.inf, dtype=np.float32)
        values[fits] = block[rows[fits] - first, cols[fits] - col_lo]
        cosine[int(band.offsets[first]) : int(band.offsets[stop])] = values
    rows_all, cols_all = band.cells(0, band.rows)
    return {
        (1, 1): cosine,
        (1, 0): np.where(rows_all >= 1, -skip, -np.inf).astype(np.float32),
        (0, 1): np.where(cols_all >= 1, -skip, -np.inf).astype(np.float32),
    }


def feature_weights(options: AlignOptions) -> NDArray[np.float64]:
    """The weight of each of ``FEATURES`` in a bead's score."""
    return np.array(
        [
            1.0,
            -options.margin_weight,
            -options.length_weight,
            *(-weight for weight in options.cue_weights),
        ]
    )


def block_features(
    band: Band,
    first: int,
    stop: int,
    source: Side,
    target: Side,
    ratio: float,
    options: AlignOptions,
    shapes: list[Shape],
) -> dict[Shape, NDArray[np.float64]]:
    """Per shape, ``FEATURES`` of the bead ending at each cell of rows ``first..stop-1``
    (one row per cell; NaN where no bead of that shape fits)."""
    rows, cols = band.cells(first, stop)
    col_lo, col_hi = int(band.lo[first]), int(band.hi[stop - 1])
    n, m = source.count, target.count
    max_a = max(a for a, _ in shapes)
    max_b = max(b for _, b in shapes)
    # single sentences just outside any bead of these rows and columns
    s_lo, s_hi = max(first - max_a - 1, 0), min(stop, n)
    t_lo, t_hi = max(col_lo - max_b - 1, 0), min(col_hi + 1, m)
    s_near = source.singles[s_lo:s_hi]
    t_near = target.singles[t_lo:t_hi]
    dim = source.singles.shape[1]
    spans_s = {a: _spans(source.spans, first, stop, a, dim) for a in {a for a, _ in shapes}}
    spans_t = {b: _spans(target.spans, col_lo, col_hi + 1, b, dim) for b in {b for _, b in shapes}}
    s_to_t_near = {a: v @ t_near.T for a, v in spans_s.items()}  # (rows, t_near)
    t_to_s_near = {b: v @ s_near.T for b, v in spans_t.items()}  # (cols, s_near)
    r, c = rows - first, cols - col_lo
    out: dict[Shape, NDArray[np.float64]] = {}
    for a, b in shapes:
        cosine = (spans_s[a] @ spans_t[b].T)[r, c]
        near = [
            _gather(s_to_t_near[a], r, cols - b - 1 - t_lo, (cols - b - 1 >= 0)),
            _gather(s_to_t_near[a], r, cols - t_lo, cols < m),
            _gather(t_to_s_near[b], c, rows - a - 1 - s_lo, (rows - a - 1 >= 0)),
            _gather(t_to_s_near[b], c, rows - s_lo, rows < n),
        ]
        total = sum(value for value, _ in near)
        count = sum(valid.astype(np.float32) for _, valid in near)
        margin = np.divide(total, count, out=np.zeros_like(cosine), where=count > 0)
        src_len = source.chars[rows] - source.chars[np.maximum(rows - a, 0)]
        tgt_len = target.chars[cols] - target.chars[np.maximum(cols - b, 0)]
        k = options.length_smoothing
        log_ratio = np.log((tgt_len + k) / (ratio * src_len + k))
        src_cues = source.cues[rows] - source.cues[np.maximum(rows - a, 0)]
        tgt_cues = target.cues[cols] - target.cues[np.maximum(cols - b, 0)]
        disagree = (src_cues > 0) != (tgt_cues > 0)
        values = np.column_stack([cosine, margin, log_ratio**2, disagree])
        values[(rows < a) | (cols < b)] = np.nan
        out[(a, b)] = values
    return out


def _spans(spans: SpanFunction, first: int, stop: int, length: int, dim: int) -> Vectors:
    """Embeddings of the joins of ``length`` sentences ending at ``first..stop-1`` (rows whose
    join would start before sentence 0 are zeros; no bead uses them)."""
    ends = np.arange(first, stop, dtype=np.int64)
    ok = ends >= length
    out = np.zeros((len(ends), dim), dtype=np.float32)
    if ok.any():
        out[ok] = spans(ends[ok] - length, ends[ok])
    return out


def _gather(
    matrix: NDArray[np.float32], rows: Ints, cols: Ints, valid: NDArray[np.bool_]
) -> tuple[NDArray[np.float32], NDArray[np.bool_]]:
    valid = valid & (cols >= 0) & (cols < matrix.shape[1])
    values = np.zeros(len(rows), dtype=np.float32)
    values[valid] = matrix[rows[valid], cols[valid]]
    return values, valid
