"""Reports as Arrow tables, and back: nullable integers, exact amounts, titled columns.

:func:`reports_table` gives one row per report and one column per cell and field of both
template versions (see :mod:`.crosswalk`); :func:`from_table` reads such a table back into the
same reports. Counts are ``int64`` with nulls (a blank cell is null, never ``NaN`` or ``0``).
Amounts are strings holding the decimal exactly as the report document does (``"12.5600"``):
a ``decimal128`` column has one fixed scale, which would change the published digits, and a
string reads the same in every format (CSV, XLSX, JSON Lines, Parquet). Lists (the overview's
sub-sections, the problems and measures) are JSON text. The column ``null_objects`` lists the
pointers of rows and tables that are absent (``null``) rather than present with blank cells,
so that the table is lossless.

:func:`cells_table` is the long form (one row per reported cell), :func:`findings_table` one
row per finding. Requires the ``dataset`` extra (pyarrow).
"""

from __future__ import annotations

import datetime as _dt
import functools
import hashlib
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import attrs
import orjson
import pyarrow as pa

from ..catalogue import catalogue
from ..findings import Finding
from ..model import Report
from ..parse import ParseResult, Provenance
from ..serialize import from_dict, to_dict
from ..template import VERSIONS, Version
from .crosswalk import COLUMNS, ColumnKind, Lang

__all__ = [
    "META",
    "Item",
    "Meta",
    "Record",
    "agency_key",
    "cell_rows",
    "cells_schema",
    "cells_table",
    "finding_rows",
    "findings_schema",
    "findings_table",
    "from_rows",
    "from_table",
    "record",
    "report_id",
    "report_row",
    "reports_schema",
    "reports_table",
]


@attrs.frozen
class Record:
    """A report with what is known about it: its file, and its parse and validation findings.

    ``parse_findings`` and ``validation`` are ``None`` when the report was not parsed (it was
    read from JSON) or not validated; the table's count columns are then null, not 0.
    """

    report: Report
    file: str | None = None
    parse_findings: tuple[Finding, ...] | None = None
    validation: tuple[Finding, ...] | None = None
    provenance: Mapping[str, Provenance] = attrs.field(factory=dict)


Item = Report | ParseResult | Record


def record(item: Item, *, file: str | None = None) -> Record | None:
    """A :class:`Record` for a report, a parse result (``None`` if it has no report) or record."""
    if isinstance(item, Record):
        return item if file is None else attrs.evolve(item, file=file)
    if isinstance(item, Report):
        return Record(item, file)
    if item.report is None:
        return None
    return Record(item.report, file, tuple(item.findings), None, item.provenance)


def _records(items: Iterable[Item]) -> Iterator[Record]:
    for item in items:
        rec = record(item)
        if rec is not None:
            yield rec


# -- Identity ---------------------------------------------------------------------------------


def agency_key(report: Report) -> str:
    """The body's key, the same in every year: ``division_code:name`` or the name alone.

    The name is NFKC-normalised (full-width letters and digits become ASCII) with every space
    removed, so that a body's reports join across years however its name was typeset.
    """
    name = "".join(unicodedata.normalize("NFKC", report.agency.name).split())
    code = report.agency.division_code
    return f"{code}:{name}" if code else name


def report_id(report: Report) -> str:
    """A stable id: a hash of the agency key, period, template and the source's URL or title.

    The id does not depend on the figures, so re-parsing a corpus with a newer version of the
    library keeps every report's id. The same report collected twice has one id.
    """
    p = report.period
    parts = (
        agency_key(report),
        str(p.year),
        p.start.isoformat() if p.start else "",
        p.end.isoformat() if p.end else "",
        report.template_version,
        report.source.url or report.source.title or "",
    )
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return f"gd-{digest[:20]}"


# -- The wide table ---------------------------------------------------------------------------

_ARROW: dict[ColumnKind, pa.DataType] = {
    "count": pa.int64(),
    "signed_count": pa.int64(),
    "year": pa.int64(),
    "amount": pa.string(),
    "date": pa.date32(),
    "text": pa.string(),
    "choice": pa.string(),
    "text_list": pa.string(),
    "object_list": pa.string(),
}


@attrs.frozen
class Meta:
    """A column of the wide table that is about the report, not in it."""

    key: str
    type: pa.DataType
    zh: str
    en: str

    def title(self, lang: Lang) -> str:
        """The column heading in ``lang``."""
        return {"zh": self.zh, "en": self.en, "pointer": self.key}[lang]


#: The columns before the cells: identity, provenance, finding counts, absent objects.
META: tuple[Meta, ...] = (
    Meta("report_id", pa.string(), "报告编号", "Report id"),
    Meta("agency_key", pa.string(), "机关键", "Agency key"),
    Meta("file", pa.string(), "来源文件", "Source file"),
    Meta("parse_findings", pa.int64(), "解析问题数", "Parse findings"),
    Meta("validation_findings", pa.int64(), "校验问题数", "Validation findings"),
    Meta("null_objects", pa.string(), "空缺的行和表", "Absent rows and tables"),
)


def reports_schema(lang: Lang = "pointer") -> pa.Schema:
    """The schema of :func:`reports_table`: the same for every corpus, so batches concatenate."""
    fields = [pa.field(m.title(lang), m.type) for m in META]
    fields += [pa.field(c.title(lang), _ARROW[c.kind]) for c in COLUMNS]
    return pa.schema(fields)


@functools.cache
def _nullable_objects(version: Version) -> tuple[tuple[str, ...], ...]:
    return tuple(
        e.path
        for e in catalogue()
        if e.kind in ("object", "variant") and e.nullable and version in e.versions
    )


def _get(doc: Any, path: tuple[str, ...]) -> Any:
    for name in path:
        if doc is None:
            return None
        doc = doc[name]
    return doc


_CONVERT = frozenset({"date", "text_list", "object_list"})


@functools.cache
def _plan(version: Version) -> tuple[tuple[tuple[str, ...] | None, ColumnKind | None], ...]:
    """Per column: the path to read in ``version`` (``None``: not in it) and a kind to convert."""
    return tuple(
        (c.path if version in c.versions else None, c.kind if c.kind in _CONVERT else None)
        for c in COLUMNS
    )


def _cell_value(kind: ColumnKind, value: Any) -> Any:
    if kind == "date":
        return _dt.date.fromisoformat(value)
    return orjson.dumps(value).decode()


def report_row(rec: Record) -> list[Any]:
    """The values of one row of :func:`reports_table`, in the order of its schema."""
    doc = to_dict(rec.report)
    version = rec.report.template_version
    absent = [
        "/" + "/".join(path)
        for path in _nullable_objects(version)
        if _get(doc, path[:-1]) is not None and _get(doc, path) is None
    ]
    row: list[Any] = [
        report_id(rec.report),
        agency_key(rec.report),
        rec.file,
        None if rec.parse_findings is None else len(rec.parse_findings),
        None if rec.validation is None else len(rec.validation),
        orjson.dumps(absent).decode(),
    ]
    append = row.append
    for path, convert in _plan(version):
        if path is None:
            append(None)
            continue
        value: Any = doc
        for name in path:
            value = value[name]
            if value is None:
                break
        if convert is not None and value is not None:
            value = _cell_value(convert, value)
        append(value)
    return row


def from_rows(rows: list[list[Any]], schema: pa.Schema) -> pa.Table:
    """A table of ``schema`` from rows of values in its order (as the ``*_row(s)`` give)."""
    arrays = [pa.array([r[i] for r in rows], type=f.type) for i, f in enumerate(schema)]
    return pa.Table.from_arrays(arrays, schema=schema)


def reports_table(reports: Iterable[Item], *, lang: Lang = "pointer") -> pa.Table:
    """One row per report, one column per cell and field of both versions; see the module."""
    return from_rows([report_row(rec) for rec in _records(reports)], reports_schema(lang))


# -- Back to reports --------------------------------------------------------------------------


@functools.cache
def _skeleton(version: Version) -> bytes:
    """The document of an empty report of ``version``: every object present, every leaf null."""
    doc: dict[str, Any] = {}
    entries = [e for e in catalogue() if version in e.versions]
    for e in sorted(entries, key=lambda e: len(e.path)):
        parent = _get(doc, e.path[:-1])
        if e.kind in ("object", "variant"):
            parent[e.path[-1]] = {}
        elif e.kind in ("text_list", "object_list"):
            parent[e.path[-1]] = []
        else:
            parent[e.path[-1]] = None
    return orjson.dumps(doc)


def _from_cell(kind: ColumnKind, value: Any) -> Any:
    if value is None:
        return None
    if kind == "date":
        return value.isoformat()
    if kind in ("text_list", "object_list"):
        return orjson.loads(value)
    return value


@functools.cache
def _keys_by_title() -> dict[str, str]:
    out: dict[str, str] = {}
    for lang in ("zh", "en", "pointer"):
        for m in META:
            out[m.title(lang)] = m.key
        for c in COLUMNS:
            out[c.title(lang)] = c.key
    return out


def _report(row: Mapping[str, Any]) -> Report:
    version = row["/template_version"]
    if version not in VERSIONS:
        raise ValueError(f"unknown template version {version!r}")
    doc = orjson.loads(_skeleton(version))
    for c in COLUMNS:
        if version in c.versions:
            parent = _get(doc, c.path[:-1])
            parent[c.path[-1]] = _from_cell(c.kind, row.get(c.key))
    for ptr in sorted(orjson.loads(row.get("null_objects") or "[]"), key=len):
        path = tuple(ptr.split("/")[1:])
        parent = _get(doc, path[:-1])
        if parent is not None:
            parent[path[-1]] = None
    return from_dict(doc)


def from_table(table: pa.Table) -> list[Report]:
    """The reports of a wide table, in row order, whatever its headings' language.

    Raises :class:`~govdisclosure.ReportError` when a row is not a valid report.
    """
    keys = _keys_by_title()
    table = table.rename_columns([keys.get(name, name) for name in table.column_names])
    return [_report(row) for row in table.to_pylist()]


# -- The long tables --------------------------------------------------------------------------


def cells_schema(lang: Lang = "pointer") -> pa.Schema:
    """The schema of :func:`cells_table`."""
    names = {
        "zh": ("报告编号", "指针", "表", "行", "列", "数值", "金额", "原文", "单位"),
        "en": ("Report id", "Pointer", "Table", "Row", "Column", "Value", "Amount", "Raw", "Unit"),
        "pointer": (
            "report_id",
            "pointer",
            "table",
            "row",
            "column",
            "value",
            "amount",
            "raw",
            "unit",
        ),
    }[lang]
    types = (pa.string(),) * 5 + (pa.int64(), pa.string(), pa.string(), pa.string())
    return pa.schema([pa.field(n, t) for n, t in zip(names, types, strict=True)])


def cell_rows(rec: Record, lang: Lang = "pointer") -> list[list[Any]]:
    """The rows of :func:`cells_table` for one record."""
    label_lang: Lang = "zh" if lang == "pointer" else lang

    def labels(path: tuple[Any, ...]) -> str:
        return " › ".join(lab.zh if label_lang == "zh" else lab.en for lab in path)

    doc = to_dict(rec.report)
    version = rec.report.template_version
    rid = report_id(rec.report)
    out: list[list[Any]] = []
    for c in COLUMNS:
        if version not in c.versions:
            continue
        entry = dict(c.entries)[version]
        if entry.role != "cell" or entry.table is None:
            continue
        value = _get(doc, c.path)
        if value is None:
            continue
        prov = rec.provenance.get(entry.pointer)
        unit = entry.unit
        out.append(
            [
                rid,
                entry.pointer,
                entry.table.number,
                labels(entry.row),
                labels(entry.column),
                value if c.kind != "amount" else None,
                value if c.kind == "amount" else None,
                prov.raw if prov is not None else None,
                None if unit is None else (unit.zh if label_lang == "zh" else unit.en),
            ]
        )
    return out


def cells_table(reports: Iterable[Item], *, lang: Lang = "pointer") -> pa.Table:
    """The long form: one row per reported (non-blank) table cell.

    ``value`` holds counts, ``amount`` the exact decimal text of amounts; ``raw`` is the text
    the parser read the cell from, when the report was parsed. Row and column are the label
    paths in ``lang`` (Chinese for ``"pointer"``).
    """
    rows = [row for rec in _records(reports) for row in cell_rows(rec, lang)]
    return from_rows(rows, cells_schema(lang))


def _json(value: Any) -> str | None:
    return None if value is None else orjson.dumps(value, default=str).decode()


def findings_schema(lang: Lang = "pointer") -> pa.Schema:
    """The schema of :func:`findings_table`: text columns."""
    names = {
        "zh": (
            "报告编号",
            "来源文件",
            "阶段",
            "规则",
            "严重程度",
            "指针",
            "应为",
            "实为",
            "说明",
            "说明（英文）",
        ),
        "en": (
            "Report id",
            "Source file",
            "Stage",
            "Rule",
            "Severity",
            "Pointers",
            "Expected",
            "Actual",
            "Message (Chinese)",
            "Message",
        ),
        "pointer": (
            "report_id",
            "file",
            "stage",
            "rule",
            "severity",
            "pointers",
            "expected",
            "actual",
            "message_zh",
            "message_en",
        ),
    }[lang]
    return pa.schema([pa.field(n, pa.string()) for n in names])


def finding_rows(rec: Record) -> list[list[Any]]:
    """The rows of :func:`findings_table` for one record."""
    rid = report_id(rec.report)
    out: list[list[Any]] = []
    for stage, found in (("parse", rec.parse_findings), ("validation", rec.validation)):
        for f in found or ():
            d = f.to_dict()
            out.append(
                [
                    rid,
                    rec.file,
                    stage,
                    f.rule,
                    f.severity,
                    _json(d["pointers"]),
                    _json(d["expected"]),
                    _json(d["actual"]),
                    f.message_zh,
                    f.message_en,
                ]
            )
    return out


def findings_table(results: Iterable[Item], *, lang: Lang = "pointer") -> pa.Table:
    """One row per finding of each record's parse and validation, with the report's id.

    ``pointers``, ``expected`` and ``actual`` are JSON text; ``stage`` is ``parse`` or
    ``validation``.
    """
    rows = [row for rec in _records(results) for row in finding_rows(rec)]
    return from_rows(rows, findings_schema(lang))
