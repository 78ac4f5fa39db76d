"""Justified Chinese in the PDF: the slack of a line spread between its characters.

WeasyPrint 70 justifies a line by widening its spaces only (``justify_line`` in
``weasyprint/layout/inline.py``). Chinese has no spaces, so its justified lines stayed
short of the margin, and a Chinese line with a few Latin words poured all its slack into
their spaces. This module gives Chinese lines CSS ``text-justify: inter-character``
justification, as clreq (Requirements for Chinese Text Layout) describes for Chinese:

- every CJK character (East Asian Width W or F: Han, kana, CJK and full-width
  punctuation; and the curly quotes and middle dots a Chinese font sets full width)
  and every space takes one equal share of the slack, half on each side of it; a
  character written with a variation selector or mark takes none (see ``_weights``);
- so two adjacent CJK characters are a full share apart, a CJK character and a Latin
  word half a share (the Han–Latin boundary), and the letters of a Latin word or number
  never move apart: a line does not pour its slack into its few spaces;
- the line's own ends take nothing: its first character stays at the start edge and its
  last ends exactly at the end edge. The last line of a paragraph is start-aligned
  (WeasyPrint never calls ``justify_line`` for it: ``text-align: justify`` sets
  ``text-align-last: start``).

How: each text box of the line gets a Pango layout whose CJK characters carry Pango
letter-spacing (the same mechanism WeasyPrint uses for its word-spacing, so the drawing
code needs no change); Pango gives a character's letter-spacing half before and half
after it, except at the two ends of a layout, so a box boundary's missing halves become
a shift of the following boxes. The plan is pure arithmetic (``spread_slack``); the
WeasyPrint side (``justify_inter_character``) measures what Pango actually set and fails
loudly (StageError) if the line does not then fill its width within ``TOLERANCE``.

Precision: WeasyPrint writes each glyph's place into the PDF in whole thousandths of
an em, rounded toward zero, so each spaced glyph may come up to 1/1000 em short. A box
ends at most (its characters)/1000 em early, which the next box's exact position takes
up: a line ends at most its width/1000 short of the edge (a third of a point on an A5
page, under the half pixel the toolkit promises).

Scope: lines whose block is in Chinese (``lang`` ``zh``, ``zh-*``), left to right, with
``text-align: justify`` (WeasyPrint calls ``justify_line`` for no other), and without
``letter-spacing`` or ``word-spacing`` of their own; every other line is justified by
WeasyPrint as before. The patch is installed only while ``chinese_justification()`` is
open (the toolkit opens it around ``write_pdf``).

Upstream shape: ``justify_inter_character(context, line, extra_width)`` has the signature
of WeasyPrint's ``justify_line`` and could replace it for ``text-justify: inter-character``.
It relies on WeasyPrint's internals, so the supported version is pinned in pyproject.toml
(``weasyprint==70.*``) and checked when this module is imported: another version, or one
whose functions have changed shape, is a StageError, never a silently mis-set book.
"""

from __future__ import annotations

import inspect
import threading
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from toolkit.errors import StageError
from toolkit.languages import language_script

#: The WeasyPrint major version whose internals this module was written for and tested on.
SUPPORTED_WEASYPRINT = "70"
#: How far (CSS px) a justified line may end from its end edge before it is an error.
TOLERANCE = 0.1

_FIX = (
    "install the WeasyPrint version pyproject.toml pins (make build reinstalls it), or "
    "update toolkit/render/justify.py for this version and its tests"
)


def _unsupported(why: str) -> StageError:
    return StageError(f"cannot justify Chinese in the PDF: {why}", fix=_FIX)


try:
    import weasyprint
    from weasyprint.formatting_structure import boxes as _boxes
    from weasyprint.layout import inline as _inline
    from weasyprint.text import line_break as _line_break
    from weasyprint.text.ffi import TO_UNITS as _TO_UNITS
    from weasyprint.text.ffi import ffi as _ffi
    from weasyprint.text.ffi import pango as _pango
except ImportError as exc:  # pragma: no cover - another WeasyPrint layout
    raise _unsupported(f"WeasyPrint's internals have moved ({exc})") from None


def _check_weasyprint() -> None:
    """Raise StageError unless WeasyPrint is the version and shape this module expects."""
    version = str(weasyprint.__version__)
    if version.split(".")[0] != SUPPORTED_WEASYPRINT:
        raise _unsupported(
            f"it is written for WeasyPrint {SUPPORTED_WEASYPRINT}.x, and WeasyPrint {version} "
            "is installed"
        )
    expected = {
        "weasyprint.layout.inline.justify_line": (
            _inline,
            "justify_line",
            "context line extra_width",
        ),
        "weasyprint.layout.inline.text_align": (
            _inline,
            "text_align",
            "context line available_width last",
        ),
        "weasyprint.text.line_break.Layout.set_text": (
            _line_break.Layout,
            "set_text",
            "self text justify",
        ),
        "weasyprint.text.line_break.line_size": (_line_break, "line_size", "line style"),
        "weasyprint.text.line_break.get_log_attrs": (_line_break, "get_log_attrs", "text lang"),
    }
    for name, (owner, attribute, parameters) in expected.items():
        found = getattr(owner, attribute, None)
        if found is None or " ".join(inspect.signature(found).parameters) != parameters:
            raise _unsupported(f"WeasyPrint {version} has changed {name}")
    for name in ("reactivate", "deactivate", "get_first_line"):
        if not callable(getattr(_line_break.Layout, name, None)):
            raise _unsupported(f"WeasyPrint {version} has no Layout.{name}")


_check_weasyprint()
_WEASYPRINT_JUSTIFY = _inline.justify_line
_PANGO_SCALE = round(_TO_UNITS)  # Pango units in a CSS pixel


# The plan: pure arithmetic ---------------------------------------------------------

#: Ranges of character indexes ``[start, end)`` of a text.
Runs = tuple[tuple[int, int], ...]


#: Characters of East Asian Width "A" that a Chinese font sets full width in Chinese text.
_FULL_WIDTH_IN_CHINESE = frozenset("“”‘’·‧")
_SPACES = frozenset(" \u00a0")


def is_expandable(ch: str, chinese: bool) -> bool:
    """Whether ``ch`` takes a share of a line's slack: a space always; in Chinese text
    (``chinese``), a CJK character, which is never the case in a Latin word or number."""
    if ch in _SPACES:
        return True
    return chinese and (
        unicodedata.east_asian_width(ch) in ("W", "F") or ch in _FULL_WIDTH_IN_CHINESE
    )


def approximate_clusters(text: str) -> list[int]:
    """Where each grapheme cluster of ``text`` begins, near enough for the plan's own
    tests: a mark, variation selector or joiner goes with the character before it. The
    PDF uses Pango's own clusters (``_pango_clusters``), which the spacing follows."""
    return [
        i
        for i, ch in enumerate(text)
        if i == 0
        or not (
            unicodedata.category(ch) in ("Mn", "Me", "Mc")
            or 0xFE00 <= ord(ch) <= 0xFE0F
            or 0xE0100 <= ord(ch) <= 0xE01EF
            or ch == "\u200d"
        )
    ]


@dataclass(frozen=True)
class Spread:
    """How one text box takes its part of a line's slack (lengths in CSS px).

    ``runs``: ranges of character indexes ``[start, end)`` whose characters get
    ``spacing`` of letter-spacing; ``grown``: what that adds to the box's width (Pango
    leaves out the half before its first character and after its last); ``before`` and
    ``after``: those left-out halves, given as a shift of the box and of what follows
    it, except at the line's two ends.
    """

    runs: Runs
    spacing: float
    before: float
    grown: float
    after: float

    @property
    def total(self) -> float:
        return self.before + self.grown + self.after


def spread_slack(
    texts: Sequence[tuple[str, bool] | None],
    slack: float,
    clusters: Callable[[str], Sequence[int]] = approximate_clusters,
) -> list[Spread | None] | None:
    """Share ``slack`` (CSS px) out between the characters of a line's boxes.

    ``texts``: the line's inline boxes in visual order, each its text and whether it is
    Chinese, or None for an atomic box (an image), which takes no share. ``clusters``
    gives where each grapheme cluster of a text begins: a cluster is spaced as one
    character. Returns a Spread for each text box (None for an atomic one) whose totals
    add up to ``slack``; None when the line has nowhere to put it (no CJK character or
    space inside it).
    """
    cuts = [_cuts(item[0], clusters) if item else [] for item in texts]
    weights = [
        _weights(item[0], item[1], cut) if item else []
        for item, cut in zip(texts, cuts, strict=True)
    ]
    units = [i for i, item in enumerate(texts) if item is None or weights[i]]
    if not units:
        return None
    first, last = units[0], units[-1]
    total: float = sum(sum(w) for w in weights)
    total -= (weights[first][0] if weights[first] else 0) / 2
    total -= (weights[last][-1] if weights[last] else 0) / 2
    if total <= 0:
        return None
    share = slack / total
    spreads: list[Spread | None] = []
    for i, item in enumerate(texts):
        if item is None:
            spreads.append(None)
            continue
        w = weights[i]
        if not w:
            spreads.append(Spread((), share, 0.0, 0.0, 0.0))
            continue
        head, tail = w[0] * share / 2, w[-1] * share / 2
        spreads.append(
            Spread(
                runs=_runs(cuts[i], w),
                spacing=share,
                before=0.0 if i == first else head,
                grown=sum(w) * share - head - tail,
                after=0.0 if i == last else tail,
            )
        )
    return spreads


def _cuts(text: str, clusters: Callable[[str], Sequence[int]]) -> list[int]:
    """Where each cluster of ``text`` ends."""
    return [*(i for i in clusters(text) if 0 < i < len(text)), len(text)] if text else []


def _weights(text: str, chinese: bool, cuts: list[int]) -> list[int]:
    """One weight (0 or 1) per cluster of ``text``, in order.

    A cluster of several characters (a character and its variation selector or mark)
    takes none: where its run of spacing ends, Pango trims the spacing after it
    wrongly (it takes the selector's empty glyph for a space it has zeroed), which
    would leave the line's last visible character short of the edge. Its neighbours'
    halves still reach it.
    """
    starts = [0, *cuts[:-1]] if cuts else []  # an empty box (a space a line ended with)
    return [
        int(end - start == 1 and is_expandable(text[start], chinese))
        for start, end in zip(starts, cuts, strict=True)
    ]


def _runs(cuts: list[int], weights: list[int]) -> Runs:
    """The maximal ranges of characters whose clusters take a share."""
    runs: list[tuple[int, int]] = []
    for start, end, weight in zip([0, *cuts[:-1]], cuts, weights, strict=True):
        if weight and runs and runs[-1][1] == start:
            runs[-1] = (runs[-1][0], end)
        elif weight:
            runs.append((start, end))
    return tuple(runs)


# WeasyPrint: applying the plan to a line box -----------------------------------------


def is_chinese(style: Any) -> bool:
    """Whether a WeasyPrint style's language (``lang``) is Chinese."""
    lang = style["lang"]
    return bool(lang) and language_script(str(lang).lower())[0] == "zh"


def justify_inter_character(context: Any, line: Any, extra_width: float) -> bool:
    """Widen ``line`` (a WeasyPrint LineBox) by ``extra_width`` px, spread between its
    characters (see the module's docstring). Returns False, changing nothing, when the
    line has no character to spread it over, or sets its own letter- or word-spacing.

    Raises StageError if the line, once spread, does not fill its width: Pango did not
    space the characters as this module expects.
    """
    leaves = list(_leaves(line))
    texts: list[tuple[str, bool] | None] = []
    for leaf in leaves:
        if isinstance(leaf, _boxes.TextBox):
            if leaf.style["letter_spacing"] not in ("normal", 0) or leaf.style["word_spacing"]:
                return False
            texts.append((leaf.text, is_chinese(leaf.style)))
        else:
            texts.append(None)
    spreads = spread_slack(texts, extra_width, _pango_clusters(line.style["lang"]))
    if spreads is None:
        return False
    plan = {id(leaf): spread for leaf, spread in zip(leaves, spreads, strict=True)}
    achieved = _shift(line, plan, 0.0)
    if abs(achieved - extra_width) > TOLERANCE:
        text = "".join(leaf.text for leaf in leaves if isinstance(leaf, _boxes.TextBox))
        raise StageError(
            f"cannot justify Chinese in the PDF: a line widened by {achieved:.2f}px "
            f"instead of {extra_width:.2f}px (Pango {_pango_version()}): "
            f"{text[:40]!r}",
            fix="set Chinese ragged-right (text-align: start in print.css) and report "
            "this, with the versions of WeasyPrint and Pango",
        )
    return True


def _pango_clusters(lang: str | None) -> Callable[[str], list[int]]:
    """Where Pango's grapheme clusters of a text in ``lang`` begin (cursor positions)."""

    def clusters(text: str) -> list[int]:
        attributes = _line_break.get_log_attrs(text, lang)
        return [i for i in range(len(text)) if attributes[i].is_cursor_position]

    return clusters


def _pango_version() -> str:
    number = int(_pango.pango_version())
    return f"{number // 10000}.{number // 100 % 100}.{number % 100}"


def _leaves(box: Any) -> Iterator[Any]:
    """The text boxes and atomic boxes of ``box``, in the order they are set."""
    if isinstance(box, (_boxes.LineBox, _boxes.InlineBox)):
        for child in box.children:
            if child.is_in_normal_flow():
                yield from _leaves(child)
    else:
        yield box


def _shift(box: Any, plan: dict[int, Spread | None], x_advance: float) -> float:
    """Move and widen ``box`` and its descendants by their part of the plan (as
    WeasyPrint's ``add_word_spacing`` does for spaces); return the new advance."""
    if isinstance(box, _boxes.TextBox):
        spread = plan[id(box)]
        assert spread is not None
        x_advance += spread.before
        box.position_x += x_advance
        if spread.runs:
            width = _space_text_box(box, spread)
            x_advance += width - box.width
            box.width = width
        x_advance += spread.after
    elif isinstance(box, (_boxes.LineBox, _boxes.InlineBox)):
        box.position_x += x_advance
        before = x_advance
        for child in box.children:
            if child.is_in_normal_flow():
                x_advance = _shift(child, plan, x_advance)
        box.width += x_advance - before
    else:
        box.translate(x_advance, 0)
    return x_advance


def _space_text_box(box: Any, spread: Spread) -> float:
    """Give ``box`` a Pango layout with the spread's letter-spacing; return its width."""
    layout, width = _spaced_layout(box, spread.runs, spread.spacing)
    box.pango_layout = layout
    return width


def _spaced_layout(box: Any, runs: Runs, spacing: float) -> tuple[Any, float]:
    """A laid-out (and deactivated, as WeasyPrint keeps them) layout of ``box``'s text
    with ``spacing`` px of letter-spacing on ``runs``, and its width."""
    layout = _SpacedLayout(box.style, box.text, runs, spacing)
    layout.set_text(box.text)
    first_line, _ = layout.get_first_line()
    width, _ = _line_break.line_size(first_line, box.style)
    layout.deactivate()
    return layout, float(width)


class _SpacedLayout(_line_break.Layout):  # type: ignore[misc]  # an untyped library's class
    """A WeasyPrint text layout whose given characters carry extra letter-spacing.

    WeasyPrint rebuilds a layout's Pango attributes whenever it sets its text again
    (``reactivate``, before drawing), so the spacing is added in ``set_text``, for the
    text it was planned for only.
    """

    def __init__(self, style: Any, text: str, runs: Runs, spacing: float) -> None:
        self.spaced_text = text
        self.runs = runs
        self.spacing = spacing
        super().__init__(style)

    def set_text(self, text: str, justify: bool = False) -> None:
        super().set_text(text, justify)
        if self.text != self.spaced_text:
            return
        attributes = _pango.pango_layout_get_attributes(self.layout)
        if attributes == _ffi.NULL:
            attributes = _ffi.gc(_pango.pango_attr_list_new(), _pango.pango_attr_list_unref)
        spacing = round(self.spacing * _TO_UNITS)
        if spacing % _PANGO_SCALE == 0:  # whole pixels: Pango would put it all before
            spacing += 1  # each character ("hinting"), not half each side
        for start, end in self.runs:
            attribute = _pango.pango_attr_letter_spacing_new(spacing)
            attribute.start_index = len(text[:start].encode())
            attribute.end_index = len(text[:end].encode())
            _pango.pango_attr_list_change(attributes, attribute)
        _pango.pango_layout_set_attributes(self.layout, attributes)


# Installing it ---------------------------------------------------------------------


def _justify_line(context: Any, line: Any, extra_width: float) -> None:
    """WeasyPrint's ``justify_line`` while the patch is installed: Chinese lines are
    spread between their characters, every other line is WeasyPrint's as before."""
    chinese = is_chinese(line.style) and line.style["direction"] == "ltr"
    if not (chinese and justify_inter_character(context, line, extra_width)):
        _WEASYPRINT_JUSTIFY(context, line, extra_width)


_lock = threading.Lock()
_installed = 0


@contextmanager
def chinese_justification() -> Iterator[None]:
    """Justify Chinese lines between their characters in every PDF WeasyPrint lays out
    while the block runs; WeasyPrint's own justification is back when it ends. Nests,
    and may be used from several threads (installed while any of them is inside)."""
    global _installed
    with _lock:
        if _installed == 0:
            _inline.justify_line = _justify_line
        _installed += 1
    try:
        yield
    finally:
        with _lock:
            _installed -= 1
            if _installed == 0:
                _inline.justify_line = _WEASYPRINT_JUSTIFY
