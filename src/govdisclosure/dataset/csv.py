"""CSV in UTF-8 with a BOM, so that Excel and WPS open the Chinese text; read back exactly.

A null is an empty field and an empty string is ``""``, so the two stay apart. Written and read
with pyarrow's CSV module (the ``dataset`` extra).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import IO

import pyarrow as pa
import pyarrow.csv as pacsv

__all__ = ["BOM", "Writer", "read"]

BOM = b"\xef\xbb\xbf"


class Writer:
    """Writes tables of one schema to one CSV file, batch after batch."""

    def __init__(self, path: str | Path, schema: pa.Schema) -> None:
        self._file: IO[bytes] = open(path, "wb")  # noqa: SIM115 - closed by close()
        self._file.write(BOM)
        self._writer = pacsv.CSVWriter(self._file, schema)

    def write(self, table: pa.Table) -> None:
        """Append the rows of ``table``."""
        self._writer.write_table(table)

    def close(self) -> None:
        """Finish the file."""
        self._writer.close()
        self._file.close()


def read(path: str | Path, types: Mapping[str, pa.DataType]) -> pa.Table:
    """Read a CSV file written by :class:`Writer`; ``types`` maps a heading to its type."""
    with open(path, "rb") as f:
        head = f.read(3)
        if head != BOM:
            f.seek(0)
        return pacsv.read_csv(
            f,
            parse_options=pacsv.ParseOptions(newlines_in_values=True),
            convert_options=pacsv.ConvertOptions(
                column_types=dict(types),
                strings_can_be_null=True,
                quoted_strings_can_be_null=False,
            ),
        )
