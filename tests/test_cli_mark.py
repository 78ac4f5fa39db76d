"""`toolkit mark`: a person's review, with the fingerprint that tells when it goes stale."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from toolkit.check import check_work
from toolkit.cli import cli
from toolkit.model import BeadState
from toolkit.store.alignfile import read_alignment
from toolkit.store.work import load_work

MakeRepo = Callable[..., Path]
ALIGN = "s1\tt1\t0.95\tauto\ns2\tt2\t0.9\tauto\ns3\tt3\t0.4\tauto\n"


def run(root: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--root", str(root), *args])


def codes(root: Path) -> list[tuple[str, int]]:
    return [(f.code, f.line) for f in check_work(load_work(root, "trial")).findings]


def test_mark_records_a_fingerprint_and_check_sees_later_edits(make_repo: MakeRepo) -> None:
    root = make_repo(align=ALIGN)
    result = run(root, "mark", "trial", "--lang", "en", "--state", "reviewed", "s2", "t3")
    assert result.exit_code == 0, result.output
    assert "reviewed: s2 → t2" in result.stdout and "2 bead(s) marked" in result.stdout
    beads = read_alignment(root / "translations/trial/en.align").beads
    assert [b.state for b in beads] == [BeadState.AUTO, BeadState.REVIEWED, BeadState.REVIEWED]
    assert beads[0].fingerprint is None
    assert all(b.fingerprint and len(b.fingerprint) == 12 for b in beads[1:])
    assert codes(root) == []

    en = root / "translations/trial/en.md"
    en.write_text(en.read_text("utf-8").replace("fine today", "lovely today"), "utf-8")
    [stale] = check_work(load_work(root, "trial")).findings
    assert (stale.code, stale.line) == ("bead-stale", 2)
    assert "bead s2 → t2 was reviewed, but the translation changed since" in stale.message
    assert stale.fix.endswith("toolkit mark trial --lang en --state reviewed s2")

    again = run(root, "mark", "trial", "--lang", "en", "--state", "reviewed", "s2")
    assert again.exit_code == 0, again.output
    assert codes(root) == []


def test_the_original_changing_is_named_too(make_repo: MakeRepo) -> None:
    root = make_repo(align=ALIGN)
    assert run(root, "mark", "trial", "--lang", "en", "--state", "locked", "s2").exit_code == 0
    zh = root / "source/trial/text.md"
    zh.write_text(zh.read_text("utf-8").replace("很好", "不錯"), "utf-8")
    findings = check_work(load_work(root, "trial")).findings
    [stale] = [f for f in findings if f.check.id == "bead-stale"]
    assert "was locked, but the original changed since" in stale.message


def test_above_marks_every_auto_bead_at_or_over_the_score(make_repo: MakeRepo) -> None:
    root = make_repo(align=ALIGN)
    result = run(root, "mark", "trial", "--lang", "en", "--state", "reviewed", "--above", "0.9")
    assert result.exit_code == 0, result.output
    states = [b.state for b in read_alignment(root / "translations/trial/en.align").beads]
    assert states == [BeadState.REVIEWED, BeadState.REVIEWED, BeadState.AUTO]


def test_auto_clears_the_fingerprint(make_repo: MakeRepo) -> None:
    root = make_repo(align=ALIGN)
    run(root, "mark", "trial", "--lang", "en", "--state", "reviewed", "s1")
    assert run(root, "mark", "trial", "--lang", "en", "--state", "auto", "s1").exit_code == 0
    first = read_alignment(root / "translations/trial/en.align").beads[0]
    assert (first.state, first.fingerprint) == (BeadState.AUTO, None)


def test_a_hand_set_state_without_a_fingerprint_is_reported(make_repo: MakeRepo) -> None:
    root = make_repo(align=ALIGN.replace("0.4\tauto", "0.4\tlocked"))
    [finding] = check_work(load_work(root, "trial")).findings
    assert (finding.code, finding.line) == ("bead-not-fingerprinted", 3)
    assert finding.fix == "toolkit mark trial --lang en --state locked s3"


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--state", "omitted", "s1"], "has a translation, so it cannot be 'omitted'"),
        (["--state", "reviewed", "s9"], "no bead names segment s9"),
        (["--state", "reviewed"], "name the beads to mark"),
        (["--state", "checked", "s1"], "Invalid value for '--state'"),
    ],
)
def test_mark_refuses_and_writes_nothing(make_repo: MakeRepo, args: list[str], words: str) -> None:
    root = make_repo(align=ALIGN)
    before = (root / "translations/trial/en.align").read_bytes()
    result = run(root, "mark", "trial", "--lang", "en", *args)
    assert result.exit_code == 2, result.output
    assert words in result.output
    assert (root / "translations/trial/en.align").read_bytes() == before


def test_mark_needs_an_alignment(make_repo: MakeRepo) -> None:
    result = run(
        make_repo(align=None), "mark", "trial", "--lang", "en", "--state", "reviewed", "s1"
    )
    assert result.exit_code == 2
    assert "not aligned yet" in result.stderr and "toolkit align trial --lang en" in result.stderr


def test_above_leaves_one_sided_beads_to_a_person(make_repo: MakeRepo) -> None:
    align = "s1\tt1\t0.95\tauto\ns2\t-\t1\tauto\n-\tt2\t1\tauto\ns3\tt3\t0.9\tauto\n"
    root = make_repo(align=align)
    result = run(root, "mark", "trial", "--lang", "en", "--state", "reviewed", "--above", "0")
    assert result.exit_code == 0, result.output
    states = [b.state for b in read_alignment(root / "translations/trial/en.align").beads]
    assert states == [BeadState.REVIEWED, BeadState.AUTO, BeadState.AUTO, BeadState.REVIEWED]
