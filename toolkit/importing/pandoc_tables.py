"""Pandoc tables as the store's simple tables: a grid of cells, one segment each.

The store's tables have a header row or none, and every row as many cells as the first.
Pandoc's may have cells spanning rows and columns, rows of different lengths, several
header rows, heads inside the body and footer rows. They are flattened so that no text is
lost: a spanning cell's text stands in its first cell and the cells it covered are empty;
short rows get empty cells; extra header rows, inner heads and footer rows become ordinary
rows. What was changed is said, for the import record.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from toolkit.importing.pandoc_inlines import Node


@dataclass(frozen=True)
class Grid:
    """A table's cells row by row (each cell its Pandoc blocks), every row equally long."""

    rows: tuple[tuple[tuple[Node, ...], ...], ...]
    header: bool
    #: What flattening changed, a sentence each; empty when the table was simple.
    changes: tuple[str, ...]

    @property
    def columns(self) -> int:
        return len(self.rows[0]) if self.rows else 0


def table_grid(content: list[Any]) -> Grid:
    """The grid of a Pandoc ``Table`` (its ``c``: attr, caption, columns, head, bodies, foot)."""
    _, _, colspecs, head, bodies, foot = content
    head_rows: list[Any] = list(head[1])
    body_rows: list[Any] = []
    inner_heads = 0
    for body in bodies:
        inner_heads += len(body[2])
        body_rows += [*body[2], *body[3]]
    foot_rows: list[Any] = list(foot[1])
    rows = [*head_rows, *body_rows, *foot_rows]
    cells: dict[tuple[int, int], tuple[Node, ...]] = {}
    taken: set[tuple[int, int]] = set()
    spans = False
    widths: list[int] = []
    for r, row in enumerate(rows):
        col = 0
        for cell in row[1]:
            while (r, col) in taken:
                col += 1
            rowspan, colspan = max(1, int(cell[2])), max(1, int(cell[3]))
            spans = spans or rowspan > 1 or colspan > 1
            cells[(r, col)] = tuple(cell[4])
            taken.update((r + dr, col + dc) for dr in range(rowspan) for dc in range(colspan))
            col += colspan
        widths.append(len([c for (rr, c) in taken if rr == r]))
    if not taken:
        return Grid((), False, ())
    height = max(r for r, _ in taken) + 1
    width = max(max(c for _, c in taken) + 1, len(colspecs))
    grid = tuple(tuple(cells.get((r, c), ()) for c in range(width)) for r in range(height))
    changes: list[str] = []
    if spans:
        changes.append(
            "merged cells were split: each one's text stands in its first cell, "
            "the cells it covered are empty"
        )
    if height > len(rows) or any(w != width for w in widths):
        changes.append("rows of different lengths were filled out with empty cells")
    if len(head_rows) > 1:
        changes.append(
            f"of its {len(head_rows)} header rows, the rows after the first are ordinary rows"
        )
    if inner_heads or foot_rows:
        changes.append("header rows inside the table and footer rows are ordinary rows")
    return Grid(grid, bool(head_rows) and height > 1, tuple(changes))
