"""The sample work: the project's own bilingual text, aligned by the toolkit and reviewed.

It is the project's data (unlike the first work, whose original a user adds), so these
tests read it as committed; the alignment test runs on a copy.
"""

from __future__ import annotations

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

#: The beads a person expects: two Chinese sentences merged into one English (s6,s7 → t6),
#: one split in two (s8 → t7,t8), a paragraph left out (s22, s23), a sentence added (t24).
EXPECTED = [
    *[((f"s{n}",), (f"t{n}",)) for n in range(1, 6)],
    (("s6", "s7"), ("t6",)),
    (("s8",), ("t7", "t8")),
    *[((f"s{n}",), (f"t{n}",)) for n in range(9, 22)],
    (("s22",), ()),
    (("s23",), ()),
    (("s24",), ("t22",)),
    (("s25",), ("t23",)),
    ((), ("t24",)),
    *[((f"s{n}",), (f"t{n - 1}",)) for n in range(26, 29)],
]


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    for top in ("source", "translations"):
        shutil.copytree(REPO / top / "sample", tmp_path / top / "sample")
    return tmp_path


def test_align_finds_exactly_the_beads_a_person_expects(copy: Path) -> None:
    (copy / "translations/sample/en.align").unlink()
    result = CliRunner().invoke(cli, ["--root", str(copy), "align", "sample"])
    assert result.exit_code == 0, result.output
    beads = read_alignment(copy / "translations/sample/en.align").beads
    assert [(b.source, b.target) for b in beads] == EXPECTED
    assert all(b.state is BeadState.AUTO for b in beads)
    checked = CliRunner().invoke(cli, ["--root", str(copy), "check", "sample"])
    assert checked.exit_code == 1  # the paragraph left out, until a person marks it omitted
    assert "text.md:33: error: source segment s22 is not translated" in checked.stdout
    assert "text.md:34: error: source segment s23 is not translated" in checked.stdout


def test_the_committed_alignment_is_reviewed_bead_by_bead_and_current() -> None:
    work = load_work(REPO, "sample")
    en = work.translations["en"]
    assert work.source is not None and en.document is not None and en.alignment is not None
    beads = en.alignment.beads
    assert [(b.source, b.target) for b in beads] == EXPECTED
    assert all(b.state in PERSON_STATES and b.fingerprint for b in beads)
    assert [b.source for b in beads if b.state is BeadState.OMITTED] == [("s22",), ("s23",)]
    source, target = work.source.by_id(), en.document.by_id()
    assert not any(any(changed_sides(b, source, target)) for b in beads)
    report = check_work(work)
    assert not report.fails(Severity.ERROR)
    [coverage] = report.coverage
    assert (coverage.aligned, coverage.omitted, coverage.unaligned_translation) == (26, 2, 0)


def test_the_sample_has_what_a_book_has() -> None:
    work = load_work(REPO, "sample")
    assert work.source is not None
    for doc in (work.source, work.translations["en"].document):
        assert doc is not None
        kinds = {b.kind for b in doc.blocks}
        assert {
            BlockKind.HEADING,
            BlockKind.PARAGRAPH,
            BlockKind.LIST_ITEM,
            BlockKind.TABLE,
        } <= kinds
    assert work.source_record is not None and work.translations["en"].record is not None
