"""The parallel HTML edition in a browser: Debian's Chromium, driven by Playwright.

The repository's sample work is opened from its file as a reader would open it. On a
wide screen every pair's two sides start at the same height, the original on the left;
on a phone's width the sides stack, the translation under the original. The page logs
no error, fetches nothing but itself, and a screenshot of each is taken.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.slow

#: Where each side's first text (a paragraph, a list, a table) starts, pair by pair.
SIDES = """() => [...document.querySelectorAll('.parallel > .pair')].map(pair =>
  [...pair.children].map(side => {
    const first = side.firstElementChild;
    if (!first) return null;
    const box = first.getBoundingClientRect();
    return {top: box.top, bottom: box.bottom, left: box.left};
  }))"""


def _open(browser: Browser, page_file: Path, width: int) -> tuple[Page, list[str]]:
    page = browser.new_page(viewport={"width": width, "height": 900})
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on(
        "request",
        lambda r: None if r.url.startswith(("file:", "data:")) else problems.append(r.url),
    )
    page.goto(page_file.as_uri())
    return page, problems


def test_every_pair_starts_at_the_same_height_on_a_wide_screen(
    browser: Browser, sample_build: Path, tmp_path: Path
) -> None:
    page, problems = _open(browser, sample_build / "sample.parallel.en.html", 1280)
    pairs = page.evaluate(SIDES)
    both = [p for p in pairs if None not in p]
    assert len(both) >= 15 and len(pairs) > len(both)  # the omitted and the added rows
    for original, translation in both:
        assert abs(original["top"] - translation["top"]) <= 1, (original, translation)
        assert original["left"] < translation["left"]
    page.screenshot(path=tmp_path / "parallel-wide.png", full_page=True)
    assert (tmp_path / "parallel-wide.png").stat().st_size > 10_000
    assert problems == []


def test_the_sides_stack_on_a_narrow_screen(
    browser: Browser, sample_build: Path, tmp_path: Path
) -> None:
    page, problems = _open(browser, sample_build / "sample.parallel.en.html", 380)
    both = [p for p in page.evaluate(SIDES) if None not in p]
    assert len(both) >= 15
    for original, translation in both:
        assert translation["top"] >= original["bottom"] - 1, (original, translation)
        assert abs(original["left"] - translation["left"]) <= 1
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 380  # nothing runs off the side of the screen
    page.screenshot(path=tmp_path / "parallel-narrow.png", full_page=True)
    assert problems == []
