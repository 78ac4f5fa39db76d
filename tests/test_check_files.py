"""`toolkit check FILE`: the translation checks over PO, XLIFF and TMX files."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner, Result
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.check.qa.files import FileOptions, _sphinx_plain, check_file
from toolkit.cli import cli
from toolkit.exchange.entry import CODE

PO = """\
msgid ""
msgstr ""
"Language: zh_TW\\n"
"Content-Type: text/plain; charset=UTF-8\\n"

msgctxt "price"
msgid "It costs $5 dollars."
msgstr "它要價5美元。"

#: lib.rst:9
msgid "Call ``print(\\"x\\")`` or :func:`repr` to show it."
msgstr "呼叫 ``print(\\"x\\")`` 或 :func:`repr` 來顯示它。"

msgid "He said it was done."
msgstr "他說完成了。」"

#, fuzzy
msgid "Later."
msgstr "稍後。"

msgid "Never."
msgstr ""
"""

XLIFF_NO_LANGS = """\
<?xml version="1.0"?>
<xliff version="1.2"><file original="x" datatype="plaintext"><body>
<trans-unit id="q1"><source>他說：「走吧。</source><target>He said: go.”</target></trans-unit>
</body></file></xliff>
"""


def run(cwd: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--root", str(cwd), *args])


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_findings_name_the_entry_and_its_line(tmp_path: Path) -> None:
    report = check_file(write(tmp_path / "a.po", PO))
    found = {(f.code, f.line, f.source_ids) for f in report.findings}
    assert ("quote-unopened", 14, ()) in found  # the target side: Chinese
    # The source is upstream's, not the translator's to fix: its own slips are not read.
    assert not any(f.code == "currency-twice" for f in report.findings)
    # Sphinx's literals and roles are code: the quotes inside ``print("x")`` are not text.
    assert not any(f.line == 10 for f in report.findings)


def test_fuzzy_and_untranslated_entries_count_toward_coverage_only(tmp_path: Path) -> None:
    report = check_file(write(tmp_path / "a.po", PO))
    [cov] = report.coverage
    assert (cov.source_segments, cov.aligned, cov.fuzzy, cov.untranslated) == (5, 3, 1, 1)
    assert cov.of_file and cov.lang == "zh-TW"
    assert not any(f.line in (17, 21) for f in report.findings)


def test_languages_the_file_does_not_declare_come_from_the_command_line(tmp_path: Path) -> None:
    path = write(tmp_path / "q.xlf", XLIFF_NO_LANGS)
    result = run(tmp_path, "check", str(path))
    assert result.exit_code == 2
    assert "does not say its source language" in result.output
    assert "--source-lang" in result.output
    report = check_file(path, FileOptions(source_lang="zh-Hant", target_lang="en"))
    found = {(f.code, f.lang, f.source_ids + f.target_ids) for f in report.findings}
    assert ("quote-unopened", "en", ("q1",)) in found  # ” with no “ in the English
    assert not any(code == "quote-unclosed" for code, _, _ in found)  # the source's 「


def test_the_command_reports_and_fails_as_asked(tmp_path: Path) -> None:
    path = write(tmp_path / "a.po", PO)
    result = run(tmp_path, "check", str(path), "--format", "json", "--fail-on", "warning")
    assert result.exit_code == 1, result.output
    data = json.loads(result.output)
    assert data["coverage"][0]["of_file"] is True
    assert {f["check"] for f in data["findings"]} == {"quote-unopened"}
    assert run(tmp_path, "check", str(path)).exit_code == 0  # warnings only; --fail-on error


def test_a_missing_file_is_an_error_not_a_work_id(tmp_path: Path) -> None:
    result = run(tmp_path, "check", str(tmp_path / "nothere.po"))
    assert result.exit_code == 2
    assert "no such translation file" in result.output


def test_an_entry_kept_as_its_source_has_only_upstream_slips(tmp_path: Path) -> None:
    # Code examples are "translated" by copying them; their unclosed brackets and their
    # digits are the source's, which is not the translator's to fix.
    po = (
        'msgid ""\nmsgstr ""\n"Language: zh_TW\\n"\n\n'
        'msgid ">>> print(\\"(\\" * 3, 0x1.9p+1)"\nmsgstr ">>> print(\\"(\\" * 3, 0x1.9p+1)"\n\n'
        'msgid "He said (it."\nmsgstr "他說（這"\n'
    )
    report = check_file(write(tmp_path / "a.po", po))
    assert [(f.code, f.line) for f in report.findings] == [("quote-unclosed", 8)]


def test_files_checked_in_several_processes_report_as_one_by_one(tmp_path: Path) -> None:
    paths = [str(write(tmp_path / f"{n}.po", PO)) for n in range(3)]
    alone = run(tmp_path, "check", *paths, "--format", "json", "--jobs", "1")
    together = run(tmp_path, "check", *paths, "--format", "json", "--jobs", "2")
    assert alone.exit_code == together.exit_code == 0
    assert together.output == alone.output
    assert [c["work"] for c in json.loads(together.output)["coverage"]] == paths


def test_a_bad_file_among_several_processes_is_named_as_alone(tmp_path: Path) -> None:
    good = str(write(tmp_path / "a.po", PO))
    bad = str(write(tmp_path / "b.po", 'msgid "a"\nmsgstr "never closed\n'))
    alone = run(tmp_path, "check", good, bad, "--jobs", "1")
    together = run(tmp_path, "check", good, bad, bad, "--jobs", "2")
    assert alone.exit_code == together.exit_code == 2
    assert "b.po" in together.output
    assert together.output == alone.output


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(["``x``", ":func:`f`", "`", "a", "中", " ", ":", "``"])).map("".join)
)
def test_sphinx_code_becomes_one_object_and_every_other_character_keeps_its_place(
    markup: str,
) -> None:
    plain, offsets = _sphinx_plain(markup)
    assert len(offsets) == len(plain)
    assert list(offsets) == sorted(set(offsets))
    for char, at in zip(plain, offsets, strict=True):
        assert char == CODE or markup[at] == char
