"""The three output formats, each from the same parts: title page, body, colophon."""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from html import escape as html_escape
from importlib.resources import files
from pathlib import Path
from typing import Any

from lxml import html as lxml_html
from lxml.html import builder as E

from toolkit._version import __version__
from toolkit.errors import StageError
from toolkit.render.ast import Json, attr, mark_title_page, pandoc_document, text_inlines
from toolkit.render.attribution import attribution_of
from toolkit.render.credits import Credits
from toolkit.render.edition import Edition
from toolkit.render.epubmeta import finish_epub
from toolkit.render.fontfaces import EditionFonts
from toolkit.render.pandoc import run_pandoc

log = logging.getLogger("toolkit.render")


@dataclass(frozen=True)
class Parts:
    edition: Edition
    credits: Credits
    title_page: list[Json]
    body: list[Json]
    colophon: list[Json]
    css: str
    #: Rules for a screen only (the HTML edition's ``<style media="screen">``).
    screen_css: str = ""
    #: The cover image's file, for the EPUB (``toolkit.render.cover``); the PDF's is a block.
    cover: Path | None = None

    def blocks(self, *, article_title: bool = True) -> list[Json]:
        """Title page, text, colophon. ``article_title``: repeat the title where the text
        begins, as a book does after its title page (EPUB, PDF; not a single web page)."""
        edition = self.edition
        content = text_inlines(edition.title)
        if edition.bilingual is not None:  # both titles, each in its language
            original = edition.work.original
            content = [
                {"t": "Span", "c": [attr(lang=edition.lang), content]},
                {"t": "LineBreak"},
                {"t": "Span", "c": [attr(lang=original.language), text_inlines(original.title)]},
            ]
        classes = ["unnumbered"] + (["bilingual-title"] if edition.bilingual else [])
        title = {"t": "Header", "c": [1, attr("article-title", classes), content]}
        opening = [title] if article_title else []
        return [*self.title_page, *opening, *self.body, *self.colophon]


def all_text(parts: Parts) -> str:
    """Every character an edition can show, for the font subset."""
    strings: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, str):
            strings.append(node)
        elif isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            for value in node.values():
                walk(value)

    walk(parts.blocks())
    strings.append(description(parts.edition))
    # Spaces are Space nodes, never in a string: the renderer sets them (between words, and
    # between Han and Latin in the CJK face), so the face must have one. Digits: page numbers.
    return "".join(strings) + " 0123456789"


# HTML -------------------------------------------------------------------------


def html(parts: Parts, scratch: Path, *, font_face: str, article_title: bool) -> str:
    """The edition as one self-contained page; ``font_face`` is its CJK @font-face rule.

    Pandoc writes the page and its ``<title>``; every other element of the head is ours
    (``head``): Pandoc's template does not escape quotes in ``author-meta`` and
    ``description-meta``, so no metadata value is given to it for an attribute.
    """
    edition = parts.edition
    meta: dict[str, object] = {
        "pagetitle": edition.title,
        "lang": edition.lang,
        "document-css": False,  # the edition's own stylesheet is complete
    }
    document = pandoc_document(meta, parts.blocks(article_title=article_title))
    print_css = files("toolkit.render").joinpath("assets/print.css").read_text("utf-8")
    # The fonts (megabytes of base64) are put in after Pandoc, not sent through it.
    style = f"\n{_FONTS_HERE}\n{parts.css}\n{print_css}"
    document["meta"]["header-includes"] = {
        "t": "MetaBlocks",
        "c": [{"t": "RawBlock", "c": ["html", head(edition, style, parts.screen_css)]}],
    }
    out = scratch / f"{edition.file_stem}.html"
    options = ["--standalone", "--wrap=none", "--embed-resources"]
    # Notes at the end of the article's section, before the colophon, not of the page.
    run_pandoc(document, "html5", out, [*options, "--reference-location=section"])
    generator = f'<meta name="generator" content="bilingual-toolkit {__version__} (Pandoc)" />'
    page = re.sub(r'<meta name="generator" content="pandoc" ?/>', generator, out.read_text("utf-8"))
    page = _with_fonts(page, font_face)
    # Embedding gives <img> a redundant role="img" (and an aria-label repeating its alt).
    return re.sub(r'<img role="img" aria-label="[^"]*" ', "<img ", page)


#: Where the edition's @font-face rules go in its stylesheet, once Pandoc has written the
#: page (``_with_fonts``): a rule, as Pandoc drops comments from a page's styles.
_FONTS_HERE = '@font-face { font-family: "toolkit: the edition\'s fonts go here"; }'


def _with_fonts(page: str, font_face: str) -> str:
    """``page`` with ``font_face`` in place of the marker in its head's stylesheet (the
    first; the text, which comes after the head, may quote the marker and keeps it)."""
    at, end = page.find(_FONTS_HERE), page.find("</head>")
    if not 0 <= at < end:
        raise StageError(
            "the edition's page has no place for its fonts: Pandoc wrote its head unexpectedly",
            fix="this is a toolkit bug: please report it",
        )
    return page[:at] + font_face + page[at + len(_FONTS_HERE) :]


def head(edition: Edition, style: str, screen: str = "") -> str:
    """The edition's ``<meta>`` elements, its JSON-LD and its stylesheet, as HTML.

    A metadata value is only ever an attribute's value, quoted, with every ``&``, ``<``,
    ``>``, ``"`` and ``'`` escaped (``html.escape``): a ``"`` in a title cannot start
    another attribute, and the value comes back exactly as written. (lxml's serializer
    is not used for these: it leaves ``&`` unescaped after a ``<!--`` in a value, so
    ``<!-- G &amp; H -->`` would be read back as ``<!-- G & H -->``.) The JSON-LD holds
    no ``<``, ``>`` or ``&`` (``script_json``), so a title cannot end or reopen its
    ``<script>``; the stylesheets are the toolkit's own (``screen``: rules for a screen only,
    which WeasyPrint does not read).
    """
    attribution = attribution_of(edition)
    elements = [
        f'<meta name="{_attribute(name)}" content="{_attribute(value)}">'
        for name, value in attribution.meta_tags()
    ]
    script = E.SCRIPT(script_json(attribution.json_ld()), type="application/ld+json")
    styles = [E.STYLE(style)] + ([E.STYLE(screen, media="screen")] if screen else [])
    elements += [lxml_html.tostring(e, encoding="unicode") for e in (script, *styles)]
    return "\n".join(elements)


def _attribute(value: str) -> str:
    """``value`` escaped for a double-quoted attribute: it reads back exactly."""
    return html_escape(value, quote=True)


def script_json(data: object) -> str:
    """``data`` as JSON that can stand inside an HTML ``<script>`` element.

    ``<``, ``>`` and ``&`` occur only within JSON strings, where ``\\u003c`` and its kin
    mean the same characters to a JSON parser, while an HTML parser sees no tag, no
    comment (``<!--`` would change how ``</script>`` is read) and no character reference.
    """
    text = json.dumps(data, ensure_ascii=False, indent=1)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def description(edition: Edition) -> str:
    return attribution_of(edition).description()


# EPUB -------------------------------------------------------------------------


def epub(parts: Parts, scratch: Path, fonts: EditionFonts) -> bytes:
    edition = parts.edition
    meta = attribution_of(edition).epub_metadata() | {"identifier": edition.identifier}
    css = scratch / "edition.css"
    css.write_text(_epub_css(parts, fonts), "utf-8")
    folder = scratch / "fonts"
    folder.mkdir()
    embed = [f"--epub-embed-font={font}" for font in fonts.files(folder)]
    out = scratch / f"{edition.file_stem}.epub"
    run_pandoc(
        pandoc_document(meta, mark_title_page(parts.blocks())),
        "epub3",
        out,
        [
            "--epub-title-page=false",
            "--split-level=1",
            "--toc-depth=2",
            f"--css={css}",
            *embed,
            *([f"--epub-cover-image={parts.cover}"] if parts.cover else []),
        ],
    )
    return finish_epub(out.read_bytes(), edition)


def _asset(name: str) -> str:
    return files("toolkit.render").joinpath("assets", name).read_text("utf-8")


def _epub_css(parts: Parts, fonts: EditionFonts) -> str:
    face = fonts.css("epub")
    epub_css = files("toolkit.render").joinpath("assets/epub.css").read_text("utf-8")
    return "\n".join((face, parts.css, epub_css))


# PDF --------------------------------------------------------------------------


def pdf(html_text: str, parts: Parts, scratch: Path) -> bytes:
    """The PDF of ``html_text``, which must carry every resource inside it.

    WeasyPrint loads each address the page names, and those within what it loads (an
    SVG image's ``<image href="file:///…">``, a stylesheet's ``url()``), so it is given
    a fetcher that serves ``data:`` addresses only: the page embeds its images and its
    font as data, and nothing else may reach the PDF, least of all a file of the
    machine that builds it. Any other address is refused (WeasyPrint leaves it out),
    logged, and fails the build with a StageError naming it: no edition is written
    with a resource missing.
    """
    import weasyprint

    stem = parts.edition.file_stem
    log.info("pdf: %s (WeasyPrint %s)", stem, weasyprint.__version__)
    fetcher = _data_only_fetcher()
    document = weasyprint.HTML(string=html_text, base_url=str(scratch), url_fetcher=fetcher)
    own = weasyprint.CSS(string=_asset("pdf.css"), url_fetcher=fetcher)
    from toolkit.render.justify import chinese_justification  # checks WeasyPrint's version

    with chinese_justification():  # Chinese lines justified between their characters
        data = document.write_pdf(custom_metadata=True, pdf_variant="pdf/ua-1", stylesheets=[own])
    assert isinstance(data, bytes)
    if fetcher.refused:
        shown = ", ".join(_short(url) for url in dict.fromkeys(fetcher.refused))
        raise StageError(
            f"the PDF of {stem} would load {len(fetcher.refused)} address(es) from outside "
            f"the edition: {shown}; refused, and no PDF was written",
            fix="use figure images in PNG, JPEG, GIF or WebP (an SVG image can point at "
            "other files); if every image is one, this is a toolkit bug: please report it",
        )
    return data


class FetchRefused(ValueError):
    """An address other than ``data:`` asked of the PDF writer (WeasyPrint reports it
    as a failed fetch and leaves the resource out)."""


def _data_only_fetcher() -> Any:
    """A WeasyPrint URL fetcher that serves ``data:`` addresses and refuses all others,
    logging each and keeping them in its ``refused`` list."""
    refused: list[str] = []

    def allow(url: str) -> None:
        if url[:5].lower() != "data:":
            refused.append(url)
            log.error(
                "pdf: refused to load %s: an edition carries its resources as data", _short(url)
            )
            raise FetchRefused(f"not a data: address: {_short(url)}")

    try:
        from weasyprint.urls import URLFetcher
    except ImportError:  # WeasyPrint before 70: a fetcher is a function
        from weasyprint.urls import default_url_fetcher

        def fetch(url: str) -> Any:
            allow(url)
            return default_url_fetcher(url)

        fetch.refused = refused  # type: ignore[attr-defined]
        return fetch

    class DataOnly(URLFetcher):  # type: ignore[misc]  # an untyped library's class
        def fetch(self, url: str, headers: Any = None) -> Any:
            allow(url)
            return super().fetch(url, headers)

    fetcher = DataOnly(allowed_protocols=("data",))
    fetcher.refused = refused
    return fetcher


def _short(url: str, limit: int = 160) -> str:
    """An address for a message, its middle cut if it is long (its end names the file)."""
    return repr(url if len(url) <= limit else f"{url[: limit - 60]}…{url[-60:]}")
