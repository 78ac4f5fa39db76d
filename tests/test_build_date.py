"""An edition's date: SOURCE_DATE_EPOCH when set, else when the newest of the work's files
last changed, never the clock (the builds themselves are compared in test_build.py)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from toolkit.errors import ToolkitError
from toolkit.render.build import source_date
from toolkit.store.epoch import edition_epoch
from toolkit.store.work import load_work

MakeRepo = Callable[..., Path]


def test_the_newest_file_of_the_work_dates_its_editions(
    make_repo: MakeRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    root = make_repo()
    for n, path in enumerate(sorted(p for p in root.rglob("*") if p.is_file())):
        os.utime(path, (1_700_000_000 + n, 1_700_000_000 + n))
    newest = max(int(p.stat().st_mtime) for p in root.rglob("*") if p.is_file())
    assert edition_epoch(load_work(root, "trial")) == newest
    os.utime(root / "translations/trial/en.md", (1_800_000_000, 1_800_000_000))
    assert edition_epoch(load_work(root, "trial")) == 1_800_000_000


def test_source_date_epoch_wins_and_a_bad_one_is_named(
    make_repo: MakeRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = load_work(make_repo(), "trial")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1234567890")
    assert edition_epoch(work) == 1_234_567_890
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(ToolkitError) as caught:
        edition_epoch(work)
    assert "SOURCE_DATE_EPOCH is 'yesterday'" in str(caught.value)
    assert "unset it" in caught.value.fix


def test_the_date_is_set_for_the_tools_only_while_building(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    with source_date(42):
        assert os.environ["SOURCE_DATE_EPOCH"] == "42"
    assert "SOURCE_DATE_EPOCH" not in os.environ
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "7")
    with source_date(42):
        assert os.environ["SOURCE_DATE_EPOCH"] == "42"
    assert os.environ["SOURCE_DATE_EPOCH"] == "7"


def test_a_link_out_of_the_work_does_not_date_it(
    make_repo: MakeRepo, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    root = make_repo()
    for path in (p for p in root.rglob("*") if p.is_file()):
        os.utime(path, (1_700_000_000, 1_700_000_000))
    outside = tmp_path / "elsewhere.txt"
    outside.write_text("not the work's", encoding="utf-8")
    os.utime(outside, (1_900_000_000, 1_900_000_000))
    link = root / "source/trial/notes.txt"
    link.symlink_to(outside)
    os.utime(link, (1_700_000_000, 1_700_000_000), follow_symlinks=False)
    assert edition_epoch(load_work(root, "trial")) == 1_700_000_000
