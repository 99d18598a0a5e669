"""Parquet through pyarrow: one file, or a hive-partitioned folder ``year=…/template=…/``.

Counts stay ``int64`` with nulls and amounts exact decimal text; the partition keys are the
reporting year and the template version, added as the columns ``year`` and ``template``
(``partition_columns``) and dropped again when the folder is read back.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.parquet as pq

__all__ = ["PARTITIONS", "PartitionedWriter", "Writer", "read", "read_partitioned"]

#: The partition columns of a folder, outermost first.
PARTITIONS = ("year", "template")


class Writer:
    """Writes tables of one schema to one Parquet file, a row group per batch."""

    def __init__(self, path: str | Path, schema: pa.Schema) -> None:
        self._writer = pq.ParquetWriter(path, schema)

    def write(self, table: pa.Table) -> None:
        """Append the rows of ``table``."""
        self._writer.write_table(table)

    def close(self) -> None:
        """Finish the file."""
        self._writer.close()


def with_partitions(table: pa.Table, year: str, template: str) -> pa.Table:
    """``table`` with the partition columns taken from its ``year`` and ``template`` columns."""
    return table.append_column("year", pc.cast(table[year], pa.int64())).append_column(
        "template", table[template]
    )


class PartitionedWriter:
    """Writes tables to a folder ``year=…/template=…/part-N-….parquet``, batch after batch.

    ``year`` and ``template`` name the columns holding the reporting year and template version.
    """

    def __init__(self, path: str | Path, schema: pa.Schema, *, year: str, template: str) -> None:
        self._path = Path(path)
        self._year, self._template = year, template
        self._batches = itertools.count()

    def write(self, table: pa.Table) -> None:
        """Add the rows of ``table`` as new files in their partitions."""
        n = next(self._batches)
        pq.write_to_dataset(
            with_partitions(table, self._year, self._template),
            self._path,
            partition_cols=list(PARTITIONS),
            basename_template=f"part-{n}-{{i}}.parquet",
        )

    def close(self) -> None:
        """Nothing to finish: every batch is complete files."""


def read(path: str | Path) -> pa.Table:
    """Read one Parquet file."""
    return pq.read_table(path)


def read_partitioned(path: str | Path) -> pa.Table:
    """Read a partitioned folder, rows in file order, without the partition columns."""
    dataset = ds.dataset(path, format="parquet", partitioning="hive")
    table = dataset.to_table()
    return table.drop_columns([p for p in PARTITIONS if p in table.column_names])
