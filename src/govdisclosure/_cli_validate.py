"""The ``govdisclosure validate`` command: validate JSON report documents, files or directories.

Exit status: 0 when no document has an error or an inconsistency, 1 when one has, 2 when an
input could not be read at all (a missing file, a permission problem).
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import time
import unicodedata
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

import orjson

from .findings import SEVERITIES, Finding
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


def register(subparsers: Any) -> None:
    """Add the ``validate`` sub-command."""
    p = subparsers.add_parser(
        "validate",
        help="validate report documents (JSON files or directories of them)",
        description=(
            "Validate JSON report documents against the schema and the rules of the national "
            "format. Exit status: 0 no errors or inconsistencies, 1 some, 2 unreadable input."
        ),
    )
    p.add_argument(
        "paths",
        nargs="+",
        metavar="FILE",
        help="a JSON file, a directory, -, or a document parse reads (.xlsx, .docx, .pdf, …)",
    )
    p.add_argument(
        "--lang",
        choices=("zh", "en"),
        default=None,
        help="language of the text output (default: from the locale, else en)",
    )
    p.add_argument(
        "--format",
        choices=("text", "json", "html"),
        default="text",
        dest="fmt",
        help="text, JSON, or a self-contained HTML check page of one report (with -o)",
    )
    p.add_argument("-o", "--output", metavar="FILE", help="write the output to FILE")
    p.add_argument(
        "--all", action="store_true", help="also list info findings (rules not checkable)"
    )
    p.add_argument(
        "--strict", action="store_true", help="also check with jsonschema (slow; needs jsonschema)"
    )
    progress = p.add_mutually_exclusive_group()
    progress.add_argument(
        "--progress",
        action="store_true",
        default=None,
        help="show a progress bar on stderr (default: when stderr is a terminal)",
    )
    progress.add_argument("--no-progress", action="store_false", dest="progress")
    p.set_defaults(run=run)


def _default_lang() -> str:
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def _inputs(paths: Sequence[str]) -> Iterator[tuple[str, Path | None]]:
    """Each input as (name, path); directories expand to their ``*.json`` files, sorted."""
    for raw in paths:
        if raw == "-":
            yield "-", None
            continue
        path = Path(raw)
        if path.is_dir():
            for found in sorted(path.rglob("*.json")):
                if found.is_file():
                    yield str(found), found
        else:
            yield raw, path


def _report_of_record(data: bytes) -> Any:
    """The report inside a ``govdisclosure parse`` record, or the document itself.

    ``parse`` writes ``{"file", "format", "report", "findings"}`` records, so that its output
    can be validated as it is.
    """
    if b'"findings"' not in data:  # not a parse record: skip a second JSON parse
        return data
    try:
        doc = orjson.loads(data)
    except orjson.JSONDecodeError:
        return data
    record = isinstance(doc, dict) and {"file", "report", "findings"} <= doc.keys()
    return doc["report"] if record and "template_version" not in doc else data


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def _table(rows: list[tuple[str, ...]], indent: str = "  ") -> list[str]:
    widths = [max(_width(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    lines = []
    for k, row in enumerate(rows):
        cells = [_pad(cell, w) for cell, w in zip(row, widths, strict=False)]
        lines.append(indent + "  ".join([*cells, row[-1]]).rstrip())
        if k == 0:
            lines.append(indent + "  ".join(["─" * w for w in widths] + ["─" * 8]))
    return lines


class _Progress:
    """A one-line progress bar on a stream; silent unless enabled."""

    def __init__(self, total: int, stream: TextIO, enabled: bool) -> None:
        self.total, self.stream, self.enabled = total, stream, enabled and total > 1
        self.last = 0.0

    def update(self, done: int) -> None:
        now = time.monotonic()
        if not self.enabled or (now - self.last < 0.1 and done < self.total):
            return
        self.last = now
        filled = 30 * done // self.total
        pct = 100 * done // self.total
        bar = "█" * filled + "░" * (30 - filled)
        self.stream.write(f"\r{bar} {done}/{self.total} ({pct}%)")
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\r" + " " * 60 + "\r")
            self.stream.flush()


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


def run(args: argparse.Namespace) -> int:
    """Validate every input; write the report (to ``-o FILE`` if given); return the status."""
    if not args.output or args.fmt == "html":
        return _run(args, sys.stdout)
    buffer = io.StringIO()
    status = _run(args, buffer)
    Path(args.output).write_text(buffer.getvalue(), encoding="utf-8")
    return status


def _run(args: argparse.Namespace, out: TextIO) -> int:
    lang: str = args.lang or _default_lang()
    err = sys.stderr
    if args.strict:
        try:
            validate({}, strict=True)
        except ImportError as e:
            err.write(f"govdisclosure validate: {e}\n")
            return 2
    inputs = list(_inputs(args.paths))
    if not inputs:
        err.write("govdisclosure validate: no JSON files found in the given directories\n")
        return 2
    enabled = err.isatty() if args.progress is None else bool(args.progress)
    progress = _Progress(len(inputs), err, enabled)
    results: list[dict[str, Any]] = []
    unreadable = bad = 0
    per_rule: dict[tuple[str, str], int] = {}
    unchecked_files = unchecked_findings = 0
    unchecked_rules: set[str] = set()
    page_result = ValidationReport()
    for k, (name, path) in enumerate(inputs):
        try:
            data = sys.stdin.buffer.read() if path is None else path.read_bytes()
        except OSError as e:
            unreadable += 1
            reason = e.strerror or str(e)
            results.append({"path": name, "readable": False, "error": reason})
            if args.fmt == "text":
                progress.close()
                out.write(f"{name}: {_TEXT[lang]['unreadable']}: {reason}\n")
            progress.update(k + 1)
            continue
        result = _document(path, data, args.strict) or validate(
            _report_of_record(data), strict=args.strict
        )
        if args.fmt == "html":
            page_result = result
        if not result.ok:
            bad += 1
        for f in result.findings:
            per_rule[f.rule, f.severity] = per_rule.get((f.rule, f.severity), 0) + 1
        blanks = [f.rule for f in result.findings if not f.checkable]
        unchecked_findings += len(blanks)
        unchecked_files += bool(blanks)
        unchecked_rules.update(blanks)
        if args.fmt == "json":
            results.append({"path": name, "readable": True, **_json_result(result)})
        elif args.fmt == "html":
            pass
        elif len(inputs) == 1 or _shown(result, args.all) or not result.ok:
            progress.close()
            _text_file(out, name, result, lang, args.all)
        progress.update(k + 1)
    progress.close()
    status = 2 if unreadable else (1 if bad else 0)
    summary = {
        "files": len(inputs),
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

        if len(inputs) != 1 or unreadable:
            err.write("govdisclosure validate: --format html checks one readable report\n")
            return 2
        page = check_page(page_result, lang=lang)
        if args.output:
            Path(args.output).write_text(page, encoding="utf-8")
        else:
            out.write(page)
    elif args.fmt == "json":
        document = {"files": results, "summary": summary}
        out.write(orjson.dumps(document, option=orjson.OPT_INDENT_2).decode() + "\n")
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
