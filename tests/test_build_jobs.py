"""Editions built at once, each in a process of its own (``BuildOptions.jobs``, the
command's ``--jobs``): the same bytes as one after another, progress told edition by
edition, and an edition's error reaching the caller as it was raised, nothing written.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from toolkit import BuildOptions, StageError, build_work, load_work
from toolkit.cli import cli
from toolkit.render.build import Format

pytestmark = pytest.mark.slow
MakeRepo = Callable[..., Path]


def test_editions_built_in_processes_are_the_same_bytes(trial_build: Path, tmp_path: Path) -> None:
    told: list[tuple[str, int, int]] = []
    options = BuildOptions(
        out_dir=tmp_path,
        jobs=2,
        progress=lambda stem, done, total: told.append((stem, done, total)),
    )
    build_work(load_work(trial_build.parent.parent, "trial"), options)
    alone = {p.name: p.read_bytes() for p in trial_build.iterdir()}  # built one by one
    together = {p.name: p.read_bytes() for p in (tmp_path / "trial").iterdir()}
    assert len(together) == 15 and together == alone
    assert [(done, total) for _, done, total in told] == [(n, 5) for n in range(1, 6)]
    assert {stem for stem, _, _ in told} == {p.rsplit(".", 1)[0] for p in together}


def test_an_editions_error_in_another_process_reaches_the_caller_whole(
    make_repo: MakeRepo, tmp_path: Path
) -> None:
    root = make_repo(text="# Chapter One {#t1}\n\n![A picture](pic.svg) {#t2}\n")
    (root / "translations/trial/pic.svg").write_text("<svg/>", "utf-8")
    options = BuildOptions(out_dir=tmp_path, formats=(Format.HTML,), preflight=False, jobs=2)
    with pytest.raises(StageError) as caught:
        build_work(load_work(root, "trial"), options)
    assert "pic.svg" in caught.value.message and caught.value.fix
    assert caught.value.where is not None and caught.value.where.line == 3
    assert caught.value.where.path == root / "translations/trial/en.md"
    assert not (tmp_path / "trial").exists()  # nothing written


def test_quiet_lists_no_files(make_repo: MakeRepo, tmp_path: Path) -> None:
    args = ["--root", str(make_repo()), "build", "--to", "html", "--out", str(tmp_path)]
    result = CliRunner().invoke(cli, [*args, "--quiet", "--jobs", "2"])
    assert result.exit_code == 0, result.output
    assert "wrote" not in result.output and len(list((tmp_path / "trial").iterdir())) == 5
    again = CliRunner().invoke(cli, [*args, "--quiet"])
    assert again.exit_code == 0 and again.output == ""  # up to date, quietly
