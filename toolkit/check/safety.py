"""Safety: what in the store would put active content or an invalid file into an edition.

- ``unsafe-link``: a link whose address is not ``http(s)``, ``mailto`` or a ``#`` anchor
  (``toolkit.store.links``), reported at the column where the address starts. Editions
  show such a link's words without the address, so nothing runs, but the writer meant a
  link and should know it is gone.
- ``anchor-unknown``: a ``#`` link naming no segment of its own file (``anchor_target``):
  ``#t1`` (or the edition's element ID, ``#en-t1``) links to segment t1; ``#nowhere``
  would be a link to nothing, which an EPUB checker rejects (RSC-012). Editions show
  such a link's words alone. Reported like ``unsafe-link``.
- ``invalid-character``: a character XML 1.0 forbids (a C0 control other than tab, line
  feed and carriage return; a lone surrogate; U+FFFE, U+FFFF). EPUB and XHTML cannot hold
  one, so an edition with one is not a valid file. In a segment file it is reported at
  its line and column (the first of a line, with how many the line holds); in a metadata
  file at the field and the field's line.

All are errors, and all are structural: ``build`` refuses a store that has them.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from pathlib import Path

from pydantic import BaseModel

from toolkit.check.findings import Finding, Place
from toolkit.check.places import FileLines
from toolkit.check.registry import Check, Family, Severity, declare
from toolkit.errors import ToolkitError
from toolkit.model import Block, Document, Emph, Inline, Link, Strong
from toolkit.store.inline import parse_inline
from toolkit.store.lines import read_text
from toolkit.store.links import SAFE_LINK_FIX, is_safe_url
from toolkit.store.work import Work, relative
from toolkit.store.yamlfile import line_of, load_yaml

#: The characters XML 1.0 does not allow (https://www.w3.org/TR/xml/#charsets).
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

_TEXT_FIX = (
    "delete the character: it shows nothing, and most often comes from a copy and paste "
    "or a broken conversion"
)
_FIELD_FIX = (
    "delete the character from the field (in YAML it may be written as an escape in "
    'double quotes, such as "\\0" or "\\x01")'
)


_ANCHOR_FIX = (
    "write # and the ID of a segment of this file (the ID that ends its line: #t1 for "
    "{#t1}), or keep only the link's words (write them without [ ](…))"
)


UNSAFE_LINK = declare(
    "unsafe-link",
    Family.SAFETY,
    Severity.ERROR,
    "A link's address is not http(s), mailto or an #anchor (it could run code or open "
    "a local file).",
    "[click](javascript:alert(1)) {#t3}",
)
ANCHOR_UNKNOWN = declare(
    "anchor-unknown",
    Family.SAFETY,
    Severity.ERROR,
    "A #link names no segment of its file.",
    "[see](#nowhere) {#t3}",
)
INVALID_CHARACTER = declare(
    "invalid-character",
    Family.SAFETY,
    Severity.ERROR,
    "A character XML forbids (a NUL, another control character, U+FFFE, U+FFFF).",
    "a NUL byte in a segment",
)


def anchor_target(fragment: str, prefix: str, ids: Collection[str]) -> str | None:
    """The element ID an edition gives the place ``#fragment`` names, or None if none.

    An edition's segment ``t1`` is the element ``<prefix>-t1`` (``prefix``: the edition's
    language), so ``#t1`` is written ``#<prefix>-t1``; that form itself is accepted as
    written. ``ids``: the segment IDs of the file the link is in. Anything else names no
    place in the edition.
    """
    if fragment in ids:
        return f"{prefix}-{fragment}"
    own = fragment.removeprefix(f"{prefix}-")
    if own != fragment and own in ids:
        return fragment
    return None


def check_safety(work: Work) -> list[Finding]:
    """Unsafe links and forbidden characters in every segment file and metadata file."""
    findings: list[Finding] = []
    if work.source is not None:
        findings += _Text(work, None, work.paths.original_text, work.source).findings()
    findings += _metadata(work, None, work.paths.original_meta, work.original)
    for lang in sorted(work.translations):
        tr = work.translations[lang]
        if tr.document is not None:
            findings += _Text(work, lang, work.paths.translation_text(lang), tr.document).findings()
        findings += _metadata(work, lang, work.paths.translation_meta(lang), tr.meta)
    return findings


def invalid_character(ch: str) -> str:
    """A forbidden character as a person can read it: ``U+0000 (a control character)``."""
    code = ord(ch)
    if code < 0x20:
        kind = "a control character"
    elif 0xD800 <= code <= 0xDFFF:
        kind = "a lone surrogate"
    else:
        kind = "a non-character"
    return f"U+{code:04X} ({kind})"


class _Text:
    """One segment file's findings. Its lines are read again only when a finding needs a
    column (the document keeps each segment's line, not where on it its text starts)."""

    def __init__(self, work: Work, lang: str | None, path: Path, doc: Document) -> None:
        self.work = work
        self.lang = lang
        self.path = path
        self.doc = doc
        self.shown = relative(work, path)
        self.prefix = lang or work.original.language  # the edition's element IDs
        self.ids = frozenset(doc.segment_ids())
        self.file = FileLines(path)

    def findings(self) -> list[Finding]:
        out = [f for block in self.doc.blocks for f in self._links(block)]
        if any(FORBIDDEN.search(text) for block in self.doc.blocks for text in _strings(block)):
            out += self._characters()
        return out

    def _finding(self, check: Check, message: str, line: int, fix: str, column: int) -> Finding:
        at = Place(self.shown, line, column)
        return Finding(
            check=check, message=message, work=self.work.id, lang=self.lang, at=at, fix=fix
        )

    def _links(self, block: Block) -> Iterator[Finding]:
        for seg in block.segments:
            if "](" not in seg.text:  # no link: the common case, without parsing
                continue
            taken: set[int] = set()
            for url in _urls(parse_inline(seg.text)):
                problem = self._link_problem(url)
                if problem is None:
                    continue
                check, message, fix = problem
                at = _address_at(seg.text, url, taken)
                start = self.file.text_start(seg, block)
                column = start + at + 1 if start is not None and at >= 0 else 0
                yield self._finding(check, message, seg.line, fix, column)

    def _link_problem(self, url: str) -> tuple[Check, str, str] | None:
        """(check, message, fix) for a link address no edition can carry, else None."""
        if not is_safe_url(url):
            return (
                UNSAFE_LINK,
                f"the link address {_shown(url)} is not http(s), mailto or an #anchor: "
                "editions show the link's words without it",
                SAFE_LINK_FIX,
            )
        if url.startswith("#") and anchor_target(url[1:], self.prefix, self.ids) is None:
            return (
                ANCHOR_UNKNOWN,
                f"the link address {_shown(url)} names no segment of this file: "
                "editions show the link's words without it",
                _ANCHOR_FIX,
            )
        return None

    def _characters(self) -> list[Finding]:
        lines = self.file.lines()
        if lines is None:
            return self._characters_by_block()
        out = []
        for number, line in enumerate(lines, 1):
            found = list(FORBIDDEN.finditer(line))
            if found:
                out.append(
                    self._character(found[0].group(), len(found), number, found[0].start() + 1)
                )
        return out

    def _characters_by_block(self) -> list[Finding]:
        """Without the file, each block that holds one, at its (first segment's) line."""
        out = []
        for block in self.doc.blocks:
            hits = [m for text in _strings(block) for m in FORBIDDEN.finditer(text)]
            if hits:
                line = block.segments[0].line if block.segments else block.line
                out.append(self._character(hits[0].group(), len(hits), line, 0))
        return out

    def _character(self, ch: str, count: int, line: int, column: int) -> Finding:
        more = f" ({count} on this line)" if count > 1 else ""
        return self._finding(
            INVALID_CHARACTER,
            f"{invalid_character(ch)} is a character XML forbids{more}: "
            "no EPUB or XHTML edition can hold it",
            line,
            _TEXT_FIX,
            column,
        )


def _strings(block: Block) -> Iterator[str]:
    """Every text of a block that reaches an edition."""
    for seg in block.segments:
        yield seg.text
    yield block.src
    yield block.credit
    if block.code is not None:
        yield block.code.info
        yield from block.code.lines


def _urls(nodes: tuple[Inline, ...]) -> Iterator[str]:
    """The address of every link within ``nodes``, in order."""
    for node in nodes:
        if isinstance(node, Link):
            yield node.url
        if isinstance(node, Emph | Strong | Link):
            yield from _urls(node.children)


def _address_at(markup: str, url: str, taken: set[int]) -> int:
    """Where ``url`` starts in ``markup`` as a link's address (``](url)``), skipping places
    already reported; -1 if not found."""
    needle = f"]({url})"
    at = markup.find(needle)
    while at >= 0 and at in taken:
        at = markup.find(needle, at + 1)
    if at < 0:
        return -1
    taken.add(at)
    return at + 2


def _shown(url: str, limit: int = 60) -> str:
    """An address for a message: control characters made visible, a long one cut."""
    text = "".join(ch if ch.isprintable() else f"\\x{ord(ch):02x}" for ch in url)
    return repr(text[:limit] + ("…" if len(text) > limit else ""))


def _metadata(work: Work, lang: str | None, path: Path, meta: BaseModel) -> list[Finding]:
    """Every metadata field holding a forbidden character, at the field's line."""
    bad = list(_forbidden_values(meta.model_dump(), ()))
    if not bad:
        return []
    try:
        lines = load_yaml(read_text(path), path)[1]
    except (OSError, ToolkitError):
        lines = {}
    findings = []
    for at, text in bad:
        found = FORBIDDEN.findall(text)
        more = f" ({len(found)} in it)" if len(found) > 1 else ""
        field = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in at).lstrip(".")
        findings.append(
            Finding(
                check=INVALID_CHARACTER,
                message=f"field '{field}' holds {invalid_character(found[0])}{more}, a character "
                "XML forbids: no EPUB or XHTML edition can hold it",
                work=work.id,
                lang=lang,
                at=Place(relative(work, path), line_of(lines, at)),
                fix=_FIELD_FIX,
            )
        )
    return findings


def _forbidden_values(
    value: object, at: tuple[str | int, ...]
) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """(where, text) for every string within ``value`` that holds a forbidden character."""
    if isinstance(value, str):
        if FORBIDDEN.search(value):
            yield at, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _forbidden_values(item, (*at, str(key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _forbidden_values(item, (*at, index))
