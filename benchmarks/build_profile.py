"""Where WeasyPrint's time grows faster than the pages: two cProfile runs compared.

The same edition of the benchmark's book is profiled at two sizes. If WeasyPrint's
time grew as its pages, each function's seconds in the larger run would be its seconds
in the smaller one times the ratio of pages; what a function spends beyond that is its
*excess*. A function whose calls also grow faster than the pages does more work per page
as the book grows (an algorithm that revisits every page, say); one whose calls grow
linearly but whose time does not spends more per call. The chain of callers (the
costliest caller of each) says which part of WeasyPrint asks for that work.
"""

from __future__ import annotations

import pstats
from pathlib import Path
from typing import Any

#: cProfile's row for a function: primitive calls, calls, own time, cumulative time,
#: callers (each caller with its own row of four).
_Key = tuple[str, int, str]
_NONE: tuple[int, int, float, float, dict[_Key, Any]] = (0, 0, 0.0, 0.0, {})
#: Calls growing by more than this over linear is a function doing more per page.
CALLS_GROW = 1.5


def growth(small: Path, full: Path, scale: float) -> dict[str, Any]:
    """The two profiles (``full`` has ``scale`` times the pages of ``small``) compared."""
    before: dict[_Key, Any] = pstats.Stats(str(small)).stats  # type: ignore[attr-defined]
    after: dict[_Key, Any] = pstats.Stats(str(full)).stats  # type: ignore[attr-defined]
    rows = []
    for key, row in after.items():
        was = before.get(key, _NONE)
        rows.append(
            {
                "function": _name(key),
                "calls": row[1],
                "calls_if_linear": round(was[1] * scale),
                "own_seconds": round(row[2], 3),
                "own_excess": round(row[2] - was[2] * scale, 3),
                "cumulative_seconds": round(row[3], 3),
                "cumulative_excess": round(row[3] - was[3] * scale, 3),
                "callers": _callers(after, key),
            }
        )
    total_small = sum(row[2] for row in before.values())
    total_full = sum(row[2] for row in after.values())

    def top(column: str, rows: list[dict[str, Any]] = rows) -> list[dict[str, Any]]:
        return sorted(rows, key=lambda r: -float(r[column]))[:8]

    more_calls = [r for r in rows if r["calls"] > CALLS_GROW * max(r["calls_if_linear"], 1)]
    return {
        "profiled_seconds": {"small": round(total_small, 3), "full": round(total_full, 3)},
        "excess_seconds": round(total_full - total_small * scale, 3),
        "hot": top("own_seconds")[:5],
        "by_own_excess": top("own_excess"),
        "by_cumulative_excess": top("cumulative_excess"),
        "calls_growing_faster_than_pages": top("own_excess", more_calls),
    }


def _name(key: _Key) -> str:
    path, line, function = key
    return f"{function} ({path.split('site-packages/', 1)[-1]}:{line})"


def _callers(table: dict[_Key, Any], key: _Key, depth: int = 4) -> list[str]:
    """The costliest caller of ``key``, then its costliest caller, ``depth`` deep."""
    chain: list[str] = []
    seen = {key}
    while len(chain) < depth:
        callers: dict[_Key, Any] = table.get(key, _NONE)[4]
        if not callers:
            break
        key = max(callers, key=lambda k: float(callers[k][3]))  # by cumulative time
        if key in seen:
            break
        seen.add(key)
        chain.append(_name(key))
    return chain
