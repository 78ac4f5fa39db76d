"""Import of plain text: whatever the text, the store gives it back byte for byte."""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.conftest import ORIGINAL_YAML, examples
from toolkit.errors import ToolkitError
from toolkit.importing import (
    Imported,
    ImportOptions,
    ImportReport,
    ReadContext,
    Role,
    apply_import,
    find_target,
    import_file,
    import_text,
    reassemble,
)
from toolkit.importing.apply import prepare
from toolkit.importing.plaintext import NOTE_FIELD, credit_field, photo_credit
from toolkit.metadata import Credit, Translation
from toolkit.model import Document
from toolkit.store.document import parse_document, read_document, write_document
from toolkit.store.importrecord import (
    Destination,
    ImportRecord,
    Reason,
    dump_record,
    load_record,
    text_sha256,
)
from toolkit.store.metafile import load_translation, parse_model
from toolkit.store.work import WorkPaths

#: What the reader knows when it reads an English translation with no title or names.
EN = ReadContext("en", Role.TRANSLATION)


def _import(text: str) -> Imported:
    return import_text(text, "in.txt", EN)


def _apply(paths: WorkPaths, imported: Imported, source: Path | None = None) -> ImportReport:
    target = find_target(paths.root, paths.work, "en")
    return apply_import(target, imported, ImportOptions("en"), source=source)


# --- the property: import -> write -> parse -> reassemble is the identity ------------------

WORDS = st.sampled_from(
    [
        "The weather was fine today.",
        "We walked in the park",
        "今天天氣很好。",
        "我們去公園散步，看見「三隻」小鳥！",
        "（全形括號）：；？",
        "Photo",
        "Featured",
        "by",
        "on Pexels",
        "Li Wei",
        "a",
        " ",
        "  ",
    ]
)
#: Text that may hold anything but a line break of the file (LF, CR).
ANY_TEXT = st.text(st.characters(blacklist_categories=["Cs"], blacklist_characters="\r\n"))
SPECIAL = st.sampled_from(
    [
        "# not a heading",
        "## also not",
        "> not a quote",
        ">",
        "[^1]: not a footnote",
        "![not](a-figure.jpg)",
        "*emphasis* and **strong** and `code`",
        "[a link](https://example.org)",
        "ends like an ID {#t1}",
        "{#t9}",
        "a backslash \\",
        "\\*escaped\\*",
        "***",
        "---",
        "* * *",
        "50% of $3_000",
        "{#",
        "}",
    ]
)


#: A sentence: words, Chinese with full-width punctuation, and anything at all.
SENTENCE = st.lists(st.one_of(WORDS, ANY_TEXT), min_size=1, max_size=4).map("".join)
CREDIT = st.builds(
    str.format,
    st.sampled_from(
        [
            "(Featured photo by {} on Example Images)",
            "(Featured photo by Photo by {} on Pexels)",
            "(Photo: {})",
            "(Image credit: {})",
            "(Picture by {})",
            "(Picture this: {})",
            "({})",
        ]
    ),
    st.one_of(WORDS, ANY_TEXT.filter(lambda s: ")" not in s)),
)
LINE = st.one_of(
    SENTENCE,
    st.sampled_from(["", " ", "\t", "\u3000", "\x85", "\u2028"]),
    st.just("***"),
    CREDIT,
    st.builds("- {} - November 2, 2024".format, SENTENCE),
    SPECIAL,
    st.builds("  {}".format, st.one_of(SENTENCE, SPECIAL)),
    st.builds("\ufeff{}".format, SENTENCE),
    st.builds("{}{}{}".format, SENTENCE, st.sampled_from(["\x85", "\u2028"]), SENTENCE),
)


@st.composite
def imported_files(draw: st.DrawFn) -> str:
    """A plain-text file: lines of every kind, LF or CRLF, maybe a final newline and a BOM."""
    lines = draw(st.lists(LINE, max_size=14))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    text = newline.join(lines)
    # bool(lines): mypy would infer draw's type from the list on the left of `and`
    if bool(lines) and draw(st.booleans()):
        text += newline
    if draw(st.booleans()):
        text = "\ufeff" + text
    return text


def moved_metadata(imported: Imported) -> Translation:
    """A translation's metadata holding what the import moved there, and nothing else."""
    found = imported.metadata
    credits: list[Credit] = []
    while credit_field(Role.TRANSLATION, len(credits)) in found:
        as_published = found[credit_field(Role.TRANSLATION, len(credits))]
        text = photo_credit(as_published)
        assert text
        credits.append(Credit(text=text, as_published=as_published))
    assert len(credits) + (NOTE_FIELD in found) == len(found)
    return Translation(
        language="en",
        title="A Work for Testing",
        translator_note=found.get(NOTE_FIELD),
        photo_credits=credits,
    )


#: Texts that once failed: each lost or changed a character, or could not be written.
EXAMPLES = [
    "\n***",
    "(Photo by X)\x85",
    "\ufeff\ufeffBody.",
    "\ufeff\ufeff(Photo by X)",
    "Note\n\n***\nBody.",
    "\r\n\r\nNote\r\n",
    "A\n\nB\n***\nC\n",
    "(Picture this: a park)",
    "\x85\n***\n",
    "Note\x85two\r\n***\r\n\r\n",
]


def _roundtrip(text: str) -> tuple[Imported, Document, ImportRecord]:
    """Import ``text`` (sentences split, IDs given), write and read back the files' texts."""
    imported = _import(text)
    ready = prepare(imported, "en", prefix="t")
    document = parse_document(write_document(ready.document))
    assert document == ready.document
    record = parse_model(dump_record(ready.record), "in.import.yaml", ImportRecord)
    assert record == ready.record
    return imported, document, record


@settings(max_examples=examples(300), deadline=None)
@given(imported_files())
@example("")
@example("\ufeff")
@example("\n")
def test_import_write_parse_reassemble_gives_back_the_text(text: str) -> None:
    imported, document, record = _roundtrip(text)
    assert record.sha256 == hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert reassemble(record, document, moved_metadata(imported), "en") == text
    for part in record.moved_to_metadata():
        assert part.field is not None
        assert part.sha256 == text_sha256(imported.metadata[part.field])
    covered = [n for p in record.parts if p.lines for n in p.lines.numbers()]
    assert covered == list(range(1, len(covered) + 1))


@pytest.mark.parametrize("text", EXAMPLES)
def test_what_the_fuzzer_found_reassembles(text: str) -> None:
    imported, document, record = _roundtrip(text)
    assert reassemble(record, document, moved_metadata(imported), "en") == text


#: Endings of <lang>.yaml: nothing, or the fields the import fills in, left empty.
EMPTY_FIELDS = st.sampled_from(
    [
        "",
        "translator_note:\n",
        "translator_note: ~  # to come\n",
        "photo_credits: []\n",
        "photo_credits: [] # none yet\ntranslator_note:",
    ]
)


@settings(max_examples=examples(60), deadline=None)
@given(imported_files(), EMPTY_FIELDS)
@example("(Photo by X)\x85", "")
@example("Note\x85\r\n***\r\nBody.", "translator_note: # to come\n")
def test_import_into_a_work_reassembles_from_the_files_it_wrote(text: str, extra: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        paths = _work(Path(tmp), meta=META + extra)
        imported = _import(text)
        _apply(paths, imported)
        meta = load_translation(paths.translation_meta("en"))
        record = load_record(paths.import_record("en"))
        document = read_document(paths.translation_text("en"))
        assert reassemble(record, document, meta, "en").encode("utf-8") == text.encode("utf-8")
        # Everything the import found and the metadata file lacked went there.
        moved = {p.field for p in record.moved_to_metadata()}
        assert moved == set(imported.metadata)


# --- the parts of an import -------------------------------------------------------------------

META = "language: en\ntitle: A Work for Testing\n"


def _work(root: Path, meta: str | None = META, align: str | None = None) -> WorkPaths:
    paths = WorkPaths(root, "trial")
    paths.original_meta.parent.mkdir(parents=True)
    paths.original_meta.write_text(ORIGINAL_YAML, encoding="utf-8")
    paths.translation_meta("en").parent.mkdir(parents=True)
    if meta is not None:
        paths.translation_meta("en").write_bytes(meta.encode("utf-8"))
    if align is not None:
        paths.alignment("en").write_text(align, encoding="utf-8")
    return paths


def _kinds(text: str) -> list[tuple[str, str, str | None]]:
    parts = _import(text).record.parts
    return [(str(p.lines), p.to.value, None if p.field is None else str(p.field)) for p in parts]


@pytest.mark.parametrize(
    ("line", "text"),
    [
        ("(Featured photo by Li Wei on Example Images)", "Li Wei on Example Images"),
        ("(Featured photo by Photo by Markus Winkler on Pexels)", "Markus Winkler on Pexels"),
        ("(Photo: Li Wei)", "Li Wei"),
        ("(photo:Li Wei)", "Li Wei"),
        ("(Image credit: Li Wei / Example Images)", "Li Wei / Example Images"),
        ("(Image by Li Wei)", "Li Wei"),
        ("(Picture credit: Li Wei)", "Li Wei"),
        ("  (Photo by Li Wei)  ", "Li Wei"),
    ],
)
def test_photo_credits_are_recognised_and_their_text_extracted(line: str, text: str) -> None:
    assert photo_credit(line) == text
    assert _kinds(f"Body.\n{line}\n") == [
        ("1", "body", None),
        ("2", "metadata", "photo_credits[0].as_published"),
    ]


@pytest.mark.parametrize(
    "line",
    [
        "(Picture this: a park)",
        "(Photo opportunities abound)",
        "(Photographs by Li Wei)",
        "(Image of a park)",
        "(Photo by )",
        "(Photo:)",
        "(Featured story by Li Wei)",
        "Photo by Li Wei",
    ],
)
def test_lines_that_only_look_like_credits_are_body(line: str) -> None:
    assert photo_credit(line) is None
    assert _kinds(f"Body.\n{line}\n") == [("1-2", "body", None)]


@pytest.mark.parametrize(
    ("text", "kinds", "note"),
    [
        (
            "Note.\n***\nBody.\n",
            [("1", "metadata", "translator_note"), ("2", "set_aside", None), ("3", "body", None)],
            "Note.",
        ),
        (
            "\nNote one.\nNote two.\n\n\n***\nBody.\n",
            [
                ("1", "set_aside", None),
                ("2-3", "metadata", "translator_note"),
                ("4-5", "set_aside", None),
                ("6", "set_aside", None),
                ("7", "body", None),
            ],
            "Note one.\nNote two.",
        ),
        ("\n***\nBody.\n", [("1", "set_aside", None), ("2-3", "body", None)], None),
        (
            "One.\n\nTwo.\n***\nBody.\n",
            [("1", "body", None), ("2", "set_aside", None), ("3-5", "body", None)],
            None,
        ),
        ("A.\nB.\nC.\nD.\n***\n", [("1-5", "body", None)], None),
        ("***\nBody.\n", [("1-2", "body", None)], None),
    ],
    ids=["one-line", "blank-lines-around", "no-note", "not-contiguous", "too-long", "rule-first"],
)
def test_translators_note_is_contiguous_lines_just_before_the_rule(
    text: str, kinds: list[tuple[str, str, str | None]], note: str | None
) -> None:
    imported = _import(text)
    assert _kinds(text) == kinds
    assert imported.metadata.get(NOTE_FIELD) == note


def test_a_file_starting_with_two_byte_order_marks_is_written_with_one_of_its_own() -> None:
    text = "\ufeff\ufeffThe weather was fine today.\n"
    imported = _import(text)
    assert imported.record.bom is True
    written = write_document(prepare(imported, "en", prefix="t").document)
    assert written.startswith("\ufeff\ufeffThe weather")
    document = parse_document(written)
    assert document.segment_ids() == ["t1"]
    assert reassemble(imported.record, document, moved_metadata(imported), "en") == text


def test_a_moved_line_with_a_next_line_character_is_kept_whole(tmp_path: Path) -> None:
    paths = _work(tmp_path, meta=META + "photo_credits:\n  - text: Someone else\n")
    text = "Body.\n(Photo by X)\x85\n"
    _apply(paths, _import(text))
    record = load_record(paths.import_record("en"))
    assert record.parts[1].to is Destination.SET_ASIDE
    assert record.parts[1].text == ["(Photo by X)\x85"]
    meta = load_translation(paths.translation_meta("en"))
    document = read_document(paths.translation_text("en"))
    assert reassemble(record, document, meta, "en") == text


def test_a_segment_that_cannot_be_written_is_an_error_at_its_input_line(tmp_path: Path) -> None:
    paths = _work(tmp_path)
    imported = _import("One.\n\nTwo.\n")
    first, second = imported.document.blocks
    broken = Document((first, second.__class__(second.kind, second.segments, blank_before=0)))
    with pytest.raises(ToolkitError) as caught:
        _apply(paths, Imported(broken, imported.record), source=tmp_path / "in.txt")
    assert caught.value.where is not None
    assert (Path(caught.value.where.path).name, caught.value.where.line) == ("in.txt", 3)
    assert not paths.translation_text("en").exists()


# --- the metadata file --------------------------------------------------------------------

ARTICLE = "A note.\n***\nBody.\n(Photo: Li Wei)\n"


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        (
            "language: en\r\ntranslator_note:\r\ntitle: T  # the title\r\n",
            "language: en\r\ntranslator_note: A note.\r\ntitle: T  # the title\r\n"
            "# Added by toolkit import\r\n"
            "photo_credits:\r\n- text: Li Wei\r\n  as_published: '(Photo: Li Wei)'\r\n",
        ),
        (
            "language: en\ntitle: T\ntranslator_note: ~   # later\nphoto_credits: []  # none yet\n",
            "language: en\ntitle: T\ntranslator_note: A note.   # later\n"
            "photo_credits: [{text: Li Wei, as_published: '(Photo: Li Wei)'}]  # none yet\n",
        ),
        (
            "# Metadata\nlanguage: en\ntitle: T\nphoto_credits: []\ntranslator_note: null",
            "# Metadata\nlanguage: en\ntitle: T\n"
            "photo_credits: [{text: Li Wei, as_published: '(Photo: Li Wei)'}]\n"
            "translator_note: A note.",
        ),
    ],
    ids=["null-and-missing-crlf", "null-and-empty-list-with-comments", "no-final-newline"],
)
def test_empty_metadata_values_are_filled_in_place(
    tmp_path: Path, meta: str, expected: str
) -> None:
    paths = _work(tmp_path, meta=meta)
    report = _apply(paths, _import(ARTICLE))
    assert report.added_to_metadata == ["photo_credits", "translator_note"]
    assert paths.translation_meta("en").read_bytes().decode("utf-8") == expected
    loaded = load_translation(paths.translation_meta("en"))
    assert loaded.translator_note == "A note."
    assert loaded.photo_credits == [Credit(text="Li Wei", as_published="(Photo: Li Wei)")]


def test_missing_metadata_file_is_an_error_before_anything_is_written(tmp_path: Path) -> None:
    paths = _work(tmp_path, meta=None)
    article = tmp_path / "in.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    with pytest.raises(ToolkitError) as caught:
        import_file(paths.root, paths.work, article, ImportOptions("en"))
    assert "en.yaml does not exist" in caught.value.message
    assert "language: en" in caught.value.fix and "title:" in caught.value.fix
    assert "docs/metadata.md" in caught.value.fix
    assert sorted(p.name for p in paths.translations_dir.iterdir()) == []


# --- the report ---------------------------------------------------------------------------


def test_blank_lines_are_counted_not_listed(tmp_path: Path) -> None:
    paths = _work(tmp_path)
    text = "Title\n\nOne.\n\n\nTwo.\n\n- Another Story - November 2, 2024\n"
    report = _apply(paths, _import(text))
    assert report.blank_lines == 4
    assert [(str(p.lines), p.reason) for p in report.set_aside] == [("8", Reason.RELATED)]


def test_ids_an_alignment_file_names_are_not_given_to_new_text(tmp_path: Path) -> None:
    align = "# source\ttranslation\tscore\tstate\ns1\tt1\t0.9\tauto\n"
    paths = _work(tmp_path, align=align)
    report = _apply(paths, _import("Body.\n"))
    assert read_document(paths.translation_text("en")).segment_ids() == ["t2"]
    assert report.beads == []  # no text was there before, so none changed
    assert paths.alignment("en").read_text(encoding="utf-8") == align
    fresh = _work(tmp_path / "fresh")
    _apply(fresh, _import("Body.\n"))
    assert read_document(fresh.translation_text("en")).segment_ids() == ["t1"]
