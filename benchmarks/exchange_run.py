"""How the exchange benchmark measures: the best of a few runs in this process, the peak
of Python's allocations during one run, and a command in a process of its own."""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from benchmarks.build_run import launched

REPEAT = 3
T = TypeVar("T")


@dataclass(frozen=True)
class Timed:
    """Wall seconds, and CPU seconds of this process: on a machine shared with other work
    (two cores, tests running) the CPU figure says what the wall figure would be alone."""

    wall: float
    cpu: float


def best(fn: Callable[[], T], repeat: int = REPEAT) -> tuple[Timed, T]:
    """The fastest of ``repeat`` runs of ``fn`` (wall and CPU, each its own fastest), and
    what the last run returned."""
    wall = cpu = float("inf")
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        value = fn()
        wall = min(wall, time.perf_counter() - start)
        cpu = min(cpu, time.process_time() - start_cpu)
    return Timed(wall, cpu), value


def launch(command: list[str], env: dict[str, str] | None = None) -> dict[str, Any]:
    """Run ``command`` in a process of its own, through the build benchmark's launcher:
    wall and CPU seconds, peak memory (MB), exit status and the end of its error output
    when it failed."""
    code, figures, errors = launched(command, env)
    result: dict[str, Any] = {
        "wall": round(float(figures.get("wall", 0.0)), 3),
        "cpu": round(float(figures.get("cpu", 0.0)), 3),
        "peak_mb": round(int(figures.get("peak_kb", 0)) / 1024, 1),
        "returncode": code,
    }
    if code != 0:
        result["error"] = "\n".join(errors)[-1500:]
    return result


def traced_peak_mb(fn: Callable[[], object]) -> float:
    """The peak of Python's allocations during one run of ``fn`` (tracemalloc, MB): what
    the operation itself holds at once, whatever this process held before it."""
    tracemalloc.start()
    try:
        fn()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return round(peak / 2**20, 1)
