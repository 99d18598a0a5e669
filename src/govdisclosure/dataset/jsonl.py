"""JSON Lines: one JSON object per row, headings as keys, nulls as ``null``; read back exactly.

Dates are ``YYYY-MM-DD`` text and amounts decimal text, as in the report document.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from pathlib import Path
from typing import IO, Any

import orjson
import pyarrow as pa

__all__ = ["Writer", "read"]


class Writer:
    """Writes tables to one JSON Lines file, batch after batch."""

    def __init__(self, path: str | Path, schema: pa.Schema) -> None:
        self._file: IO[bytes] = open(path, "wb")  # noqa: SIM115 - closed by close()
        self._schema = schema

    def write(self, table: pa.Table) -> None:
        """Append the rows of ``table``."""
        for row in table.to_pylist():
            self._file.write(orjson.dumps(row) + b"\n")

    def close(self) -> None:
        """Finish the file."""
        self._file.close()


def _value(value: Any, type_: pa.DataType) -> Any:
    if value is not None and pa.types.is_date32(type_):
        return _dt.date.fromisoformat(value)
    return value


def read(path: str | Path, types: Mapping[str, pa.DataType]) -> pa.Table:
    """Read a JSON Lines file written by :class:`Writer`; ``types`` maps a key to its type."""
    rows: list[dict[str, Any]] = []
    names: list[str] = []
    with open(path, "rb") as f:
        for line in f:
            if line.strip():
                row = orjson.loads(line)
                if not names:
                    names = list(row)
                rows.append(row)
    arrays = [
        pa.array(
            [_value(r.get(n), types.get(n, pa.string())) for r in rows],
            type=types.get(n, pa.string()),
        )
        for n in names
    ]
    return pa.Table.from_arrays(arrays, names=names)
