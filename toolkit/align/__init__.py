"""Sentence alignment: Chinese and English sentence lists into beads, offline.

See docs/alignment.md.
"""

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
