"""Building the first work: wall time per stage and peak memory, with Pandoc and WeasyPrint real."""

from __future__ import annotations

import resource
import tempfile
import time
from pathlib import Path

from toolkit import BuildOptions, Format, build_work, load_work

ROOT = Path(__file__).resolve().parents[1]


def run() -> dict[str, object]:
    work = load_work(ROOT, "china-russia")
    timings: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in Format:
            start = time.perf_counter()
            build_work(work, BuildOptions(out_dir=Path(tmp), formats=(fmt,)))
            timings[fmt.value] = time.perf_counter() - start
        start = time.perf_counter()
        build_work(work, BuildOptions(out_dir=Path(tmp)))
        timings["all"] = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        "build china-russia: "
        + ", ".join(f"{k} {v:.2f} s" for k, v in timings.items())
        + f"; peak RSS {peak_mb:.0f} MB"
    )
    return {
        "work": "china-russia",
        "seconds": {k: round(v, 3) for k, v in timings.items()},
        "peak_rss_mb": round(peak_mb),
    }
