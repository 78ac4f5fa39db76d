"""The web page cleaner's work on lxml trees: visible text, where an element stood,
markers for the pieces taken out, and a page's footnotes and image credits.

- :class:`Markers` takes an element out and leaves an empty marker (``data-toolkit-part``)
  per piece where it stood, so the import record lists the piece in its place;
- :class:`Notes`: a footnote-like element (``<aside class="footnote" id="n1">``, an
  ``<li id="fn1">`` of a ``footnotes`` list) that a link points to becomes a footnote at
  the link (``data-toolkit-note`` there, ``data-toolkit-note-body`` around the note);
- :class:`Credits`: an image credit inside or right under a figure or an image becomes
  the image's credit (``data-toolkit-credit``); one that no image carries goes to the
  metadata.
"""

from __future__ import annotations

import re
from typing import Any

import lxml.html
from lxml import etree

from toolkit.importing.pandoc_events import CreditLine, Piece, SetAside
from toolkit.importing.recognise import credit_line, split_credit
from toolkit.store.importrecord import Reason

#: An lxml HTML element (lxml ships no type information).
Element = Any

#: A note that a link points to: a footnote by role, epub:type, class or id.
NOTE_WORDS = re.compile(
    r"(?:^|[-_\s:])(?:foot-?notes?|end-?notes?|fn\d*|notes?)(?:$|[-_\s\d])", re.I
)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


INVISIBLE = ("script", "style", "noscript", "template")
_BLOCK_TAGS = _words(
    "address article aside blockquote body caption dd details div dl dt figcaption figure footer "
    "form h1 h2 h3 h4 h5 h6 header hr html li main nav ol p pre section summary table tbody "
    "td tfoot th thead title tr ul"
)
_PHRASING_PARENTS = _words(
    "p h1 h2 h3 h4 h5 h6 span a em strong b i u s small figcaption caption label q cite time "
    "sup sub mark abbr dt"
)
#: Containers in which a marker cannot stand: it goes before the container.
_CONTAINERS = _words("ul ol dl table thead tbody tfoot tr select menu colgroup")


def describe(el: Element) -> str:
    """Where an element stood, for people: ``div.share-buttons``, ``aside#sidebar``, ``nav``."""
    classes = (el.get("class") or "").split()
    if classes:
        return f"{el.tag}.{classes[0]}"
    return f"{el.tag}#{el.get('id')}" if el.get("id") else str(el.tag)


def visible_lines(el: Element, skip: Element | None = None) -> tuple[str, ...]:
    """The text a reader sees in ``el`` (without ``skip``), a line per block, spaces collapsed."""
    lines: list[str] = []
    buf: list[str] = []

    def flush() -> None:
        line = " ".join("".join(buf).split())
        if line:
            lines.append(line)
        buf.clear()

    def walk(e: Element) -> None:
        if e is skip or not isinstance(e.tag, str) or e.tag in INVISIBLE:
            flush()
            return
        block = e.tag in _BLOCK_TAGS or e.tag == "br"
        if block:
            flush()
        buf.append(e.text or "")
        for child in e:
            walk(child)
            buf.append(child.tail or "")
        if block:
            flush()

    walk(el)
    flush()
    return tuple(lines)


def fragment_lines(html: str) -> tuple[str, ...]:
    """The visible text of an HTML fragment (raw HTML in a Markdown file, say)."""
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        text = re.sub(r"<!--.*?-->|<[^>]*>", " ", html, flags=re.S)
        return tuple(line for line in [" ".join(text.split())] if line)
    return visible_lines(root)


def class_names(el: Element) -> str:
    """An element's class names and id, for the recognisers of class words."""
    return f"{el.get('class') or ''} {el.get('id') or ''}"


def text_of(el: Element) -> str:
    """An element's text, white space collapsed."""
    return " ".join(el.text_content().split())


class Markers:
    """The pieces taken out of an article, each by the key of the marker left for it."""

    def __init__(self) -> None:
        self.pieces: dict[str, Piece] = {}

    def remove(self, el: Element, pieces: list[Piece]) -> None:
        """Replace ``el`` by a marker for each piece (before the list or table it is in,
        where a marker could not stand); markers inside it are kept, before it."""
        anchor = el
        while anchor.getparent() is not None and anchor.getparent().tag in _CONTAINERS:
            anchor = anchor.getparent()
        parent = anchor.getparent()
        tag = "span" if parent is not None and parent.tag in _PHRASING_PARENTS else "div"
        for marker in el.xpath(".//*[@data-toolkit-part]"):  # pieces taken out of it before
            marker.drop_tree()
            anchor.addprevious(marker)
        for piece in pieces:
            key = str(len(self.pieces))
            self.pieces[key] = piece
            anchor.addprevious(lxml.html.Element(tag, {"data-toolkit-part": key}))
        el.drop_tree()


class Notes:
    """Footnote-like elements that a link in the article points to, as footnotes: the link
    becomes a marker (``data-toolkit-note``), the note a ``data-toolkit-note-body`` div."""

    def __init__(self, article: Element, markers: Markers) -> None:
        self.article = article
        self.markers = markers

    def run(self) -> None:
        ids = {el.get("id"): el for el in self.article.iter() if el.get("id")}
        done: set[str] = set()
        for link in list(self.article.iter("a")):
            href = link.get("href") or ""
            note = ids.get(href[1:]) if href.startswith("#") else None
            if note is None or href in done or not self._note_like(note):
                continue
            if note in link.iterancestors() or link in note.iterancestors():
                continue
            done.add(href)
            key = f"n{len(done)}"
            mark = _mark_of(link)
            ref = link.getparent() if _only_child(link) else link
            ref_ids = {e.get("id") for e in (link, ref, *link.iterancestors()) if e.get("id")}
            marker = lxml.html.Element("span", {"data-toolkit-note": key})
            marker.tail = ref.tail
            ref.getparent().replace(ref, marker)
            self._body(note, key, mark, ref_ids)

    def _note_like(self, el: Element) -> bool:
        for e in (el, *el.iterancestors()):
            if e is self.article:
                return False
            words = f"{class_names(e)} {e.get('role') or ''} {e.get('epub:type') or ''}"
            if NOTE_WORDS.search(words):
                return True
        return False

    def _body(self, note: Element, key: str, mark: str, ref_ids: set[str]) -> None:
        for back in list(note.iter("a")):
            target = (back.get("href") or "")[1:]
            if target in ref_ids or "doc-backlink" in (back.get("role") or ""):
                self.markers.remove(
                    back, [SetAside("a (back to the text)", Reason.NAVIGATION, (text_of(back),))]
                )
        _strip_mark(note, mark)
        body = lxml.html.Element("div", {"data-toolkit-note-body": key})
        body.text = note.text
        for child in list(note):
            body.append(child)
        anchor = note
        while anchor.getparent() is not None and anchor.getparent().tag in _CONTAINERS:
            anchor = anchor.getparent()
        anchor.addprevious(body)
        note.drop_tree()


def _only_child(link: Element) -> bool:
    parent = link.getparent()
    return (
        parent is not None
        and parent.tag in ("sup", "small", "span")
        and len(parent) == 1
        and not (parent.text or "").strip()
        and not (link.tail or "").strip()
    )


def _mark_of(link: Element) -> str:
    return text_of(link).strip("[]().:")


def _strip_mark(note: Element, mark: str) -> None:
    """Take the note's own number (``1.``, ``[1]``, ``<sup>1</sup>``) off its start."""
    if not mark:
        return
    pattern = re.compile(rf"\s*[\[(]?{re.escape(mark)}[\])]?[.:．、)]?(?:\s+|$)")
    el = note
    while not (el.text or "").strip() and len(el) and el[0].tag in ("p", "div", "span", "sup", "a"):
        first = el[0]
        if text_of(first).strip("[]().:") == mark and first.tag in ("sup", "a", "span"):
            first.drop_tree()
            if el.text:
                el.text = el.text.lstrip()
            return
        el = first
    m = pattern.match(el.text or "")
    if m:
        el.text = el.text[m.end() :]


class Credits:
    """Image credits: a figure's own, the line under an image, and the rest for metadata."""

    def __init__(self, article: Element, markers: Markers) -> None:
        self.article = article
        self.markers = markers

    def run(self) -> None:
        for figure in list(self.article.iter("figure")):
            images = list(figure.iter("img"))
            if images:
                credit = self._inside(figure) or self._under(figure)
                if credit:
                    images[0].set("data-toolkit-credit", credit)
        for img in list(self.article.iter("img")):
            if img.get("data-toolkit-credit") or any(
                a.tag == "figure" for a in img.iterancestors()
            ):
                continue
            holder = img
            while holder.getparent() is not None and holder.getparent().tag in (
                "a",
                "picture",
                "span",
            ):
                holder = holder.getparent()
            parent = holder.getparent()
            line = parent is not None and parent.tag in ("p", "div")
            rest = text_of(parent).replace(text_of(holder), "", 1).strip() if line else ""
            if rest and credit_line(rest) and len(parent) <= 3:
                credit = self._beside(parent, holder, rest)
            else:
                credit = self._under(parent if line and not rest else holder)
            if credit:
                img.set("data-toolkit-credit", credit)
        self._loose(self.article)

    def _inside(self, figure: Element) -> str:
        for el in figure.iter():
            if el is figure or el.tag in ("img", "picture", "source"):
                continue
            text = text_of(el)
            if text and credit_line(text) and not list(el.iter("img")):
                el.drop_tree()
                return text
        caption = figure.find(".//figcaption")
        if caption is None:
            return ""
        last = caption[-1] if len(caption) else None
        text = (last.tail if last is not None else caption.text) or ""
        split = split_credit(text)
        if split is None:
            return ""
        if last is not None:
            last.tail = split[0]
        else:
            caption.text = split[0]
        return split[1]

    def _beside(self, parent: Element, holder: Element, rest: str) -> str:
        """The credit in the same paragraph as the image (after a <br>): all of the
        paragraph but the image goes."""
        for child in list(parent):
            if child is not holder:
                child.drop_tree()
        parent.text = holder.tail = None
        return rest

    def _under(self, el: Element) -> str:
        nxt = el.getnext()
        if nxt is None or list(nxt.iter("img")) or not credit_line(text_of(nxt)):
            return ""
        text = text_of(nxt)
        nxt.drop_tree()
        return text

    def _loose(self, el: Element) -> None:
        """Credit lines no image carries: to the metadata."""
        for child in list(el):
            if not isinstance(child.tag, str) or child.get("data-toolkit-note-body"):
                continue
            text = text_of(child)
            if text and credit_line(text) and not list(child.iter("img")):
                self.markers.remove(child, [CreditLine(f"{describe(child)} (image credit)", text)])
            else:
                self._loose(child)
