"""The field catalogue: one entry per field and table cell, with its pointer and labels.

Downstream tools, and this library's parsers and renderers, find a cell by its official labels
through the catalogue. It is generated from the model's field specs and committed in
``schemas/catalogue.json``; :func:`reference_markdown` renders it as ``docs/reference.md``.
"""

from __future__ import annotations

import functools
from typing import Any, Literal

import attrs

from . import template as t
from ._specs import report_class, specs, target, walk
from .findings import pointer
from .model import FieldSpec
from .schema import SCHEMA_VERSION
from .template import VERSIONS, Label, TableDoc, Version

__all__ = ["Entry", "catalogue", "catalogue_document", "cells", "reference_markdown"]


@attrs.frozen
class Entry:
    """One field or cell of the report document.

    ``row`` and ``column`` are the label paths of a table cell, outermost first: for
    ``/applications/outcomes/not_disclosed/state_secret/commercial_enterprise`` the row is
    三、本年度办理结果 › （三）不予公开 › 1.属于国家秘密 and the column is 申请人情况 ›
    法人或其他组织 › 商业企业. Both are empty for a narrative field.
    """

    pointer: str
    path: tuple[str, ...]
    kind: str
    label: Label
    table: TableDoc | None
    row: tuple[Label, ...]
    column: tuple[Label, ...]
    unit: Label | None
    versions: tuple[Version, ...]
    nullable: bool
    #: ``"cell"`` for a table cell, ``"row"`` for a row or group, ``"field"`` for the rest.
    role: Literal["cell", "row", "table", "field"]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-compatible dict, as written to ``schemas/catalogue.json``."""

        def labels(path: tuple[Label, ...]) -> list[dict[str, str]]:
            return [{"zh": lab.zh, "en": lab.en} for lab in path]

        return {
            "pointer": self.pointer,
            "role": self.role,
            "kind": self.kind,
            "table": self.table.number if self.table else None,
            "label_zh": self.label.zh,
            "label_en": self.label.en,
            "row_zh": self.row[-1].zh if self.row else None,
            "row_en": self.row[-1].en if self.row else None,
            "column_zh": self.column[-1].zh if self.column else None,
            "column_en": self.column[-1].en if self.column else None,
            "row_path": labels(self.row),
            "column_path": labels(self.column),
            "unit": {"zh": self.unit.zh, "en": self.unit.en} if self.unit else None,
            "versions": list(self.versions),
            "nullable": self.nullable,
        }


def _entry(
    path: tuple[str, ...], spec: FieldSpec, above: tuple[FieldSpec, ...], version: Version
) -> Entry:
    table = next((s.table for s in (*above, spec) if s.table is not None), None)
    row: list[Label] = []
    column: list[Label] = []
    for s in (*above, spec):
        if s.node is not None:
            node = s.node
            (row if node.axis == "row" else column).extend((*node.groups, node.label))
    if spec.column is not None:
        column.extend((*spec.column.groups, spec.column.label))
    role: Literal["cell", "row", "table", "field"]
    if spec.column is not None and table is not None:
        role = "cell"
    elif spec.table is not None:
        role = "table"
    elif spec.node is not None:
        role = "row"
    else:
        role = "field"
    return Entry(
        pointer=pointer(path),
        path=path,
        kind=spec.kind,
        label=spec.label,
        table=table,
        row=tuple(row),
        column=tuple(column),
        unit=spec.column.unit if spec.column is not None else None,
        versions=(version,),
        nullable=spec.nullable,
        role=role,
    )


@functools.cache
def catalogue() -> tuple[Entry, ...]:
    """Every field and cell of every registered template version, in document order.

    A location whose labels are the same in several versions has one entry listing them; a
    location labelled differently in each version has one entry per version. The cache is
    cleared whenever the template registry changes.
    """
    merged: dict[tuple[Any, ...], Entry] = {}
    for version in VERSIONS:
        for path, spec, above in walk(report_class(version), version):
            entry = _entry(path, spec, above, version)
            key = (entry.pointer, entry.label, entry.row, entry.column, entry.kind, entry.role)
            if key in merged:
                old = merged[key]
                merged[key] = attrs.evolve(old, versions=(*old.versions, version))
            else:
                merged[key] = entry
    # Document order: each field's position in its class, level by level, so that the entries
    # of both versions interleave as the tables print them.
    return tuple(
        sorted(merged.values(), key=lambda e: (_positions(e.path, e.versions[0]), e.versions))
    )


t.on_change(catalogue.cache_clear)


def _positions(path: tuple[str, ...], version: Version) -> tuple[int, ...]:
    cls: type | None = report_class(version)
    out = []
    for name in path:
        assert cls is not None
        names = [n for n, _ in specs(cls)]
        out.append(names.index(name))
        cls = target(dict(specs(cls))[name], version)
    return tuple(out)


def cells(version: Version, table: str | None = None) -> tuple[Entry, ...]:
    """The table cells of ``version``; with ``table`` (``"二"``, ``"三"``, ``"四"``), its cells."""
    return tuple(
        e
        for e in catalogue()
        if e.role == "cell"
        and version in e.versions
        and (table is None or (e.table is not None and e.table.number == table))
    )


def catalogue_document() -> dict[str, Any]:
    """The catalogue as written to ``schemas/catalogue.json``."""
    return {
        "description": (
            "Field catalogue of the govdisclosure report document: one entry per field and "
            "table cell, with its JSON Pointer, official Chinese labels, English labels, unit "
            "and template versions."
        ),
        "schema_version": SCHEMA_VERSION,
        "entries": [e.to_dict() for e in catalogue()],
    }


def _md(text: str) -> str:
    return text.replace("|", "\\|")


def reference_markdown() -> str:
    """The model reference (``docs/reference.md``), generated from the catalogue."""
    out = [
        "# Model reference",
        "",
        "Generated from the template declaration by `python -m govdisclosure reference`;",
        "do not edit by hand. Every key is required in a document; `null` means not reported.",
        "Versions: the template versions a field exists in.",
        "",
    ]
    sections: dict[str, list[Entry]] = {}
    for e in catalogue():
        if e.table is None:
            name = "Report fields"
        else:
            table_pointer = pointer(e.path[:1])
            name = f"Table {e.table.number}: {e.table.label.zh} (`{table_pointer}`)"
        sections.setdefault(name, []).append(e)
    for name, entries in sections.items():
        out += [f"## {name}", ""]
        if entries[0].table is None:
            out += ["| Pointer | 中文 | English | Type | Versions |", "|---|---|---|---|---|"]
            for e in entries:
                versions = ", ".join(e.versions)
                out.append(
                    f"| `{e.pointer}` | {_md(e.label.zh)} | {_md(e.label.en)} | {e.kind}"
                    f"{'' if not e.nullable else ' or null'} | {versions} |"
                )
        else:
            out += [
                "| Pointer | 行 (row) | 列 (column) | Row | Column | Unit | Versions |",
                "|---|---|---|---|---|---|---|",
            ]
            for e in entries:
                if e.role != "cell":
                    continue
                row_zh = " › ".join(lab.zh for lab in e.row)
                col_zh = " › ".join(lab.zh for lab in e.column)
                row_en = " › ".join(lab.en for lab in e.row)
                col_en = " › ".join(lab.en for lab in e.column)
                unit = f"{e.unit.zh} ({e.unit.en})" if e.unit else ""
                out.append(
                    f"| `{e.pointer}` | {_md(row_zh)} | {_md(col_zh)} | {_md(row_en)} | "
                    f"{_md(col_en)} | {unit} | {', '.join(e.versions)} |"
                )
        out.append("")
    return "\n".join(out)
