"""Structure: footnotes that resolve once each, figures with an image and a credit.

Editions never drop text over these (an unplaced footnote is set at the end, an
unresolved reference stays as written), but a reader gets a worse book, so
each is reported where it is, in every language's file.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from toolkit.check.findings import Finding, Place
from toolkit.check.registry import Check, Family, Severity, declare
from toolkit.errors import ToolkitError
from toolkit.model import BlockKind, Document, Emph, Inline, Link, NoteRef, Strong
from toolkit.store.inline import parse_inline
from toolkit.store.work import Work, find_image, relative

S, E, W = Family.STRUCTURE, Severity.ERROR, Severity.WARNING
FOOTNOTE_DUPLICATE = declare(
    "footnote-duplicate", S, E, "Two footnotes have one label.", "two lines starting [^1]:"
)
FOOTNOTE_IN_FOOTNOTE = declare(
    "footnote-in-footnote", S, E, "A footnote refers to a footnote.", "[^1]: see [^2] {#n1}"
)
FOOTNOTE_UNDEFINED = declare(
    "footnote-undefined", S, E, "A reference names no footnote.", "text[^9] with no [^9]:"
)
FOOTNOTE_REPEATED = declare(
    "footnote-repeated", S, E, "A footnote is referred to twice.", "[^1] in two paragraphs"
)
FOOTNOTE_UNREFERENCED = declare(
    "footnote-unreferenced", S, W, "A footnote is never referred to.", "[^3]: … with no [^3]"
)
IMAGE_CREDIT_MISSING = declare(
    "image-credit-missing", S, W, "A figure has no credit.", "![A bird](bird.png) {#t4}"
)
IMAGE_MISSING = declare(
    "image-missing",
    S,
    E,
    "A figure's image is missing, outside the work, or not a raster image.",
    "![A bird](../../etc/passwd) {#t4}",
)


def check_structure(work: Work) -> list[Finding]:
    findings: list[Finding] = []
    documents: list[tuple[str | None, Path, Document | None]] = [
        (None, work.paths.original_text, work.source)
    ]
    for tag in sorted(work.translations):
        documents.append((tag, work.paths.translation_text(tag), work.translations[tag].document))
    for lang, path, doc in documents:
        if doc is not None:
            findings += _footnotes(work, lang, path, doc)
            findings += _figures(work, lang, path, doc)
    return findings


def _footnotes(work: Work, lang: str | None, path: Path, doc: Document) -> list[Finding]:
    shown = relative(work, path)
    findings: list[Finding] = []

    def report(check: Check, message: str, line: int, fix: str) -> None:
        at = Place(shown, line)
        findings.append(
            Finding(check=check, message=message, work=work.id, lang=lang, at=at, fix=fix)
        )

    defined: dict[str, int] = {}
    for block in doc.blocks:
        if block.kind is not BlockKind.FOOTNOTE:
            continue
        if block.label in defined:
            report(
                FOOTNOTE_DUPLICATE,
                f"footnote [^{block.label}] is defined twice (also line {defined[block.label]})",
                block.line,
                "give each footnote its own label",
            )
        else:
            defined[block.label] = block.line
    seen: Counter[str] = Counter()
    for block in doc.blocks:
        for seg in block.segments:
            for label in _note_refs(parse_inline(seg.text)):
                seen[label] += 1
                if block.kind is BlockKind.FOOTNOTE:
                    report(
                        FOOTNOTE_IN_FOOTNOTE,
                        f"footnote [^{block.label}] refers to footnote [^{label}]",
                        seg.line,
                        "a note cannot have notes: fold its text into this one",
                    )
                elif label not in defined:
                    report(
                        FOOTNOTE_UNDEFINED,
                        f"[^{label}] refers to a footnote that is not defined",
                        seg.line,
                        f"add a line '[^{label}]: text {{#id}}', or correct the label",
                    )
                elif seen[label] == 2:
                    report(
                        FOOTNOTE_REPEATED,
                        f"footnote [^{label}] is referred to more than once",
                        seg.line,
                        "refer to each footnote once; copy the note under a new label",
                    )
    for label, line in defined.items():
        if not seen[label]:
            report(
                FOOTNOTE_UNREFERENCED,
                f"footnote [^{label}] is never referred to (editions set it at the end)",
                line,
                f"add [^{label}] where the note belongs, or delete the note",
            )
    return findings


def _note_refs(nodes: tuple[Inline, ...]) -> Iterator[str]:
    for node in nodes:
        if isinstance(node, NoteRef):
            yield node.label
        elif isinstance(node, Emph | Strong | Link):
            yield from _note_refs(node.children)


def _figures(work: Work, lang: str | None, path: Path, doc: Document) -> list[Finding]:
    shown = relative(work, path)
    findings: list[Finding] = []
    for block in doc.blocks:
        if block.kind is not BlockKind.FIGURE:
            continue
        if not block.credit:
            findings.append(
                Finding(
                    check=IMAGE_CREDIT_MISSING,
                    message="this figure has no credit",
                    work=work.id,
                    lang=lang,
                    at=Place(shown, block.line),
                    fix='add the credit as the image title: ![caption](path "Photo: ...")',
                )
            )
        try:
            find_image(work.paths, path, block.src)
        except ToolkitError as exc:
            findings.append(
                Finding(
                    check=IMAGE_MISSING,
                    message=exc.message,
                    work=work.id,
                    lang=lang,
                    at=Place(shown, block.line),
                    fix=exc.fix,
                )
            )
    return findings
