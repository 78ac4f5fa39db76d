"""`toolkit check` on real translation files, side by side with Translate Toolkit's pofilter.

Reads every .po file of ../shared/corpora/python-docs-zh-tw (the Python documentation's
tutorial, HOWTOs and FAQ: English source, Traditional Chinese translation, CC0; for
measuring only, nothing from it is kept). Reports, in one run:

- findings per check per 1,000 checked entries (translated, non-fuzzy), for ours and for
  pofilter's flags on the same entries, so that a noisy check shows;
- speed as whole commands, parsing included, both over the same files and counting the
  same entries: ``pofilter --language=zh_TW`` and ``toolkit check FILES --format json``
  (with a process per CPU, its default, and with ``--jobs 1``, one process as pofilter);
  and our checks alone, after parsing, in this process;
- peak memory of the whole command over the corpus once and twenty times over;
- literary translation (../shared/corpora/mac-dev: novels, Simplified Chinese → English),
  both tools over the same beads as one PO file, findings per 1,000 beads;
- the labelled findings (benchmarks/check_noise_sample.tsv): how many a person judged
  real, by severity, and whether the checks still raise them.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import polib

from toolkit.check.qa.files import FileBeads, read_file_beads
from toolkit.check.qa.settings import DEFAULT

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "python-docs-zh-tw"
MAC = CORPUS.parent / "mac-dev"
SAMPLE = Path(__file__).resolve().parent / "check_noise_sample.tsv"
BIN = Path(sys.executable).parent
TARGETS = {"command_speedup": 5.0, "checks_speedup": 10.0, "sample_real_of_50": 45}
#: pofilter's flags that are not about a translated, non-fuzzy entry.
_NOT_CHECKED = {"untranslated", "isfuzzy"}


def run() -> dict[str, object]:
    if not CORPUS.is_dir():
        print(f"check: {CORPUS} is absent; the check benchmark is skipped")
        return {"skipped": f"{CORPUS} is absent"}
    files = sorted(CORPUS.rglob("*.po"))
    entries = _count_entries(files)
    pofilter_s, pofilter_flags = _pofilter()
    _warm_up(files[0])
    command_s, _, findings = _toolkit(files, jobs=0)
    single_s, command_kb, _ = _toolkit(files, jobs=1)
    _, command_kb_20, findings_20 = _toolkit(files * 20, jobs=1)
    checks_s = _checks_alone(files)
    ours = Counter(str(f["check"]) for f in findings)
    per_1000 = {k: round(v * 1000 / entries, 1) for k, v in ours.most_common()}
    theirs = {k: round(v * 1000 / entries, 1) for k, v in pofilter_flags.most_common()}
    rate = {
        "pofilter": entries / pofilter_s,
        "toolkit_command": entries / command_s,
        "toolkit_command_one_process": entries / single_s,
        "toolkit_checks_alone": entries / checks_s,
    }
    result: dict[str, object] = {
        "corpus": str(CORPUS),
        "files": len(files),
        "entries_checked": entries,
        "seconds": {
            "pofilter": round(pofilter_s, 3),
            "toolkit_command": round(command_s, 3),
            "toolkit_command_one_process": round(single_s, 3),
            "toolkit_checks_alone": round(checks_s, 3),
        },
        "entries_per_second": {k: round(v) for k, v in rate.items()},
        "speedup": {
            "command": round(rate["toolkit_command"] / rate["pofilter"], 2),
            "command_one_process": round(rate["toolkit_command_one_process"] / rate["pofilter"], 2),
            "checks_alone": round(rate["toolkit_checks_alone"] / rate["pofilter"], 2),
        },
        "peak_memory_mb": {
            "toolkit_command_1x": round(command_kb / 1024, 1),
            "toolkit_command_20x": round(command_kb_20 / 1024, 1),
        },
        "findings": {"toolkit": sum(ours.values()), "pofilter": sum(pofilter_flags.values())},
        "findings_20x": len(findings_20),
        "per_1000_entries": {"toolkit": per_1000, "pofilter": theirs},
        "sample": _sample(findings),
        "literary": _literary(),
        "targets": TARGETS,
    }
    _print(result)
    return result


def _literary() -> dict[str, object]:
    """Literary translation, where this toolkit's users work: MAC's gold beads (Simplified
    Chinese novels and their published English translations) as one PO file, each bead with
    both sides an entry, checked by both tools: ours as zh-Hans → en, pofilter for en.
    Findings per 1,000 beads; nothing from the corpus is kept."""
    if not MAC.is_dir():
        return {"skipped": f"{MAC} is absent"}
    po = polib.POFile()
    po.metadata = {"Language": "en", "Content-Type": "text/plain; charset=UTF-8"}
    for gold in sorted((MAC / "gold").glob("*.align")):
        zh = (MAC / "zh" / gold.stem).read_text(encoding="utf-8").splitlines()
        en = (MAC / "en" / gold.stem).read_text(encoding="utf-8").splitlines()
        for n, line in enumerate(gold.read_text(encoding="utf-8").splitlines()):
            left, right = (json.loads(side) for side in line.split(":"))
            if left and right:
                po.append(
                    polib.POEntry(
                        msgctxt=f"{gold.stem}:{n}",
                        msgid=" ".join(zh[i] for i in left),
                        msgstr=" ".join(en[i] for i in right),
                    )
                )
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "mac.po"
        po.save(str(path))
        out = Path(tmp) / "out"
        out.mkdir()
        pofilter = [str(BIN / "pofilter"), "--language=en", "--progress=none", "-i", str(path)]
        subprocess.run([*pofilter, "-o", str(out / "mac.po")], check=True, capture_output=True)
        theirs = _flags(out)
        ours_command = [str(BIN / "toolkit"), "check", str(path), "--format", "json"]
        ours_command += ["--source-lang", "zh-Hans", "--target-lang", "en"]
        done = subprocess.run(ours_command, capture_output=True, check=False)
        if done.returncode not in (0, 1):
            raise RuntimeError(f"toolkit check failed: {done.stderr.decode()[-2000:]}")
        ours = Counter(str(f["check"]) for f in json.loads(done.stdout)["findings"])
    beads = len(po)
    return {
        "beads": beads,
        "findings": {"toolkit": sum(ours.values()), "pofilter": sum(theirs.values())},
        "per_1000_beads": {
            "toolkit": {k: round(v * 1000 / beads, 1) for k, v in ours.most_common()},
            "pofilter": {k: round(v * 1000 / beads, 1) for k, v in theirs.most_common()},
        },
    }


def _flags(out: Path) -> Counter[str]:
    """pofilter's flags on translated, non-fuzzy entries of the files under ``out``."""
    flags: Counter[str] = Counter()
    for path in out.rglob("*.po"):
        for entry in polib.pofile(str(path)):
            if not entry.translated():
                continue
            for line in entry.comment.splitlines() + entry.tcomment.splitlines():
                if line.startswith("(pofilter) "):
                    name = line.removeprefix("(pofilter) ").split(":", 1)[0]
                    if name not in _NOT_CHECKED:
                        flags[name] += 1
    return flags


def _count_entries(files: list[Path]) -> int:
    return sum(1 for path in files for e in polib.pofile(str(path)) if e.translated())


def _pofilter() -> tuple[float, Counter[str]]:
    """pofilter as a command over the corpus; its flags on translated, non-fuzzy entries."""
    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        subprocess.run(
            [str(BIN / "pofilter"), "--language=zh_TW", "--progress=none", "-i", str(CORPUS),
             "-o", out],
            check=True,
            capture_output=True,
        )  # fmt: skip
        seconds = time.perf_counter() - start
        return seconds, _flags(Path(out))


#: Both tools run as installed: with their compiled bytecode (pip compiles pofilter's at
#: install; an editable install of ours writes it on first use, which this machine's
#: PYTHONDONTWRITEBYTECODE would forbid, so every run would compile the toolkit again).
_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _warm_up(path: Path) -> None:
    """One run that writes the toolkit's bytecode, as a first use after installing does."""
    command = [str(BIN / "toolkit"), "check", str(path), "--format", "json"]
    subprocess.run(command, env=_ENV, check=False, capture_output=True)


#: Runs a command and reports its seconds and peak memory (KB). A small process between
#: the benchmark and the command: Linux keeps a process's peak memory across exec, so a
#: command started straight from this process (hundreds of MB after the aligner's
#: benchmark) would report this process's peak, not its own.
_LAUNCHER = """\
import resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:])
seconds = time.perf_counter() - start
print(seconds, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)
sys.exit(done.returncode)
"""


def _toolkit(files: list[Path], jobs: int) -> tuple[float, int, list[dict[str, object]]]:
    """``toolkit check FILES --format json --jobs JOBS`` as a command: seconds, peak memory
    (KB; of the main process, so measured with one job), findings."""
    command = [str(BIN / "toolkit"), "check", *map(str, files), "--format", "json"]
    command += ["--jobs", str(jobs)]
    with tempfile.TemporaryFile() as out:
        run = [sys.executable, "-c", _LAUNCHER, *command]
        done = subprocess.run(run, stdout=out, stderr=subprocess.PIPE, env=_ENV, check=False)
        report = done.stderr.decode().strip().splitlines()
        if done.returncode not in (0, 1) or not report:
            raise RuntimeError(f"toolkit check failed: {done.stderr.decode()[-2000:]}")
        seconds, kb = report[-1].split()
        out.seek(0)
        data = json.loads(out.read())
    return float(seconds), int(kb), data["findings"]


def _checks_alone(files: list[Path]) -> float:
    """Our checks over the parsed corpus, best of three (parsing is not timed)."""
    parsed: list[FileBeads] = [read_file_beads(path) for path in files]
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for beads in parsed:
            beads.check(DEFAULT)
        best = min(best, time.perf_counter() - start)
    return best


def _sample(findings: list[dict[str, object]]) -> dict[str, object]:
    """The labelled findings: how many a person judged real, by severity, and how many the
    checks still raise (a finding is named by its check, file and line).

    The issue asks for 50 random error-level findings; the corpus raises too few at
    error or warning level for that, so every warning and error is labelled (a census,
    not a sample), and the information-level ones beside them.
    """
    if not SAMPLE.is_file():
        return {"labelled": 0, "note": f"{SAMPLE.name} is absent"}
    with SAMPLE.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    raised = {(str(f["check"]), _corpus_path(f), _line(f)) for f in findings}
    by_severity: dict[str, dict[str, int]] = {}
    for r in rows:
        tally = by_severity.setdefault(r["severity"], {"real": 0, "false": 0, "still_raised": 0})
        tally["real" if r["verdict"] == "real" else "false"] += 1
        tally["still_raised"] += (r["check"], r["file"], int(r["line"])) in raised
    now = Counter(str(f["severity"]) for f in findings)
    return {"labelled": len(rows), "by_severity": by_severity, "findings_now": dict(now)}


def _corpus_path(finding: dict[str, object]) -> str:
    at = finding["at"]
    path = str(at["path"]) if isinstance(at, dict) else ""
    marker = "python-docs-zh-tw/"
    return path.split(marker, 1)[1] if marker in path else path


def _line(finding: dict[str, object]) -> int:
    at = finding["at"]
    return int(at["line"]) if isinstance(at, dict) and at["line"] else 0


def _print(r: dict[str, object]) -> None:
    seconds = r["seconds"]
    rate = r["entries_per_second"]
    speedup = r["speedup"]
    memory = r["peak_memory_mb"]
    assert isinstance(seconds, dict) and isinstance(rate, dict)
    assert isinstance(speedup, dict) and isinstance(memory, dict)
    print(f"check: {r['entries_checked']} translated, non-fuzzy entries in {r['files']} files")
    cmd, alone = TARGETS["command_speedup"], TARGETS["checks_speedup"]
    rows = [
        ("pofilter --language=zh_TW", "pofilter", ""),
        ("toolkit check (command)", "toolkit_command", f"{speedup['command']}x (target {cmd}x)"),
        (
            "  the same, --jobs 1",
            "toolkit_command_one_process",
            f"{speedup['command_one_process']}x (one process, as pofilter)",
        ),
        ("toolkit checks alone", "toolkit_checks_alone", f"{speedup['checks_alone']}x"),
    ]
    rows[3] = (*rows[3][:2], rows[3][2] + f" (target {alone}x)")
    for name, key, note in rows:
        print(f"  {name:26}: {seconds[key]:7.3f} s {rate[key]:>8} entries/s  {note}")
    print(
        f"  peak memory (--jobs 1): {memory['toolkit_command_1x']} MB over the corpus, "
        f"{memory['toolkit_command_20x']} MB over it twenty times"
    )
    per = r["per_1000_entries"]
    assert isinstance(per, dict)
    print(f"  findings: {r['findings']}; ours per 1,000 entries, by check:")
    for check, n in per["toolkit"].items():
        print(f"    {check:32} {n:8.1f}")
    print("  pofilter flags on the same entries (per 1,000 entries, by test):")
    for check, n in per["pofilter"].items():
        print(f"    {check:32} {n:8.1f}")
    lit = r["literary"]
    assert isinstance(lit, dict)
    if "skipped" in lit:
        print(f"  literary translation: skipped, {lit['skipped']}")
    else:
        print(f"  literary translation (MAC, {lit['beads']} beads): {lit['findings']}; per 1,000:")
        for tool, counts in lit["per_1000_beads"].items():
            shown = ", ".join(f"{k} {v}" for k, v in counts.items())
            print(f"    {tool}: {shown}")
    print(f"  labelled findings (benchmarks/check_noise_sample.tsv): {r['sample']}")
