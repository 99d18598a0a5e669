"""Convert a folder of published reports (HTML, PDF, Word, text) into JSON Lines, with findings.

Usage::

    python examples/convert_folder.py REPORTS_DIR out.jsonl [--validate]

Every file under ``REPORTS_DIR`` with a known suffix (``.html``, ``.htm``, ``.shtml``, ``.pdf``,
``.docx``, ``.txt``, ``.md``) becomes one line: ``{"file", "format", "report", "findings"}``.
``report`` is ``null`` when the file holds no readable report; ``findings`` always says why. PDF
and Word need the ``pdf`` and ``docx`` extras; without them those files are reported as
unreadable, with the extra to install in the message. A summary goes to stderr at the end.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from govdisclosure import to_dict
from govdisclosure.parse import ParseError, parse

SUFFIXES = {".html", ".htm", ".shtml", ".pdf", ".docx", ".txt", ".md"}


def convert(folder: Path, out: Path, *, validate: bool = False) -> tuple[int, int, int]:
    """Write one JSON line per report file; return (files, reports, unreadable)."""
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
    reports = unreadable = 0
    with out.open("w", encoding="utf-8") as sink:
        for i, path in enumerate(files, start=1):
            sys.stderr.write(f"\r{i}/{len(files)} {path.name[:50]:<50}")
            record: dict[str, object] = {"file": str(path.relative_to(folder))}
            try:
                result = parse(path)
            except ParseError as exc:
                unreadable += 1
                record.update(
                    format=None,
                    report=None,
                    findings=[
                        {"rule": "parse.unreadable", "severity": "error", "message_en": str(exc)}
                    ],
                )
            else:
                findings = list(result.findings)
                if validate and result.report is not None:
                    from govdisclosure.validate import validate as check

                    findings.extend(check(result.report).findings)
                reports += result.report is not None
                record.update(
                    format=result.format,
                    report=to_dict(result.report) if result.report is not None else None,
                    findings=[f.to_dict() for f in findings],
                )
            sink.write(json.dumps(record, ensure_ascii=False) + "\n")
    sys.stderr.write("\n")
    return len(files), reports, unreadable


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--validate", action="store_true", help="add the validator's findings")
    args = ap.parse_args()
    files, reports, unreadable = convert(args.folder, args.out, validate=args.validate)
    print(
        f"{files} files: {reports} reports, {unreadable} unreadable -> {args.out}", file=sys.stderr
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
