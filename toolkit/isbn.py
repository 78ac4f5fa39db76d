"""ISBNs: read as a person writes them, checked by their check digit, kept as ISBN-13.

A publication's ISBN is written in its metadata as printed on its copyright page:
ISBN-10 or ISBN-13, with hyphens or spaces where the publisher put them, perhaps after
``ISBN``. A mistyped digit is caught by the check digit (ISO 2108) when the metadata is
read, not months later by a distributor. Every output gives the ISBN-13 (an ISBN-10 is
the ISBN-13 ``978`` + its first nine digits + a new check digit), without hyphens: where
the hyphens go depends on the ranges the ISBN agencies assign, which the toolkit does not
keep, and a wrong hyphen is worse than none.
"""

from __future__ import annotations

import re

__all__ = ["isbn13"]

#: What may stand before the number: ``ISBN``, ``ISBN-13:``, ``isbn 10`` …
_PREFIX = re.compile(r"ISBN(?:[-\s]?1[03])?:?\s*", re.IGNORECASE)
#: What may separate its groups: spaces and hyphens (the ASCII one and Unicode's).
_SEPARATORS = re.compile(r"[\s\-\u2010\u2011\u2012\u2013]")


def isbn13(written: str) -> str:
    """The ISBN-13 of ``written`` (13 digits); ValueError saying what is wrong, and how
    to put it right, when it is not an ISBN."""
    compact = _SEPARATORS.sub("", _PREFIX.sub("", written.strip(), count=1))
    stray = next((ch for ch in compact if ch not in "0123456789Xx"), None)
    if stray is not None:
        raise ValueError(
            f"{written!r} is not an ISBN: {stray!r} is neither a digit, a hyphen nor a space "
            "(write the ISBN as printed, e.g. 978-0-306-40615-7)"
        )
    if len(compact) == 10:
        return _from_isbn10(compact, written)
    if len(compact) != 13:
        raise ValueError(
            f"{written!r} is not an ISBN: an ISBN has 10 or 13 digits (hyphens and spaces "
            f"aside), this has {len(compact)}; copy it again from the copyright page"
        )
    if not compact.isdigit():
        raise ValueError(f"{written!r} is not an ISBN-13: only an ISBN-10 may end in X")
    if compact[:3] not in ("978", "979"):
        raise ValueError(
            f"{written!r} is not an ISBN-13: it begins with {compact[:3]}, and every ISBN-13 "
            "begins with 978 or 979 (is it another barcode number?)"
        )
    expected = _check13(compact[:12])
    if compact[12] != expected:
        raise ValueError(_mistyped(written, "ISBN-13", compact[12], expected, 12))
    return compact


def _from_isbn10(compact: str, written: str) -> str:
    body, given = compact[:9], compact[9].upper()
    if not body.isdigit():
        raise ValueError(f"{written!r} is not an ISBN-10: only its last character may be X")
    expected = _check10(body)
    if given != expected:
        raise ValueError(_mistyped(written, "ISBN-10", given, expected, 9))
    return "978" + body + _check13("978" + body)


def _check10(body: str) -> str:
    """ISBN-10's check character: the weighted sum (10, 9, … 1) is a multiple of 11."""
    remainder = sum((10 - i) * int(d) for i, d in enumerate(body)) % 11
    value = (11 - remainder) % 11
    return "X" if value == 10 else str(value)


def _check13(body: str) -> str:
    """ISBN-13's (EAN-13's) check digit: weights 1, 3, 1, 3 …; the sum is a multiple of 10."""
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(body))
    return str((10 - total % 10) % 10)


def _mistyped(written: str, kind: str, given: str, expected: str, digits: int) -> str:
    return (
        f"{written!r} is not a valid {kind}: its last character, the check digit, is "
        f"{given}, and its first {digits} digits call for {expected}; a digit is mistyped "
        "(copy the ISBN again from the copyright page)"
    )
