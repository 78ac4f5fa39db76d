"""Hostile and broken exchange files: each is refused with the file and line, exit 2, and
nothing in the store changes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tests.exchange_work import make_exchange_work
from tests.test_exchange import snapshot
from toolkit.cli import cli

XLIFF_HEAD = (
    '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" '
    'srcLang="zh-Hant-TW" trgLang="en"><file id="f1">'
)


def run(root: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--root", str(root), *args])


@pytest.fixture
def rich(tmp_path: Path) -> Path:
    root = make_exchange_work(tmp_path / "repo")
    assert run(root, "export", "rich", "--to", "xliff").exit_code == 0
    return root


def refused(root: Path, name: str, content: str, *where: str) -> str:
    """Import ``content`` as file ``name``: exit 2, the store unchanged; the message."""
    file = root / name
    file.write_text(content, "utf-8")
    before = snapshot(root)
    result = run(root, "import", "rich", str(file), "--lang", "en")
    assert result.exit_code == 2, result.output
    assert snapshot(root) == before
    for part in where:
        assert part in result.output, result.output
    return result.output


def test_external_entities_are_never_read(rich: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    xxe = (
        f'<?xml version="1.0"?>\n<!DOCTYPE xliff [<!ENTITY x SYSTEM "file://{secret}">]>\n'
        f'{XLIFF_HEAD}<unit id="s2" name="s2"><segment><source>&x;</source>'
        "<target>&x;</target></segment></unit></file></xliff>\n"
    )
    output = refused(rich, "xxe.xlf", xxe, "xxe.xlf:1", "declares entities")
    assert "TOP SECRET" not in output
    assert "TOP SECRET" not in (rich / "translations/rich/en.md").read_text()


def test_entity_expansion_is_refused(rich: Path) -> None:
    # the classic "billion laughs": ten levels of ten references each
    levels = ['<!ENTITY l0 "lol">'] + [
        f'<!ENTITY l{n} "{f"&l{n - 1};" * 10}">' for n in range(1, 10)
    ]
    bomb = (
        f'<?xml version="1.0"?>\n<!DOCTYPE tmx [{"".join(levels)}]>\n'
        '<tmx version="1.4"><header srclang="zh-Hant-TW"/><body><tu tuid="s2">'
        '<tuv xml:lang="en"><seg>&l9;</seg></tuv></tu></body></tmx>\n'
    )
    refused(rich, "bomb.tmx", bomb, "bomb.tmx:1", "declares entities")


def test_malformed_xml_is_refused_at_its_line(rich: Path) -> None:
    broken = (
        f'<?xml version="1.0"?>\n{XLIFF_HEAD}\n<unit id="s2" name="s2">\n'
        "<segment><source>x</sourc></segment></unit></file></xliff>\n"
    )
    refused(rich, "broken.xlf", broken, "broken.xlf:4", "not well-formed XML")


def test_an_unknown_language_is_refused(rich: Path) -> None:
    text = (rich / "build/rich/rich.en.xlf").read_text().replace('trgLang="en"', 'trgLang="fr"')
    refused(rich, "fr.xlf", text, "fr.xlf:1", "translation's language is fr")
    tmx = (
        '<tmx version="1.4"><header srclang="zh-Hant-TW" creationtool="x" creationtoolversion="1" '
        'datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="x"/><body>'
        '<tu tuid="s2"><tuv xml:lang="ja"><seg>日本語</seg></tuv></tu></body></tmx>'
    )
    refused(rich, "ja.tmx", tmx, "ja.tmx:1", "in ja, not en")


def test_duplicate_units_are_refused(rich: Path) -> None:
    text = (rich / "build/rich/rich.en.xlf").read_text()
    unit = re.search(r'  <unit id="s2:s12".*?</unit>\n', text, flags=re.S)
    assert unit is not None
    doubled = text.replace(unit.group(), unit.group() * 2)
    output = refused(rich, "twice.xlf", doubled, "twice.xlf:", "bead s2,s12 is in the file twice")
    assert re.search(r"twice\.xlf:\d+", output)


def test_a_unit_naming_a_segment_that_does_not_exist_is_refused(rich: Path) -> None:
    po = (
        'msgid ""\nmsgstr ""\n"Language: en\\n"\n"X-Source-Language: zh-Hant-TW\\n"\n\n'
        'msgctxt "s99"\nmsgid "不存在"\nmsgstr "Nothing"\n'
    )
    refused(rich, "ghost.po", po, "ghost.po:6", "names segment s99")
    head = "\ufeffbead,source ids,translation ids,state,zh-Hant-TW,en,notes\r\n"
    csv = head + "+t99,,t99,auto,,Ghost,\r\n"
    refused(rich, "ghost.csv", csv, "ghost.csv:2", "names segment t99")


def test_an_edited_original_is_refused(rich: Path) -> None:
    text = (rich / "build/rich/rich.en.xlf").read_text().replace("緊鄰「淡水河」", "緊鄰淡水河")
    refused(rich, "source.xlf", text, "source.xlf:", "the original's text differs")


def test_codes_a_translator_broke_are_refused(rich: Path) -> None:
    text = rich / "build/rich/rich.en.xlf"
    xliff = text.read_text().replace(
        '<target xml:space="preserve"><pc id="1" dataRefStart="d1" dataRefEnd="d1" '
        'type="fmt" subType="xlf:i">Patience</pc>',
        '<target xml:space="preserve"><pc id="1" dataRefStart="d9" dataRefEnd="d1">Patience</pc>',
    )
    assert xliff != text.read_text()
    refused(rich, "codes.xlf", xliff, "codes.xlf:", "inline codes")


def test_a_file_that_is_not_a_bead_table_is_refused(rich: Path) -> None:
    refused(rich, "other.csv", "\ufeffname,value\r\na,b\r\n", "other.csv:1", "not the header")
    refused(
        rich,
        "state.tsv",
        "bead\tsource ids\ttranslation ids\tstate\tzh-Hant-TW\ten\tnotes\n"
        "s2\ts2\tt2\tdone\tx\ty\t\n",
        "state.tsv:2",
        "'done' is not a state",
    )


def _workbook_with(root: Path, name: str, sheet_xml: bytes) -> Path:
    """An exported workbook whose first sheet's XML is ``sheet_xml``."""
    import zipfile

    assert run(root, "export", "rich", "--to", "xlsx").exit_code == 0
    source = root / "build/rich/rich.en.xlsx"
    target = root / name
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            data = old.read(info)
            new.writestr(info, sheet_xml if info.filename.endswith("sheet1.xml") else data)
    return target


def test_a_workbook_with_entities_is_refused(rich: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    sheet = (
        f'<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY x SYSTEM "file://{secret}">]>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&x;</t></is></c></row>'
        "</sheetData></worksheet>"
    ).encode()
    file = _workbook_with(rich, "xxe.xlsx", sheet)
    before = snapshot(rich)
    result = run(rich, "import", "rich", str(file), "--lang", "en")
    assert result.exit_code == 2, result.output
    assert "xxe.xlsx" in result.output and "TOP SECRET" not in result.output
    assert snapshot(rich) == before


def test_a_workbook_that_unpacks_past_the_limit_is_refused(
    rich: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sheet = b"<worksheet>" + b" " * 200_000 + b"</worksheet>"
    file = _workbook_with(rich, "large.xlsx", sheet)
    monkeypatch.setenv("TOOLKIT_MAX_FILE_BYTES", "100000")
    before = snapshot(rich)
    result = run(rich, "import", "rich", str(file), "--lang", "en")
    assert result.exit_code == 2, result.output
    assert "unpacks to" in result.output and "TOOLKIT_MAX_FILE_BYTES" in result.output
    assert snapshot(rich) == before


def test_a_workbook_whose_sheet_is_broken_is_refused(rich: Path) -> None:
    import zipfile

    assert run(rich, "export", "rich", "--to", "xlsx").exit_code == 0
    with zipfile.ZipFile(rich / "build/rich/rich.en.xlsx") as book:
        sheet = book.read("xl/worksheets/sheet1.xml")
    at = sheet.rindex(b"</row>")  # the last row is cut short: the others are read first
    file = _workbook_with(rich, "broken.xlsx", sheet[:at] + b"</roww>" + sheet[at + 6 :])
    before = snapshot(rich)
    result = run(rich, "import", "rich", str(file), "--lang", "en")
    assert result.exit_code == 2, result.output
    assert "broken.xlsx" in result.output and "xl/worksheets/sheet1.xml" in result.output
    assert "not well-formed XML" in result.output
    assert snapshot(rich) == before


def test_a_files_text_in_an_error_is_shown_not_acted_on(rich: Path) -> None:
    """A language a file names is quoted in the error: an escape sequence or a bidi
    override in it is printed as its escape, never sent to the terminal."""
    head = "bead,source ids,translation ids,state,zh-Hant-TW,fr\u202e\x1b]0;owned\x07,notes\r\n"
    output = refused(rich, "evil.csv", "\ufeff" + head, "evil.csv:1")
    assert "\u202e" not in output and "\x1b" not in output and "\x07" not in output
    assert "fr\\u202e\\u001b]0;owned\\u0007" in output


@pytest.mark.parametrize("fmt", ["xliff", "xliff1", "tmx"])
def test_a_character_xml_cannot_carry_is_an_error_naming_the_bead(rich: Path, fmt: str) -> None:
    text = rich / "translations/rich/en.md"
    text.write_text(text.read_text().replace("matters most!", "matters\x01 most!"))
    built = {p: p.read_bytes() for p in (rich / "build").rglob("*") if p.is_file()}
    result = run(rich, "export", "rich", "--to", fmt, "--no-findings")
    assert result.exit_code == 2, result.output
    assert "bead s3 holds U+0001, a character XML cannot carry" in result.output
    assert {p: p.read_bytes() for p in (rich / "build").rglob("*") if p.is_file()} == built


def test_a_character_xml_cannot_carry_in_the_metadata_is_an_error(rich: Path) -> None:
    meta = rich / "translations/rich/en.yaml"
    meta.write_text(meta.read_text().replace("title: A Work for Testing", 'title: "A Work\\x01"'))
    result = run(rich, "export", "rich", "--to", "tmx", "--no-findings")
    assert result.exit_code == 2, result.output
    assert "the work's metadata holds U+0001" in result.output


def test_the_workbooks_credits_are_text_never_formulas(rich: Path) -> None:
    """Found in review: the 'about' sheet wrote the work's credits with openpyxl's
    guessing, so a title starting with '=' became a formula."""
    from openpyxl import load_workbook

    meta = rich / "translations/rich/en.yaml"
    meta.write_text(
        meta.read_text().replace("title: A Work for Testing", "title: '=HYPERLINK(\"x\")'")
    )
    assert run(rich, "export", "rich", "--to", "xlsx", "--no-findings").exit_code == 0
    about = load_workbook(rich / "build/rich/rich.en.xlsx")["about"]
    cells = [c for row in about.iter_rows() for c in row if c.value == '=HYPERLINK("x")']
    assert cells and all(c.data_type == "s" for c in cells)


def test_a_control_character_in_the_credits_is_an_error_naming_them(rich: Path) -> None:
    meta = rich / "translations/rich/en.yaml"
    meta.write_text(meta.read_text().replace("title: A Work for Testing", 'title: "A\\x02"'))
    result = run(rich, "export", "rich", "--to", "xlsx", "--no-findings")
    assert result.exit_code == 2, result.output
    assert "the work's metadata" in result.output and "control character" in result.output


def test_a_tsv_row_ends_at_a_line_feed_only(rich: Path) -> None:
    """Found in review: rows were split at every line boundary Python knows, so a segment
    holding U+2028 (or a form feed) broke its row in two."""
    text = rich / "translations/rich/en.md"
    text.write_text(text.read_text().replace("matters most!", "matters\u2028most!"))
    assert run(rich, "export", "rich", "--to", "tsv", "--no-findings").exit_code == 0
    before = snapshot(rich)
    result = run(rich, "import", "rich", str(rich / "build/rich/rich.en.tsv"), "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "nothing new; nothing written" in result.output
    assert snapshot(rich) == before


def test_a_file_name_in_the_report_is_shown_not_acted_on(rich: Path) -> None:
    """Found in review: the exchange import and the export printed the file's name raw,
    so an escape sequence in it reached the terminal."""
    name = "evil\x1b]0;owned\x07.po"
    exported = run(rich, "export", "rich", "--to", "po", "-o", str(rich / name))
    assert exported.exit_code == 0, exported.output
    imported = run(rich, "import", "rich", str(rich / name), "--lang", "en")
    assert imported.exit_code == 0, imported.output
    for output in (exported.output, imported.output):
        assert "\x1b" not in output and "\x07" not in output
        assert "evil\\u001b]0;owned\\u0007.po" in output


def test_a_control_character_in_a_segment_is_an_error_naming_the_bead_in_a_workbook(
    rich: Path,
) -> None:
    text = rich / "translations/rich/en.md"
    text.write_text(text.read_text().replace("matters most!", "matters\x01 most!"))
    result = run(rich, "export", "rich", "--to", "xlsx", "--no-findings")
    assert result.exit_code == 2, result.output
    assert "bead s3 holds a control character a workbook cannot carry" in result.output
    assert not (rich / "build/rich/rich.en.xlsx").exists()


def test_a_line_break_in_a_name_adds_no_key_to_the_po_header(rich: Path) -> None:
    """Found in review: the translator's name is a PO header value, one line long; a
    line break in it started a header key of its own."""
    import polib

    meta = rich / "translations/rich/en.yaml"
    evil = '{en: "Jane Doe\\nLanguage: fr"}'
    meta.write_text(meta.read_text().replace("{en: Jane Doe}", evil))
    assert run(rich, "export", "rich", "--to", "po", "--no-findings").exit_code == 0
    po = polib.pofile(str(rich / "build/rich/rich.en.po"))
    assert po.metadata["Language"] == "en"
    assert po.metadata["Last-Translator"] == "Jane Doe Language: fr"
