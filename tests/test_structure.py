"""Footnotes and figures: every problem reported where it is, in every language's file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from toolkit.check import Report, check_work
from toolkit.store.work import load_work

MakeRepo = Callable[..., Path]

#: Footnotes gone wrong in every way at once (line numbers in the comments).
NOTES = """\
# Chapter One {#t1}

One note.[^a] Again.[^a] {#t2}
A note that is not there.[^zz] {#t3}

[^a]: The first note.[^b] {#t4}

[^b]: A note that refers nowhere. {#t5}

[^a]: A second note with the same label. {#t6}

[^lonely]: Nobody refers to this one. {#t7}
"""
ALIGN = "s1\tt1\ns2\tt2\ns3\tt3\n-\tt4\n-\tt5\n-\tt6\n-\tt7\n"


def findings(report: Report, prefix: str) -> list[tuple[str, str, str]]:
    return sorted(
        (f.code, f.severity.label, f.where) for f in report.findings if f.code.startswith(prefix)
    )


def test_footnote_problems_are_each_reported_at_their_line(make_repo: MakeRepo) -> None:
    report = check_work(load_work(make_repo(text=NOTES, align=ALIGN), "trial"))
    path = "translations/trial/en.md"
    assert findings(report, "footnote") == [
        ("footnote-duplicate", "error", f"{path}:10"),
        ("footnote-in-footnote", "error", f"{path}:6"),
        ("footnote-repeated", "error", f"{path}:3"),
        ("footnote-undefined", "error", f"{path}:4"),
        ("footnote-unreferenced", "warning", f"{path}:12"),
    ]


def test_well_formed_footnotes_raise_nothing(make_repo: MakeRepo) -> None:
    text = (
        "# Chapter One {#t1}\n\nA note.[^1] {#t2}\nAnother.[^2] {#t3}\n\n"
        "[^1]: One. {#t4}\n\n[^2]: Two. {#t5}\n"
    )
    align = "s1\tt1\ns2\tt2\ns3\tt3\n-\tt4\n-\tt5\n"
    report = check_work(load_work(make_repo(text=text, align=align), "trial"))
    assert findings(report, "footnote") == []


def test_figures_are_checked_in_translations_too(make_repo: MakeRepo) -> None:
    text = (
        "# Chapter One {#t1}\n\n![A bird](images/bird.png) {#t2}\n\n"
        '![Away](../../etc/passwd "Photo: nobody") {#t3}\n'
    )
    root = make_repo(text=text, align="s1\tt1\ns2\tt2\ns3\tt3\n")
    report = check_work(load_work(root, "trial"))
    path = "translations/trial/en.md"
    assert findings(report, "image") == [
        ("image-credit-missing", "warning", f"{path}:3"),
        ("image-missing", "error", f"{path}:3"),
        ("image-missing", "error", f"{path}:5"),
    ]
    messages = sorted(f.message for f in report.findings if f.code == "image-missing")
    assert "not a path inside the work" in messages[0]
    assert "not found" in messages[1]


def test_an_image_beside_the_original_serves_the_translation(make_repo: MakeRepo) -> None:
    text = '# Chapter One {#t1}\n\n![A bird](images/bird.png "Photo: X") {#t2}\n'
    root = make_repo(text=text, align="s1\tt1\ns2\tt2\ns3\t-\t-\tomitted\n")
    (root / "source/trial/images").mkdir()
    (root / "source/trial/images/bird.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    report = check_work(load_work(root, "trial"))
    assert findings(report, "image") == []


def test_an_empty_translation_file_is_a_warning(make_repo: MakeRepo) -> None:
    report = check_work(load_work(make_repo(text="", align=None), "trial"))
    assert ("translation-empty", "warning", "translations/trial/en.md") in findings(
        report, "translation"
    )
