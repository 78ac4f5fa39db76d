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
from toolkit.metadata import Organisation, Person, pick
from toolkit.render.ast import Json, mark_title_page, pandoc_document, text_inlines
from toolkit.render.credits import Credits, full_name
from toolkit.render.edition import Edition
from toolkit.render.epubmeta import finish_epub
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

    def blocks(self, *, article_title: bool = True) -> list[Json]:
        """Title page, text, colophon. ``article_title``: repeat the title where the text
        begins, as a book does after its title page (EPUB, PDF; not a single web page)."""
        title = {
            "t": "Header",
            "c": [1, ["article-title", ["unnumbered"], []], text_inlines(self.edition.title)],
        }
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
    return "".join(strings) + "0123456789"


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
    style = f"\n{font_face}\n{parts.css}\n{print_css}"
    document["meta"]["header-includes"] = {
        "t": "MetaBlocks",
        "c": [{"t": "RawBlock", "c": ["html", head(edition, style)]}],
    }
    out = scratch / f"{edition.file_stem}.html"
    run_pandoc(document, "html5", out, ["--standalone", "--wrap=none", "--embed-resources"])
    generator = f'<meta name="generator" content="bilingual-toolkit {__version__} (Pandoc)" />'
    page = re.sub(r'<meta name="generator" content="pandoc" ?/>', generator, out.read_text("utf-8"))
    # Embedding gives <img> a redundant role="img" (and an aria-label repeating its alt).
    return re.sub(r'<img role="img" aria-label="[^"]*" ', "<img ", page)


def head(edition: Edition, style: str) -> str:
    """The edition's ``<meta>`` elements, its JSON-LD and its stylesheet, as HTML.

    A metadata value is only ever an attribute's value, quoted, with every ``&``, ``<``,
    ``>``, ``"`` and ``'`` escaped (``html.escape``): a ``"`` in a title cannot start
    another attribute, and the value comes back exactly as written. (lxml's serializer
    is not used for these: it leaves ``&`` unescaped after a ``<!--`` in a value, so
    ``<!-- G &amp; H -->`` would be read back as ``<!-- G & H -->``.) The JSON-LD holds
    no ``<``, ``>`` or ``&`` (``script_json``), so a title cannot end or reopen its
    ``<script>``; the stylesheet is the toolkit's own.
    """
    elements = [
        f'<meta name="{_attribute(name)}" content="{_attribute(value)}">'
        for name, value in _meta_tags(edition)
    ]
    script = E.SCRIPT(script_json(_json_ld(edition)), type="application/ld+json")
    elements += [lxml_html.tostring(e, encoding="unicode") for e in (script, E.STYLE(style))]
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


def _meta_tags(edition: Edition) -> list[tuple[str, str]]:
    """(name, content) of each ``<meta>``: the names WeasyPrint puts in a PDF's document
    information (author, description) and the rest of the attribution."""
    original = edition.work.original
    tags = [("author", full_name(p, edition.lang)) for p in original.authors]
    tags.append(("description", description(edition)))
    if edition.date:
        tags.append(("dcterms.date", edition.date))
    if edition.translation is not None:
        tags += [
            ("translator", full_name(p, edition.lang)) for p in edition.translation.meta.translators
        ]
        tags.append(("dcterms.source", original.url or original.title))
    if edition.publisher_name:
        tags.append(("publisher", edition.publisher_name))
    if edition.rights:
        tags.append(("dcterms.rights", edition.rights))
    tags.append(("original-title", original.title))
    return tags


def _json_ld(edition: Edition) -> dict[str, object]:
    original = edition.work.original

    def person(p: Person) -> dict[str, object]:
        return {"@type": "Person", "name": full_name(p, edition.lang)}

    def org(o: Organisation | None) -> dict[str, object] | None:
        if o is None:
            return None
        return {"@type": "Organization", "name": pick(o.name, edition.lang), "url": o.url}

    source: dict[str, object] = {
        "@type": "Article",
        "name": original.title,
        "inLanguage": original.language,
        "author": [person(p) for p in original.authors],
        "publisher": org(original.publisher),
        "url": original.url,
        "datePublished": original.date.isoformat() if original.date else None,
    }
    tr = edition.translation
    if tr is None:
        data = {"@context": "https://schema.org", **source}
    else:
        data = {
            "@context": "https://schema.org",
            "@type": "Article",
            "name": tr.meta.title,
            "inLanguage": tr.meta.language,
            "author": source["author"],
            "translator": [person(p) for p in tr.meta.translators],
            "publisher": org(tr.meta.publisher),
            "url": tr.meta.url,
            "datePublished": tr.meta.date.isoformat() if tr.meta.date else None,
            "translationOfWork": source,
        }
    cleaned: dict[str, object] = _drop_empty(data)
    return cleaned


def _drop_empty(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _drop_empty(v) for k, v in value.items() if v not in (None, [], "")}
    if isinstance(value, list):
        return [_drop_empty(v) for v in value]
    return value


def description(edition: Edition) -> str:
    original = edition.work.original
    authors = ", ".join(full_name(p, edition.lang) for p in original.authors)
    tr = edition.translation
    if tr is None:
        return f"{original.title}, by {authors}"
    translators = ", ".join(full_name(p, edition.lang) for p in tr.meta.translators)
    return (
        f"{tr.meta.title}: a translation of {original.title} by {authors}, "
        f"translated by {translators}"
    )


# EPUB -------------------------------------------------------------------------


def epub(parts: Parts, scratch: Path, font: Path) -> bytes:
    edition = parts.edition
    original = edition.work.original
    tr = edition.translation
    meta: dict[str, object] = {
        "title": edition.title,
        "lang": edition.lang,
        "identifier": edition.identifier,
        "creator": [
            {"role": "aut", "text": pick(p.name, edition.lang), **_file_as(p)}
            for p in original.authors
        ],
        "description": description(edition),
    }
    if tr is not None:
        meta["contributor"] = [
            {"role": "trl", "text": pick(p.name, edition.lang), **_file_as(p)}
            for p in tr.meta.translators
        ]
        if original.url:
            meta["source"] = original.url
    if edition.publisher_name:
        meta["publisher"] = edition.publisher_name
    if edition.rights:
        meta["rights"] = edition.rights
    if edition.date:
        meta["date"] = edition.date
    css = scratch / "edition.css"
    css.write_text(_epub_css(parts, font), "utf-8")
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
            f"--epub-embed-font={font}",
        ],
    )
    return finish_epub(out.read_bytes(), edition)


def _file_as(person: Person) -> dict[str, str]:
    return {"file-as": person.sort_as} if person.sort_as else {}


def _epub_css(parts: Parts, font: Path) -> str:
    face = (
        '@font-face { font-family: "Edition CJK"; '
        f'src: url("../fonts/{font.name}") format("opentype"); }}'
    )
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
    data = document.write_pdf(custom_metadata=True, pdf_tags=True)
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
