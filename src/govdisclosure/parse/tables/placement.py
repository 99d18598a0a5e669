"""Placing values into catalogue cells: one rule for every way a value is found.

A reading of each value (:mod:`govdisclosure.parse.values`) is kept with its token. A cell
printed twice keeps the first value read, with a finding when the two differ. A row whose
values cannot be matched to its cells by label keeps them out of the report and reports them
with their raw text. In table 三 a row of one or two values is the total-only or the sparse
row of real reports.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

import attrs

from ... import template as _template
from ..._layout import RowSpec, Tables, row_spec, table_cells, table_doc, table_pointer
from ..._normalize_text import key
from ...catalogue import Entry
from ...findings import Finding
from ...template import Version
from ..collect import Bilingual, finding
from ..labels import MAX_LABEL_CHARS, Match, match_column, match_row
from ..values import Reading, read_value
from .tokenize import Token

__all__ = [
    "Placement",
    "Row",
    "column_leaves",
    "label_row",
    "note_inexact",
    "only_groups",
    "order_by_header",
    "pick_row",
    "table_missing",
]


@attrs.define
class Row:
    spec: RowSpec | None
    kind: Tables
    label: Token | None = None
    values: list[Token] = attrs.Factory(list)
    before: list[Token] = attrs.Factory(list)
    implicit: bool = False
    #: Values past the row's cells on the row's own line.
    overflow: list[Token] = attrs.Factory(list)
    #: The text ends inside this row: the cells after its last value were never printed.
    cut: bool = False
    #: The label went on over a second line.
    wrapped: bool = False
    #: For table 四's unlabelled row: the column groups of the block it sits in, if named.
    block: tuple[str, ...] | None = None

    def width(self, version: Version) -> int:
        if self.implicit:
            return len(table_cells(version, "四"))
        if self.spec is None or self.spec.group_only:
            return 10**6  # collect everything, to report it
        return len(self.spec.cells)

    def full(self, version: Version) -> bool:
        return len(self.values) >= self.width(version)


class Placement:
    """Collects cell values, the row objects present and findings from every table found.

    A value goes into its catalogue cell through :meth:`assign`; a stream row's values are
    placed by :meth:`place`, in the template's (or the header's) column order.
    """

    def __init__(self, version: Version) -> None:
        self.version = version
        #: pointer → (reading, token)
        self.values: dict[str, tuple[Reading, Token]] = {}
        #: model paths of objects the tables show (rows, groups, tables)
        self.objects: set[tuple[str, ...]] = set()
        self.found: set[Tables] = set()
        self.findings: list[Finding] = []
        self.tables_read = 0

    # -- shared -------------------------------------------------------------------------------

    def note(self, rule: str, pointer: str, *, wording: str = "default", **params: Any) -> None:
        """Record the finding ``rule`` at ``pointer``, worded by its declaration."""
        self.findings.append(finding(rule, pointer, wording=wording, **params))

    def ensure(self, path: tuple[str, ...]) -> None:
        self.objects.add(path)

    def table_seen(self, kind: Tables) -> None:
        self.found.add(kind)
        self.ensure((table_pointer(kind)[1:],))

    def assign(self, entry: Entry, token: Token, header_unit: str | None = None) -> None:
        unit = entry.unit.zh if entry.unit is not None else ""
        self.put(entry, entry.path[:-1], unit, token, header_unit)

    def put(
        self,
        entry: Entry,
        parent: tuple[str, ...],
        unit: str,
        token: Token,
        header_unit: str | None = None,
    ) -> None:
        """:meth:`assign`, given the entry's parent path and unit (worked out ahead once)."""
        reading = read_value(token.text, entry.kind, unit, header_unit)
        ptr = entry.pointer
        self.objects.add(parent)
        old = self.values.get(ptr)
        if old is not None:
            if old[0].value is None and reading.value is not None:
                self.values[ptr] = (reading, token)
            elif reading.value is not None and old[0].value != reading.value:
                self.note(
                    "parse.table.duplicate-cell",
                    ptr,
                    actual=token.text,
                    first=old[1].text,
                    second=token.text,
                )
            return
        self.values[ptr] = (reading, token)
        if reading.issue is not None:
            rule, severity, wording, params = reading.issue
            self.note(rule, ptr, wording=wording, severity=severity, actual=token.text, **params)

    def unplaced(
        self, kind: Tables, label: str, values: Sequence[Token], why: str, **params: Any
    ) -> None:
        """Report values that stay out of the report; ``why`` names the declared wording."""
        raws = [v.text for v in values]
        self.note(
            "parse.table.unplaced",
            table_pointer(kind),
            wording=why,
            actual=raws,
            label=label,
            raws=raws,
            **params,
        )

    def place(self, row: Row, header: Sequence[Sequence[Match]] = ()) -> None:
        """Put a stream row's values into its cells, in the template's (or the header's) order."""
        version = self.version
        if row.spec is not None and any(v.text.strip() for v in row.overflow):
            # Placing by position would shift the row: it stays blank, every value reported.
            self.ensure(row.spec.path)
            every = [*row.values, *row.overflow]
            self.unplaced(
                row.kind,
                row.label.text if row.label else "",
                every,
                "overflow",
                count=len(every),
                width=len(row.spec.cells),
            )
            return
        values = row.values or row.before
        if row.values and row.before and any(v.text.strip() for v in row.before):
            self.unplaced(
                row.kind,
                row.label.text if row.label else "",
                row.before,
                "before",
            )
        if row.implicit:
            entries: Sequence[Entry] = table_cells(version, "四")
            label = ""
            if row.block is not None:
                # 四 printed as three tables: a row as wide as its block fills that block.
                block = [e for e in entries if tuple(c.zh for c in e.column[:-1]) == row.block]
                n_values = sum(1 for v in values if v.text.strip())
                if block and n_values == len(block):
                    entries = block
        else:
            assert row.spec is not None
            entries = row.spec.cells
            label = row.label.text if row.label else row.spec.label.zh
            self.ensure(row.spec.path)
        width = len(entries)
        values = list(values)
        # Empty cells around a row's values (the label area, filler cells) are not values.
        while len(values) > width and not values[0].text.strip():
            values.pop(0)
        while len(values) > width and not values[-1].text.strip():
            values.pop()
        n = len(values)
        if n == 0:
            return
        if row.kind == "二" and header and len(header) == width:
            ordered = order_by_header(entries, header)
            if ordered is not None:
                entries = ordered
        if n == width:
            for entry, token in zip(entries, values, strict=True):
                self.assign(entry, token)
            return
        if row.cut and n < width and not row.implicit:
            # Cut by the end of the text, not sparse: its values stand in the first columns. (Table
            # 四's unlabelled row is not: its blanks may have vanished anywhere in the row.)
            for entry, token in zip(entries, values, strict=False):
                self.assign(entry, token)
            self.note(
                "parse.table.cut",
                entries[0].pointer.rsplit("/", 1)[0],
                actual=[v.text for v in values],
                label=label,
                count=n,
                width=width,
            )
            return
        if row.kind == "三" and n in (1, 2) and width == 7:
            picked = (entries[0], entries[-1]) if n == 2 else (entries[-1],)
            for entry, token in zip(picked, values, strict=True):
                self.assign(entry, token)
            names = "、".join(e.column[-1].zh for e in picked)
            self.note(
                "parse.table.sparse-row",
                entries[-1].pointer.rsplit("/", 1)[0],
                actual=[v.text for v in values],
                label=label,
                count=n,
                columns=names,
            )
            return
        if n > width:
            for entry, token in zip(entries, values[:width], strict=True):
                self.assign(entry, token)
            self.unplaced(row.kind, label, values[width:], "extra")
            return
        if all(not v.text.strip() for v in values):
            return
        self.unplaced(
            row.kind,
            label,
            values,
            "default",
            count=n,
            width=width,
        )


def order_by_header(
    entries: Sequence[Entry], header: Sequence[Sequence[Match]]
) -> list[Entry] | None:
    out: list[Entry] = []
    for ms in header:
        idents = {m.ident for m in ms}
        found = next((e for e in entries if key(e.column[-1].zh) in idents and e not in out), None)
        if found is None:
            return None
        out.append(found)
    return out


def pick_row(
    text: str, version: Version, kind: Tables | None, reader: Placement | None = None
) -> RowSpec | None:
    """The row ``text`` names (in table ``kind`` first), or ``None`` when none or several.

    With ``reader``, an approximate or truncated match is reported to it.
    """
    spec, inexact = label_row(text, version, kind)
    if inexact and reader is not None:
        assert spec is not None
        note_inexact(reader, spec, text)
    return spec


def note_inexact(reader: Placement, spec: RowSpec, text: str) -> None:
    """Report that the row label ``text`` only approximately matched the row ``spec``."""
    reader.note(
        "parse.table.label-approximate",
        "/" + "/".join(spec.path),
        actual=text,
        text=text,
        label=spec.label.zh,
    )


@functools.lru_cache(maxsize=4096)
def label_row(text: str, version: Version, kind: Tables | None) -> tuple[RowSpec | None, bool]:
    """:func:`pick_row`'s row, and whether the label only approximately matched it."""
    if not text.strip() or len(text) > MAX_LABEL_CHARS:
        return None, False
    ms = match_row(text, version)
    if kind is not None:
        same = [m for m in ms if m.table == kind]
        ms = tuple(same) if same else ms
    if len(ms) != 1:
        return None, False
    spec = row_spec(version, ms[0].ident)
    return spec, spec is not None and ms[0].quality in ("approximate", "truncated")


@functools.lru_cache(maxsize=4096)
def column_leaves(text: str, kind: Tables | None) -> tuple[Match, ...]:
    """The column labels (not the spanning group labels) a header cell of table ``kind`` is."""
    return tuple(m for m in match_column(text, kind) if m.kind == "column")


@functools.lru_cache(maxsize=4096)
def only_groups(text: str, kind: Tables | None) -> bool:
    """True when a header cell of table ``kind`` is a spanning group label and nothing else."""
    ms = match_column(text, kind)
    return bool(ms) and all(m.kind == "group" for m in ms)


# Registering a template version changes the rows and columns labels name.
_template.on_change(label_row.cache_clear)
_template.on_change(column_leaves.cache_clear)
_template.on_change(only_groups.cache_clear)


def table_missing(kind: Tables) -> Finding:
    """The finding for a table the document does not contain."""
    doc = table_doc(kind)
    return finding(
        "parse.table.missing",
        table_pointer(kind),
        number=kind,
        title=Bilingual(doc.citation, doc.label.en),
    )
