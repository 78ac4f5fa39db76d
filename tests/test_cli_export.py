"""`toolkit export`, and `toolkit import` of what it writes, as a user runs them."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tests.conftest import TRANSLATION_YAML, write_tree
from tests.exchange_work import make_exchange_work
from tests.test_exchange import snapshot
from toolkit.cli import cli


@pytest.fixture(autouse=True)
def in_the_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Paths are shown relative to where the user is: in the repository."""
    monkeypatch.chdir(tmp_path)


def run(root: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--root", str(root), *args])


def test_export_writes_beside_the_editions_and_import_takes_it_back(tmp_path: Path) -> None:
    root = make_exchange_work(tmp_path)
    result = run(root, "export", "rich", "--to", "po")
    assert result.exit_code == 0, result.output
    assert "wrote build/rich/rich.en.po: 12 units, 3 findings" in result.output
    file = root / "build/rich/rich.en.po"
    assert file.is_file()
    back = run(root, "import", "rich", str(file), "--lang", "en")
    assert back.exit_code == 0, back.output
    assert "12 units, nothing new; nothing written" in back.output


def test_export_to_a_file_of_ones_choosing(tmp_path: Path) -> None:
    root = make_exchange_work(tmp_path)
    out = tmp_path / "for-the-translator.xlf"
    result = run(root, "export", "rich", "--to", "xliff1", "-o", str(out), "--no-findings")
    assert result.exit_code == 0, result.output
    assert "12 units, 0 findings" in result.output
    assert 'version="1.2"' in out.read_text()


def test_a_spreadsheet_export_says_what_it_flattened(tmp_path: Path) -> None:
    root = make_exchange_work(tmp_path)
    result = run(root, "export", "rich", "--to", "csv")
    assert result.exit_code == 0
    assert "4 beads have emphasis, links or footnote references" in result.output
    assert "(s3, s5, s9, s10)" in result.output


def test_an_edit_is_reported_and_written(tmp_path: Path) -> None:
    root = make_exchange_work(tmp_path)
    run(root, "export", "rich", "--to", "tsv")
    file = root / "build/rich/rich.en.tsv"
    file.write_text(file.read_text().replace("beside the “Tamsui River”", "by the Tamsui"))
    result = run(root, "import", "rich", str(file), "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "1 segment changed, 0 new, 0 beads changed state" in result.output
    assert "wrote translations/rich/en.md" in result.output


def test_which_translation_must_be_said_when_there_are_two(tmp_path: Path) -> None:
    root = make_exchange_work(tmp_path)
    write_tree(root, {"translations/rich/fr.yaml": TRANSLATION_YAML.replace("en", "fr", 1)})
    before = snapshot(root)
    result = run(root, "export", "rich", "--to", "tmx")
    assert result.exit_code == 2
    assert "translations en, fr" in result.output and "--lang" in result.output
    result = run(root, "export", "rich", "--to", "tmx", "--lang", "de")
    assert result.exit_code == 2 and "no translation 'de'" in result.output
    assert snapshot(root) == before and not (root / "build").exists()


def test_an_unknown_format_is_a_usage_error(tmp_path: Path) -> None:
    root = make_exchange_work(tmp_path)
    result = run(root, "export", "rich", "--to", "docx")
    assert result.exit_code == 2
    assert "'docx' is not one of" in result.output


def test_the_original_is_not_updated_from_an_exchange_file(tmp_path: Path) -> None:
    root = make_exchange_work(tmp_path)
    run(root, "export", "rich", "--to", "xliff")
    result = run(
        root, "import", "rich", str(root / "build/rich/rich.en.xlf"), "--lang", "zh-Hant-TW"
    )
    assert result.exit_code == 2
    assert "is the original's language" in result.output


@pytest.mark.parametrize("command", ["export", "import"])
def test_a_language_the_work_has_no_translation_in_is_refused_with_a_fix_that_works(
    tmp_path: Path, command: str
) -> None:
    """Found in review: export's fix said 'toolkit new WORK … --translation fr', which
    refuses a work that exists; export and import now say the same, and it is right."""
    root = make_exchange_work(tmp_path / "repo")
    assert run(root, "export", "rich", "--to", "po").exit_code == 0
    args = ["--to", "po"] if command == "export" else [str(root / "build/rich/rich.en.po")]
    result = run(root, command, "rich", *args, "--lang", "fr")
    assert result.exit_code == 2, result.output
    assert "work rich has no translation 'fr' (it has: en)" in result.output
    assert "translations/rich/fr.yaml with the translation's metadata" in result.output
