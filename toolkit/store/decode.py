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

#: Big5 and its extensions, tried in this order: Microsoft's (cp950), Hong Kong's.
BIG5_FAMILY = ("big5", "cp950", "big5hkscs")
#: Below this share of common characters, a Big5 or GB18030 reading is not Chinese text.
CHINESE_SHARE = 0.5
#: Names a user may give with --encoding, and the codec each means (others: Python's names).
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
        text, codec = _strict(data, codec, path)
        return Decoded(text, codec, "given")
    bom = _bom(data)
    if bom:
        return Decoded(_strict(data, bom, path)[0], bom, "byte-order mark")
    if html:
        declared = _meta_charset(data)
        if declared:
            text, codec = _strict(data, declared, path)
            return Decoded(text, codec, "meta charset")
    try:
        return Decoded(data.decode("utf-8"), "utf-8", "detected")
    except UnicodeDecodeError as utf8_error:
        candidates: list[tuple[float, str]] = []
        for family in (BIG5_FAMILY, ("gb18030",)):
            for codec in family:  # the first of a family that reads it
                try:
                    candidates.append((_commonness(data.decode(codec), codec), codec))
                    break
                except UnicodeDecodeError:
                    continue
        if not candidates:
            raise _error(data, utf8_error, path, "UTF-8, Big5 or GB18030") from None
        share, codec = max(candidates, key=lambda c: (c[0], c[1] != "gb18030"))
        if share < CHINESE_SHARE:
            raise FormatError(
                "cannot tell this file's encoding: it is not UTF-8, and read as Big5 or "
                f"GB18030 it is not Chinese text ({share:.0%} of its Han characters common)",
                where=Location(path),
                fix="name it with --encoding (cp1252 or latin-1 for Western text, for example)",
            ) from None
        return Decoded(data.decode(codec), codec, "detected")


def _codec(name: str, path: Path | str) -> str:
    wanted = name.strip().lower()
    if wanted in KNOWN:
        return KNOWN[wanted]
    try:
        return codecs.lookup(wanted).name
    except LookupError:
        raise FormatError(
            f"--encoding {name!r} is not an encoding Python knows",
            where=Location(path),
            fix="give one such as utf-8, utf-16, big5, cp950, big5-hkscs, gb18030 or cp1252",
        ) from None


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


def _strict(data: bytes, codec: str, path: Path | str) -> tuple[str, str]:
    """The text and the codec that read it: for Big5, the first of its family that does
    (as browsers read pages labelled big5 with Microsoft's and Hong Kong's extensions)."""
    family = BIG5_FAMILY[BIG5_FAMILY.index(codec) :] if codec in BIG5_FAMILY else (codec,)
    error: UnicodeDecodeError | None = None
    for candidate in family:
        try:
            return data.decode(candidate), candidate
        except UnicodeDecodeError as exc:
            error = error or exc
    assert error is not None
    raise _error(data, error, path, codec) from None


def _error(data: bytes, exc: UnicodeDecodeError, path: Path | str, tried: str) -> FormatError:
    line = data[: exc.start].count(b"\n") + 1
    return FormatError(
        f"cannot be read as {tried} (byte offset {exc.start}: {data[exc.start : exc.start + 4]!r})",
        where=Location(path, line),
        fix="name the file's encoding with --encoding (big5, cp950, gb18030, cp1252, …), "
        "or save it as UTF-8",
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
