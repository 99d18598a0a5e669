"""What the ``dataset`` command runs: load each input in a worker, write the table in batches.

:func:`load` turns one path into a :class:`~govdisclosure.dataset.Record` (report JSON is read
with :func:`~govdisclosure.loads`, documents with :func:`~govdisclosure.parse`) or a
:class:`~govdisclosure.parallel.Failure`; it runs in the worker processes, validation included.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow as pa

from ..findings import ReportError
from ..parallel import Failure, crashed, imap_ordered, parse_one
from ..serialize import loads
from ..validate import validate as run_validate
from .crosswalk import Lang
from .io import format_for, open_writer
from .tables import (
    Record,
    cell_rows,
    cells_schema,
    finding_rows,
    findings_schema,
    from_rows,
    record,
    report_row,
    reports_schema,
)

__all__ = ["load", "load_rows", "run", "schema_for"]


def load(path: Path, *, validate: bool = False) -> Record | Failure:
    """One input as a record, or why it could not be read."""
    rec: Record | None
    if path.suffix.lower() == ".json":
        try:
            report = loads(path.read_bytes())
        except ReportError as e:
            return Failure(str(path), tuple(e.findings))
        except OSError:
            # The reader's own finding for an unreadable file.
            failed = parse_one(path)
            return failed if isinstance(failed, Failure) else Failure(str(path), ())
        rec = Record(report, str(path))
    else:
        result = parse_one(path)
        if isinstance(result, Failure):
            return result
        rec = record(result, file=str(path))
        if rec is None:
            return Failure(str(path), tuple(result.findings))
    if validate:
        import attrs

        rec = attrs.evolve(rec, validation=tuple(run_validate(rec.report).findings))
    return rec


def load_rows(
    path: Path, *, validate: bool = False, table: str = "reports", lang: Lang = "pointer"
) -> list[list[Any]] | Failure:
    """The rows of ``table`` for one input, built in the worker (less to send back)."""
    got = load(path, validate=validate)
    if isinstance(got, Failure):
        return got
    if table == "cells":
        return cell_rows(got, lang)
    if table == "findings":
        return finding_rows(got)
    return [report_row(got)]


def schema_for(table: str, lang: Lang) -> pa.Schema:
    """The schema of the ``reports``, ``cells`` or ``findings`` table."""
    if table == "cells":
        return cells_schema(lang)
    if table == "findings":
        return findings_schema(lang)
    return reports_schema(lang)


def run(
    files: list[Path],
    load_rows: Callable[[Path], list[list[Any]] | Failure],
    args: argparse.Namespace,
) -> int:
    """Write the table of ``files`` to ``args.output``; return the exit status."""
    fmt = args.format or format_for(args.output)
    if args.table != "reports" and fmt == "parquet-dir":
        sys.stderr.write("govdisclosure dataset: a partitioned folder holds the reports table\n")
        return 2
    schema = schema_for(args.table, args.lang)
    writer = open_writer(args.output, schema, fmt, lang=args.lang)
    written = failed = pending = 0
    rows: list[list[Any]] = []
    try:
        for path, got in imap_ordered(load_rows, files, jobs=args.jobs, on_crash=crashed):
            if isinstance(got, Failure):
                failed += 1
                why = got.findings[0].message_en if got.findings else "unreadable"
                sys.stderr.write(f"govdisclosure dataset: {path}: {why}\n")
                continue
            rows.extend(got)
            written += 1
            pending += 1
            if pending >= args.batch:
                writer.write(from_rows(rows, schema))
                rows.clear()
                pending = 0
        if pending or written == 0:
            writer.write(from_rows(rows, schema))
    finally:
        writer.close()
    sys.stderr.write(
        f"govdisclosure dataset: {written} report(s) written to {args.output}"
        f"{f', {failed} file(s) could not be read' if failed else ''}\n"
    )
    return 1 if failed else 0
