"""Sentence alignment: Chinese and English sentence lists into beads, offline.

See docs/alignment.md. Names load on first use: the aligner needs numpy and the sentence
encoder, which a command that only reads alignments (``check``) should not pay for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from toolkit._lazy import lazy_names

if TYPE_CHECKING:
    from toolkit.align.core import (
        AlignOptions,
        Encoder,
        SentenceBead,
        SpanEncoder,
        align_sentences,
        default_encoder,
    )

__all__ = [
    "AlignOptions",
    "Encoder",
    "SentenceBead",
    "SpanEncoder",
    "align_sentences",
    "default_encoder",
]

__getattr__ = lazy_names(__name__, {"toolkit.align.core": __all__})
