"""The first work: the supplied English text, imported with nothing lost and nothing changed."""

from __future__ import annotations

import hashlib

import pytest

from tests.conftest import first_work_as_supplied
from toolkit import Work, check_work, load_work
from toolkit.check import Severity
from toolkit.importing import reassemble
from toolkit.model import BlockKind
from toolkit.store.importrecord import Reason
from toolkit.store.inline import plain_text

#: SHA-256 of ../shared/seed/000_e1df769973795f3f.txt, the English text as the user supplied it.
SUPPLIED_SHA256 = "1b78a1a8af6566a6476ad6022dd51a97746ae290480fd5c80933d7c01a9df080"
WORK = "china-russia"


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Work:
    """The first work as supplied: these tests hold whether or not a user has since added
    the original (the README invites it)."""
    return load_work(first_work_as_supplied(tmp_path_factory.mktemp("seed")), WORK)


def test_body_metadata_and_set_aside_reassemble_the_supplied_file(work: Work) -> None:
    en = work.translations["en"]
    assert en.record is not None and en.document is not None
    assert en.record.sha256 == SUPPLIED_SHA256
    text = reassemble(en.record, en.document, en.meta, "en")
    assert hashlib.sha256(text.encode("utf-8")).hexdigest() == SUPPLIED_SHA256
    # Every line of the supplied file is accounted for exactly once.
    covered = [n for p in en.record.parts if p.lines for n in p.lines.numbers()]
    assert covered == list(range(1, text.count("\n") + 2))


def test_translators_note_and_photo_credit_are_metadata_not_body(work: Work) -> None:
    en = work.translations["en"]
    assert en.document is not None
    body = "\n".join(plain_text(s.text) for s in en.document.segments())
    note = en.meta.translator_note
    assert note is not None
    assert note.startswith("This is a translation of the original 中俄背靠背")
    assert note.endswith("Translation by Chieh-Ting Yeh.")
    assert "This is a translation" not in body
    credit = en.meta.photo_credits[0]
    assert credit.text == "Markus Winkler on Pexels"
    assert credit.as_published == "(Featured photo by Photo by Markus Winkler on Pexels)"
    assert "Featured photo" not in body


def test_related_posts_are_set_aside_and_recorded(work: Work) -> None:
    en = work.translations["en"]
    assert en.record is not None and en.document is not None
    body = "\n".join(plain_text(s.text) for s in en.document.segments())
    assert "Trump 2.0" not in body
    furniture = [p for p in en.record.set_aside() if p.reason is Reason.RELATED]
    assert len(furniture) == 1
    assert str(furniture[0].lines) == "29-31"
    assert [t.split(" – ")[-1] for t in furniture[0].text or []] == [
        "Part III - November 27, 2024",
        "Part II - November 27, 2024",
        "Part I - November 25, 2024",
    ]


def test_bare_lines_became_headings(work: Work) -> None:
    doc = work.translations["en"].document
    assert doc is not None
    headings = [plain_text(b.segments[0].text) for b in doc.blocks if b.kind is BlockKind.HEADING]
    assert headings == [
        "Stuck in Ukraine",
        "China-Russia economic, military and financial cooperation",
        "The strategic thinking",
        "The ideological basis of the China-Russia partnership",
    ]
    paragraphs = [b for b in doc.blocks if b.kind is BlockKind.PARAGRAPH]
    assert len(paragraphs) == 21


def test_flaws_of_the_real_text_are_kept_as_written(work: Work) -> None:
    doc = work.translations["en"].document
    assert doc is not None
    segments = [plain_text(s.text) for s in doc.segments()]
    body = "\n".join(segments)
    assert "lost of military hardware" in body
    assert "10 warships and 30 aircraft was involved" in body
    [quote] = [s for s in segments if "two countries’ interests.”" in s]
    assert quote.count("”") == quote.count("“") + 1  # a closing quote with no opening one


def test_sentence_lines_kept_the_ids_of_the_imported_paragraphs(work: Work) -> None:
    doc = work.translations["en"].document
    assert doc is not None
    assert [b.segments[0].id for b in doc.blocks] == [f"t{n}" for n in range(1, 26)]
    ids = doc.segment_ids()
    assert len(ids) == len(set(ids)) > 25  # one sentence a line, each its own ID


def test_original_is_credited_in_its_metadata(work: Work) -> None:
    original = work.original
    assert original.title == "中俄背靠背的地緣戰略與意識形態根源"
    assert original.authors[0].name == {"zh-Hant": "周奕成", "en": "Yi-cheng Jou"}
    assert original.publisher is not None
    assert original.publisher.name["zh-Hant"] == "思想坦克"
    assert original.image_credits[0].text == "圖片來源：達志影像／美聯社"
    assert str(original.date) == "2024-07-01"


def test_check_reports_zero_source_coverage_as_a_finding_not_an_error(work: Work) -> None:
    report = check_work(work)
    [coverage] = report.coverage
    assert (coverage.source_present, coverage.source_segments, coverage.ratio) == (False, 0, 0.0)
    doc = work.translations["en"].document
    assert doc is not None
    assert coverage.translation_segments == len(doc.segment_ids())
    codes = {f.code: f.severity for f in report.findings}
    assert codes["source-missing"] is Severity.WARNING
    assert not report.fails(Severity.ERROR)


def test_check_finds_the_stray_quotation_mark_and_the_doubled_currency(work: Work) -> None:
    found = {(f.code, f.line, f.column) for f in check_work(work).findings}
    assert ("quote-unopened", 9, 161) in found  # "…the two countries’ interests.”"
    assert ("currency-twice", 27, 37) in found  # "US$240 billion dollars"
