"""What a notebook shows for a report, a validation report or a parse result: HTML and a short repr.

``Report._repr_html_`` and friends call :func:`report_html`, :func:`validation_html` and
:func:`parse_result_html`: the official tables as :func:`~govdisclosure.render` draws them, and
the findings as a table. The compact ``repr`` functions name the agency, year, template and
counts in one short line instead of thousands of characters.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

from .findings import SEVERITIES, Finding

if TYPE_CHECKING:  # pragma: no cover
    from .model import Report
    from .parse import ParseResult
    from .validate import ValidationReport

__all__ = [
    "findings_html",
    "parse_result_html",
    "parse_result_repr",
    "report_html",
    "report_repr",
    "validation_html",
    "validation_repr",
]

_STYLE = (
    "<style>.gd-nb table.gd-table,.gd-nb table.gd-findings{border-collapse:collapse;"
    "margin:.5em 0}.gd-nb td,.gd-nb th{border:1px solid #999;padding:.15em .4em}"
    ".gd-nb table.gd-table td{text-align:right}</style>"
)
_BODY = re.compile(r"<body>(.*)</body>", re.S)


def report_repr(report: Report) -> str:
    """``<Report 2021 东川县自然资源局 2023>``: the template, agency and year."""
    return (
        f"<Report {report.template_version} {report.agency.name} {report.period.year}"
        f"{'' if report.applications is not None else ' (no table 三)'}>"
    )


def _counts(findings: Iterable[Finding]) -> str:
    n = Counter(f.severity for f in findings)
    return ", ".join(f"{n[s]} {s}" for s in SEVERITIES if n[s]) or "no findings"


def validation_repr(vr: ValidationReport) -> str:
    """``<ValidationReport ok: 2 warning>``."""
    return f"<ValidationReport {'ok' if vr.ok else 'not ok'}: {_counts(vr.findings)}>"


def parse_result_repr(pr: ParseResult) -> str:
    """``<ParseResult html <Report …>: 3 warning>``."""
    what = report_repr(pr.report) if pr.report is not None else "no report"
    return f"<ParseResult {pr.format} {what}: {_counts(pr.findings)}>"


def findings_html(findings: Iterable[Finding]) -> str:
    """The findings as an HTML table: severity, rule, pointer and both messages."""
    rows = [
        "<tr>"
        + "".join(
            f"<td>{html.escape(str(v))}</td>"
            for v in (f.severity, f.rule, f.pointer, f.message_zh, f.message_en)
        )
        + "</tr>"
        for f in findings
    ]
    if not rows:
        return "<p>没有问题 · no findings</p>"
    head = "".join(f"<th>{h}</th>" for h in ("严重程度", "规则", "指针", "说明", "Message"))
    return f'<table class="gd-findings"><tr>{head}</tr>{"".join(rows)}</table>'


def report_html(report: Report) -> str:
    """The report in the official layout, as a fragment of HTML for a notebook cell."""
    from .render import render

    page = render(report, "html")
    match = _BODY.search(page)
    return f'{_STYLE}<div class="gd-nb">{match.group(1) if match else ""}</div>'


def validation_html(vr: ValidationReport) -> str:
    """The verdict and the findings as an HTML table."""
    return (
        f'{_STYLE}<div class="gd-nb"><p>{html.escape(validation_repr(vr))}</p>'
        f"{findings_html(vr.findings)}</div>"
    )


def parse_result_html(pr: ParseResult) -> str:
    """The findings, then the report read (if any), as HTML."""
    parts = [f"<p>{html.escape(parse_result_repr(pr))}</p>", findings_html(pr.findings)]
    out = f'{_STYLE}<div class="gd-nb">{"".join(parts)}</div>'
    return out + (report_html(pr.report) if pr.report is not None else "")
