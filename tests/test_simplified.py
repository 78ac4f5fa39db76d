"""The Simplified Chinese edition's text: OpenCC's conversion, mainland quotation marks,
and what stays as written (code, addresses)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import ORIGINAL_YAML
from toolkit.model import Block, BlockKind, CodeText, Document, Segment
from toolkit.render.edition import EditionKind, editions_for
from toolkit.render.simplified import (
    Conversion,
    Simplified,
    simplified_document,
    simplified_text,
)
from toolkit.store.work import load_work

MakeRepo = Callable[..., Path]

CASES = [
    # (Traditional markup, Simplified markup)
    ("我們的軟體。", "我们的软体。"),  # t2s: characters only, the words stay the author's
    ("他說：「『走吧』。」", "他说：“‘走吧’。”"),  # mainland quotation marks
    ("見[報導](https://example.org/台灣/報導)。", "见[报导](https://example.org/台灣/報導)。"),
    ("執行 `print('們')` 即可。", "执行 `print('們')` 即可。"),  # code stays as written
    ('![圖](images/鳥.png "攝影") 圖說', '![图](images/鳥.png "攝影") 图说'),
    ("English stays; 1,200 元", "English stays; 1,200 元"),
]


@pytest.mark.parametrize(("traditional", "simplified"), CASES)
def test_segment_text_is_converted(traditional: str, simplified: str) -> None:
    assert simplified_text(traditional) == simplified


def test_tw2sp_also_turns_taiwan_phrasing_into_mainland_usage() -> None:
    assert (
        simplified_text("我們的軟體。", Simplified(conversion=Conversion.TW2SP)) == "我们的软件。"
    )


def test_corner_quotes_may_stay() -> None:
    kept = Simplified(mainland_quotes=False)
    assert simplified_text("他說：「走吧。」", kept) == "他说：「走吧。」"


def test_a_document_keeps_its_shape_ids_and_code() -> None:
    code = Block(BlockKind.CODE, code=CodeText(("print('們')",), "python"))
    figure = Block(BlockKind.FIGURE, (Segment("s2", "鳥。"),), src="鳥.png", credit="攝影：王")
    document = Document((Block(BlockKind.PARAGRAPH, (Segment("s1", "們。"),)), figure, code))
    converted = simplified_document(document)
    assert [b.kind for b in converted.blocks] == [b.kind for b in document.blocks]
    assert [s.id for s in converted.segments()] == ["s1", "s2"]
    assert [s.text for s in converted.segments()] == ["们。", "鸟。"]
    assert converted.blocks[1].credit == "摄影：王" and converted.blocks[1].src == "鳥.png"
    assert converted.blocks[2] == code


@pytest.mark.parametrize(
    ("language", "simplified"),
    [("zh-Hant-TW", True), ("zh-Hant", True), ("zh-TW", True), ("zh-Hans", False)],
)
def test_a_traditional_original_gets_a_simplified_edition(
    make_repo: MakeRepo, language: str, simplified: bool
) -> None:
    original = ORIGINAL_YAML.replace("language: zh-Hant-TW", f"language: {language}")
    editions = editions_for(load_work(make_repo(original=original), "trial"))
    kinds = [e.kind for e in editions]
    assert (EditionKind.SIMPLIFIED in kinds) is simplified
    if simplified:
        [edition] = [e for e in editions if e.kind is EditionKind.SIMPLIFIED]
        assert (edition.lang, edition.file_stem) == ("zh-Hans", "trial.zh-Hans")
        assert edition.title == "测试之作"


def test_no_simplified_edition_without_the_originals_text(make_repo: MakeRepo) -> None:
    editions = editions_for(load_work(make_repo(source=None, align=None), "trial"))
    assert [e.kind for e in editions] == [EditionKind.TRANSLATION]
