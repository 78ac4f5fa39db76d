"""Finish Pandoc's EPUB package metadata with what Pandoc's options cannot say.

- each author's and translator's name in its other scripts
  (``<meta property="alternate-script" xml:lang="zh-Hant">周奕成</meta>``);
- a ``dc:language`` for every language the text is in (Pandoc writes the edition's only);
- ``xml:lang`` beside every ``lang`` of the text;
- the cover page's picture named by what the cover says (an SVG ``<title>``: Pandoc's
  ``<svg>`` has none, and a screen reader has nothing else to read);
- each chapter's ``<title>``: Pandoc names a chapter by its file (``ch001.xhtml``) when
  its heading is inside a section, which readers show as the chapter's name; it becomes
  the chapter's first heading (the edition's title where there is none).

- the edition's ISBN, when it has one, as a second ``dc:identifier`` (``urn:isbn:…``,
  its type ONIX code 15, ISBN-13), beside the unique identifier Pandoc writes (which
  stays the edition's UUID: an ISBN may be added later, the book is the same).

(Pandoc itself writes the roles aut/trl, file-as, dc:source, dc:subject and the rest.)

The EPUB is re-zipped with ``mimetype`` first and stored, as the OCF spec requires.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterable
from xml.sax.saxutils import escape

from toolkit.render.attribution import attribution_of
from toolkit.render.cover import cover_alt
from toolkit.render.edition import Edition

OPF = "http://www.idpf.org/2007/opf"
XHTML = "http://www.w3.org/1999/xhtml"
DC = "http://purl.org/dc/elements/1.1/"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ET.register_namespace("", OPF)
ET.register_namespace("dc", DC)
ET.register_namespace("opf", OPF)


def finish_epub(data: bytes, edition: Edition) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        names = src.namelist()
        opf_name = next(n for n in names if n.endswith(".opf"))
        contents = {n: src.read(n) for n in names}
        infos = {n: src.getinfo(n) for n in names}
    chapters = [n for n in names if n.endswith(".xhtml") and "/text/" in f"/{n}"]
    for name in chapters:
        contents[name] = _xml_lang(_fix_title(contents[name], edition.title))
        if name.endswith("/cover.xhtml"):
            contents[name] = _svg_title(contents[name], cover_alt(edition))
    languages = _languages(contents[n] for n in chapters)
    contents[opf_name] = _fix_opf(contents[opf_name], edition, languages)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        order = ["mimetype", *(n for n in names if n != "mimetype")]
        for name in order:
            info = zipfile.ZipInfo(name, date_time=infos[name].date_time)
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            info.external_attr = infos[name].external_attr
            dst.writestr(info, contents[name])
    return out.getvalue()


_TITLE = re.compile(rb"<title>[^<]*</title>")


def _fix_title(xhtml: bytes, fallback: str) -> bytes:
    """The chapter with its first heading's text as its ``<title>`` (only that element
    changes: the rest of the file stays byte for byte as Pandoc wrote it)."""
    root = ET.fromstring(xhtml)
    heading = next(
        (el for el in root.iter() if el.tag in {f"{{{XHTML}}}h{n}" for n in range(1, 7)}), None
    )
    text = " ".join("".join(heading.itertext()).split()) if heading is not None else ""
    title = b"<title>" + escape(text or fallback).encode("utf-8") + b"</title>"
    return _TITLE.sub(lambda _: title, xhtml, count=1)


_SVG = re.compile(rb"<svg\b[^<>]*>")


def _svg_title(xhtml: bytes, text: str) -> bytes:
    """The cover page with ``text`` as its picture's ``<title>``, its first child."""
    title = b"<title>" + escape(text).encode("utf-8") + b"</title>"
    return _SVG.sub(lambda m: m.group() + title, xhtml, count=1)


_START_TAG = re.compile(rb"<[A-Za-z][^<>]*>")
_LANG = re.compile(rb'(\slang="([^"]*)")')


def _xml_lang(xhtml: bytes) -> bytes:
    """Each element with a ``lang`` also with ``xml:lang``, as EPUB's XHTML reading
    systems look for (Pandoc writes both on ``<html>`` only); nothing else changes."""

    def tag(m: re.Match[bytes]) -> bytes:
        text = m.group()
        if b"xml:lang=" in text:
            return text
        return _LANG.sub(lambda a: a.group(1) + b' xml:lang="' + a.group(2) + b'"', text, 1)

    return _START_TAG.sub(tag, xhtml)


def _languages(chapters: Iterable[bytes]) -> list[str]:
    """Every language the chapters' text is tagged in (``lang`` and ``xml:lang``), in the
    order met."""
    found: dict[str, None] = {}
    for xhtml in chapters:
        for element in ET.fromstring(xhtml).iter():
            for attribute in ("lang", XML_LANG):
                if value := element.get(attribute):
                    found.setdefault(value, None)
    return list(found)


def _fix_opf(opf: bytes, edition: Edition, languages: list[str]) -> bytes:
    root = ET.fromstring(opf)
    metadata = root.find(f"{{{OPF}}}metadata")
    assert metadata is not None
    # Pandoc states the edition's language; the others its text is in follow it.
    stated = {(e.text or "") for e in metadata.findall(f"{{{DC}}}language")}
    for lang in languages:
        if lang not in stated:
            stated.add(lang)
            ET.SubElement(metadata, f"{{{DC}}}language").text = lang
    attribution = attribution_of(edition)
    by_name = {attribution.shown(p): p for p in attribution.people}
    for tag in ("creator", "contributor"):
        for element in metadata.findall(f"{{{DC}}}{tag}"):
            person = by_name.get(element.text or "")
            ident = element.get("id")
            if person is None or ident is None:
                continue
            for lang, name in person.name.items():
                if name != element.text:
                    meta = ET.SubElement(
                        metadata,
                        f"{{{OPF}}}meta",
                        {"refines": f"#{ident}", "property": "alternate-script", XML_LANG: lang},
                    )
                    meta.text = name
    if attribution.isbn:
        isbn = ET.SubElement(metadata, f"{{{DC}}}identifier", {"id": "isbn"})
        isbn.text = f"urn:isbn:{attribution.isbn}"
        kind = {"refines": "#isbn", "property": "identifier-type", "scheme": "onix:codelist5"}
        ET.SubElement(metadata, f"{{{OPF}}}meta", kind).text = "15"
    data: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return data
