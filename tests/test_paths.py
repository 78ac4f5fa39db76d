"""Work IDs and language tags from arguments: refused at every entry point before any path
is built from them, so nothing is written anywhere (issue 6, "Paths from arguments")."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tests.conftest import ORIGINAL_YAML, SOURCE_MD, TRANSLATION_MD, TRANSLATION_YAML, write_tree
from toolkit.cli import cli
from toolkit.errors import ToolkitError
from toolkit.store.work import WorkPaths, load_work

#: Work IDs and language tags that must never become a path.
BAD = ["../x", "My Work", "a/b", "ABSOLUTE", "", "..", ".", "x/../../y", "trial\x00"]


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """tmp_path/repo, one work; the working folder is the repository, so that a path
    resolved against either lands inside tmp_path, where the test looks for it."""
    root = tmp_path / "repo"
    write_tree(
        root,
        {
            "source/trial/work.yaml": ORIGINAL_YAML,
            "source/trial/text.md": SOURCE_MD,
            "translations/trial/en.yaml": TRANSLATION_YAML,
            "translations/trial/en.md": TRANSLATION_MD,
        },
    )
    (tmp_path / "in").mkdir()
    (tmp_path / "in/article.txt").write_text("A sentence.\n", "utf-8")
    monkeypatch.chdir(root)
    return root


def _bad(value: str, tmp_path: Path) -> str:
    return str(tmp_path / "abs" / "x") if value == "ABSOLUTE" else value


def _snapshot(folder: Path) -> dict[str, bytes | None]:
    return {
        str(p.relative_to(folder)): (p.read_bytes() if p.is_file() else None)
        for p in sorted(folder.rglob("*"))
    }


def _commands(bad: str, article: str) -> list[list[str]]:
    title = ["--title", "題"]
    return [
        ["new", bad, "--lang", "zh-Hant-TW", *title],
        ["new", "fresh", "--lang", bad, *title],
        ["new", "fresh", "--lang", "zh-Hant-TW", *title, "--translation", bad],
        ["import", bad, article, "--lang", "en"],
        ["import", "trial", article, "--lang", bad],
        ["segment", bad],
        ["segment", "trial", "--lang", bad],
        ["align", bad],
        ["align", "trial", "--lang", bad],
        ["mark", bad, "--lang", "en", "--state", "reviewed", "t1"],
        ["mark", "trial", "--lang", bad, "--state", "reviewed", "t1"],
        ["check", bad],
        ["build", bad],
    ]


@pytest.mark.parametrize("value", BAD)
def test_every_command_refuses_a_bad_work_id_or_language_and_writes_nothing(
    repo: Path, tmp_path: Path, value: str
) -> None:
    bad = _bad(value, tmp_path)
    article = str(tmp_path / "in/article.txt")
    for args in _commands(bad, article):
        before = _snapshot(tmp_path)
        result: Result = CliRunner().invoke(cli, ["--root", str(repo), *args])
        assert result.exit_code == 2, (args, result.output)
        assert "Traceback" not in result.output, args
        assert result.stderr.startswith("error: "), (args, result.stderr)
        assert _snapshot(tmp_path) == before, args


def test_import_into_a_path_outside_the_repository_writes_nothing(
    repo: Path, tmp_path: Path
) -> None:
    before = _snapshot(tmp_path)
    evil = "../../../" + str(tmp_path.relative_to(tmp_path.anchor)) + "/evilwork"
    for work in (evil, "../evilwork", "My Work"):
        article = str(tmp_path / "in/article.txt")
        result = CliRunner().invoke(
            cli, ["--root", str(repo), "import", work, article, "--lang", "en"]
        )
        assert result.exit_code == 2, result.output
        assert "is not a work ID" in result.stderr
    assert _snapshot(tmp_path) == before
    assert not (tmp_path / "evilwork").exists()
    assert not (repo / "source/My Work").exists()


@pytest.mark.parametrize("value", BAD)
def test_work_paths_refuse_a_bad_work_id(tmp_path: Path, value: str) -> None:
    with pytest.raises(ToolkitError) as caught:
        WorkPaths(tmp_path, _bad(value, tmp_path))
    assert "is not a work ID" in caught.value.message
    assert "lower-case" in caught.value.fix


@pytest.mark.parametrize("value", [*BAD, "EN", "english", "en_US"])
def test_work_paths_refuse_a_bad_language(tmp_path: Path, value: str) -> None:
    paths = WorkPaths(tmp_path, "trial")
    for method in (
        paths.translation_meta,
        paths.translation_text,
        paths.alignment,
        paths.import_record,
        paths.original_import_record,
    ):
        with pytest.raises(ToolkitError) as caught:
            method(_bad(value, tmp_path))
        assert "is not a language tag" in caught.value.message
        assert caught.value.fix


@pytest.mark.parametrize("value", BAD)
def test_load_work_refuses_a_bad_work_id_before_touching_the_disk(
    repo: Path, tmp_path: Path, value: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    looked: list[str] = []
    real_is_dir, real_is_file = Path.is_dir, Path.is_file

    def is_dir(self: Path) -> bool:
        looked.append(str(self))
        return real_is_dir(self)

    def is_file(self: Path) -> bool:
        looked.append(str(self))
        return real_is_file(self)

    monkeypatch.setattr(Path, "is_dir", is_dir)
    monkeypatch.setattr(Path, "is_file", is_file)
    bad = _bad(value, tmp_path)
    with pytest.raises(ToolkitError, match="is not a work ID"):
        load_work(repo, bad)
    # at most the repository's own folders were looked at, never one named by the ID
    assert {Path(seen) for seen in looked} <= {repo, repo / "source", repo / "translations"}


def test_a_valid_work_still_loads(repo: Path) -> None:
    work = load_work(repo, "trial")
    assert sorted(work.translations) == ["en"]
    assert WorkPaths(repo, "trial").translation_text("zh-Hant-TW").name == "zh-Hant-TW.md"
