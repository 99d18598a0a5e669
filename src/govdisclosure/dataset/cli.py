"""What the ``dataset`` command runs: load each input in a worker, write the table in batches.

:func:`load` turns one path into a :class:`~govdisclosure.dataset.Record` (report JSON is read
with :func:`~govdisclosure.loads`, documents with :func:`~govdisclosure.parse`) or a
:class:`~govdisclosure.parallel.Failure`; it runs in the worker processes, validation included.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ..findings import ReportError
from ..parallel import Failure, imap_ordered, parse_one
from ..serialize import loads
from ..validate import validate as run_validate
from .io import format_for, open_writer
from .tables import Item, Record, cells_table, findings_table, record, reports_schema, reports_table

__all__ = ["load", "run"]


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


def _table(kind: str, items: Sequence[Item], lang: Any) -> Any:
    if kind == "cells":
        return cells_table(items, lang=lang)
    if kind == "findings":
        return findings_table(items, lang=lang)
    return reports_table(items, lang=lang)


def run(
    files: list[Path], load: Callable[[Path], Record | Failure], args: argparse.Namespace
) -> int:
    """Write the table of ``files`` to ``args.output``; return the exit status."""
    fmt = args.format or format_for(args.output)
    if args.table != "reports" and fmt == "parquet-dir":
        sys.stderr.write("govdisclosure dataset: a partitioned folder holds the reports table\n")
        return 2
    schema = _table(args.table, [], args.lang).schema
    if args.table == "reports":
        schema = reports_schema(args.lang)
    writer = open_writer(args.output, schema, fmt, lang=args.lang)
    written = failed = 0
    chunk: list[Item] = []
    try:
        for path, got in imap_ordered(load, files, jobs=args.jobs):
            if isinstance(got, Failure):
                failed += 1
                why = got.findings[0].message_en if got.findings else "unreadable"
                sys.stderr.write(f"govdisclosure dataset: {path}: {why}\n")
                continue
            chunk.append(got)
            written += 1
            if len(chunk) >= args.batch:
                writer.write(_table(args.table, chunk, args.lang))
                chunk.clear()
        if chunk or written == 0:
            writer.write(_table(args.table, chunk, args.lang))
    finally:
        writer.close()
    sys.stderr.write(
        f"govdisclosure dataset: {written} report(s) written to {args.output}"
        f"{f', {failed} file(s) could not be read' if failed else ''}\n"
    )
    return 1 if failed else 0
