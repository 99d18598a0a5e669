"""The ``govdisclosure validate`` command: validate reports, parse records, files or folders.

It reads what ``govdisclosure parse`` writes (a record, a JSON array of records, JSON Lines) as
well as report documents, and reports a record's parse findings alongside the rule findings.
Exit status: 0 when no document has an error or an inconsistency, 1 when one has, 2 when an
input is unusable (missing, unreadable, or not JSON at all).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, TextIO

import attrs
import orjson

from . import _cli_common as common
from ._cli_records import Item, merge, record_findings, split, unusable
from .findings import SEVERITIES, Finding
from .serialize import bulk
from .validate import ValidationReport, validate

__all__ = ["register", "run"]

_SEVERITY_NAMES = {
    "zh": {"error": "错误", "inconsistency": "不一致", "warning": "警告", "info": "提示"},
    "en": {
        "error": "error",
        "inconsistency": "inconsistency",
        "warning": "warning",
        "info": "info",
    },
}
_PLURALS = {
    "zh": _SEVERITY_NAMES["zh"],
    "en": {
        "error": "errors",
        "inconsistency": "inconsistencies",
        "warning": "warnings",
        "info": "infos",
    },
}
_HEADS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "zh": (("级别", "规则", "位置", "说明"), ("规则", "级别", "次数")),
    "en": (("severity", "rule", "where", "message"), ("rule", "severity", "count")),
}
_TEXT: dict[str, dict[str, str]] = {
    "zh": {
        "ok": "通过",
        "bad": "未通过",
        "unreadable": "无法读取",
        "not_checkable": "{n} 条规则因空白无法核对（--all 可列出）",
        "not_checkable_total": (
            "另有 {findings} 项「无法核对」提示（{rules} 条规则，{files} 个文件；--all 可列出）"
        ),
        "summary": "汇总：{files} 个文件，{bad} 个有错误或不一致，{unreadable} 个无法读取",
        "none": "未发现问题。",
        "hint": "提示：",
    },
    "en": {
        "ok": "ok",
        "bad": "failed",
        "unreadable": "unreadable",
        "not_checkable": "{n} rules not checkable because of blanks (--all lists them)",
        "not_checkable_total": (
            "Also {findings} not-checkable notes ({rules} rules, {files} file(s); --all lists them)"
        ),
        "summary": (
            "Summary: {files} files, {bad} with errors or inconsistencies, {unreadable} unreadable"
        ),
        "none": "No findings.",
        "hint": "hint: ",
    },
}


def register(subparsers: Any, lang: str = "en") -> None:
    """Add the ``validate`` sub-command."""
    zh = lang == "zh"
    p = subparsers.add_parser(
        "validate",
        help="校验报告文档（JSON 文件、解析记录或其文件夹）"
        if zh
        else "validate report documents (JSON files, parse records, or folders of them)",
        description=(
            "按全国统一格式的结构和规则校验 JSON 报告文档、解析记录（含数组和 JSON Lines）。"
            "退出状态：0 无错误或不一致，1 有，2 输入不可用。"
            if zh
            else "Validate JSON report documents and parse records (arrays and JSON Lines too) "
            "against the schema and the rules of the national format. Exit status: 0 no errors "
            "or inconsistencies, 1 some, 2 unusable input."
        ),
    )
    p.add_argument(
        "paths",
        nargs="+",
        metavar="FILE",
        help="JSON 文件、文件夹、-，或可解析的文档（.xlsx、.docx、.pdf 等）"
        if zh
        else "a JSON file, a directory, -, or a document parse reads (.xlsx, .docx, .pdf, …)",
    )
    p.add_argument(
        "--format",
        choices=("text", "json", "jsonl", "html"),
        default="text",
        dest="fmt",
        help="输出格式（jsonl：每个文档一行；html：单份报告的核对页面，配合 -o）"
        if zh
        else (
            "the output format (jsonl: one line per document; html: a self-contained check "
            "page of one report, with -o)"
        ),
    )
    p.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="写入此文件而非标准输出" if zh else "write the output to FILE",
    )
    p.add_argument(
        "--all",
        action="store_true",
        help="同时列出提示（无法核对的规则）"
        if zh
        else ("also list info findings (rules not checkable)"),
    )
    p.add_argument(
        "--strict",
        action="store_true",
        help="同时用 jsonschema 校验（较慢；需要 strict 扩展）"
        if zh
        else ("also check with jsonschema (slow; needs the strict extra)"),
    )
    progress = p.add_mutually_exclusive_group()
    progress.add_argument(
        "--progress",
        action="store_true",
        default=None,
        help="在标准错误显示进度条（默认：为终端时）"
        if zh
        else ("show a progress bar on stderr (default: when stderr is a terminal)"),
    )
    progress.add_argument("--no-progress", action="store_false", dest="progress")
    p.set_defaults(run=run)


def _table(rows: list[tuple[str, ...]]) -> list[str]:
    """A terminal table (rich): a header row, then the rows; the last column wraps.

    On a terminal it fits the terminal's width, wrapping the last column by display width; to
    a file or a pipe each row stays on one line, so that the output can be searched.
    """
    return common.table_lines(rows[0], rows[1:], sys.stdout)


def _shown(result: ValidationReport, show_all: bool) -> list[Finding]:
    return [f for f in result.findings if show_all or f.severity != "info"]


def _text_file(out: TextIO, name: str, result: ValidationReport, lang: str, show_all: bool) -> None:
    words = _TEXT[lang]
    names = _SEVERITY_NAMES[lang]
    counts = result.counts()
    plural = _PLURALS[lang]
    parts = [
        f"{counts[s]} {plural[s] if counts[s] > 1 else names[s]}"
        for s in SEVERITIES
        if counts[s] and s != "info"
    ]
    verdict = words["ok"] if result.ok else words["bad"]
    out.write(f"{name}: {verdict}" + (f" ({', '.join(parts)})" if parts else "") + "\n")
    shown = _shown(result, show_all)
    if shown:
        rows: list[tuple[str, ...]] = [_HEADS[lang][0]]
        rows += [
            (names[f.severity], f.rule, _where(f, result, lang), f.message(lang)) for f in shown
        ]
        out.write("\n".join(_table(rows)) + "\n")
    for suspect in result.suspects():
        out.write(f"  {words['hint']}{_suspect_text(suspect, result, lang)}\n")
    hidden = sum(1 for f in result.findings if f.severity == "info" and not f.checkable)
    if hidden and not show_all:
        out.write("  " + words["not_checkable"].format(n=hidden) + "\n")


def _label(name: str, item: Item) -> str:
    if item.index is None:
        return name
    return f"{name}[{item.index}]" + (f" ({item.source})" if item.source else "")


def _check(item: Item, strict: bool) -> ValidationReport:
    """The validator's verdict on one item, with the findings its parse record carried."""
    if not item.record:
        return validate(item.payload, strict=strict)
    carried = item.carried
    if item.payload is None:
        result = ValidationReport(findings=carried)
    else:
        found = validate(item.payload, strict=strict)
        result = attrs.evolve(found, findings=merge(carried, found.findings))
    extra = record_findings(item.payload, result.findings)
    return attrs.evolve(result, findings=result.findings + tuple(extra)) if extra else result


def _where(f: Finding, result: ValidationReport, lang: str) -> str:
    """Where a finding is: in Chinese, the form's 表/行/列 words; otherwise the pointer."""
    if lang == "zh":
        from .office.locate import finding_place

        found = finding_place(f, result.template_version)
        if found is not None:
            return found.zh
    return f.pointer or "/"


def _suspect_text(suspect: Any, result: ValidationReport, lang: str) -> str:
    if lang != "zh":
        return str(suspect.message(lang))
    from .office.locate import suspect_message

    return suspect_message(suspect, result.template_version, lang)


def _json_result(result: ValidationReport) -> dict[str, Any]:
    """The result's JSON form, each finding and suspect with its place in the form."""
    from .office.locate import place, with_place

    out = result.to_dict()
    out["findings"] = [with_place(f, result.template_version) for f in result.findings]
    for s in out["suspects"]:
        at = place(s["pointer"], result.template_version) if result.template_version else None
        s["location"] = None if at is None else at.to_dict()
    return out


def _document(path: Path | None, data: bytes, strict: bool) -> ValidationReport | None:
    """A document that is not JSON (a workbook, Word, PDF, HTML…), parsed and validated."""
    from .readers import SUFFIXES

    if path is None or path.suffix.lower() not in SUFFIXES or data.lstrip()[:1] in (b"{", b"["):
        return None
    from .parse import ParseError, parse

    try:
        parsed = parse(data, format=SUFFIXES[path.suffix.lower()].name)
    except ParseError as e:
        return ValidationReport(findings=(e.finding,))
    if parsed.report is None:
        return ValidationReport(findings=tuple(parsed.findings))
    checked = validate(parsed.report, strict=strict)
    return ValidationReport(
        findings=(*parsed.findings, *checked.findings),
        report=checked.report,
        template_version=checked.template_version,
    )


class _TextSink:
    """Bytes written to a text stream (stdout, or the ``-o`` file), as the writers want them."""

    def __init__(self, out: TextIO) -> None:
        self.stream = out

    def write(self, data: bytes) -> None:
        """Write ``data`` (UTF-8)."""
        self.stream.write(data.decode("utf-8"))

    def flush(self) -> None:
        """Flush the stream."""
        self.stream.flush()


class _Writer:
    """The machine-readable verdicts, written one at a time as each document is checked.

    ``json``: ``{"files": [...], "summary": {...}}`` indented, byte for byte what encoding the
    whole document at once gives; ``jsonl``: one verdict per line, no summary (the exit status
    says it). Nothing is kept per document.
    """

    def __init__(self, fmt: str, out: TextIO) -> None:
        self.fmt = fmt
        self.out = _TextSink(out)
        self.array: common.ArrayWriter | None = None
        if fmt == "json":
            self.out.write(b'{\n  "files": ')
            self.array = common.ArrayWriter(self.out, depth=1)

    def add(self, verdict: dict[str, Any]) -> None:
        """Write one document's verdict."""
        if self.array is not None:
            self.array.add(verdict)
        else:
            self.out.write(orjson.dumps(verdict) + b"\n")

    def close(self, summary: dict[str, Any]) -> None:
        """End the output (with ``json``, the summary) and flush it."""
        if self.array is not None:
            self.array.close()
            body = orjson.dumps(summary, option=orjson.OPT_INDENT_2).replace(b"\n", b"\n  ")
            self.out.write(b',\n  "summary": ' + body + b"\n}\n")
        self.out.flush()


def run(args: argparse.Namespace) -> int:
    """Validate every input; write the report (to ``-o FILE`` if given); return the status."""
    if not args.output or args.fmt == "html":
        return _run(args, sys.stdout)
    # Written as it goes, like stdout: nothing is held per document.
    with open(args.output, "w", encoding="utf-8") as out:
        return _run(args, out)


def _run(args: argparse.Namespace, out: TextIO) -> int:
    lang: str = args.lang or common.default_lang()
    if args.strict:
        try:
            validate({}, strict=True)
        except ImportError:
            common.err("validate", common.say(lang, "strict_missing"))
            return common.EXIT_UNUSABLE
    expanded = common.expand(args.paths, (".json", ".jsonl"))
    common.report_missing(expanded, lang, "validate")
    common.report_skipped(expanded, lang, "validate")
    inputs = [(common.display_name(p), None if str(p) == "-" else p) for p in expanded.files]
    inputs += [(common.display_name(raw), Path(raw)) for raw in expanded.missing]
    if not expanded.files and not expanded.missing:
        common.err(
            "validate",
            "给出的文件夹中没有 JSON 文件"
            if lang == "zh"
            else ("no JSON files found in the given directories"),
        )
        return common.EXIT_UNUSABLE
    writer = _Writer(args.fmt, out) if args.fmt in ("json", "jsonl") else None
    unreadable = bad = checked = failed_reads = 0
    per_rule: dict[tuple[str, str], int] = {}
    unchecked_files = unchecked_findings = 0
    unchecked_rules: set[str] = set()
    page_result = ValidationReport()
    # The loaded documents are dropped one by one: no need for the collector's passes meanwhile.
    with common.progress(len(inputs), args.progress, args.quiet) as bar, bulk(freeze=False):
        for name, path in inputs:
            if path is not None and not common.is_displayable(path):
                common.err("validate", common.say(lang, "not_utf8", shown=name))
            try:
                data = sys.stdin.buffer.read() if path is None else path.read_bytes()
            except OSError as e:
                unreadable += 1
                failed_reads += 1
                reason = common.os_reason(e, lang)
                if not isinstance(e, FileNotFoundError):  # a missing path is already said
                    common.err("validate", common.say(lang, "unreadable", path=name, reason=reason))
                if writer is not None:
                    writer.add({"path": name, "readable": False, "error": reason})
                if args.fmt == "text":
                    out.write(f"{name}: {_TEXT[lang]['unreadable']}: {reason}\n")
                bar.step(name)
                continue
            document = _document(path, data, args.strict)
            items: list[Item | None] = [None] if document is not None else list(split(data))
            for item in items:
                if item is None:  # a document parsed first (a workbook, Word, PDF, …)
                    assert document is not None
                    label, result = name, document
                else:
                    label, result = _label(name, item), _check(item, args.strict)
                page_result = result
                checked += 1
                if unusable(result.findings):
                    unreadable += 1
                elif not result.ok:
                    bad += 1
                for f in result.findings:
                    per_rule[f.rule, f.severity] = per_rule.get((f.rule, f.severity), 0) + 1
                blanks = [f.rule for f in result.findings if not f.checkable]
                unchecked_findings += len(blanks)
                unchecked_files += bool(blanks)
                unchecked_rules.update(blanks)
                if writer is not None:
                    writer.add({"path": label, "readable": True, **_json_result(result)})
                elif args.fmt == "html":
                    pass
                elif len(inputs) == 1 or _shown(result, args.all) or not result.ok:
                    _text_file(out, label, result, lang, args.all)
            bar.step(name)
    status = (
        common.EXIT_UNUSABLE if unreadable else (common.EXIT_FINDINGS if bad else common.EXIT_OK)
    )
    summary = {
        "files": checked + failed_reads,
        "failed": bad,
        "unreadable": unreadable,
        "rules": [
            {"rule": rule, "severity": severity, "count": n}
            for (rule, severity), n in sorted(per_rule.items(), key=_rule_order)
        ],
        "not_checkable": {
            "findings": unchecked_findings,
            "rules": len(unchecked_rules),
            "files": unchecked_files,
        },
        "exit_status": status,
    }
    if args.fmt == "html":
        from .office.checkpage import check_page

        if checked != 1 or unreadable:
            common.err(
                "validate",
                "--format html 只核对一份可读的报告"
                if lang == "zh"
                else "--format html checks one readable report",
            )
            return common.EXIT_UNUSABLE
        page = check_page(page_result, lang=lang)
        if args.output:
            Path(args.output).write_text(page, encoding="utf-8")
        else:
            out.write(page)
    elif writer is not None:
        writer.close(summary)
    else:
        _text_summary(out, summary, lang, args.all)
    return status


def _rule_order(item: tuple[tuple[str, str], int]) -> tuple[int, str]:
    (rule, severity), _ = item
    return SEVERITIES.index(severity), rule


def _text_summary(out: TextIO, summary: dict[str, Any], lang: str, show_all: bool) -> None:
    words = _TEXT[lang]
    names = _SEVERITY_NAMES[lang]
    if summary["files"] > 1 or summary["rules"]:
        out.write("\n" + words["summary"].format(bad=summary["failed"], **summary) + "\n")
    if summary["rules"]:
        rows: list[tuple[str, ...]] = [_HEADS[lang][1]]
        rows += [
            (r["rule"], names[r["severity"]], str(r["count"]))
            for r in summary["rules"]
            if show_all or r["severity"] != "info"
        ]
        if len(rows) > 1:
            out.write("\n".join(_table(rows)) + "\n")
    unchecked = summary["not_checkable"]
    if unchecked["findings"] and not show_all:
        out.write(words["not_checkable_total"].format(**unchecked) + "\n")
    if not summary["rules"] and summary["files"] and not summary["unreadable"]:
        out.write(words["none"] + "\n")
