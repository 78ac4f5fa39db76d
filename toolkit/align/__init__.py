"""Sentence alignment: Chinese and English sentence lists into beads, offline.

See docs/alignment.md. Names load on first use: the aligner needs numpy and the sentence
encoder, which a command that only reads alignments (``check``) should not pay for.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

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


def __getattr__(name: str) -> Any:
    if name in __all__:
        return getattr(importlib.import_module("toolkit.align.core"), name)
    raise AttributeError(f"module 'toolkit.align' has no attribute {name!r}")
