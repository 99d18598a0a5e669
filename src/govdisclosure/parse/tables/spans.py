"""A grid table's spans resolved: every slot of the grid names the cell that covers it.

Row and column spans are expanded within the limits :data:`MAX_GRID_WIDTH` and
:data:`MAX_GRID_SLOTS`; a table beyond them is cut short, and the caller says so.
"""

from __future__ import annotations

import attrs

from ...readers.document import Cell, Location, Table

__all__ = ["MAX_GRID_SLOTS", "MAX_GRID_WIDTH", "Slot", "cell_location", "resolve_spans"]

#: The widest grid read; cells beyond it are ignored.
MAX_GRID_WIDTH = 200
#: The most grid slots (rows × columns, spans expanded) read from one table.
MAX_GRID_SLOTS = 400_000


@attrs.frozen
class Slot:
    cell: Cell
    row: int
    col: int


def resolve_spans(table: Table) -> tuple[list[list[Slot | None]], int, bool]:
    """The table's grid with spans expanded; ``True`` when limits cut it short."""
    occupied: dict[tuple[int, int], Slot] = {}
    n_rows = len(table.rows)
    budget = MAX_GRID_SLOTS
    cut = False
    width = 0
    for r, cells in enumerate(table.rows):
        c = 0
        for cell in cells:
            while (r, c) in occupied:
                c += 1
            if c >= MAX_GRID_WIDTH:
                cut = True
                break
            rs = max(1, min(cell.rowspan, n_rows - r))
            cs = max(1, min(cell.colspan, MAX_GRID_WIDTH - c))
            if rs * cs > budget:
                rs, cs, cut = 1, 1, True
            if budget <= 0:
                cut = True
                break
            slot = Slot(cell, r, c)
            for dr in range(rs):
                for dc in range(cs):
                    occupied.setdefault((r + dr, c + dc), slot)
            budget -= rs * cs
            c += cs
            width = max(width, c)
        if budget <= 0:
            break
    grid = [[occupied.get((r, c)) for c in range(width)] for r in range(n_rows)]
    return grid, width, cut


def cell_location(location: Location, table: int, row: int, column: int) -> Location:
    """A cell's location in its table's grid; the reader's table number wins when it set one."""
    return Location(
        line=location.line,
        page=location.page,
        table=location.table if location.table is not None else table,
        row=row,
        column=column,
    )
