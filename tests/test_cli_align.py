"""`toolkit align`: blocks then sentences, offline with the real encoder; stable on re-runs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from toolkit.align.apply import AlignReport
from toolkit.cli import cli
from toolkit.cli.align import _show_low
from toolkit.model import Alignment, Bead, BeadState
from toolkit.store.alignfile import read_alignment
from toolkit.store.work import load_work

MakeRepo = Callable[..., Path]

SOURCE = """\
# 公園 {#s1}

今天天氣很好。 {#s2}
我們去公園散步。 {#s3}
我們看見三隻小鳥在樹上唱歌。 {#s4}

這一段只寫給中文讀者。 {#s5}
它講的是一個雙關語。 {#s6}

傍晚我們回家吃晚飯。 {#s7}
"""
TEXT = """\
# The Park {#t1}

The weather was fine today. {#t2}
We went for a walk in the park, where we saw three little birds singing in a tree. {#t3}

In the evening we went home for dinner. {#t4}
"""


def run(root: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--root", str(root), *args])


def beads(root: Path) -> list[tuple[tuple[str, ...], tuple[str, ...], BeadState]]:
    found = read_alignment(root / "translations/trial/en.align").beads
    return [(b.source, b.target, b.state) for b in found]


A = BeadState.AUTO
EXPECTED = [
    (("s1",), ("t1",), A),
    (("s2",), ("t2",), A),
    (("s3", "s4"), ("t3",), A),
    (("s5",), (), A),
    (("s6",), (), A),
    (("s7",), ("t4",), A),
]


def test_align_writes_the_beads_and_lists_the_least_sure(make_repo: MakeRepo) -> None:
    root = make_repo(source=SOURCE, text=TEXT, align=None)
    result = run(root, "align", "trial")
    assert result.exit_code == 0, result.output
    assert beads(root) == EXPECTED
    assert "trial [en]: 6 beads (0 kept as a person set them)" in result.stdout
    scores = [b.score for b in read_alignment(root / "translations/trial/en.align").beads]
    assert all(s is not None and 0 <= s <= 1 for s in scores)
    # The dropped paragraph is what check reports.
    checked = run(root, "check", "trial")
    assert "source segment s5 is not translated [untranslated]" in checked.stdout
    assert "source segment s6 is not translated [untranslated]" in checked.stdout


def test_realigning_keeps_what_a_person_set_and_changes_nothing_else(make_repo: MakeRepo) -> None:
    root = make_repo(source=SOURCE, text=TEXT, align=None)
    assert run(root, "align", "trial").exit_code == 0
    first = (root / "translations/trial/en.align").read_bytes()
    again = run(root, "align", "trial")
    assert "unchanged" in again.stdout
    assert (root / "translations/trial/en.align").read_bytes() == first

    # A person says s4 goes with t3 alone and s3 was left out; that is kept as set.
    path = root / "translations/trial/en.align"
    text = path.read_text("utf-8").replace("s3,s4\tt3", "s4\tt3")
    path.write_text(text + "s3\t-\t-\tomitted\n", "utf-8")
    assert run(root, "mark", "trial", "--lang", "en", "--state", "locked", "s4").exit_code == 0
    assert run(root, "mark", "trial", "--lang", "en", "--state", "omitted", "s3").exit_code == 0
    locked = read_alignment(path).beads
    assert run(root, "align", "trial").exit_code == 0
    after = read_alignment(path).beads
    kept = [b for b in after if b.state is not BeadState.AUTO]
    assert sorted(kept, key=_key) == sorted(
        [b for b in locked if b.state is not BeadState.AUTO], key=_key
    )
    assert [(b.source, b.target) for b in after] == [
        (("s1",), ("t1",)),
        (("s2",), ("t2",)),
        (("s3",), ()),
        (("s4",), ("t3",)),
        (("s5",), ()),
        (("s6",), ()),
        (("s7",), ("t4",)),
    ]


def _key(bead: Bead) -> tuple[str, ...]:
    return bead.source + bead.target


def test_align_sentence_files_prints_mac_beads(tmp_path: Path) -> None:
    zh, en = tmp_path / "zh.txt", tmp_path / "en.txt"
    zh.write_text("今天天氣很好。\n我們去公園散步。\n傍晚我們回家。\n", "utf-8")
    en.write_text("The weather was fine today.\nWe went to the park.\nWe went home.\n", "utf-8")
    result = CliRunner().invoke(cli, ["align", "--sentences", str(zh), str(en)])
    assert result.exit_code == 0, result.output
    assert result.stdout == "[0]:[0]\n[1]:[1]\n[2]:[2]\n"


def test_align_without_the_original_exits_2(make_repo: MakeRepo) -> None:
    result = run(make_repo(source=None, align=None), "align", "trial")
    assert result.exit_code == 2
    assert "nothing to align with" in result.stderr
    assert "toolkit import trial FILE --lang zh-Hant-TW" in result.stderr


def test_the_least_sure_beads_show_the_text_as_written(
    make_repo: MakeRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    source = "[red]原文[/red] 與 [en] {#s1}\n"
    text = "A [bold]translation[/bold] [zh] {#t1}\n"
    root = make_repo(source=source, text=text, align=None)
    work = load_work(root, "trial")
    bead = Bead(("s1",), ("t1",), 0.1)
    report = AlignReport("en", root / "en.align", Alignment((bead,)), 0, [bead], True)
    _show_low(work, report)
    shown = capsys.readouterr().out
    assert "Least sure beads [en]" in shown
    assert "[red]原文[/red] 與 [en]" in shown
    assert "A [bold]translation[/bold] [zh]" in shown


def test_the_least_sure_beads_never_let_the_terminal_act_on_the_text(
    make_repo: MakeRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    """An escape sequence or a bidi override in a segment is shown as its escape."""
    root = make_repo(source="原文\u202e {#s1}\n", text="A \x1b]0;owned x {#t1}\n", align=None)
    work = load_work(root, "trial")
    bead = Bead(("s1",), ("t1",), 0.1)
    report = AlignReport("en", root / "en.align", Alignment((bead,)), 0, [bead], True)
    _show_low(work, report)
    shown = capsys.readouterr().out
    assert "\x1b" not in shown and "\u202e" not in shown
    assert "原文\\u202e" in shown and "A \\u001b]0;owned x" in shown


def test_with_no_translation_yet_every_sentence_is_listed_with_no_score(
    make_repo: MakeRepo,
) -> None:
    root = make_repo(source=SOURCE, text="# The Park {#t1}\n", align=None)
    path = root / "translations/trial/en.md"
    path.write_text("", "utf-8")
    result = run(root, "align", "trial")
    assert result.exit_code == 0, result.output
    found = read_alignment(root / "translations/trial/en.align").beads
    assert [(b.target, b.score) for b in found] == [((), None)] * 7
    assert "7 to look at first" in result.stdout


def test_sentence_files_that_are_not_utf8_or_a_work_as_well_exit_2(tmp_path: Path) -> None:
    zh, en = tmp_path / "zh.txt", tmp_path / "en.txt"
    zh.write_bytes("今天天氣很好。\n".encode("big5"))
    en.write_text("The weather was fine.\n", "utf-8")
    result = CliRunner().invoke(cli, ["align", "--sentences", str(zh), str(en)])
    assert result.exit_code == 2
    assert "zh.txt:1: not UTF-8 (byte offset 0)" in result.stderr
    both = CliRunner().invoke(cli, ["align", "trial", "--sentences", str(en), str(en)])
    assert both.exit_code == 2 and "not a work" in both.stderr


def test_a_work_with_no_translation_text_says_so(make_repo: MakeRepo) -> None:
    result = run(make_repo(text=None, align=None), "align", "trial")
    assert result.exit_code == 0
    assert "trial: no translation has text yet; nothing to align" in result.stdout
