"""What a document reader finds besides the body's blocks, in the order it finds it.

A reader walks a page or document once and produces *events*: the body's blocks, and the
pieces that do not belong in the body, each where it stood. ``pandoc_reader`` turns them
into the import record's parts, in the same order, so that the record reads as the file.

- :class:`SetAside`: kept in the import record with its reason (page furniture, a script's
  visible text, an image that could not be brought in);
- :class:`CreditLine`: an image credit as published that no usable image carries; it goes
  to the metadata (``image_credits`` of an original, ``photo_credits`` of a translation).
"""

from __future__ import annotations

from dataclasses import dataclass

from toolkit.model import Block
from toolkit.store.importrecord import Reason


@dataclass(frozen=True)
class SetAside:
    """A piece kept out of the body: where it stood, why, and its visible text lines."""

    element: str
    reason: Reason
    text: tuple[str, ...]


@dataclass(frozen=True)
class CreditLine:
    """An image credit line (``圖片來源：中央社``, ``Photo: Li Wei``) exactly as published."""

    element: str
    text: str


#: A piece of the file that does not go into the body.
Piece = SetAside | CreditLine
#: What a reader produces, in the file's order.
Event = Block | SetAside | CreditLine
