"""`toolkit export` and `toolkit import` on a book-length work, beside Translate Toolkit.

Issue 9 asks that export and import of a 10,000-bead work each take under 2 seconds, in
every format, and that the export beat Translate Toolkit converting the same units. In
one run, on the build benchmark's generated book (``benchmarks/book.py``) with its
inline markup (emphasis, links, footnotes) and every bead shape (1-1, 2-1, 1-2, 1-0, 0-1):

- for each format, in this process: ``export_work`` (best of three; with the check's
  findings as notes, the default, and without), then ``import_exchange`` of the file it
  wrote (best of three; an unchanged round trip, which must leave the store's files as
  they were: that is checked and reported), and the peak of Python's allocations during
  one of each (tracemalloc);
- the same as a person runs them, once per format, start-up included: ``toolkit export``
  and ``toolkit import`` in processes of their own (wall seconds, peak memory);
- the peer on our files (``benchmarks.exchange_peer``): ``po2tmx`` converting our PO to
  TMX, and Translate Toolkit reading our XLIFF 2.1, XLIFF 1.2, TMX and PO, with the units
  it counts beside ours. Without Translate Toolkit the peer is reported as not installed.

``BENCH_QUICK=1`` uses 1,000 beads, ``BENCH_BEADS=N`` any number. Each target missed is
printed as a ``target missed`` line ("export tmx: 2.4 s > 2 s target"), never left out.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import Any

from benchmarks import exchange_peer
from benchmarks.book import LANG, WORK, Book, write_book
from benchmarks.build_bench import BEADS, beads_wanted
from benchmarks.exchange_run import best, launch, traced_peak_mb
from toolkit.exchange import (
    ExchangeImportOptions,
    ExportFormat,
    ExportOptions,
    export_work,
    import_exchange,
)

#: Issue 9's targets: seconds for export and for import of the work, in every format; and
#: our TMX export against po2tmx converting the same units (their seconds over ours).
TARGETS = {"export_s": 2.0, "import_s": 2.0, "po2tmx_over_ours": 1.0}
SOURCE_LANG = "zh-Hant-TW"  # the book's original (benchmarks/book.py)
BIN = Path(sys.executable).parent
#: The commands run as installed: with their bytecode (an editable install writes the
#: toolkit's on first use, which PYTHONDONTWRITEBYTECODE would forbid at every run).
_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run(beads: int | None = None) -> dict[str, object]:
    """Measure every format on a generated work of ``beads`` beads (default: as the
    environment says, see the module's documentation) and print the figures."""
    size = beads or beads_wanted()
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="exchange-bench-") as tmp:
        base = Path(tmp)
        pristine = base / "book"
        book = write_book(pristine, size, rich=True)
        print(f"exchange: a generated work of {size} beads ({book.marks}) in {pristine}")
        _compile_toolkit()
        formats = {str(fmt): _format(base, pristine, fmt) for fmt in ExportFormat}
        peer = _peer(base, formats)
    result: dict[str, object] = {
        "work": asdict(book),
        "formats": formats,
        "peer": peer,
        "targets": TARGETS,
        "misses": _misses(formats, peer),
        "load_average": {"before": load_before, "after": os.getloadavg()},
    }
    if size != BEADS:
        result["note"] = f"the targets are for {BEADS:,} beads; this work has {size:,}"
    _print(result, book)
    return result


def _format(base: Path, pristine: Path, fmt: ExportFormat) -> dict[str, Any]:
    """One format: export and import in this process and as commands, on a copy of the
    work of its own (an import that changed the store would not spoil the next format)."""
    root = base / str(fmt)
    shutil.copytree(pristine, root)
    files = base / "files"
    files.mkdir(exist_ok=True)
    path = files / f"{WORK}.{LANG}{fmt.suffix}"
    options = ExportOptions(format=fmt, lang=LANG, out=path)
    quiet = ExportOptions(format=fmt, lang=LANG, out=path, findings=False)
    exported, report = best(lambda: export_work(root, WORK, options))
    without, _ = best(lambda: export_work(root, WORK, quiet))
    export_work(root, WORK, options)  # the file imported is the default export's
    row: dict[str, Any] = {
        "export": {
            "seconds": round(exported.wall, 3),
            "cpu_seconds": round(exported.cpu, 3),
            "seconds_without_findings": round(without.wall, 3),
            "cpu_seconds_without_findings": round(without.cpu, 3),
            "peak_mb": traced_peak_mb(lambda: export_work(root, WORK, options)),
            "units": report.units,
            "flattened": len(report.flattened),
            "notes": report.notes,
            "bytes": path.stat().st_size,
        },
        "import": _import(root, pristine, path),
    }
    command_file = files / f"command-{WORK}.{LANG}{fmt.suffix}"
    toolkit = [str(BIN / "toolkit"), "--root", str(root)]
    export = [*toolkit, "export", WORK, "--lang", LANG, "--to", str(fmt), "-o", str(command_file)]
    row["command"] = {
        "export": launch(export, env=_ENV),
        "import": launch([*toolkit, "import", WORK, str(command_file), "--lang", LANG], env=_ENV),
    }
    row["command"]["store_unchanged"] = _same_files(pristine, root)
    if fmt is ExportFormat.TMX:  # beside po2tmx, which has no checks to run
        row["command"]["export_without_findings"] = launch([*export, "--no-findings"], env=_ENV)
    return row


def _import(root: Path, pristine: Path, path: Path) -> dict[str, Any]:
    """``import_exchange`` of the file just exported: seconds (best of three), peak,
    what it counted, and whether the store's files are byte for byte as they were. An
    import that refuses the file is reported with its message (the figures it would have
    had are not there to give)."""
    options = ExchangeImportOptions(lang=LANG)
    try:
        timed, report = best(lambda: import_exchange(root, WORK, path, options))
    except Exception as refused:  # reported, not hidden: the other formats still run
        return {"error": f"{type(refused).__name__}: {refused}"[:1500]}
    return {
        "seconds": round(timed.wall, 3),
        "cpu_seconds": round(timed.cpu, 3),
        "peak_mb": traced_peak_mb(lambda: import_exchange(root, WORK, path, options)),
        "units": report.units,
        "changed": len(report.changed),
        "added": len(report.added),
        "states": len(report.states),
        "written": len(report.written),
        "store_unchanged": _same_files(pristine, root),
    }


def _same_files(pristine: Path, root: Path) -> bool:
    """Whether the work's files under ``root`` are those of ``pristine``, byte for byte
    (what an export writes under build/ aside)."""

    def files(folder: Path) -> dict[str, bytes]:
        found = {}
        for top in ("source", "translations"):
            for path in sorted((folder / top).rglob("*")):
                if path.is_file():
                    found[str(path.relative_to(folder))] = path.read_bytes()
        return found

    return files(pristine) == files(root)


def _compile_toolkit() -> None:
    """Write the toolkit's bytecode once, as a first use after installing does, so that
    no command's time includes compiling it."""
    import toolkit

    package = str(Path(toolkit.__file__).parent)
    subprocess.run([sys.executable, "-m", "compileall", "-q", package], env=_ENV, check=False)


def _peer(base: Path, formats: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Translate Toolkit on our files: po2tmx on our PO, and reading each XML format and
    the PO; or why it was not measured."""
    version = exchange_peer.installed()
    if version is None:
        print("exchange: Translate Toolkit is not installed; the peer is not measured")
        return {"skipped": "Translate Toolkit is not installed"}
    files = base / "files"
    out = base / "peer"
    out.mkdir()
    converted = exchange_peer.po2tmx(files / f"{WORK}.{LANG}.po", out, SOURCE_LANG, LANG)
    converted["ours_units"] = formats["tmx"]["export"]["units"]
    reads: dict[str, Any] = {}
    for fmt in (ExportFormat.XLIFF, ExportFormat.XLIFF1, ExportFormat.TMX, ExportFormat.PO):
        read = exchange_peer.read(files / f"{WORK}.{LANG}{fmt.suffix}")
        reads[str(fmt)] = read | {"ours_units": formats[str(fmt)]["export"]["units"]}
    return {"translate_toolkit": version, "po2tmx": converted, "read": reads}


def _misses(formats: dict[str, dict[str, Any]], peer: dict[str, Any]) -> list[str]:
    """One line for each target missed, and for each round trip or command that failed."""
    misses = []
    for fmt, row in formats.items():
        imported, command = row["import"], row["command"]
        timed = [
            (f"export {fmt}", row["export"]["seconds"], TARGETS["export_s"]),
            (f"import {fmt}", imported.get("seconds"), TARGETS["import_s"]),
            (f"export {fmt} (command)", command["export"]["wall"], TARGETS["export_s"]),
            (f"import {fmt} (command)", command["import"]["wall"], TARGETS["import_s"]),
        ]
        for what, seconds, target in timed:
            if seconds is not None and seconds >= target:
                misses.append(f"{what}: {seconds:.1f} s > {target:.0f} s target")
        if "error" in imported:
            misses.append(f"import {fmt}: refused its own export: {imported['error']}")
        elif not imported["store_unchanged"]:
            misses.append(f"import {fmt}: the unchanged round trip changed the store's files")
        for what in ("export", "import"):
            if command[what]["returncode"] != 0:
                misses.append(f"{what} {fmt} (command) failed: {command[what].get('error')}")
        if command["export"]["returncode"] == 0 and not command["store_unchanged"]:
            misses.append(f"import {fmt} (command): the round trip changed the store's files")
    converted = peer.get("po2tmx")
    if converted:
        tmx, api, command = formats["tmx"], converted["api_seconds"], converted["command"]["wall"]
        pairs = [
            ("export tmx", tmx["export"]["seconds"], "po2tmx", api),
            ("export tmx --no-findings", tmx["export"]["seconds_without_findings"], "po2tmx", api),
            (
                "export tmx (command)",
                tmx["command"]["export"]["wall"],
                "the po2tmx command",
                command,
            ),
        ]
        if "export_without_findings" in tmx["command"]:
            quiet = tmx["command"]["export_without_findings"]["wall"]
            pairs.append(
                ("export tmx --no-findings (command)", quiet, "the po2tmx command", command)
            )
        for what, ours, peer_name, theirs in pairs:
            if ours > 0 and theirs / ours < TARGETS["po2tmx_over_ours"]:
                misses.append(
                    f"{what}: {ours:.2f} s, slower than {peer_name} on the same units "
                    f"({theirs:.2f} s)"
                )
    return misses


def _print(r: dict[str, Any], book: Book) -> None:
    load = r["load_average"]
    print(
        f"exchange: {book.beads} beads, shapes {book.shapes}, markup {book.marks}; load "
        f"average {load['before'][0]:.1f} before, {load['after'][0]:.1f} after (CPU seconds "
        "beside wall seconds say what a busy machine added)"
    )
    print(
        f"  {'format':7} {'export s':>8} {'CPU s':>6} {'no find.':>8} {'MB':>5} "
        f"{'import s':>8} {'CPU s':>6} {'MB':>5} {'units':>6} {'flat':>5} {'same':>4}  "
        f"{'command export':>15} {'command import':>15}"
    )
    for fmt, row in r["formats"].items():
        e, i, c = row["export"], row["import"], row["command"]
        imported = (
            f"{i['seconds']:8.3f} {i['cpu_seconds']:6.2f} {i['peak_mb']:5.1f}"
            if "seconds" in i
            else f"{'refused':>8} {'':>6} {'':>5}"
        )
        same = "yes" if i.get("store_unchanged") else "NO"
        print(
            f"  {fmt:7} {e['seconds']:8.3f} {e['cpu_seconds']:6.2f} "
            f"{e['seconds_without_findings']:8.3f} {e['peak_mb']:5.1f} {imported} "
            f"{e['units']:6} {e['flattened']:5} {same:>4}  "
            f"{_command(c['export']):>15} {_command(c['import']):>15}"
        )
    rows = r["formats"].values()
    checks = [row["export"]["seconds"] - row["export"]["seconds_without_findings"] for row in rows]
    print(
        "  the checks, run for their findings to go out as notes (the default), take "
        f"{min(checks):.2f}–{max(checks):.2f} s of each export"
    )
    peer = r["peer"]
    if "skipped" in peer:
        print(f"  Translate Toolkit: {peer['skipped']}")
    else:
        p = peer["po2tmx"]
        tmx = r["formats"]["tmx"]
        e, c = tmx["export"], tmx["command"]
        quiet = c.get("export_without_findings")
        print(
            f"  po2tmx {peer['translate_toolkit']} on our PO: {p['api_seconds']:.3f} s in this "
            f"process (ours to TMX {e['seconds']:.3f} s, --no-findings "
            f"{e['seconds_without_findings']:.3f} s); command {_command(p['command'])} "
            f"(ours {_command(c['export'])}, --no-findings {_command(quiet) if quiet else '-'}); "
            f"{p['units']} units written (ours {p['ours_units']}: po2tmx leaves out a bead with "
            "an empty side)"
        )
        for fmt, read in peer["read"].items():
            print(
                f"  Translate Toolkit reading our {fmt}: {read['seconds']:.3f} s, "
                f"{read['units']} units (ours {read['ours_units']})"
            )
            if read["how"] != "factory.getobject":
                print(f"    read with {read['how']}")
    if "note" in r:
        print(f"  ({r['note']})")
    for line in r["misses"]:
        print(f"  target missed: {line}")
    if not r["misses"]:
        print("  every target met")


def _command(figures: dict[str, Any]) -> str:
    if figures["returncode"] != 0:
        return f"failed ({figures['returncode']})"
    return f"{figures['wall']:.2f} s {figures['peak_mb']:.0f} MB"
