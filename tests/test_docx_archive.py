"""A DOCX is opened as an archive before Pandoc sees it: zip slip and decompression bombs
are refused, naming the file, and nothing is written."""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from toolkit.cli import cli
from toolkit.errors import ToolkitError
from toolkit.importing.docx import RATIO_FROM, check_archive

MakeRepo = Callable[..., Path]


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "name", ["../../evil.txt", "/etc/cron.d/evil", "word/../../evil", "C:\\evil", "..\\evil"]
)
def test_a_member_that_would_write_outside_is_refused(name: str) -> None:
    with pytest.raises(ToolkitError, match="outside the folder it is unpacked into"):
        check_archive(_zip({"word/document.xml": b"<w/>", name: b"x"}), "in.docx")


def test_a_decompression_bomb_is_refused() -> None:
    bomb = _zip({"word/document.xml": b"\0" * (RATIO_FROM * 2)})
    assert len(bomb) < RATIO_FROM / 100
    with pytest.raises(ToolkitError, match="decompression bomb"):
        check_archive(bomb, "in.docx")


def test_an_ordinary_archive_passes_and_a_non_archive_is_named() -> None:
    check_archive(_zip({"word/document.xml": b"<w/>", "word/media/image1.png": b"png"}), "a.docx")
    with pytest.raises(ToolkitError, match="is not a Word document"):
        check_archive(b"not a zip", "in.docx")


def test_the_import_refuses_it_and_writes_nothing(make_repo: MakeRepo, tmp_path: Path) -> None:
    root = make_repo(text=None, align=None)
    docx = tmp_path / "evil.docx"
    docx.write_bytes(_zip({"word/document.xml": b"<w/>", "../../evil.txt": b"x"}))
    before = sorted(p.name for p in (root / "translations/trial").iterdir())
    result = CliRunner().invoke(
        cli, ["--root", str(root), "import", "trial", str(docx), "--lang", "en"]
    )
    assert result.exit_code == 2
    assert "evil.docx" in result.stderr and "outside the folder" in result.stderr
    assert sorted(p.name for p in (root / "translations/trial").iterdir()) == before
    assert not (tmp_path.parent / "evil.txt").exists()


def _lying(members: dict[str, bytes], declared: int) -> bytes:
    """An archive whose headers declare each member ``declared`` bytes long, whatever it
    really unpacks to (a bomb that the sizes alone would not show)."""
    data = bytearray(_zip(members))
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = 0
        while (at := data.find(signature, start)) >= 0:
            data[at + offset : at + offset + 4] = struct.pack("<I", declared)
            start = at + 4
    return bytes(data)


def test_an_archive_that_lies_about_its_sizes_is_refused() -> None:
    liar = _lying({"word/document.xml": b"<w:p>text</w:p>" * 200_000}, declared=5000)
    with pytest.raises(ToolkitError, match="damaged or forged"):
        check_archive(liar, "liar.docx")
