"""`toolkit import`: what it writes, what it moves or sets aside, and what it refuses."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tests.conftest import TRANSLATION_YAML
from toolkit.cli import cli
from toolkit.importing import reassemble
from toolkit.metadata import Credit
from toolkit.model import BlockKind
from toolkit.store.alignfile import read_alignment
from toolkit.store.document import read_document
from toolkit.store.importrecord import load_record
from toolkit.store.inline import plain_text
from toolkit.store.metafile import load_translation
from toolkit.store.work import load_work

MakeRepo = Callable[..., Path]

#: The fixture's translation metadata without 'rights': one warning.
META_WITHOUT_RIGHTS = TRANSLATION_YAML.replace("rights: © 2024 Jane Doe\n", "")


def run(root: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--root", str(root), *args])


# --- toolkit import --------------------------------------------------------------------------

NOTE = "Translator's note: this story first appeared in Example Review."
CREDIT = "(Featured photo by Li Wei on Example Images)"
ARTICLE = [
    NOTE,  # 1: translator's note -> metadata
    "***",  # 2: separator -> set aside
    "The Birds of the Park",  # 3: bare-line heading -> t1
    "",  # 4
    CREDIT,  # 5: photo credit -> metadata
    "",  # 6
    "The weather was fine today.",  # 7 -> t2
    "We walked in the park and saw *three* little birds [sic] {#not-an-id}.",  # 8 -> t3
    "",  # 9
    "# is not a heading here, and 50% is not markup.",  # 10 -> t4
    "",  # 11
    "- Another Story - November 2, 2024",  # 12: related posts -> set aside
    "- A Third Story - October 30, 2024",  # 13
]
SEGMENTS = [
    ("t1", "The Birds of the Park"),
    ("t2", "The weather was fine today."),
    ("t3", "We walked in the park and saw *three* little birds [sic] {#not-an-id}."),
    ("t4", "# is not a heading here, and 50% is not markup."),
]
PARTS = [
    ("1", "metadata", "translator_note"),
    ("2", "set_aside", None),
    ("3", "body", None),
    ("4", "set_aside", None),
    ("5", "metadata", "photo_credits[0].as_published"),
    ("6", "set_aside", None),
    ("7-8", "body", None),
    ("9", "set_aside", None),
    ("10", "body", None),
    ("11", "set_aside", None),
    ("12-13", "set_aside", None),
]


def _article(newline: str, final: bool) -> bytes:
    text = newline.join(ARTICLE) + (newline if final else "")
    return text.encode("utf-8")


@pytest.mark.parametrize(
    ("newline", "final"),
    [("\n", True), ("\n", False), ("\r\n", True), ("\r\n", False)],
    ids=["lf", "lf-no-final-newline", "crlf", "crlf-no-final-newline"],
)
def test_import_writes_segments_record_and_metadata(
    make_repo: MakeRepo, tmp_path: Path, newline: str, final: bool
) -> None:
    root = make_repo(text=None, align=None, meta=META_WITHOUT_RIGHTS)
    data = _article(newline, final)
    article = tmp_path / "birds.txt"
    article.write_bytes(data)

    result = run(root, "import", "trial", str(article), "--lang", "en")
    assert result.exit_code == 0, result.output
    folder = root / "translations" / "trial"
    assert "imported 4 segments into " in result.stdout
    assert str(Path("translations", "trial", "en.md")) in result.stdout
    assert "moved to metadata: photo_credits" in result.stdout
    assert "moved to metadata: translator_note" in result.stdout
    assert "set aside: line 2: separator" in result.stdout
    assert "set aside: lines 12-13: the site's list of related posts" in result.stdout
    assert "set aside: 4 blank lines\n" in result.stdout  # one line for lines 4, 6, 9, 11
    assert "blank lines (" not in result.stdout
    assert result.stderr == ""  # no en.align: nothing to warn about

    document = read_document(folder / "en.md")
    assert [(s.id, plain_text(s.text)) for s in document.segments()] == SEGMENTS
    kinds = [b.kind for b in document.blocks]
    assert kinds == [
        BlockKind.HEADING,
        BlockKind.PARAGRAPH,
        BlockKind.PARAGRAPH,
        BlockKind.PARAGRAPH,
    ]

    meta = load_translation(folder / "en.yaml")
    assert meta.title == "A Work for Testing"  # what was there is kept
    assert meta.translators[0].name == {"en": "Jane Doe"}
    assert meta.translator_note == NOTE
    assert meta.photo_credits == [Credit(text="Li Wei on Example Images", as_published=CREDIT)]

    record = load_record(folder / "en.import.yaml")
    assert record.file == "birds.txt"
    assert record.sha256 == hashlib.sha256(data).hexdigest()
    assert record.newline == ("crlf" if newline == "\r\n" else "lf")
    assert record.final_newline is final
    assert [(str(p.lines), p.to, p.field and str(p.field)) for p in record.parts] == PARTS
    assert record.parts[-1].text == ARTICLE[11:13]

    rebuilt = reassemble(record, document, meta, "en")
    assert rebuilt.encode("utf-8") == data


def test_import_of_a_file_with_a_byte_order_mark_reassembles_exactly(
    make_repo: MakeRepo, tmp_path: Path
) -> None:
    root = make_repo(text=None, align=None, meta=META_WITHOUT_RIGHTS)
    data = "\ufeff".encode() + _article("\r\n", True)
    article = tmp_path / "birds.txt"
    article.write_bytes(data)
    assert run(root, "import", "trial", str(article), "--lang", "en").exit_code == 0
    folder = root / "translations" / "trial"
    record = load_record(folder / "en.import.yaml")
    assert record.bom is True
    meta = load_translation(folder / "en.yaml")
    assert meta.translator_note == NOTE  # the mark is not part of the note
    rebuilt = reassemble(record, read_document(folder / "en.md"), meta, "en")
    assert rebuilt.encode("utf-8") == data


def test_imported_work_checks_without_lost_text(make_repo: MakeRepo, tmp_path: Path) -> None:
    root = make_repo(text=None, align=None, meta=META_WITHOUT_RIGHTS)
    article = tmp_path / "birds.txt"
    article.write_bytes(_article("\n", True))
    assert run(root, "import", "trial", str(article), "--lang", "en").exit_code == 0
    result = run(root, "check", "--format", "json")
    data = json.loads(result.stdout)
    assert data["coverage"][0]["translation_segments"] == 4
    found = {f["check"] for f in data["findings"]}
    assert "import-text-lost" not in found
    assert "not-aligned" in found  # nothing is aligned yet
    assert result.exit_code == 1

    # Deleting the moved note from the metadata is caught.
    meta_path = root / "translations" / "trial" / "en.yaml"
    text = meta_path.read_text(encoding="utf-8")
    note_line = next(line for line in text.splitlines() if line.startswith("translator_note:"))
    meta_path.write_text(text.replace(note_line + "\n", ""), encoding="utf-8")
    data = json.loads(run(root, "check", "--format", "json").stdout)
    lost = [f for f in data["findings"] if f["check"] == "import-text-lost"]
    assert [(f["at"]["path"], f["severity"]) for f in lost] == [
        ("translations/trial/en.import.yaml", "error")
    ]

    # So is replacing it with other text.
    meta_path.write_text(text.replace(note_line, "translator_note: x"), encoding="utf-8")
    data = json.loads(run(root, "check", "--format", "json").stdout)
    lost = [f for f in data["findings"] if f["check"] == "import-text-lost"]
    assert len(lost) == 1
    assert "line 1 to metadata 'translator_note'" in lost[0]["message"]


def test_import_keeps_a_different_existing_note_and_sets_the_imported_one_aside(
    make_repo: MakeRepo, tmp_path: Path
) -> None:
    meta = META_WITHOUT_RIGHTS + "translator_note: A note the editor corrected.\n"
    root = make_repo(text=None, align=None, meta=meta.replace("\n", "\r\n"))
    data = _article("\n", True)
    article = tmp_path / "birds.txt"
    article.write_bytes(data)
    result = run(root, "import", "trial", str(article), "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "kept existing metadata: translator_note" in result.stdout
    assert "set aside: line 1: translator_note as imported" in result.stdout
    folder = root / "translations" / "trial"
    meta_bytes = (folder / "en.yaml").read_bytes()
    assert b"\r\n" in meta_bytes and b"\n" not in meta_bytes.replace(b"\r\n", b"")
    loaded = load_translation(folder / "en.yaml")
    assert loaded.translator_note == "A note the editor corrected."
    record = load_record(folder / "en.import.yaml")
    assert (record.parts[0].to, record.parts[0].text) == ("set_aside", [NOTE])
    # Nothing is lost: the imported file still reassembles exactly.
    rebuilt = reassemble(record, read_document(folder / "en.md"), loaded, "en")
    assert rebuilt.encode("utf-8") == data


def test_import_refuses_to_overwrite_without_force(make_repo: MakeRepo, tmp_path: Path) -> None:
    root = make_repo()  # en.md is already there
    text_path = root / "translations" / "trial" / "en.md"
    meta_path = root / "translations" / "trial" / "en.yaml"
    before = (text_path.read_bytes(), meta_path.read_bytes())
    article = tmp_path / "birds.txt"
    article.write_bytes(_article("\n", True))

    refused = run(root, "import", "trial", str(article), "--lang", "en")
    assert refused.exit_code == 2
    assert "en.md exists" in refused.stderr
    assert "--force" in refused.stderr
    assert (text_path.read_bytes(), meta_path.read_bytes()) == before
    assert not (root / "translations" / "trial" / "en.import.yaml").exists()

    align_path = root / "translations" / "trial" / "en.align"
    align = align_path.read_bytes()
    forced = run(root, "import", "trial", str(article), "--lang", "en", "--force")
    assert forced.exit_code == 2  # en.md was written by hand: --force alone would lose it
    assert "has been edited since the toolkit wrote it" in forced.stderr
    assert "--discard-edits" in forced.stderr
    assert (text_path.read_bytes(), meta_path.read_bytes()) == before
    forced = run(root, "import", "trial", str(article), "--lang", "en", "--discard-edits")
    assert forced.exit_code == 0, forced.output
    [backup] = (root / "translations" / "trial").glob("en.md.*.bak")
    assert backup.read_bytes() == before[0]
    document = read_document(text_path)
    # No old text is left, so every segment is new: its ID follows the old ones, which
    # the alignment file still names and which are never given to other text.
    renumbered = [(f"t{int(i[1:]) + 3}", text) for i, text in SEGMENTS]
    assert [(s.id, plain_text(s.text)) for s in document.segments()] == renumbered
    assert "IDs: 0 kept (unchanged text), 4 new, 3 gone: t1, t2, t3" in forced.stdout
    for n in (1, 2, 3):  # the beads of s1, s2 and s3, on lines 2, 3 and 4 of en.align
        assert f"warning: en.align:{n + 1}: s{n} → t{n} (" in forced.stderr, forced.stderr
    assert align_path.read_bytes() == align


def test_import_without_a_metadata_file_exits_2_and_writes_nothing(
    make_repo: MakeRepo, tmp_path: Path
) -> None:
    root = make_repo(text=None, align=None, meta=None)
    article = tmp_path / "birds.txt"
    article.write_bytes(_article("\n", True))
    result = run(root, "import", "trial", str(article), "--lang", "en")
    assert result.exit_code == 2, result.output
    assert "en.yaml does not exist" in result.stderr
    assert "'language: en' and 'title:'" in result.stderr
    assert "docs/metadata.md" in result.stderr
    assert "invalid metadata" not in result.stderr
    assert not (root / "translations" / "trial").exists() or not any(
        (root / "translations" / "trial").iterdir()
    )


@pytest.mark.parametrize(
    "empty",
    [
        "translator_note:\nphoto_credits: []\n",
        "translator_note: ~  # to be written\nphoto_credits: [] # none yet\n",
        "photo_credits: []\ntranslator_note: null",
    ],
    ids=["bare", "with-comments", "no-final-newline"],
)
def test_import_fills_in_empty_metadata_values(
    make_repo: MakeRepo, tmp_path: Path, empty: str
) -> None:
    meta = "# The English translation\n" + META_WITHOUT_RIGHTS + empty
    root = make_repo(text=None, align=None, meta=meta.replace("\n", "\r\n"))
    data = _article("\n", True)
    article = tmp_path / "birds.txt"
    article.write_bytes(data)
    result = run(root, "import", "trial", str(article), "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "moved to metadata: photo_credits" in result.stdout
    assert "moved to metadata: translator_note" in result.stdout
    folder = root / "translations" / "trial"
    meta_text = (folder / "en.yaml").read_bytes().decode("utf-8")
    assert "\n" not in meta_text.replace("\r\n", "")  # the file's line endings are kept
    assert meta_text.startswith("# The English translation\r\n")
    for comment in ("# to be written", "# none yet"):
        assert (comment in meta_text) is (comment in empty)
    assert meta_text.count("translator_note:") == meta_text.count("photo_credits:") == 1
    loaded = load_translation(folder / "en.yaml")
    assert loaded.translator_note == NOTE
    assert loaded.photo_credits == [Credit(text="Li Wei on Example Images", as_published=CREDIT)]
    record = load_record(folder / "en.import.yaml")
    assert [p.to for p in record.parts if p.field] == ["metadata", "metadata"]
    assert reassemble(record, read_document(folder / "en.md"), loaded, "en").encode("utf-8") == data


def test_import_into_unknown_work_exits_2(make_repo: MakeRepo, tmp_path: Path) -> None:
    root = make_repo()
    article = tmp_path / "birds.txt"
    article.write_bytes(_article("\n", True))
    result = run(root, "import", "nothing-here", str(article), "--lang", "en")
    assert result.exit_code == 2
    assert "no work 'nothing-here'" in result.stderr


def test_import_of_a_missing_file_exits_2(make_repo: MakeRepo, tmp_path: Path) -> None:
    result = run(make_repo(), "import", "trial", str(tmp_path / "absent.txt"), "--lang", "en")
    assert result.exit_code == 2
    assert "absent.txt" in result.stderr


def test_import_needs_lang(make_repo: MakeRepo, tmp_path: Path) -> None:
    article = tmp_path / "birds.txt"
    article.write_bytes(_article("\n", True))
    result = run(make_repo(text=None, align=None), "import", "trial", str(article))
    assert result.exit_code == 2
    assert "--lang" in result.stderr


@pytest.mark.parametrize(
    ("data", "line"),
    [(b"Title\r\nBody one.\nBody two.\r\n", 2), (b"Title\nBody one.\rBody two.\n", 2)],
    ids=["crlf-and-lf", "lone-cr"],
)
def test_import_of_mixed_line_endings_exits_2(
    make_repo: MakeRepo, tmp_path: Path, data: bytes, line: int
) -> None:
    root = make_repo(text=None, align=None)
    article = tmp_path / "mixed.txt"
    article.write_bytes(data)
    result = run(root, "import", "trial", str(article), "--lang", "en")
    assert result.exit_code == 2, result.output
    assert f"mixed.txt:{line}: mixed line endings" in result.stderr
    assert not (root / "translations" / "trial" / "en.md").exists()


def test_import_of_a_file_in_no_known_encoding_exits_2(make_repo: MakeRepo, tmp_path: Path) -> None:
    root = make_repo(text=None, align=None)
    article = tmp_path / "garbled.txt"
    article.write_bytes(b"Title\nBody \x80\xff text.\n")
    result = run(root, "import", "trial", str(article), "--lang", "en")
    assert result.exit_code == 2
    assert "garbled.txt:2: cannot be read as UTF-8, Big5 or GB18030 (byte offset 11" in (
        result.stderr
    )
    assert "--encoding" in result.stderr
    assert not (root / "translations" / "trial" / "en.md").exists()


@pytest.mark.parametrize(
    ("lang", "meta", "words"),
    [
        ("EN", None, "not a language tag"),
        ("fr", "language: en\ntitle: Les oiseaux\n", "says language: en, but --lang is fr"),
    ],
)
def test_import_refuses_a_language_its_metadata_does_not_declare(
    make_repo: MakeRepo, tmp_path: Path, lang: str, meta: str | None, words: str
) -> None:
    root = make_repo(text=None, align=None)
    if meta is not None:
        (root / "translations/trial" / f"{lang}.yaml").write_text(meta, "utf-8")
    before = sorted(p.name for p in (root / "translations/trial").iterdir())
    article = tmp_path / "birds.txt"
    article.write_bytes(_article("\n", True))
    result = run(root, "import", "trial", str(article), "--lang", lang)
    assert result.exit_code == 2
    assert words in result.output
    assert sorted(p.name for p in (root / "translations/trial").iterdir()) == before


# --- the original, sentences, encodings ------------------------------------------------------

ZH_ARTICLE = """\
公園裡的小鳥
文／王小明
319 人閱讀
今天天氣很好。我們去公園散步，看見「三隻」小鳥！
圖片來源：試刊社
牠們在樹上唱歌，一直唱到傍晚。
"""


def _original_repo(make_repo: MakeRepo) -> Path:
    return make_repo(source=None, text=None, align=None)


@pytest.mark.parametrize(
    ("encoding", "data"),
    [
        ("utf-8", ZH_ARTICLE.encode("utf-8")),
        ("utf-8", b"\xef\xbb\xbf" + ZH_ARTICLE.encode("utf-8")),
        ("big5", ZH_ARTICLE.encode("big5")),
        ("gb18030", ZH_ARTICLE.replace("公園裡的小鳥", "公园里的小鸟").encode("gb18030")),
        ("utf-16-le", b"\xff\xfe" + ZH_ARTICLE.encode("utf-16-le")),
        ("utf-16-be", b"\xfe\xff" + ZH_ARTICLE.encode("utf-16-be")),
    ],
    ids=["utf-8", "utf-8-bom", "big5", "gb18030", "utf-16-le", "utf-16-be"],
)
def test_the_original_is_imported_in_any_of_its_encodings_and_reassembles(
    make_repo: MakeRepo, tmp_path: Path, encoding: str, data: bytes
) -> None:
    root = _original_repo(make_repo)
    article = tmp_path / "article.txt"
    article.write_bytes(data)
    result = run(root, "import", "trial", str(article), "--lang", "zh-Hant-TW")
    assert result.exit_code == 0, result.output
    assert f"(the original; read as {encoding} (" in result.stdout
    assert "set aside: line 2: the byline, which repeats the metadata's author" in result.stdout
    assert "set aside: line 3: a read or view counter" in result.stdout
    assert "moved to metadata: image_credits" in result.stdout
    work = load_work(root, "trial")
    assert work.source is not None and work.source_record is not None
    texts = [plain_text(s.text) for s in work.source.segments()]
    assert texts[0] == ("公园里的小鸟" if encoding == "gb18030" else "公園裡的小鳥")
    assert texts[1:] == [
        "今天天氣很好。",
        "我們去公園散步，看見「三隻」小鳥！",
        "牠們在樹上唱歌，一直唱到傍晚。",
    ]
    assert [s.id for s in work.source.segments()] == ["s1", "s2", "s3", "s4"]
    assert work.original.image_credits[-1].as_published == "圖片來源：試刊社"
    record = work.source_record
    assert record.encoding == encoding
    rebuilt = reassemble(record, work.source, work.original, "zh-Hant-TW")
    assert rebuilt.encode(record.encoding) == data


def test_an_encoding_can_be_named(make_repo: MakeRepo, tmp_path: Path) -> None:
    root = _original_repo(make_repo)
    article = tmp_path / "article.txt"
    article.write_bytes("今天天氣很好。\n".encode("big5"))
    named = run(root, "import", "trial", str(article), "--lang", "zh-Hant-TW", "--encoding", "gbk")
    assert named.exit_code == 0, named.output  # Big5 bytes read as GBK: readable, but wrong
    assert "read as gb18030 (given)" in named.stdout
    bad = run(root, "import", "trial", str(article), "--lang", "zh-Hant-TW", "--encoding", "kio8")
    assert bad.exit_code == 2
    assert "--encoding 'kio8' is not an encoding Python knows" in bad.stderr


def test_a_language_close_to_the_originals_is_refused(make_repo: MakeRepo, tmp_path: Path) -> None:
    root = _original_repo(make_repo)
    article = tmp_path / "article.txt"
    article.write_text("今天天氣很好。\n", "utf-8")
    result = run(root, "import", "trial", str(article), "--lang", "zh-Hant")
    assert result.exit_code == 2
    assert "import the original with --lang zh-Hant-TW" in result.stderr
    assert not (root / "source/trial/text.md").exists()


def test_paragraphs_become_sentence_lines_unless_asked_not_to(
    make_repo: MakeRepo, tmp_path: Path
) -> None:
    root = make_repo(text=None, align=None)
    article = tmp_path / "a.txt"
    article.write_text("Title\n\nDr. Li came at 9 a.m. today.  It rained. Then it stopped.\n")
    assert run(root, "import", "trial", str(article), "--lang", "en").exit_code == 0
    text = (root / "translations/trial/en.md").read_text("utf-8")
    assert text.splitlines() == [
        "# Title {#t1}",
        "",
        "Dr. Li came at 9 a.m. today. {#t2}",
        "It rained. {#t3}",
        "Then it stopped. {#t4}",
    ]
    record = load_record(root / "translations/trial/en.import.yaml")
    assert record.spacing == {"t2": "  "}  # the one gap that is not a single space
    work = load_work(root, "trial")
    en = work.translations["en"]
    assert en.document is not None and en.record is not None
    assert reassemble(en.record, en.document, en.meta, "en").encode() == article.read_bytes()

    whole = run(root, "import", "trial", str(article), "--lang", "en", "--force", "--no-sentences")
    assert whole.exit_code == 0, whole.output
    lines = (root / "translations/trial/en.md").read_text("utf-8").splitlines()
    assert lines[-1] == "Dr. Li came at 9 a.m. today.  It rained. Then it stopped. {#t5}"


# --- importing again ---------------------------------------------------------------------------

FIRST = "Title\n\nOne sentence. Two sentence.\n\nThree sentence.\n"
REVISED = "Title\n\nA new opening. One sentence. Two sentences now.\n\nThree sentence.\n"


def test_importing_the_same_file_again_changes_nothing(make_repo: MakeRepo, tmp_path: Path) -> None:
    root = make_repo(text=None, align=None)
    article = tmp_path / "a.txt"
    article.write_text(FIRST)
    assert run(root, "import", "trial", str(article), "--lang", "en").exit_code == 0
    folder = root / "translations/trial"
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    again = run(root, "import", "trial", str(article), "--lang", "en")  # no --force needed
    assert again.exit_code == 0, again.output
    assert "unchanged: " in again.stdout
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_a_revised_file_keeps_the_ids_of_unchanged_text_and_names_the_beads_it_breaks(
    make_repo: MakeRepo, tmp_path: Path
) -> None:
    root = make_repo(text=None, align=None)
    article = tmp_path / "a.txt"
    article.write_text(FIRST)
    assert run(root, "import", "trial", str(article), "--lang", "en").exit_code == 0
    folder = root / "translations/trial"
    assert read_document(folder / "en.md").segment_ids() == ["t1", "t2", "t3", "t4"]
    align = "s1\tt1\t1\treviewed\ns2\tt2\t1\tlocked\ns3\tt3,t4\t0.9\tauto\n"
    (folder / "en.align").write_text(align)

    article.write_text(REVISED)
    refused = run(root, "import", "trial", str(article), "--lang", "en")
    assert refused.exit_code == 2
    assert "2 new or changed segments, 1 gone" in refused.stderr

    forced = run(root, "import", "trial", str(article), "--lang", "en", "--force")
    assert forced.exit_code == 0, forced.output
    document = read_document(folder / "en.md")
    assert [(s.id, plain_text(s.text)) for s in document.segments()] == [
        ("t1", "Title"),
        ("t5", "A new opening."),
        ("t2", "One sentence."),
        ("t6", "Two sentences now."),
        ("t4", "Three sentence."),
    ]
    assert "IDs: 3 kept (unchanged text), 2 new, 1 gone: t3" in forced.stdout
    assert "warning: en.align:3: s3 → t3,t4 (auto) names t3, whose text changed" in forced.stderr
    assert "fix: read those beads again, then: toolkit align trial\n" in forced.stderr
    assert (folder / "en.align").read_text() == align  # the alignment is the user's to redo


def test_a_revised_file_says_how_to_hand_back_a_bead_a_person_reviewed(
    make_repo: MakeRepo, tmp_path: Path
) -> None:
    """Found writing the guide: align keeps a reviewed bead naming a changed segment as it
    is, and nothing said what to do. The report gives the commands."""
    root = make_repo(text=None, align=None)
    article = tmp_path / "a.txt"
    article.write_text(FIRST)
    assert run(root, "import", "trial", str(article), "--lang", "en").exit_code == 0
    folder = root / "translations/trial"
    (folder / "en.align").write_text(
        "s1\tt1\t1\treviewed\ns2\tt2\t1\tlocked\ns3\tt3,t4\t0.9\treviewed\n"
    )
    article.write_text(REVISED)
    forced = run(root, "import", "trial", str(article), "--lang", "en", "--force")
    assert forced.exit_code == 0, forced.output
    fix = "toolkit mark trial --lang en --state auto s3; toolkit align trial\n"
    assert f"fix: read those beads again, then: {fix}" in forced.stderr
    for command in fix.strip().split("; "):  # and they do it
        assert run(root, *command.split()[1:]).exit_code == 0
    beads = read_alignment(folder / "en.align").beads
    named = [i for bead in beads for i in bead.target]
    assert sorted(named) == ["t1", "t2", "t4", "t5", "t6"]  # the new text, and no t3


def test_import_help_says_what_must_exist_first() -> None:
    result = CliRunner().invoke(cli, ["import", "--help"])
    assert result.exit_code == 0
    text = " ".join(result.output.split())
    assert "What must exist first: the work (source/WORK/work.yaml; toolkit new makes it)" in text
    assert "translations/WORK/LANG.yaml" in text


def test_lines_that_would_read_as_blocks_are_imported_as_text(
    make_repo: MakeRepo, tmp_path: Path
) -> None:
    root = make_repo(text=None, align=None)
    article = tmp_path / "a.txt"
    lines = ["Title", "  - an indented dash.", "  12. an indented number.", "[^1]: not a note."]
    article.write_text("\n\n".join(lines) + "\n", "utf-8")
    result = run(root, "import", "trial", str(article), "--lang", "en")
    assert result.exit_code == 0, result.output
    document = read_document(root / "translations/trial/en.md")
    assert [plain_text(s.text) for s in document.segments()] == lines


def test_an_id_once_given_is_never_given_to_other_text(make_repo: MakeRepo, tmp_path: Path) -> None:
    root = make_repo(text=None, align=None)
    article = tmp_path / "a.txt"
    for text in ("One.\n\nTwo.\n\nThree.\n", "One.\n\nTwo.\n", "One.\n\nTwo.\n\nBrand new.\n"):
        article.write_text(text)
        result = run(root, "import", "trial", str(article), "--lang", "en", "--force")
        assert result.exit_code == 0, result.output
    document = read_document(root / "translations/trial/en.md")
    assert [(s.id, s.text) for s in document.segments()] == [
        ("t1", "One."),
        ("t2", "Two."),
        ("t4", "Brand new."),  # t3 was "Three.", and stays its
    ]
    assert load_record(root / "translations/trial/en.import.yaml").last_id == "t4"


def test_importing_again_never_loses_a_hand_edit_silently(
    make_repo: MakeRepo, tmp_path: Path
) -> None:
    root = make_repo(text=None, align=None)
    article = tmp_path / "a.txt"
    article.write_text(FIRST)
    assert run(root, "import", "trial", str(article), "--lang", "en").exit_code == 0
    text = root / "translations/trial/en.md"
    edited = text.read_text("utf-8").replace("Two sentence.", "Two sentences, as corrected.")
    text.write_text(edited, "utf-8")
    article.write_text(REVISED)
    refused = run(root, "import", "trial", str(article), "--lang", "en", "--force")
    assert refused.exit_code == 2
    assert "has been edited since the toolkit wrote it" in refused.stderr
    assert text.read_text("utf-8") == edited
    forced = run(root, "import", "trial", str(article), "--lang", "en", "--discard-edits")
    assert forced.exit_code == 0, forced.output
    [backup] = text.parent.glob("en.md.*.bak")
    assert backup.read_text("utf-8") == edited  # the edits are kept beside the new text
    assert "Two sentences, as corrected." not in text.read_text("utf-8")
    # Written by the import and not edited since: --force is enough again.
    article.write_text(FIRST)
    again = run(root, "import", "trial", str(article), "--lang", "en", "--force")
    assert again.exit_code == 0, again.output
    assert len(list(text.parent.glob("en.md.*.bak"))) == 1


@pytest.mark.parametrize("data", [b"", b"\xef\xbb\xbf", b"\n\n  \n", b"- Story - May 1, 2024\n"])
def test_a_file_with_no_body_text_imports_with_a_warning(
    make_repo: MakeRepo, tmp_path: Path, data: bytes
) -> None:
    root = make_repo(text=None, align=None)
    article = tmp_path / "empty.txt"
    article.write_bytes(data)
    result = run(root, "import", "trial", str(article), "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "warning: empty.txt holds no text for the body" in result.stderr
    assert read_document(root / "translations/trial/en.md").segment_ids() == []


def test_limits_hold_for_imports_too(
    make_repo: MakeRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_repo(text=None, align=None)
    article = tmp_path / "long.txt"
    article.write_text("Title\n\n" + "word " * 300 + "\n", "utf-8")
    monkeypatch.setenv("TOOLKIT_MAX_SEGMENT_CHARS", "1000")
    result = run(root, "import", "trial", str(article), "--lang", "en")
    assert result.exit_code == 2
    assert "long.txt:3: this sentence or paragraph is 1,500 characters long" in result.stderr
    assert "TOOLKIT_MAX_SEGMENT_CHARS" in result.stderr
    monkeypatch.setenv("TOOLKIT_MAX_FILE_BYTES", "100")
    result = run(root, "import", "trial", str(article), "--lang", "en")
    assert result.exit_code == 2 and "more than the limit of 100 bytes" in result.stderr
    assert not (root / "translations/trial/en.md").exists()


def test_a_metadata_file_with_an_alias_stops_the_import(
    make_repo: MakeRepo, tmp_path: Path
) -> None:
    meta = TRANSLATION_YAML + "translator_note: &n x\nphoto_credits: *n\n"
    root = make_repo(text=None, align=None, meta=meta)
    article = tmp_path / "a.txt"
    article.write_text("Note.\n***\nBody.\n", "utf-8")
    result = run(root, "import", "trial", str(article), "--lang", "en")
    assert result.exit_code == 2
    assert "en.yaml" in result.stderr and "alias" in result.stderr.lower()


def test_a_device_or_a_pipe_is_not_imported(make_repo: MakeRepo, tmp_path: Path) -> None:
    root = make_repo(text=None, align=None)
    zero = tmp_path / "zero.txt"
    zero.symlink_to("/dev/zero")
    result = run(root, "import", "trial", str(zero), "--lang", "en")
    assert result.exit_code == 2
    assert "not a regular file" in result.stderr
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    result = run(root, "import", "trial", str(fifo), "--lang", "en")
    assert result.exit_code == 2 and "not a regular file" in result.stderr
    assert not (root / "translations/trial/en.md").exists()


def test_an_import_writes_through_a_link_in_the_work_and_never_out_of_it(
    make_repo: MakeRepo, tmp_path: Path
) -> None:
    root = make_repo(text=None, align=None)
    folder = root / "translations/trial"
    article = tmp_path / "a.txt"
    article.write_text(FIRST, "utf-8")
    assert run(root, "import", "trial", str(article), "--lang", "en").exit_code == 0
    (folder / "drafts").mkdir()
    (folder / "en.md").rename(folder / "drafts/en.md")
    (folder / "en.md").symlink_to("drafts/en.md")
    article.write_text(REVISED, "utf-8")
    result = run(root, "import", "trial", str(article), "--lang", "en", "--force")
    assert result.exit_code == 0, result.output
    assert (folder / "en.md").is_symlink()  # the link stays, its file is the new text
    assert "A new opening." in (folder / "drafts/en.md").read_text("utf-8")

    page = tmp_path / "page"
    shutil.copytree(Path(__file__).parent / "cases/import", page)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (folder / "images").symlink_to(elsewhere)
    result = run(root, "import", "trial", str(page / "en-news.html"), "--lang", "en", "--force")
    assert result.exit_code == 2
    assert "images" in result.stderr
    assert list(elsewhere.iterdir()) == []


def test_a_files_text_in_the_report_is_shown_not_acted_on(
    make_repo: MakeRepo, tmp_path: Path
) -> None:
    """A key of a Markdown file's metadata is quoted where the report says it was set
    aside: an escape sequence in it (here an OSC that would retitle the terminal, written
    as YAML's escapes) is printed as its escape."""
    root = make_repo(text=None)
    source = tmp_path / "evil.md"
    source.write_text('---\n"k\\e]0;owned\\a\\u202e": x\n---\n\nOne. Two.\n', "utf-8")
    result = run(root, "import", "trial", str(source), "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "\u202e" not in result.output
    assert "metadata: k\\u001b]0;owned\\u0007\\u202e" in result.output
