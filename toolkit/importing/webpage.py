"""A web page saved from a publisher's site: its article, without the site around it.

Before Pandoc reads a page, this module finds the article and takes the page's furniture
out of it, recording each piece with its reason, so that nothing disappears unseen:

- the article: ``<article>``, ``[itemprop=articleBody]``, ``<main>``, a common content
  class, else the element with the most paragraph text; everything outside it is one
  piece (its visible text lines);
- inside it: navigation, asides, forms, footers, share buttons, comments, related posts
  (also under a heading such as 延伸閱讀), tags, advertisements and newsletter prompts,
  read counters (``319 人閱讀``, ``1.2k views``), a byline that repeats the metadata's
  names (``文／王小明``, ``By Jane Doe``), date lines at the head, the repeated title;
- image credits (``圖片來源：…``, ``Photo: …``) under or inside a figure become the image's
  credit (``data-toolkit-credit``); one that no image carries goes to the metadata;
- a bare line in bold (``<p><strong>小標題</strong></p>``) becomes a subheading;
- a footnote-like element (``<aside class="footnote" id="n1">``) that a link points to
  becomes a footnote at that link.

Each removed piece leaves an empty marker (``data-toolkit-part``) where it stood, so the
import record lists it in its place (``pandoc_html``, which also handles the footnotes and
credits). The recognisers are small data tables: those of the page's structure (class
words, tags and roles, content classes) below, those of a line's text in
``recognise``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import lxml.html

from toolkit.importing.imported import ReadContext
from toolkit.importing.pandoc_events import Piece, SetAside
from toolkit.importing.pandoc_html import (
    INVISIBLE,
    Credits,
    Element,
    Markers,
    Notes,
    class_names,
    describe,
    text_of,
    visible_lines,
)
from toolkit.importing.recognise import (
    ADVERT_LINE,
    DATE,
    META_SEPARATOR,
    READ_COUNT,
    RELATED_HEADING,
    SENTENCE_END,
    SUBHEADING_MAX,
    TAGS_LINE,
    credit_line,
    is_byline,
    same_title,
)
from toolkit.store.importrecord import Reason

# --- the recognisers of the page's structure (the text's are in recognise) --------

#: Words of a class name or id (split at ``-`` and ``_`` boundaries) that mark furniture.
CLASS_WORDS: tuple[tuple[Reason, str], ...] = (
    (Reason.SHARE, r"share|shares|sharing|sharer|social|sns|line-it|addthis|addtoany|sharethis"),
    (Reason.COMMENTS, r"comments?|comment-form|disqus|disqus_thread|fb-comments|respond"),
    (
        Reason.RELATED,
        r"related|recommend|recommended|recommendations?|more-stories|more-articles|"
        r"read-more|also-read|you-may-like|popular",
    ),
    (
        Reason.TAGS,
        r"tags?|tag-list|tagcloud|tag-cloud|keywords?|categories|category|kicker|eyebrow",
    ),
    (
        Reason.ADVERT,
        r"ad|ads|advert|adverts|advertisement|sponsor|sponsored|newsletter|subscribe|"
        r"subscription|signup|sign-up|promo|dfp|adsbygoogle",
    ),
    (Reason.NAVIGATION, r"nav|navbar|navigation|breadcrumbs?|menu|pagination|pager"),
    (Reason.READ_COUNT, r"views|view-count|viewcount|read-count|readcount|pageviews|hits"),
)
#: Elements that are furniture by their tag or ARIA role (after the class names).
TAG_REASONS: dict[str, Reason] = {
    "nav": Reason.NAVIGATION,
    "navigation": Reason.NAVIGATION,
    "aside": Reason.ASIDE,
    "complementary": Reason.ASIDE,
    "form": Reason.FORM,
    "search": Reason.FORM,
    "footer": Reason.FOOTER,
    "contentinfo": Reason.FOOTER,
}
#: Class names of the article's text, when there is no <article> or <main>.
CONTENT_CLASS = re.compile(
    r"(?:^|\s)(?:article[-_]?(?:content|body|text)|post[-_](?:content|body)|entry[-_]content|"
    r"story[-_](?:body|content)|content[-_]body|main[-_]content|news[-_]content)(?:\s|$)",
    re.IGNORECASE,
)
#: Furniture that is furniture however much text it holds.
_NEVER_THE_ARTICLE = frozenset({Reason.COMMENTS, Reason.RELATED})
_EMBEDS = frozenset({"iframe", "video", "audio", "embed", "object", "canvas", "svg"})
_LAZY_SOURCES = ("data-src", "data-original", "data-lazy-src", "data-actualsrc")


_PARSER = lxml.html.HTMLParser(huge_tree=True)


@dataclass(frozen=True)
class Page:
    """A page split for the import: the article's HTML for Pandoc, and the rest.

    ``pieces`` maps each marker left in ``html`` to what stood there.
    """

    html: str
    outside: SetAside | None = None
    pieces: dict[str, Piece] = field(default_factory=dict)


def clean_page(text: str, context: ReadContext) -> Page:
    """Find the article in ``text`` and take the page's furniture out of it."""
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
    if not text.strip():
        return Page(html="")
    # huge_tree: libxml2 otherwise drops, silently, everything nested deeper than 256
    # elements (400 unclosed <font> tags on an old page would lose the article).
    root = lxml.html.document_fromstring(text, parser=_PARSER)
    for el in list(root.iter()):
        if not isinstance(el.tag, str) or el.tag in INVISIBLE:
            el.drop_tree()  # not visible: scripts, styles, comments
        else:
            for name in [n for n in el.attrib if n.startswith("data-toolkit-")]:
                del el.attrib[name]
    body = root.find("body")
    body = root if body is None else body
    article = find_article(body)
    title = [" ".join(t.split()) for t in root.xpath("//head/title/text()") if t.strip()]
    lines = (*title, *visible_lines(body, skip=article))
    outside = SetAside("page outside the article", Reason.OUTSIDE_ARTICLE, lines) if lines else None
    cleaner = _Cleaner(article, context)
    cleaner.run()
    html = lxml.html.tostring(article, encoding="unicode")
    return Page(str(html), outside, cleaner.markers.pieces)


def find_article(body: Element) -> Element:
    """The element holding the article: the first of ``<article>`` (the one with the most
    paragraph text), ``[itemprop=articleBody]``, ``<main>`` and a content class that holds
    at least half the page's paragraph text; else the smallest element holding four fifths
    of it. Paragraphs inside furniture (comments, share bars, menus, asides) do not count,
    so a long comment thread never outweighs the article it follows."""
    text = _content_text(body)
    total = text[body]
    articles = sorted(body.iter("article"), key=lambda el: text[el], reverse=True)[:1]
    candidates = [
        *articles,
        *body.xpath(".//*[@itemprop='articleBody']"),
        *body.iter("main"),
        *body.xpath(".//*[@role='main']"),
        *(el for el in body.iter() if CONTENT_CLASS.search(class_names(el))),
    ]
    for el in candidates:
        if total and text[el] * 2 >= total:
            return el
    best, depth = body, 0
    for el in body.iter():
        if total and text.get(el, 0) * 5 >= total * 4:
            level = sum(1 for _ in el.iterancestors())
            if level > depth:
                best, depth = el, level
    return best


def _content_text(root: Element) -> dict[Element, int]:
    """For every element under ``root``, the length of its paragraphs' text, furniture left
    out (in one pass from the leaves up: pages may nest hundreds of elements deep)."""
    text: dict[Element, int] = {}
    for el in reversed(list(root.iter())):
        if not isinstance(el.tag, str) or (el is not root and _furniture_by_name(el)):
            text[el] = 0
            continue
        own = len(el.text_content().strip()) if el.tag == "p" else 0
        text[el] = own if own else sum(text.get(child, 0) for child in el)
    return text


def _furniture_by_name(el: Element) -> bool:
    return (
        _class_reason(el) is not None or el.tag in TAG_REASONS or el.get("role", "") in TAG_REASONS
    )


# --- taking the furniture out ------------------------------------------------------------


_CLASS_PATTERNS = [
    (reason, re.compile(rf"(?:^|[-_])(?:{words})(?:$|[-_])")) for reason, words in CLASS_WORDS
]


def _class_reason(el: Element) -> Reason | None:
    """The reason the first class word found in ``el``'s class names or id gives."""
    words = class_names(el).lower().split()
    for reason, pattern in _CLASS_PATTERNS:
        if any(pattern.search(word) for word in words):
            return reason
    return None


def _paragraph_text(el: Element) -> int:
    return sum(len(p.text_content().strip()) for p in el.iter("p"))


class _Cleaner:
    """Takes the furniture out of one article, in document order, leaving markers."""

    def __init__(self, article: Element, context: ReadContext) -> None:
        self.article = article
        self.context = context
        self.markers = Markers()
        self.total = _paragraph_text(article)
        order = {el: i for i, el in enumerate(article.iter())}
        first = next(
            (p for p in article.iter("p") if len(text_of(p)) >= 30 and not _class_reason(p)), None
        )
        self.order = order
        self.head_end = order[first] if first is not None else len(order)
        self.first = first
        self.title_done = False

    def run(self) -> None:
        for img in self.article.iter("img"):
            lazy = next((img.get(a) for a in _LAZY_SOURCES if img.get(a)), None)
            if lazy:
                img.set("src", lazy)
        Notes(self.article, self.markers).run()
        self._walk(self.article)
        Credits(self.article, self.markers).run()
        self._subheadings()

    # The walk: each element is furniture as a whole, or its children are looked at.

    def _walk(self, el: Element) -> None:
        for child in list(el):
            if child.getparent() is not el:
                continue  # taken with a heading before it (related posts)
            if not isinstance(child.tag, str) or child.get("data-toolkit-note-body"):
                continue
            pieces = self._furniture(child)
            if pieces:
                self.markers.remove(child, pieces)
            elif pieces is None:
                self._walk(child)

    def _furniture(self, el: Element) -> list[Piece] | None:
        """The pieces ``el`` is, or None to look inside it ([] to leave it as it is)."""
        holds_text = self.first is not None and (
            el is self.first or el in self.first.iterancestors()
        )
        reason = None
        if not holds_text:
            reason = (
                _class_reason(el) or TAG_REASONS.get(el.tag) or TAG_REASONS.get(el.get("role", ""))
            )
            # A container named like furniture that holds most of the text is more likely
            # mislabelled than furniture; comments and related posts are never the article.
            small = _paragraph_text(el) * 2 < max(self.total, 1)
            if not small and reason not in _NEVER_THE_ARTICLE:
                reason = None
        if reason is not None:
            if reason is Reason.FOOTER:
                self._walk(el)  # its share buttons, tags, … each with its own reason
                lines = visible_lines(el)
                return [SetAside(describe(el), reason, lines)] if lines else []
            return [SetAside(describe(el), reason, visible_lines(el))]
        if el.tag in _EMBEDS:
            src = tuple(s for s in [el.get("src") or el.get("data") or ""] if s)
            return [SetAside(describe(el), Reason.NOT_TEXT, (*src, *visible_lines(el)))]
        text = text_of(el)
        if not text or len(text) > 200 or holds_text:
            return None
        if credit_line(text):
            return []  # left for the credits, which look at the figures around it
        if not self.title_done and same_title(text, self.context.title):
            self.title_done = True
            return [SetAside(describe(el), Reason.TITLE, (text,))]
        if RELATED_HEADING.fullmatch(text):
            return self._related(el)
        if TAGS_LINE.match(text):
            return [SetAside(f"{describe(el)} (tags)", Reason.TAGS, visible_lines(el))]
        if ADVERT_LINE.fullmatch(text.rstrip("。.!！")):
            return [SetAside(f"{describe(el)} (advertisement)", Reason.ADVERT, (text,))]
        return self._meta_line(el, text)

    def _meta_line(self, el: Element, text: str) -> list[Piece] | None:
        """A line of bylines, dates and counters only, a piece each; else None."""
        parts = [text] if self._piece_reason(el, text) else META_SEPARATOR.split(text)
        found: list[Piece] = []
        for part in (p for p in parts if p.strip()):
            reason = self._piece_reason(el, part)
            if reason is None:
                return None
            label = {Reason.BYLINE: "byline", Reason.DATE: "date"}.get(reason, "read counter")
            found.append(SetAside(f"{describe(el)} ({label})", reason, (part.strip(),)))
        return found or None

    def _piece_reason(self, el: Element, text: str) -> Reason | None:
        text = text.strip()
        if READ_COUNT.fullmatch(text):
            return Reason.READ_COUNT
        if is_byline(text, self.context.names):
            return Reason.BYLINE
        if DATE.fullmatch(text) and self._at_head(el):
            return Reason.DATE
        return None

    def _at_head(self, el: Element) -> bool:
        """Before the article's first paragraph, in a header, or a <time> element."""
        if el.tag == "time" or self.order.get(el, 0) < self.head_end:
            return True
        return any(a.tag == "header" for a in el.iterancestors())

    def _related(self, heading: Element) -> list[Piece]:
        """A related-posts heading and the lists of links after it."""
        taken, lines = [describe(heading)], list(visible_lines(heading))
        nxt = heading.getnext()
        while nxt is not None and (nxt.tag in ("ul", "ol") or _mostly_links(nxt)):
            after = nxt.getnext()
            taken.append(describe(nxt))
            lines += visible_lines(nxt)
            nxt.drop_tree()
            nxt = after
        return [SetAside(" + ".join(taken), Reason.RELATED, tuple(lines))]

    def _subheadings(self) -> None:
        """Bare lines, all bold or standing alone between paragraphs, as subheadings."""
        levels = [int(h.tag[1]) for h in self.article.iter("h1", "h2", "h3", "h4", "h5", "h6")]
        level = min(levels) if levels else 2
        for p in list(self.article.iter("p")):
            parent = p.getparent()
            text = text_of(p)
            if (
                parent is None
                or parent.tag in ("blockquote", "li", "td", "th", "figure", "figcaption")
                or not text
                or len(text) > SUBHEADING_MAX
                or text.endswith(SENTENCE_END)
                or not any(ch.isalpha() for ch in text)
                or list(p.iter("img"))
            ):
                continue
            bold = _all_bold(p)
            if bold is not None or _alone(p):
                p.tag = f"h{level}"
                if bold is not None:
                    bold.drop_tag()


def _mostly_links(el: Element) -> bool:
    text = len(text_of(el))
    links = sum(len(text_of(a)) for a in el.iter("a"))
    return text > 0 and links * 2 >= text


def _all_bold(p: Element) -> Element | None:
    """The one <strong> or <b> that holds all of ``p``'s text, if there is one."""
    kids = [k for k in p if k.tag != "br"]
    if (p.text or "").strip() or len(kids) != 1 or kids[0].tag not in ("strong", "b"):
        return None
    return kids[0] if not (kids[0].tail or "").strip() else None


def _alone(p: Element) -> bool:
    """A short line of plain text between two paragraphs that end like sentences."""
    if len(p) or len(text_of(p)) > SUBHEADING_MAX // 2:
        return False
    before, after = p.getprevious(), p.getnext()
    return all(
        s is not None and s.tag == "p" and text_of(s).endswith(SENTENCE_END)
        for s in (before, after)
    )
