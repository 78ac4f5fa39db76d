"""Small functions on Pandoc's AST (JSON) for the block mapper: a code block's text, an
image standing alone, a credit line under a figure, the footnotes the web page cleaner
wrapped, and the last touches to the events (heading levels, the first blank line).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from toolkit.importing.pandoc_events import Event
from toolkit.importing.pandoc_inlines import Node, attributes, stringify
from toolkit.importing.recognise import credit_line
from toolkit.model import Block, BlockKind, CodeText

_SPACES = frozenset({"Space", "SoftBreak", "LineBreak"})


def code_text(attr: Any, text: str) -> CodeText:
    """A code block's lines, its language (the first class) and a fence none of them is."""
    lines = tuple(text.replace("\r\n", "\n").replace("\r", "\n").split("\n")) if text else ()
    classes = attr[1]
    info = re.sub(r"[`\s]", "", str(classes[0])) if classes else ""
    fence = "```"
    while fence in lines:
        fence += "`"
    return CodeText(lines, info, fence)


def lone_image(inlines: list[Node]) -> Node | None:
    """The image a paragraph holds alone (perhaps as a link), or None."""
    items = [n for n in inlines if n["t"] not in _SPACES]
    if len(items) == 1 and items[0]["t"] == "Link":
        items = [n for n in items[0]["c"][1] if n["t"] not in _SPACES]
    return items[0] if len(items) == 1 and items[0]["t"] == "Image" else None


def figure_like(node: Node) -> bool:
    kind = node["t"]
    return kind == "Figure" or (kind in ("Para", "Plain") and lone_image(node["c"]) is not None)


def credit_of(node: Node) -> str:
    """The credit line a paragraph is, or ''."""
    if node["t"] not in ("Para", "Plain") or holds(node["c"], ("Image", "Note")):
        return ""
    text = stringify(node["c"])
    return text if credit_line(text) else ""


def holds(value: Any, kinds: tuple[str, ...]) -> bool:
    if isinstance(value, dict):
        return value.get("t") in kinds or holds(value.get("c"), kinds)
    if isinstance(value, list):
        return any(holds(v, kinds) for v in value)
    return False


def images_in(inlines: list[Node]) -> list[Node]:
    out: list[Node] = []
    for node in inlines:
        if node["t"] == "Image":
            out.append(node)
        elif node["t"] in ("Link", "Span"):
            out += images_in(node["c"][1])
    return out


def without_images(inlines: list[Node]) -> list[Node]:
    out: list[Node] = []
    for node in inlines:
        if node["t"] in ("Link", "Span"):
            attr, kids, *rest = node["c"]
            out.append({"t": node["t"], "c": [attr, without_images(kids), *rest]})
        elif node["t"] != "Image":
            out.append(node)
    return out


def joined(runs: list[list[Node]]) -> list[Node]:
    """Several paragraphs as one line (a cell, a caption): a break between them."""
    out: list[Node] = []
    for run in runs:
        if out:
            out.append({"t": "SoftBreak"})
        out += run
    return out


def note_bodies(value: Any, found: dict[str, list[Node]]) -> None:
    """The notes the web page cleaner wrapped (``data-toolkit-note-body``), by key."""
    if isinstance(value, dict):
        if value.get("t") == "Div":
            key = attributes(value["c"][0]).get("toolkit-note-body")
            if key is not None:
                found[key] = value["c"][1]
                return
        note_bodies(value.get("c"), found)
    elif isinstance(value, list):
        for item in value:
            note_bodies(item, found)


def finish_events(events: list[Event]) -> list[Event]:
    """Heading levels shifted so the shallowest is 1; no blank line before the first block."""
    levels = [e.level for e in events if isinstance(e, Block) and e.kind is BlockKind.HEADING]
    shift = min(levels) - 1 if levels else 0
    out: list[Event] = []
    first = True
    for event in events:
        if isinstance(event, Block):
            if event.kind is BlockKind.HEADING:
                event = replace(event, level=min(6, event.level - shift))
            if first:
                event = replace(event, blank_before=0)
                first = False
        out.append(event)
    return out
