"""Shared fixtures: small repositories the tests write themselves (never the corpora)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import pytest
from hypothesis import HealthCheck, settings

if TYPE_CHECKING:
    from playwright.sync_api import Browser

# Generation speed depends on the machine's load (2 cores, tests in parallel): a slow
# example is not a failure. Every property keeps its own example count. In CI the
# examples are fixed, so a run can be repeated exactly.
settings.register_profile(
    "project",
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=bool(os.environ.get("CI")),
)
settings.load_profile("project")

#: ``make fuzz`` multiplies every property test's examples by this (``TOOLKIT_FUZZ=20``).
FUZZ = max(1, int(os.environ.get("TOOLKIT_FUZZ", "1") or "1"))


def examples(n: int) -> int:
    """A property test's number of examples: ``n`` in ``make test``, more in ``make fuzz``."""
    return n * FUZZ


REPO = Path(__file__).resolve().parent.parent

ORIGINAL_YAML = """\
language: zh-Hant-TW
title: 測試之作
authors:
  - name:
      zh-Hant: 王小明
      en: Hsiao-ming Wang
    sort_as: Wang, Hsiao-ming
publisher:
  name: {zh-Hant: 試刊社, en: Trial Press}
url: https://example.org/zh/1
date: 2024-01-02
rights: © 2024 王小明
"""

TRANSLATION_YAML = """\
language: en
title: A Work for Testing
translators:
  - name: {en: Jane Doe}
publisher:
  name: {en: Example Review}
url: https://example.org/en/1
date: 2024-02-03
rights: © 2024 Jane Doe
"""

SOURCE_MD = """\
# 第一章 {#s1}

今天天氣很好。 {#s2}
我們去公園散步，看見「三隻」小鳥。 {#s3}
"""

TRANSLATION_MD = """\
# Chapter One {#t1}

The weather is fine today. {#t2}
We walked in the park and saw “three” little birds. {#t3}
"""

ALIGN = """\
# source\ttranslation\tscore\tstate
s1\tt1\t0.95\treviewed\t9134b03e93de
s2\tt2\t0.9\tauto
s3\tt3\t0.88\tauto
"""


def write_tree(root: Path, files: Mapping[str, str | None]) -> Path:
    """Write ``files`` (path -> text; None leaves a file out) under ``root``."""
    for name, content in files.items():
        if content is not None:
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8")
    return root


@pytest.fixture
def make_repo(tmp_path: Path) -> Callable[..., Path]:
    """Write a one-work repository; pass None to leave a file out, a string to replace it."""

    def make(
        work: str = "trial",
        original: str | None = ORIGINAL_YAML,
        source: str | None = SOURCE_MD,
        meta: str | None = TRANSLATION_YAML,
        text: str | None = TRANSLATION_MD,
        align: str | None = ALIGN,
        lang: str = "en",
    ) -> Path:
        files = {
            f"source/{work}/work.yaml": original,
            f"source/{work}/text.md": source,
            f"translations/{work}/{lang}.yaml": meta,
            f"translations/{work}/{lang}.md": text,
            f"translations/{work}/{lang}.align": align,
        }
        return write_tree(tmp_path, files)

    return make


def fingerprinted(align: str, source: str = SOURCE_MD, text: str = TRANSLATION_MD) -> str:
    """``align`` with a fingerprint on every bead a person set, as ``toolkit mark`` records it."""
    from toolkit.model import PERSON_STATES, fingerprint
    from toolkit.store.alignfile import parse_alignment, write_alignment
    from toolkit.store.document import parse_document

    alignment = parse_alignment(align)
    src, tgt = parse_document(source).by_id(), parse_document(text).by_id()
    beads = tuple(
        replace(bead, fingerprint=fingerprint(bead, src, tgt))
        if bead.state in PERSON_STATES and bead.fingerprint is None
        else bead
        for bead in alignment.beads
    )
    return write_alignment(replace(alignment, beads=beads))


def first_work_as_supplied(root: Path) -> Path:
    """A copy of the first work as the user supplied it: its metadata and the English
    translation, without an original a user may since have added. Returns ``root``."""
    import shutil

    (root / "source/china-russia").mkdir(parents=True)
    shutil.copy(REPO / "source/china-russia/work.yaml", root / "source/china-russia/work.yaml")
    shutil.copytree(REPO / "translations/china-russia", root / "translations/china-russia")
    return root


@pytest.fixture(scope="session")
def trial_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every edition of the trial work (tests/builds.py), built once per test process."""
    from tests.builds import build_trial

    return build_trial(tmp_path_factory.mktemp("trial"))


def repository_build(factory: pytest.TempPathFactory, work: str) -> Path:
    """Every edition of one of the repository's works, built from the work as committed
    (read only, by every test), a process per edition as the command builds them.

    Built once per test run: under pytest-xdist the first worker that needs it builds it
    into the run's shared folder, holding a lock, and the others wait for it and read it,
    rather than each worker building the same editions on the same two cores."""
    import fcntl

    from toolkit import BuildOptions, build_work, load_work

    shared = factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent  # the run's folder, above each worker's own
    out, done = shared / f"repository-{work}", shared / f"repository-{work}.done"
    with (shared / f"repository-{work}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            build_work(load_work(REPO, work), BuildOptions(out_dir=out, jobs=2))
            done.touch()
    return out / work


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every edition of the repository's sample work (``repository_build``)."""
    return repository_build(tmp_path_factory, "sample")


@pytest.fixture(scope="session")
def guide_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every edition of the guide (``repository_build``)."""
    return repository_build(tmp_path_factory, "guide")


def unavailable(reason: str) -> NoReturn:
    """A tool a test needs is not installed: the test is skipped, saying which and how to
    get it; in CI (``CI`` set), where no test may be skipped, it fails."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set: a test that cannot run fails)")
    pytest.skip(reason)


CHROMIUM = Path("/usr/bin/chromium")
#: No sandbox (the tests may run as root, in a container), and nothing of its own online.
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture
def browser() -> Iterator[Browser]:
    """Debian's Chromium, driven by Playwright; without either the test is skipped, or in CI
    fails (``unavailable``)."""
    if not CHROMIUM.exists():
        unavailable("needs Debian's Chromium at /usr/bin/chromium: apt-get install -y chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable(
            "needs Playwright for Python: pip install -e '.[test]' (never `playwright "
            "install`: the test drives /usr/bin/chromium)"
        )

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()
