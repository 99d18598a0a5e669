"""Reports as tables: one row per report, per cell or per finding, written and read losslessly.

Requires the ``dataset`` extra (pyarrow); XLSX needs ``xlsx`` (openpyxl), DataFrames ``pandas``::

    from govdisclosure.dataset import reports_table, write, read
    table = reports_table(reports, lang="zh")      # a pyarrow.Table
    write(reports, "reports.parquet")               # or .csv, .xlsx, .jsonl, a folder
    assert read("reports.parquet") == reports

See ``docs/dataset.md`` for the columns, the 2019↔2021 crosswalk and the formats.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..model import Report
from .crosswalk import COLUMNS, SAME_MEANING, Column, Equivalence, Lang
from .io import FORMATS, Format, format_for, open_writer, read_reports_table
from .tables import (
    META,
    Item,
    Record,
    agency_key,
    cells_table,
    findings_table,
    from_table,
    record,
    report_id,
    reports_schema,
    reports_table,
)

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    import pyarrow as pa

__all__ = [
    "COLUMNS",
    "FORMATS",
    "META",
    "SAME_MEANING",
    "Column",
    "Equivalence",
    "Format",
    "Item",
    "Lang",
    "Record",
    "agency_key",
    "cells_table",
    "findings_table",
    "format_for",
    "from_table",
    "open_writer",
    "read",
    "read_reports_table",
    "record",
    "report_id",
    "reports_schema",
    "reports_table",
    "to_pandas",
    "write",
]


def write(
    reports: Iterable[Item],
    path: str | Path,
    fmt: Format | None = None,
    *,
    lang: Lang = "pointer",
    batch: int = 500,
) -> int:
    """Write the wide table of ``reports`` to ``path``, ``batch`` reports at a time.

    Returns the number of rows written.
    """
    writer = open_writer(path, reports_schema(lang), fmt, lang=lang)
    n = 0
    try:
        chunk: list[Item] = []
        for item in reports:
            chunk.append(item)
            if len(chunk) >= batch:
                n += _flush(writer, chunk, lang)
        if chunk or n == 0:
            n += _flush(writer, chunk, lang)
    finally:
        writer.close()
    return n


def _flush(writer: Any, chunk: list[Item], lang: Lang) -> int:
    table = reports_table(chunk, lang=lang)
    writer.write(table)
    chunk.clear()
    return int(table.num_rows)


def read(path: str | Path, fmt: Format | None = None) -> list[Report]:
    """The reports of a wide table written by :func:`write`, in any format and language."""
    return from_table(read_reports_table(path, fmt))


def to_pandas(table: pa.Table) -> pd.DataFrame:
    """A DataFrame with nullable ``Int64`` counts (never ``NaN`` floats); needs ``pandas``."""
    import pandas as pd
    import pyarrow as pa

    mapping = {pa.int64(): pd.Int64Dtype(), pa.string(): pd.StringDtype()}
    return table.to_pandas(types_mapper=mapping.get)
