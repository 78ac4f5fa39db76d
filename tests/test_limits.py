"""Limits on what the toolkit reads: file sizes and segment lengths, with defaults that admit
a whole book, set by environment variables, refused with an error that names the fix."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from toolkit.cli import cli
from toolkit.errors import FormatError, ToolkitError
from toolkit.limits import FILE_BYTES_ENV, SEGMENT_CHARS_ENV, Limits
from toolkit.store.alignfile import parse_alignment, read_alignment
from toolkit.store.document import parse_document, read_document
from toolkit.store.metafile import load_original
from toolkit.store.work import WorkPaths, find_image, load_work

MakeRepo = Callable[..., Path]


def test_defaults_admit_a_whole_book() -> None:
    limits = Limits()
    assert limits.max_segment_chars == 100_000
    assert limits.max_file_bytes == 1_000_000_000
    assert Limits.from_env({}) == limits
    with pytest.raises(AttributeError):
        limits.max_file_bytes = 1  # type: ignore[misc]  # frozen


def test_limits_are_read_from_the_environment() -> None:
    environ = {SEGMENT_CHARS_ENV: "500", FILE_BYTES_ENV: " 2_000_000_000 "}
    assert Limits.from_env(environ) == Limits(max_segment_chars=500, max_file_bytes=2 * 10**9)
    assert SEGMENT_CHARS_ENV == "TOOLKIT_MAX_SEGMENT_CHARS"
    assert FILE_BYTES_ENV == "TOOLKIT_MAX_FILE_BYTES"


@pytest.mark.parametrize("value", ["", "abc", "0", "-5", "1.5", "1e6", "10 MB"])
@pytest.mark.parametrize("name", ["TOOLKIT_MAX_SEGMENT_CHARS", "TOOLKIT_MAX_FILE_BYTES"])
def test_an_invalid_limit_is_a_clear_error(name: str, value: str) -> None:
    with pytest.raises(ToolkitError) as caught:
        Limits.from_env({name: value})
    assert name in caught.value.message
    assert repr(value) in caught.value.message
    assert "whole number" in caught.value.fix and name in caught.value.fix


def test_an_invalid_limit_exits_2_without_a_traceback(
    make_repo: MakeRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(SEGMENT_CHARS_ENV, "lots")
    result = CliRunner().invoke(cli, ["--root", str(make_repo()), "check"])
    assert result.exit_code == 2, result.output
    assert "TOOLKIT_MAX_SEGMENT_CHARS" in result.stderr
    assert "Traceback" not in result.output


# --- segments --------------------------------------------------------------------------------


def test_a_segment_longer_than_the_limit_is_refused_at_its_line() -> None:
    long = "字" * 100_001
    text = f"# 標題 {{#s1}}\n\n{long} {{#s2}}\n"
    with pytest.raises(FormatError) as caught:
        parse_document(text, "text.md")
    err = caught.value
    assert str(err).startswith("text.md:3: ")
    assert "100,000" in err.message or "100 000" in err.message
    assert err.fix == "split the paragraph, or raise TOOLKIT_MAX_SEGMENT_CHARS"


def test_a_segment_at_the_limit_is_read() -> None:
    text = "字" * (100_000 - len(" {#s1}")) + " {#s1}\n"
    assert next(parse_document(text).segments()).id == "s1"


def test_the_segment_limit_is_configurable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SEGMENT_CHARS_ENV, "20")
    with pytest.raises(FormatError, match="TOOLKIT_MAX_SEGMENT_CHARS"):
        parse_document("This sentence is longer than twenty. {#s1}\n", "text.md")
    assert next(parse_document("Short. {#s1}\n").segments()).text == "Short."
    explicit = Limits(max_segment_chars=10**6)
    assert parse_document("This sentence is longer than twenty. {#s1}\n", limits=explicit)


def test_a_long_line_is_refused_quickly() -> None:
    text = "a" * 1_000_000 + " {#s1}\n"  # the 723-page PDF of the issue
    started = time.monotonic()
    with pytest.raises(FormatError, match="split the paragraph"):
        parse_document(text, "text.md")
    assert time.monotonic() - started < 2


def test_an_alignment_line_longer_than_the_limit_is_refused() -> None:
    with pytest.raises(FormatError) as caught:
        parse_alignment("s1\tt1\n" + "s" + "2" * 100_000 + "\tt2\n", "en.align")
    assert str(caught.value).startswith("en.align:2: ")
    assert "TOOLKIT_MAX_SEGMENT_CHARS" in caught.value.fix


def test_a_metadata_value_longer_than_the_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(SEGMENT_CHARS_ENV, "50")
    path = tmp_path / "work.yaml"
    path.write_text("language: zh-Hant-TW\ntitle: " + "長" * 51 + "\n", "utf-8")
    with pytest.raises(FormatError) as caught:
        load_original(path)
    assert caught.value.where is not None and caught.value.where.line == 2
    assert "TOOLKIT_MAX_SEGMENT_CHARS" in caught.value.fix


# --- files -----------------------------------------------------------------------------------


def test_a_file_over_the_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "text.md"
    with path.open("wb") as handle:  # sparse: 1.5 GB that take no room and no time to write
        handle.truncate(1_500_000_000)
    started = time.monotonic()
    with pytest.raises(ToolkitError) as caught:
        read_document(path)
    assert time.monotonic() - started < 1
    err = caught.value
    assert err.where is not None and err.where.path == path
    assert "1,500,000,000 bytes" in err.message
    assert "1,000,000,000" in err.message
    assert "TOOLKIT_MAX_FILE_BYTES" in err.fix


def test_the_file_limit_is_configurable(
    make_repo: MakeRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_repo()
    size = os.path.getsize(root / "translations/trial/en.align")
    monkeypatch.setenv(FILE_BYTES_ENV, str(size - 1))
    with pytest.raises(ToolkitError, match="TOOLKIT_MAX_FILE_BYTES"):
        read_alignment(root / "translations/trial/en.align")
    monkeypatch.setenv(FILE_BYTES_ENV, str(size))
    assert read_alignment(root / "translations/trial/en.align").beads
    monkeypatch.setenv(FILE_BYTES_ENV, "10")
    with pytest.raises(ToolkitError, match=r"work\.yaml"):
        load_work(root, "trial")


def test_a_figure_image_over_the_limit_is_refused(
    make_repo: MakeRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_repo()
    (root / "translations/trial/big.png").write_bytes(b"\x89PNG" + bytes(100))
    monkeypatch.setenv(FILE_BYTES_ENV, "50")
    paths = WorkPaths(root, "trial")
    with pytest.raises(ToolkitError) as caught:
        find_image(paths, root / "translations/trial/en.md", "big.png")
    assert "'big.png' is 104 bytes" in caught.value.message
    assert "TOOLKIT_MAX_FILE_BYTES" in caught.value.fix
    monkeypatch.setenv(FILE_BYTES_ENV, "104")
    assert find_image(paths, root / "translations/trial/en.md", "big.png").name == "big.png"
