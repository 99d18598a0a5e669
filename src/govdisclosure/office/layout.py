"""Where each value of a report sits in the workbook: its sheet and its cell address.

The workbook has one sheet per table, named as the tables are referred to (「表二」, 「表三」,
「表四」), the table's heading in its first row and the printed grid of :mod:`.grid` below it;
a sheet 「基本信息」 of labelled metadata fields and a sheet 「正文」 of the narrative. A
metadata or narrative row carries its JSON Pointer in a hidden third column, so that a field is
found by its pointer, not by its position or its label. This module is the single statement of
that layout; the writer, the reader and :mod:`.locate` all read it. It needs no openpyxl.
"""

from __future__ import annotations

import functools

from .._layout import TABLES, Tables
from ..catalogue import Entry, catalogue
from ..template import Version
from .grid import grid

__all__ = [
    "META_SHEET",
    "SHEETS",
    "TABLE_TOP",
    "TEXT_SHEET",
    "address",
    "cell_address",
    "column_letter",
    "meta_fields",
    "pointer_addresses",
]

#: The sheet of each table.
SHEETS: dict[Tables, str] = {table: f"表{table}" for table in TABLES}
#: The metadata sheet and the narrative sheet.
META_SHEET, TEXT_SHEET = "基本信息", "正文"
#: The sheet row (1-based) of a table's first grid row; row 1 holds its heading.
TABLE_TOP = 2
#: The first data row of the metadata and narrative sheets (row 1 is their header).
FIELDS_TOP = 2

#: The metadata sheet's fields, by pointer prefix, in the order printed.
_META_ROOTS = ("/template_version", "/agency/", "/period/", "/source/", "/contact/")
_FEES = "/other_matters/info_processing_fees"


def column_letter(col: int) -> str:
    """The spreadsheet letters of a 0-based column: 0 → ``A``, 25 → ``Z``, 26 → ``AA``."""
    out = ""
    n = col + 1
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(ord("A") + rem) + out
    return out


def address(row: int, col: int) -> str:
    """The A1 address of a 0-based grid position on a table sheet: (12, 3) → ``D14``."""
    return f"{column_letter(col)}{row + TABLE_TOP}"


@functools.cache
def meta_fields() -> tuple[Entry, ...]:
    """The metadata sheet's fields: scalar report fields outside the tables, in order."""
    out = [
        e
        for e in catalogue()
        if e.role == "field"
        and e.table is None
        and e.kind not in ("object", "object_list", "text_list")
        and (e.pointer.startswith(_META_ROOTS) or e.pointer.startswith(_FEES))
    ]
    fees = next(e for e in catalogue() if e.pointer == _FEES)
    # The fees block may be absent from a report as a whole: a row says whether it is given.
    at = next(i for i, e in enumerate(out) if e.pointer.startswith(_FEES + "/"))
    out.insert(at, fees)
    return tuple(out)


@functools.cache
def pointer_addresses(version: Version) -> dict[str, tuple[str, str]]:
    """Every table cell and metadata field of ``version``: pointer → (sheet, A1 address)."""
    out: dict[str, tuple[str, str]] = {}
    for table in TABLES:
        for cell in grid(version, table).values():
            assert cell.pointer is not None
            out[cell.pointer] = (SHEETS[table], address(cell.row, cell.col))
    for i, e in enumerate(meta_fields()):
        out[e.pointer] = (META_SHEET, f"B{FIELDS_TOP + i}")
    return out


def cell_address(pointer: str, version: Version) -> str | None:
    """The workbook cell of ``pointer``, as ``表三!D14``; ``None`` when it has no cell."""
    found = pointer_addresses(version).get(pointer)
    return None if found is None else f"{found[0]}!{found[1]}"
