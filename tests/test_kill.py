"""Kill tests: `import`, `align` and `build`, killed (SIGKILL) at moments spread over their
run, leave every file either as it was or as a finished run writes it, never half written,
and the next run finishes the work.

Each command first runs to the end on a copy, which gives the files it writes; then on
fresh copies it is killed after 15%, 50% and 85% of that run's time.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import REPO, examples

pytestmark = pytest.mark.slow
MakeRepo = Callable[..., Path]
#: When to kill, as a share of a finished run's time (more in ``make fuzz``).
MOMENTS = [0.15, 0.5, 0.85] * examples(1)

ARTICLE = "The Park\n\nThe weather is fine today. We walked in the park.\n\nWe saw birds.\n"


def _command(root: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "toolkit", "--root", str(root), *args]


def _files(root: Path) -> dict[str, bytes]:
    """Every file of the works, by path (the build's scratch and outputs apart)."""
    return {
        str(p.relative_to(root)): p.read_bytes()
        for top in ("source", "translations")
        for p in sorted((root / top).rglob("*"))
        if p.is_file()
    }


def _run_to_the_end(root: Path, args: list[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(_command(root, *args), capture_output=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr.decode()
    return time.perf_counter() - start


def _kill_after(root: Path, args: list[str], seconds: float) -> None:
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    process = subprocess.Popen(
        _command(root, *args), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
    )
    time.sleep(seconds)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)


def _processes_of(root: Path) -> list[int]:
    """The processes whose command line names ``root`` (Linux's /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and str(root).encode() in (entry / "cmdline").read_bytes():
                found.append(int(entry.name))
        except OSError:
            continue  # it ended while we looked
    return found


def _no_process_is_left(root: Path) -> None:
    """A killed command's workers end with it (toolkit.workers), within a few seconds."""
    deadline = time.monotonic() + 10
    while _processes_of(root) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _processes_of(root) == [], "a killed command left processes behind"


def _store_is_old_or_new(root: Path, before: dict[str, bytes], after: dict[str, bytes]) -> None:
    now = _files(root)
    for name, data in now.items():
        if name.endswith(".tmp"):
            continue  # a temporary file beside its target: the target itself is whole
        assert data in (before.get(name), after.get(name)), name
    for name in before.keys() | after.keys():
        if name in before and name in after:
            assert name in now, f"{name} disappeared"


def _killed(
    template: Path, tmp_path: Path, args: list[str], check: Callable[[Path], None] | None = None
) -> None:
    finished = tmp_path / "finished"
    shutil.copytree(template, finished)
    before = _files(template)
    seconds = _run_to_the_end(finished, args)
    after = _files(finished)
    assert after != before or args[0] == "build"
    for n, moment in enumerate(MOMENTS):
        copy = tmp_path / f"killed-{n}"
        shutil.copytree(template, copy)
        _kill_after(copy, args, seconds * moment)
        _no_process_is_left(copy)
        _store_is_old_or_new(copy, before, after)
        if check is not None:
            check(copy)
        if n == 1:  # whatever was left, the next run finishes the work
            _run_to_the_end(copy, args)
            if args[0] != "build":
                assert _files(copy) == after  # a killed run's temporary files are gone too


def test_import_killed_at_any_moment(make_repo: MakeRepo, tmp_path: Path) -> None:
    root = make_repo(text=None, align=None)
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, "utf-8")
    _killed(root, tmp_path, ["import", "trial", str(article), "--lang", "en"])


def test_align_killed_at_any_moment(make_repo: MakeRepo, tmp_path: Path) -> None:
    _killed(make_repo(align=None), tmp_path, ["align", "trial"])


def _outputs_are_whole(root: Path) -> None:
    folder = root / "build" / "sample"
    for path in folder.glob("*.*") if folder.is_dir() else []:
        if path.suffix == ".pdf":
            assert len(PdfReader(path).pages) > 0
        elif path.suffix == ".epub":
            with zipfile.ZipFile(path) as epub:
                assert epub.testzip() is None
        elif path.suffix == ".html":
            assert path.read_text("utf-8").rstrip().endswith("</html>")


def test_build_killed_at_any_moment(tmp_path: Path) -> None:
    template = tmp_path / "repo"
    for top in ("source", "translations"):
        shutil.copytree(REPO / top / "sample", template / top / "sample")
    _killed(template, tmp_path, ["build", "sample", "--to", "pdf"], _outputs_are_whole)
