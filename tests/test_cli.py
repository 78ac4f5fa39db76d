"""The real command line: exit codes, messages and outputs of `toolkit check` and `import`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tests.conftest import TRANSLATION_YAML
from toolkit.cli import cli

MakeRepo = Callable[..., Path]
REPO = Path(__file__).resolve().parent.parent

HEADER = "# source\ttranslation\tscore\tstate\n"
#: The fixture's alignment without the bead of s2: one error (not-aligned), one warning.
ALIGN_WITHOUT_S2 = HEADER + "s1\tt1\t0.95\treviewed\t9134b03e93de\ns3\tt3\t0.88\tauto\n"

#: The fixture's translation metadata without 'rights': one warning.
META_WITHOUT_RIGHTS = TRANSLATION_YAML.replace("rights: © 2024 Jane Doe\n", "")


def run(root: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--root", str(root), *args])


# --- toolkit check: exit status --------------------------------------------------------------


def test_check_clean_repository_exits_0(make_repo: MakeRepo) -> None:
    result = run(make_repo(), "check")
    assert result.exit_code == 0, result.output
    assert "trial [en]: coverage 100% (3 source segments; 3 aligned" in result.stdout
    assert "0 finding(s): 0 error(s), 0 warning(s), 0 info(s)" in result.stdout


def test_check_error_exits_1(make_repo: MakeRepo) -> None:
    result = run(make_repo(align=ALIGN_WITHOUT_S2), "check")
    assert result.exit_code == 1, result.output
    assert "source/trial/text.md:3: error: source segment s2 is in no bead [not-aligned]" in (
        result.stdout
    )
    assert "translations/trial/en.md:3: warning:" in result.stdout
    assert "coverage 67%" in result.stdout
    assert "2 finding(s): 1 error(s), 1 warning(s), 0 info(s)" in result.stdout


@pytest.mark.parametrize(
    ("fail_on", "status"),
    [(None, 0), ("error", 0), ("warning", 1), ("info", 1)],
)
def test_check_warning_exits_by_fail_on(
    make_repo: MakeRepo, fail_on: str | None, status: int
) -> None:
    args = ["check"] if fail_on is None else ["check", "--fail-on", fail_on]
    result = run(make_repo(meta=META_WITHOUT_RIGHTS), *args)
    assert result.exit_code == status, result.output
    assert "translations/trial/en.yaml: warning: no rights or licence statement" in result.stdout


def test_check_error_exits_1_whatever_fail_on(make_repo: MakeRepo) -> None:
    root = make_repo(align=ALIGN_WITHOUT_S2)
    for fail_on in ("error", "warning", "info"):
        assert run(root, "check", "--fail-on", fail_on).exit_code == 1


# --- toolkit check: usage errors exit 2 ------------------------------------------------------


def test_unknown_option_exits_2(make_repo: MakeRepo) -> None:
    result = run(make_repo(), "check", "--no-such-option")
    assert result.exit_code == 2
    assert "No such option" in result.stderr
    assert "--no-such-option" in result.stderr


def test_bad_fail_on_value_exits_2(make_repo: MakeRepo) -> None:
    result = run(make_repo(), "check", "--fail-on", "fatal")
    assert result.exit_code == 2
    assert "--fail-on" in result.stderr


def test_unknown_work_exits_2(make_repo: MakeRepo) -> None:
    result = run(make_repo(), "check", "nothing-here")
    assert result.exit_code == 2
    assert "no work 'nothing-here'" in result.stderr
    assert str(Path("source", "nothing-here", "work.yaml")) in result.stderr
    assert "(works: trial)" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("where", ["absent", "empty"])
def test_root_that_is_not_a_repository_exits_2(tmp_path: Path, where: str) -> None:
    # A mistyped --root must not pass as a clean check of no works.
    root = tmp_path / where
    if where == "empty":
        root.mkdir()
    result = run(root, "check")
    assert result.exit_code == 2
    assert "no source/ or translations/ folder" in result.stderr
    assert result.stdout == ""


def test_invalid_work_id_exits_2(make_repo: MakeRepo) -> None:
    result = run(make_repo(), "check", "Not_A_Work")
    assert result.exit_code == 2
    assert "'Not_A_Work' is not a work ID" in result.stderr


def test_invalid_metadata_exits_2_naming_file_and_line(make_repo: MakeRepo) -> None:
    meta = META_WITHOUT_RIGHTS.replace("url: https://example.org/en/1", "url: example.org/en/1")
    result = run(make_repo(meta=meta), "check")
    assert result.exit_code == 2
    assert "invalid metadata in" in result.stderr
    assert "en.yaml:7: url: 'example.org/en/1' is not an http(s) address" in result.stderr
    assert "Traceback" not in result.output


def test_misspelt_field_exits_2_naming_file_and_line(make_repo: MakeRepo) -> None:
    meta = META_WITHOUT_RIGHTS.replace("date: ", "dat: ")
    result = run(make_repo(meta=meta), "check")
    assert result.exit_code == 2
    assert "en.yaml:8: dat: unknown field" in result.stderr


def test_duplicate_yaml_key_exits_2_naming_file_and_line(make_repo: MakeRepo) -> None:
    result = run(make_repo(meta=META_WITHOUT_RIGHTS + "title: Again\n"), "check")
    assert result.exit_code == 2
    assert "en.yaml:9: key 'title' appears twice" in result.stderr


def test_bad_segment_file_exits_2_naming_file_and_line(make_repo: MakeRepo) -> None:
    source = "# 第一章 {#s1}\n\n今天天氣很好。 {#s2}\n>我們去公園散步。 {#s3}\n"
    result = run(make_repo(source=source), "check")
    assert result.exit_code == 2
    assert "text.md:4: a quoted line starts with '> '" in result.stderr


def test_language_that_does_not_match_the_file_name_exits_2(make_repo: MakeRepo) -> None:
    meta = META_WITHOUT_RIGHTS.replace("language: en", "language: fr")
    result = run(make_repo(meta=meta), "check")
    assert result.exit_code == 2
    assert "language is 'fr' but the file is named for 'en'" in result.stderr


# --- toolkit check: output -------------------------------------------------------------------


def test_check_json_output(make_repo: MakeRepo) -> None:
    result = run(
        make_repo(align=ALIGN_WITHOUT_S2, meta=META_WITHOUT_RIGHTS), "check", "--format", "json"
    )
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert sorted(data) == ["coverage", "findings", "schema", "summary", "suppressed"]
    assert data["summary"] == {"error": 1, "warning": 2, "info": 0, "suppressed": 0}
    (cov,) = data["coverage"]
    assert (cov["work"], cov["lang"], cov["aligned"], cov["missing"]) == ("trial", "en", 2, 1)
    assert cov["coverage"] == 0.6667
    found = [(f["check"], f["at"]["path"], f["at"]["line"]) for f in data["findings"]]
    assert sorted(found) == [
        ("not-aligned", "source/trial/text.md", 3),
        ("rights-missing", "translations/trial/en.yaml", None),
        ("translation-not-aligned", "translations/trial/en.md", 3),
    ]


def test_check_all_works_or_the_ones_named(make_repo: MakeRepo) -> None:
    make_repo(work="alpha")
    root = make_repo(work="beta", align=ALIGN_WITHOUT_S2)
    every = json.loads(run(root, "check", "--format", "json").stdout)
    assert [c["work"] for c in every["coverage"]] == ["alpha", "beta"]
    result = run(root, "check", "alpha", "--format", "json")
    assert result.exit_code == 0
    assert [c["work"] for c in json.loads(result.stdout)["coverage"]] == ["alpha"]
    assert run(root, "check", "beta").exit_code == 1


def _python_m_toolkit(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [sys.executable, "-m", "toolkit", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )


def test_python_m_toolkit_check(make_repo: MakeRepo) -> None:
    root = make_repo(align=ALIGN_WITHOUT_S2)
    done = _python_m_toolkit("--root", str(root), "check", "--format", "json", cwd=root)
    assert done.returncode == 1, done.stderr
    data = json.loads(done.stdout)
    assert data["summary"] == {"error": 1, "warning": 1, "info": 0, "suppressed": 0}
    assert data["coverage"][0]["source_segments"] == 3


def test_python_m_toolkit_finds_the_root_and_reports_usage_errors(make_repo: MakeRepo) -> None:
    root = make_repo()
    inside = root / "translations" / "trial"
    clean = _python_m_toolkit("check", cwd=inside)  # no --root: found from the working folder
    assert clean.returncode == 0, clean.stderr
    assert "trial [en]: coverage 100%" in clean.stdout
    unknown = _python_m_toolkit("--root", str(root), "check", "nothing-here", cwd=root)
    assert unknown.returncode == 2
    assert "no work 'nothing-here'" in unknown.stderr
    assert "Traceback" not in unknown.stderr


def test_an_internal_error_exits_3_not_1(monkeypatch: pytest.MonkeyPatch) -> None:
    import toolkit.cli.base as cli_module

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(cli_module, "cli", broken)
    with pytest.raises(SystemExit) as caught:
        cli_module.main()
    assert caught.value.code == 3


def test_human_output_orders_findings_by_line_number(make_repo: MakeRepo) -> None:
    source = "# 第一章 {#s1}\n\n" + "".join(f"第{n}句。 {{#s{n}}}\n" for n in range(2, 13))
    root = make_repo(source=source, align=None)
    lines = [line for line in run(root, "check").stdout.splitlines() if "[not-aligned]" in line]
    numbers = [int(line.split(":")[1]) for line in lines]
    assert numbers == sorted(numbers) and len(numbers) == 12
