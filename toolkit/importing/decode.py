"""Decode an imported file: UTF-8 (with or without a byte-order mark), UTF-16 (with one),
Big5 and GB18030, detected or named.

Detection, in order: a byte-order mark; for HTML, the ``<meta charset>`` in the first
1024 bytes (as browsers do); strict UTF-8; then Big5 and GB18030. Both of those decode
most Chinese byte strings, so when both succeed the one whose characters are more
often the common characters of its own standard wins: Big5 lists its 5,401 most used
characters first (lead bytes A4–C6), GB2312, inside GB18030, its 3,755 (lead bytes
B0–D7). Text read in the wrong one turns into rarer characters.

A byte-order mark stays in the text as U+FEFF (the line splitter notes it), and the
encoding named is the one with an explicit byte order, so that re-encoding the text
gives back the file's bytes exactly.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

from toolkit.errors import FormatError, Location

#: Names a user may give with --encoding, and the codec each means.
KNOWN = {
    "utf-8": "utf-8",
    "utf8": "utf-8",
    "utf-16": "utf-16",
    "utf-16le": "utf-16-le",
    "utf-16-le": "utf-16-le",
    "utf-16be": "utf-16-be",
    "utf-16-be": "utf-16-be",
    "big5": "big5",
    "cp950": "cp950",
    "big5-hkscs": "big5hkscs",
    "big5hkscs": "big5hkscs",
    "gb18030": "gb18030",
    "gbk": "gb18030",
    "gb2312": "gb18030",
}
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.IGNORECASE
)


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    #: How the encoding was found: 'byte-order mark', 'meta charset', 'detected', 'given'.
    how: str


def decode(
    data: bytes, path: Path | str, *, encoding: str | None = None, html: bool = False
) -> Decoded:
    """The text of ``data``. Raises FormatError naming the file, line and byte offset."""
    if encoding is not None:
        codec = _codec(encoding, path)
        if codec == "utf-16":
            codec = _utf16_order(data) or "utf-16-le"
        return Decoded(_strict(data, codec, path), codec, "given")
    bom = _bom(data)
    if bom:
        return Decoded(_strict(data, bom, path), bom, "byte-order mark")
    if html:
        declared = _meta_charset(data)
        if declared:
            return Decoded(_strict(data, declared, path), declared, "meta charset")
    try:
        return Decoded(data.decode("utf-8"), "utf-8", "detected")
    except UnicodeDecodeError as utf8_error:
        candidates: list[tuple[float, str]] = []
        for codec in ("big5", "cp950", "gb18030"):
            if codec == "cp950" and candidates and candidates[0][1] == "big5":
                continue  # Big5 read it; Microsoft's extension of it adds nothing here
            try:
                candidates.append((_commonness(data.decode(codec), codec), codec))
            except UnicodeDecodeError:
                continue
        if not candidates:
            raise _error(data, utf8_error, path, "UTF-8, Big5 or GB18030") from None
        codec = max(candidates, key=lambda c: (c[0], c[1] != "gb18030"))[1]
        return Decoded(data.decode(codec), codec, "detected")


def _codec(name: str, path: Path | str) -> str:
    codec = KNOWN.get(name.strip().lower())
    if codec is None:
        raise FormatError(
            f"--encoding {name!r} is not one the import reads",
            where=Location(path),
            fix="give one of: utf-8, utf-16, big5, big5-hkscs, gb18030",
        )
    return codec


def _bom(data: bytes) -> str | None:
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8"
    return _utf16_order(data)


def _utf16_order(data: bytes) -> str | None:
    if data.startswith(codecs.BOM_UTF16_LE):
        return "utf-16-le"
    if data.startswith(codecs.BOM_UTF16_BE):
        return "utf-16-be"
    return None


def _meta_charset(data: bytes) -> str | None:
    m = _META_CHARSET.search(data[:1024])
    if not m:
        return None
    return KNOWN.get(m.group(1).decode("ascii").lower())


def _strict(data: bytes, codec: str, path: Path | str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise _error(data, exc, path, codec) from None


def _error(data: bytes, exc: UnicodeDecodeError, path: Path | str, tried: str) -> FormatError:
    line = data[: exc.start].count(b"\n") + 1
    return FormatError(
        f"cannot be read as {tried} (byte offset {exc.start}: {data[exc.start : exc.start + 4]!r})",
        where=Location(path, line),
        fix="name the file's encoding with --encoding, or save it as UTF-8",
    )


def _commonness(text: str, codec: str) -> float:
    """The share of Han characters in ``text`` that are among the common ones of ``codec``."""
    han = [ch for ch in text if "\u3400" <= ch <= "\u9fff"]
    if not han:
        return 0.0
    common = 0
    for ch in han:
        try:
            lead = ch.encode("gb2312" if codec == "gb18030" else "big5")[0]
        except UnicodeEncodeError:
            continue
        common += (0xB0 <= lead <= 0xD7) if codec == "gb18030" else (0xA4 <= lead <= 0xC6)
    return common / len(han)
