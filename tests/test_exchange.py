"""Export and import back, every format, on a work that has everything a format must carry:
unchanged round trips leave the store byte for byte; edits, new segments and states come
back; what a format cannot carry is refused rather than lost."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.conftest import REPO, fingerprinted
from tests.exchange_work import ALIGN, SOURCE, TRANSLATION, make_exchange_work
from toolkit.errors import ToolkitError
from toolkit.exchange import (
    ExchangeImportOptions,
    ExportFormat,
    ExportOptions,
    export_work,
    import_exchange,
)
from toolkit.exchange.codes import same_text
from toolkit.model import BeadState, fingerprint
from toolkit.store import load_work

FORMATS = list(ExportFormat)
MARKUP = [f for f in ExportFormat if f.inline]


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file of the store, by path."""
    return {
        str(p.relative_to(root)): p.read_bytes()
        for top in ("source", "translations")
        for p in sorted((root / top).rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def rich(tmp_path: Path) -> Path:
    return make_exchange_work(tmp_path)


def export(root: Path, fmt: ExportFormat, work: str = "rich") -> Path:
    return export_work(root, work, ExportOptions(fmt)).path


def bring_back(root: Path, file: Path, work: str = "rich", plain: bool = False) -> object:
    """Import ``file``; whatever it does, no segment of the translation is lost."""
    before = _translation_ids(root, work)
    report = import_exchange(root, work, file, ExchangeImportOptions("en", accept_plain=plain))
    assert before <= _translation_ids(root, work)
    return report


def _translation_ids(root: Path, work: str) -> set[str]:
    document = load_work(root, work).translations["en"].document
    return set(document.segment_ids()) if document is not None else set()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8-sig" if path.suffix == ".csv" else "utf-8")
    assert text.count(old) == 1, f"{old!r} is in the file {text.count(old)} times"
    path.write_text(text.replace(old, new), "utf-8-sig" if path.suffix == ".csv" else "utf-8")


def segment(root: Path, ident: str) -> str:
    document = load_work(root, "rich").translations["en"].document
    assert document is not None
    return document.by_id()[ident].text


def bead(root: Path, key: tuple[str, ...]):  # type: ignore[no-untyped-def]
    alignment = load_work(root, "rich").translations["en"].alignment
    assert alignment is not None
    return next(b for b in alignment.beads if b.source == key)


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_unchanged_round_trip_gives_back_the_same_store(rich: Path, fmt: ExportFormat) -> None:
    before = snapshot(rich)
    file = export(rich, fmt)
    assert file == rich / "build" / "rich" / f"rich.en{fmt.suffix}"
    report = bring_back(rich, file)
    assert report.unchanged and report.units == 12  # type: ignore[attr-defined]
    assert snapshot(rich) == before


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_repositorys_sample_round_trips(tmp_path: Path, fmt: ExportFormat) -> None:
    for top in ("source", "translations"):
        for path in (REPO / top / "sample").iterdir():
            target = tmp_path / top / "sample" / path.name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
    before = snapshot(tmp_path)
    file = export(tmp_path, fmt, "sample")
    assert bring_back(tmp_path, file, "sample").unchanged  # type: ignore[attr-defined]
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("fmt", MARKUP)
def test_an_edited_translation_comes_back_with_its_markup(rich: Path, fmt: ExportFormat) -> None:
    file = export(rich, fmt)
    edit(file, "the owner says, matters most!", "says the owner, counts most!")
    edit(file, "for more; 2", "to read more; 2")
    before = snapshot(rich)
    report = bring_back(rich, file)
    assert report.changed == ("t3", "t6")  # type: ignore[attr-defined]
    assert segment(rich, "t3") == "*Patience*, says the owner, counts most!"
    assert same_text(
        segment(rich, "t6"),
        "See the [city's site](https://example.org/a_(b)) to read more; "
        "2 * 3 is not \\*emphasis\\*.",
    )
    after = snapshot(rich)
    changed = sorted(k for k in after if after[k] != before.get(k))
    assert changed == ["translations/rich/en.md"]  # no state changed: the beads are as they were
    lines = after["translations/rich/en.md"].decode().splitlines()
    old = TRANSLATION.splitlines()
    assert [n for n, (a, b) in enumerate(zip(lines, old, strict=True)) if a != b] == [3, 6]
    # t3's bead was reviewed: it stays reviewed, but the review was of the old text, so it
    # is stale until a person marks it again
    reviewed = bead(rich, ("s3",))
    assert reviewed.state is BeadState.REVIEWED
    work = load_work(rich, "rich")
    assert work.source is not None and work.translations["en"].document is not None
    now = fingerprint(reviewed, work.source.by_id(), work.translations["en"].document.by_id())
    assert reviewed.fingerprint is not None and reviewed.fingerprint != now
    assert reviewed.fingerprint[:6] == now[:6]  # the original's side is as reviewed
    # t6's bead was auto: it stays auto, no fingerprint
    assert bead(rich, ("s5",)).state is BeadState.AUTO
    assert bead(rich, ("s5",)).fingerprint is None


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_one_to_many_bead_keeps_a_line_per_segment(rich: Path, fmt: ExportFormat) -> None:
    file = export(rich, fmt)
    if fmt is ExportFormat.XLSX:
        set_cell(
            file,
            "s4",
            6,
            "Too much heat and the tea turns bitter.\n"
            "Too little and the fragrance never comes out.\nSo says he.",
        )
    else:
        newline = {ExportFormat.PO: "\\n", ExportFormat.TSV: "\\n"}.get(fmt, "\n")
        edit(file, "fragrance never comes out.", f"fragrance never comes out.{newline}So says he.")
    report = bring_back(rich, file)
    assert report.added == ("t12",)  # type: ignore[attr-defined]
    assert bead(rich, ("s4",)).target == ("t4", "t5", "t12")
    assert segment(rich, "t12") == "So says he."
    text = (rich / "translations/rich/en.md").read_text()
    assert "never comes out. {#t5}\nSo says he. {#t12}\n" in text


@pytest.mark.parametrize("fmt", [ExportFormat.XLIFF, ExportFormat.PO, ExportFormat.CSV])
def test_fewer_lines_than_segments_is_refused(rich: Path, fmt: ExportFormat) -> None:
    file = export(rich, fmt)
    newline = {ExportFormat.PO: '\\n"\n"'}.get(fmt, "\n")
    edit(file, f"turns bitter.{newline}Too little", "turns bitter; too little")
    before = snapshot(rich)
    with pytest.raises(ToolkitError, match=r"1 line.* for its 2 segments") as caught:
        bring_back(rich, file)
    assert caught.value.where is not None and caught.value.where.line > 0
    assert snapshot(rich) == before


@pytest.mark.parametrize("fmt", MARKUP)
def test_a_sentence_left_untranslated_gets_new_segments_in_place(
    rich: Path, fmt: ExportFormat
) -> None:
    file = export(rich, fmt)
    text = file.read_text()
    if fmt is ExportFormat.PO:
        text = text.replace(
            'msgid "還沒翻譯的一句。"\nmsgstr ""',
            'msgid "還沒翻譯的一句。"\nmsgstr "Not yet *translated*."',
        )
    elif fmt is ExportFormat.TMX:
        text = re.sub(
            r'(<tu tuid="s7">.*?</tuv>\n)',
            r'\1   <tuv xml:lang="en">\n    <seg>Not yet <bpt i="1" type="italic">*</bpt>'
            r'translated<ept i="1">*</ept>.</seg>\n   </tuv>\n',
            text,
            flags=re.S,
        )
    elif fmt is ExportFormat.XLIFF:
        text = re.sub(
            r'(<unit id="s7".*?)<segment state="initial">(.*?</source>\n)',
            r'\1<originalData><data id="d1">*</data></originalData><segment state="translated">\2'
            r'    <target xml:space="preserve">Not yet '
            r'<pc id="1" dataRefStart="d1" dataRefEnd="d1">translated</pc>.</target>\n',
            text,
            flags=re.S,
        )
    else:
        text = re.sub(
            r'(<trans-unit id="s7".*?</source>\n)',
            r'\1    <target state="translated">Not yet <bpt id="1">*</bpt>translated'
            r'<ept id="1">*</ept>.</target>\n',
            text,
            flags=re.S,
        )
    file.write_text(text)
    report = bring_back(rich, file)
    assert report.added == ("t12",)  # type: ignore[attr-defined]
    assert segment(rich, "t12") == "Not yet *translated*."
    assert bead(rich, ("s7",)).target == ("t12",)
    # s7 follows s6 (omitted) in its paragraph: the new line goes after the translator's t7
    assert (
        "(Dadaocheng is an old district of Taipei.) {#t7}\nNot yet *translated*. {#t12}\n"
        in (rich / "translations/rich/en.md").read_text()
    )


def test_states_set_in_a_cat_tool_come_back(rich: Path) -> None:
    file = export(rich, ExportFormat.XLIFF)
    text = file.read_text()
    text = re.sub(r'(<unit id="s2:s12".*?<segment state=")translated', r"\1final", text, flags=re.S)
    text = re.sub(r'(<unit id="s1".*?<segment state=")reviewed', r"\1initial", text, flags=re.S)
    file.write_text(text)
    report = bring_back(rich, file)
    assert report.states == ("s1", "s2,s12")  # type: ignore[attr-defined]
    reviewed = bead(rich, ("s2", "s12"))
    assert reviewed.state is BeadState.REVIEWED and reviewed.fingerprint is not None
    assert bead(rich, ("s1",)).state is BeadState.AUTO
    assert bead(rich, ("s1",)).fingerprint is None
    # a locked bead exported as "final" comes back locked, not merely reviewed
    assert bead(rich, ("s8",)).state is BeadState.LOCKED
    assert bead(rich, ("s6",)).state is BeadState.OMITTED


@pytest.mark.parametrize("fmt", [ExportFormat.XLIFF, ExportFormat.XLIFF1])
def test_a_tool_that_marks_every_unit_translated_undoes_no_review(
    rich: Path, fmt: ExportFormat
) -> None:
    """OmegaT writes state="translated" on every unit it has a translation for."""
    file = export(rich, fmt)
    text = re.sub(r'state="(reviewed|final|signed-off)"', 'state="translated"', file.read_text())
    file.write_text(text)
    before = snapshot(rich)
    assert bring_back(rich, file).unchanged  # type: ignore[attr-defined]
    assert snapshot(rich) == before


def test_approval_a_tool_gives_or_takes_away_comes_back(rich: Path) -> None:
    file = export(rich, ExportFormat.XLIFF1)
    text = file.read_text()
    text = text.replace('<trans-unit id="s2,s12"', '<trans-unit id="s2,s12" approved="yes"')
    text = text.replace('<trans-unit id="s9" approved="yes"', '<trans-unit id="s9"')
    file.write_text(text)
    assert bring_back(rich, file).states == ("s2,s12", "s9")  # type: ignore[attr-defined]
    assert bead(rich, ("s2", "s12")).state is BeadState.REVIEWED
    assert bead(rich, ("s9",)).state is BeadState.AUTO


def test_a_locked_beads_translation_is_not_changed_and_every_fault_is_listed(rich: Path) -> None:
    file = export(rich, ExportFormat.PO)
    edit(file, "“Tea should be drunk slowly.”", "“Drink tea slowly.”")
    edit(file, 'turns bitter.\\n"\n"Too little', "turns bitter; too little")
    before = snapshot(rich)
    with pytest.raises(ToolkitError) as caught:
        bring_back(rich, file)
    message = str(caught.value)
    assert "unit s8: the bead is locked" in message and "--state reviewed t8" in message
    assert "unit s4 has 1 line(s) of translation for its 2 segments" in message
    assert snapshot(rich) == before


def test_a_fuzzy_po_entry_sends_its_bead_back_to_auto(rich: Path) -> None:
    file = export(rich, ExportFormat.PO)
    edit(file, 'msgctxt "s9"', '#, fuzzy\nmsgctxt "s9"')
    assert bring_back(rich, file).states == ("s9",)  # type: ignore[attr-defined]
    assert bead(rich, ("s9",)).state is BeadState.AUTO


def set_cell(file: Path, key: str, column: int, value: str) -> None:
    book = load_workbook(file)
    sheet = book.worksheets[0]
    row = next(r for r in sheet.iter_rows() if r[0].value == key)
    row[column - 1].value = value
    book.save(file)


@pytest.mark.parametrize("fmt", [ExportFormat.CSV, ExportFormat.TSV, ExportFormat.XLSX])
def test_plain_text_never_replaces_markup_unless_asked(rich: Path, fmt: ExportFormat) -> None:
    file = export(rich, fmt)
    if fmt is ExportFormat.XLSX:
        set_cell(file, "s3", 6, "Patience, says the owner, matters most!")
    else:
        edit(file, "Patience, the owner says", "Patience, says the owner")
    before = snapshot(rich)
    with pytest.raises(ToolkitError, match="segment t3 has emphasis") as caught:
        bring_back(rich, file)
    assert "--accept-plain" in caught.value.fix
    assert snapshot(rich) == before
    bring_back(rich, file, plain=True)
    assert segment(rich, "t3") == "Patience, says the owner, matters most!"


@pytest.mark.parametrize("fmt", [ExportFormat.CSV, ExportFormat.TSV, ExportFormat.XLSX])
def test_plain_text_is_escaped_into_markup(rich: Path, fmt: ExportFormat) -> None:
    file = export(rich, fmt)
    if fmt is ExportFormat.XLSX:
        set_cell(file, "s2,s12", 6, "# 1 is *not* a heading, [x] is not a link")
    else:
        edit(
            file,
            "Dadaocheng lies west of Taipei, beside the “Tamsui River”, lined with tea shops.",
            "# 1 is *not* a heading, [x] is not a link",
        )
    bring_back(rich, file)
    assert segment(rich, "t2") == "\\# 1 is \\*not\\* a heading, \\[x\\] is not a link"


def test_spreadsheet_cells_are_never_formulas(rich: Path) -> None:
    csv_file = export(rich, ExportFormat.CSV)
    raw = csv_file.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with a byte-order mark
    assert "\r\n'+t7,,t7," in raw.decode("utf-8-sig")
    tsv = export(rich, ExportFormat.TSV).read_text()
    assert "\n'+t7\t\tt7\t" in tsv
    book = load_workbook(export(rich, ExportFormat.XLSX))
    cells = [c for row in book.worksheets[0].iter_rows() for c in row]
    assert any(c.value == "+t7" for c in cells)
    assert all(c.data_type == "s" for c in cells if c.value is not None)


def test_tmx_header_carries_the_attribution(rich: Path) -> None:
    from lxml import etree

    tree = etree.parse(str(export(rich, ExportFormat.TMX)))
    header = tree.find("header")
    assert header is not None
    assert header.get("srclang") == "zh-Hant-TW" and header.get("creationtool")
    assert re.fullmatch(r"\d{8}T\d{6}Z", header.get("creationdate") or "")
    props = {p.get("type"): p.text for p in header.findall("prop")}
    assert props["x-author"] == "Hsiao-ming Wang (王小明)"
    assert props["x-translator"] == "Jane Doe"
    assert props["x-rights"] == "© 2024 Jane Doe"
    assert props["x-publisher"] == "Example Review"
    units = tree.findall("body/tu")
    added = next(u for u in units if u.get("tuid") == "+t7")
    assert [v.get("{http://www.w3.org/XML/1998/namespace}lang") for v in added.findall("tuv")] == [
        "en"
    ]
    omitted = next(u for u in units if u.get("tuid") == "s6")
    assert [
        v.get("{http://www.w3.org/XML/1998/namespace}lang") for v in omitted.findall("tuv")
    ] == ["zh-Hant-TW"]


def test_findings_travel_as_notes(rich: Path) -> None:
    text = export(rich, ExportFormat.XLIFF).read_text()
    assert re.search(
        r'<unit id="s7".*?<note category="toolkit-check">error: source segment s7 is not '
        r"translated \[untranslated\]</note>",
        text,
        flags=re.S,
    )
    quiet = export_work(rich, "rich", ExportOptions(ExportFormat.XLIFF, findings=False))
    assert "toolkit-check" not in quiet.path.read_text()


def test_a_work_with_no_original_exports_its_translation_as_added_beads(tmp_path: Path) -> None:
    make_exchange_work(tmp_path)
    (tmp_path / "source/rich/text.md").unlink()
    (tmp_path / "translations/rich/en.align").unlink()
    file = export(tmp_path, ExportFormat.PO)
    assert file.read_text().count('msgctxt "+t') == 11
    assert bring_back(tmp_path, file).unchanged  # type: ignore[attr-defined]


def test_the_store_fixture_is_what_the_tests_think() -> None:
    assert "s4\tt4,t5" in ALIGN and "[^1]" in SOURCE and "**" in TRANSLATION
    assert fingerprinted(ALIGN, SOURCE, TRANSLATION).count("\treviewed\t") == 4


def test_a_sentence_no_bead_names_goes_out_in_its_place_and_comes_back_aligned(
    rich: Path,
) -> None:
    align = rich / "translations/rich/en.align"
    align.write_text(
        "".join(line for line in align.read_text().splitlines(True) if not line.startswith("s7\t"))
    )
    file = export(rich, ExportFormat.PO)
    keys = re.findall(r'msgctxt "([^"]+)"', file.read_text())
    assert keys == ["s1", "s2,s12", "s3", "s4", "s5", "+t7", "s6", "s7", "s8", "s9", "s10", "s11"]
    assert bring_back(rich, file).unchanged  # type: ignore[attr-defined]
    edit(file, 'msgid "還沒翻譯的一句。"\nmsgstr ""', 'msgid "還沒翻譯的一句。"\nmsgstr "Not yet."')
    bring_back(rich, file)
    lines = align.read_text().splitlines()
    assert (
        lines.index("s7\tt12\t-\tauto")
        == lines.index("s6\t-\t-\tomitted\t" + bead(rich, ("s6",)).fingerprint) + 1
    )


def test_a_sentence_left_out_and_then_translated_is_no_longer_omitted(rich: Path) -> None:
    file = export(rich, ExportFormat.XLIFF1)
    text = file.read_text()
    text = re.sub(
        r'(<trans-unit id="s6".*?<target state="final">)</target>',
        r"\1Only a Chinese reader gets this.</target>",
        text,
        flags=re.S,
    )
    file.write_text(text)
    bring_back(rich, file)
    omitted = bead(rich, ("s6",))
    assert omitted.target == ("t12",) and omitted.state is BeadState.AUTO
    assert omitted.fingerprint is None


def test_markers_a_cat_tool_adds_around_text_are_read_through(rich: Path) -> None:
    file = export(rich, ExportFormat.XLIFF1)
    text = file.read_text().replace(
        "Too little and the fragrance never comes out.",
        '<mrk mtype="seg" mid="2">Too little and the fragrance never came out.</mrk>',
    )
    file.write_text(text)
    assert bring_back(rich, file).changed == ("t5",)  # type: ignore[attr-defined]
    assert segment(rich, "t5") == "Too little and the fragrance never came out."


def test_beads_made_for_several_sentences_keep_the_originals_order(rich: Path) -> None:
    align = rich / "translations/rich/en.align"
    kept = [
        line for line in align.read_text().splitlines(True) if not line.startswith(("s7\t", "s8\t"))
    ]
    align.write_text("".join(kept))
    file = export(rich, ExportFormat.TSV)
    text = file.read_text()
    text = text.replace("還沒翻譯的一句。\t\t", "還沒翻譯的一句。\tNot yet.\t")
    text = text.replace("「茶要慢慢喝。」\t\t", "「茶要慢慢喝。」\tSlowly.\t")
    file.write_text(text)
    bring_back(rich, file)
    beads = [line.split("\t")[:2] for line in align.read_text().splitlines() if line[:1] == "s"]
    assert beads[beads.index(["s6", "-"]) + 1 :][:3] == [["s7", "t12"], ["s8", "t13"], ["s9", "t9"]]


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("- not a list", "\\- not a list"),
        ("# not a heading", "\\# not a heading"),
        ("1. not a numbered item", "1\\. not a numbered item"),
        ("> not a quote", "\\> not a quote"),
    ],
)
def test_a_line_that_would_start_a_block_is_kept_as_text(
    rich: Path, typed: str, stored: str
) -> None:
    file = export(rich, ExportFormat.PO)
    edit(
        file,
        'msgstr "Dadaocheng lies west of Taipei, beside the “Tamsui River”, lined with tea shops."',
        f'msgstr "{typed}"',
    )
    bring_back(rich, file)
    assert segment(rich, "t2") == stored
    assert load_work(rich, "rich").translations["en"].document.blocks[1].kind.value == "paragraph"  # type: ignore[union-attr]


@pytest.mark.parametrize("typed", ["see {#t9}", "```python"])
def test_an_id_or_a_fence_in_a_translation_is_refused_at_its_unit(rich: Path, typed: str) -> None:
    file = export(rich, ExportFormat.PO)
    edit(
        file,
        'msgstr "Dadaocheng lies west of Taipei, beside the “Tamsui River”, lined with tea shops."',
        f'msgstr "{typed}"',
    )
    before = snapshot(rich)
    with pytest.raises(ToolkitError, match="unit s2,s12: a line of its translation") as caught:
        bring_back(rich, file)
    assert caught.value.where is not None and caught.value.where.line > 1
    assert snapshot(rich) == before


def test_an_edit_in_the_store_after_the_export_is_never_overwritten(rich: Path) -> None:
    file = export(rich, ExportFormat.XLIFF)
    text_file = rich / "translations/rich/en.md"
    text_file.write_text(text_file.read_text().replace("matters most!", "counts for most!"))
    before = snapshot(rich)
    report = bring_back(rich, file)  # the file still has the translation as exported
    assert report.unchanged  # type: ignore[attr-defined]
    assert snapshot(rich) == before
    # the translator changed it too: neither is taken over the other
    edit(file, "the owner says, matters most!", "the owner says, is what matters!")
    with pytest.raises(ToolkitError, match="changed in the store since the export") as caught:
        bring_back(rich, file)
    assert caught.value.where is not None and caught.value.where.line > 1
    assert snapshot(rich) == before


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_remembers_what_it_exported(rich: Path, fmt: ExportFormat) -> None:
    file = export(rich, fmt)
    text_file = rich / "translations/rich/en.md"
    text_file.write_text(text_file.read_text().replace("awarded in 2023", "a winner in 2023"))
    before = snapshot(rich)
    assert bring_back(rich, file).unchanged  # type: ignore[attr-defined]
    assert snapshot(rich) == before


def test_comments_in_the_alignment_stay_above_their_beads(rich: Path) -> None:
    align = rich / "translations/rich/en.align"
    lines = [line for line in align.read_text().splitlines(True) if not line.startswith("s7\t")]
    lines.insert(next(n for n, line in enumerate(lines) if line.startswith("s8\t")), "# a quote\n")
    lines.insert(1, "# the work's first bead\n")
    align.write_text("".join(lines))
    file = export(rich, ExportFormat.PO)
    edit(file, 'msgid "還沒翻譯的一句。"\nmsgstr ""', 'msgid "還沒翻譯的一句。"\nmsgstr "Not yet."')
    bring_back(rich, file)
    text = align.read_text()
    assert "\ns7\tt12\t-\tauto\n# a quote\ns8\tt8\t" in text
    assert text.startswith(
        "# source\ttranslation\tscore\tstate\tfingerprint\n# the work's first bead\ns1\t"
    )


def test_a_bead_made_for_the_first_sentence_goes_below_the_files_header(rich: Path) -> None:
    align = rich / "translations/rich/en.align"
    align.write_text(
        "".join(line for line in align.read_text().splitlines(True) if not line.startswith("s1\t"))
    )
    file = export(rich, ExportFormat.PO)
    edit(file, 'msgid "第一章：茶與河"\nmsgstr ""', 'msgid "第一章：茶與河"\nmsgstr "Tea"')
    bring_back(rich, file)
    assert align.read_text().startswith(
        "# source\ttranslation\tscore\tstate\tfingerprint\ns1\tt12\t"
    )
    # the new heading opens the file, and the old first heading keeps a blank line above it
    text = (rich / "translations/rich/en.md").read_text()
    assert text.startswith("# Tea {#t12}\n\n# Chapter One: Tea and the River {#t1}\n\n")


def test_an_xliff_1_2_unit_a_tool_says_needs_work_goes_back_to_auto(rich: Path) -> None:
    file = export(rich, ExportFormat.XLIFF1)
    text = re.sub(
        r'(<trans-unit id="s9".*?<target state=")signed-off',
        r"\1needs-review-translation",
        file.read_text(),
        flags=re.S,
    )
    file.write_text(text)
    assert bring_back(rich, file).states == ("s9",)  # type: ignore[attr-defined]
    assert bead(rich, ("s9",)).state is BeadState.AUTO
