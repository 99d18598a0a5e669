"""The template's three tables as rows and columns, read from the field catalogue.

For each table and template version: its rows in print order (with their numbering and every
label variant the versions print for the same row), its cells, and its column and spanning
header labels. The parser matches printed labels against these; the renderer prints them. The
table numbers (二, 三, 四) and the report fields they fill are read from the model, once.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Literal

import attrs

from . import template as t
from ._normalize_text import fold, key
from ._numbering import Numbering, numbering
from ._specs import specs
from .catalogue import Entry, catalogue
from .template import VERSIONS, Label, TableDoc, Version

__all__ = [
    "TABLES",
    "ColumnSpec",
    "RowSpec",
    "Tables",
    "bare",
    "column_specs",
    "row_spec",
    "row_specs",
    "strip_annotation",
    "table_cells",
    "table_doc",
    "table_field",
    "table_pointer",
]

#: The three tables, by their section number.
Tables = Literal["二", "三", "四"]
TABLES: tuple[Tables, ...] = ("二", "三", "四")


@functools.cache
def _table_fields() -> dict[str, tuple[str, TableDoc]]:
    from .model import Report  # the model is read on first use, not at import

    return {
        spec.table.number: (name, spec.table)
        for name, spec in specs(Report)
        if spec.table is not None
    }


def table_field(kind: Tables) -> str:
    """The report field that holds table ``kind``: 「二」 → ``proactive_disclosure``."""
    return _table_fields()[kind][0]


def table_pointer(kind: Tables) -> str:
    """The JSON Pointer of a table: 「二」 → ``/proactive_disclosure``."""
    return "/" + table_field(kind)


def table_doc(kind: Tables) -> TableDoc:
    """The template's declaration of table ``kind``: its heading and citation."""
    return _table_fields()[kind][1]


@attrs.frozen
class RowSpec:
    """A row (or a row group) of a table in one template version.

    ``path`` is the model path of the row's object; ``cells`` its table cells in print order
    (empty for a group that prints no values). ``keys`` holds the key of every label the two
    versions print for the same row, without numbering.
    """

    table: Tables
    version: Version
    path: tuple[str, ...]
    labels: tuple[Label, ...]
    cells: tuple[Entry, ...]
    number: Numbering | None
    keys: tuple[str, ...]
    group_only: bool
    #: The block title above the row in table 二, or the row groups above it in table 三.
    parents: tuple[tuple[str, ...], ...]

    @property
    def label(self) -> Label:
        """The row's own label."""
        return self.labels[-1]


@attrs.frozen
class ColumnSpec:
    """A leaf column label of a table, or a spanning header label (a group)."""

    table: Tables
    key: str
    label: Label
    versions: tuple[Version, ...]
    leaf: bool
    #: The key without the label's own bracketed part: 「本年收费金额」.
    bare: str = ""


def _row_node_entries(version: Version) -> list[Entry]:
    return [
        e
        for e in catalogue()
        if version in e.versions and e.role == "row" and e.table is not None and e.row
    ]


@functools.cache
def row_specs(version: Version, table: Tables) -> tuple[RowSpec, ...]:
    """The rows of ``table`` in ``version``, in print order."""
    cells_by_parent: dict[tuple[str, ...], list[Entry]] = {}
    for e in catalogue():
        if version in e.versions and e.role == "cell" and e.table is not None:
            cells_by_parent.setdefault(e.path[:-1], []).append(e)
    # Every label variant of a row path, over both versions.
    variants: dict[tuple[str, ...], list[str]] = {}
    for v in VERSIONS:
        for e in _row_node_entries(v):
            num, rest = numbering(fold(e.row[-1].zh))
            variants.setdefault(e.path, [])
            for k in (key(rest), key(strip_annotation(rest))):
                if k not in variants[e.path]:
                    variants[e.path].append(k)
    out: list[RowSpec] = []
    for e in _row_node_entries(version):
        if e.table is None or e.table.number != table:
            continue
        cells = tuple(cells_by_parent.get(e.path, ()))
        num, _ = numbering(fold(e.row[-1].zh))
        parents = tuple(
            p.path
            for p in _row_node_entries(version)
            if p.path == e.path[: len(p.path)] and p.path != e.path
        )
        out.append(
            RowSpec(
                table=table,
                version=version,
                path=e.path,
                labels=e.row,
                cells=cells,
                number=num,
                keys=tuple(variants[e.path]),
                group_only=not cells,
                parents=parents,
            )
        )
    return tuple(out)


@functools.cache
def _row_index(version: Version) -> dict[str, RowSpec]:
    return {"/".join(r.path): r for table in TABLES for r in row_specs(version, table)}


def row_spec(version: Version, ident: str) -> RowSpec | None:
    """The row of ``version`` whose path (joined by ``/``) is ``ident``."""
    return _row_index(version).get(ident)


@functools.cache
def table_cells(version: Version, table: Tables) -> tuple[Entry, ...]:
    """Every cell of ``table`` in ``version``, in print order."""
    return tuple(c for r in row_specs(version, table) for c in r.cells) or tuple(
        e
        for e in catalogue()
        if version in e.versions and e.role == "cell" and e.table and e.table.number == table
    )


@functools.cache
def column_specs(table: Tables) -> tuple[ColumnSpec, ...]:
    """The leaf columns and spanning header labels of ``table``, over both versions."""
    found: dict[tuple[str, bool], ColumnSpec] = {}
    for e in catalogue():
        if e.role != "cell" or e.table is None or e.table.number != table:
            continue
        for i, lab in enumerate(e.column):
            leaf = i == len(e.column) - 1
            k = key(lab.zh)
            old = found.get((k, leaf))
            versions = tuple(v for v in VERSIONS if v in e.versions or (old and v in old.versions))
            found[(k, leaf)] = ColumnSpec(table, k, lab, versions, leaf, bare(lab))
        if table == "二":
            # The block titles 第二十条第（X）项 are row groups in the model, spanning labels
            # in print.
            for lab in e.row[:-1]:
                k = key(lab.zh)
                old = found.get((k, False))
                versions = tuple(
                    v for v in VERSIONS if v in e.versions or (old and v in old.versions)
                )
                found[(k, False)] = ColumnSpec(table, k, lab, versions, False, bare(lab))
    extras: dict[Tables, tuple[Label, ...]] = {
        "二": (t.INFO_CONTENT,),
        "三": (t.APPLICATIONS_NOTE,),
        "四": (),
    }
    for lab in extras[table]:
        found[(key(lab.zh), False)] = ColumnSpec(
            table, key(lab.zh), lab, VERSIONS, False, bare(lab)
        )
    return tuple(found.values())


def bare(label: Label) -> str:
    return key(strip_annotation(fold(label.zh)))


def strip_annotation(folded: str) -> str:
    """Remove bracketed annotations at the end: 「规章(设区的市…提供相关数据)」 → 「规章」."""
    s = folded
    for _ in range(3):
        if not s.endswith(")"):
            break
        depth = 0
        for i in range(len(s) - 1, -1, -1):
            if s[i] == ")":
                depth += 1
            elif s[i] == "(":
                depth -= 1
                if depth == 0:
                    s = s[:i]
                    break
        else:
            break
    return s


def header_spans(
    paths: Sequence[tuple[str, ...]],
) -> list[tuple[int, int, str, int, int]]:
    """The header cells over leaf columns labelled ``paths`` (outermost label first): each as
    ``(level, column, text, rowspan, colspan)``, groups merged across, leaves down to the last
    header row. The renderer and the workbook form both print their headers from this."""
    depth = max(len(p) for p in paths)
    out: list[tuple[int, int, str, int, int]] = []
    for level in range(depth):
        c = 0
        while c < len(paths):
            path = paths[c]
            if level >= len(path):
                c += 1
                continue
            leaf = level == len(path) - 1
            span = 1
            if not leaf:
                while (
                    c + span < len(paths)
                    and len(paths[c + span]) > level + 1
                    and paths[c + span][: level + 1] == path[: level + 1]
                ):
                    span += 1
            out.append((level, c, path[level], depth - level if leaf else 1, span))
            c += span
    return out


# Registering a template version changes the rows and labels these caches hold.
t.on_change(_table_fields.cache_clear)
t.on_change(row_specs.cache_clear)
t.on_change(_row_index.cache_clear)
t.on_change(table_cells.cache_clear)
t.on_change(column_specs.cache_clear)
