"""`toolkit build --edition`: the editions a person asks for, and why one cannot be made."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from pydantic import BaseModel

from tests.conftest import SOURCE_MD
from toolkit.cli import cli
from toolkit.render.config import BuildConfig
from toolkit.render.edition import EditionKind

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


def test_build_yaml_chooses_the_editions_and_how_simplified_is_made(
    make_repo: MakeRepo, tmp_path: Path
) -> None:
    root = make_repo(source=SOURCE_MD.replace("很好", "很好，軟體「新」"))
    (root / "source/trial/build.yaml").write_text(
        "editions: [simplified]\nsimplified:\n  conversion: tw2sp\n  mainland_quotes: false\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = run(root, "trial", "--to", "html", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert built(out) == ["trial.zh-Hans.html"]
    page = (out / "trial/trial.zh-Hans.html").read_text("utf-8")
    assert "软件「新」" in page and "OpenCC（tw2sp）" in page
    assert "依作品「trial」制作" in page  # the colophon's quotes as the text's
    # The command line's choice wins over the work's.
    both = run(root, "trial", "--edition", "original", "--to", "html", "--out", str(out))
    assert both.exit_code == 0, both.output
    assert "trial.zh-Hant-TW.html" in built(out)


@pytest.mark.parametrize(
    ("settings", "line", "words"),
    [
        ("editions: [simplified, parallell]\n", 1, "editions[1]"),
        ("simplified:\n  conversion: s2t\n", 2, "simplified.conversion"),
        ("colour: blue\n", 1, "colour"),
    ],
)
def test_a_bad_build_yaml_names_its_line_and_nothing_is_built(
    make_repo: MakeRepo, tmp_path: Path, settings: str, line: int, words: str
) -> None:
    root = make_repo()
    (root / "source/trial/build.yaml").write_text(settings, encoding="utf-8")
    out = tmp_path / "out"
    result = run(root, "trial", "--to", "html", "--out", str(out))
    assert result.exit_code == 2, result.output
    assert f"source/trial/build.yaml:{line}" in result.output.replace("\\", "/")
    assert words in result.output and "docs/build.md" in result.output
    assert not out.exists() or built(out) == []


def test_every_build_setting_is_documented() -> None:
    doc = (Path(__file__).resolve().parent.parent / "docs" / "build.md").read_text("utf-8")
    fields: list[str] = []
    for name, field in BuildConfig.model_fields.items():
        nested = field.annotation
        if isinstance(nested, type) and issubclass(nested, BaseModel):  # a group of settings
            fields += [f"`{name}.{inner}`" for inner in nested.model_fields]
        else:
            fields.append(f"`{name}`")
    assert {"`editions`", "`simplified.conversion`", "`parallel.mark_omitted`"} <= set(fields)
    missing = [field for field in fields if field not in doc]
    assert missing == []
    assert all(f"`{kind.value}`" in doc for kind in EditionKind)
