"""make bench: measure the store and the build, print the figures, write build/bench/*.json.

``python -m benchmarks build check`` runs only the benchmarks named (store, build, align,
blocks, check, exchange); ``make bench`` runs them all.

Reads the real parallel text in ../shared/corpora/ (mac-dev for the aligner,
python-docs-zh-tw for the checks) when it is there (for measuring only; nothing from
it is kept) and says so when it is absent.
"""

from __future__ import annotations

import json
import platform
import sys
from collections.abc import Callable
from pathlib import Path

from benchmarks import (
    align_bench,
    blocks_bench,
    build_bench,
    check_bench,
    exchange_bench,
    store_bench,
)

OUT = Path("build/bench")


BENCHMARKS: dict[str, Callable[[], dict[str, object]]] = {
    "store": store_bench.run,
    "build": build_bench.run,
    "align": align_bench.run,
    "blocks": blocks_bench.run,
    "check": check_bench.run,
    "exchange": exchange_bench.run,
}


def main(names: list[str]) -> int:
    unknown = [n for n in names if n not in BENCHMARKS]
    if unknown:
        print(f"no benchmark named {', '.join(unknown)}; there are {', '.join(BENCHMARKS)}")
        return 2
    OUT.mkdir(parents=True, exist_ok=True)
    results = {name: run() for name, run in BENCHMARKS.items() if name in names or not names}
    for name, result in results.items():
        result["machine"] = {"python": platform.python_version(), "cpus": _cpus()}
        path = OUT / f"{name}.json"
        path.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", "utf-8")
        print(f"wrote {path}")
    return 0


def _cpus() -> int:
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
