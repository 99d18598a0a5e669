"""The ``dataset`` command: a folder of reports to one table, on all cores, in batches.

``govdisclosure dataset INPUT… -o OUT [--format F] [--lang zh|en|pointer] [--jobs N]
[--validate] [--table reports|cells|findings]`` reads documents (text, HTML, PDF, Word) and
report JSON, and writes the wide reports table (or the long cells or findings table) as CSV,
XLSX, Parquet, a hive-partitioned Parquet folder or JSON Lines. Files are read by a pool of
processes and written batch by batch, so memory stays flat however large the corpus. A file
that cannot be read is counted and reported on stderr; the others are written.
"""

from __future__ import annotations

import argparse
import functools
import sys
from pathlib import Path
from typing import Any

__all__ = ["register"]

#: The inputs a folder is searched for: report JSON and every document the readers take.
INPUT_SUFFIXES = (".json", ".txt", ".md", ".html", ".htm", ".shtml", ".pdf", ".docx")


def register(subparsers: Any) -> None:
    """Add the ``dataset`` sub-command."""
    p = subparsers.add_parser(
        "dataset",
        help="turn reports (documents or JSON) into a table: CSV, XLSX, Parquet, JSON Lines",
        description=(
            "Read reports (documents or report JSON) and write one table: one row per report "
            "(or per cell, or per finding). Needs the dataset extra (and xlsx for .xlsx)."
        ),
    )
    p.add_argument("inputs", nargs="+", type=Path, metavar="INPUT", help="a file or a folder")
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        help="the output: .csv, .xlsx, .parquet, .jsonl, or a folder (partitioned Parquet)",
    )
    p.add_argument(
        "--format",
        choices=("csv", "xlsx", "parquet", "parquet-dir", "jsonl"),
        help="the output format (default: from the output's suffix)",
    )
    p.add_argument("--lang", choices=("zh", "en", "pointer"), default="zh", help="column headings")
    p.add_argument(
        "--table",
        choices=("reports", "cells", "findings"),
        default="reports",
        help="one row per report (default), per reported cell, or per finding",
    )
    p.add_argument("--jobs", type=int, default=None, help="worker processes (default: all cores)")
    p.add_argument("--validate", action="store_true", help="run the validator on every report")
    p.add_argument("--batch", type=int, default=500, help="reports per written batch")
    p.set_defaults(run=_run)


def _expand(paths: list[Path]) -> list[Path]:
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(
                sorted(
                    p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in INPUT_SUFFIXES
                )
            )
        else:
            out.append(path)
    return out


def _run(args: argparse.Namespace) -> int:
    try:
        from .dataset import cli as dataset_cli
    except ImportError as e:
        sys.stderr.write(
            f"govdisclosure dataset: needs the dataset extra "
            f"(pip install 'govdisclosure[dataset]'): {e}\n"
        )
        return 2
    files = _expand(args.inputs)
    if not files:
        sys.stderr.write("govdisclosure dataset: no reports found in the given inputs\n")
        return 2
    load_rows = functools.partial(
        dataset_cli.load_rows, validate=args.validate, table=args.table, lang=args.lang
    )
    try:
        return dataset_cli.run(files, load_rows, args)
    except ImportError as e:  # openpyxl for .xlsx
        sys.stderr.write(
            f"govdisclosure dataset: this output needs an extra "
            f"(pip install 'govdisclosure[xlsx]' for .xlsx): {e}\n"
        )
        return 2
