"""Align a list of Chinese sentences with a list of English sentences, offline.

``align_sentences`` returns beads: runs of consecutive source sentences paired with runs of
consecutive target sentences (1-1, 1-2, 2-1, ... and 1-0 / 0-1 for a sentence with no
counterpart), in order, covering every sentence of both sides exactly once.

Two passes, both dynamic programming over a band of the (source × target) grid:

1. a 1-1 path with skips over sentence cosines, searched in a band around the
   length-proportional diagonal (widened and searched again if the path runs into its edge);
2. every bead shape, scored by ``signals.bead_scores`` (sentence embeddings, lengths,
   punctuation cues and the source's clauses either side of each boundary), in a band of
   ``options.band`` sentences around that path.

A bead's score (its confidence) is its posterior probability under the second pass: the
share, among all alignments the band allows, weighted by ``exp(total score / temperature)``,
of those that contain this bead (``search.posteriors``). See docs/alignment.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

import numpy as np
from numpy.typing import NDArray

from toolkit.align.band import diagonal_band, path_band, touches_edge
from toolkit.align.cues import clause_ends, cue_prefix, in_speech
from toolkit.align.search import best_path, posteriors
from toolkit.align.signals import Side, SpanFunction, bead_scores, one_to_one_scores

Shape = tuple[int, int]

#: The bead shapes searched by default (source sentences, target sentences).
SHAPES: tuple[Shape, ...] = (
    (0, 1), (1, 0), (1, 1), (1, 2), (2, 1), (2, 2),
    (1, 3), (3, 1), (1, 4), (4, 1), (2, 3), (3, 2), (1, 5), (1, 6),
)  # fmt: skip


@dataclass(frozen=True)
class SentenceBead:
    """Source sentences ``source`` are translated by target sentences ``target``.

    Indices are 0-based, ascending and contiguous; one side may be empty (1-0, 0-1), not both.
    ``score`` in [0, 1] is how sure the aligner is of this bead.
    """

    source: tuple[int, ...]
    target: tuple[int, ...]
    score: float


@dataclass(frozen=True)
class AlignOptions:
    """Settings of the aligner; the defaults are the tuned ones (docs/alignment.md)."""

    #: target characters per source character; None estimates it from the two texts
    length_ratio: float | None = None
    #: second pass: how many sentences either side of the first pass's path are searched
    band: int = 8
    shapes: tuple[Shape, ...] = SHAPES
    #: weight of the mean cosine to the sentences just outside a bead (Bertalign's margin)
    margin_weight: float = 0.3
    #: weight of the squared log ratio of the two sides' lengths to the expected ratio
    length_weight: float = 0.35
    #: characters added to both lengths in that ratio, so short sentences vary less
    length_smoothing: float = 20.0
    #: penalty when a cue (cues.CUES: speech, exclamation) is on one side of a bead only
    cue_weights: tuple[float, float] = (0.05, 0.05)
    #: penalty for a bead ending inside quoted speech on one side only
    speech_weight: float = 0.2
    #: weight of the clause signal at a bead's end (signals.boundary_scores)
    clause_weight: float = 0.15
    #: the (negative) score of a 1-0 or 0-1 bead
    empty_penalty: float = 0.14
    #: first pass: the score of skipping a sentence, and the starting half-width of its band
    skip_penalty: float = 0.1
    first_width: int = 50
    #: posterior temperature for the confidence score
    temperature: float = 0.08
    #: score added to a bead of each shape (default 0)
    priors: tuple[tuple[Shape, float], ...] = ()

    def prior(self, source: int, target: int) -> float:
        return dict(self.priors).get((source, target), 0.0)


class Encoder(Protocol):
    """Sentence embeddings: one L2-normalised row per text."""

    def encode(self, texts: Sequence[str]) -> NDArray[np.float32]: ...


@runtime_checkable
class SpanEncoder(Protocol):
    """An encoder that can also embed joins of consecutive sentences without re-encoding them."""

    def encode(self, texts: Sequence[str]) -> NDArray[np.float32]: ...

    def encode_spans(self, texts: Sequence[str]) -> SpanFunction:
        """Prepare ``texts``; return ``f(starts, stops)`` embedding each ``texts[start:stop]``."""
        ...


def default_encoder() -> Encoder:
    """Google's multilingual Universal Sentence Encoder v3, loaded once per process."""
    from toolkit.align.encoder import use_encoder

    return use_encoder()


def align_sentences(
    source: Sequence[str],
    target: Sequence[str],
    options: AlignOptions | None = None,
    encoder: Encoder | None = None,
) -> list[SentenceBead]:
    """Align source sentences with target sentences into monotone beads covering both sides."""
    options = options or AlignOptions()
    n, m = len(source), len(target)
    if n == 0 or m == 0:
        return [SentenceBead((i,), (), 1.0) for i in range(n)] + [
            SentenceBead((), (j,), 1.0) for j in range(m)
        ]
    encoder = encoder or default_encoder()
    src = _side(encoder, source, clauses=bool(options.clause_weight))
    tgt = _side(encoder, target, clauses=False)
    ratio = options.length_ratio or estimate_ratio(source, target)
    path = _first_pass(src, tgt, options)
    band = path_band(path, n, m, options.band)
    scores = bead_scores(band, src, tgt, ratio, options)
    beads = best_path(band, scores)
    confidence = posteriors(band, scores, beads, options.temperature)
    return [
        SentenceBead(tuple(range(s0, s1)), tuple(range(t0, t1)), round(score, 6))
        for (s0, s1, t0, t1), score in zip(beads, confidence, strict=True)
    ]


def estimate_ratio(source: Sequence[str], target: Sequence[str]) -> float:
    """Target characters per source character over the whole text (1.0 if either is empty)."""
    src = sum(_length(text) for text in source)
    tgt = sum(_length(text) for text in target)
    return tgt / src if src and tgt else 1.0


def _length(text: str) -> int:
    return len(text.strip())


def _side(encoder: Encoder, texts: Sequence[str], clauses: bool) -> Side:
    """Everything the scorer needs of one side; with ``clauses``, also the embeddings of each
    sentence's first and last clause (otherwise the whole sentence stands for both)."""
    spans = (
        encoder.encode_spans(texts) if isinstance(encoder, SpanEncoder) else _joins(encoder, texts)
    )
    ends = np.arange(1, len(texts) + 1, dtype=np.int64)
    chars = np.zeros(len(texts) + 1, dtype=np.float64)
    np.cumsum([_length(text) for text in texts], out=chars[1:])
    singles = np.asarray(spans(ends - 1, ends), dtype=np.float32)
    heads, tails = singles, singles
    if clauses:
        ends_of = [clause_ends(text) for text in texts]
        split = [k for k, (head, tail) in enumerate(ends_of) if head != tail]
        if split:
            heads, tails = singles.copy(), singles.copy()
            encoded = encoder.encode(
                [ends_of[k][0] for k in split] + [ends_of[k][1] for k in split]
            )
            heads[split] = encoded[: len(split)]
            tails[split] = encoded[len(split) :]
    return Side(spans, singles, chars, cue_prefix(texts), in_speech(texts), heads, tails)


def _joins(encoder: Encoder, texts: Sequence[str]) -> SpanFunction:
    """Embed joins by encoding the joined text (for encoders that cannot compose them)."""

    def spans(starts: NDArray[np.int64], stops: NDArray[np.int64]) -> NDArray[np.float32]:
        joined = []
        for start, stop in zip(starts.tolist(), stops.tolist(), strict=True):
            text = texts[start]
            for following in texts[start + 1 : stop]:
                text += _separator(text, following) + following
            joined.append(text)
        return np.asarray(encoder.encode(joined), dtype=np.float32)

    return spans


def _separator(left: str, right: str) -> str:
    """No space between two CJK sentences, one space otherwise."""
    cjk = bool(left) and bool(right) and ord(left[-1]) >= 0x2E80 and ord(right[0]) >= 0x2E80
    return "" if cjk else " "


def _first_pass(source: Side, target: Side, options: AlignOptions) -> list[tuple[int, int]]:
    """Cells of the best 1-1 path with skips, searched near the length-proportional diagonal."""
    n, m = source.count, target.count
    width = options.first_width
    while True:
        band = diagonal_band(np.diff(source.chars), np.diff(target.chars), width)
        beads = best_path(band, one_to_one_scores(band, source, target, options.skip_penalty))
        path = [(0, 0)] + [(s1, t1) for _, s1, _, t1 in beads]
        if width >= max(n, m) or not touches_edge(band, path, options.band, m):
            return path
        width *= 2
