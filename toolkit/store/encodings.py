"""Saying what a store file that is not UTF-8 is, and how to convert it.

Store files are UTF-8. One that is not is most often a file saved by an editor in UTF-16
(Windows Notepad's "Unicode"), in Big5 or GB18030 (Chinese editors, older Windows), or not
text at all (an image or a document put where a text belongs). "Not UTF-8 (byte 0)"
tells a person none of that; :func:`not_utf8` names the likely encoding, or says the file
looks binary, with the command that converts it. The detection of Big5 and GB18030 is
the one imports use (:mod:`toolkit.store.decode`).

ASCII text in UTF-16 without a byte-order mark is valid UTF-8 (every other byte NUL), so
:func:`utf16_order` is asked of text that decoded but holds NUL characters too.
"""

from __future__ import annotations

import codecs
import shlex
from pathlib import Path

from toolkit.errors import FormatError, Location, shown_path

#: Enough of a file to tell UTF-16 from binary.
_SAMPLE = 1 << 16
#: Below this share of NUL bytes at every other position, it is not UTF-16 text.
_NUL_SHARE = 0.1
#: Python's names of the Chinese encodings and what iconv calls them.
_CHINESE = {
    "big5": ("Big5 (Traditional Chinese)", "BIG5"),
    "cp950": ("Big5 (Traditional Chinese, Microsoft's CP950)", "CP950"),
    "big5hkscs": ("Big5-HKSCS (Traditional Chinese, Hong Kong)", "BIG5-HKSCS"),
    "gb18030": ("GB18030 (Simplified Chinese)", "GB18030"),
}


def not_utf8(data: bytes, path: Path | str, error: UnicodeDecodeError | None) -> FormatError:
    """The error for ``data``, the bytes of ``path``, that are not UTF-8 text: at the line of
    ``error`` (or of the first NUL byte), naming what the bytes look like."""
    at = error.start if error is not None else max(data.find(b"\x00"), 0)
    where = Location(path, data[:at].count(b"\n") + 1)
    what, iconv = identify(data, path)
    if not what and error is not None:  # UTF-8 up to this line: is this line in another one?
        start = data.rfind(b"\n", 0, at) + 1
        end = data.find(b"\n", at)
        line_what, line_iconv = identify(data[start : end if end >= 0 else len(data)], path)
        if line_iconv:
            return FormatError(
                f"not UTF-8: this line looks like {line_what}, though the lines before it "
                "are UTF-8",
                where=where,
                fix="the file mixes encodings: convert the lines that are not UTF-8 (e.g. "
                f"iconv -f {line_iconv} -t UTF-8 on a copy holding only them), or retype them",
            )
    if iconv:
        shown = shlex.quote(shown_path(path))
        return FormatError(
            f"not UTF-8: this file looks like {what}",
            where=where,
            fix=f"convert it to UTF-8: iconv -f {iconv} -t UTF-8 {shown} > {shown}.utf8 "
            f"&& mv {shown}.utf8 {shown}",
        )
    if what == "binary":
        return FormatError(
            "not UTF-8: this file looks binary (it holds NUL bytes), not like text",
            where=where,
            fix="this is not a text file: put the right file here, as UTF-8 text (docs/format.md)",
        )
    return FormatError(
        f"not UTF-8 (byte offset {at}: {data[at : at + 4]!r}), and not UTF-16, Big5 or GB18030",
        where=where,
        fix="convert it to UTF-8 from the encoding it was saved in, e.g. "
        "iconv -f CP1252 -t UTF-8 (Western European), or save it as UTF-8 in the editor",
    )


def identify(data: bytes, path: Path | str = "<data>") -> tuple[str, str]:
    """What ``data`` (not UTF-8) looks like, and iconv's name for its encoding ('' when
    unknown): UTF-32 or UTF-16 by byte-order mark, UTF-16 by its NUL bytes, 'binary' for
    other NUL bytes, Big5 or GB18030 when it reads as Chinese text."""
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "UTF-32 (it starts with a UTF-32 byte-order mark)", "UTF-32"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "UTF-16 (it starts with a UTF-16 byte-order mark)", "UTF-16"
    order = utf16_order(data)
    if order:
        endian = "little" if order == "UTF-16LE" else "big"
        return f"UTF-16 ({endian}-endian, without a byte-order mark)", order
    if b"\x00" in data:
        return "binary", ""
    from toolkit.store.decode import decode  # Big5 and GB18030 told apart, as on import

    try:
        found = decode(data, path).encoding
    except FormatError:
        return "", ""
    return _CHINESE.get(found, ("", ""))


def utf16_order(data: bytes) -> str:
    """'UTF-16LE' or 'UTF-16BE' when ``data`` (without a byte-order mark) reads as text in
    that byte order and has the NUL bytes its ASCII characters leave; else ''."""
    sample = data[:_SAMPLE]
    half = max(len(sample) // 2, 1)
    for codec, name, high in (("utf-16-le", "UTF-16LE", 1), ("utf-16-be", "UTF-16BE", 0)):
        if sample[high::2].count(0) / half < _NUL_SHARE:
            continue
        try:
            text = codecs.getincrementaldecoder(codec)().decode(sample, final=False)
        except UnicodeDecodeError:
            continue
        if all(ch.isprintable() or ch in "\t\n\r\ufeff" for ch in text):
            return name
    return ""
