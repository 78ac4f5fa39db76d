"""A work's check settings (source/<work>/check.yaml) and suppressions, in works and PO files."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

from tests.conftest import ALIGN, TRANSLATION_MD
from toolkit.check import Finding, Report, Severity, check_work
from toolkit.check.qa.files import check_file
from toolkit.errors import MetadataError
from toolkit.store.work import load_work

MakeRepo = Callable[..., Path]

#: t3 names its currency twice and closes a quotation it never opened.
TEXT = TRANSLATION_MD.replace(
    "We walked in the park and saw “three” little birds.",
    "We paid $5 dollars to see three little birds.”",
)


def checked(make_repo: MakeRepo, settings: str | None) -> Report:
    root = make_repo(text=TEXT, align=ALIGN)
    if settings is not None:
        (root / "source/trial/check.yaml").write_text(settings, encoding="utf-8")
    return check_work(load_work(root, "trial"))


def ids(findings: Iterable[Finding]) -> set[str]:
    return {f.code for f in findings}


def test_without_settings_every_check_runs(make_repo: MakeRepo) -> None:
    assert {"currency-twice", "quote-unopened"} <= ids(checked(make_repo, None).findings)


def test_a_check_switched_off_reports_nothing(make_repo: MakeRepo) -> None:
    report = checked(make_repo, "disable: [currency-twice]\n")
    assert "currency-twice" not in ids(report.findings)
    assert "quote-unopened" in ids(report.findings)


def test_a_suppressed_finding_is_kept_aside_with_its_reason(make_repo: MakeRepo) -> None:
    settings = """\
ignore:
  - check: quote-unopened
    lang: en
    segment: t3
    reason: the quotation opens in the previous paragraph
"""
    report = checked(make_repo, settings)
    assert "quote-unopened" not in ids(report.findings)
    [silenced] = report.suppressed
    assert silenced.code == "quote-unopened" and silenced.suppression is not None
    assert silenced.suppression.reason == "the quotation opens in the previous paragraph"
    assert silenced.suppression.place.path == "source/trial/check.yaml"
    assert silenced.suppression.place.line == 2
    assert silenced.severity is Severity.WARNING  # its own severity, kept
    summary = report.to_json()["summary"]
    assert isinstance(summary, dict) and summary["suppressed"] == 1


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        ("ignore:\n  - check: quote-unopened\n    segment: t3\n", "suppression-without-reason"),
        (
            "ignore:\n  - check: quote-unopened\n    segment: t1\n    reason: not this one\n",
            "suppression-unused",
        ),
        (
            "ignore:\n  - check: quote-unopened\n    lang: fr\n    reason: wrong language\n",
            "suppression-unused",
        ),
    ],
)
def test_a_suppression_without_reason_or_use_is_itself_a_finding(
    make_repo: MakeRepo, settings: str, expected: str
) -> None:
    report = checked(make_repo, settings)
    [about] = [f for f in report.findings if f.code == expected]
    assert about.where == "source/trial/check.yaml:2"


@pytest.mark.parametrize(
    ("settings", "line", "words"),
    [
        ("disable: [currency-twise]\n", 1, "did you mean currency-twice"),
        ("ignore:\n  - check: nonsense\n    reason: x\n", 2, "no check is called 'nonsense'"),
        ("length:\n  deviations: -1\n", 2, "greater than 0"),
        ("quote_style: fancy\n", 1, "'corner', 'curly' or 'any'"),
        ("glossary: ../../secret.csv\n", 1, "in the work's source folder"),
        ("colour: blue\n", 1, "unknown field (misspelt? see docs/checks.md)"),
    ],
)
def test_bad_settings_name_the_file_the_line_and_the_fix(
    make_repo: MakeRepo, settings: str, line: int, words: str
) -> None:
    with pytest.raises(MetadataError) as caught:
        checked(make_repo, settings)
    message = str(caught.value)
    assert f"source/trial/check.yaml:{line}:" in message.replace("\\", "/")
    assert words in message
    assert "docs/checks.md" in message


def test_an_empty_settings_file_is_the_defaults(make_repo: MakeRepo) -> None:
    assert "currency-twice" in ids(checked(make_repo, "# nothing yet\n").findings)


PO = """\
msgid ""
msgstr ""
"Language: zh_TW\\n"

# toolkit: ignore quote-unopened the quotation opens in the entry before
msgid "He said it."
msgstr "他說了。」"

# toolkit: ignore quote-unopened
msgid "She said it."
msgstr "她說了。」"

# toolkit: ignore quote-unopned a typo
msgid "They said it."
msgstr "他們說了。」"
"""


def test_a_translator_comment_suppresses_a_finding_on_its_entry(tmp_path: Path) -> None:
    path = tmp_path / "a.po"
    path.write_text(PO, encoding="utf-8")
    report = check_file(path)
    assert [(f.code, f.line) for f in report.suppressed] == [
        ("quote-unopened", 5),
        ("quote-unopened", 9),
    ]
    assert report.suppressed[0].suppression is not None
    assert report.suppressed[0].suppression.in_source
    assert sorted((f.code, f.line) for f in report.findings) == [
        ("quote-unopened", 13),  # the comment names no check that exists
        ("suppression-unknown-check", 13),
        ("suppression-without-reason", 9),
    ]
