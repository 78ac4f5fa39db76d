"""Justified Chinese in the PDF (toolkit/render/justify.py), read back from real PDFs.

The slow tests build a small Chinese work with WeasyPrint and read every character's
box with pdfminer.six: each line of a justified paragraph but its last ends at the
text block's right edge, the slack lies between the characters (evenly, and not in the
few spaces of a mixed line), line-breaking rules still hold, and no character is lost
or moved. The fast tests hold the pure arithmetic and the guards.
"""

from __future__ import annotations

import functools
import re
import shutil
import statistics
from collections.abc import Iterator
from dataclasses import dataclass
from importlib.resources import files
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar, LTContainer

from tests.conftest import ORIGINAL_YAML, REPO, write_tree
from toolkit import BuildOptions, StageError, build_work, load_work
from toolkit.render import justify
from toolkit.render.build import Format
from toolkit.render.edition import EditionKind
from toolkit.render.fontcache import CACHE
from toolkit.render.justify import Spread, chinese_justification, is_expandable, spread_slack

#: Half a CSS pixel, in PDF points: how far a justified line may end from the edge.
HALF_PX = 0.5 * 0.75
#: How far two gaps meant to be equal may differ (pt): WeasyPrint writes each glyph's
#: offset in whole thousandths of an em, so a gap can be 0.01 pt off.
EVEN = 0.05
#: A quarter em of the body text (print.css: 10.5 pt), in pt.
QUARTER_EM = 10.5 / 4

# Paragraphs (each a list of sentences, one segment each: a line holds several boxes).
PURE = [
    [
        "大稻埕在台北市西邊，緊鄰淡水河；",
        "十九世紀末，這裡是全台灣最熱鬧的茶葉集散地，洋行和茶行沿著河岸一字排開。",
        "如今街上仍有幾家老茶行：它們的木招牌早已褪色，門口卻總飄著烘焙茶葉的香氣。",
    ],
    [
        "林老闆說：「焙茶最要緊的是耐心（火太大茶就會苦，火太小香氣又出不來），",
        "這是《茶經》沒有寫的。」",
        "客人問他：『為什麼不用機器？』他笑著說：「機器不懂茶！」",
        "〈茶之歌〉是他年輕時寫的，至今仍掛在店裡最顯眼的牆上，每位客人都會看見。",
    ],
]
MIXED = [
    [
        "他在1987年用Apple II寫過一個叫「茶單」的程式，後來改用Python 3.12重寫；",
        "客人說OpenCC和WeasyPrint都是好工具，價格是新台幣1,200元到3,000元之間。",
        "這些Latin words和數字12345要跟漢字一起排得整整齊齊，不能把空白撐得太大，",
        "也不能把English單字拆開來排。",
    ],
]
#: Punctuation moved along the first line's end, for the line-breaking rules.
KINSOKU = [[f"{'永' * n}，「和」、『平』。{'字' * 20}（完）。"] for n in range(24, 31)]
QUOTE = (
    "引文也要對齊：這一段引用的文字很長，長到一定會折成好幾行，每一行都應該排滿到右邊的邊界為止。"
)
ITEM = (
    "清單的項目也一樣：這一個項目的文字很長，長到一定會折成好幾行，每一行都應該排滿到右邊的邊界。"
)
PARAGRAPHS = PURE + MIXED + KINSOKU

NOT_AT_START = set("。，、；：？！」』）》〉")
NOT_AT_END = set("「『（《〈")


def _source() -> str:
    lines = ["# 對齊 {#s1}", ""]
    n = 2
    for paragraph in PARAGRAPHS:
        for sentence in paragraph:
            lines.append(f"{sentence} {{#s{n}}}")
            n += 1
        lines.append("")
    lines += [f"> {QUOTE} {{#s{n}}}", "", f"- {ITEM} {{#s{n + 1}}}", ""]
    return "\n".join(lines)


@dataclass
class Line:
    chars: list[LTChar]

    @property
    def text(self) -> str:
        return "".join(c.get_text() for c in self.chars)

    @property
    def right(self) -> float:
        return float(self.chars[-1].x1)

    def gaps(self) -> Iterator[tuple[str, str, float]]:
        """Each pair of neighbouring characters and the space between their boxes (pt)."""
        for a, b in zip(self.chars, self.chars[1:], strict=False):
            yield a.get_text(), b.get_text(), float(b.x0 - a.x1)

    def by_font(self, i: int) -> bool:
        """Whether the gap after the ``i``-th character is the font's doing: two adjacent
        marks the CJK face's ``chws`` closes up (」， ）。 「『…: test_typography.py)
        overlap by about half an em (by ink, a few thousandths more or less), and the
        gap just after such a pair may shift by those thousandths. The justification's
        shares are in the other gaps."""
        text = self.text
        return closed_up(text[i : i + 2]) or (i > 0 and closed_up(text[i - 1 : i + 1]))


def _lines(pdf: bytes | Path, left_of: float = float("inf")) -> list[Line]:
    """The PDF's lines of text in reading order, each its characters left to right (the
    word joiner the toolkit puts before some marks has no width and is left out); only
    the characters left of ``left_of`` (pt), to read one column."""
    found: list[Line] = []
    source = BytesIO(pdf) if isinstance(pdf, bytes) else pdf
    for page in extract_pages(source):
        chars: list[LTChar] = []
        stack: list[object] = [page]
        while stack:
            node = stack.pop()
            if isinstance(node, LTChar):
                if node.get_text() != "\u2060" and node.x0 < left_of:
                    chars.append(node)
            elif isinstance(node, LTContainer):
                stack.extend(node)
        chars.sort(key=lambda c: (-round(c.y0), c.x0))
        page_lines: list[Line] = []
        for char in chars:  # lines are 19 pt apart; a line's characters within 4 pt
            if page_lines and abs(page_lines[-1].chars[0].y0 - char.y0) < 4:
                page_lines[-1].chars.append(char)
            else:
                page_lines.append(Line([char]))
        found += page_lines
    for line in found:
        line.chars.sort(key=lambda c: c.x0)
        if line.text.startswith("• "):  # a list item's marker
            del line.chars[:2]
    return found


#: The CJK face the module's build patched with chws (its font cache's file).
_CHWS_FACE: list[Path] = []


@functools.cache
def closed_up(pair: str) -> bool:
    """Whether the CJK face's ``chws`` takes space from between the two characters of
    ``pair``: their width shaped with it is less than without (HarfBuzz, as Pango)."""
    if not _CHWS_FACE or not all(_cjk(ch) for ch in pair):
        return False
    import uharfbuzz as hb  # chws-tool's own shaper, installed with it

    font = _harfbuzz_font(_CHWS_FACE[0])

    def width(chws: bool) -> int:
        buffer = hb.Buffer()
        buffer.add_str(pair)
        buffer.guess_segment_properties()
        hb.shape(font, buffer, {"chws": chws})
        return sum(position.x_advance for position in buffer.glyph_positions)

    return width(True) < width(False)


@functools.cache
def _harfbuzz_font(path: Path) -> Any:
    import uharfbuzz as hb

    return hb.Font(hb.Face(hb.Blob.from_file_path(str(path))))


def _unspaced(text: str) -> str:
    return text.replace(" ", "")


def _paragraph(lines: list[Line], text: str) -> list[Line]:
    """The lines that spell ``text``, in order. Spaces are not compared: a space may end a
    line unseen, and the renderer sets one where Han meets Latin (test_han_latin.py)."""
    want = _unspaced(text)
    for start, line in enumerate(lines):
        first = _unspaced(line.text)
        if len(first) < 4 or not want.startswith(first):
            continue
        spelt, taken = "", []
        for candidate in lines[start:]:
            if not want.startswith(spelt + _unspaced(candidate.text)):
                break
            spelt += _unspaced(candidate.text)
            taken.append(candidate)
            if spelt == want:
                return taken
    raise AssertionError(f"the PDF does not spell {text!r} in order on consecutive lines")


def _right_edge(page_width: float) -> float:
    """The text block's right edge (pt): the page's width less print.css's right margin."""
    css = files("toolkit.render").joinpath("assets/print.css").read_text("utf-8")
    page = re.search(r"@page\s*{[^}]*?\bmargin:\s*([^;]+);", css)
    assert page, "print.css has no @page margin"
    values = page.group(1).split()
    right = values[1] if len(values) > 1 else values[0]
    assert right.endswith("mm"), right
    return page_width - float(right[:-2]) * 72 / 25.4


def _cjk(ch: str) -> bool:
    return ch != " " and is_expandable(ch, True)


def _han_meets_latin(a: str, b: str) -> bool:
    def han(ch: str) -> bool:
        return "\u4e00" <= ch <= "\u9fff"

    def latin(ch: str) -> bool:
        return ch.isascii() and ch.isalnum()

    return (han(a) and latin(b)) or (latin(a) and han(b))


# Built once: a Chinese work whose paragraphs are justified, read back from its PDF.


@pytest.fixture(scope="module")
def pdf_lines(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Line], float]:
    root = tmp_path_factory.mktemp("justify")
    write_tree(root, {"source/trial/work.yaml": ORIGINAL_YAML, "source/trial/text.md": _source()})
    options = BuildOptions(
        out_dir=root / "build", formats=(Format.PDF,), editions=(EditionKind.ORIGINAL,)
    )
    build_work(load_work(root, "trial"), options)
    [_CHWS_FACE[:]] = [sorted((root / "build" / CACHE).glob("chws-noto-*"))]
    pdf = root / "build/trial/trial.zh-Hant-TW.pdf"
    width = float(next(iter(extract_pages(pdf))).width)
    return _lines(pdf), _right_edge(width)


def _every_paragraph() -> list[str]:
    return ["".join(p) for p in PARAGRAPHS] + [QUOTE, ITEM]


_NAMES = [f"pure{n}" for n in range(len(PURE))] + [f"mixed{n}" for n in range(len(MIXED))]
_NAMES += [f"kinsoku{n}" for n in range(len(KINSOKU))] + ["quote", "item"]


@pytest.mark.slow
@pytest.mark.parametrize("text", _every_paragraph(), ids=_NAMES)
def test_every_line_but_the_last_ends_at_the_right_edge(
    pdf_lines: tuple[list[Line], float], text: str
) -> None:
    lines, edge = pdf_lines
    paragraph = _paragraph(lines, text)  # also: every character there, in order
    assert len(paragraph) >= 2, "the paragraph must wrap for the test to mean anything"
    for line in paragraph[:-1]:
        assert abs(line.right - edge) <= HALF_PX, f"{line.right - edge:+.2f} pt: {line.text}"
    last = paragraph[-1]
    assert last.right < edge - 5, "the last line must end short, to show it is not stretched"
    for i, (a, b, gap) in enumerate(last.gaps()):  # set solid: its characters touch
        if not last.by_font(i):
            assert abs(gap) < EVEN, f"the last line is spread between {a} and {b}: {last.text}"


@pytest.mark.slow
def test_the_slack_lies_evenly_between_the_characters(
    pdf_lines: tuple[list[Line], float],
) -> None:
    # Each sentence is a box of its own; where one ends and the next begins, Pango adds
    # no spacing: justify.py moves the box instead. Inside a box, WeasyPrint writes each
    # glyph's place in whole thousandths of an em, rounded toward zero: a gap there can
    # be up to that much narrower, and a box's end (so the next gap) that much per
    # character earlier than planned. No gap is narrower than the line's even share.
    lines, _ = pdf_lines
    spread = crossed = 0
    for paragraph in [*PURE, *KINSOKU, [QUOTE], [ITEM]]:
        text = "".join(paragraph)
        boundaries = {len("".join(paragraph[:n])) for n in range(1, len(paragraph))}
        start = 0
        for line in _paragraph(lines, text)[:-1]:
            size = line.chars[0].size
            inside: list[float] = []
            between: list[float] = []
            for i, (a, b, gap) in enumerate(line.gaps()):
                if _cjk(a) and _cjk(b) and not line.by_font(i):
                    (between if start + i + 1 in boundaries else inside).append(gap)
            start += len(line.text)
            # (the first and last glyph of a box are rounded apart from the rest)
            assert max(inside) - min(inside) < 3 * size / 1000, f"uneven: {line.text}"
            for gap in between:
                assert min(inside) - 0.01 < gap < min(inside) + len(line.text) * size / 1000
            spread += min(inside) > EVEN
            crossed += len(between)
    assert spread >= 5, "too few lines had slack to spread"
    assert crossed >= 3, "too few lines crossed from one box to the next"


@pytest.mark.slow
def test_a_mixed_line_spreads_its_slack_between_characters_not_into_its_spaces(
    pdf_lines: tuple[list[Line], float],
) -> None:
    # Every CJK character takes one share, half each side; a space one share: two
    # Chinese characters are a share apart, Chinese and Latin half a share.
    lines, _ = pdf_lines
    boundaries = spaces = 0
    for line in _paragraph(lines, "".join(MIXED[0]))[:-1]:
        gaps = list(line.gaps())
        share = statistics.median(g for a, b, g in gaps if _cjk(a) and _cjk(b))
        if share <= EVEN:  # a line that (nearly) filled on its own: nothing to measure
            continue
        for i, (a, b, gap) in enumerate(gaps):
            if _han_meets_latin(a, b):
                # The quarter-em space the renderer sets there (test_han_latin.py) and the
                # shares of the Han character (a half) and of that space (a whole).
                expected = QUARTER_EM + 1.5 * share
                assert abs(gap - expected) < 2 * EVEN, f"{a}|{b} is {gap:.2f}, not {expected:.2f}"
                boundaries += 1
            elif _cjk(a) != _cjk(b) and " " not in (a, b):
                assert abs(gap - share / 2) < EVEN, f"{a}|{b} is {gap:.2f}, not {share / 2:.2f}"
                boundaries += 1
            elif b == " " and i + 1 < len(gaps) and _cjk(a) != _cjk(gaps[i + 1][1]):
                # Han and Latin, the quarter-em space between (test_han_latin.py): the
                # Han character's half share and the space's whole one.
                around = gap + gaps[i + 1][2]
                assert abs(around - 1.5 * share) < 2 * EVEN, f"{a}| |{gaps[i + 1][1]} {around:.2f}"
                boundaries += 1
            elif b == " ":  # the space: what is around it is no more than a share and a half
                around = gap + gaps[i + 1][2]
                assert around < 1.5 * share + EVEN, f"{around:.2f} around a space: {line.text}"
                spaces += 1
    assert boundaries >= 4 and spaces >= 1


@pytest.mark.slow
def test_no_line_starts_or_ends_with_a_mark_that_may_not(
    pdf_lines: tuple[list[Line], float],
) -> None:
    lines, _ = pdf_lines
    starts, ends = [], []
    for text in _every_paragraph():
        for line in _paragraph(lines, text):
            starts.append(line.text[0])
            ends.append(line.text[-1])
    assert not NOT_AT_START & set(starts) and not NOT_AT_END & set(ends)
    assert {"，", "。", "、"} & set(ends), "no line ended with a mark: the test shows nothing"


@pytest.fixture(scope="module")
def bilingual_pdfs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample work's parallel and interleaved PDFs (its sentences wrap in a column)."""
    root = tmp_path_factory.mktemp("bilingual")
    for folder in ("source/sample", "translations/sample"):
        shutil.copytree(REPO / folder, root / folder)
    kinds = (EditionKind.PARALLEL, EditionKind.INTERLEAVED)
    options = BuildOptions(out_dir=root / "build", formats=(Format.PDF,), editions=kinds)
    build_work(load_work(root, "sample"), options)
    return root / "build/sample"


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["parallel", "interleaved"])
def test_the_chinese_side_of_a_bilingual_edition_is_justified(
    bilingual_pdfs: Path, kind: str
) -> None:
    # Interleaved, the Chinese is as wide as the text block; in parallel, it is the
    # left column (its edge is WeasyPrint's table layout's: where its full lines end,
    # which must be one place, reached by spreading the slack).
    pdf = bilingual_pdfs / f"sample.{kind}.en.pdf"
    width = float(next(iter(extract_pages(pdf))).width)
    lines = _lines(pdf, left_of=width / 2 if kind == "parallel" else float("inf"))
    ends: list[Line] = []
    wrapped = 0
    for text in _chinese_of_each_bead(REPO, "sample"):
        paragraph = _paragraph(lines, text)
        ends += paragraph[:-1]
        wrapped += len(paragraph) > 1
    assert wrapped >= (3 if kind == "parallel" else 2), "too few wrapped for the test to mean it"
    edge = _right_edge(width) if kind == "interleaved" else max(line.right for line in ends)
    for line in ends:
        assert abs(line.right - edge) <= HALF_PX, f"{line.right - edge:+.2f} pt: {line.text}"
        gaps = [gap for a, b, gap in line.gaps() if _cjk(a) and _cjk(b)]
        assert min(gaps) > EVEN, f"no slack spread: {line.text}"


def _chinese_of_each_bead(root: Path, work: str) -> list[str]:
    """The original's text of each bead of ``work``'s English alignment whose segments
    are all of paragraphs: what one Chinese side of a bilingual edition shows."""
    from toolkit.model import BlockKind
    from toolkit.store.alignfile import parse_alignment
    from toolkit.store.document import parse_document
    from toolkit.store.inline import plain_text

    document = parse_document((root / f"source/{work}/text.md").read_text("utf-8"))
    kind = {segment.id: block.kind for block in document.blocks for segment in block.segments}
    text = {sid: plain_text(segment.text) for sid, segment in document.by_id().items()}
    alignment = parse_alignment((root / f"translations/{work}/en.align").read_text("utf-8"))
    return [
        "".join(text[sid] for sid in bead.source)
        for bead in alignment.beads
        if bead.source and all(kind[sid] is BlockKind.PARAGRAPH for sid in bead.source)
    ]


def _render(body: str, *, align: str = "justify") -> list[Line]:
    """``body`` as a PDF of WeasyPrint's, Chinese justification on, read back."""
    import weasyprint

    css = (
        "@page { size: A5; margin: 20mm 16mm } body { margin: 0 } "
        f"p {{ font: 10.5pt 'Noto Serif CJK TC', serif; text-align: {align} }}"
    )
    with chinese_justification():
        return _lines(weasyprint.HTML(string=f"<style>{css}</style>{body}").write_pdf())


@pytest.mark.slow
def test_the_letters_of_latin_words_and_numbers_keep_their_spacing() -> None:
    # The mixed paragraph justified, and set ragged: the lines break alike, and every
    # gap between two Latin letters or digits is the same (the font's own kerning).
    text = "".join(MIXED[0])

    def latin_gaps(align: str) -> list[list[float]]:
        lines = _render(f"<p lang='zh-Hant'>{text}</p>", align=align)
        return [
            [gap for a, b, gap in line.gaps() if (a + b).isascii() and (a + b).isalnum()]
            for line in _paragraph(lines, text)
        ]

    justified, ragged = latin_gaps("justify"), latin_gaps("start")
    assert sum(map(len, justified)) > 20
    for spread, solid in zip(justified, ragged, strict=True):
        assert spread == pytest.approx(solid, abs=0.01)


@pytest.mark.slow
def test_only_chinese_lines_are_spread_between_characters() -> None:
    # A Chinese name in an English paragraph keeps its characters together; the same
    # sentence in a Chinese paragraph is spread between them.
    name = "中文字" * 4
    english = f"A long English sentence that wraps, with {name} inside it, and words after it."
    chinese = english + "！"
    tagged = english.replace(name, f"<span lang='zh-Hant'>{name}</span>")
    lines = _render(f"<p lang='en'>{tagged}</p><p lang='zh-Hant'>{tagged}！</p>")

    def han_gaps(text: str) -> list[float]:
        [line] = [line for line in _paragraph(lines, text) if "中" in line.text]
        return [gap for a, b, gap in line.gaps() if _cjk(a) and _cjk(b)]

    assert max(han_gaps(english)) < EVEN  # English: WeasyPrint's own justification, at spaces
    assert min(han_gaps(chinese)) > EVEN  # the same text in Chinese: between its characters


@pytest.mark.slow
@pytest.mark.parametrize("cluster", ["葛\U000e0100", "\u1100\u1161"], ids=["selector", "jamo"])
def test_a_line_ending_in_a_cluster_of_characters_still_fills(cluster: str) -> None:
    # Pango trims the spacing after a character and its variation selector wrongly; a
    # Hangul syllable of two conjoining jamo is one cluster to Pango, two characters to
    # Python. A long word on the next line leaves this one much slack, so a misfit shows.
    word = "Pneumonoultramicroscopicsilicovolcanoconiosis"
    body = f"<p lang='zh-Hant'><span>{'葛' * 12}{cluster}</span> {word}，永永永。</p>"
    lines = _render(body)
    edge = (148 - 16) * 72 / 25.4  # an A5 page less its right margin (_render)
    assert len(lines) == 2 and lines[1].text == f"{word}，永永永。"
    assert abs(lines[0].right - edge) <= HALF_PX, f"{lines[0].right - edge:+.2f} pt"


@pytest.mark.slow
def test_a_line_pango_sets_otherwise_than_planned_is_a_stage_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Should Pango (a system library, not pinned) space characters otherwise than the
    # plan expects, the book is not written with short lines: the build stops.
    planned = justify._spaced_layout

    def misfit(box: Any, runs: tuple[tuple[int, int], ...], spacing: float) -> Any:
        return planned(box, runs, spacing * 1.5)

    monkeypatch.setattr(justify, "_spaced_layout", misfit)
    with pytest.raises(StageError, match="a line widened by"):
        _render(f"<p lang='zh-Hant'>{''.join(PURE[0])}</p>")


@pytest.mark.slow
@pytest.mark.parametrize("spacing", [0.75, 1.0, 2.0, 2.3])
def test_pango_spaces_a_run_as_planned_whole_pixels_included(spacing: float) -> None:
    # Half before each character and half after, the ends of the box left out. Pango
    # puts a whole number of pixels all before ("hinting") unless told otherwise.
    import weasyprint
    from weasyprint.formatting_structure.boxes import TextBox

    page = weasyprint.HTML(string="<p lang='zh-Hant'>中文字ABC</p>").render().pages[0]
    stack: list[Any] = [page._page_box]
    while not isinstance(stack[-1], TextBox):
        stack.extend(stack.pop().children)
    box = stack[-1]
    _, width = justify._spaced_layout(box, ((0, 3),), spacing)
    assert width - box.width == pytest.approx(2.5 * spacing, abs=0.01)


# The arithmetic and the guards.


def _one(text: str, slack: float) -> Spread:
    """The plan for a line of one Chinese text box."""
    spreads = spread_slack([(text, True)], slack)
    assert spreads is not None and spreads[0] is not None
    return spreads[0]


def test_a_pure_chinese_line_gives_every_gap_one_share() -> None:
    # Five characters, four gaps: the half before the first and after the last are left out.
    expected = Spread(runs=((0, 5),), spacing=2.0, before=0.0, grown=8.0, after=0.0)
    assert _one("中文字測試", 8.0) == expected


def test_latin_words_and_numbers_are_never_spread() -> None:
    text = "他在1987年用Apple II寫"
    spread = _one(text, 10.0)
    spaced = "".join(text[a:b] for a, b in spread.runs)
    assert spaced == "他在年用 寫"  # CJK characters and the space, nothing else
    # 5 CJK + 1 space, less the half before the first and after the last: 5 shares.
    assert spread.spacing == pytest.approx(2.0) and spread.total == pytest.approx(10.0)


def test_box_boundaries_get_the_halves_pango_leaves_out_and_the_line_ends_none() -> None:
    spreads = spread_slack([("中文", True), ("ABC", True), None, ("字，", True)], 6.0)
    assert spreads is not None
    first, latin, image, last = spreads
    assert image is None and first is not None and latin is not None and last is not None
    share = first.spacing
    assert share == pytest.approx(2.0)  # 中 文 字 ， : 4 shares, less two halves
    assert (first.before, first.grown, first.after) == (0.0, share, share / 2)
    assert (latin.runs, latin.total) == ((), 0.0)
    assert (last.before, last.grown, last.after) == (share / 2, share, 0.0)
    assert sum(s.total for s in (first, latin, last)) == pytest.approx(6.0)


def test_text_in_another_language_takes_no_share_but_its_spaces() -> None:
    spreads = spread_slack([("中文", True), ("日本 語", False), ("字", True)], 3.0)
    assert spreads is not None
    assert spreads[1] is not None and spreads[1].runs == ((2, 3),)


@pytest.mark.parametrize(
    ("text", "runs", "shares"),
    [
        ("中葛\U000e0100中", ((0, 1), (3, 4)), 1.0),  # 中|葛 and 葛|中 half a share each
        ("中文葛\U000e0100", ((0, 2),), 1.5),  # 中|文 a share, 文|葛 half a share
        ("中e\u0301中", ((0, 1), (3, 4)), 1.0),
    ],
)
def test_a_character_with_a_selector_or_mark_takes_no_share_and_is_never_split(
    text: str, runs: tuple[tuple[int, int], ...], shares: float
) -> None:
    # Pango trims the spacing after such a cluster wrongly where its run ends (it takes
    # the selector's empty glyph for a space it has zeroed): the cluster takes no
    # share, its neighbours' halves still reach it, and no run cuts it in two.
    spread = _one(text, 2.0)
    assert spread.runs == runs
    assert spread.spacing == pytest.approx(2.0 / shares)


@pytest.mark.parametrize("texts", [[("ABC", True)], [("中", True)], [], [None]])
def test_a_line_with_nowhere_to_put_its_slack_is_left_to_weasyprint(
    texts: list[tuple[str, bool] | None],
) -> None:
    assert spread_slack(texts, 5.0) is None


@pytest.mark.parametrize(
    ("ch", "chinese", "expected"),
    [
        ("中", True, True),
        ("。", True, True),
        ("「", True, True),
        ("Ａ", True, True),
        ("“", True, True),
        ("“", False, False),
        ("中", False, False),
        (" ", False, True),
        ("A", True, False),
        ("1", True, False),
        ("é", True, False),
        ("—", True, False),
    ],
)
def test_which_characters_take_a_share(ch: str, chinese: bool, expected: bool) -> None:
    assert is_expandable(ch, chinese) is expected


def test_another_weasyprint_version_is_refused_with_a_stage_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import weasyprint

    monkeypatch.setattr(weasyprint, "__version__", "71.0")
    with pytest.raises(StageError, match=r"written for WeasyPrint 70\.x, and WeasyPrint 71\.0"):
        justify._check_weasyprint()


def test_a_weasyprint_whose_justify_line_has_changed_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from weasyprint.layout import inline

    monkeypatch.setattr(inline, "justify_line", lambda context, line: None)
    with pytest.raises(StageError, match=r"has changed weasyprint\.layout\.inline\.justify_line"):
        justify._check_weasyprint()


def test_the_patch_is_there_only_while_the_pdf_is_written() -> None:
    from weasyprint.layout import inline

    original = justify._WEASYPRINT_JUSTIFY
    assert inline.justify_line is original and original is not justify._justify_line
    with chinese_justification():
        assert inline.justify_line is justify._justify_line
        with chinese_justification():
            pass
        assert inline.justify_line is justify._justify_line  # nested: still installed
    assert inline.justify_line is original
    with pytest.raises(RuntimeError), chinese_justification():
        raise RuntimeError
    assert inline.justify_line is original
