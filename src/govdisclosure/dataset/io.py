"""Write and read the dataset's tables in every format, chosen by the path's suffix or by name.

Formats: ``csv`` (UTF-8 with BOM), ``xlsx``, ``parquet`` (one file), ``parquet-dir`` (a
hive-partitioned folder ``year=…/template=…/``) and ``jsonl``. Writers take batches, so a
corpus streams through with bounded memory. :func:`read_reports_table` reads any of them back
into the wide table, typed as :func:`~govdisclosure.dataset.reports_schema` says, whatever the
language of its headings.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Literal, Protocol

import pyarrow as pa

from .crosswalk import Lang
from .tables import reports_schema

__all__ = ["FORMATS", "Format", "TableWriter", "format_for", "open_writer", "read_reports_table"]

Format = Literal["csv", "xlsx", "parquet", "parquet-dir", "jsonl"]
FORMATS: tuple[Format, ...] = ("csv", "xlsx", "parquet", "parquet-dir", "jsonl")

_SUFFIXES: dict[str, Format] = {
    ".csv": "csv",
    ".xlsx": "xlsx",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}


class TableWriter(Protocol):
    """A writer of batches of one schema."""

    def write(self, table: pa.Table) -> None:
        """Append the rows of ``table``."""

    def close(self) -> None:
        """Finish the output."""


def format_for(path: str | Path) -> Format:
    """The format of ``path``: by suffix, and a folder (no suffix) is partitioned Parquet."""
    p = Path(path)
    if p.suffix.lower() in _SUFFIXES:
        return _SUFFIXES[p.suffix.lower()]
    if p.suffix == "" or p.is_dir():
        return "parquet-dir"
    raise ValueError(f"{p.name}: unknown output suffix; use one of {', '.join(_SUFFIXES)}")


def open_writer(
    path: str | Path, schema: pa.Schema, fmt: Format | None = None, *, lang: Lang = "pointer"
) -> TableWriter:
    """A writer of ``schema`` to ``path`` in ``fmt`` (by default from the suffix)."""
    fmt = fmt or format_for(path)
    if fmt == "csv":
        from . import csv

        return csv.Writer(path, schema)
    if fmt == "xlsx":
        from . import xlsx

        return xlsx.Writer(path, schema)
    if fmt == "jsonl":
        from . import jsonl

        return jsonl.Writer(path, schema)
    from . import parquet

    if fmt == "parquet":
        return parquet.Writer(path, schema)
    # The partition keys come from the wide table's year and template columns.
    names = reports_schema(lang).names
    pointer_names = reports_schema("pointer").names
    year = names[pointer_names.index("/period/year")]
    template = names[pointer_names.index("/template_version")]
    return parquet.PartitionedWriter(path, schema, year=year, template=template)


@functools.cache
def _types() -> dict[str, pa.DataType]:
    out: dict[str, pa.DataType] = {}
    for lang in ("zh", "en", "pointer"):
        for field in reports_schema(lang):
            out[field.name] = field.type
    return out


def read_reports_table(path: str | Path, fmt: Format | None = None) -> pa.Table:
    """Read a wide table written in any format, typed by its headings."""
    fmt = fmt or format_for(path)
    if fmt == "csv":
        from . import csv

        return csv.read(path, _types())
    if fmt == "xlsx":
        from . import xlsx

        return xlsx.read(path, _types())
    if fmt == "jsonl":
        from . import jsonl

        return jsonl.read(path, _types())
    from . import parquet

    if fmt == "parquet":
        return parquet.read(path)
    return parquet.read_partitioned(path)
