"""Reading the store safely: links out of the work, YAML aliases, stray folders, every bad
line at once, and files that are not UTF-8 (issue 6, "Hostile and broken input")."""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import toolkit.store.alignfile
from tests.conftest import ORIGINAL_YAML, TRANSLATION_YAML
from toolkit.check import check_work
from toolkit.cli import cli
from toolkit.errors import FormatError, FormatErrors, ToolkitError
from toolkit.metadata import Original
from toolkit.store.alignfile import parse_alignment, read_alignment
from toolkit.store.document import parse_document, read_document
from toolkit.store.importrecord import load_record
from toolkit.store.metafile import load_original, load_translation, parse_model
from toolkit.store.work import find_image, list_works, load_work
from toolkit.store.yamlfile import load_yaml

MakeRepo = Callable[..., Path]


def run(root: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--root", str(root), *args])


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A file outside the repository (the repository is tmp_path/repo in these tests)."""
    secret = tmp_path / "elsewhere" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n", "utf-8")
    return secret


@pytest.fixture
def repo(make_repo: MakeRepo, tmp_path: Path) -> Path:
    """make_repo writes into tmp_path: the repository is tmp_path itself, and 'elsewhere'
    beside source/ is outside every work's folders."""
    return make_repo()


def _link(path: Path, target: Path) -> None:
    path.unlink(missing_ok=True)
    path.symlink_to(target)


# --- 1. files from outside the work ----------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "translations/trial/en.md",
        "translations/trial/en.align",
        "translations/trial/en.yaml",
        "source/trial/work.yaml",
        "source/trial/text.md",
        "source/trial/zh-Hant-TW.import.yaml",
        "translations/trial/en.import.yaml",
    ],
)
def test_a_store_file_linking_out_of_the_work_is_refused(
    repo: Path, outside: Path, name: str
) -> None:
    _link(repo / name, outside)
    with pytest.raises(ToolkitError) as caught:
        load_work(repo, "trial")
    text = str(caught.value)
    assert name in text
    assert "outside the work" in caught.value.message
    assert "root:x" not in text  # nothing of the file is shown
    assert "link" in caught.value.fix


def test_a_link_into_another_work_is_outside_this_one(repo: Path) -> None:
    other = repo / "source/other/text.md"
    other.parent.mkdir(parents=True)
    other.write_text("甲。 {#s1}\n", "utf-8")
    _link(repo / "source/trial/text.md", Path("../other/text.md"))
    with pytest.raises(ToolkitError, match="outside the work"):
        load_work(repo, "trial")


def test_a_work_folder_linking_out_of_the_repository_is_refused(repo: Path, tmp_path: Path) -> None:
    moved = tmp_path / "elsewhere-work"
    (repo / "translations/trial").rename(moved)
    (repo / "translations/trial").symlink_to(moved, target_is_directory=True)
    with pytest.raises(ToolkitError, match="outside the work"):
        load_work(repo, "trial")


def test_a_link_that_stays_inside_the_work_is_read(repo: Path) -> None:
    folder = repo / "translations/trial"
    (folder / "drafts").mkdir()
    (folder / "en.md").rename(folder / "drafts/en.md")
    _link(folder / "en.md", Path("drafts/en.md"))
    # and one from the translation's folder to the original's: still the same work
    (repo / "source/trial/work.yaml").rename(folder / "original.yaml.keep")
    _link(repo / "source/trial/work.yaml", Path("../../translations/trial/original.yaml.keep"))
    work = load_work(repo, "trial")
    assert work.translations["en"].document is not None
    assert work.original.title == "測試之作"


def test_a_figure_image_linking_out_of_the_work_is_refused(repo: Path, outside: Path) -> None:
    images = repo / "translations/trial/images"
    images.mkdir()
    (images / "pic.png").symlink_to(outside)
    text = repo / "translations/trial/en.md"
    with pytest.raises(ToolkitError) as caught:
        find_image(load_work(repo, "trial").paths, text, "images/pic.png")
    assert "outside the work" in caught.value.message
    assert "images/pic.png" in str(caught.value)
    # beside the original's too
    (repo / "source/trial/pic.png").symlink_to(outside)
    with pytest.raises(ToolkitError, match="outside the work"):
        find_image(load_work(repo, "trial").paths, text, "pic.png")


def test_check_reports_a_figure_image_linking_out_of_the_work(repo: Path, outside: Path) -> None:
    text = '# Chapter One {#t1}\n\n![A bird](pic.png "Photo: X") {#t2}\n'
    (repo / "translations/trial/en.md").write_text(text, "utf-8")
    (repo / "translations/trial/en.align").write_text("s1\tt1\ns2\tt2\ns3\t-\n", "utf-8")
    (repo / "translations/trial/pic.png").symlink_to(outside)
    report = check_work(load_work(repo, "trial"))
    found = [f for f in report.findings if f.code == "image-missing"]
    assert len(found) == 1 and "outside the work" in found[0].message


def test_a_figure_image_linking_inside_the_work_is_used(repo: Path) -> None:
    images = repo / "source/trial/images"
    images.mkdir()
    (images / "real.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (repo / "translations/trial/pic.png").symlink_to(images / "real.png")
    found = find_image(load_work(repo, "trial").paths, repo / "translations/trial/en.md", "pic.png")
    assert found == (images / "real.png").resolve()


# --- 2. YAML anchors and aliases -------------------------------------------------------------

BOMB = (
    'a: &a ["x","x","x","x","x","x","x","x","x"]\n'
    "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
    "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
    "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
    "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
    "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
    "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
    "h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n"
    "i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n"
)


def test_a_yaml_alias_bomb_is_refused_at_once(repo: Path) -> None:
    (repo / "source/trial/work.yaml").write_text(ORIGINAL_YAML + BOMB, "utf-8")
    started = time.monotonic()
    with pytest.raises(FormatError) as caught:
        load_work(repo, "trial")
    assert time.monotonic() - started < 5
    assert caught.value.where is not None
    assert "work.yaml:" in str(caught.value)
    assert caught.value.where.line == ORIGINAL_YAML.count("\n") + 1  # the first anchor
    assert "anchor" in caught.value.message


@pytest.mark.parametrize(
    ("extra", "line", "column"),
    [
        ("subtitle: &t 副題\n", 1, 11),  # an anchor alone
        ("subtitle: *t\n", 1, 11),  # an alias (of nothing: still refused as an alias)
        ("series:\n  - &one 甲\n  - *one\n", 2, 5),
    ],
)
def test_yaml_anchors_and_aliases_are_refused_with_file_and_line(
    tmp_path: Path, extra: str, line: int, column: int
) -> None:
    path = tmp_path / "work.yaml"
    path.write_text(ORIGINAL_YAML + extra, "utf-8")
    with pytest.raises(FormatError) as caught:
        load_original(path)
    err = caught.value
    assert err.where is not None
    base = ORIGINAL_YAML.count("\n")
    assert (err.where.line, err.where.column) == (base + line, column)
    assert "anchors and aliases" in err.message
    assert "write the value out" in err.fix


def test_a_merge_key_is_an_alias_too() -> None:
    text = "base: &b {en: X}\nname:\n  <<: *b\n"
    with pytest.raises(FormatError, match="anchors and aliases"):
        parse_model(text, "work.yaml", Original)


def test_an_import_record_with_an_alias_is_refused(repo: Path) -> None:
    record = repo / "translations/trial/en.import.yaml"
    record.write_text("file: a.txt\nsha256: &h " + "0" * 64 + "\nparts: []\nlast_id: *h\n", "utf-8")
    with pytest.raises(FormatError, match="anchors and aliases"):
        load_record(record)


def test_yaml_nested_too_deep_is_an_error_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "work.yaml"
    path.write_text("title: " + "[" * 20000 + "]" * 20000 + "\n", "utf-8")
    with pytest.raises(FormatError) as caught:
        load_original(path)
    assert "nested" in caught.value.message
    assert caught.value.where is not None and caught.value.where.line == 1


def test_a_character_yaml_does_not_allow_is_an_error_at_its_place(tmp_path: Path) -> None:
    path = tmp_path / "work.yaml"
    path.write_text("language: zh-Hant-TW\ntitle: a\x1fb\n", "utf-8")
    with pytest.raises(FormatError) as caught:
        load_original(path)
    assert caught.value.where is not None
    assert (caught.value.where.line, caught.value.where.column) == (2, 9)
    assert "U+001F" in caught.value.message


def test_a_yaml_file_of_too_many_values_is_refused_at_the_first_one_too_many(
    tmp_path: Path,
) -> None:
    path = tmp_path / "en.yaml"
    items = ", ".join(["a"] * 300_000)  # 0.9 MB: it took 4 s and 180 MB to read
    path.write_text(TRANSLATION_YAML + f"translator_note: [{items}]\n", "utf-8")
    with pytest.raises(FormatError) as caught:
        load_translation(path)
    err = caught.value
    # Refused where the count passes the cap (the 100,000th value of the file, about a
    # third of the line), not after reading the rest: a place, not a time, so a loaded
    # machine cannot fail it.
    assert err.where is not None and 299_000 < err.where.column < 300_100
    assert "more than 100,000 values" in err.message
    assert err.where is not None and err.where.path == path
    assert err.where.line == TRANSLATION_YAML.count("\n") + 1 and err.where.column > 1
    assert "not metadata" in err.fix


def test_a_yaml_file_of_many_values_under_the_cap_is_read(tmp_path: Path) -> None:
    credits = "".join(f"  - {{as_published: 攝影{i}}}\n" for i in range(3_000))
    text = f"title: 標題\nphoto_credits:\n{credits}"
    data, lines = load_yaml(text, "work.yaml")
    assert len(data["photo_credits"]) == 3_000
    assert lines[("photo_credits", 2_999, "as_published")] == 3_002


def test_check_and_build_refuse_an_alias_bomb_with_exit_2(repo: Path) -> None:
    (repo / "source/trial/work.yaml").write_text(ORIGINAL_YAML + BOMB, "utf-8")
    for command in ("check", "build"):
        result = run(repo, command)
        assert result.exit_code == 2, result.output
        assert "anchors and aliases" in result.stderr
        assert "Traceback" not in result.output


# --- 4. stray folders ------------------------------------------------------------------------


def _strays(root: Path) -> None:
    (root / "source/notes").mkdir()
    (root / "source/notes/todo.txt").write_text("later\n", "utf-8")
    (root / "source/.ipynb_checkpoints").mkdir()
    (root / "translations/.git-stuff").mkdir()
    (root / "translations/drafts").mkdir()
    (root / "source/My Work").mkdir()
    (root / "source/My Work/work.yaml").write_text(ORIGINAL_YAML, "utf-8")
    (root / "source/README.txt").write_text("not a folder\n", "utf-8")


def test_list_works_skips_folders_that_are_not_works(
    repo: Path, caplog: pytest.LogCaptureFixture
) -> None:
    _strays(repo)
    with caplog.at_level(logging.WARNING, logger="toolkit.store"):
        assert list_works(repo) == ["trial"]
    warned = [r.getMessage() for r in caplog.records if r.name == "toolkit.store"]
    assert len(warned) == 3, warned
    assert any("source/notes" in m and "work.yaml" in m for m in warned)
    assert any("translations/drafts" in m for m in warned)
    assert any("My Work" in m and "not a work ID" in m for m in warned)
    assert not any("ipynb" in m or ".git-stuff" in m for m in warned)  # hidden: silently


def test_check_and_build_without_arguments_skip_stray_folders_with_a_warning(
    repo: Path,
) -> None:
    _strays(repo)
    result = run(repo, "check")
    assert result.exit_code == 0, result.output
    assert "trial [en]: coverage 100%" in result.stdout
    assert "warning: " in result.stderr and "source/notes" in result.stderr
    assert "ipynb" not in result.stderr
    # build, in a repository whose only folders are strays: nothing to build, no error
    only_strays = repo / "other-repo"
    (only_strays / "source").mkdir(parents=True)
    (only_strays / "source/notes").mkdir()
    (only_strays / "source/.ipynb_checkpoints").mkdir()
    built = run(only_strays, "build")
    assert built.exit_code == 0, built.output
    assert "warning: " in built.stderr and "source/notes" in built.stderr


def test_naming_a_folder_that_is_not_a_work_is_an_error_that_does_not_contradict_itself(
    repo: Path,
) -> None:
    _strays(repo)
    result = run(repo, "check", "notes")
    assert result.exit_code == 2, result.output
    assert "(works: trial)" in result.stderr or "works: trial" in result.stderr
    assert "notes" not in result.stderr.split("works:", 1)[-1].split(")", 1)[0]
    assert "source/notes" in result.stderr
    assert "work.yaml" in result.stderr


# --- 5. every bad line at once; the columns; encodings ---------------------------------------

PATH = "translations/試驗/en.align"


def test_every_bad_alignment_line_is_reported_in_one_error() -> None:
    text = "# 標頭\ns1 t1 高\ns2 t2\ns3 t3 0.5 done\ns2 t4\n1s t5\n"
    with pytest.raises(FormatErrors) as caught:
        parse_alignment(text, PATH)
    err = caught.value
    assert [e.where.line for e in err.errors if e.where] == [2, 4, 5, 6]
    lines = str(err).splitlines()
    assert lines[0] == f"{PATH}: 4 lines do not follow the format"
    for number, words in ((2, "score"), (4, "unknown state"), (5, "two beads"), (6, "segment ID")):
        assert any(line.startswith(f"{PATH}:{number}: ") and words in line for line in lines)
    assert err.fix.strip()


def test_bad_alignment_lines_are_listed_up_to_a_limit() -> None:
    text = "".join(f"s{i} t{i} 9\n" for i in range(1, 31))
    with pytest.raises(FormatErrors) as caught:
        parse_alignment(text, PATH)
    err = caught.value
    assert len(err.errors) == 20
    assert str(err).splitlines()[-1] == "… and 10 more"
    assert str(err).splitlines()[0] == f"{PATH}: 30 lines do not follow the format"


def test_every_bad_segment_line_is_reported_in_one_error() -> None:
    text = (
        "# 標題 {#s1}\n\n"
        "一。 {#s2} 二。 {#s3}\n"  # 3: two segments on one line
        "三。 {#s4}\n"
        "#錯 {#s5}\n"  # 5: not a heading
        "\n"
        "> 引 {#s6}\n"
        ">錯 {#s7}\n"  # 8: no space after '>'
        "\n"
        "四。 {#s8}\n"
    )
    with pytest.raises(FormatErrors) as caught:
        parse_document(text, "text.md")
    assert [e.where.line for e in caught.value.errors if e.where] == [3, 5, 8]


def test_segment_errors_are_each_reported_once_without_errors_that_follow_from_them() -> None:
    text = (
        "- 項目。 {#s1}\n"
        "未縮排。 {#s2}\n"  # 2: under a list item, not indented (then read as a paragraph)
        "仍是段落。 {#s3}\n"
        "\n"
        "- 又一項。 {#s4}\n"
        "  \n"  # 6: a blank line holding spaces (read as blank: it ends the list)
        "其後的段落。 {#s5}\n"
        "\n"
        "| 甲 {#s6}\n"
        "|乙 {#s7}\n"  # 10: no space after '|' (read as the cell it is)
        "|---\n"
        "| 丙 {#s8} 丁 {#s9}\n"  # 12: two segments in one cell (the row keeps its cells)
        "| 戊 {#s10}\n"
        "|===\n"  # 14: a header row after the first (read as a row separator)
        "| 己 {#s11}\n"
        "| 庚 {#s12}\n"
        "\n"
        "```py`thon\n"  # 18: a bad fence (its code is still code)
        "# 不是標題\n"
        "```\n"
        "\n"
        "> 引 {#s13}\n"
        ">\n"  # 23: a lone '>' not followed by a quoted line
        "\n"
        "完。 {#s14}\n"
    )
    with pytest.raises(FormatErrors) as caught:
        parse_document(text, "text.md")
    found = [(e.where.line, e.message) for e in caught.value.errors if e.where]
    assert [line for line, _ in found] == [2, 6, 10, 12, 14, 18, 23], found


def test_one_bad_segment_line_is_one_plain_error() -> None:
    with pytest.raises(FormatError) as caught:
        parse_document("甲 {#s1}\n#錯 {#s2}\n", "text.md")
    assert not isinstance(caught.value, FormatErrors)
    assert str(caught.value).startswith("text.md:2: ")


def test_the_alignment_docstring_says_two_to_five_columns() -> None:
    doc = toolkit.store.alignfile.__doc__ or ""
    assert "2 to 5 columns" in doc
    assert "two columns" in doc  # a bead of source and translation alone is complete
    bead = parse_alignment("s1\tt1\n").beads[0]
    assert (bead.score, bead.state.value, bead.fingerprint) == (None, "auto", None)


SAMPLE_ZH = "# 第一章 {#s1}\n\n今天天氣很好，我們去公園散步，看見三隻小鳥。 {#s2}\n"
SAMPLE_HANS = "# 第一章 {#s1}\n\n今天天气很好，我们去公园散步，看见三只小鸟。 {#s2}\n"


@pytest.mark.parametrize(
    ("data", "words", "fix"),
    [
        (SAMPLE_ZH.encode("utf-16"), "UTF-16", "iconv -f UTF-16 -t UTF-8"),
        (SAMPLE_ZH.encode("utf-16-le"), "UTF-16", "iconv -f UTF-16LE -t UTF-8"),
        ("# Title {#s1}\n".encode("utf-16-be"), "UTF-16", "iconv -f UTF-16BE -t UTF-8"),
        (SAMPLE_ZH.encode("big5"), "Big5", "iconv -f BIG5 -t UTF-8"),
        (SAMPLE_HANS.encode("gb18030"), "GB18030", "iconv -f GB18030 -t UTF-8"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "binary", "not a text file"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01", "binary", "not a text file"),
    ],
)
def test_a_store_file_not_in_utf8_says_what_it_looks_like(
    tmp_path: Path, data: bytes, words: str, fix: str
) -> None:
    path = tmp_path / "text.md"
    path.write_bytes(data)
    with pytest.raises(FormatError) as caught:
        read_document(path)
    err = caught.value
    assert words in err.message
    assert fix in err.fix
    assert err.where is not None and err.where.path == path and err.where.line >= 1


def test_latin1_is_named_as_not_utf8_with_the_way_to_convert(tmp_path: Path) -> None:
    path = tmp_path / "en.align"
    path.write_bytes("# café\ns1\tt1\n".encode("latin-1"))
    with pytest.raises(FormatError) as caught:
        read_alignment(path)
    assert "not UTF-8" in caught.value.message
    assert "iconv" in caught.value.fix
    assert str(caught.value).startswith(f"{path}:1: ")


# --- 6. figure images: raster images only, by their bytes ------------------------------------

SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
    b"<script>alert(1)</script>"
    b'<image xlink:href="file:///etc/passwd"/></svg>\n'
)
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
RASTERS = {
    "pic.png": PNG,
    "pic.jpg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00",
    "pic.gif": b"GIF89a\x01\x00\x01\x00",
    "pic.webp": b"RIFF\x24\x00\x00\x00WEBPVP8 ",
}


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("pic.svg", SVG),
        ("pic.png", SVG),  # an SVG named .png
        ("pic.png", b"<?xml version='1.0'?>\n" + SVG),
        ("pic.png", b"\x89PNG"),  # the start of a PNG signature, not all of it
        ("pic.jpg", b"<html><script>alert(1)</script></html>"),
        ("pic.gif", b""),
    ],
)
def test_a_figure_image_that_is_not_a_raster_image_is_refused(
    repo: Path, name: str, data: bytes
) -> None:
    (repo / "translations/trial" / name).write_bytes(data)
    text = repo / "translations/trial/en.md"
    with pytest.raises(ToolkitError) as caught:
        find_image(load_work(repo, "trial").paths, text, name)
    err = caught.value
    assert err.where is None  # the caller names the figure's line
    assert repr(name) in err.message
    assert "PNG, JPEG, GIF or WebP" in err.message
    assert "export it as PNG or JPEG" in err.fix


@pytest.mark.parametrize("name", sorted(RASTERS))
def test_png_jpeg_gif_and_webp_figure_images_are_used(repo: Path, name: str) -> None:
    (repo / "source/trial" / name).write_bytes(RASTERS[name])
    text = repo / "translations/trial/en.md"
    found = find_image(load_work(repo, "trial").paths, text, name)
    assert found == (repo / "source/trial" / name).resolve()


def test_image_type_knows_the_four_raster_types_by_their_bytes() -> None:
    from toolkit.store.imagetype import image_type

    kinds = {name: image_type(data) for name, data in RASTERS.items()}
    assert kinds == {"pic.png": "png", "pic.jpg": "jpg", "pic.gif": "gif", "pic.webp": "webp"}
    for data in (SVG, b"", b"\x89PNG", b"RIFF\x24\x00\x00\x00WAVEfmt ", b"GIF90a"):
        assert image_type(data) is None
    assert "SVG" in (image_type.__doc__ or "")


def test_check_reports_an_svg_figure_and_build_refuses_it(repo: Path) -> None:
    text = '# Chapter One {#t1}\n\n![A bird](pic.png "Photo: X") {#t2}\n'
    (repo / "translations/trial/en.md").write_text(text, "utf-8")
    (repo / "translations/trial/en.align").write_text("s1\tt1\ns2\tt2\ns3\t-\n", "utf-8")
    (repo / "translations/trial/pic.png").write_bytes(SVG)
    report = check_work(load_work(repo, "trial"))
    found = [f for f in report.findings if f.code == "image-missing"]
    assert len(found) == 1 and "PNG, JPEG, GIF or WebP" in found[0].message
    assert found[0].line == 3
    built = run(repo, "build")
    assert built.exit_code == 2, built.output
    assert "pic.png" in built.stderr and "export it as PNG or JPEG" in built.stderr
    assert not (repo / "build").exists() or not any(
        p.suffix in (".html", ".epub", ".pdf") for p in (repo / "build").rglob("*")
    )


# --- 7. store files that are not regular files -------------------------------------------------

STORE_FILES = [
    "source/trial/work.yaml",
    "source/trial/text.md",
    "source/trial/zh-Hant-TW.import.yaml",
    "translations/trial/en.yaml",
    "translations/trial/en.md",
    "translations/trial/en.align",
    "translations/trial/en.import.yaml",
]


def _make_not_regular(path: Path, kind: str) -> str:
    """Put a ``kind`` of thing at ``path``; the words the error should name it by."""
    path.unlink(missing_ok=True)
    if kind == "fifo":
        os.mkfifo(path)
        return "FIFO"
    if kind == "device":
        path.symlink_to("/dev/zero")
        return "device"
    if kind == "loop":
        path.symlink_to(path.name)
        return "link loop"
    if kind == "broken":
        path.symlink_to("drafts/gone.md")
        return "broken link"
    assert kind == "folder"
    path.mkdir()
    return "folder"


def _within(seconds: float, call: Callable[[], object]) -> object:
    """What ``call`` returned or raised, failing the test if it is still running after
    ``seconds`` (as a read blocked on a FIFO would be)."""
    outcome: list[object] = []

    def target() -> None:
        try:
            outcome.append(call())
        except BaseException as exc:
            outcome.append(exc)

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    assert outcome, f"still running after {seconds} s: blocked on a FIFO or reading a device?"
    return outcome[0]


@pytest.mark.parametrize("kind", ["fifo", "device", "loop", "broken", "folder"])
@pytest.mark.parametrize("name", STORE_FILES)
def test_a_store_file_that_is_not_a_regular_file_is_one_clear_error(
    repo: Path, name: str, kind: str
) -> None:
    words = _make_not_regular(repo / name, kind)
    caught = _within(20, lambda: load_work(repo, "trial"))
    assert isinstance(caught, ToolkitError), caught
    assert not isinstance(caught, FormatErrors)
    assert caught.where is not None and caught.where.path == repo / name
    assert words in caught.message
    assert "not a regular file" in caught.message
    assert caught.fix


@pytest.mark.parametrize("kind", ["fifo", "device", "loop", "broken"])
def test_check_names_a_store_file_that_is_not_a_regular_file(repo: Path, kind: str) -> None:
    words = _make_not_regular(repo / "translations/trial/en.md", kind)
    checked = _within(20, lambda: run(repo, "check"))
    assert isinstance(checked, Result)
    assert checked.exit_code == 2, checked.output
    assert "translations/trial/en.md" in checked.stderr and words in checked.stderr
    assert "bead-unknown-id" not in checked.output


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_reading_never_blocks_on_a_fifo_or_reads_a_device(tmp_path: Path, kind: str) -> None:
    words = _make_not_regular(tmp_path / "text.md", kind)
    for read in (read_document, read_alignment, load_original):
        caught = _within(20, lambda read=read: read(tmp_path / "text.md"))  # type: ignore[misc]
        assert isinstance(caught, ToolkitError) and words in caught.message, caught


@pytest.mark.parametrize("kind", ["fifo", "device", "loop", "broken", "folder"])
def test_a_figure_image_that_is_not_a_regular_file_is_named(repo: Path, kind: str) -> None:
    words = _make_not_regular(repo / "translations/trial/pic.png", kind)
    text = repo / "translations/trial/en.md"
    paths = load_work(repo, "trial").paths
    caught = _within(20, lambda: find_image(paths, text, "pic.png"))
    assert isinstance(caught, ToolkitError), caught
    assert words in caught.message and "'pic.png'" in caught.message
    assert "not found" not in caught.message


def test_a_figure_image_in_a_folder_that_is_a_link_loop_is_named(repo: Path) -> None:
    (repo / "translations/trial/images").symlink_to("images", target_is_directory=True)
    text = repo / "translations/trial/en.md"
    paths = load_work(repo, "trial").paths
    with pytest.raises(ToolkitError) as caught:
        find_image(paths, text, "images/pic.png")
    assert "link loop" in caught.value.message
    assert "translations/trial/images)" in caught.value.message  # the loop, not the image


def test_a_work_whose_work_yaml_is_a_fifo_is_listed_and_refused(repo: Path) -> None:
    _make_not_regular(repo / "source/trial/work.yaml", "fifo")
    assert list_works(repo) == ["trial"]  # not skipped as if it had no work.yaml
    checked = _within(20, lambda: run(repo, "check"))
    assert isinstance(checked, Result)
    assert checked.exit_code == 2
    assert "source/trial/work.yaml" in checked.stderr and "FIFO" in checked.stderr
