"""A grid table's spans resolved: every slot of the grid names the cell that covers it.

Row and column spans are expanded within the limits :data:`MAX_GRID_WIDTH` and
:data:`MAX_GRID_SLOTS` (declared with the readers' document: the HTML reader places its cells
in the same grid); a table beyond them is cut short, and the caller says so.
"""

from __future__ import annotations

from typing import NamedTuple

from ...readers.document import (
    MAX_GRID_SLOTS,
    MAX_GRID_WIDTH,
    Cell,
    Location,
    Table,
    new_location,
)

__all__ = ["MAX_GRID_SLOTS", "MAX_GRID_WIDTH", "Slot", "cell_location", "resolve_spans"]


class Slot(NamedTuple):
    """The cell covering a grid slot, and the slot where that cell starts."""

    cell: Cell
    row: int
    col: int


# A NamedTuple's own constructor is a Python function; this is the C one it calls.
_new = tuple.__new__


def resolve_spans(table: Table) -> tuple[list[list[Slot | None]], int, bool]:
    """The table's grid with spans expanded; ``True`` when limits cut it short."""
    n_rows = len(table.rows)
    # One dict per row, column → slot: a span's slots below its row are filled in advance.
    occupied: list[dict[int, Slot]] = [{} for _ in range(n_rows)]
    budget = MAX_GRID_SLOTS
    cut = False
    width = 0
    for r, cells in enumerate(table.rows):
        here = occupied[r]
        c = 0
        for cell in cells:
            while c in here:
                c += 1
            if c >= MAX_GRID_WIDTH:
                cut = True
                break
            rs = cell.rowspan
            cs = cell.colspan
            if rs == 1 and cs == 1:
                if budget <= 0:
                    cut = True
                    break
                here[c] = _new(Slot, (cell, r, c))
                budget -= 1
                c += 1
                if c > width:
                    width = c
                continue
            rs = max(1, min(rs, n_rows - r))
            cs = max(1, min(cs, MAX_GRID_WIDTH - c))
            if rs * cs > budget:
                rs, cs, cut = 1, 1, True
            if budget <= 0:
                cut = True
                break
            slot = _new(Slot, (cell, r, c))
            for dr in range(rs):
                below = occupied[r + dr]
                for dc in range(cs):
                    below.setdefault(c + dc, slot)
            budget -= rs * cs
            c += cs
            if c > width:
                width = c
        if budget <= 0:
            break
    columns = range(width)
    grid = [list(map(row.get, columns)) for row in occupied]
    return grid, width, cut


def cell_location(location: Location, table: int, row: int, column: int) -> Location:
    """A cell's location in its table's grid; the reader's table number wins when it set one."""
    if location.table is not None and location.row == row and location.column == column:
        return location  # already where the grid has it (an HTML cell left of any span)
    return new_location(
        location.line,
        location.page,
        location.table if location.table is not None else table,
        row,
        column,
    )
