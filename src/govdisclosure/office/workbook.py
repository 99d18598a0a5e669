"""The official form as an Excel workbook: :func:`workbook` writes it, blank or prefilled.

The workbook opens on the sheet 「基本信息」 (agency, year, period, source, contact, fees), then
has one sheet per table in the national format's printed layout (merged header cells, row
labels and numbering as printed, from :mod:`.grid`) and the sheet 「正文」 for the narrative.

* Input cells are shaded and carry data validation: whole non-negative counts, whole signed
  changes (2019 本年增/减), non-negative amounts.
* Every total that a ``sum`` rule of the template defines is an Excel formula generated from
  that rule's terms, so the sheet adds up while it is filled in. The formula shows a value only
  once every cell it adds up is filled (a blank addend leaves the total blank: not reported is
  not 0). Prefilling a report whose total is given but whose addends are not keeps the total as
  a plain value.
* Text is written exactly (see :mod:`.xmltext`); dates are ISO text (``2024-01-31``).

Reading it back is :func:`govdisclosure.office.readback.read_workbook` (``parse`` does it for
an ``.xlsx`` file); the layout, cell by cell, is :mod:`.layout`.
"""

from __future__ import annotations

import datetime as _dt
import io
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from .._layout import TABLES, Tables
from .._specs import specs
from ..catalogue import Entry, catalogue
from ..findings import pointer_parts
from ..model import Report
from ..readers.document import import_extra
from ..rules import rules
from ..template import Version
from .grid import grid
from .layout import FIELDS_TOP, META_SHEET, SHEETS, TABLE_TOP, TEXT_SHEET, address, meta_fields
from .xmltext import escape

__all__ = ["GIVEN", "sum_formulas", "text_rows", "workbook", "workbook_bytes", "write_workbook"]

_INPUT_FILL = "FFF9E5"
_TOTAL_FILL = "E8EEF7"
_HEADER_FILL = "F2F2F2"
#: The label printed for 「信息处理费」 being given at all (a report may leave it out).
GIVEN = "是"


def sum_formulas(version: Version) -> dict[str, tuple[str, tuple[str, ...]]]:
    """Each total of ``version`` that a ``sum`` rule defines: pointer → (rule id, addends)."""
    out: dict[str, tuple[str, tuple[str, ...]]] = {}
    for rule in rules(version):
        if rule.kind != "sum" or rule.table is None:
            continue
        actual = [t.pointer for t in rule.terms if t.side == "actual"]
        addends = tuple(t.pointer for t in rule.terms if t.side == "expected")
        if len(actual) != 1 or any(t.weight != 1 for t in rule.terms):
            continue  # not a plain total: left to the validator
        out.setdefault(actual[0], (rule.id, addends))
    return out


def _get(report: Any, pointer: str) -> Any:
    obj = report
    for part in pointer_parts(pointer):
        if obj is None:
            return None
        obj = obj[int(part)] if isinstance(obj, list) else getattr(obj, part, None)
    return obj


def _refs(addresses: list[str]) -> str:
    """``D5,D6,D7,D9`` → ``D5:D7,D9``: contiguous runs in one column or row as ranges."""
    from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

    cells = [coordinate_from_string(a) for a in addresses]
    runs: list[list[tuple[str, int]]] = []
    for col, row in cells:
        if runs:
            last_col, last_row = runs[-1][-1]
            same_col = col == last_col and row == last_row + 1
            same_row = (
                row == last_row
                and column_index_from_string(col) == column_index_from_string(last_col) + 1
            )
            first_col, first_row = runs[-1][0]
            if (same_col and first_col == col) or (same_row and first_row == row):
                runs[-1].append((col, row))
                continue
        runs.append([(col, row)])
    parts = []
    for run in runs:
        a = f"{run[0][0]}{run[0][1]}"
        b = f"{run[-1][0]}{run[-1][1]}"
        parts.append(a if a == b else f"{a}:{b}")
    return ",".join(parts)


def _choice_label(entry: Entry, value: Any) -> Any:
    spec = _spec(entry)
    if spec is None or not spec.choices or value is None:
        return value
    return next((lab.zh for v, lab in spec.choices if v == value), value)


def _spec(entry: Entry) -> Any:
    from .._specs import target

    cls: Any = Report
    spec = None
    for name in entry.path:
        if cls is None:
            return None
        spec = dict(specs(cls)).get(name)
        if spec is None:
            return None
        cls = target(spec, entry.versions[0])
    return spec


def _cell_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        # Excel holds numbers as doubles; amounts have at most 15 significant digits.
        return float(value)
    if isinstance(value, _dt.date):
        return value.isoformat()
    return value


def text_rows(report: Report | None) -> Iterator[tuple[str, str, Any]]:
    """The narrative sheet's rows: (label, pointer, value); a blank form gets one of each."""
    labels = {e.pointer: e.label.zh for e in catalogue()}

    def lab(ptr: str) -> str:
        section = labels["/" + pointer_parts(ptr)[0]]
        return f"{section[:2]}{labels[ptr]}"

    yield lab("/overview/text"), "/overview/text", _get(report, "/overview/text")
    subsections = report.overview.subsections if report is not None else [None]
    for i, sub in enumerate(subsections):
        base = f"/overview/subsections/{i}"
        yield lab("/overview/subsections") + "·标题", f"{base}/heading", sub and sub.heading
        yield lab("/overview/subsections") + "·正文", f"{base}/text", sub and sub.text
    yield lab("/overview/closing"), "/overview/closing", _get(report, "/overview/closing")
    yield lab("/issues/text"), "/issues/text", _get(report, "/issues/text")
    for name in ("problems", "measures"):
        items: list[str | None] = list(getattr(report.issues, name)) if report else [None]
        for i, item in enumerate(items):
            yield lab(f"/issues/{name}"), f"/issues/{name}/{i}", item
    yield lab("/other_matters/text"), "/other_matters/text", _get(report, "/other_matters/text")


def workbook(version: Version, report: Report | None = None) -> Any:
    """The form of ``version`` as an ``openpyxl.Workbook``, prefilled from ``report`` if given.

    Needs openpyxl (the ``xlsx`` extra). ``report`` may be of another version: its metadata
    and narrative are copied, and the table cells that ``version`` shares with it.
    """
    openpyxl = import_extra("openpyxl", "openpyxl", "xlsx", "writing a workbook")
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    thin = Side(style="thin", color="555555")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="center")
    centre = Alignment(wrap_text=True, vertical="center", horizontal="center")
    wb = openpyxl.Workbook()
    meta = wb.active
    meta.title = META_SHEET
    _fields_sheet(meta, version, report, Font, PatternFill, wrap, DataValidation)
    formulas = sum_formulas(version)
    for table in TABLES:
        ws = wb.create_sheet(SHEETS[table])
        _table_sheet(ws, version, table, report, formulas, border, wrap, centre)
        _validations(ws, version, table, formulas, DataValidation)
        ws.sheet_view.showGridLines = False
        for col in range(grid(version, table).width):
            ws.column_dimensions[get_column_letter(col + 1)].width = (
                18 if table != "三" or col >= 3 else 14
            )
        if table == "三":
            ws.column_dimensions["C"].width = 40
    text = wb.create_sheet(TEXT_SHEET)
    _text_sheet(text, report, Font, wrap)
    return wb


def _header(ws: Any, font: Any, fill: Any) -> None:
    for col, name in enumerate(("项目", "内容", "字段标识"), start=1):
        c = ws.cell(row=1, column=col, value=name)
        c.font = font(bold=True)
        c.fill = fill("solid", fgColor=_HEADER_FILL)
    ws.column_dimensions["A"].width = 28
    ws.column_dimensions["B"].width = 60
    # The pointer column is for the reader; people need not see it.
    ws.column_dimensions["C"].hidden = True
    ws.freeze_panes = "A2"


def _put_text(cell: Any, value: Any) -> None:
    if isinstance(value, str):
        cell.value = escape(value)
        cell.data_type = "s"  # never a formula, whatever the text starts with
    else:
        cell.value = value


def _fields_sheet(
    ws: Any, version: Version, report: Report | None, font: Any, fill: Any, wrap: Any, dv: Any
) -> None:
    _header(ws, font, fill)
    for i, e in enumerate(meta_fields()):
        row = FIELDS_TOP + i
        ws.cell(row=row, column=1, value=e.label.zh).alignment = wrap
        ws.cell(row=row, column=3, value=e.pointer)
        target = ws.cell(row=row, column=2)
        target.fill = fill("solid", fgColor=_INPUT_FILL)
        target.alignment = wrap
        if e.pointer == "/template_version":
            value: Any = _choice_label(e, version)
        elif e.kind == "object":  # the fees block: given or not
            value = GIVEN if report is not None and _get(report, e.pointer) is not None else None
            rule = dv(type="list", formula1=f'"{GIVEN}"', allow_blank=True)
            ws.add_data_validation(rule)
            rule.add(target.coordinate)
        else:
            value = _cell_value(_choice_label(e, _get(report, e.pointer)))
            spec = _spec(e)
            if spec is not None and spec.choices:
                names = ",".join(lab.zh for _, lab in spec.choices)
                rule = dv(type="list", formula1=f'"{names}"', allow_blank=True)
                ws.add_data_validation(rule)
                rule.add(target.coordinate)
        _put_text(target, value)


def _text_sheet(ws: Any, report: Report | None, font: Any, wrap: Any) -> None:
    from openpyxl.styles import PatternFill

    _header(ws, font, PatternFill)
    for i, (label, ptr, value) in enumerate(text_rows(report)):
        row = FIELDS_TOP + i
        ws.cell(row=row, column=1, value=label).alignment = wrap
        ws.cell(row=row, column=3, value=ptr)
        target = ws.cell(row=row, column=2)
        target.alignment = wrap
        target.fill = PatternFill("solid", fgColor=_INPUT_FILL)
        _put_text(target, value)


def _table_sheet(
    ws: Any,
    version: Version,
    table: Tables,
    report: Report | None,
    formulas: dict[str, tuple[str, tuple[str, ...]]],
    border: Any,
    wrap: Any,
    centre: Any,
) -> None:
    from openpyxl.styles import Font, PatternFill

    g = grid(version, table)
    heading = ws.cell(row=1, column=1, value=g.heading.zh)
    heading.font = Font(bold=True, size=13)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=g.width)
    where = {c.pointer: address(c.row, c.col) for c in g.values()}
    for c in g.cells:
        top, left = c.row + TABLE_TOP, c.col + 1
        for dr in range(c.rowspan):
            for dc in range(c.colspan):
                ws.cell(row=top + dr, column=left + dc).border = border
        cell = ws.cell(row=top, column=left)
        if c.rowspan > 1 or c.colspan > 1:
            ws.merge_cells(
                start_row=top,
                start_column=left,
                end_row=top + c.rowspan - 1,
                end_column=left + c.colspan - 1,
            )
        if c.entry is None:
            cell.value = c.text
            cell.alignment = centre if c.header else wrap
            if c.header:
                cell.font = Font(bold=True)
                cell.fill = PatternFill("solid", fgColor=_HEADER_FILL)
            continue
        ptr = c.entry.pointer
        value = _get(report, ptr) if report is not None else None
        formula = formulas.get(ptr)
        addends = formula[1] if formula else ()
        if formula and (
            report is None or value is None or all(_get(report, a) is not None for a in addends)
        ):
            refs = _refs([where[a] for a in addends])
            cell.value = f'=IF(COUNT({refs})<{len(addends)},"",SUM({refs}))'
            cell.fill = PatternFill("solid", fgColor=_TOTAL_FILL)
            cell.font = Font(bold=True)
        else:
            cell.value = _cell_value(value)
            cell.fill = PatternFill("solid", fgColor=_INPUT_FILL)
        if c.entry.kind == "amount":
            cell.number_format = "0.00##"  # 万元, to at most four places
        cell.alignment = centre
    ws.freeze_panes = None


def _validations(
    ws: Any,
    version: Version,
    table: Tables,
    formulas: dict[str, tuple[str, tuple[str, ...]]],
    dv: Any,
) -> None:
    by_kind: dict[str, list[str]] = {}
    for c in grid(version, table).values():
        assert c.entry is not None
        if c.entry.pointer in formulas:
            continue
        by_kind.setdefault(c.entry.kind, []).append(address(c.row, c.col))
    wording = {
        "count": ("whole", "greaterThanOrEqual", "0", None, "请填写不小于 0 的整数（件数）。"),
        "signed_count": (
            "whole",
            "between",
            "-999999999",
            "999999999",
            "请填写整数，减少用负数表示，如 -8。",
        ),
        "amount": ("decimal", "greaterThanOrEqual", "0", None, "请填写不小于 0 的数额。"),
    }
    for kind, cells in by_kind.items():
        if kind not in wording:
            continue
        type_, op, f1, f2, message = wording[kind]
        rule = dv(
            type=type_,
            operator=op,
            formula1=f1,
            formula2=f2,
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="输入有误",
            error=message,
        )
        ws.add_data_validation(rule)
        for a in cells:
            rule.add(a)


def workbook_bytes(version: Version, report: Report | None = None) -> bytes:
    """The form of ``version`` as ``.xlsx`` bytes (see :func:`workbook`)."""
    out = io.BytesIO()
    workbook(version, report).save(out)
    return out.getvalue()


def write_workbook(path: Path, version: Version, report: Report | None = None) -> None:
    """Write the form of ``version`` to ``path``."""
    path.write_bytes(workbook_bytes(version, report))
