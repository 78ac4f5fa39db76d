"""Read a web page (HTML), a Word document (DOCX) or a Markdown file through Pandoc.

The reader is pure: the file's bytes (and, for HTML and Markdown, its decoded text) in, an
:class:`~toolkit.importing.imported.Imported` out, with no segment IDs and one segment
per paragraph; the import splits sentences and gives IDs. Pandoc (the one pypandoc-binary
bundles, never a download) turns the file into its JSON AST:

1. a web page is first cleaned (``webpage``): the article is found and the site's
   furniture taken out, each piece recorded;
2. ``pandoc -f html|docx|markdown -t json`` (a DOCX's images extracted to a temporary
   folder, so they come back as bytes);
3. the AST's blocks become the store's (``pandoc_blocks``, ``pandoc_inlines``); images
   are brought in as resources (``pandoc_images``);
4. the record lists every piece in the file's order: the document's own metadata, what
   stood outside the article, the body (one part, where it starts), and what was set
   aside or moved to the metadata (image credits) along the way.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from toolkit.errors import Location, ToolkitError
from toolkit.importing.docx import check_archive
from toolkit.importing.imported import Imported, ReadContext, Role
from toolkit.importing.pandoc_blocks import Mapper
from toolkit.importing.pandoc_events import CreditLine, Event, SetAside
from toolkit.importing.pandoc_images import Images
from toolkit.importing.pandoc_inlines import stringify
from toolkit.importing.recognise import same_title
from toolkit.importing.webpage import clean_page
from toolkit.model import Block, Document
from toolkit.render.pandoc import pandoc_path
from toolkit.store.importrecord import (
    Destination,
    FieldRef,
    ImportRecord,
    Part,
    Reason,
    SourceFormat,
    text_sha256,
)
from toolkit.store.scratch import scratch_space

log = logging.getLogger("toolkit.importing.pandoc")

#: Markdown extensions that would turn text into something else and lose it: ``smart``
#: (quotes, dashes and dots kept as typed), lettered, roman and example lists ("A." and
#: "I. Background" would lose their letters), super- and subscripts ("2^10^" would read
#: "210"), TeX ("C:\\Users" would lose "\\Users") and dollar math, strike-through.
_MARKDOWN_OFF = (
    "smart",
    "fancy_lists",
    "example_lists",
    "superscript",
    "subscript",
    "raw_tex",
    "tex_math_dollars",
    "strikeout",
)
#: Pandoc's reader for each format.
READERS = {
    SourceFormat.HTML: "html",
    SourceFormat.DOCX: "docx",
    SourceFormat.MARKDOWN: "markdown" + "".join(f"-{name}" for name in _MARKDOWN_OFF),
}
#: The AST version these modules read (Pandoc 3).
API_VERSION = [1, 23]
TIMEOUT = 300
_FIXES = {
    SourceFormat.HTML: "save the page again from the browser (Save Page As…, 'Web Page, "
    "complete'), or import its text as plain text",
    SourceFormat.DOCX: "check that it is a Word document (.docx, not .doc): open it in Word "
    "or LibreOffice and save it as .docx again",
    SourceFormat.MARKDOWN: "check that the file is Markdown text, or import it as plain text",
}


def read_document_file(
    data: bytes,
    file_name: str,
    fmt: SourceFormat,
    context: ReadContext,
    *,
    text: str | None = None,
    encoding: str = "utf-8",
    base_dir: Path | None = None,
    scratch: Path | None = None,
) -> Imported:
    """Read ``data`` (the file as given; ``text``, its decoded text, for HTML and Markdown).

    ``base_dir`` is the file's folder, where images saved beside a page or Markdown file
    are looked up (never outside it). Raises ToolkitError, naming ``file_name``, when
    Pandoc cannot read the file.
    """
    if fmt not in READERS:
        raise ToolkitError(
            f"{file_name}: {fmt.value} is not read through Pandoc",
            fix="import plain text with the text reader",
        )
    source = data
    page = None
    if fmt is SourceFormat.DOCX:
        check_archive(data, file_name)
    else:
        text = data.decode(encoding) if text is None else text
        if fmt is SourceFormat.HTML:
            page = clean_page(text, context)
            text = page.html
        source = text.encode("utf-8")
    with _scratch(scratch) as tmp:
        ast = run_pandoc_reader(source, fmt, file_name, tmp)
        images = Images(tmp / "out" if fmt is SourceFormat.DOCX else base_dir)
        mapper = Mapper(context, images, page.pieces if page else None)
        events = mapper.run(list(ast.get("blocks", [])))
    head = _meta_pieces(ast.get("meta", {}), context)
    if page is not None and page.outside is not None:
        head.append(page.outside)
    body = "article" if fmt is SourceFormat.HTML else "document"
    blocks, parts, metadata = _assemble([*head, *events], body, context.role)
    record = ImportRecord(
        file=file_name,
        sha256=hashlib.sha256(data).hexdigest(),
        format=fmt,
        encoding=encoding,
        parts=parts,
    )
    return Imported(Document(tuple(blocks)), record, metadata, dict(images.resources))


@contextlib.contextmanager
def _scratch(folder: Path | None) -> Iterator[Path]:
    """Where Pandoc works: ``folder`` (the repository's ``build/.scratch``, cleaned by the
    next run if this one is killed), or a temporary folder when none is given."""
    if folder is not None:
        with scratch_space(folder) as tmp:
            yield tmp
        return
    with tempfile.TemporaryDirectory(prefix="toolkit-import-") as tmp:
        yield Path(tmp)


def run_pandoc_reader(
    source: bytes, fmt: SourceFormat, file_name: str, tmp: Path
) -> dict[str, Any]:
    """Pandoc's JSON AST of ``source``. A DOCX is written to ``tmp/in`` and its images
    extracted under ``tmp/out`` (their addresses relative to it). Pandoc runs sandboxed: it
    reads nothing but its input."""
    command = [pandoc_path(), "--sandbox", f"--from={READERS[fmt]}", "--to=json"]
    stdin: bytes | None = source
    (tmp / "in").mkdir()
    (tmp / "out").mkdir()
    if fmt is SourceFormat.DOCX:
        path = tmp / "in" / "document.docx"
        path.write_bytes(source)
        command += ["--extract-media=media", str(path)]
        stdin = None
    where = Location(file_name)
    try:
        result = subprocess.run(
            command, input=stdin, capture_output=True, check=False, timeout=TIMEOUT, cwd=tmp / "out"
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ToolkitError(
            f"Pandoc could not be run on {file_name}: {exc}",
            where=where,
            fix="run make build to reinstall pypandoc-binary; a very large file may need splitting",
        ) from exc
    errors = result.stderr.decode("utf-8", "replace").strip()
    if result.returncode != 0:
        raise ToolkitError(
            f"Pandoc could not read {file_name} as {fmt.value} ({result.returncode}): {errors}",
            where=where,
            fix=_FIXES[fmt],
        )
    for line in errors.splitlines():
        log.info("pandoc: %s", line)
    try:
        ast = json.loads(result.stdout)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ToolkitError(
            f"Pandoc gave no document for {file_name}: {exc}", where=where, fix=_FIXES[fmt]
        ) from exc
    if not isinstance(ast, dict) or ast.get("pandoc-api-version", [])[:2] != API_VERSION:
        version = ast.get("pandoc-api-version") if isinstance(ast, dict) else None
        raise ToolkitError(
            f"Pandoc's document format {version} is not the {API_VERSION} this toolkit reads",
            where=where,
            fix="run make build to install the pypandoc-binary the toolkit pins",
        )
    return ast


def _assemble(
    events: list[Event], body: str, role: Role
) -> tuple[list[Block], list[Part], dict[FieldRef, str]]:
    """The blocks, the record's parts in order (the body's where its first block is), and
    the credits moved to the metadata (numbered in order)."""
    blocks: list[Block] = []
    parts: list[Part] = []
    metadata: dict[FieldRef, str] = {}
    name = "image_credits" if role is Role.ORIGINAL else "photo_credits"
    body_part = Part(element=body, to=Destination.BODY)
    for event in events:
        if isinstance(event, Block):
            if not blocks:
                parts.append(body_part)
            blocks.append(event)
        elif isinstance(event, SetAside):
            parts.append(
                Part(
                    element=event.element,
                    to=Destination.SET_ASIDE,
                    reason=event.reason,
                    text=list(event.text),
                )
            )
        elif isinstance(event, CreditLine):
            field = FieldRef(name=name, index=len(metadata), attribute="as_published")
            metadata[field] = event.text
            parts.append(
                Part(
                    element=event.element,
                    to=Destination.METADATA,
                    field=field,
                    sha256=text_sha256(event.text),
                )
            )
    if not blocks:
        parts.append(body_part)
    return blocks, parts, metadata


def _meta_pieces(meta: dict[str, Any], context: ReadContext) -> list[Event]:
    """The document's own metadata (a DOCX's title and author, a Markdown file's YAML
    header): a repeated title or author is recognised as such, the rest kept as it was."""
    pieces: list[Event] = []
    for key, value in meta.items():
        lines = tuple(line for line in _meta_lines(value) if line)
        if not lines:
            continue
        reason = Reason.DOCUMENT_METADATA
        if key == "title" and same_title(" ".join(lines), context.title):
            reason = Reason.TITLE
        elif key in ("author", "authors") and all(
            any(n.strip() and n.casefold() in line.casefold() for n in context.names)
            for line in lines
        ):
            reason = Reason.BYLINE
        pieces.append(SetAside(f"metadata: {key}", reason, lines))
    return pieces


def _meta_lines(value: Any) -> list[str]:
    kind, c = value.get("t"), value.get("c")
    if kind == "MetaInlines":
        return [stringify(c)]
    if kind == "MetaBlocks":
        return [stringify(_inlines_of(block)) for block in c]
    if kind == "MetaString":
        return [" ".join(str(c).split())]
    if kind == "MetaBool":
        return ["true" if c else "false"]
    if kind == "MetaList":
        return [line for item in c for line in _meta_lines(item)]
    if kind == "MetaMap":
        return [f"{k}: {line}" for k, v in c.items() for line in _meta_lines(v)]
    return []


def _inlines_of(block: dict[str, Any]) -> list[dict[str, Any]]:
    c = block.get("c")
    if block.get("t") in ("Para", "Plain") and isinstance(c, list):
        return c
    if block.get("t") == "Header" and isinstance(c, list):
        return list(c[2])
    return [{"t": "Str", "c": json.dumps(c, ensure_ascii=False)}] if c else []
