"""The guide: the toolkit's own guide, written in Traditional Chinese and translated into
English for this project (issue 10; a draft growing chapter by chapter). It is the
project's data: these tests read it as committed, and align a copy.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import REPO
from toolkit.check import Severity, check_work
from toolkit.cli import cli
from toolkit.model import PERSON_STATES, BeadState, BlockKind, changed_sides
from toolkit.store.alignfile import read_alignment
from toolkit.store.work import load_work

#: What the translator did that a mirror would not: two sentences merged (s31,s32 → t31),
#: one split (s5 → t5,t6), one left out as a pun English has no way to keep (s7), and one
#: added for English readers (t33).
MERGED, SPLIT, OMITTED, ADDED = (("s31", "s32"), ("t31",)), (("s5",), ("t5", "t6")), "s7", "t33"


def test_the_guide_is_clean_under_the_checks_at_warning() -> None:
    report = check_work(load_work(REPO, "guide"))
    assert [f.describe() for f in report.findings if f.severity >= Severity.WARNING] == []
    assert all(f.suppression is not None for f in report.suppressed)


def test_the_translation_is_a_translation_not_a_mirror() -> None:
    work = load_work(REPO, "guide")
    en = work.translations["en"]
    assert work.source is not None and en.document is not None and en.alignment is not None
    pairs = [(b.source, b.target) for b in en.alignment.beads]
    assert MERGED in pairs and SPLIT in pairs
    assert ((OMITTED,), ()) in pairs and ((), (ADDED,)) in pairs
    omitted = next(b for b in en.alignment.beads if b.source == (OMITTED,))
    assert omitted.state is BeadState.OMITTED
    text = (REPO / "translations/guide/en.align").read_text("utf-8")
    reason = text.split(f"\n{OMITTED}\t")[0].rsplit("\n", 1)[-1]
    assert reason.startswith("# ") and "pun" in reason  # the reason, in the comment above
    for added in (ADDED, "t43"):
        why = text.split(f"\n-\t{added}\t")[0].rsplit("\n", 1)[-1]
        assert why.startswith(f"# {added} is the translator's")


def test_every_bead_is_reviewed_by_a_person_and_current() -> None:
    work = load_work(REPO, "guide")
    en = work.translations["en"]
    assert work.source is not None and en.document is not None and en.alignment is not None
    beads = en.alignment.beads
    assert all(b.state in PERSON_STATES and b.fingerprint for b in beads)
    source, target = work.source.by_id(), en.document.by_id()
    assert not any(any(changed_sides(b, source, target)) for b in beads)


def test_the_original_is_a_real_chapter_written_as_taiwan_writes() -> None:
    text = (REPO / "source/guide/text.md").read_text("utf-8")
    assert "「" in text and "」" in text and "，" in text and "。" in text
    assert not re.search(r"[\u4e00-\u9fff][,.;:?!]", text)  # full-width after Han
    work = load_work(REPO, "guide")
    assert work.source is not None
    prose = "".join(s.text for s in work.source.segments())  # code blocks not counted
    assert len(re.findall(r"[\u4e00-\u9fff]", prose)) >= 3000
    kinds = {b.kind for b in work.source.blocks}
    assert {
        BlockKind.HEADING,
        BlockKind.LIST_ITEM,
        BlockKind.TABLE,
        BlockKind.FOOTNOTE,
        BlockKind.FIGURE,
        BlockKind.CODE,
    } <= kinds
    assert {b.level for b in work.source.blocks if b.kind is BlockKind.HEADING} == {1, 2}


#: Numbers and dates of several kinds, each as the original writes it and as the
#: translation renders it (the numbers check compares them by value).
NUMBERS = [
    ("2026年11月30日", "30 November 2026"),  # a date
    ("2024年7月1日", "1 July 2024"),  # another, with its month and day in one digit
    ("兩千五百多", "more than 2,500"),  # a number in Chinese numerals
    ("一萬個", "10,000"),  # a myriad
    ("百分之九十七", "97%"),  # a percentage
    ("0.9", "0.9"),  # a decimal
    ("148公釐", "148 millimetres"),  # a measure
    ("六十四個字元", "sixty-four characters"),  # a number in words
]


def test_the_guide_has_numbers_and_dates_of_several_kinds() -> None:
    work = load_work(REPO, "guide")
    en = work.translations["en"]
    assert work.source is not None and en.document is not None
    original = " ".join(s.text for s in work.source.segments())
    translation = " ".join(s.text for s in en.document.segments())
    assert [(zh, e) for zh, e in NUMBERS if zh not in original or e not in translation] == []


def test_the_figure_is_the_projects_own_with_its_credit_in_both_languages() -> None:
    work = load_work(REPO, "guide")
    for document, folder, credit in (
        (work.source, REPO / "source/guide", "圖片來源：bilingual-toolkit 貢獻者繪製"),
        (
            work.translations["en"].document,
            REPO / "translations/guide",
            "Image: drawn by the bilingual-toolkit contributors",
        ),
    ):
        assert document is not None
        (figure,) = [b for b in document.blocks if b.kind is BlockKind.FIGURE]
        assert figure.credit == credit and figure.src is not None
        image = (folder / figure.src).read_bytes()
        assert image.startswith(b"\x89PNG\r\n\x1a\n")
        # The store's copy is the picture `make figures` draws beside the guide's texts.
        assert image == (REPO / "docs/examples/guide/pipeline.png").read_bytes()


def test_the_glossary_has_the_terms_the_guide_uses() -> None:
    work = load_work(REPO, "guide")
    assert work.source is not None
    original = " ".join(s.text for s in work.source.segments())
    rows = (REPO / "source/guide/glossary.csv").read_text("utf-8").splitlines()[1:]
    terms = [row.split(",")[0] for row in rows]
    assert len(terms) > 20  # "more than twenty", as the guide says
    assert [term for term in terms if term not in original] == []


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    for top in ("source", "translations"):
        shutil.copytree(REPO / top / "guide", tmp_path / top / "guide")
    return tmp_path


def test_the_toolkits_own_align_finds_the_beads_but_the_added_sentence(copy: Path) -> None:
    """The aligner found every bead but one: it took the translator's added sentence for
    the second half of a split, which the person reviewing it corrected."""
    (copy / "translations/guide/en.align").unlink()
    result = CliRunner().invoke(cli, ["--root", str(copy), "align", "guide"])
    assert result.exit_code == 0, result.output
    found = [
        (b.source, b.target) for b in read_alignment(copy / "translations/guide/en.align").beads
    ]
    committed = read_alignment(REPO / "translations/guide/en.align")
    reviewed = [(b.source, b.target) for b in committed.beads]
    differ = [p for p in found if p not in reviewed] + [p for p in reviewed if p not in found]
    assert sorted(differ) == sorted(
        [(("s33",), ("t32", ADDED)), (("s33",), ("t32",)), ((), (ADDED,))]
    )
