"""toolkit check: coverage numbers and findings on small repositories written by the tests."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import cast

import pytest

from tests.conftest import TRANSLATION_YAML, fingerprinted
from toolkit.check import Coverage, Finding, Report, Severity, check_work
from toolkit.check.findings import Place
from toolkit.check.registry import CHECKS
from toolkit.store.importrecord import text_sha256
from toolkit.store.work import load_work

MakeRepo = Callable[..., Path]


SOURCE_HEAD = "# 第一章 {#s1}\n\n今天天氣很好。 {#s2}\n我們去公園散步，看見「三隻」小鳥。 {#s3}\n"

HEADER = "# source\ttranslation\tscore\tstate\n"
#: The fixture's reviewed bead, with its fingerprint.
S1 = "s1\tt1\t0.95\treviewed\t9134b03e93de\n"

#: The fixture's translation with the sentence of s2 left out (t1 on line 1, t3 on line 3).
TEXT_WITHOUT_T2 = WITHOUT_T2 = """\
# Chapter One {#t1}

We walked in the park and saw “three” little birds. {#t3}
"""


def run_check(root: Path, work: str = "trial") -> Report:
    return check_work(load_work(root, work))


def codes(report: Report) -> list[tuple[str, str, str]]:
    """(code, severity, where) of every finding, sorted."""
    return sorted((f.code, f.severity.label, f.where) for f in report.findings)


def coverage_of(report: Report) -> Coverage:
    assert len(report.coverage) == 1
    return report.coverage[0]


def test_fully_aligned_work_is_clean(make_repo: MakeRepo) -> None:
    report = run_check(make_repo())
    assert report.findings == []
    assert report.fails(Severity.ERROR) is False
    assert report.fails(Severity.INFO) is False
    assert coverage_of(report) == Coverage(
        work="trial",
        lang="en",
        source_segments=3,
        translation_segments=3,
        aligned=3,
        missing=0,
        untranslated=0,
        omitted=0,
        empty=0,
        unaligned_translation=0,
        source_present=True,
    )
    assert coverage_of(report).ratio == 1.0


@pytest.mark.parametrize("align", [None, "default"])
def test_missing_source_text_is_one_warning_and_zero_coverage(
    make_repo: MakeRepo, align: str | None
) -> None:
    # With or without an alignment file: the beads' source IDs cannot be checked
    # against a text that is not there, and that is already the one warning.
    kwargs = {"align": None} if align is None else {}
    report = run_check(make_repo(source=None, **kwargs))
    assert codes(report) == [("source-missing", "warning", "source/trial/text.md")]
    assert report.fails(Severity.ERROR) is False
    assert report.fails(Severity.WARNING) is True
    cov = coverage_of(report)
    assert cov.source_present is False
    assert cov.source_segments == 0
    assert cov.aligned == 0
    assert cov.translation_segments == 3
    assert cov.ratio == 0.0


def test_missing_translation_text_is_a_warning(make_repo: MakeRepo) -> None:
    report = run_check(make_repo(text=None, align=None))
    assert codes(report) == [
        ("not-aligned", "error", "source/trial/text.md:1"),
        ("not-aligned", "error", "source/trial/text.md:3"),
        ("not-aligned", "error", "source/trial/text.md:4"),
        ("translation-missing", "warning", "translations/trial/en.md"),
    ]
    cov = coverage_of(report)
    assert (cov.translation_segments, cov.aligned, cov.missing, cov.ratio) == (0, 0, 3, 0.0)


def test_source_segment_in_no_bead_is_not_aligned(make_repo: MakeRepo) -> None:
    align = HEADER + S1 + "s3\tt3\t0.88\tauto\n"
    report = run_check(make_repo(align=align))
    assert codes(report) == [
        ("not-aligned", "error", "source/trial/text.md:3"),
        ("translation-not-aligned", "warning", "translations/trial/en.md:3"),
    ]
    not_aligned = next(f for f in report.findings if f.code == "not-aligned")
    assert "s2" in not_aligned.message
    assert not_aligned.lang == "en"
    assert not_aligned.work == "trial"
    assert report.fails(Severity.ERROR) is True
    cov = coverage_of(report)
    assert (cov.aligned, cov.missing, cov.unaligned_translation) == (2, 1, 1)


def test_work_without_alignment_file(make_repo: MakeRepo) -> None:
    report = run_check(make_repo(align=None))
    assert codes(report) == [
        ("not-aligned", "error", "source/trial/text.md:1"),
        ("not-aligned", "error", "source/trial/text.md:3"),
        ("not-aligned", "error", "source/trial/text.md:4"),
        ("translation-not-aligned", "warning", "translations/trial/en.md:1"),
        ("translation-not-aligned", "warning", "translations/trial/en.md:3"),
        ("translation-not-aligned", "warning", "translations/trial/en.md:4"),
    ]
    cov = coverage_of(report)
    assert (cov.aligned, cov.missing, cov.unaligned_translation, cov.ratio) == (0, 3, 3, 0.0)


def test_one_to_zero_bead_is_untranslated(make_repo: MakeRepo) -> None:
    align = HEADER + S1 + "s2\t-\t-\tauto\ns3\tt3\t0.88\tauto\n"
    report = run_check(make_repo(text=WITHOUT_T2, align=fingerprinted(align, text=WITHOUT_T2)))
    assert codes(report) == [("untranslated", "error", "source/trial/text.md:3")]
    assert "s2" in report.findings[0].message
    assert report.fails(Severity.ERROR) is True
    cov = coverage_of(report)
    assert (cov.aligned, cov.untranslated, cov.omitted, cov.missing) == (2, 1, 0, 0)
    assert cov.ratio == pytest.approx(2 / 3)


@pytest.mark.parametrize("state", ["reviewed", "locked"])
def test_one_to_zero_bead_in_any_other_state_is_untranslated(
    make_repo: MakeRepo, state: str
) -> None:
    align = HEADER + S1 + f"s2\t-\t-\t{state}\ns3\tt3\t0.88\tauto\n"
    report = run_check(make_repo(text=WITHOUT_T2, align=fingerprinted(align, text=WITHOUT_T2)))
    assert codes(report) == [("untranslated", "error", "source/trial/text.md:3")]


def test_one_to_zero_bead_marked_omitted_is_counted_not_reported(make_repo: MakeRepo) -> None:
    align = HEADER + S1 + "s2\t-\t-\tomitted\ns3\tt3\t0.88\tauto\n"
    report = run_check(make_repo(text=WITHOUT_T2, align=fingerprinted(align, text=WITHOUT_T2)))
    assert report.findings == []
    assert report.fails(Severity.ERROR) is False
    cov = coverage_of(report)
    assert (cov.aligned, cov.untranslated, cov.omitted, cov.missing) == (2, 0, 1, 0)
    assert (cov.source_segments, cov.translation_segments) == (3, 2)


def test_zero_to_one_bead_counts_the_added_segment_as_aligned(make_repo: MakeRepo) -> None:
    text = (
        "# Chapter One {#t1}\n\nThe weather is fine today. {#t2}\n"
        "We walked in the park and saw “three” little birds. {#t3}\n"
        "(The birds are sparrows.) {#t4}\n"
    )
    align = HEADER + S1 + "s2\tt2\t0.9\tauto\ns3\tt3\t0.88\tauto\n-\tt4\t-\tlocked\n"
    report = run_check(make_repo(text=text, align=fingerprinted(align, text=text)))
    assert report.findings == []
    cov = coverage_of(report)
    assert (cov.source_segments, cov.translation_segments) == (3, 4)
    assert (cov.aligned, cov.unaligned_translation) == (3, 0)


def test_many_to_one_bead(make_repo: MakeRepo) -> None:
    text = "# Chapter One {#t1}\n\nThe weather is fine; we walked and saw three birds. {#t2}\n"
    align = HEADER + S1 + "s2,s3\tt2\t0.8\tauto\n"
    report = run_check(make_repo(text=text, align=align))
    assert report.findings == []
    cov = coverage_of(report)
    assert (cov.source_segments, cov.translation_segments, cov.aligned) == (3, 2, 3)


def test_empty_translation_segment(make_repo: MakeRepo) -> None:
    text = (
        "# Chapter One {#t1}\n\n{#t2}\nWe walked in the park and saw “three” little birds. {#t3}\n"
    )
    report = run_check(make_repo(text=text))
    assert codes(report) == [("empty-segment", "error", "translations/trial/en.md:3")]
    assert "t2" in report.findings[0].message
    cov = coverage_of(report)
    # s2's only translation is empty: it is counted as empty, not as aligned.
    assert (cov.aligned, cov.empty, cov.ratio) == (2, 1, 2 / 3)


def test_bead_whose_translation_does_not_exist_leaves_its_source_missing(
    make_repo: MakeRepo,
) -> None:
    align = HEADER + S1 + "s2\tt7\t0.9\tauto\ns3\tt3\t0.88\tauto\n"
    report = run_check(make_repo(align=align))
    cov = coverage_of(report)
    assert (cov.aligned, cov.missing) == (2, 1)
    assert ("bead-unknown-id", "error", "translations/trial/en.align:3") in codes(report)


def test_every_source_segment_is_counted_exactly_once(make_repo: MakeRepo) -> None:
    source = SOURCE_HEAD + "牠們飛走了。 {#s4}\n他們回家。 {#s5}\n"
    text = "# Chapter One {#t1}\n\n{#t2}\nWe walked. {#t3}\n"
    align = HEADER + "s1\tt1\t-\tauto\ns2\tt2\t-\tauto\ns3\t-\t-\tomitted\ns4\t-\t-\tauto\n"
    cov = coverage_of(run_check(make_repo(source=source, text=text, align=align)))
    assert (cov.aligned, cov.empty, cov.omitted, cov.untranslated, cov.missing) == (1, 1, 1, 1, 1)
    assert cov.source_segments == 5


def test_translation_segment_in_no_bead_is_a_warning(make_repo: MakeRepo) -> None:
    text = (
        "# Chapter One {#t1}\n\nThe weather is fine today. {#t2}\n"
        "We walked in the park and saw “three” little birds. {#t3}\n"
        "They sang. {#t4}\n"
    )
    report = run_check(make_repo(text=text))
    assert codes(report) == [("translation-not-aligned", "warning", "translations/trial/en.md:5")]
    assert "t4" in report.findings[0].message
    assert report.fails(Severity.ERROR) is False
    assert report.fails(Severity.WARNING) is True
    cov = coverage_of(report)
    assert (cov.aligned, cov.unaligned_translation, cov.translation_segments) == (3, 1, 4)


def test_bead_naming_unknown_ids_is_an_error_at_its_align_line(make_repo: MakeRepo) -> None:
    align = HEADER + S1 + "s2\tt2\t0.9\tauto\ns3\tt3\t0.88\tauto\ns9\tt9\t-\tauto\n"
    report = run_check(make_repo(align=align))
    assert codes(report) == [
        ("bead-unknown-id", "error", "translations/trial/en.align:5"),
        ("bead-unknown-id", "error", "translations/trial/en.align:5"),
    ]
    messages = sorted(f.message for f in report.findings)
    assert "source segment s9" in messages[0]
    assert "translation segment t9" in messages[1]
    # The real segments are still counted; the unknown ones are not.
    cov = coverage_of(report)
    assert (cov.source_segments, cov.aligned, cov.missing) == (3, 3, 0)


def test_segment_without_id(make_repo: MakeRepo) -> None:
    source = SOURCE_HEAD + "牠們在唱歌。\n"
    text = (
        "# Chapter One {#t1}\n\nThe weather is fine today. {#t2}\nAn added line.\n"
        "We walked in the park and saw “three” little birds. {#t3}\n"
    )
    report = run_check(make_repo(source=source, text=text))
    assert codes(report) == [
        ("segment-without-id", "error", "source/trial/text.md:5"),
        ("segment-without-id", "error", "translations/trial/en.md:4"),
    ]
    by_where = {f.where: f for f in report.findings}
    assert by_where["source/trial/text.md:5"].lang is None
    assert by_where["translations/trial/en.md:4"].lang == "en"


def test_duplicate_ids_are_reported_once_per_id(make_repo: MakeRepo) -> None:
    source = SOURCE_HEAD + "牠們在唱歌。 {#s2}\n"
    text = (
        "# Chapter One {#t1}\n\nThe weather is fine today. {#t2}\n"
        "We walked in the park and saw “three” little birds. {#t3}\n"
        "They sang. {#t3}\nAnd flew. {#t3}\n"
    )
    report = run_check(make_repo(source=source, text=text))
    dupes = [f for f in report.findings if f.code == "duplicate-id"]
    assert sorted((f.severity.label, f.where) for f in dupes) == [
        ("error", "source/trial/text.md:3"),
        ("error", "translations/trial/en.md:4"),
    ]
    messages = sorted(f.message for f in dupes)
    assert messages == ["ID s2 is used 2 times in this file", "ID t3 is used 3 times in this file"]


def test_missing_author_is_an_attribution_error(make_repo: MakeRepo) -> None:
    original = "language: zh-Hant-TW\ntitle: 測試之作\nrights: © 2024 某人\n"
    report = run_check(make_repo(original=original))
    # No author is an error; no publisher, address or date (recommended) are warnings.
    assert codes(report) == [
        ("attribution-missing", "error", "source/trial/work.yaml"),
        ("attribution-missing", "warning", "source/trial/work.yaml"),
        ("attribution-missing", "warning", "source/trial/work.yaml"),
        ("attribution-missing", "warning", "source/trial/work.yaml"),
    ]
    by_severity = sorted((f.severity, f.message) for f in report.findings)
    assert "'authors'" in by_severity[-1][1]
    warned = " ".join(m for _, m in by_severity[:-1])
    assert all(f"'{name}'" in warned for name in ("publisher", "url", "date"))
    assert all(f.lang is None for f in report.findings)
    assert report.fails(Severity.ERROR) is True


def test_missing_translator_is_an_attribution_error(make_repo: MakeRepo) -> None:
    meta = TRANSLATION_YAML.replace("translators:\n  - name: {en: Jane Doe}\n", "")
    report = run_check(make_repo(meta=meta))
    assert codes(report) == [("attribution-missing", "error", "translations/trial/en.yaml")]
    assert "'translators'" in report.findings[0].message
    assert report.findings[0].lang == "en"


def test_empty_author_list_is_as_bad_as_none(make_repo: MakeRepo) -> None:
    original = (
        "language: zh-Hant-TW\ntitle: 測試之作\nauthors: []\n"
        "publisher:\n  name: {zh-Hant: 試刊社}\nurl: https://example.org/zh/1\n"
        "date: 2024-01-02\nrights: © 2024 王小明\n"
    )
    report = run_check(make_repo(original=original))
    assert codes(report) == [("attribution-missing", "error", "source/trial/work.yaml")]


def test_missing_rights_is_a_warning(make_repo: MakeRepo) -> None:
    meta = TRANSLATION_YAML.replace("rights: © 2024 Jane Doe\n", "")
    report = run_check(make_repo(meta=meta))
    assert codes(report) == [("rights-missing", "warning", "translations/trial/en.yaml")]
    assert report.fails(Severity.ERROR) is False


def test_a_licence_stands_in_for_rights(make_repo: MakeRepo) -> None:
    meta = TRANSLATION_YAML.replace("rights: © 2024 Jane Doe\n", "licence: CC BY 4.0\n")
    assert run_check(make_repo(meta=meta)).findings == []


def test_figure_without_credit_is_a_warning(make_repo: MakeRepo) -> None:
    source = (
        "# 第一章 {#s1}\n\n今天天氣很好。 {#s2}\n我們去公園散步，看見「三隻」小鳥。 {#s3}\n\n"
        "![小鳥](images/birds.jpg) {#s4}\n"
    )
    align = HEADER + "s1\tt1\ns2\tt2\ns3\tt3\ns4\t-\t-\tomitted\n"
    root = make_repo(source=source, align=fingerprinted(align, source=source))
    (root / "source/trial/images").mkdir()
    (root / "source/trial/images/birds.jpg").write_bytes(b"\xff\xd8\xff")
    report = run_check(root)
    assert codes(report) == [("image-credit-missing", "warning", "source/trial/text.md:6")]


RECORD = """\
file: trial.txt
sha256: {sha}
final_newline: true
parts:
  - lines: "1"
    to: metadata
    field: {field}{hash}
  - lines: "2"
    to: set_aside
    reason: separator
    text: ["***"]
  - lines: 3-5
    to: body
"""


def _write_record(root: Path, field: str, moved: str | None = None) -> None:
    """A record of text moved to ``field``: with the SHA-256 of ``moved``, if given."""
    path = root / "translations" / "trial" / "en.import.yaml"
    digest = "" if moved is None else f"\n    sha256: {text_sha256(moved)}"
    path.write_text(RECORD.format(sha="0" * 64, field=field, hash=digest), encoding="utf-8")


@pytest.mark.parametrize(
    ("field", "extra"),
    [
        ("translator_note", ""),
        ("photo_credits[0].as_published", ""),
        (
            "photo_credits[1].as_published",
            "photo_credits:\n  - text: Li Wei\n    as_published: (Photo by Li Wei)\n",
        ),
    ],
)
def test_import_text_moved_to_a_field_that_is_gone(
    make_repo: MakeRepo, field: str, extra: str
) -> None:
    root = make_repo(meta=TRANSLATION_YAML + extra)
    _write_record(root, field)
    report = run_check(root)
    assert codes(report) == [("import-text-lost", "error", "translations/trial/en.import.yaml")]
    assert field in report.findings[0].message
    assert report.fails(Severity.ERROR) is True


@pytest.mark.parametrize(
    ("field", "extra"),
    [
        ("translator_note", "translator_note: Translated with permission.\n"),
        (
            "photo_credits[0].as_published",
            "photo_credits:\n  - text: Li Wei\n    as_published: (Photo by Li Wei)\n",
        ),
    ],
)
def test_import_text_still_in_its_field_is_fine(
    make_repo: MakeRepo, field: str, extra: str
) -> None:
    root = make_repo(meta=TRANSLATION_YAML + extra)
    _write_record(root, field)  # a record from before moved text had a hash
    assert run_check(root).findings == []
    moved = "Translated with permission." if field == "translator_note" else "(Photo by Li Wei)"
    _write_record(root, field, moved)
    assert run_check(root).findings == []


@pytest.mark.parametrize(
    ("field", "extra", "moved"),
    [
        ("translator_note", "translator_note: x\n", "Translated with permission."),
        (
            "translator_note",
            "translator_note: Translated with permission.\n",
            "Translated with permission. ",  # the import moved it with a trailing space
        ),
        (
            "photo_credits[0].as_published",
            "photo_credits:\n  - text: Li Wei\n    as_published: (Photo by Li)\n",
            "(Photo by Li Wei)",
        ),
    ],
    ids=["note-replaced", "note-trimmed", "credit-edited"],
)
def test_import_text_changed_in_its_field_is_lost(
    make_repo: MakeRepo, field: str, extra: str, moved: str
) -> None:
    root = make_repo(meta=TRANSLATION_YAML + extra)
    _write_record(root, field, moved)
    report = run_check(root)
    assert codes(report) == [("import-text-lost", "error", "translations/trial/en.import.yaml")]
    message = report.findings[0].message
    assert f"'{field}'" in message and "line 1 " in message and "other text" in message
    assert report.fails(Severity.ERROR) is True


def test_report_to_json(make_repo: MakeRepo) -> None:
    align = HEADER + S1 + "s2\t-\t-\tomitted\ns3\t-\t-\tauto\n"
    text = "# Chapter One {#t1}\n"
    meta = TRANSLATION_YAML.replace("rights: © 2024 Jane Doe\n", "")
    report = run_check(make_repo(text=text, align=fingerprinted(align, text=text), meta=meta))
    data = report.to_json()
    assert json.loads(json.dumps(data)) == data  # plain JSON types only
    assert list(data) == ["schema", "coverage", "findings", "suppressed", "summary"]
    assert data["schema"] == "toolkit-check/2"
    assert data["summary"] == {"error": 1, "warning": 1, "info": 0, "suppressed": 0}
    assert data["coverage"] == [
        {
            "work": "trial",
            "lang": "en",
            "source_present": True,
            "source_segments": 3,
            "translation_segments": 1,
            "aligned": 1,
            "missing": 0,
            "untranslated": 1,
            "omitted": 1,
            "empty": 0,
            "unaligned_translation": 0,
            "of_file": False,
            "fuzzy": 0,
            "coverage": 0.3333,
        }
    ]
    findings = sorted(
        cast(list[dict[str, object]], data["findings"]), key=lambda f: str(f["check"])
    )
    assert findings[0] == {
        "check": "rights-missing",
        "family": "attribution",
        "severity": "warning",
        "message": "no rights or licence statement",
        "work": "trial",
        "lang": "en",
        "at": {"path": "translations/trial/en.yaml", "line": None, "column": None},
        "end": None,
        "other": None,
        "source_ids": [],
        "target_ids": [],
        "fix": "add 'rights' (who holds the copyright) or 'licence'",
        "suppression": None,
    }
    untranslated = findings[1]
    assert untranslated["check"] == "untranslated"
    assert untranslated["severity"] == "error"
    assert untranslated["at"] == {"path": "source/trial/text.md", "line": 4, "column": None}
    assert untranslated["source_ids"] == ["s3"]
    assert untranslated["lang"] == "en"


def test_report_fails_at_threshold() -> None:
    report = Report([Finding(check=CHECKS["rights-missing"], message="m", work="w")])
    assert report.fails(Severity.INFO) is True
    assert report.fails(Severity.WARNING) is True
    assert report.fails(Severity.ERROR) is False
    assert Report().fails(Severity.INFO) is False
    assert report.count(Severity.WARNING) == 1
    assert report.count(Severity.ERROR) == 0


def test_finding_where_and_severity() -> None:
    check = CHECKS["untranslated"]
    at = Place("a/b.md", 7)
    assert Finding(check=check, message="m", work="w", at=at).where == "a/b.md:7"
    assert Finding(check=check, message="m", work="w", at=Place("a/b.md", 7, 3)).where == (
        "a/b.md:7:3"
    )
    assert Finding(check=check, message="m", work="w", at=Place("a/b.md")).where == "a/b.md"
    assert Finding(check=check, message="m", work="w").where == "w"
    assert Finding(check=check, message="m", work="w").severity is Severity.ERROR  # the check's
    lower = Finding(check=check, message="m", work="w", level=Severity.INFO)
    assert lower.severity is Severity.INFO


def test_check_adds_to_a_given_report(make_repo: MakeRepo) -> None:
    root = make_repo()
    report = Report([Finding(check=CHECKS["rights-missing"], message="m", work="other")])
    returned = check_work(load_work(root, "trial"), report)
    assert returned is report
    assert [f.work for f in report.findings] == ["other"]
    assert len(report.coverage) == 1


def test_an_empty_cell_translated_by_an_empty_cell_is_not_a_finding(make_repo: MakeRepo) -> None:
    source = "| 年份 {#s1}\n| {#s2}\n"
    text = "| Year {#t1}\n| {#t2}\n"
    align = HEADER + "s1\tt1\t0.9\tauto\ns2\tt2\t0.9\tauto\n"
    report = run_check(make_repo(source=source, text=text, align=align))
    assert report.findings == []
    assert coverage_of(report).aligned == 2
    # An empty translation of a cell that has text is still an empty segment.
    report = run_check(
        make_repo(source=source.replace("| {#s2}", "| 人數 {#s2}"), text=text, align=align)
    )
    assert [f.code for f in report.findings] == ["empty-segment"]


def test_coverage_looks_each_text_up_once_not_once_per_bead(
    make_repo: MakeRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Found on a generated 10,000-bead book: the original's look-up table was rebuilt for
    # every bead, and preflight took 56 s. Counted, not timed: a work twice as long must
    # not make more look-ups.
    from toolkit.check.coverage import check_coverage
    from toolkit.model import Document

    calls = 0
    by_id = Document.by_id

    def counted(self: Document) -> dict[str, object]:
        nonlocal calls
        calls += 1
        return dict(by_id(self))

    monkeypatch.setattr(Document, "by_id", counted)
    made = []
    for n in (3, 60):
        source = "".join(f"第{i}句。 {{#s{i}}}\n" for i in range(1, n + 1))
        text = "".join(f"Sentence {i}. {{#t{i}}}\n" for i in range(1, n + 1))
        align = "".join(f"s{i}\tt{i}\n" for i in range(1, n + 1))
        root = make_repo(work=f"w{n}", source=source, text=text, align=align)
        calls = 0
        check_coverage(load_work(root, f"w{n}"))
        made.append(calls)
    assert made[0] == made[1] <= 8


def test_the_terminal_report_shows_control_characters_as_escapes() -> None:
    # Noticed in issue 7: a finding quoting text with an escape sequence (or a file named
    # with one) printed it raw, and a terminal acts on it (clears, recolours, retitles).
    import click

    from toolkit.check.human import render_human

    hostile = "\x1b]0;pwned\x07\x1b[2J\u202eevil"
    finding = Finding(
        check=CHECKS["rights-missing"],
        message=f"text {hostile}",
        work="w",
        at=Place(f"a{hostile}.md", 3),
        fix=f"mend {hostile}",
    )
    shown = click.unstyle(render_human(Report([finding])))  # the report's own colours off
    assert not any(ch in shown for ch in "\x1b\x07\u202e")
    assert "\\u001b]0;pwned\\u0007" in shown and "\\u202eevil" in shown
