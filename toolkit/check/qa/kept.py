"""Kept content: what a translation carries over as it is, in either direction.

A web address, an e-mail address, inline code and a translation file's placeholders are
not translated: each of the source's should be in the target. They are read exactly:

- addresses are compared normalised (scheme, case of the host, ``www.``, a trailing ``/``,
  percent-encoding), from the running text and from links' addresses; one that ends a
  sentence leaves its full stop behind. A source address replaced by another (a link to
  the Chinese page of the same article) is only information;
- inline code counts as kept when its text is in the target as code, inside other code,
  or as plain text (a translator may drop the code formatting of ``a``, not the ``a``),
  and an English plural as its singular (``records`` as ``record``);
- placeholders are printf's (``%s``, ``%(name)s``, ``%-5d``) and Python's ``{0}``,
  ``{name!r:>8}``; ``%%``, ``{{`` and ``}}`` are escapes, not placeholders, ``50% of``
  is not ``% o``, and ``%-formatting`` is not ``%-f``. Named placeholders must appear,
  unnamed ones as often in the target as in the source (their order carries meaning).

Quantities with units (5 km, 5公里) are checked in ``quantities``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from urllib.parse import unquote

from toolkit.check.qa.framework import Problem, Where, unit_check
from toolkit.check.qa.settings import Settings
from toolkit.check.qa.units import Side, Unit
from toolkit.check.registry import Family, Severity, declare
from toolkit.segment.chars import OBJECT

URL_MISSING = declare(
    "url-missing",
    Family.KEPT,
    Severity.WARNING,
    "A web address of the source is not in the translation.",
    "See https://example.org/report. → 見報告。",
)
EMAIL_MISSING = declare(
    "email-missing",
    Family.KEPT,
    Severity.WARNING,
    "An e-mail address of the source is not in the translation.",
    "寫信給 editor@example.org。 → Write to the editor.",
)
CODE_MISSING = declare(
    "code-missing",
    Family.KEPT,
    Severity.WARNING,
    "Inline code of the source is not in the translation, as code or as text.",
    "Call `close()` first. → 先呼叫 `shutdown()`。",
)
PLACEHOLDER_MISSING = declare(
    "placeholder-missing",
    Family.KEPT,
    Severity.ERROR,
    "A placeholder of the source is not in the translation, or one is added.",
    "Deleted %d files → 已刪除檔案",
)

#: A web address: a scheme or ``www.``, then the characters an address may hold (ASCII:
#: text right after an address, as Chinese often has, is not part of it).
_URL = re.compile(
    r"(?<![A-Za-z0-9.+-])(?:(?:https?|ftp)://|www\.)[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+",
    re.IGNORECASE,
)
#: What ends a sentence after an address rather than the address itself.
_URL_TAIL = ".,;:!?'\"*"
#: A link's address in the store's markup: ``](address)``.
_LINK = re.compile(r"\]\(((?:[^\s()]|\([^\s()]*\))+)\)")
_EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
)
#: printf and format-string placeholders, with the escapes first so that they are skipped.
_PLACEHOLDER = re.compile(
    r"%%|\{\{|\}\}"
    r"|%(?:\((?P<key>[^()\s]+)\))?[-+#0]*(?:\*|\d+)?(?:\.(?:\*|\d+))?(?:hh|ll|[hlLqjzt])?"
    r"[diouxXeEfFgGcrsa](?![A-Za-z0-9])"
    r"|\{(?P<field>[A-Za-z_]\w*|\d+)?(?:\.[A-Za-z_]\w*|\[[^\]{}\s]+\])*(?:![rsa])?"
    r"(?::[^{}\s]*)?\}"
)
_WORD = re.compile(r"[A-Za-z0-9_]")
_NOT_ASCII = re.compile(r"[^\x00-\x7f]")


@unit_check
def kept_content(unit: Unit, settings: Settings) -> Iterator[Problem]:
    if unit.source is None or unit.target is None:
        return
    source, target = unit.source, unit.target
    yield from _urls(source, target)
    yield from _emails(source, target)
    yield from _code(source, target)
    yield from _placeholders(source.text, target.text)


# Addresses


def _may_hold_url(text: str) -> bool:
    """Could ``text`` hold an address (a scheme's ``://`` or ``www.``)? Far faster to ask
    than to run the address's pattern over every text."""
    return "://" in text or "www." in text.lower()


def _markups(side: Side) -> str:
    return "\n".join(t.markup for t in side.segments)


def _trim(url: str) -> str:
    """The address without the punctuation of the sentence it ends."""
    while url and (url[-1] in _URL_TAIL or _unbalanced(url)):
        url = url[:-1]
    return url


def _unbalanced(url: str) -> bool:
    """Does the address end in a bracket it did not open (``(see https://a.org/x)``)?"""
    close = url[-1]
    return close in ")]" and url.count("(" if close == ")" else "[") < url.count(close)


def normal_url(url: str) -> str:
    """An address as compared: no scheme or ``www.``, host in lower case, no final ``/``."""
    rest = unquote(url).split("://", 1)[-1]
    host, _, path = rest.partition("/")
    host = host.lower().removeprefix("www.")
    return f"{host}/{path}".rstrip("/")


def urls(side: Side) -> dict[str, str]:
    """Each address of a side (normalised) and how it is written, in order."""
    return {key: written for key, (written, _) in _addresses(side).items()}


def _addresses(side: Side) -> dict[str, tuple[str, str | None]]:
    """Each address of a side (normalised): how it is written, and, for one whose path is
    not all ASCII (台灣, or %E5%8F%B0… decoded) or that runs into a Chinese word, its ASCII
    part: where such an address ends in running text cannot be read, so that part is what
    is compared."""
    found: dict[str, tuple[str, str | None]] = {}
    text = side.text
    candidates: list[tuple[str, bool]] = []
    if _may_hold_url(text):
        for m in _URL.finditer(text):
            url = _trim(m.group())
            after = text[m.end() : m.end() + 1]
            candidates.append((url, url == m.group() and after.isalpha() and not after.isascii()))
    markup = _markups(side)
    if "](" in markup:
        links = (m.group(1) for m in _LINK.finditer(markup) if _URL.match(m.group(1)))
        candidates += ((link, False) for link in links)
    for url, cut in candidates:
        key = normal_url(url)
        ascii_part = _NOT_ASCII.split(key, 1)[0].rstrip("/")
        found.setdefault(key, (url, ascii_part if cut or ascii_part != key else None))
    return found


def _urls(source: Side, target: Side) -> Iterator[Problem]:
    ours = _addresses(source)
    if not ours:
        return
    theirs = _addresses(target)
    missing = [written for key, (written, part) in ours.items() if not _in(key, part, theirs)]
    others = [written for key, (written, part) in theirs.items() if not _in(key, part, ours)]
    for written in missing:
        if len(missing) <= len(others):
            yield Problem(
                URL_MISSING,
                f"the source links to {written}; the translation links to "
                f"{', '.join(others)} instead",
                f"check that the translation's address is the same page (a translated one); "
                f"if not, use {written}",
                where=Where.TARGET,
                level=Severity.INFO,
            )
        else:
            yield Problem(
                URL_MISSING,
                f"the source's address {written} is not in the translation",
                f"keep {written} in the translation, as it is",
                where=Where.TARGET,
            )


def _in(key: str, part: str | None, addresses: dict[str, tuple[str, str | None]]) -> bool:
    """Is the address ``key`` among ``addresses``, by its ASCII part if it has one?"""
    return key in addresses or (
        part is not None and any(part == other for _, other in addresses.values())
    )


def _blank_urls(text: str) -> str:
    """The text with each address blanked out (same length, so offsets hold)."""
    if not _may_hold_url(text):
        return text
    return _URL.sub(lambda m: " " * len(m.group()), text)


def emails(side: Side) -> dict[str, str]:
    """Each e-mail address of a side (in lower case) and how it is written."""
    found: dict[str, str] = {}
    text = _blank_urls(side.text)
    written = [m.group() for m in _EMAIL.finditer(text)] if "@" in text else []
    markup = _markups(side)
    if "](mailto:" in markup:
        links = (m.group(1) for m in _LINK.finditer(markup))
        written += (a[len("mailto:") :].split("?")[0] for a in links if a.startswith("mailto:"))
    for address in written:
        found.setdefault(address.lower(), address)
    return found


def _emails(source: Side, target: Side) -> Iterator[Problem]:
    ours = emails(source)
    if not ours:
        return
    theirs = emails(target)
    for key, written in ours.items():
        if key not in theirs:
            yield Problem(
                EMAIL_MISSING,
                f"the source's e-mail address {written} is not in the translation",
                f"keep {written} in the translation, as it is",
                where=Where.TARGET,
            )


# Inline code


def code_spans(side: Side) -> list[str]:
    """The text of each code span of a side (backticks left out), in order.

    The plain text has one object character for each span, and its offset in the markup
    is the span's opening backtick; the span ends at the next backtick (a code span holds
    none), as the store's parser reads it.
    """
    spans: list[str] = []
    for text in side.segments:
        at = text.plain.find(OBJECT)
        while at >= 0:
            start = text.offsets[at]
            end = text.markup.find("`", start + 1)
            spans.append(text.markup[start + 1 : end].strip())
            at = text.plain.find(OBJECT, at + 1)
    return spans


def _contains(text: str, code: str) -> bool:
    """Is ``code`` in ``text`` as a whole (not ``a`` inside ``cat``)?"""
    at = text.find(code)
    while at >= 0:
        before = text[at - 1] if at else " "
        after = text[at + len(code)] if at + len(code) < len(text) else " "
        if not (_WORD.match(code[0]) and _WORD.match(before)) and not (
            _WORD.match(code[-1]) and _WORD.match(after)
        ):
            return True
        at = text.find(code, at + 1)
    return False


def _singular(code: str, known: set[str]) -> bool:
    """Is an English plural (``records``) in the target as its singular (``record``)?
    Chinese has no plural, so a translator may name the thing once."""
    if not code.isalpha() or not code.endswith("s") or code.endswith("ss"):
        return False
    return code[:-1] in known or (code.endswith("es") and code[:-2] in known)


def _code(source: Side, target: Side) -> Iterator[Problem]:
    ours = [c for c in dict.fromkeys(code_spans(source)) if c]
    if not ours:
        return
    theirs = code_spans(target)
    known = set(theirs)
    everything = "\n".join([target.text, *theirs])
    for code in ours:
        if code not in known and not _contains(everything, code) and not _singular(code, known):
            changed = [f"`{c}`" for c in dict.fromkeys(theirs) if c not in ours]
            hint = f" (the translation has {', '.join(changed)}: changed?)" if changed else ""
            yield Problem(
                CODE_MISSING,
                f"the source's code `{code}` is not in the translation{hint}",
                f"keep `{code}` in the translation exactly as it is: code is not translated",
                where=Where.TARGET,
            )


# Placeholders


def placeholders(text: str) -> list[tuple[str, int, bool]]:
    """Each placeholder in ``text``: as written, its offset, and whether it is named
    (``%(name)s``, ``{0}``, ``{name}``: may appear in any order and number)."""
    found: list[tuple[str, int, bool]] = []
    if "%" not in text and "{" not in text:
        return found
    for m in _PLACEHOLDER.finditer(_blank_urls(text)):
        written = m.group()
        if written not in ("%%", "{{", "}}"):
            found.append((written, m.start(), bool(m.group("key") or m.group("field"))))
    return found


def _placeholders(source: str, target: str) -> Iterator[Problem]:
    ours, theirs = placeholders(source), placeholders(target)
    if not ours and not theirs:
        return
    want = Counter(p for p, _, _ in ours)
    have = Counter(p for p, _, _ in theirs)
    named = {p for p, _, is_named in ours + theirs if is_named}
    for written in want:
        if have[written] == 0 or (written not in named and have[written] < want[written]):
            count = (
                ""
                if written in named
                else f" (the source has it {want[written]} times, the translation {have[written]})"
            )
            yield Problem(
                PLACEHOLDER_MISSING,
                f"the placeholder {written} of the source is missing from the translation{count}",
                f"put {written} in the translation where its value belongs",
                where=Where.TARGET,
            )
    reported: set[str] = set()
    for written, offset, _ in theirs:
        extra = want[written] == 0 or (written not in named and have[written] > want[written])
        if extra and written not in reported:
            reported.add(written)
            yield Problem(
                PLACEHOLDER_MISSING,
                f"the translation has the placeholder {written}, which the source "
                + ("does not" if want[written] == 0 else f"has only {want[written]} times"),
                f"remove {written}, or write the source's placeholders exactly",
                where=Where.TARGET,
                offset=offset,
            )
