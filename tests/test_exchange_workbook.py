"""The workbook reader: the first sheet's rows, as a spreadsheet program saved them."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from toolkit.errors import ToolkitError
from toolkit.exchange.files.workbook import sheet_rows

MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
REL = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def workbook(
    path: Path, sheets: dict[str, str], strings: str | None = None, target: str | None = None
) -> Path:
    """A workbook whose sheets are the given sheetData, listed in order; the second
    sheet's part comes first in the archive, as nothing says it may not."""
    names = list(sheets)
    listed = "".join(
        f'<sheet name="{n}" sheetId="{i}" r:id="rId{i}"/>' for i, n in enumerate(names, 1)
    )
    rels = "".join(
        f'<Relationship Id="rId{i}" Type="worksheet" '
        f'Target="{target if target and i == 1 else f"worksheets/{n}.xml"}"/>'
        for i, n in enumerate(names, 1)
    )
    with zipfile.ZipFile(path, "w") as book:
        book.writestr(
            "xl/workbook.xml", f"<workbook {MAIN} {REL}><sheets>{listed}</sheets></workbook>"
        )
        book.writestr(
            "xl/_rels/workbook.xml.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f"{rels}</Relationships>",
        )
        for name in reversed(names):
            book.writestr(
                f"xl/worksheets/{name}.xml",
                f"<worksheet {MAIN}><sheetData>{sheets[name]}</sheetData></worksheet>",
            )
        if strings is not None:
            book.writestr("xl/sharedStrings.xml", f"<sst {MAIN}>{strings}</sst>")
    return path


def test_cells_of_every_kind_in_their_columns(tmp_path: Path) -> None:
    strings = (
        "<si><t>共用</t></si><si><r><t>富</t></r><r><t>文本</t></r><rPh><t>ふりがな</t></rPh></si>"
    )
    sheet = (
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c></row>'
        '<row r="3"><c r="B3" t="inlineStr"><is><t>行內</t></is></c><c r="D3"><v>2023</v></c>'
        '<c r="E3" t="b"><v>1</v></c><c r="AA3" t="str"><v>=not run</v></c></row>'
    )
    path = workbook(
        tmp_path / "book.xlsx",
        {
            "first": sheet,
            "second": '<row r="1"><c r="A1" t="inlineStr"><is><t>no</t></is></c></row>',
        },
        strings,
    )
    rows = list(sheet_rows(path))
    assert rows[0] == (1, ["共用", "", "富文本"])
    assert rows[1][0] == 3
    assert rows[1][1][:5] == ["", "行內", "", "2023", "TRUE"]
    assert rows[1][1][26] == "=not run" and len(rows[1][1]) == 27


def test_what_openpyxl_writes_reads_back(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["bead", None, "第二欄\n兩行"])
    sheet.append([None, 1.5, "'=x"])
    book.save(tmp_path / "saved.xlsx")
    assert list(sheet_rows(tmp_path / "saved.xlsx")) == [
        (1, ["bead", "", "第二欄\n兩行"]),
        (2, ["", "1.5", "'=x"]),
    ]


def test_a_sheet_part_outside_the_workbook_folder_is_refused(tmp_path: Path) -> None:
    path = workbook(tmp_path / "odd.xlsx", {"first": ""}, target="../../etc/passwd")
    with zipfile.ZipFile(path, "a") as book:  # even when the archive has such a member
        book.writestr("xl/../../etc/passwd", f"<worksheet {MAIN}><sheetData/></worksheet>")
    with pytest.raises(ToolkitError, match="is not in it"):
        list(sheet_rows(path))


def test_not_a_zip_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "fake.xlsx"
    path.write_text("bead,source ids\n")
    with pytest.raises(ToolkitError, match="not an XLSX workbook"):
        list(sheet_rows(path))


def test_a_cell_past_the_last_column_a_worksheet_has_is_refused(tmp_path: Path) -> None:
    """Found in review: a forged reference (ZZZZZZZZZZ1) made a gap of 26¹⁰ empty cells
    in memory; a worksheet ends at column XFD."""
    book = workbook(tmp_path / "b.xlsx", {"s": '<row r="1"><c r="ZZZZZZZZZZ1"><v>1</v></c></row>'})
    with pytest.raises(ToolkitError, match="past column XFD") as caught:
        list(sheet_rows(book))
    assert caught.value.where is not None and caught.value.where.line == 1
    first_past = workbook(tmp_path / "d.xlsx", {"s": '<row r="1"><c r="XFE1"><v>1</v></c></row>'})
    with pytest.raises(ToolkitError, match="past column XFD"):
        list(sheet_rows(first_past))
    last = workbook(tmp_path / "c.xlsx", {"s": '<row r="1"><c r="XFD1"><v>1</v></c></row>'})
    (row,) = list(sheet_rows(last))
    assert row[1][-1] == "1" and len(row[1]) == 16384


def test_a_row_numbered_with_anything_but_a_number_is_refused(tmp_path: Path) -> None:
    book = workbook(tmp_path / "b.xlsx", {"s": '<row r="one"><c r="A1"><v>1</v></c></row>'})
    with pytest.raises(ToolkitError, match="numbered 'one', not a number"):
        list(sheet_rows(book))
