"""Sentence segmentation of Chinese and English paragraphs (pure functions).

``sentence_spans(text, lang, protected=())`` gives the (start, end) offsets of each
sentence of one paragraph written in the store's inline markup; ``split_sentences(text,
lang)`` the sentences themselves. The rules are in docs/segmentation.md: ``chinese`` and
``english`` hold them, ``markup`` reads through the inline markup, ``candidates`` finds
the places a sentence may end, and ``spans`` puts it together.
"""

from __future__ import annotations

from toolkit.segment.spans import sentence_spans, split_sentences, uses_chinese_rules

__all__ = ["sentence_spans", "split_sentences", "uses_chinese_rules"]
