"""A repository's layout: bad folders and stray files are errors that name them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import fingerprinted
from toolkit.errors import MetadataError, ToolkitError
from toolkit.store.metafile import load_translation
from toolkit.store.work import load_work

MakeRepo = Callable[..., Path]


def test_a_work_folder_that_is_not_a_work_id_is_named(make_repo: MakeRepo) -> None:
    root = make_repo(work="MyWork")
    with pytest.raises(ToolkitError) as caught:
        load_work(root, "MyWork")
    assert "source/MyWork" in str(caught.value)
    assert "lower-case" in caught.value.fix


def test_a_stray_file_in_translations_is_named(make_repo: MakeRepo) -> None:
    root = make_repo()
    (root / "translations/trial/notes.md").write_text("My own notes.\n", "utf-8")
    with pytest.raises(ToolkitError) as caught:
        load_work(root, "trial")
    assert "translations/trial/notes.md" in str(caught.value)
    assert "not a language tag" in caught.value.message


def test_a_translation_text_without_metadata_is_named(make_repo: MakeRepo) -> None:
    root = make_repo(meta=None)
    with pytest.raises(ToolkitError) as caught:
        load_work(root, "trial")
    assert "translations/trial/en.md" in str(caught.value)
    assert "en.yaml" in caught.value.fix


def test_blank_names_and_titles_are_not_credits(tmp_path: Path) -> None:
    path = tmp_path / "en.yaml"
    path.write_text('language: en\ntitle: "  "\ntranslators:\n  - name: {en: " "}\n', "utf-8")
    with pytest.raises(MetadataError) as caught:
        load_translation(path)
    fields = sorted(field for field, _, _ in caught.value.problems)
    assert fields == ["title", "translators[0].name.en"]
    assert all("blank" in message for _, _, message in caught.value.problems)


def test_ids_survive_inserting_deleting_and_editing_segments(make_repo: MakeRepo) -> None:
    """Alignment holds through edits: IDs are stored, never derived from position or text."""
    from toolkit.check import check_work
    from toolkit.store.document import read_document

    root = make_repo()
    path = root / "translations/trial/en.md"
    before = {s.id: s.text for s in read_document(path).segments()}
    edited = (
        path.read_text("utf-8")
        # insert a segment before the others
        .replace("# Chapter One {#t1}\n", "# Chapter One {#t1}\n\nA new opening line. {#t4}\n")
        # edit one
        .replace("The weather is fine today.", "Today the weather is fine.")
        # delete one (the source sentence is now left out on purpose)
        .replace("We walked in the park and saw “three” little birds. {#t3}\n", "")
    )
    path.write_text(edited, "utf-8")
    after = {s.id: s.text for s in read_document(path).segments()}
    assert after == {
        "t1": before["t1"],
        "t4": "A new opening line.",
        "t2": "Today the weather is fine.",
    }
    align_path = root / "translations/trial/en.align"
    align = align_path.read_text("utf-8").replace("s3\tt3\t0.88\tauto", "s3\t-\t-\tomitted")
    align = fingerprinted(align + "-\tt4\t-\tauto\n", text=path.read_text("utf-8"))
    align_path.write_text(align, "utf-8")
    report = check_work(load_work(root, "trial"))
    assert report.findings == []
    cov = report.coverage[0]
    assert (cov.aligned, cov.omitted, cov.missing) == (2, 1, 0)
