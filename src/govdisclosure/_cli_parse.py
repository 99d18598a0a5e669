"""The ``parse`` and ``render`` commands.

``govdisclosure parse FILE… [-o out.json | --outdir DIR | --jsonl] [--validate]`` reads reports
(text, HTML, PDF, Word) into JSON records ``{"file", "format", "report", "findings"}`` (with
``--provenance``, also each value's source text and location). One file prints one JSON
document; several print JSON Lines, unless ``-o`` (a JSON array) or ``--outdir`` (one file each)
says otherwise. A batch shows a progress bar on stderr when it is a terminal, and always ends
with a summary: files read, tables found, cells missing.

``govdisclosure render report.json --format html|markdown|text`` prints a report in the official
layout.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO

import attrs
import orjson

from .findings import Finding
from .parse import FORMATS, ParseError, ParseResult, parse
from .readers import SUFFIXES
from .render import RENDER_FORMATS, render
from .serialize import loads, to_dict

__all__ = ["register"]


def register(subparsers: Any) -> None:
    """Add the ``parse`` and ``render`` sub-commands."""
    p = subparsers.add_parser(
        "parse",
        help="read reports (text, HTML, PDF, Word) into JSON",
        description="Read reports into JSON records with findings.",
    )
    p.add_argument(
        "files",
        nargs="+",
        type=Path,
        metavar="FILE",
        help="a document, a folder of them, or - (stdin)",
    )
    where = p.add_mutually_exclusive_group()
    where.add_argument(
        "-o", "--output", type=Path, help="write to this file (several: a JSON array)"
    )
    where.add_argument("--outdir", type=Path, help="write one <name>.json per input into DIR")
    where.add_argument("--jsonl", action="store_true", help="print JSON Lines, one record per file")
    p.add_argument("--format", choices=FORMATS, help="the input format (default: detected)")
    p.add_argument("--validate", action="store_true", help="attach the validator's findings")
    p.add_argument("--provenance", action="store_true", help="include each value's source text")
    p.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="show a progress bar (default: when stderr is a terminal)",
    )
    p.set_defaults(run=_run_parse)

    r = subparsers.add_parser(
        "render",
        help="print a report JSON in the official layout",
        description="Render a report document as HTML, Markdown, text or Word (.docx).",
    )
    r.add_argument("report", type=Path, metavar="REPORT.json")
    r.add_argument("--format", choices=RENDER_FORMATS, default="html")
    r.add_argument("-o", "--output", type=Path, help="write to this file instead of stdout")
    r.add_argument(
        "--no-metadata",
        dest="metadata",
        action="store_false",
        help="leave out the opening labelled metadata lines (exactly the official layout)",
    )
    r.set_defaults(run=_run_render)


def _validator() -> Any:
    try:
        from .validate import validate
    except ImportError:  # pragma: no cover - the module ships with the library
        return None
    return validate


def _record(
    path: Path, result: ParseResult | None, error: Finding | None, args: argparse.Namespace
) -> dict[str, Any]:
    findings: list[Finding] = list(result.findings) if result is not None else []
    if error is not None:
        findings.append(error)
    report = result.report if result is not None else None
    if args.validate and report is not None:
        validate = _validator()
        if validate is not None:
            checked = validate(report)
            findings.extend(getattr(checked, "findings", checked))
    out: dict[str, Any] = {
        "file": str(path),
        "format": result.format if result is not None else None,
        "report": to_dict(report) if report is not None else None,
        "findings": [f.to_dict() for f in findings],
    }
    if args.provenance and result is not None:
        out["provenance"] = {
            ptr: {"raw": p.raw, "location": attrs.asdict(p.location)}
            for ptr, p in result.provenance.items()
        }
    return out


def _dump(obj: Any, pretty: bool) -> bytes:
    return orjson.dumps(obj, option=orjson.OPT_INDENT_2 if pretty else 0)


@attrs.define
class _Tally:
    files: int = 0
    unreadable: int = 0
    read: int = 0
    tables: int = 0
    possible_tables: int = 0
    cells: int = 0
    missing_cells: int = 0

    def add(self, record: dict[str, Any]) -> None:
        self.files += 1
        self.unreadable += record["format"] is None
        report = record["report"]
        if report is None:
            return
        self.read += 1
        for name in ("proactive_disclosure", "applications", "review_litigation"):
            self.possible_tables += 1
            table = report[name]
            if table is None:
                continue
            self.tables += 1
            for value in _cells(table):
                self.cells += 1
                self.missing_cells += value is None

    def summary(self) -> str:
        return (
            f"files read: {self.files - self.unreadable} of {self.files} "
            f"({self.read} with a report); "
            f"tables found: {self.tables} of {self.possible_tables}; "
            f"cells missing: {self.missing_cells} of {self.cells} in the tables found"
        )


def _cells(node: Any) -> Iterable[Any]:
    if isinstance(node, dict):
        for value in node.values():
            yield from _cells(value)
    else:
        yield node


class _Progress:
    def __init__(self, total: int, stream: TextIO, enabled: bool) -> None:
        self.total, self.stream, self.enabled = total, stream, enabled
        self.done = 0

    def step(self, name: str) -> None:
        self.done += 1
        if not self.enabled:
            return
        width = 30
        filled = width * self.done // max(1, self.total)
        bar = "#" * filled + "-" * (width - filled)
        label = name if len(name) <= 40 else "…" + name[-39:]
        self.stream.write(f"\r[{bar}] {self.done}/{self.total} {label:<40}")
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\n")


def _expand(paths: list[Path]) -> list[Path]:
    """Each file as given; each directory as the documents below it, sorted.

    A document is a file whose suffix a reader declares (the registry's ``SUFFIXES``, the same
    table ``parse`` reads a path's format from), so a folder yields what single files would.
    """
    out: list[Path] = []
    for path in paths:
        if str(path) != "-" and path.is_dir():
            out.extend(
                sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
            )
        else:
            out.append(path)
    return out


def _run_parse(args: argparse.Namespace) -> int:
    files = _expand(args.files)
    if not files:
        sys.stderr.write("govdisclosure parse: no documents found in the given directories\n")
        return 2
    batch = len(files) > 1
    progress_on = args.progress if args.progress is not None else (batch and sys.stderr.isatty())
    progress = _Progress(len(files), sys.stderr, bool(progress_on))
    tally = _Tally()
    records: list[dict[str, Any]] = []
    failed = 0
    written: set[str] = set()
    if args.outdir is not None:
        args.outdir.mkdir(parents=True, exist_ok=True)
    stdout = sys.stdout.buffer
    for path in files:
        result: ParseResult | None = None
        error: Finding | None = None
        try:
            source = sys.stdin.buffer.read() if str(path) == "-" else path
            result = parse(source, format=args.format)
        except ParseError as exc:
            error = exc.finding
            failed += 1
        record = _record(path, result, error, args)
        tally.add(record)
        progress.step(path.name)
        if args.outdir is not None:
            name = path.stem
            n = 1
            while name in written:  # two inputs with the same name: number them
                n += 1
                name = f"{path.stem}-{n}"
            written.add(name)
            (args.outdir / f"{name}.json").write_bytes(_dump(record, True) + b"\n")
        elif args.output is not None:
            records.append(record)
        elif args.jsonl or batch:
            stdout.write(_dump(record, False) + b"\n")
        else:
            stdout.write(_dump(record, True) + b"\n")
    progress.close()
    if args.output is not None:
        data = records if batch else records[0]
        args.output.write_bytes(_dump(data, True) + b"\n")
    stdout.flush()
    if batch or args.outdir is not None or args.output is not None:
        sys.stderr.write(tally.summary() + "\n")
    return 1 if failed else 0


def _run_render(args: argparse.Namespace) -> int:
    try:
        report = loads(args.report.read_bytes())
    except OSError as exc:
        sys.stderr.write(f"{args.report}: {exc.strerror or exc}\n")
        return 2
    except ValueError as exc:
        sys.stderr.write(f"{args.report}: not a valid report: {exc}\n")
        return 1
    text = render(report, args.format, metadata=args.metadata)
    if isinstance(text, bytes):  # docx
        if args.output is not None:
            args.output.write_bytes(text)
        else:
            sys.stdout.buffer.write(text)
    elif args.output is not None:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0
