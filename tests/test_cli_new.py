"""`toolkit new`: a work's metadata files, valid, with what to fill in; refusals write nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from toolkit.cli import cli
from toolkit.store.metafile import load_original, load_translation
from toolkit.store.work import load_work


def run(root: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--root", str(root), *args])


def test_new_writes_valid_metadata_with_the_fields_to_fill_in(tmp_path: Path) -> None:
    result = run(
        tmp_path,
        "new",
        "tea-house",
        "--lang",
        "zh-Hant-TW",
        "--title",
        "大稻埕的午後",
        "--author",
        "王小明",
        "--author",
        "Jane Doe",
        "--translation",
        "en=An Afternoon in Dadaocheng",
        "--translation",
        "ja",
    )
    assert result.exit_code == 0, result.output
    original = load_original(tmp_path / "source/tea-house/work.yaml")
    assert (original.language, original.title) == ("zh-Hant-TW", "大稻埕的午後")
    assert [a.name for a in original.authors] == [{"zh-Hant": "王小明"}, {"en": "Jane Doe"}]
    en = load_translation(tmp_path / "translations/tea-house/en.yaml")
    assert (en.language, en.title) == ("en", "An Afternoon in Dadaocheng")
    ja = load_translation(tmp_path / "translations/tea-house/ja.yaml")
    assert ja.title == "大稻埕的午後"  # not known yet: the file says to replace it
    text = (tmp_path / "translations/tea-house/ja.yaml").read_text("utf-8")
    assert "replace it with the translation's" in text
    work_yaml = (tmp_path / "source/tea-house/work.yaml").read_text("utf-8")
    for field in ("# publisher:", "# url:", "# date:", "# rights:", "sort_as"):
        assert field in work_yaml, field
    for field in ("# translators:", "# publisher:", "# date:"):
        assert field in text, field
    # The new work loads, and check tells what is still missing.
    work = load_work(tmp_path, "tea-house")
    assert work.source is None and sorted(work.translations) == ["en", "ja"]
    checked = run(tmp_path, "check", "tea-house")
    assert "the translator is not credited" in checked.stdout
    assert checked.exit_code == 1


def test_new_without_authors_writes_them_as_a_comment(tmp_path: Path) -> None:
    assert run(tmp_path, "new", "w", "--lang", "zh-Hant-TW", "--title", "題").exit_code == 0
    text = (tmp_path / "source/w/work.yaml").read_text("utf-8")
    assert "# authors:" in text
    assert load_original(tmp_path / "source/w/work.yaml").authors == []
    assert not (tmp_path / "translations/w").exists()


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["Bad_Work", "--lang", "zh-Hant-TW", "--title", "題"], "not a work ID"),
        (["w", "--lang", "chinese", "--title", "題"], "'chinese' is not a language tag"),
        (["w", "--lang", "zh-Hant-TW", "--title", "題", "--translation", "EN"], "'EN' is not"),
        (["w", "--lang", "zh-Hant-TW", "--title", "題", "--translation", "zh-Hant-TW"], "original"),
        (["w", "--lang", "zh-Hant-TW", "--title", "  "], "title is blank"),
        (["w", "--lang", "zh-Hant-TW"], "--title"),
    ],
)
def test_new_refuses_bad_input_and_writes_nothing(
    tmp_path: Path, args: list[str], words: str
) -> None:
    result = run(tmp_path, "new", *args)
    assert result.exit_code == 2, result.output
    assert words in result.output
    assert list(tmp_path.iterdir()) == []


def test_new_refuses_a_work_that_exists(tmp_path: Path) -> None:
    assert run(tmp_path, "new", "w", "--lang", "zh-Hant-TW", "--title", "題").exit_code == 0
    before = (tmp_path / "source/w/work.yaml").read_bytes()
    again = run(tmp_path, "new", "w", "--lang", "zh-Hant-TW", "--title", "另一題")
    assert again.exit_code == 2
    assert "exists already" in again.stderr
    assert (tmp_path / "source/w/work.yaml").read_bytes() == before


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--translation", "zh-Hant"], "is the original's language (zh-Hant-TW)"),
        (["--translation", "zh-TW"], "is the original's language"),
        (["--author", " "], "an --author is blank"),
    ],
)
def test_new_refuses_what_import_would_refuse_later(
    tmp_path: Path, args: list[str], words: str
) -> None:
    result = run(tmp_path, "new", "w", "--lang", "zh-Hant-TW", "--title", "題", *args)
    assert result.exit_code == 2, result.output
    assert words in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_simplified_translation_of_a_traditional_original_is_fine(tmp_path: Path) -> None:
    args = ["new", "w", "--lang", "zh-Hant-TW", "--title", "題", "--translation", "zh-Hans"]
    assert run(tmp_path, *args).exit_code == 0
