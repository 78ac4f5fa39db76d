"""`toolkit build --edition`: the editions a person asks for, and why one cannot be made."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner, Result

from toolkit.cli import cli

MakeRepo = Callable[..., Path]


def run(root: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--root", str(root), "build", *args])


def built(out: Path) -> list[str]:
    return sorted(p.name for p in (out / "trial").iterdir()) if (out / "trial").exists() else []


def test_only_the_editions_asked_for_are_built(make_repo: MakeRepo, tmp_path: Path) -> None:
    root, out = make_repo(), tmp_path / "out"
    result = run(root, "trial", "--edition", "simplified", "--to", "html", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert built(out) == ["trial.zh-Hans.html"]
    both = run(root, "trial", "--edition", "original", "--edition", "translation", "--to", "html",
               "--out", str(tmp_path / "both"))  # fmt: skip
    assert both.exit_code == 0, both.output
    assert built(tmp_path / "both") == ["trial.en.html", "trial.zh-Hant-TW.html"]


def test_an_edition_the_text_does_not_allow_is_named_with_why(
    make_repo: MakeRepo, tmp_path: Path
) -> None:
    root, out = make_repo(source=None, align=None), tmp_path / "out"
    result = run(root, "trial", "--edition", "simplified", "--to", "html", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert built(out) == []
    assert (
        "note: trial: no simplified edition: the original's text is not in the repository "
        "(source/trial/text.md)"
    ) in result.output
    assert "building the translation only" not in result.output  # it builds nothing


def test_an_unknown_edition_is_a_usage_error(make_repo: MakeRepo) -> None:
    result = run(make_repo(), "trial", "--edition", "bilingual")
    assert result.exit_code == 2
    assert "'original', 'translation', 'simplified'" in result.output
