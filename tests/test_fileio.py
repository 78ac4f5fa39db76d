"""Writing files: complete or not at all, and nothing left behind."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from toolkit.store.fileio import write_files


class Boom(str):
    """Text that fails as it is written, as a full disk would."""

    def encode(self, encoding: str = "utf-8", errors: str = "strict") -> bytes:
        raise OSError("disk full")


def test_a_failure_leaves_targets_as_they_were_and_no_temporary_files(tmp_path: Path) -> None:
    first, second = tmp_path / "a.md", tmp_path / "b.md"
    first.write_text("old a\n", "utf-8")
    with pytest.raises(OSError, match="disk full"):
        write_files({first: "new a\n", second: Boom("new b\n")})
    assert first.read_text("utf-8") == "old a\n"
    assert not second.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md"]


def test_files_are_written_whole_with_the_usual_permissions(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "c.md"
    write_files({target: "文字\n", tmp_path / "d.bin": b"\x00\x01"})
    assert target.read_text("utf-8") == "文字\n"
    assert (tmp_path / "d.bin").read_bytes() == b"\x00\x01"
    assert target.stat().st_mode & 0o644 == 0o644


def test_a_killed_writers_temporary_files_go_with_the_next_write(tmp_path: Path) -> None:
    target = tmp_path / "en.md"
    leftover = tmp_path / f".en.md.{_ended_pid()}.abc123.tmp"
    leftover.write_bytes(b"half")
    live = tmp_path / f".en.md.{os.getpid()}.def456.tmp"  # a writer still running
    live.write_bytes(b"busy")
    other = tmp_path / f".other.md.{_ended_pid()}.abc.tmp"
    other.write_bytes(b"not this file's")
    write_files({target: "text\n"})
    assert target.read_text() == "text\n"
    assert not leftover.exists()
    assert live.exists() and other.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".en.md.")] == [live.name]


def _ended_pid() -> int:
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid
