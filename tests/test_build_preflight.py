"""`build` refuses a store with structural errors, and leaves no scratch space behind.

Before building anything, ``build`` runs the store's structural checks (the codes in
``toolkit.check.STRUCTURAL``): repeated, missing or dangling IDs, characters XML forbids,
unsafe links, figures outside the work or missing. On any error it writes nothing, prints
each finding with its place and fix, and exits 2. Translation-quality findings (untranslated,
stale, attribution) never stop a build.

Scratch space is ``<out>/.scratch/<pid>-<12 hex>/``, removed at the end of a build; a build
killed outright leaves its folder, which the next build removes (and nothing else in
``.scratch``). A ``.scratch`` that is a link or another user's is refused; a build's own
folder is its user's only (0o700).

An output folder that cannot be written, or one inside ``source/`` or ``translations/``,
is exit 2 naming it, and nothing is written.
"""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tests.conftest import ALIGN, ORIGINAL_YAML, SOURCE_MD, TRANSLATION_MD, write_tree
from toolkit import BuildOptions, StageError, ToolkitError, build_work, load_work
from toolkit.check import STRUCTURAL, check_work, structural_errors
from toolkit.cli import cli
from toolkit.render.build import BuildRefused
from toolkit.store.scratch import SCRATCH, scratch_space

MakeRepo = Callable[..., Path]
EN = "translations/trial/en.md"

#: (name, the translation's text, its alignment, what the refusal must say).
CASES = [
    (
        "duplicate-id",
        TRANSLATION_MD + "A second t2. {#t2}\n",
        ALIGN,
        [f"{EN}:3: ", "[duplicate-id]", "fix: give each segment its own ID"],
    ),
    (
        "segment-without-id",
        TRANSLATION_MD + "No ID here.\n",
        ALIGN,
        [f"{EN}:5: ", "[segment-without-id]", "fix: end the line with a new ID"],
    ),
    (
        "bead-unknown-id",
        TRANSLATION_MD,
        ALIGN + "-\tt9\t-\tauto\n",
        ["translations/trial/en.align:5: ", "[bead-unknown-id]", "fix: correct the ID"],
    ),
    (
        "footnote-undefined",
        TRANSLATION_MD.replace("today. {#t2}", "today.[^9] {#t2}"),
        ALIGN,
        [f"{EN}:3: ", "[footnote-undefined]", "fix: add a line '[^9]: text {#id}'"],
    ),
    (
        "invalid-character",
        TRANSLATION_MD.replace("fine today", "fine\x00 today"),
        ALIGN,
        [f"{EN}:3:20: ", "U+0000", "[invalid-character]", "fix: "],
    ),
    (
        "unsafe-link",
        TRANSLATION_MD.replace("the park", "[the park](javascript:alert(1))"),
        ALIGN,
        [f"{EN}:4:25: ", "[unsafe-link]", "fix: "],
    ),
    (
        "anchor-unknown",
        TRANSLATION_MD.replace("the park", "[the park](#t1) and [the lake](#nowhere)"),
        ALIGN,
        [f"{EN}:4:45: ", "'#nowhere'", "[anchor-unknown]", "fix: write # and the ID"],
    ),
    (
        "image-outside-the-work",
        TRANSLATION_MD + '\n![Away](../../secret.png "Photo: X") {#t4}\n',
        ALIGN + "-\tt4\t-\tauto\n",
        [f"{EN}:6: ", "not a path inside the work", "[image-missing]"],
    ),
]


def run(root: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--root", str(root), *args])


@pytest.mark.parametrize(("name", "text", "align", "said"), CASES, ids=[c[0] for c in CASES])
def test_build_refuses_a_structural_error_and_writes_nothing(
    make_repo: MakeRepo, name: str, text: str, align: str, said: list[str]
) -> None:
    root = make_repo(text=text, align=align)
    result = run(root, "build", "trial", "--to", "html")
    assert result.exit_code == 2, result.output
    for words in said:
        assert words in result.stderr, (words, result.stderr)
    assert "nothing was written" in result.stderr
    assert not (root / "build").exists()
    # check reports the same error, so the user sees it before building too.
    code = next(words[1:-1] for words in said if words.startswith("["))
    assert code in {f.code for f in check_work(load_work(root, "trial")).findings}


def test_the_api_refuses_too_naming_every_error(make_repo: MakeRepo) -> None:
    text = TRANSLATION_MD + "A second t2. {#t2}\nSee [x](vbscript:y). {#t5}\n"
    root = make_repo(text=text)
    with pytest.raises(BuildRefused) as caught:
        build_work(load_work(root, "trial"), BuildOptions(out_dir=root / "build"))
    assert isinstance(caught.value, StageError)  # a stage of the build: exit 2 in the CLI
    assert sorted(f.code for f in caught.value.findings) == ["duplicate-id", "unsafe-link"]
    assert not (root / "build").exists()


def test_no_work_is_built_while_another_is_refused(tmp_path: Path) -> None:
    """All works are checked before any is built: a good one is not written either."""
    files = {
        "source/a-good/work.yaml": ORIGINAL_YAML,
        "source/a-good/text.md": SOURCE_MD,
        "source/b-bad/work.yaml": ORIGINAL_YAML,
        "source/b-bad/text.md": SOURCE_MD + "重複。 {#s3}\n",
    }
    root = write_tree(tmp_path, files)
    result = run(root, "build", "--to", "html")
    assert result.exit_code == 2, result.output
    assert "source/b-bad/text.md:4: " in result.stderr and "[duplicate-id]" in result.stderr
    assert not (root / "build").exists()


QUALITY = (
    "# source\ttranslation\tscore\tstate\n"
    "s1\tt1\t0.95\treviewed\t000000000000\n"  # stale: the fingerprint is not the text's
    "s2\t-\t-\tauto\n"  # untranslated
    "s3\tt3\t0.9\treviewed\n"  # reviewed by hand, no fingerprint
)


def test_translation_quality_findings_are_not_structural(make_repo: MakeRepo) -> None:
    meta = "language: en\ntitle: A Work for Testing\n"  # no translator, rights or date
    text = TRANSLATION_MD + "\n![A bird](images/bird.png) {#t4}\n\n[^lonely]: A note. {#t5}\n"
    root = make_repo(meta=meta, align=QUALITY, text=text)
    (root / "translations/trial/images").mkdir()
    (root / "translations/trial/images/bird.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    work = load_work(root, "trial")
    codes = {f.code for f in check_work(work).findings}
    assert {"bead-stale", "untranslated", "attribution-missing", "bead-not-fingerprinted"} <= codes
    assert {"image-credit-missing", "footnote-unreferenced", "translation-not-aligned"} <= codes
    assert codes.isdisjoint(STRUCTURAL)
    assert structural_errors(work) == []


def test_the_structural_codes_are_the_store_s_form_not_its_quality() -> None:
    assert isinstance(STRUCTURAL, frozenset)
    assert {
        "duplicate-id",
        "segment-without-id",
        "bead-unknown-id",
        "footnote-undefined",
        "footnote-duplicate",
        "invalid-character",
        "unsafe-link",
        "anchor-unknown",
        "image-missing",
    } <= STRUCTURAL
    quality = {"untranslated", "not-aligned", "empty-segment", "bead-stale", "rights-missing"}
    assert STRUCTURAL.isdisjoint(quality | {"attribution-missing", "import-text-lost"})


# Scratch space ----------------------------------------------------------------------------


def _dead_pid() -> int:
    """The ID of a process that has ended."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_scratch_space_is_inside_the_output_folder_and_removed_after(tmp_path: Path) -> None:
    out = tmp_path / "build"
    with scratch_space(out) as folder:
        assert folder.parent == out / SCRATCH
        assert folder.name.startswith(f"{os.getpid()}-")
        (folder / "part.html").write_text("half", "utf-8")
    assert not folder.exists()
    assert not out.exists()  # nothing is left where nothing was


def test_stale_scratch_of_a_dead_build_is_removed_and_a_live_one_kept(tmp_path: Path) -> None:
    out = tmp_path / "build"
    dead = _dead_pid()
    stale = out / SCRATCH / f"{dead}-0a1b2c3d4e5f"
    live = out / SCRATCH / f"{os.getppid()}-3d4e5f6a7b8c"  # the test runner's parent: alive
    # Not a name the toolkit gives, exactly: never touched, whoever's process it names.
    foreign = [
        "notes",
        "2024-12",
        f"{dead}-0a1b2c",
        f"{dead}-0a1b2c3d4e5f6",
        f"{dead}-0A1B2C3D4E5F",
    ]
    for folder in (stale, live, *(out / SCRATCH / name for name in foreign)):
        folder.mkdir(parents=True)
        (folder / "file").write_text("x", "utf-8")
    with scratch_space(out) as folder:
        assert folder.is_dir()
        assert not stale.exists()
        assert live.is_dir()
    assert sorted(p.name for p in (out / SCRATCH).iterdir()) == sorted([live.name, *foreign])


def test_a_build_s_scratch_folder_is_its_user_s_only(tmp_path: Path) -> None:
    old = os.umask(0o002)  # a common umask: group-writable folders
    try:
        with scratch_space(tmp_path / "build") as folder:
            assert stat.S_IMODE(folder.stat().st_mode) == 0o700
            assert stat.S_IMODE(folder.parent.stat().st_mode) == 0o700
    finally:
        os.umask(old)


def test_a_scratch_folder_that_is_a_link_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "build"
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / f"{_dead_pid()}-0a1b2c3d4e5f").mkdir(parents=True)  # would be removed
    out.mkdir()
    (out / SCRATCH).symlink_to(elsewhere)
    with pytest.raises(ToolkitError) as caught, scratch_space(out):
        pass
    assert "build/.scratch is a symbolic link" in caught.value.message
    assert "remove the link" in caught.value.fix
    assert len(list(elsewhere.iterdir())) == 1  # nothing deleted there, nor written


def test_a_scratch_folder_of_another_user_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "build"
    (out / SCRATCH).mkdir(parents=True)
    if os.geteuid() == 0:
        os.chown(out / SCRATCH, 4321, 4321)
    else:  # a user cannot give a folder away: this one's owner seems another
        monkeypatch.setattr(os, "getuid", lambda: (out / SCRATCH).stat().st_uid + 1)
    with pytest.raises(ToolkitError) as caught, scratch_space(out):
        pass
    assert "build/.scratch belongs to another user" in caught.value.message
    assert "--out" in caught.value.fix
    assert list((out / SCRATCH).iterdir()) == []


def test_the_cli_refuses_a_scratch_link_with_exit_2(make_repo: MakeRepo, tmp_path: Path) -> None:
    root = make_repo()
    (root / "build").mkdir()
    (root / "build" / SCRATCH).symlink_to(tmp_path)
    result = run(root, "build", "trial", "--to", "html")
    assert result.exit_code == 2, result.output
    assert "is a symbolic link" in result.stderr and "fix: remove the link" in result.stderr
    assert not (root / "build" / "trial").exists()


# The output folder ------------------------------------------------------------------------


@pytest.mark.parametrize("out", ["/proc/editions", "/proc", "/dev/null", "/dev/null/editions"])
def test_an_output_folder_that_cannot_be_written_is_exit_2_naming_it(
    make_repo: MakeRepo, out: str
) -> None:
    root = make_repo()
    result = run(root, "build", "trial", "--to", "html", "--out", out)
    assert result.exit_code == 2, (result.output, result.exception)
    assert out in result.stderr and "fix: " in result.stderr, result.stderr
    assert "Traceback" not in result.output


def test_an_output_folder_under_a_file_is_exit_2_naming_it(make_repo: MakeRepo) -> None:
    root = make_repo()
    (root / "notes.txt").write_text("x", "utf-8")
    result = run(root, "build", "trial", "--to", "html", "--out", str(root / "notes.txt/out"))
    assert result.exit_code == 2, (result.output, result.exception)
    assert "notes.txt/out" in result.stderr and "fix: " in result.stderr


def test_editions_that_cannot_be_written_are_exit_2_naming_the_folder(
    make_repo: MakeRepo,
) -> None:
    """The scratch space can be made, but not the work's folder (a file has its name)."""
    root = make_repo()
    (root / "build").mkdir()
    (root / "build" / "trial").write_text("not a folder", "utf-8")
    result = run(root, "build", "trial", "--to", "html")
    assert result.exit_code == 2, (result.output, result.exception)
    assert "build/trial" in result.stderr and "fix: " in result.stderr
    assert (root / "build" / "trial").read_text("utf-8") == "not a folder"


@pytest.mark.parametrize("out", ["source", "source/trial/out", "translations/x", "translations"])
def test_an_output_folder_inside_the_store_is_refused(
    make_repo: MakeRepo, out: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_repo()
    before = sorted(p for p in root.rglob("*"))
    monkeypatch.chdir(root)
    result = run(root, "build", "trial", "--to", "html", "--out", out)
    assert result.exit_code == 2, (result.output, result.exception)
    store = out.split("/")[0]
    assert f"inside the repository's {store}/" in result.stderr
    assert "fix: build into a folder outside source/ and translations/" in result.stderr
    assert sorted(p for p in root.rglob("*")) == before
    with pytest.raises(ToolkitError, match="inside the repository"):
        build_work(load_work(root, "trial"), BuildOptions(out_dir=root / out))
    assert sorted(p for p in root.rglob("*")) == before


@pytest.mark.slow
def test_a_killed_build_leaves_nothing_in_tmp_and_its_scratch_goes_next_time(
    make_repo: MakeRepo, tmp_path: Path
) -> None:
    root = make_repo(align=QUALITY)  # quality findings: the build goes ahead
    out = root / "out"
    tmp = tmp_path / "tmp"  # the build's own TMPDIR, so that other runs do not interfere
    tmp.mkdir()
    env = {**os.environ, "TMPDIR": str(tmp)}
    command = [sys.executable, "-m", "toolkit", "--root", str(root), "build", "--out", str(out)]
    build = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not _scratch(out, tmp) and build.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert _scratch(out, tmp), "the build never made its scratch space"
    build.send_signal(signal.SIGKILL)
    build.wait()
    assert not list(tmp.glob("toolkit-build-*")), "scratch space outside the output folder"
    assert list((out / SCRATCH).iterdir())  # what a killed build leaves ...
    done = subprocess.run([*command, "--to", "html"], env=env, capture_output=True, check=False)
    assert done.returncode == 0, done.stderr
    assert not (out / SCRATCH).exists()  # ... the next build removes, and its own too
    assert (out / "trial/trial.en.html").is_file()
    assert not list(tmp.glob("toolkit-build-*"))


def _scratch(out: Path, tmp: Path) -> bool:
    inside = out / SCRATCH
    return bool(list(tmp.glob("toolkit-build-*"))) or (inside.is_dir() and any(inside.iterdir()))
