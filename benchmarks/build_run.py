"""The processes the build benchmark starts, one per measurement, each a fresh interpreter.

``python -m benchmarks.build_run MODE ...``:

- ``timed ROOT WORK OUT REPORT``: ``toolkit build WORK --out OUT``, the command itself
  (``toolkit.cli.main``), with a stopwatch around the build's internal stages: each
  edition, and in it each format's own work, the font subset and the cover. The stages
  run as they always do; only their seconds (wall and CPU, the Pandoc processes'
  included) are noted, in REPORT (JSON).
- ``capture ROOT WORK OUT DIR``: the same build, keeping what the toolkit hands the
  tools: every Pandoc document (JSON) with the options it was run with, the files those
  options name (the scratch folder is kept), and each PDF's HTML. WeasyPrint is not run:
  the capture is the bare tools' input, not a measurement.
- ``weasyprint DIR REPORT``: bare WeasyPrint, as the toolkit calls it (same page, same
  stylesheet, PDF/UA-1, custom metadata), on each captured PDF's HTML, in one process:
  seconds, CPU seconds and peak memory after each.
- ``profile HTML CSS STATS``: the same for one page, under cProfile, the statistics
  written to STATS.

The toolkit has no public hook for either (a stage timer, or keeping its intermediate
files), so ``timed`` and ``capture`` wrap the internal functions of
``toolkit.render.build`` and ``toolkit.render.formats`` by name: if those are renamed,
this module fails loudly, by design, rather than measure something else.
"""

from __future__ import annotations

import contextlib
import cProfile
import functools
import json
import resource
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from types import ModuleType
from typing import Any

#: Runs a command and prints, as the last line of its standard error, a JSON object:
#: wall seconds, CPU seconds (user + system, of every process of the command's tree that
#: was waited for) and the peak resident memory of the largest of them, in KB. It sits
#: between the benchmark and the command because Linux keeps a process's peak memory
#: across exec: a command started straight from the benchmark would report its parent's.
LAUNCHER = """\
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:])
wall = time.perf_counter() - start
use = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"wall": wall, "cpu": use.ru_utime + use.ru_stime, "peak_kb": use.ru_maxrss,
                  "returncode": done.returncode}), file=sys.stderr)
sys.exit(done.returncode)
"""


def launched(
    command: list[str], env: Mapping[str, str] | None = None
) -> tuple[int, dict[str, Any], list[str]]:
    """Run ``command`` through :data:`LAUNCHER` in a process of its own: its exit status,
    its figures (``wall``, ``cpu``, ``peak_kb``; empty when it printed none) and the lines
    of its error output before them."""
    done = subprocess.run(
        [sys.executable, "-c", LAUNCHER, *command],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        check=False,
    )
    lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
    if lines and lines[-1].startswith("{"):
        return done.returncode, json.loads(lines[-1]), lines[:-1]
    return done.returncode, {}, lines


def cpu_seconds() -> float:
    """User and system seconds of this process and of its children waited for so far
    (Pandoc's processes, during a build)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Stopwatch:
    """Seconds per edition and stage. An edition's stages are the formats' own work
    (``html``: its WOFF2 font and its Pandoc run; ``pdf``: the PDF's page by Pandoc and
    WeasyPrint; ``epub``), ``fonts`` (the CJK subset) and ``cover``; what else the
    edition costs (credits, the Pandoc document, images) is its ``ast`` share."""

    def __init__(self) -> None:
        self.editions: list[dict[str, Any]] = []

    @contextlib.contextmanager
    def stage(self, name: str) -> Iterator[None]:
        wall, cpu = time.perf_counter(), cpu_seconds()
        try:
            yield
        finally:
            current = self.editions[-1]
            current["wall"][name] = current["wall"].get(name, 0.0) + time.perf_counter() - wall
            current["cpu"][name] = current["cpu"].get(name, 0.0) + cpu_seconds() - cpu
            current["peak_mb_after"][name] = peak_mb()

    def edition(self, real: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(real)
        def timed(edition: Any, *args: Any, **kwargs: Any) -> Any:
            self.editions.append(
                {
                    "stem": edition.file_stem,
                    "kind": edition.kind.value,
                    "wall": {},
                    "cpu": {},
                    "peak_mb_after": {},
                }
            )
            with self.stage("total"):
                return real(edition, *args, **kwargs)

        return timed

    def around(self, real: Callable[..., Any], name: Callable[..., str]) -> Callable[..., Any]:
        @functools.wraps(real)
        def timed(*args: Any, **kwargs: Any) -> Any:
            with self.stage(name(*args, **kwargs)):
                return real(*args, **kwargs)

        return timed


def _replace(module: ModuleType, name: str, make: Callable[[Any], Any]) -> None:
    """Put ``make(module.name)`` in the place of ``module.name``; an AttributeError, and
    no measurement, if the toolkit has renamed it."""
    setattr(module, name, make(getattr(module, name)))


def _named(stage: str) -> Callable[..., str]:
    return lambda *_, **__: stage


def _page_stage(*_: Any, article_title: bool, **__: Any) -> str:
    """``formats.html`` makes the HTML edition's page (no title repeated) and the PDF's
    page (``article_title=True``): the second is the PDF's work."""
    return "pdf" if article_title else "html"


def _run_build(root: str, work: str, out: str, *more: str) -> None:
    """``toolkit --root ROOT build WORK --out OUT``, as the installed command runs it."""
    from toolkit.cli import main

    sys.argv = ["toolkit", "--root", root, "build", work, "--out", out, *more]
    try:
        main()
    except SystemExit as done:
        if done.code not in (0, None):
            raise


def timed(root: str, work: str, out: str, report: str) -> None:
    """The command with its stages timed, one edition after another in this process
    (``--jobs 1``: the stopwatch sees only what runs here)."""
    from toolkit.render import build, fontfaces, formats

    watch = Stopwatch()
    _replace(build, "_build_edition", watch.edition)
    _replace(formats, "html", lambda real: watch.around(real, _page_stage))
    for module, name, stage in (
        (formats, "pdf", "pdf"),
        (formats, "epub", "epub"),
        (fontfaces, "cached_woff2", "html"),  # the HTML edition's fonts
        (build, "edition_fonts", "fonts"),
        (build, "cover_for", "cover"),
    ):
        _replace(module, name, functools.partial(watch.around, name=_named(stage)))
    _run_build(root, work, out, "--jobs", "1")
    for edition in watch.editions:
        wall, cpu = edition["wall"], edition["cpu"]
        for seconds in (wall, cpu):
            named = sum(v for k, v in seconds.items() if k != "total")
            seconds["ast"] = max(seconds["total"] - named, 0.0)
    Path(report).write_text(json.dumps({"editions": watch.editions}, indent=1), "utf-8")


def capture(root: str, work: str, out: str, folder: str) -> None:
    """Build once, keeping the tools' inputs in ``folder`` (see the module's docstring)."""
    from toolkit.render import build, formats

    keep = Path(folder)
    scratch = keep / "scratch"
    scratch.mkdir(parents=True)
    calls: list[dict[str, Any]] = []
    purpose: list[str] = []  # the stem and the format whose work is running

    @contextlib.contextmanager
    def kept_scratch(_: Path) -> Iterator[Path]:
        yield scratch

    def keeping(real: Callable[..., None]) -> Callable[..., None]:
        def run_pandoc(document: dict[str, Any], to: str, output: Path, args: list[str]) -> None:
            name = f"{purpose[-1]}.json"
            (keep / name).write_text(json.dumps(document, ensure_ascii=False), "utf-8")
            calls.append({"json": name, "to": to, "args": args, "purpose": purpose[-1]})
            real(document, to, output, args)

        return run_pandoc

    def within(real: Callable[..., Any], name: Callable[..., str]) -> Callable[..., Any]:
        @functools.wraps(real)
        def marked(parts: Any, *args: Any, **kwargs: Any) -> Any:
            purpose.append(f"{parts.edition.file_stem}.{name(parts, *args, **kwargs)}")
            try:
                return real(parts, *args, **kwargs)
            finally:
                purpose.pop()

        return marked

    def pdf(html_text: str, parts: Any, _scratch: Path) -> bytes:
        (keep / f"{parts.edition.file_stem}.pdf.html").write_text(html_text, "utf-8")
        return b"%PDF-1.7\n% captured for the benchmark; not rendered\n"

    _replace(build, "scratch_space", lambda _: kept_scratch)
    _replace(formats, "run_pandoc", keeping)
    _replace(formats, "html", lambda real: within(real, _page_stage))
    _replace(formats, "epub", lambda real: within(real, _named("epub")))
    _replace(formats, "pdf", lambda _: pdf)
    (keep / "pdf.css").write_text(formats._asset("pdf.css"), "utf-8")
    _run_build(root, work, out, "--jobs", "1")  # the tools run here, where they are kept
    (keep / "pandoc.json").write_text(json.dumps(calls, indent=1), "utf-8")


def _write_pdf(html: Path, css: Path) -> bytes:
    """``html`` to PDF as ``toolkit.render.formats.pdf`` asks WeasyPrint for it."""
    import weasyprint

    document = weasyprint.HTML(filename=str(html), base_url=str(html.parent))
    stylesheet = weasyprint.CSS(filename=str(css))
    data = document.write_pdf(
        custom_metadata=True, pdf_variant="pdf/ua-1", stylesheets=[stylesheet]
    )
    assert isinstance(data, bytes)
    return data


def bare_weasyprint(folder: str, report: str) -> None:
    keep = Path(folder)
    wall, cpu = time.perf_counter(), cpu_seconds()
    import weasyprint

    results: dict[str, Any] = {
        "version": weasyprint.__version__,
        "import": {"wall": time.perf_counter() - wall, "cpu": cpu_seconds() - cpu},
        "pdfs": {},
    }
    (keep / "bare").mkdir(exist_ok=True)
    for html in sorted(keep.glob("*.pdf.html")):
        stem = html.name.removesuffix(".pdf.html")
        wall, cpu = time.perf_counter(), cpu_seconds()
        data = _write_pdf(html, keep / "pdf.css")
        results["pdfs"][stem] = {
            "wall": time.perf_counter() - wall,
            "cpu": cpu_seconds() - cpu,
            "peak_mb_after": peak_mb(),
        }
        (keep / "bare" / f"{stem}.pdf").write_bytes(data)
    Path(report).write_text(json.dumps(results, indent=1), "utf-8")


def profile(html: str, css: str, stats: str) -> None:
    import weasyprint  # imported before the profile starts: its import is not the question

    del weasyprint
    profiler = cProfile.Profile()
    profiler.runcall(_write_pdf, Path(html), Path(css))
    profiler.dump_stats(stats)


def plain(root: str, work: str, out: str) -> None:
    """The command as a person runs it: editions at once, a process per CPU."""
    _run_build(root, work, out)


MODES: dict[str, Callable[..., None]] = {
    "timed": timed,
    "plain": plain,
    "capture": capture,
    "weasyprint": bare_weasyprint,
    "profile": profile,
}

if __name__ == "__main__":
    MODES[sys.argv[1]](*sys.argv[2:])
