"""Build a work's editions: HTML (Pandoc), EPUB 3 (Pandoc), PDF (WeasyPrint).

Stages, as the log names them: ``edition`` (which books the text allows) →
``ast`` (segments and credits to a Pandoc document) → ``fonts`` (the CJK subset)
→ ``html`` / ``epub`` / ``pdf``. Each file is written to a temporary name and
renamed when complete, so a failed build leaves the previous editions intact.
"""

from __future__ import annotations

import base64
import logging
import tempfile
from dataclasses import dataclass, field
from enum import StrEnum
from importlib.resources import files
from pathlib import Path

from toolkit.render import formats
from toolkit.render.ast import credit_blocks, document_blocks
from toolkit.render.credits import credits_for
from toolkit.render.edition import Edition, editions_for
from toolkit.render.fonts import find_cjk_font, subset_font, to_woff2
from toolkit.store.fileio import write_files
from toolkit.store.work import Work

log = logging.getLogger("toolkit.render")


class Format(StrEnum):
    HTML = "html"
    EPUB = "epub"
    PDF = "pdf"


@dataclass(frozen=True)
class BuildOptions:
    """What to build and where. ``out_dir`` gets one folder per work."""

    out_dir: Path
    formats: tuple[Format, ...] = (Format.HTML, Format.EPUB, Format.PDF)


@dataclass
class BuildResult:
    work: str
    outputs: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def build_work(work: Work, options: BuildOptions) -> BuildResult:
    result = BuildResult(work.id)
    editions = editions_for(work)
    log.info("edition: %s: %d edition(s)", work.id, len(editions))
    if work.source is None:
        result.notes.append(
            f"{work.id}: the original's text is not in the repository "
            f"({work.paths.original_text}); building the translation only"
        )
    if not editions:
        result.notes.append(f"{work.id}: no text to build yet")
    target = options.out_dir / work.id
    for edition in editions:
        outputs = _build_edition(edition, options.formats)
        write_files({target / name: data for name, data in outputs.items()})
        result.outputs += [target / name for name in outputs]
    return result


def _build_edition(edition: Edition, wanted: tuple[Format, ...]) -> dict[str, bytes]:
    credits = credits_for(edition)
    title_page, colophon = credit_blocks(credits, edition.lang)
    body = document_blocks(edition.document, edition.lang, edition.lang)
    log.info("ast: %s: %d blocks", edition.file_stem, len(body))
    parts = formats.Parts(edition, credits, title_page, body, colophon, _css())
    out: dict[str, bytes] = {}
    with tempfile.TemporaryDirectory(prefix="toolkit-build-") as tmp:
        scratch = Path(tmp)
        font = subset_font(find_cjk_font(), formats.all_text(parts), scratch / "edition-cjk.otf")
        if Format.HTML in wanted:
            page = formats.html(parts, scratch, article_title=False)
            woff2 = to_woff2(font, scratch / "edition-cjk.woff2")
            html = page.replace(formats.FONT_FACE_SLOT, _font_face(woff2, "woff2"))
            out[f"{edition.file_stem}.html"] = html.encode("utf-8")
        if Format.PDF in wanted:
            page = formats.html(parts, scratch, article_title=True)
            pdf_html = page.replace(formats.FONT_FACE_SLOT, _font_face(font, "opentype"))
            out[f"{edition.file_stem}.pdf"] = formats.pdf(pdf_html, parts, scratch)
        if Format.EPUB in wanted:
            out[f"{edition.file_stem}.epub"] = formats.epub(parts, scratch, font)
    return out


def _css() -> str:
    return files("toolkit.render").joinpath("assets/edition.css").read_text("utf-8")


def _font_face(path: Path, kind: str) -> str:
    mime = "font/woff2" if kind == "woff2" else "font/otf"
    data = base64.b64encode(path.read_bytes()).decode("ascii")
    return (
        '@font-face { font-family: "Edition CJK"; '
        f'src: url("data:{mime};base64,{data}") format("{kind}"); }}'
    )
