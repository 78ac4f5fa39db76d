"""Structure: footnotes that resolve once each, figures with an image and a credit.

Editions never drop text over these (an unplaced footnote is set at the end, an
unresolved reference stays as written), but a reader gets a worse book, so
each is reported where it is, in every language's file.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from toolkit.check.findings import Finding, Severity
from toolkit.errors import ToolkitError
from toolkit.model import BlockKind, Document, Emph, Inline, Link, NoteRef, Strong
from toolkit.store.inline import parse_inline
from toolkit.store.work import Work, find_image, relative


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

    def report(code: str, severity: Severity, message: str, line: int, fix: str) -> None:
        findings.append(Finding(code, severity, message, work.id, lang, shown, line, fix))

    defined: dict[str, int] = {}
    for block in doc.blocks:
        if block.kind is not BlockKind.FOOTNOTE:
            continue
        if block.label in defined:
            report(
                "footnote-duplicate",
                Severity.ERROR,
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
                        "footnote-in-footnote",
                        Severity.ERROR,
                        f"footnote [^{block.label}] refers to footnote [^{label}]",
                        seg.line,
                        "a note cannot have notes: fold its text into this one",
                    )
                elif label not in defined:
                    report(
                        "footnote-undefined",
                        Severity.ERROR,
                        f"[^{label}] refers to a footnote that is not defined",
                        seg.line,
                        f"add a line '[^{label}]: text {{#id}}', or correct the label",
                    )
                elif seen[label] == 2:
                    report(
                        "footnote-repeated",
                        Severity.ERROR,
                        f"footnote [^{label}] is referred to more than once",
                        seg.line,
                        "refer to each footnote once; copy the note under a new label",
                    )
    for label, line in defined.items():
        if not seen[label]:
            report(
                "footnote-unreferenced",
                Severity.WARNING,
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
                    "image-credit-missing",
                    Severity.WARNING,
                    "this figure has no credit",
                    work.id,
                    lang,
                    shown,
                    block.line,
                    'add the credit as the image title: ![caption](path "Photo: ...")',
                )
            )
        try:
            find_image(work.paths, path, block.src)
        except ToolkitError as exc:
            findings.append(
                Finding(
                    "image-missing",
                    Severity.ERROR,
                    exc.message,
                    work.id,
                    lang,
                    shown,
                    block.line,
                    exc.fix,
                )
            )
    return findings
