"""Dynamic programming over a band: the best sequence of beads, and how sure each bead is.

``best_path`` is the Viterbi search: the monotone sequence of beads from (0, 0) to (n, m)
whose scores sum highest. ``posteriors`` is the forward-backward sum over every sequence of
beads in the band, each weighted by ``exp(total score / temperature)``; a bead's posterior
is the share of that weight held by sequences that contain it, which is how sure the search
is of it given the alternatives the band allows.

Both go row by row (one source prefix at a time) with numpy over the row's cells. A row's
0-1 beads chain along the row; that recurrence, ``f[j] = op(g[j], f[j-1] + e[j])``, is solved
in one pass with a cumulative max (or a cumulative log-sum-exp).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from numpy.typing import NDArray

from toolkit.align.band import Band

Shape = tuple[int, int]
Scores = Mapping[Shape, NDArray[np.float32]]
Bead = tuple[int, int, int, int]  # source start, source stop, target start, target stop

_NEG = -np.inf


def best_path(band: Band, scores: Scores) -> list[Bead]:
    """The highest-scoring monotone sequence of beads through the band, in order."""
    shapes = [shape for shape in scores if shape[0] > 0]
    across = len(shapes) if (0, 1) in scores else -1
    value = np.full(band.size, _NEG)
    choice = np.full(band.size, -1, dtype=np.int8)
    for i in range(band.rows):
        lo, hi = int(band.lo[i]), int(band.hi[i])
        here = slice(int(band.offsets[i]), int(band.offsets[i + 1]))
        best = np.full(hi - lo + 1, _NEG)
        chosen = np.full(hi - lo + 1, -1, dtype=np.int8)
        if i == 0:
            best[0] = 0.0  # the empty prefix; band.lo[0] == 0
        for k, (a, b) in enumerate(shapes):
            if a > i:
                continue
            came = _previous(band, value, i, a, b, lo, hi) + scores[(a, b)][here]
            better = came > best
            best[better] = came[better]
            chosen[better] = k
        if across >= 0:
            best, along = _chain_max(best, scores[(0, 1)][here])
            chosen[along] = across
        value[here] = best
        choice[here] = chosen
    return _trace(band, choice, [*shapes, (0, 1)])


def posteriors(band: Band, scores: Scores, beads: list[Bead], temperature: float) -> list[float]:
    """For each bead of a path, the posterior probability that the alignment contains it."""
    scaled = {shape: values.astype(np.float64) / temperature for shape, values in scores.items()}
    forward = _forward(band, scaled)
    backward = _backward(band, scaled)
    total = forward[band.size - 1]
    out = []
    for s0, s1, t0, t1 in beads:
        start = _cell(band, s0, t0)
        end = _cell(band, s1, t1)
        weight = forward[start] + scaled[(s1 - s0, t1 - t0)][end] + backward[end] - total
        out.append(float(np.clip(np.exp(weight), 0.0, 1.0)))
    return out


def _forward(band: Band, scores: Mapping[Shape, NDArray[np.float64]]) -> NDArray[np.float64]:
    shapes = [shape for shape in scores if shape[0] > 0]
    value = np.full(band.size, _NEG)
    for i in range(band.rows):
        lo, hi = int(band.lo[i]), int(band.hi[i])
        here = slice(int(band.offsets[i]), int(band.offsets[i + 1]))
        total = np.full(hi - lo + 1, _NEG)
        if i == 0:
            total[0] = 0.0
        for a, b in shapes:
            if a <= i:
                total = np.logaddexp(
                    total, _previous(band, value, i, a, b, lo, hi) + scores[(a, b)][here]
                )
        if (0, 1) in scores:
            total = _chain_logsumexp(total, scores[(0, 1)][here])
        value[here] = total
    return value


def _backward(band: Band, scores: Mapping[Shape, NDArray[np.float64]]) -> NDArray[np.float64]:
    """``value[cell]``: log of the summed weight of every way from the cell to (n, m)."""
    shapes = [shape for shape in scores if shape[0] > 0]
    last = band.rows - 1
    value = np.full(band.size, _NEG)
    for i in range(last, -1, -1):
        lo, hi = int(band.lo[i]), int(band.hi[i])
        here = slice(int(band.offsets[i]), int(band.offsets[i + 1]))
        total = np.full(hi - lo + 1, _NEG)
        if i == last:
            total[-1] = 0.0  # (n, m); band.hi[n] == m
        for a, b in shapes:
            if i + a <= last:
                total = np.logaddexp(total, _next(band, value, scores[(a, b)], i, a, b, lo, hi))
        if (0, 1) in scores:
            # f[j] = logaddexp(g[j], e[j + 1] + f[j + 1]), solved right to left
            e = np.append(scores[(0, 1)][here][1:], _NEG)
            total = _chain_logsumexp(total[::-1], e[::-1])[::-1]
        value[here] = total
    return value


def _previous(
    band: Band, value: NDArray[np.float64], i: int, a: int, b: int, lo: int, hi: int
) -> NDArray[np.float64]:
    """``value`` at (i - a, j - b) for each j of row i (-inf outside the band)."""
    out = np.full(hi - lo + 1, _NEG)
    plo, phi = int(band.lo[i - a]), int(band.hi[i - a])
    first, last = max(lo, plo + b), min(hi, phi + b)
    if first <= last:
        base = int(band.offsets[i - a]) - plo - b
        out[first - lo : last - lo + 1] = value[base + first : base + last + 1]
    return out


def _next(
    band: Band,
    value: NDArray[np.float64],
    score: NDArray[np.float64],
    i: int,
    a: int,
    b: int,
    lo: int,
    hi: int,
) -> NDArray[np.float64]:
    """``score + value`` at (i + a, j + b) for each j of row i (-inf outside the band)."""
    out = np.full(hi - lo + 1, _NEG)
    nlo, nhi = int(band.lo[i + a]), int(band.hi[i + a])
    first, last = max(lo, nlo - b), min(hi, nhi - b)
    if first <= last:
        base = int(band.offsets[i + a]) - nlo + b
        cells = slice(base + first, base + last + 1)
        out[first - lo : last - lo + 1] = value[cells] + score[cells]
    return out


def _chain_max(
    best: NDArray[np.float64], step: NDArray[np.float32]
) -> tuple[NDArray[np.float64], NDArray[np.bool_]]:
    """Solve ``f[j] = max(g[j], f[j-1] + step[j])``; also say where the chain won."""
    steps = np.concatenate([[0.0], np.cumsum(step[1:], dtype=np.float64)])
    shifted = best - steps
    running = np.maximum.accumulate(shifted)
    along = shifted < running
    return running + steps, along


def _chain_logsumexp(total: NDArray[np.float64], step: NDArray[np.float64]) -> NDArray[np.float64]:
    """Solve ``f[j] = logaddexp(g[j], f[j-1] + step[j])``."""
    steps = np.concatenate([[0.0], np.cumsum(step[1:])])
    return np.asarray(np.logaddexp.accumulate(total - steps) + steps)


def _cell(band: Band, i: int, j: int) -> int:
    return int(band.offsets[i]) + j - int(band.lo[i])


def _trace(band: Band, choice: NDArray[np.int8], shapes: list[Shape]) -> list[Bead]:
    i, j = band.rows - 1, int(band.hi[-1])
    beads: list[Bead] = []
    while i > 0 or j > 0:
        k = int(choice[_cell(band, i, j)])
        if k < 0:
            raise AssertionError(f"no path reaches ({i}, {j}): the band is not connected")
        a, b = shapes[k]
        beads.append((i - a, i, j - b, j))
        i, j = i - a, j - b
    beads.reverse()
    return beads
