"""Our exchange files as other tools read them: Translate Toolkit opens them and counts the
units we wrote, msgfmt passes the PO, the XLIFF 2.1 has what its specification requires,
and ``toolkit check`` reads every one."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from lxml import etree

from tests.conftest import unavailable
from tests.exchange_work import make_exchange_work
from toolkit.cli import cli
from toolkit.exchange import ExportFormat, ExportOptions, export_work

NMTOKEN = re.compile(r"[\w.:-]+")
XLF2 = "{urn:oasis:names:tc:xliff:document:2.0}"
XLF1 = "{urn:oasis:names:tc:xliff:document:1.2}"
UNITS = 12  # the beads of tests/exchange_work.py


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> dict[ExportFormat, Path]:
    root = make_exchange_work(tmp_path_factory.mktemp("peers"))
    return {fmt: export_work(root, "rich", ExportOptions(fmt)).path for fmt in ExportFormat}


def test_translate_toolkit_counts_the_units_we_wrote(exports: dict[ExportFormat, Path]) -> None:
    from translate.storage import po, tmx, xliff, xliff2

    readers: dict[ExportFormat, Any] = {
        ExportFormat.TMX: tmx.tmxfile,
        ExportFormat.XLIFF: xliff2.Xliff2File,
        ExportFormat.XLIFF1: xliff.xlifffile,
        ExportFormat.PO: po.pofile,
    }
    for fmt, reader in readers.items():
        store = reader.parsefile(str(exports[fmt]))
        units = [u for u in store.units if not u.isheader()]
        assert len(units) == UNITS, fmt
        by_target = {u.target for u in units}
        # the 1-2 bead: its two segments on two lines, as each tool reads them
        assert (
            "Too much heat and the tea turns bitter.\nToo little and the fragrance never comes out."
            in by_target
        ), fmt


def test_the_po_passes_msgfmt_check(exports: dict[ExportFormat, Path]) -> None:
    if shutil.which("msgfmt") is None:
        unavailable("needs msgfmt to check the PO file: apt-get install -y gettext")
    done = subprocess.run(
        ["msgfmt", "--check", "--check-header", "-o", "/dev/null", str(exports[ExportFormat.PO])],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""


def test_xliff_2_1_has_what_the_specification_requires(exports: dict[ExportFormat, Path]) -> None:
    root = etree.parse(str(exports[ExportFormat.XLIFF])).getroot()
    assert root.tag == f"{XLF2}xliff"
    assert root.get("version") == "2.1"
    assert (root.get("srcLang"), root.get("trgLang")) == ("zh-Hant-TW", "en")
    files = root.findall(f"{XLF2}file")
    assert len(files) == 1 and NMTOKEN.fullmatch(files[0].get("id") or "")
    units = files[0].findall(f"{XLF2}unit")
    ids = [u.get("id") or "" for u in units]
    assert len(ids) == UNITS and len(set(ids)) == UNITS
    assert all(NMTOKEN.fullmatch(i) for i in ids), ids
    assert {u.get("name") for u in units} >= {"s4", "+t7", "s6", "s7"}
    for unit in units:
        segments = unit.findall(f"{XLF2}segment")
        assert len(segments) == 1  # one segment per bead: Translate Toolkit's count agrees
        state = segments[0].get("state")
        assert state in ("initial", "translated", "reviewed", "final")
        has_target = segments[0].find(f"{XLF2}target") is not None
        assert has_target == (state != "initial")
        data = {d.get("id") for d in unit.iter(f"{XLF2}data")}
        refs = [
            code.get(name)
            for code in unit.iter(f"{XLF2}pc", f"{XLF2}ph")
            for name in ("dataRef", "dataRefStart", "dataRefEnd")
            if code.get(name)
        ]
        assert set(refs) <= data
        for side in segments[0]:
            codes = [c.get("id") for c in side.iter(f"{XLF2}pc", f"{XLF2}ph")]
            assert len(codes) == len(set(codes))


def test_xliff_1_2_units_and_states(exports: dict[ExportFormat, Path]) -> None:
    root = etree.parse(str(exports[ExportFormat.XLIFF1])).getroot()
    assert root.tag == f"{XLF1}xliff" and root.get("version") == "1.2"
    file = root.find(f"{XLF1}file")
    assert file is not None
    assert (file.get("source-language"), file.get("target-language")) == ("zh-Hant-TW", "en")
    units = root.findall(f".//{XLF1}trans-unit")
    assert len({u.get("id") for u in units}) == len(units) == UNITS
    states = {t.get("state") for t in root.iter(f"{XLF1}target")}
    assert states == {"translated", "signed-off", "final"}
    for unit in units:
        for side in unit.iter(f"{XLF1}source", f"{XLF1}target"):
            starts = [c.get("id") for c in side.iter(f"{XLF1}bpt")]
            assert starts == [c.get("id") for c in side.iter(f"{XLF1}ept")]


@pytest.mark.parametrize(
    "fmt", [ExportFormat.XLIFF, ExportFormat.XLIFF1, ExportFormat.TMX, ExportFormat.PO]
)
def test_toolkit_check_reads_our_exports(
    exports: dict[ExportFormat, Path], fmt: ExportFormat
) -> None:
    result = CliRunner().invoke(
        cli, ["check", str(exports[fmt]), "--format", "json", "--fail-on", "error"]
    )
    assert result.exit_code == 0, result.output
    assert '"check": "number-extra"' in result.output
    # the original is read as Chinese (a PO file says so in X-Source-Language): 二〇二三 is 2023
    assert "'2023'" not in result.output


@pytest.mark.parametrize("fmt", [ExportFormat.PO, ExportFormat.XLIFF1, ExportFormat.TMX])
def test_pofilter_takes_our_files(
    exports: dict[ExportFormat, Path], fmt: ExportFormat, tmp_path: Path
) -> None:
    import sys

    pofilter = Path(sys.executable).parent / "pofilter"
    out = tmp_path / f"failed{exports[fmt].suffix}"
    done = subprocess.run(
        [str(pofilter), "--progress=none", "-i", str(exports[fmt]), "-o", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    if fmt is ExportFormat.PO:  # the units it flags keep our bead identifiers
        import polib

        flagged = [entry.msgctxt or "" for entry in polib.pofile(str(out))]
        assert flagged and all(re.fullmatch(r"\+?[st][0-9]+(,s[0-9]+)*", c) for c in flagged)
