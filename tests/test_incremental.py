"""Incremental builds (toolkit.render.incremental): a work whose inputs have not changed
is not built again, nor even read; any change to what an edition is made from, or to
what the build wrote, builds it again."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from toolkit import BuildOptions, build_work, load_work
from toolkit.cli import cli
from toolkit.render.build import Format, inputs_of, up_to_date
from toolkit.render.edition import EditionKind
from toolkit.render.incremental import BuildState, inputs_digest
from toolkit.store.work import WorkPaths

MakeRepo = Callable[..., Path]

#: The quickest real build: the translation's HTML edition.
QUICK = {"formats": (Format.HTML,), "editions": (EditionKind.TRANSLATION,)}


def options(out: Path, **more: object) -> BuildOptions:
    return BuildOptions(out_dir=out, **(QUICK | more))  # type: ignore[arg-type]


def mtimes(folder: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}


@pytest.mark.slow
def test_an_unchanged_work_is_not_built_again(make_repo: MakeRepo, tmp_path: Path) -> None:
    root = make_repo()
    out = tmp_path / "out"
    first = build_work(load_work(root, "trial"), options(out))
    assert not first.unchanged and [p.name for p in first.outputs] == ["trial.en.html"]
    before = mtimes(out / "trial")
    again = build_work(load_work(root, "trial"), options(out))
    assert again.unchanged and again.outputs == []
    assert mtimes(out / "trial") == before
    assert up_to_date(WorkPaths(root, "trial"), options(out))


@pytest.mark.slow
@pytest.mark.parametrize(
    "change",
    ["the translation", "a new file", "an output edited", "an output removed", "the request"],
)
def test_any_change_builds_again(make_repo: MakeRepo, tmp_path: Path, change: str) -> None:
    root = make_repo()
    out = tmp_path / "out"
    build_work(load_work(root, "trial"), options(out))
    page = out / "trial/trial.en.html"
    asked = options(out)
    if change == "the translation":
        en = root / "translations/trial/en.md"
        en.write_text(en.read_text("utf-8").replace("weather", "sky"), "utf-8")
    elif change == "a new file":
        (root / "source/trial/build.yaml").write_text("editions: [translation]\n", "utf-8")
    elif change == "an output edited":
        page.write_text(page.read_text("utf-8") + "<!-- edited -->", "utf-8")
    elif change == "an output removed":
        page.unlink()
    else:
        asked = options(out, formats=(Format.HTML, Format.EPUB))
    assert not up_to_date(WorkPaths(root, "trial"), asked)
    result = build_work(load_work(root, "trial"), asked)
    assert not result.unchanged and page in result.outputs
    assert "edited" not in page.read_text("utf-8")


@pytest.mark.slow
def test_the_command_does_not_read_an_unchanged_work(
    make_repo: MakeRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_repo()
    args = ["--root", str(root), "build", "--to", "html", "--edition", "translation"]
    first = CliRunner().invoke(cli, args)
    assert first.exit_code == 0, first.output
    assert "wrote" in first.output

    def refuse(*_: object) -> None:
        raise AssertionError("an unchanged work was read")

    monkeypatch.setattr("toolkit.cli.build.load_work", refuse)
    again = CliRunner().invoke(cli, args)
    assert again.exit_code == 0, again.output
    assert "up to date: " in again.output and "wrote" not in again.output


def test_the_digest_covers_contents_fonts_and_the_request(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = tmp_path / "source/w"
    work.mkdir(parents=True)
    (work / "text.md").write_text("一。 {#s1}\n", "utf-8")
    font = tmp_path / "font.otf"
    font.write_bytes(b"font")
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)

    def digest(asked: tuple[str, ...] = ("format html",)) -> str:
        return inputs_digest([work], asked, [font])

    base = digest()
    assert digest() == base
    os.utime(work / "text.md", (1, 1))
    assert digest() == base  # a time alone is not a change of content
    (work / "text.md").write_text("二。 {#s1}\n", "utf-8")
    assert digest() != base
    base = digest()
    assert digest(("format pdf",)) != base
    font.write_bytes(b"another font")
    assert digest() != base
    base = digest()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert digest() != base


def test_a_link_out_of_the_work_is_never_followed(tmp_path: Path) -> None:
    work = tmp_path / "source/w"
    work.mkdir(parents=True)
    outside = tmp_path / "secret.txt"
    outside.write_text("one", "utf-8")
    (work / "notes.md").symlink_to(outside)
    base = inputs_digest([work], (), [])
    outside.write_text("two", "utf-8")  # the file the link leads to: never read
    assert inputs_digest([work], (), []) == base


def test_a_state_file_that_is_not_ours_means_build(tmp_path: Path) -> None:
    state_file = tmp_path / ".cache/builds/w.json"
    state_file.parent.mkdir(parents=True)
    for text in ("", "[]", '{"version": 1}', '{"version": 1, "inputs": 3, "outputs": 4}', "\0"):
        state_file.write_text(text, "utf-8")
        assert not BuildState.load(tmp_path, "w").up_to_date("x", tmp_path)


@pytest.mark.slow
def test_the_digest_is_taken_before_the_build_reads_the_work(
    make_repo: MakeRepo, tmp_path: Path
) -> None:
    # A file changed while the work was being built is a change the next build sees.
    root = make_repo()
    out = tmp_path / "out"
    digest = inputs_of(WorkPaths(root, "trial"), options(out))
    build_work(load_work(root, "trial"), options(out))
    assert BuildState.load(out, "trial").inputs == digest


@pytest.mark.slow
def test_a_work_folder_that_is_a_link_is_never_taken_as_up_to_date(
    make_repo: MakeRepo, tmp_path: Path
) -> None:
    # Its files would be read before the store had a say: loading the work decides.
    root = make_repo()
    out = tmp_path / "out"
    build_work(load_work(root, "trial"), options(out))
    paths = WorkPaths(root, "trial")
    assert up_to_date(paths, options(out))
    moved = tmp_path / "elsewhere"
    paths.source_dir.rename(moved)
    paths.source_dir.symlink_to(moved, target_is_directory=True)  # the same files, by a link
    assert not up_to_date(paths, options(out))
