"""Limits on what the toolkit reads: file sizes and segment lengths, with defaults that admit
a whole book, set by environment variables, refused with an error that names the fix."""

from __future__ import annotations

import os
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from toolkit.cli import cli
from toolkit.errors import FormatError, ToolkitError
from toolkit.limits import FILE_BYTES_ENV, SEGMENT_CHARS_ENV, YAML_BYTES_ENV, Limits
from toolkit.store.alignfile import parse_alignment, read_alignment
from toolkit.store.document import parse_document, read_document
from toolkit.store.metafile import load_original
from toolkit.store.work import WorkPaths, find_image, load_work
from toolkit.store.workfile import read_at_most, read_work_file

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


@pytest.mark.parametrize(
    "value",
    ["1" + "0" * 23, "1_099_511_627_777", "9" * 5000, "100_000_001"],
)
@pytest.mark.parametrize("name", [SEGMENT_CHARS_ENV, FILE_BYTES_ENV, YAML_BYTES_ENV])
def test_an_absurd_limit_is_the_same_clear_error(name: str, value: str) -> None:
    if name != SEGMENT_CHARS_ENV and value == "100_000_001":
        value = str(2**40 + 1)  # the most characters a segment is not too many bytes
    with pytest.raises(ToolkitError) as caught:
        Limits.from_env({name: value})
    assert name in caught.value.message and "from 1 to" in caught.value.message
    assert len(caught.value.message) < 200  # not 5000 digits
    assert "whole number" in caught.value.fix and name in caught.value.fix


def test_the_largest_limits_are_taken() -> None:
    environ = {SEGMENT_CHARS_ENV: str(10**8), FILE_BYTES_ENV: str(2**40), YAML_BYTES_ENV: "1"}
    assert Limits.from_env(environ) == Limits(10**8, 2**40, 1)


def test_an_absurd_limit_exits_2_without_a_traceback(make_repo: MakeRepo) -> None:
    root = make_repo()
    for value in ("1e23", "1" + "0" * 23):
        result = CliRunner().invoke(
            cli, ["--root", str(root), "check"], env={FILE_BYTES_ENV: value}
        )
        assert result.exit_code == 2, result.output
        assert FILE_BYTES_ENV in result.stderr and "Traceback" not in result.output


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


def test_reading_reserves_memory_for_the_file_not_for_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "text.md"
    path.write_text("甲。 {#s1}\n" * 100, "utf-8")
    for limits in (Limits(), Limits(max_file_bytes=2**40)):
        tracemalloc.start()
        try:
            data = read_work_file(path, limits=limits)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert data == path.read_bytes()
        assert peak < 1_000_000, f"{peak:,} bytes reserved to read a 1.4 KB file"


def test_a_file_that_grows_while_it_is_read_is_read_on_up_to_the_limit() -> None:
    reader, writer = os.pipe()  # what read_at_most reads from: more than first said
    os.write(writer, b"x" * 10)
    os.close(writer)
    try:
        assert read_at_most(reader, 3, 11) == b"x" * 10
    finally:
        os.close(reader)
    reader, writer = os.pipe()
    os.write(writer, b"x" * 10)
    try:
        assert read_at_most(reader, 3, 6) == b"x" * 6  # and no more than the most
    finally:
        os.close(reader)
        os.close(writer)


def test_a_large_limit_reads_a_store(make_repo: MakeRepo) -> None:
    result = CliRunner().invoke(
        cli, ["--root", str(make_repo()), "check"], env={FILE_BYTES_ENV: str(2**40)}
    )
    assert result.exit_code == 0, result.output


def test_a_yaml_file_over_its_smaller_limit_is_refused_before_it_is_read(
    make_repo: MakeRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert Limits().max_yaml_bytes == 10_000_000
    root = make_repo()
    meta = root / "translations/trial/en.yaml"
    with meta.open("ab") as handle:  # sparse: 20 MB that take no room and no time to write
        handle.truncate(20_000_000)
    started = time.monotonic()
    with pytest.raises(ToolkitError) as caught:
        load_work(root, "trial")
    assert time.monotonic() - started < 2
    err = caught.value
    assert err.where is not None and err.where.path == meta
    assert "20,000,000 bytes" in err.message and "10,000,000 bytes a YAML file" in err.message
    assert YAML_BYTES_ENV in err.fix
    monkeypatch.setenv(YAML_BYTES_ENV, "30_000_000")
    with pytest.raises(ToolkitError) as caught:
        load_work(root, "trial")  # read now, and refused for what it holds
    assert "bytes" not in caught.value.message
    monkeypatch.setenv(FILE_BYTES_ENV, "1_000_000")  # the smaller of the two limits holds
    with pytest.raises(ToolkitError, match="1,000,000 bytes a file"):
        load_work(root, "trial")


def test_the_yaml_limit_is_only_for_yaml_files(
    make_repo: MakeRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_repo()
    monkeypatch.setenv(YAML_BYTES_ENV, "10")
    with pytest.raises(ToolkitError, match=YAML_BYTES_ENV) as caught:
        load_work(root, "trial")
    assert caught.value.where is not None
    assert caught.value.where.path == root / "source/trial/work.yaml"
    assert read_document(root / "translations/trial/en.md").blocks
    assert read_alignment(root / "translations/trial/en.align").beads


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
    (root / "translations/trial/big.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(96))
    monkeypatch.setenv(FILE_BYTES_ENV, "50")
    paths = WorkPaths(root, "trial")
    with pytest.raises(ToolkitError) as caught:
        find_image(paths, root / "translations/trial/en.md", "big.png")
    assert "'big.png' is 104 bytes" in caught.value.message
    assert "TOOLKIT_MAX_FILE_BYTES" in caught.value.fix
    monkeypatch.setenv(FILE_BYTES_ENV, "104")
    assert find_image(paths, root / "translations/trial/en.md", "big.png").name == "big.png"
