"""Translation files of other tools (PO, XLIFF, TMX): read entry by entry.

``open_bitext(path)`` recognises the format by the file's suffix and returns a
``Bitext``: the languages the file declares and an iterator over its entries, read
lazily so that a large file is never held whole (PO files are the exception: polib
reads one file at once). Writers for export come beside the readers.
"""

from __future__ import annotations

from toolkit.exchange.entry import BITEXT_SUFFIXES, Bitext, Entry, Languages, is_bitext, open_bitext

__all__ = ["BITEXT_SUFFIXES", "Bitext", "Entry", "Languages", "is_bitext", "open_bitext"]
