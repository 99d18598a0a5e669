"""The ``govdisclosure template`` command: write the official form as an Excel workbook.

``govdisclosure template --version 2021 -o 年报.xlsx`` writes the blank form; ``--from REPORT``
prefills it from any report the library reads (JSON, a document, or last year's workbook).
Exit status: 0 written, 2 when the report cannot be read or the file cannot be written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from .template import VERSIONS

__all__ = ["register", "run"]


def register(subparsers: Any) -> None:
    """Add the ``template`` sub-command."""
    p = subparsers.add_parser(
        "template",
        help="write the official form as an Excel workbook (.xlsx) to fill in",
        description=(
            "Write the national format's three tables as an Excel workbook: input cells with "
            "data validation, totals as formulas from the template's sum rules, metadata on "
            "its own sheet. Needs the xlsx extra (openpyxl)."
        ),
    )
    p.add_argument("--version", choices=VERSIONS, default=VERSIONS[-1], help="template version")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="the .xlsx to write")
    p.add_argument(
        "--from",
        dest="source",
        metavar="REPORT",
        help="prefill from a report: JSON, a document or a workbook the library reads",
    )
    p.set_defaults(run=run)


def _report(source: str) -> Any:
    """The report in ``source``: a JSON document, or anything ``parse`` reads."""
    import orjson

    from .parse import ParseError, parse

    path = Path(source)
    data = path.read_bytes()
    if path.suffix.lower() == ".json" or data.lstrip()[:1] == b"{":
        try:
            doc = orjson.loads(data)
        except orjson.JSONDecodeError as e:
            raise ValueError(f"not JSON: {e}") from None
        # A `govdisclosure parse` record holds the report under "report".
        if isinstance(doc, dict) and "report" in doc and "template_version" not in doc:
            return doc["report"]
        return doc
    try:
        result = parse(path)
    except ParseError as e:
        raise ValueError(str(e)) from None
    if result.report is None:
        reasons = "; ".join(f.message_en for f in result.findings[:3])
        raise ValueError(f"no report found in {source}: {reasons}")
    return result.report


def run(args: argparse.Namespace) -> int:
    """Write the form; return the exit status."""
    from .findings import ReportError
    from .model import Report
    from .serialize import from_dict

    report = None
    if args.source is not None:
        try:
            found = _report(args.source)
            report = found if isinstance(found, Report) else from_dict(found)
        except (ValueError, ReportError) as e:
            sys.stderr.write(f"govdisclosure template: {args.source}: {e}\n")
            return 2
    from .office.workbook import workbook_bytes

    try:
        data = workbook_bytes(args.version, report)
    except ImportError as e:  # openpyxl is the xlsx extra
        sys.stderr.write(f"govdisclosure template: {e}\n")
        return 2
    Path(args.output).write_bytes(data)
    return 0
