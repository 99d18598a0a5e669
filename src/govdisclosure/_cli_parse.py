"""The ``parse`` and ``render`` commands.

``govdisclosure parse FILE… [-o out.json | --outdir DIR | --jsonl] [--validate]`` reads reports
(text, HTML, PDF, Word) into JSON records ``{"file", "format", "report", "findings"}`` (with
``--provenance``, also each value's source text and location). One file prints one JSON
document; several print JSON Lines, unless ``-o`` (a JSON array) or ``--outdir`` (one file each)
says otherwise. Files in a folder that no reader takes are named on stderr as skipped; a file
that cannot be read gets a record with a ``parse.unreadable`` finding and a line on stderr. A
batch shows a progress bar on stderr when it is a terminal, and ends with a summary: files read,
tables found, cells missing. ``--jobs N`` parses in N worker processes, the output still in
input order. Every record is written as soon as it is made, ``-o``'s array too, so a batch's
memory stays flat however many files it has. Exit status: see :mod:`govdisclosure._cli_common`.

``govdisclosure render REPORT.json --format html|markdown|text`` prints a report in the official
layout; it takes a report document or a parse record (a one-record array or JSON Lines too).
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import attrs
import orjson

from . import _cli_common as common
from ._cli_records import split
from .findings import Finding
from .parallel import imap_ordered
from .parse import FORMATS, ParseError, ParseResult, parse
from .readers import SUFFIXES
from .render import RENDER_FORMATS, render
from .serialize import bulk, from_dict, loads, to_dict

__all__ = ["register"]

#: What ``parse --format`` means now: the output format (the input format is ``--input-format``).
OUTPUT_FORMATS = ("json", "jsonl")


def register(subparsers: Any, lang: str = "en") -> None:
    """Add the ``parse`` and ``render`` sub-commands."""
    zh = lang == "zh"
    p = subparsers.add_parser(
        "parse",
        help="将报告（文本、HTML、PDF、Word）读为 JSON"
        if zh
        else ("read reports (text, HTML, PDF, Word) into JSON"),
        description="将报告读为带发现的 JSON 记录。"
        if zh
        else ("Read reports into JSON records with findings."),
    )
    p.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="文档、文档所在文件夹，或 -（标准输入）"
        if zh
        else ("a document, a folder of them, or - (stdin)"),
    )
    where = p.add_mutually_exclusive_group()
    where.add_argument(
        "-o",
        "--output",
        type=Path,
        help="写入此文件（多个文件时为 JSON 数组）"
        if zh
        else ("write to this file (several: a JSON array)"),
    )
    where.add_argument(
        "--outdir",
        type=Path,
        help="每个输入在 DIR 中写一个 <名称>.json"
        if zh
        else ("write one <name>.json per input into DIR"),
    )
    where.add_argument(
        "--jsonl",
        action="store_true",
        help="输出 JSON Lines，每个文件一行" if zh else "print JSON Lines, one record per file",
    )
    p.add_argument(
        "--format",
        choices=(*OUTPUT_FORMATS, *FORMATS),
        dest="output_format",
        help="输出格式：json 或 jsonl（输入格式请用 --input-format）"
        if zh
        else (
            "the output format: json or jsonl (the input format is --input-format; "
            "an input format here is deprecated)"
        ),
    )
    p.add_argument(
        "--input-format",
        choices=FORMATS,
        help="输入格式（默认自动识别）" if zh else "the input format (default: detected)",
    )
    p.add_argument(
        "--validate",
        action="store_true",
        help="附上校验器的发现" if zh else "attach the validator's findings",
    )
    p.add_argument(
        "--provenance",
        action="store_true",
        help="附上每个数值的原文" if zh else "include each value's source text",
    )
    p.add_argument(
        "--jobs",
        type=int,
        default=1,
        help="用 N 个进程解析，输出仍按输入顺序"
        if zh
        else "parse in N worker processes, the output still in input order",
    )
    p.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="显示进度条（默认：标准错误为终端时）"
        if zh
        else ("show a progress bar (default: when stderr is a terminal)"),
    )
    p.set_defaults(run=_run_parse)

    r = subparsers.add_parser(
        "render",
        help="按官方格式输出报告" if zh else "print a report JSON in the official layout",
        description="以 HTML、Markdown、文本或 Word（.docx）输出报告文档或解析记录。"
        if zh
        else (
            "Render a report document or a parse record as HTML, Markdown, text or Word (.docx)."
        ),
    )
    r.add_argument(
        "report",
        metavar="REPORT.json",
        help="报告 JSON、解析记录，或 -" if zh else ("a report JSON, a parse record, or -"),
    )
    r.add_argument("--format", choices=RENDER_FORMATS, default="html")
    r.add_argument(
        "-o",
        "--output",
        type=Path,
        help="写入此文件而非标准输出" if zh else ("write to this file instead of stdout"),
    )
    r.add_argument(
        "--no-metadata",
        dest="metadata",
        action="store_false",
        help="不输出开头的标注元数据行（严格按官方格式）"
        if zh
        else "leave out the opening labelled metadata lines (exactly the official layout)",
    )
    r.set_defaults(run=_run_render)


def _validator() -> Any:
    from .validate import validate

    return validate


def _record(
    name: str, result: ParseResult | None, error: Finding | None, args: argparse.Namespace
) -> dict[str, Any]:
    findings: list[Finding] = list(result.findings) if result is not None else []
    if error is not None:
        findings.append(error)
    report = result.report if result is not None else None
    if args.validate and report is not None:
        checked = _validator()(report)
        findings.extend(getattr(checked, "findings", checked))
    report_dict = to_dict(report) if report is not None else None
    out: dict[str, Any] = {
        "file": name,
        "format": result.format if result is not None else None,
        "report": report_dict,
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

    def summary(self, lang: str) -> str:
        if lang == "zh":
            return (
                f"已读取文件：{self.files - self.unreadable}/{self.files}"
                f"（{self.read} 个含报告）；"
                f"找到表格：{self.tables}/{self.possible_tables}；"
                f"缺失单元格：{self.missing_cells}/{self.cells}（在已找到的表格中）"
            )
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


def _input_format(args: argparse.Namespace, lang: str) -> str | None:
    """``--input-format``, or the deprecated ``--format <input format>`` with a note."""
    legacy = args.output_format if args.output_format in FORMATS else None
    if legacy is not None:
        common.err("parse", common.say(lang, "deprecated_format", value=legacy))
    chosen: str | None = args.input_format or legacy
    return chosen


def _outdir_name(path: Path, written: set[str]) -> str:
    """The record's file name in ``--outdir``: the input's stem, numbered when taken."""
    stem = "stdin" if str(path) == "-" else common.display_name(path.stem)
    name, n = stem, 1
    while name in written:  # two inputs with the same name: number them
        n += 1
        name = f"{stem}-{n}"
    written.add(name)
    return name


@contextmanager
def _array_file(path: Path, batch: bool) -> Iterator[Any]:
    """``-o``: a function writing each record to ``path`` as it comes, for one record or a batch.

    A batch is a JSON array streamed element by element; a single input is one record. The
    bytes are those of encoding the whole output at once (indented, a final newline).
    """
    with path.open("wb") as out:
        if not batch:
            yield lambda record: out.write(_dump(record, True) + b"\n")
            return
        array = common.ArrayWriter(out)
        yield array.add
        array.close()
        out.write(b"\n")


def _parse_path(path: Path, fmt: str | None) -> tuple[ParseResult | None, Finding | None]:
    """Parse one input (``-`` is stdin): the result, or the finding of why it cannot be read."""
    try:
        source = sys.stdin.buffer.read() if str(path) == "-" else path
        return parse(source, format=fmt), None
    except ParseError as exc:
        return None, exc.finding


def _parsed(
    files: tuple[Path, ...], fmt: str | None, jobs: int
) -> Iterable[tuple[Path, tuple[ParseResult | None, Finding | None]]]:
    """Each input and its outcome, in input order; with ``jobs`` > 1, from that many processes."""
    fn = functools.partial(_parse_path, fmt=fmt)
    return imap_ordered(fn, files, jobs=1 if any(str(p) == "-" for p in files) else jobs)


def _run_parse(args: argparse.Namespace) -> int:
    lang: str = args.lang
    expanded = common.expand(args.files, SUFFIXES)
    common.report_missing(expanded, lang, "parse")
    common.report_skipped(expanded, lang, "parse")
    # A JSON file named explicitly is a report or a record, not a document to read.
    json_files = [p for p in expanded.files if p.suffix.lower() in (".json", ".jsonl")]
    for path in json_files:
        common.err(
            "parse",
            f"{common.display_name(path)}："
            "这是 JSON 文件，不是待解析的文档：请用 govdisclosure validate 或 render"
            if lang == "zh"
            else f"{common.display_name(path)}: a JSON file, not a document to parse: "
            "use govdisclosure validate or render",
        )
    files = tuple(p for p in expanded.files if p not in json_files)
    if not files:
        if not expanded.missing and not json_files:
            common.err(
                "parse",
                "给出的文件夹中没有文档"
                if lang == "zh"
                else ("no documents found in the given directories"),
            )
        return common.EXIT_UNUSABLE
    input_format = _input_format(args, lang)
    batch = len(files) > 1
    jsonl = args.jsonl or args.output_format == "jsonl"
    tally = _Tally()
    unusable = bool(expanded.missing or json_files)
    failing = 0
    written: set[str] = set()
    if args.outdir is not None:
        args.outdir.mkdir(parents=True, exist_ok=True)
    stdout = common.Stdout()
    with contextlib.ExitStack() as stack:
        to_file = (
            stack.enter_context(_array_file(args.output, batch))
            if args.output is not None
            else None
        )
        bar = stack.enter_context(common.progress(len(files), args.progress, args.quiet))
        # Each record is dropped once written: no need for the collector's passes meanwhile.
        stack.enter_context(bulk(freeze=False))
        for path, (result, error) in _parsed(files, input_format, args.jobs):
            name = common.display_name(path)
            if not common.is_displayable(path):
                common.err("parse", common.say(lang, "not_utf8", shown=name))
            if error is not None:
                unusable = True
                message = common.display_name(error.message(lang))
                # Errors about a path already name it.
                said = message.startswith((str(path), name))
                common.err("parse", message if said else f"{name}: {message}")
            record = _record(name, result, error, args)
            failing += common.status_of(f["severity"] for f in record["findings"])
            tally.add(record)
            bar.step(path.name)
            if args.outdir is not None:
                target = args.outdir / f"{_outdir_name(path, written)}.json"
                target.write_bytes(_dump(record, True) + b"\n")
            elif to_file is not None:
                to_file(record)
            elif jsonl or batch:
                stdout.write(_dump(record, False) + b"\n")
            else:
                stdout.write(_dump(record, True) + b"\n")
    stdout.flush()
    if (batch or args.outdir is not None or args.output is not None) and not args.quiet:
        sys.stderr.write(tally.summary(lang) + "\n")
    if unusable:
        return common.EXIT_UNUSABLE
    return common.EXIT_FINDINGS if failing else common.EXIT_OK


def _render_input(args: argparse.Namespace, lang: str) -> Any:
    """The report to render: a report document, or the report of a single parse record."""
    data = sys.stdin.buffer.read() if args.report == "-" else Path(args.report).read_bytes()
    items = split(data)
    if len(items) != 1:
        raise ValueError(
            f"holds {len(items)} records; render one at a time"
            if lang != "zh"
            else f"包含 {len(items)} 条记录，请逐条输出"
        )
    item = items[0]
    if item.record:
        if item.payload is None:
            raise ValueError("the record holds no report" if lang != "zh" else "该记录没有报告")
        return from_dict(item.payload)
    if isinstance(item.payload, dict):
        return from_dict(item.payload)
    return loads(item.payload)


def _run_render(args: argparse.Namespace) -> int:
    lang: str = args.lang
    name = common.display_name(args.report)
    try:
        report = _render_input(args, lang)
    except FileNotFoundError:
        common.err("render", common.say(lang, "missing", path=name))
        return common.EXIT_UNUSABLE
    except OSError as exc:
        common.err("render", f"{name}: {common.os_reason(exc, lang)}")
        return common.EXIT_UNUSABLE
    except ValueError as exc:
        what = "不是有效的报告" if lang == "zh" else "not a valid report"
        common.err("render", f"{name}: {what}: {exc}")
        return common.EXIT_UNUSABLE
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
    return common.EXIT_OK
