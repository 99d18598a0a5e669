"""Dask helpers: a corpus as a ``dask.bag`` of records, written as partitioned Parquet.

For a corpus larger than one machine, Dask schedules the work (locally or on a
``dask.distributed`` cluster); this module only says what to compute. :func:`load_bag` reads
each path (document or report JSON) into a :class:`~govdisclosure.dataset.Record` or a
:class:`~govdisclosure.parallel.Failure`; :func:`reports_frame` turns the records into a
``dask.dataframe`` of the wide reports table with Arrow-typed columns (nullable ``int64``,
exact amount text); :func:`to_parquet` writes it as a hive-partitioned folder
``year=…/template=…/`` that :func:`govdisclosure.dataset.read` reads back. Requires the
``dask`` extra (``dask[dataframe,distributed]``).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import dask.bag as db
import dask.dataframe as dd
import pandas as pd
import pyarrow as pa

from .dataset.cli import load
from .dataset.crosswalk import Lang
from .dataset.parquet import PARTITIONS, with_partitions
from .dataset.tables import Record, reports_schema, reports_table
from .parallel import Failure

__all__ = ["load_bag", "reports_frame", "to_parquet"]


def load_bag(
    paths: Sequence[str | Path], *, validate: bool = False, npartitions: int | None = None
) -> db.Bag:
    """A bag of :class:`Record` or :class:`Failure`, one per path, in input order."""
    fn = functools.partial(load, validate=validate)
    # dask.bag has no annotations.
    bag = db.from_sequence([Path(p) for p in paths], npartitions=npartitions)  # type: ignore[no-untyped-call]
    out: db.Bag = bag.map(fn)
    return out


def _frame(records: Iterable[Record | Failure], lang: Lang) -> pd.DataFrame:
    names = reports_schema(lang).names
    pointers = reports_schema("pointer").names
    table = reports_table([r for r in records if isinstance(r, Record)], lang=lang)
    table = with_partitions(
        table,
        names[pointers.index("/period/year")],
        names[pointers.index("/template_version")],
    )
    return table.to_pandas(types_mapper=pd.ArrowDtype)


def reports_frame(bag: db.Bag, *, lang: Lang = "pointer") -> dd.DataFrame:
    """The wide reports table of a bag of records, one frame per bag partition.

    The frame has the partition columns ``year`` and ``template`` too; failures are dropped.
    """
    meta = _frame([], lang)
    # dask.bag has no annotations.
    parts = bag.map_partitions(_frame, lang).to_delayed()  # type: ignore[no-untyped-call]
    frame: dd.DataFrame = dd.from_delayed(parts, meta=meta, verify_meta=False)
    return frame


def to_parquet(
    paths: Sequence[str | Path],
    out: str | Path,
    *,
    validate: bool = False,
    lang: Lang = "pointer",
    npartitions: int | None = None,
) -> None:
    """Write the reports table of ``paths`` to a folder ``year=…/template=…/`` with Dask.

    Runs on the current Dask scheduler (a ``dask.distributed.Client`` when one is active).
    """
    frame = reports_frame(load_bag(paths, validate=validate, npartitions=npartitions), lang=lang)
    schema: dict[str, Any] = {f.name: f.type for f in reports_schema(lang)}
    schema.update({"year": pa.int64(), "template": pa.string()})
    frame.to_parquet(  # type: ignore[no-untyped-call]  # dask's to_parquet has no annotations
        str(out), partition_on=list(PARTITIONS), write_index=False, schema=pa.schema(schema)
    )
