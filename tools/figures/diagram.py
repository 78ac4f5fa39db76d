"""The pipeline diagram: how a work goes through the toolkit, in both languages.

Drawn by the project itself as HTML and CSS (boxes placed on a fixed page) with SVG for
the arrows, set by WeasyPrint in the editions' own faces (Noto CJK for Chinese, EB
Garamond for English, as ``toolkit.render.fonts`` finds them, cut down to the diagram's
characters and embedded as data), then drawn to a PNG (``raster``). The page is as wide
in CSS pixels as the PNG is in pixels, so that one pixel of the design is one of the
picture.
"""

from __future__ import annotations

import base64
import tempfile
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

#: The page, in CSS pixels (the PNG's pixels at its intended width). The type is large
#: for a diagram (notes 25 px) because the guide's A5 PDF shows the picture 116 mm wide,
#: where 25 px is 7 pt.
WIDTH, HEIGHT = 1200, 606


@dataclass(frozen=True)
class Stage:
    """One box: a stage's name in Chinese and English, and a line on what it does (a
    newline in a note breaks it there: Chinese breaks between any two characters, and a
    phrase should not)."""

    zh: str
    en: str
    note_zh: str
    note_en: str
    #: Formats named above the note (the outputs' boxes), set apart.
    formats: str = ""


@dataclass(frozen=True)
class Diagram:
    """What the diagram says: four stages left to right, then two ways out below them:
    files for translation tools (which come back in through the import) on the left,
    editions for readers on the right; and the words on the dashed way back."""

    stages: tuple[Stage, Stage, Stage, Stage]
    exchange: Stage
    build: Stage
    return_zh: str
    return_en: str

    def text(self) -> str:
        """Every character the diagram sets (for cutting its fonts down)."""
        parts = [self.return_zh, self.return_en]
        for stage in (*self.stages, self.exchange, self.build):
            parts += [stage.zh, stage.en, stage.note_zh, stage.note_en, stage.formats]
        return " ".join(parts)


PIPELINE = Diagram(
    stages=(
        Stage(
            "匯入", "import", "網頁、Word、\nMarkdown、純文字", "web pages, Word, Markdown, text"
        ),
        Stage("切句", "segment", "一句一行，\n各有編號", "a sentence a line, each with an ID"),
        Stage("對齊", "align", "原文與譯文\n配成對應單位", "the two texts paired into beads"),
        Stage("檢查", "check", "覆蓋、署名、\n數字、名詞", "coverage, credits, numbers, terms"),
    ),
    exchange=Stage(
        "交換",
        "export / import",
        "翻譯軟體與試算表",
        "translation tools and spreadsheets",
        formats="TMX · XLIFF · PO · CSV · XLSX",
    ),
    build=Stage(
        "出版",
        "build",
        "原文、簡體、譯文、對照、交錯",
        "original, Simplified, translation, parallel, interleaved",
        formats="HTML · EPUB · PDF",
    ),
    return_zh="改好再匯入",
    return_en="edits come back",
)

# Geometry (CSS pixels): four stage columns; the two outputs each span two of them.
_MARGIN, _GAP = 24, 36
_COLUMN = (WIDTH - 2 * _MARGIN - 3 * _GAP) // 4
_TOP, _STAGE_H = 22, 252
_ROW_GAP = 84
_OUT_TOP = _TOP + _STAGE_H + _ROW_GAP
_OUT_H = HEIGHT - _OUT_TOP - 22
_OUT_W = 2 * _COLUMN + _GAP
_BUS_Y = _TOP + _STAGE_H + _ROW_GAP // 2

_INK, _SOFT, _LINE, _FILL, _OUT_FILL, _OUT_LINE, _ARROW = (
    "#17324d",
    "#4b6075",
    "#a9b7c4",
    "#f7f9fb",
    "#eaf1f7",
    "#8ea3b8",
    "#71849a",
)


def _x(column: int) -> int:
    return _MARGIN + column * (_COLUMN + _GAP)


def diagram_html(diagram: Diagram = PIPELINE, font_faces: str = "") -> str:
    """``diagram`` as one HTML page; ``font_faces`` is CSS (``@font-face`` rules for the
    families ``Figure Latin`` and ``Figure CJK``) put in its stylesheet."""
    boxes = [
        _box(stage, _x(i), _TOP, _COLUMN, _STAGE_H, "stage")
        for i, stage in enumerate(diagram.stages)
    ]
    boxes.append(_box(diagram.exchange, _x(0), _OUT_TOP, _OUT_W, _OUT_H, "out"))
    boxes.append(_box(diagram.build, _x(2), _OUT_TOP, _OUT_W, _OUT_H, "out"))
    label = (
        f'<div class="return" style="left:{_x(0) + _COLUMN // 2 + 16}px;'
        f'top:{_TOP + _STAGE_H + 8}px">'
        f'<span class="zh" lang="zh-Hant-TW">{escape(diagram.return_zh)}</span> '
        f'<span class="en" lang="en">{escape(diagram.return_en)}</span></div>'
    )
    return f"""<!DOCTYPE html>
<html lang="zh-Hant-TW">
<head>
<meta charset="utf-8">
<title>bilingual-toolkit: 流程 · the pipeline</title>
<style>
{font_faces}
@page {{ size: {WIDTH}px {HEIGHT}px; margin: 0; }}
html, body {{ margin: 0; background: #ffffff; }}
body {{ position: relative; width: {WIDTH}px; height: {HEIGHT}px;
  font-family: "Figure Latin", "Figure CJK", serif; color: {_INK}; }}
svg.arrows {{ position: absolute; left: 0; top: 0; }}
.box {{ position: absolute; box-sizing: border-box; padding: 16px 18px 0 18px;
  border: 2px solid {_LINE}; border-radius: 12px; background: {_FILL}; }}
.box.out {{ background: {_OUT_FILL}; border-color: {_OUT_LINE}; }}
.name {{ margin: 0; line-height: 1.15; white-space: nowrap; }}
.name .zh {{ font-size: 42px; letter-spacing: 0.06em; }}
.name .en {{ font-size: 29px; color: {_SOFT}; margin-left: 10px; }}
.formats {{ margin: 10px 0 0 0; font-size: 27px; letter-spacing: 0.02em; }}
.rule {{ margin: 12px 0 10px 0; border: 0; border-top: 1.5px solid {_LINE}; }}
.note {{ margin: 0; font-size: 25px; line-height: 1.4; }}
.note.en {{ margin-top: 6px; color: {_SOFT}; font-size: 26px; line-height: 1.2; }}
.return {{ position: absolute; line-height: 1.25; }}
.return span {{ display: block; }}
.return .zh {{ font-size: 23px; color: {_SOFT}; }}
.return .en {{ font-size: 24px; color: {_SOFT}; font-style: italic; }}
</style>
</head>
<body>
{_arrows()}
{"".join(boxes)}
{label}
</body>
</html>
"""


def _box(stage: Stage, x: int, y: int, w: int, h: int, kind: str) -> str:
    formats = f'<p class="formats" lang="en">{escape(stage.formats)}</p>' if stage.formats else ""
    return (
        f'<div class="box {kind}" style="left:{x}px;top:{y}px;width:{w}px;height:{h}px">'
        f'<p class="name"><span class="zh" lang="zh-Hant-TW">{escape(stage.zh)}</span>'
        f'<span class="en" lang="en">{escape(stage.en)}</span></p>'
        f"{formats}"
        '<hr class="rule">'
        f'<p class="note zh" lang="zh-Hant-TW">{_lines(stage.note_zh)}</p>'
        f'<p class="note en" lang="en">{_lines(stage.note_en)}</p>'
        "</div>"
    )


def _lines(text: str) -> str:
    return "<br>".join(escape(line) for line in text.split("\n"))


def _arrows() -> str:
    """The connectors as one SVG: stage to stage, the check down to both outputs, and
    the dashed way back from the exchange up to the import."""
    mid_y = _TOP + _STAGE_H // 2
    paths: list[str] = []
    heads: list[str] = []
    for i in range(3):
        x0, x1 = _x(i) + _COLUMN, _x(i + 1)
        paths.append(f"M{x0 + 3},{mid_y} H{x1 - 12}")
        heads.append(_head(x1 - 2, mid_y, "right"))
    check_x = _x(3) + _COLUMN // 2
    into_exchange = _x(1) + _COLUMN // 2
    paths.append(f"M{check_x},{_TOP + _STAGE_H + 3} V{_OUT_TOP - 12}")
    heads.append(_head(check_x, _OUT_TOP - 2, "down"))
    paths.append(f"M{check_x},{_BUS_Y} H{into_exchange} V{_OUT_TOP - 12}")
    heads.append(_head(into_exchange, _OUT_TOP - 2, "down"))
    back_x = _x(0) + _COLUMN // 2
    dashed = f"M{back_x},{_OUT_TOP - 3} V{_TOP + _STAGE_H + 12}"
    heads.append(_head(back_x, _TOP + _STAGE_H + 2, "up"))
    solid = "".join(f'<path d="{d}"/>' for d in paths)
    return (
        f'<svg class="arrows" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}">'
        f'<g fill="none" stroke="{_ARROW}" stroke-width="3">{solid}'
        f'<path d="{dashed}" stroke-dasharray="9 6"/></g>'
        f'<g fill="{_ARROW}">{"".join(heads)}</g></svg>'
    )


def _head(x: int, y: int, direction: str) -> str:
    """An arrowhead whose tip is at (x, y), pointing ``direction``."""
    points = {
        "right": f"{x},{y} {x - 14},{y - 8} {x - 14},{y + 8}",
        "down": f"{x},{y} {x - 8},{y - 14} {x + 8},{y - 14}",
        "up": f"{x},{y} {x - 8},{y + 14} {x + 8},{y + 14}",
    }[direction]
    return f'<polygon points="{points}"/>'


def font_faces(text: str, scratch: Path) -> str:
    """``@font-face`` rules for the diagram's two families, each the project's face cut
    down to ``text``'s characters and embedded as data (nothing is read at render time)."""
    from toolkit.render.fonts import find_cjk_font, find_latin_fonts, is_cff, subset_font

    upright, italic = find_latin_fonts()
    faces = (
        ("Figure CJK", "normal", find_cjk_font("zh-Hant")),
        ("Figure Latin", "normal", upright),
        ("Figure Latin", "italic", italic),
    )
    rules = []
    for n, (family, style, source) in enumerate(faces):
        suffix = ".otf" if is_cff(source) else ".ttf"
        cut = subset_font(source, text, scratch / f"face{n}{suffix}")
        data = base64.b64encode(cut.read_bytes()).decode("ascii")
        rules.append(
            f'@font-face {{ font-family: "{family}"; font-style: {style}; '
            f"src: url(data:font/{suffix[1:]};base64,{data}); }}"
        )
    return "\n".join(rules)


def overflows(document: Any) -> list[str]:
    """The words of a rendered diagram (a WeasyPrint ``Document``) that stand outside
    their box, each as ``'word' in box 匯入``: the boxes have fixed sizes, so that the
    arrows meet them, and a longer note or another face would otherwise spill over."""
    found: list[str] = []
    for page in document.pages:
        for box in page._page_box.descendants():  # WeasyPrint's layout (pinned: 70)
            element = getattr(box, "element", None)
            if element is None or "box" not in (element.get("class") or "").split():
                continue
            left, top = box.content_box_x(), box.content_box_y()
            right, bottom = left + box.width, top + box.height
            name = "".join(element.itertext())[:2]
            for text in box.descendants():
                if type(text).__name__ != "TextBox":
                    continue
                if (
                    text.position_x < left - _SLACK
                    or text.position_x + text.width > right + _SLACK
                    or text.position_y + text.height > bottom + _SLACK
                ):
                    found.append(f"{text.text!r} in box {name}")
    return found


#: How far (CSS pixels) a word's line may reach past its box's content (its leading).
_SLACK = 2.0


def render_diagram_pdf(out: Path, diagram: Diagram = PIPELINE) -> Path:
    """Set ``diagram`` with WeasyPrint into a one-page PDF at ``out``; a ValueError if a
    word would stand outside its box."""
    import weasyprint

    with tempfile.TemporaryDirectory(prefix="figures-") as scratch:
        faces = font_faces(diagram.text(), Path(scratch))
    document = weasyprint.HTML(string=diagram_html(diagram, faces)).render()
    spilt = overflows(document)
    if spilt:
        raise ValueError(f"the diagram's text does not fit its boxes: {', '.join(spilt)}")
    out.parent.mkdir(parents=True, exist_ok=True)
    document.write_pdf(target=str(out))
    return out
