"""The three tables as the national format prints them: every cell at its row and column.

:func:`grid` lays out table 二, 三 or 四 of a template version as a grid of header, label and
value cells with their row and column spans, every row of the template present (a blank
form). The workbook, the check page and the Word document all print from this one layout, so
a value cell sits at the same place in each; the labels, rows and columns come from the
template declaration through the field catalogue, never typed here.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

import attrs

from .. import template as t
from .._layout import TABLES, RowSpec, Tables, header_spans, row_specs, table_cells, table_doc
from ..catalogue import Entry
from ..template import Label, Version

__all__ = ["TABLES", "Grid", "GridCell", "grid"]


@attrs.frozen(kw_only=True)
class GridCell:
    """One printed cell: its top-left position (0-based), spans, text and, for a value, pointer."""

    row: int
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1
    header: bool = False
    #: The cell's catalogue entry when it holds a value.
    entry: Entry | None = None

    @property
    def pointer(self) -> str | None:
        """The JSON Pointer of the value cell, ``None`` for a label."""
        return self.entry.pointer if self.entry is not None else None


@attrs.frozen(kw_only=True)
class Grid:
    """A table's printed layout: its cells in reading order, and its size."""

    table: Tables
    version: Version
    heading: Label
    cells: tuple[GridCell, ...]
    width: int
    height: int

    def values(self) -> tuple[GridCell, ...]:
        """The value cells, in reading order."""
        return tuple(c for c in self.cells if c.entry is not None)

    def at(self, pointer: str) -> GridCell | None:
        """The value cell of ``pointer``, if this table has it."""
        return next((c for c in self.cells if c.pointer == pointer), None)


def _column_header(paths: Sequence[tuple[str, ...]], first_col: int) -> list[GridCell]:
    """Header rows for leaf columns with label ``paths``: groups merged across, leaves down."""
    return [
        GridCell(row=level, col=first_col + c, text=text, rowspan=rs, colspan=cs, header=True)
        for level, c, text, rs, cs in header_spans(paths)
    ]


def _two(version: Version) -> tuple[list[GridCell], int, int]:
    specs = row_specs(version, "二")
    width = 1 + max(len(s.cells) for s in specs)
    blocks: list[tuple[str, list[RowSpec]]] = []
    for spec in specs:
        if spec.group_only:
            continue
        block = spec.labels[0].zh
        if not blocks or blocks[-1][0] != block:
            blocks.append((block, []))
        blocks[-1][1].append(spec)
    out: list[GridCell] = []
    r = 0
    for block, rows in blocks:
        out.append(GridCell(row=r, col=0, text=block, colspan=width, header=True))
        r += 1
        out.append(GridCell(row=r, col=0, text=t.INFO_CONTENT.zh, header=True))
        entries = rows[0].cells
        for i, e in enumerate(entries):
            span = width - len(entries) if i == len(entries) - 1 else 1
            out.append(GridCell(row=r, col=1 + i, text=e.column[-1].zh, colspan=span, header=True))
        r += 1
        for spec in rows:
            out.append(GridCell(row=r, col=0, text=spec.label.zh))
            for i, e in enumerate(spec.cells):
                span = width - len(spec.cells) if i == len(spec.cells) - 1 else 1
                out.append(GridCell(row=r, col=1 + i, text="", colspan=span, entry=e))
            r += 1
    return out, width, r


def _three(version: Version) -> tuple[list[GridCell], int, int]:
    specs = row_specs(version, "三")
    entries = next(s for s in specs if s.cells).cells
    label_width = 3
    head = _column_header([tuple(lab.zh for lab in e.column) for e in entries], label_width)
    depth = max(c.row for c in head) + 1
    out = [
        GridCell(
            row=0,
            col=0,
            text=t.APPLICATIONS_NOTE.zh,
            rowspan=depth,
            colspan=label_width,
            header=True,
        ),
        *head,
    ]

    def leaves(spec: RowSpec) -> int:
        return sum(1 for s in specs if not s.group_only and s.path[: len(spec.path)] == spec.path)

    r = depth
    for spec in specs:
        level = len(spec.parents)
        if spec.group_only:
            out.append(GridCell(row=r, col=level, text=spec.label.zh, rowspan=leaves(spec)))
            continue
        out.append(GridCell(row=r, col=level, text=spec.label.zh, colspan=label_width - level))
        for i, e in enumerate(spec.cells):
            out.append(GridCell(row=r, col=label_width + i, text="", entry=e))
        r += 1
    return out, label_width + len(entries), r


def _four(version: Version) -> tuple[list[GridCell], int, int]:
    entries = table_cells(version, "四")
    head = _column_header([tuple(lab.zh for lab in e.column) for e in entries], 0)
    depth = max(c.row for c in head) + 1
    values = [GridCell(row=depth, col=i, text="", entry=e) for i, e in enumerate(entries)]
    return [*head, *values], len(entries), depth + 1


@functools.cache
def grid(version: Version, table: Tables) -> Grid:
    """The printed layout of ``table`` (``"二"``, ``"三"`` or ``"四"``) in ``version``."""
    build = {"二": _two, "三": _three, "四": _four}[table]
    cells, width, height = build(version)
    cells.sort(key=lambda c: (c.row, c.col))
    return Grid(
        table=table,
        version=version,
        heading=table_doc(table).label,
        cells=tuple(cells),
        width=width,
        height=height,
    )
