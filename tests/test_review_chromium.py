"""The review report in a browser: Debian's Chromium, driven by Playwright for Python.

The report of a small work with real findings is opened from its file; the test reads
what a person sees (both texts side by side, the findings marked), filters it as a
person would (with the mouse and the keyboard), checks what is shown and hidden and how
the counts change, and takes a screenshot. The page must log no error (a blocked script
or style would: the page's policy allows only its own) and fetch nothing but itself.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.conftest import TRANSLATION_YAML
from toolkit.check import Report, check_work
from toolkit.check.review_html import render_review
from toolkit.store.work import load_work

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Dialog, Page

pytestmark = pytest.mark.slow

MakeRepo = Callable[..., Path]

#: The fixture's translation with slips of each severity: a currency named twice and a
#: closing quote never opened (warnings), a link that would run code (an error), numbers
#: the original does not have (the "5" of "$5" and the "2" of "alert(2)": information) and
#: a quotation left open (information, suppressed in check.yaml). Its texts try to run
#: code too: on the page they must stay text.
TEXT = """\
# Chapter One {#t1}

The weather is fine, and the ferry was $5 dollars.” {#t2}

We walked in the [park](javascript:alert(1)) and saw “three <script>alert(2)</script> birds. {#t3}
"""

CHECK_YAML = """\
ignore:
  - check: quote-unclosed
    lang: en
    segment: t3
    reason: the quotation goes on in the next chapter
"""


@pytest.fixture
def review(make_repo: MakeRepo, tmp_path: Path) -> Path:
    """The review report of the work, written to a file."""
    meta = TRANSLATION_YAML.replace("rights: © 2024 Jane Doe\n", "")  # a finding of no bead
    root = make_repo(text=TEXT, meta=meta)
    (root / "source/trial/check.yaml").write_text(CHECK_YAML, encoding="utf-8")
    report = check_work(load_work(root, "trial"), Report(units=[]))
    assert sorted((f.check.id, f.severity.label) for f in report.findings) == [
        ("currency-twice", "warning"),
        ("number-extra", "info"),
        ("number-extra", "info"),
        ("quote-unopened", "warning"),
        ("rights-missing", "warning"),
        ("unsafe-link", "error"),
    ]
    assert [f.check.id for f in report.suppressed] == ["quote-unclosed"]
    path = tmp_path / "review.html"
    path.write_text(render_review(report), encoding="utf-8")
    return path


def background(page: Page, selector: str) -> str:
    color: str = page.locator(selector).first.evaluate("m => getComputedStyle(m).backgroundColor")
    return color


def shown(page: Page) -> list[str]:
    """The checks of the findings on show, in page order (a finding once per place)."""
    found: list[str] = page.locator("li.finding:visible").evaluate_all(
        "items => items.map(li => li.dataset.check)"
    )
    return found


def test_the_report_in_chromium(browser: Browser, review: Path, tmp_path: Path) -> None:
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    errors: list[str] = []
    requests: list[str] = []
    dialogs: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))

    def dialog(d: Dialog) -> None:  # an alert() the texts smuggled in would open one
        dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", dialog)
    page.goto(review.as_uri())
    status = page.locator("#filter-status")
    assert status.inner_text() == "Showing 6 of 6 findings in 2 of 3 beads."

    # Both texts, side by side: the original left, the translation right, level.
    source, target = page.locator("#b2 .side.source"), page.locator("#b2 .side.target")
    assert "今天天氣很好。" in source.inner_text()
    assert "the ferry was $" in target.inner_text()
    left, right = source.bounding_box(), target.bounding_box()
    assert left is not None and right is not None
    assert left["x"] + left["width"] <= right["x"]
    assert abs(left["y"] - right["y"]) < 2
    assert source.get_attribute("lang") == "zh-Hant-TW"
    font = source.evaluate("el => getComputedStyle(el).fontFamily")
    assert font.startswith('"Noto Sans CJK TC"')
    # A bead off screen is not laid out (the script's rule: a long work opens faster).
    assert page.locator("#b2").evaluate("el => getComputedStyle(el).contentVisibility") == "auto"
    # The findings, marked where they are; the texts' code stays text.
    # The amount named twice is marked whole: "$5 dollars", holding the 5's own mark and
    # the number of its finding (5).
    assert page.locator('#b2 mark[data-check="currency-twice"]').inner_text() == "$55 dollars"
    assert page.locator('#b2 mark[data-check="number-extra"]').inner_text() == "5"
    assert page.locator('#b3 mark[data-check="unsafe-link"]').inner_text() == "k"
    assert page.locator('#b3 mark[data-check="number-extra"]').inner_text() == "2"
    # The texts' code stays text ("6": the number of the "2"'s finding, after its mark).
    assert "<script>alert(26)</script>" in page.locator("#b3 .side.target").inner_text()
    assert background(page, 'mark[data-check="currency-twice"]') != "rgba(0, 0, 0, 0)"
    assert page.locator("#b1").is_hidden()  # a bead without findings
    assert shown(page) == [
        "rights-missing",
        "currency-twice",
        "quote-unopened",
        "number-extra",
        "unsafe-link",
        "number-extra",
    ]

    # Warnings off, then the numbers' check off (with the mouse): only the error is left,
    # in its bead; an unticked check still counts what it would show.
    page.locator("input[name=severity][value=warning]").click()
    assert shown(page) == ["number-extra", "unsafe-link", "number-extra"]
    assert page.locator("#b2").is_visible()  # its number is information
    page.locator("input[name=check][value=number-extra]").click()
    assert shown(page) == ["unsafe-link"]
    assert status.inner_text() == "Showing 1 of 6 findings in 1 of 3 beads."
    assert page.locator("#b2").is_hidden() and page.locator("#b3").is_visible()
    assert page.locator("[data-unplaced]").is_hidden()
    assert background(page, 'mark[data-check="currency-twice"]') == "rgba(0, 0, 0, 0)"
    assert page.locator("[data-count-check=currency-twice]").inner_text() == "0"
    assert page.locator("[data-count-check=number-extra]").inner_text() == "2"
    assert page.locator("[data-count-check=unsafe-link]").inner_text() == "1"
    assert "<script>alert(2)</script>" in page.locator("#b3 .side.target").inner_text()

    # Suppressed findings on, then all beads (with the keyboard).
    page.locator("input[name=suppressed]").focus()
    page.keyboard.press("Space")
    assert shown(page) == ["unsafe-link", "quote-unclosed"]
    assert "the quotation goes on in the next chapter" in page.locator("li.suppressed").inner_text()
    assert status.inner_text() == "Showing 2 of 7 findings in 1 of 3 beads."
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    assert page.locator("[data-bead]:visible").count() == 3
    assert status.inner_text() == "Showing 2 of 7 findings in 3 of 3 beads."

    # One check off: its findings leave, the other checks' counts stay.
    page.locator("input[name=check][value=unsafe-link]").uncheck()
    assert shown(page) == ["quote-unclosed"]
    assert page.locator("[data-count-severity=error]").inner_text() == "0"
    assert page.locator("[data-count-severity=info]").inner_text() == "1"

    shot = tmp_path / "review.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert shot.stat().st_size > 10_000
    assert errors == []
    assert dialogs == []
    assert requests == [review.as_uri()]
    page.close()
