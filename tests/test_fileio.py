"""Writing files: complete or not at all, and nothing left behind."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from toolkit.errors import ToolkitError
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


# --- links: written through inside the work, refused when they lead out (within=) ----------


@pytest.fixture
def work(tmp_path: Path) -> Path:
    """A work's folder, with a folder outside it beside."""
    folder = tmp_path / "translations" / "trial"
    folder.mkdir(parents=True)
    (tmp_path / "elsewhere").mkdir()
    return folder


def _everything(root: Path) -> dict[str, bytes | str]:
    """Every path under ``root``: a file's bytes, a link's target, a folder's '/'."""
    out: dict[str, bytes | str] = {}
    for path in sorted(root.rglob("*")):
        name = str(path.relative_to(root))
        if path.is_symlink():
            out[name] = "-> " + os.readlink(path)
        elif path.is_dir():
            out[name] = "/"
        else:
            out[name] = path.read_bytes()
    return out


def test_a_link_inside_the_work_is_written_through(work: Path) -> None:
    (work / "drafts").mkdir()
    (work / "drafts/en.md").write_text("old\n", "utf-8")
    (work / "en.md").symlink_to("drafts/en.md")
    write_files({work / "en.md": "new\n", work / "en.align": "s1\tt1\n"}, within=work)
    assert (work / "en.md").is_symlink() and os.readlink(work / "en.md") == "drafts/en.md"
    assert (work / "drafts/en.md").read_text("utf-8") == "new\n"
    assert (work / "en.align").read_text("utf-8") == "s1\tt1\n"
    assert sorted(p.name for p in work.rglob(".*")) == []  # no temporary file left


def test_a_link_through_links_is_written_at_its_end(work: Path) -> None:
    (work / "drafts").mkdir()
    (work / "drafts/en.md").write_text("old\n", "utf-8")
    (work / "current.md").symlink_to("drafts/en.md")
    (work / "en.md").symlink_to("current.md")
    write_files({work / "en.md": "new\n"}, within=work)
    assert (work / "drafts/en.md").read_text("utf-8") == "new\n"
    assert (work / "en.md").is_symlink() and (work / "current.md").is_symlink()


@pytest.mark.parametrize(
    "make",
    [
        "folder link",  # translations/trial/images -> ../../elsewhere
        "file link",  # translations/trial/en.md -> ../../elsewhere/en.md
        "broken link",  # translations/trial/en.md -> ../../elsewhere/none.md
        "work link",  # the work's folder itself leads out
    ],
)
def test_a_write_that_would_leave_the_work_is_refused_and_nothing_is_written(
    work: Path, make: str
) -> None:
    tmp_path = work.parent.parent
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "en.md").write_text("someone else's\n", "utf-8")
    (work / "en.align").write_text("old\n", "utf-8")
    target = work / "en.md"
    if make == "folder link":
        (work / "images").symlink_to(elsewhere, target_is_directory=True)
        target = work / "images/sub/pic.png"
    elif make == "file link":
        target.symlink_to(elsewhere / "en.md")
    elif make == "broken link":
        target.symlink_to(elsewhere / "none.md")
    else:
        moved = tmp_path / "moved"
        work.rename(moved)
        work.symlink_to(moved, target_is_directory=True)
    before = _everything(tmp_path)
    with pytest.raises(ToolkitError) as caught:
        write_files({work / "en.align": "new\n", target: "new\n"}, within=work)
    assert _everything(tmp_path) == before
    err = caught.value
    first_out = work / "en.align" if make == "work link" else target  # the whole work is out
    assert err.where is not None and err.where.path == first_out
    assert "outside" in err.message and err.fix


def test_a_link_loop_is_refused_when_writing_within_the_work(work: Path) -> None:
    (work / "en.md").symlink_to("en.md")
    with pytest.raises(ToolkitError, match="link loop"):
        write_files({work / "en.md": "new\n"}, within=work)
    assert os.readlink(work / "en.md") == "en.md"


def test_new_folders_are_made_inside_the_work(work: Path) -> None:
    write_files({work / "images/a/b.png": b"\x89PNG"}, within=work)
    assert (work / "images/a/b.png").read_bytes() == b"\x89PNG"


def test_the_work_may_be_given_as_its_two_folders(work: Path) -> None:
    source = work.parent.parent / "source" / "trial"
    source.mkdir(parents=True)
    files: dict[Path, str | bytes] = {source / "text.md": "甲\n", work / "en.md": "A\n"}
    write_files(files, within=(source, work))
    assert (source / "text.md").read_text("utf-8") == "甲\n"
    with pytest.raises(ToolkitError, match="outside"):
        write_files(files, within=work)


def test_without_within_a_link_is_replaced_as_before(work: Path) -> None:
    (work / "drafts").mkdir()
    (work / "drafts/en.md").write_text("old\n", "utf-8")
    (work / "en.md").symlink_to("drafts/en.md")
    write_files({work / "en.md": "new\n"})
    assert not (work / "en.md").is_symlink()
    assert (work / "en.md").read_text("utf-8") == "new\n"
    assert (work / "drafts/en.md").read_text("utf-8") == "old\n"


def test_a_folder_that_is_a_link_loop_is_refused_when_writing_within_the_work(
    work: Path,
) -> None:
    (work / "images").symlink_to("images", target_is_directory=True)
    with pytest.raises(ToolkitError, match="link loop"):
        write_files({work / "images/a.png": b"\x89PNG"}, within=work)
