"""Reading a filled form back: :func:`read_workbook` turns our workbook into a report.

It reads the layout of :mod:`.layout` by pointer, so it reads the workbook as this library
writes it and as Excel, WPS or LibreOffice save it again. Every value's provenance names its
sheet and cell (``表三!D14``):

* a blank input cell is ``None``; a cell holding something that is not a figure of its kind is
  ``None`` with a ``parse.value.not-a-number`` finding (never guessed);
* a formula cell is read at the value the spreadsheet cached; the validator then checks that
  value against its rule like any other;
* a formula cell without a cached value (a workbook written by a program that does not
  calculate, such as openpyxl) is computed from the ``sum`` rule it was generated from, and its
  provenance says so (:attr:`CellLocation.computed`).

A workbook that is not this form (no 「基本信息」 sheet with the field column) is not read here;
:func:`is_form` tells.
"""

from __future__ import annotations

import datetime as _dt
import io
from decimal import Decimal, InvalidOperation
from typing import Any

import attrs

from .._layout import TABLES
from ..catalogue import Entry, catalogue
from ..findings import FINDINGS, Bilingual, Finding, ReportError, pointer_parts
from ..model import Report
from ..parse.api import ParseResult, Provenance
from ..readers.document import Location, ReaderError, import_extra
from ..readers.xlsx import check_archive
from ..serialize import from_dict
from ..template import VERSIONS, Version
from .grid import grid
from .layout import FIELDS_TOP, META_SHEET, SHEETS, TEXT_SHEET, meta_fields, pointer_addresses
from .workbook import _choice_label, sum_formulas
from .xmltext import unescape

__all__ = ["CellLocation", "is_form", "read_form", "read_workbook"]


@attrs.frozen(kw_only=True)
class CellLocation(Location):
    """A value's place in a workbook: its sheet and cell, and how a formula's value was read."""

    sheet: str | None = None
    #: The cell's A1 address, such as ``D14``.
    cell: str | None = None
    #: The cell's formula, if it has one.
    formula: str | None = None
    #: For a formula with no cached value: the rule its value was computed from.
    computed: str | None = None

    @property
    def address(self) -> str:
        """``表三!D14``."""
        return f"{self.sheet}!{self.cell}"


def _load(data: bytes) -> tuple[Any, Any]:
    """The workbook with its formulas and with its cached values (ImportError, ReaderError)."""
    openpyxl = import_extra("openpyxl", "openpyxl", "xlsx", "reading a workbook")
    check_archive(data)
    try:
        formulas = openpyxl.load_workbook(io.BytesIO(data), data_only=False)
        values = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds on damaged input
        raise ReaderError(f"not a readable workbook: {exc}") from None
    return formulas, values


def is_form(workbook: Any) -> bool:
    """Whether an ``openpyxl`` workbook is this library's form."""
    return (
        META_SHEET in workbook.sheetnames
        and all(SHEETS[t] in workbook.sheetnames for t in TABLES)
        and workbook[META_SHEET]["C1"].value == "字段标识"
    )


def _fields(ws: Any) -> dict[str, tuple[Any, str]]:
    """A fields sheet's values by pointer: pointer → (value, cell address)."""
    out: dict[str, tuple[Any, str]] = {}
    for row in ws.iter_rows(min_row=FIELDS_TOP):
        if len(row) < 3:
            continue
        ptr = row[2].value
        if isinstance(ptr, str) and ptr.startswith("/"):
            out[ptr] = (row[1].value, row[1].coordinate)
    return out


def _version(meta: dict[str, tuple[Any, str]], formulas: Any) -> Version:
    raw = meta.get("/template_version", (None, ""))[0]
    entry = next(e for e in catalogue() if e.pointer == "/template_version")
    for v in VERSIONS:
        if raw in (v, _choice_label(entry, v)):
            return v
    # No usable version field: the one whose table 二 labels the sheet carries.
    ws = formulas[SHEETS["二"]]
    for v in VERSIONS:
        g = grid(v, "二")
        if all(
            c.entry is not None or ws.cell(row=c.row + 2, column=c.col + 1).value == c.text
            for c in g.cells
        ):
            return v
    return VERSIONS[-1]


class _Reader:
    def __init__(self, formulas: Any, values: Any) -> None:
        self.formulas, self.values = formulas, values
        self.findings: list[Finding] = []
        self.provenance: dict[str, Provenance] = {}

    def bad(self, ptr: str, where: str, raw: Any, kind: str) -> None:
        what = Bilingual(_KIND_ZH.get(kind, "有效值"), _KIND_EN.get(kind, "a valid value"))
        self.findings.append(
            FINDINGS["parse.value.not-a-number"].finding(
                ptr, wording="cell", where=where, text=raw, kind=what
            )
        )

    def number(self, ptr: str, entry: Entry, value: Any, where: str) -> Any:
        """A cell value as the figure its kind needs, or ``None`` with a finding."""
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        kind = entry.kind
        if isinstance(value, bool):
            self.bad(ptr, where, value, kind)
            return None
        if isinstance(value, str):
            try:
                value = Decimal(value.strip().replace(",", ""))
            except InvalidOperation:
                self.bad(ptr, where, value, kind)
                return None
        if kind in ("count", "signed_count", "year"):
            if isinstance(value, float) and not value.is_integer():
                self.bad(ptr, where, value, kind)
                return None
            if isinstance(value, Decimal) and value != value.to_integral_value():
                self.bad(ptr, where, value, kind)
                return None
            n = int(value)
            if kind == "count" and n < 0:
                self.bad(ptr, where, value, kind)
                return None
            return n
        if kind == "amount":
            d = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
            if d < 0:
                self.bad(ptr, where, value, kind)
                return None
            return format(d, "f")
        return value


_KIND_ZH = {"count": "不小于 0 的整数", "signed_count": "整数", "amount": "不小于 0 的数额"}
_KIND_EN = {
    "count": "a whole number of at least 0",
    "signed_count": "a whole number",
    "amount": "an amount of at least 0",
}


def _set(doc: dict[str, Any], ptr: str, value: Any) -> None:
    parts = pointer_parts(ptr)
    obj: Any = doc
    for i, part in enumerate(parts[:-1]):
        nxt = parts[i + 1]
        if isinstance(obj, list):
            idx = int(part)
            while len(obj) <= idx:
                obj.append({} if not nxt.isdigit() else [])
            obj = obj[idx]
        else:
            obj = obj.setdefault(part, [] if nxt.isdigit() else {})
    last = parts[-1]
    if isinstance(obj, list):
        idx = int(last)
        while len(obj) <= idx:
            obj.append(None)
        obj[idx] = value
    else:
        obj[last] = value


def _text(value: Any) -> Any:
    if isinstance(value, str):
        return unescape(value)
    if isinstance(value, _dt.datetime):
        return value.date().isoformat() if value.time() == _dt.time() else value.isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return None if value is None else str(value)


def read_form(data: bytes) -> ParseResult | None:
    """:func:`read_workbook` for the form; ``None`` for a workbook that is not the form."""
    formulas, values = _load(data)
    if not is_form(formulas):
        return None
    return _read(formulas, values)


def read_workbook(data: bytes) -> ParseResult:
    """Read a filled form (``.xlsx`` bytes) into a report; see the module documentation.

    Raises :class:`~govdisclosure.readers.ReaderError` for bytes that are not a workbook or a
    workbook that is not this form, and :class:`ImportError` without openpyxl.
    """
    formulas, values = _load(data)
    if not is_form(formulas):
        raise ReaderError("not a govdisclosure form (no 基本信息 sheet with its field column)")
    return _read(formulas, values)


def _read(formulas: Any, values: Any) -> ParseResult:
    reader = _Reader(formulas, values)
    meta = _fields(formulas[META_SHEET])
    meta_values = _fields(values[META_SHEET])
    version = _version(meta, formulas)
    entries = {e.pointer: e for e in catalogue() if version in e.versions}
    doc: dict[str, Any] = {"template_version": version}

    def prov(ptr: str, raw: Any, sheet: str, cell: str, **more: Any) -> None:
        reader.provenance[ptr] = Provenance(
            "" if raw is None else str(raw), CellLocation(sheet=sheet, cell=cell, **more)
        )

    # Metadata.
    fees_given = False
    for e in meta_fields():
        raw, cell = meta.get(e.pointer, (None, ""))
        if e.pointer == "/template_version":
            continue
        if e.kind == "object":
            fees_given = raw not in (None, "")
            continue
        if raw is not None:
            prov(e.pointer, raw, META_SHEET, cell)
        if e.kind in ("count", "amount", "year"):
            where = f"{META_SHEET}!{cell}"
            value = reader.number(e.pointer, e, meta_values.get(e.pointer, (raw, ""))[0], where)
        elif e.kind == "choice":
            value = _choice_value(e, _text(raw))
        else:
            value = _text(raw)
            if value is None and not e.nullable:
                value = ""  # a required text left blank: empty, and the validator says so
        _set(doc, e.pointer, value)
    fees = doc.setdefault("other_matters", {}).get("info_processing_fees")
    if not fees_given and (fees is None or all(v is None for v in fees.values())):
        doc["other_matters"]["info_processing_fees"] = None

    # Narrative.
    doc.setdefault("overview", {}).setdefault("subsections", [])
    doc.setdefault("issues", {}).update({"problems": [], "measures": []})
    text_ws = formulas[TEXT_SHEET] if TEXT_SHEET in formulas.sheetnames else None
    if text_ws is not None:
        _narrative(text_ws, doc, prov)

    # Tables.
    _tables(reader, version, entries, doc, prov)
    try:
        report: Report | None = from_dict(doc)
    except ReportError as exc:
        reader.findings.extend(exc.findings)
        report = None
    return ParseResult(report, reader.findings, reader.provenance, "xlsx")


def _choice_value(entry: Entry, raw: Any) -> Any:
    from .workbook import _spec

    spec = _spec(entry)
    if raw is None or spec is None:
        return raw
    for value, label in spec.choices:
        if raw in (value, label.zh, label.en):
            return value
    return raw  # from_dict reports it


def _narrative(ws: Any, doc: dict[str, Any], prov: Any) -> None:
    subsections: dict[int, dict[str, Any]] = {}
    lists: dict[str, list[str]] = {"problems": [], "measures": []}
    labels = {
        "存在的主要问题": "problems",
        "改进情况": "measures",
    }
    for row in ws.iter_rows(min_row=FIELDS_TOP):
        if len(row) < 2:
            continue
        label, raw = row[0].value, row[1].value
        ptr = row[2].value if len(row) > 2 else None
        value = _text(raw)
        if not (isinstance(ptr, str) and ptr.startswith("/")):
            # A row added by hand: a list item, known by its label.
            name = next(
                (n for k, n in labels.items() if isinstance(label, str) and k in label), None
            )
            if name is not None and value is not None:
                lists[name].append(value)
            continue
        parts = pointer_parts(ptr)
        if raw is not None:
            prov(ptr, raw, ws.title, row[1].coordinate)
        if parts[:2] == ["overview", "subsections"] and len(parts) == 4:
            subsections.setdefault(int(parts[2]), {})[parts[3]] = value
        elif parts[0] == "issues" and parts[1] in lists and len(parts) == 3:
            if value is not None:
                lists[parts[1]].append(value)
        else:
            _set(doc, ptr, value)
    doc["overview"]["subsections"] = [
        {"heading": s.get("heading") or "", "text": s.get("text")}
        for _, s in sorted(subsections.items())
        if s.get("heading") is not None or s.get("text") is not None
    ]
    doc["issues"].update(lists)


def _tables(
    reader: _Reader,
    version: Version,
    entries: dict[str, Entry],
    doc: dict[str, Any],
    prov: Any,
) -> None:
    where = pointer_addresses(version)
    rules = sum_formulas(version)
    read: dict[str, Any] = {}
    pending: dict[str, tuple[str, str, str]] = {}
    for table in TABLES:
        for c in grid(version, table).values():
            ptr = c.pointer
            assert ptr is not None
            sheet, cell = where[ptr]
            raw = reader.formulas[sheet][cell].value
            cached = reader.values[sheet][cell].value
            if isinstance(raw, str) and raw.startswith("="):
                if cached is None and ptr in rules:
                    pending[ptr] = (sheet, cell, raw)
                    continue
                value = reader.number(ptr, entries[ptr], cached, f"{sheet}!{cell}")
                if cached is not None:
                    prov(ptr, cached, sheet, cell, formula=raw)
            else:
                value = reader.number(ptr, entries[ptr], raw, f"{sheet}!{cell}")
                if raw is not None:
                    prov(ptr, raw, sheet, cell)
            read[ptr] = value
    # Formulas without a cached value: computed from their rules, addends first.
    while pending:
        progress = False
        for ptr, (sheet, cell, formula) in list(pending.items()):
            rule_id, addends = rules[ptr]
            if any(a in pending for a in addends):
                continue
            parts = [read.get(a) for a in addends]
            value = None if any(p is None for p in parts) else sum(parts)
            read[ptr] = value
            prov(
                ptr, "" if value is None else value, sheet, cell, formula=formula, computed=rule_id
            )
            del pending[ptr]
            progress = True
        if not progress:  # a cycle cannot come from our rules; leave such cells blank
            for ptr in pending:
                read[ptr] = None
            break
    for ptr, value in read.items():
        _set(doc, ptr, value)
