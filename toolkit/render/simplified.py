"""The Simplified Chinese edition's text: the Traditional original converted by OpenCC.

``t2s`` converts the characters only (the author's words stay the author's); ``tw2sp``
also turns Taiwan's phrasing into mainland usage (軟體 → 软件). Corner quotes become the
curly quotes mainland readers expect (「」 → “”, 『』 → ‘’). What is not prose is left as
written: code (spans and blocks), and the addresses of links and images.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import replace
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from toolkit.metadata import Isbn
from toolkit.model import Block, Document

__all__ = ["Conversion", "Simplified", "converter", "simplified_document", "simplified_text"]


class Conversion(StrEnum):
    """OpenCC's configurations an edition may use."""

    T2S = "t2s"
    TW2SP = "tw2sp"


#: The conversion a Simplified edition uses unless its work says otherwise.
DEFAULT = Conversion.T2S


class Simplified(BaseModel):
    """How a work's Simplified edition is made (``simplified:`` in its build.yaml)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    #: OpenCC's configuration: ``t2s`` (characters only) or ``tw2sp`` (Taiwan phrasing
    #: to mainland usage too).
    conversion: Conversion = DEFAULT
    #: 「」『』 become “”‘’, as mainland readers expect.
    mainland_quotes: bool = True
    #: The Simplified edition's own ISBN, when it is published with one: never the
    #: original's, which belongs to the original's edition (``toolkit.isbn``).
    isbn: Isbn | None = None


#: The settings a work without build.yaml gets.
DEFAULT_SETTINGS = Simplified()
_QUOTES = str.maketrans({"「": "“", "」": "”", "『": "‘", "』": "’"})
#: What stays as written in a segment's text: code spans, and a link's or image's address.
_KEPT = re.compile(r"`[^`\n]*`|\]\([^)\s]*(?:\s+\"[^\"]*\")?\)")


@functools.cache
def converter(conversion: Conversion = DEFAULT) -> Callable[[str], str]:
    from opencc import OpenCC

    convert: Callable[[str], str] = OpenCC(conversion.value).convert
    return convert


def simplified_text(text: str, settings: Simplified = DEFAULT_SETTINGS) -> str:
    """``text`` (a segment's markup) in Simplified characters, with mainland quotes unless
    ``settings`` keep the corner ones."""
    convert = converter(settings.conversion)
    quotes = _QUOTES if settings.mainland_quotes else {}
    out, at = [], 0
    for m in _KEPT.finditer(text):
        out.append(convert(text[at : m.start()]).translate(quotes))
        out.append(m.group())
        at = m.end()
    out.append(convert(text[at:]).translate(quotes))
    return "".join(out)


def simplified_document(document: Document, settings: Simplified = DEFAULT_SETTINGS) -> Document:
    """The document with every segment's text, and every figure's credit, converted; code
    blocks as written."""
    return replace(document, blocks=tuple(_block(b, settings) for b in document.blocks))


def _block(block: Block, settings: Simplified) -> Block:
    """A block with its segments and credit converted (a code block's text is in its
    ``code``, which is never converted)."""
    segments = tuple(replace(s, text=simplified_text(s.text, settings)) for s in block.segments)
    credit = simplified_text(block.credit, settings) if block.credit else ""
    return replace(block, segments=segments, credit=credit)
