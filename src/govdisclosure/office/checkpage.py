"""The check page: one self-contained HTML page showing where a report does not add up.

:func:`check_page` prints the three tables in the official layout (:mod:`.grid`) with the
report's values. Every cell that an inconsistency, an error or a warning names is highlighted
(class ``gd-bad``) and links to its findings; each finding says where it is in the form's words
(:mod:`.locate`), what the rule requires (the rule's title, in words), and links back to its
cells. The correction of :func:`.fix.best_fix`, when there is one, is marked on its cell
(class ``gd-fix``) and stated: 「若由 42 改为 41，以上 3 条不一致将全部消除。」. The page has no
script and loads nothing: styles are inline, so it can be mailed or archived as it is.
"""

from __future__ import annotations

import html
from decimal import Decimal
from typing import Any

from .._layout import TABLES, Tables, table_field
from ..findings import Finding
from ..model import Report
from ..rules import rules
from ..template import Version
from ..validate import ValidationReport
from .fix import Fix, best_fix
from .grid import grid
from .locate import finding_place, place
from .workbook import _get

__all__ = ["cell_id", "check_page"]

_STYLE = """
body{font-family:"Noto Sans CJK SC","Noto Sans SC","Microsoft YaHei",sans-serif;
max-width:72em;margin:1.5em auto;padding:0 1em;line-height:1.55;color:#222}
h1{font-size:1.4em}h2{font-size:1.15em;margin-top:1.6em}
.gd-verdict{padding:.6em 1em;border-radius:4px}
.gd-verdict.ok{background:#e6f4ea}.gd-verdict.bad{background:#fdecea}
table.gd-table{border-collapse:collapse;margin:.6em 0;font-size:.92em}
table.gd-table td,table.gd-table th{border:1px solid #777;padding:.25em .5em}
table.gd-table th{background:#f2f2f2;font-weight:600}
table.gd-table td.gd-value{text-align:right;min-width:3.2em}
td.gd-bad{background:#ffd6d6;outline:2px solid #c62828;outline-offset:-2px}
td.gd-fix{background:#ffe08a;outline:3px solid #e65100;outline-offset:-3px;font-weight:700}
td.gd-bad a,td.gd-fix a{color:inherit}
.gd-fixbox{border-left:5px solid #e65100;background:#fff4e0;padding:.6em 1em;margin:1em 0}
ol.gd-findings li{margin:.5em 0}
.gd-rule{font-family:monospace;color:#555}.gd-words{color:#444}
.gd-where{font-weight:600}
"""

_WORDS = {
    "zh": {
        "title": "核对结果",
        "ok": "通过：未发现错误或不一致。",
        "bad": "未通过：{n} 条不一致，{e} 条错误，{w} 条警告。",
        "fix": "建议修改",
        "findings": "发现的问题",
        "rule": "规则",
        "cells": "涉及单元格",
        "unchecked": "另有 {n} 条规则因空白无法核对",
        "none": "没有问题。",
    },
    "en": {
        "title": "Check result",
        "ok": "Passed: no errors or inconsistencies.",
        "bad": "Failed: {n} inconsistencies, {e} errors, {w} warnings.",
        "fix": "Suggested correction",
        "findings": "Findings",
        "rule": "Rule",
        "cells": "Cells",
        "unchecked": "{n} more rules could not be checked because of blanks",
        "none": "No findings.",
    },
}
_SHOWN = ("error", "inconsistency", "warning")


def cell_id(pointer: str) -> str:
    """The HTML id of a value cell: ``/applications/outcomes/total/other`` → ``cell-…``."""
    return "cell" + pointer.replace("/", "-")


def _value(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, Decimal):
        return format(v, "f")
    return str(v)


def _titles(version: Version) -> dict[str, Any]:
    return {r.id: r.title for r in rules(version)}


def _table(
    report: Report,
    table: Tables,
    bad: dict[str, list[int]],
    fix: Fix | None,
    lang: str,
) -> str:
    g = grid(report.template_version, table)
    rows: list[list[str]] = [[] for _ in range(g.height)]
    for c in g.cells:
        span = ""
        if c.rowspan > 1:
            span += f' rowspan="{c.rowspan}"'
        if c.colspan > 1:
            span += f' colspan="{c.colspan}"'
        if c.entry is None:
            tag = "th" if c.header else "td"
            rows[c.row].append(f"<{tag}{span}>{html.escape(c.text)}</{tag}>")
            continue
        ptr = c.entry.pointer
        text = html.escape(_value(_get(report, ptr)))
        classes = ["gd-value"]
        title = ""
        where = place(ptr, report.template_version)
        if where is not None:
            title = f' title="{html.escape(where.text(lang))}"'
        if ptr in bad:
            classes.append("gd-bad")
            text = f'<a href="#finding-{bad[ptr][0]}">{text or "∅"}</a>'
        if fix is not None and fix.pointer == ptr:
            classes.append("gd-fix")
        rows[c.row].append(
            f'<td id="{cell_id(ptr)}" class="{" ".join(classes)}" '
            f'data-pointer="{html.escape(ptr)}"{title}{span}>{text}</td>'
        )
    body = "\n".join(f"<tr>{''.join(r)}</tr>" for r in rows)
    return f'<table class="gd-table" data-table="{table}">\n{body}\n</table>'


def _finding(n: int, f: Finding, version: Version | None, titles: dict[str, Any], lang: str) -> str:
    words = _WORDS[lang]
    where = finding_place(f, version)
    head = f'<span class="gd-where">{html.escape(where.text(lang))}</span> ' if where else ""
    cells = []
    for p in f.pointers:
        at = place(p, version) if version is not None else None
        if at is not None and at.cell is not None:
            cells.append(f'<a href="#{cell_id(p)}">{html.escape(at.cell)}</a>')
    rule = titles.get(f.rule)
    parts = [
        f'<li id="finding-{n}" class="gd-finding" data-rule="{html.escape(f.rule)}">',
        head,
        html.escape(f.message(lang)),
        f'<br><span class="gd-rule">{words["rule"]} {html.escape(f.rule)}</span>',
    ]
    if rule is not None:
        parts.append(
            f'：<span class="gd-words">{html.escape(rule.zh if lang == "zh" else rule.en)}</span>'
        )
    if cells:
        parts.append(
            f"<br>{words['cells']}：{'、'.join(cells) if lang == 'zh' else ', '.join(cells)}"
        )
    parts.append("</li>")
    return "".join(parts)


def check_page(result: ValidationReport, *, title: str | None = None, lang: str = "zh") -> str:
    """The check page of a validation result (see the module documentation)."""
    words = _WORDS["zh" if lang == "zh" else "en"]
    lang = "zh" if lang == "zh" else "en"
    report = result.report
    version = result.template_version
    shown = [f for f in result.findings if f.severity in _SHOWN]
    numbered = list(enumerate(shown, start=1))
    bad: dict[str, list[int]] = {}
    for n, f in numbered:
        for p in f.pointers:
            bad.setdefault(p, []).append(n)
    fix = best_fix(report, result.findings) if report is not None else None
    counts = result.counts()
    heading = title or (report.agency.name if report is not None else "") or words["title"]
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{"zh-CN" if lang == "zh" else "en"}">',
        f'<head><meta charset="utf-8"><title>{html.escape(heading)} — {words["title"]}</title>',
        f"<style>{_STYLE}</style></head>",
        "<body>",
        f"<h1>{html.escape(heading)}：{words['title']}</h1>",
    ]
    if result.ok:
        out.append(f'<p class="gd-verdict ok">{words["ok"]}</p>')
    else:
        verdict = words["bad"].format(
            n=counts["inconsistency"], e=counts["error"], w=counts["warning"]
        )
        out.append(f'<p class="gd-verdict bad">{verdict}</p>')
    if fix is not None and version is not None:
        where = place(fix.pointer, version)
        name = where.text(lang) if where else fix.pointer
        cell = f"（{where.cell}）" if where and where.cell else ""
        out.append(
            f'<div class="gd-fixbox" id="fix" data-pointer="{html.escape(fix.pointer)}">'
            f"<strong>{words['fix']}</strong>："
            f'<a href="#{cell_id(fix.pointer)}">{html.escape(name)}{html.escape(cell)}</a> '
            f"{html.escape(fix.message(lang))}</div>"
        )
    if report is not None:
        for table in TABLES:
            if getattr(report, table_field(table)) is None:
                continue
            out.append(f"<h2>{html.escape(grid(report.template_version, table).heading.zh)}</h2>")
            out.append(_table(report, table, bad, fix, lang))
    out.append(f"<h2>{words['findings']}</h2>")
    if numbered:
        titles = _titles(version) if version is not None else {}
        out.append('<ol class="gd-findings">')
        out.extend(_finding(n, f, version, titles, lang) for n, f in numbered)
        out.append("</ol>")
    else:
        out.append(f"<p>{words['none']}</p>")
    unchecked = sum(1 for f in result.findings if not f.checkable)
    if unchecked:
        out.append(f"<p>{words['unchecked'].format(n=unchecked)}</p>")
    out += ["</body>", "</html>", ""]
    return "\n".join(out)
