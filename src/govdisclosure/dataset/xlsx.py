"""XLSX through openpyxl: one sheet of reports, headings in the first row; read back exactly.

Counts are numbers; dates and amounts are text (``YYYY-MM-DD``, exact decimals: Excel's
numbers are binary floats, and its dates start in 1900). A spreadsheet cannot hold control
characters, an empty string, or a carriage return that survives reading, so text is escaped
the way the Office Open XML format escapes characters, as ``_xHHHH_`` (see :func:`escape`),
and unescaped on reading. Requires the ``xlsx`` extra.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import openpyxl
import pyarrow as pa

__all__ = ["SHEET", "Writer", "escape", "read", "unescape"]

SHEET = "reports"

# Characters a worksheet cannot hold or does not keep (XML 1.0 and its line-end handling),
# and a literal "_x" that would read as the start of an escape.
_NEEDS_ESCAPE = re.compile(r"[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\ufffe\uffff]|_(?=x[0-9A-Fa-f]{4}_)")
_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")
#: How an empty string is written: a cell left empty reads as null.
EMPTY = "_x0000_E"


def escape(text: str) -> str:
    """``text`` as a worksheet cell can hold it.

    Control characters, a carriage return, a leading ``=`` and a literal ``_xHHHH_`` become
    ``_xHHHH_``; an empty string becomes :data:`EMPTY`.
    """
    if text == "":
        return EMPTY
    out = _NEEDS_ESCAPE.sub(lambda m: f"_x{ord(m.group()):04X}_", text)
    # openpyxl takes a leading "=" for a formula.
    return "_x003D_" + out[1:] if out.startswith("=") else out


def unescape(text: str) -> str:
    """The text that :func:`escape` wrote."""
    if text == EMPTY:
        return ""
    return _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text)


def _cell(value: Any) -> Any:
    if isinstance(value, str):
        return escape(value)
    if isinstance(value, _dt.date):
        return value.isoformat()
    return value


class Writer:
    """Writes tables of one schema to one worksheet, batch after batch (write-only mode)."""

    def __init__(self, path: str | Path, schema: pa.Schema) -> None:
        self._path = path
        self._book = openpyxl.Workbook(write_only=True)
        self._sheet = self._book.create_sheet(SHEET)
        self._sheet.append([escape(name) for name in schema.names])

    def write(self, table: pa.Table) -> None:
        """Append the rows of ``table``."""
        names = table.column_names
        for row in table.to_pylist():
            self._sheet.append([_cell(row[n]) for n in names])

    def close(self) -> None:
        """Save the workbook."""
        self._book.save(self._path)


def _value(value: Any, type_: pa.DataType) -> Any:
    if value is None:
        return None
    if pa.types.is_string(type_):
        return unescape(str(value))
    if pa.types.is_date32(type_):
        return _dt.date.fromisoformat(str(value))
    if pa.types.is_integer(type_):
        return int(value)
    return value


def read(path: str | Path, types: Mapping[str, pa.DataType]) -> pa.Table:
    """Read the sheet written by :class:`Writer`; ``types`` maps a heading to its type."""
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        rows = book[SHEET].iter_rows(values_only=True)
        names = [unescape(str(n)) for n in next(rows)]
        columns: list[list[Any]] = [[] for _ in names]
        kinds = [types.get(n, pa.string()) for n in names]
        for row in rows:
            # A row's trailing empty cells are not stored.
            full = (*row, *(None,) * (len(names) - len(row)))
            for col, kind, v in zip(columns, kinds, full, strict=False):
                col.append(_value(v, kind))
    finally:
        book.close()
    return pa.Table.from_arrays(
        [pa.array(c, type=k) for c, k in zip(columns, kinds, strict=False)], names=names
    )
