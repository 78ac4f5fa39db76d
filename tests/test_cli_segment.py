"""`toolkit segment`: paragraph lines become sentence lines; IDs, beads and reviews hold."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner, Result

from tests.conftest import fingerprinted
from toolkit.check import check_work
from toolkit.cli import cli
from toolkit.store.alignfile import read_alignment
from toolkit.store.document import read_document
from toolkit.store.work import load_work

MakeRepo = Callable[..., Path]

SOURCE = "# 第一章 {#s1}\n\n今天天氣很好。我們去公園散步。 {#s2}\n"
TEXT = "# Chapter One {#t1}\n\nThe weather is fine today. We walked in the park. {#t2}\n"
ALIGN = "s1\tt1\t1\treviewed\ns2\tt2\t0.9\treviewed\n"


def run(root: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--root", str(root), *args])


def test_segment_splits_both_sides_keeps_first_ids_and_grows_beads(make_repo: MakeRepo) -> None:
    align = fingerprinted(ALIGN, SOURCE, TEXT)
    root = make_repo(source=SOURCE, text=TEXT, align=align)
    assert check_work(load_work(root, "trial")).findings == []

    result = run(root, "segment", "trial")
    assert result.exit_code == 0, result.output
    assert "trial [zh-Hant-TW]: 2 segments -> 3 (1 split;" in result.stdout
    assert "trial [en]: 2 segments -> 3 (1 split;" in result.stdout
    source = read_document(root / "source/trial/text.md")
    assert [(s.id, s.text) for s in source.segments()] == [
        ("s1", "第一章"),
        ("s2", "今天天氣很好。"),
        ("s3", "我們去公園散步。"),
    ]
    text = read_document(root / "translations/trial/en.md")
    assert text.segment_ids() == ["t1", "t2", "t3"]
    beads = read_alignment(root / "translations/trial/en.align").beads
    pairs = [(b.source, b.target) for b in beads]
    assert pairs == [(("s1",), ("t1",)), (("s2", "s3"), ("t2", "t3"))]

    # The reviewed bead now covers more text than the person saw: stale, not silently wider.
    findings = check_work(load_work(root, "trial")).findings
    assert [(f.code, f.line) for f in findings] == [("bead-stale", 2)]
    assert "the original and the translation changed since" in findings[0].message


def test_segment_of_one_language_leaves_the_other_alone(make_repo: MakeRepo) -> None:
    root = make_repo(source=SOURCE, text=TEXT, align=None)
    before = (root / "source/trial/text.md").read_bytes()
    result = run(root, "segment", "trial", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert (root / "source/trial/text.md").read_bytes() == before
    assert read_document(root / "translations/trial/en.md").segment_ids() == ["t1", "t2", "t3"]
    again = run(root, "segment", "trial", "--lang", "en")
    assert "2 segments" not in again.stdout and "3 segments -> 3 (0 split;" in again.stdout


def test_without_an_import_record_odd_spacing_stays_on_one_line(make_repo: MakeRepo) -> None:
    text = "# Chapter One {#t1}\n\nOne.  Two. Three. {#t2}\n"
    root = make_repo(source=SOURCE, text=text, align=None)
    result = run(root, "segment", "trial", "--lang", "en")
    assert result.exit_code == 0, result.output
    segments = read_document(root / "translations/trial/en.md").segments()
    assert [s.text for s in segments] == ["Chapter One", "One.  Two.", "Three."]
    assert "1 sentence boundary(ies) left on one line" in result.stdout


def test_new_ids_never_reuse_one_an_alignment_names(make_repo: MakeRepo) -> None:
    root = make_repo(source=SOURCE, text=TEXT, align="s2\tt3\t0.5\tauto\n")
    assert run(root, "segment", "trial", "--lang", "en").exit_code == 0
    assert read_document(root / "translations/trial/en.md").segment_ids() == ["t1", "t2", "t4"]


def test_an_unknown_language_exits_2(make_repo: MakeRepo) -> None:
    result = run(make_repo(), "segment", "trial", "--lang", "fr")
    assert result.exit_code == 2
    assert "no text in fr (its languages: zh-Hant-TW, en)" in result.stderr


def test_a_sentence_that_would_read_as_another_block_is_escaped_or_kept_with_the_one_before(
    make_repo: MakeRepo,
) -> None:
    text = (
        "# Chapter One {#t1}\n\nDone. ```x``` more. {#t2}\n"
        "First. # not a heading. - a dash. > quoted. Last. {#t3}\n"
    )
    root = make_repo(source=SOURCE, text=text, align=None)
    result = run(root, "segment", "trial", "--lang", "en")
    assert result.exit_code == 0, result.output
    segments = read_document(root / "translations/trial/en.md").segments()
    assert [s.text for s in segments] == [
        "Chapter One",
        "Done. ```x``` more.",  # a line of its own would open a code block
        "First.",
        "\\# not a heading.",
        "\\- a dash.",
        "\\> quoted.",
        "Last.",
    ]


def test_segmenting_an_imported_text_keeps_it_protected_from_a_careless_import(
    make_repo: MakeRepo, tmp_path: Path
) -> None:
    root = make_repo(text=None, align=None)
    article = tmp_path / "a.txt"
    article.write_text("Title\n\nOne. Two.\n")
    assert (
        run(root, "import", "trial", str(article), "--lang", "en", "--no-sentences").exit_code == 0
    )
    assert run(root, "segment", "trial", "--lang", "en").exit_code == 0
    # The toolkit wrote the sentence lines: importing again needs only --force.
    article.write_text("Title\n\nOne. Three.\n")
    assert run(root, "import", "trial", str(article), "--lang", "en", "--force").exit_code == 0
    # A person's edit, then segment: the edit is still protected.
    text = root / "translations/trial/en.md"
    text.write_text(text.read_text("utf-8").replace("Three.", "Three, edited. Four."), "utf-8")
    assert run(root, "segment", "trial", "--lang", "en").exit_code == 0
    refused = run(root, "import", "trial", str(article), "--lang", "en", "--force")
    assert refused.exit_code == 2 and "edited since the toolkit wrote it" in refused.stderr
