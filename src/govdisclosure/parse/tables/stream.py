"""Reading a flattened table: the cells of its lines, in reading order, assembled into rows.

A row label opens a row; the values that follow fill it in the template's column order, since
a flattened header no longer says which column is where (table 二's header, when it is printed
as a grid header row, gives the order of its block). Values before any row label wait for one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..._layout import RowSpec, Tables, row_specs, table_cells, table_pointer
from ..._normalize_text import key
from ..._numbering import NUMERALS
from ..labels import Match, fragment, match_column, match_row
from .placement import Placement, Row, column_leaves, pick_row
from .tokenize import SEPARATOR, Token

__all__ = ["Stream"]

# A row label's numbering: 「(一)」, 「一、」, 「1.」.
_NUMBERED = re.compile(rf"\s*(?:[(（]|[{NUMERALS}\d]{{1,3}}\s*[、.．,，])")


class Stream:
    """The row assembler for flattened lines: label tokens open rows, values fill them."""

    def __init__(self, reader: Placement, kind: Tables | None) -> None:
        self.reader = reader
        self.kind: Tables | None = kind
        self.row: Row | None = None
        #: The row opened on the line being read, if any.
        self.opened: Row | None = None
        self.pending: list[Token] = []
        self.header: list[tuple[Match, ...]] = []
        self.in_header = False
        #: Table 四 printed as separate blocks: the column groups the last block title named.
        self.block: tuple[str, ...] | None = None
        #: The last row opened by a label, for value rows printed without their labels.
        self.last: RowSpec | None = None

    def header_row(self, texts: Sequence[str]) -> None:
        """A grid header row: reset the stream's header for table 二's block order."""
        self.close()
        if not self.in_header:
            self.header = []
            self.in_header = True
        for text in texts:
            ms = column_leaves(text, self.kind)
            if ms and (not self.header or self.header[-1] != ms or len(ms) > 1):
                self.header.append(ms)

    def line(self, tokens: Sequence[Token]) -> None:
        if tokens is SEPARATOR:
            return
        # A line without a value (a header row with filler cells) names no row: a blank cell
        # after 「其他」 does not make that header cell a row label.
        values = any(t.value and t.text.strip() for t in tokens)
        self.opened = None
        for i, token in enumerate(tokens):
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            self.feed(token, nxt is not None and nxt.value and values)
        self.opened = None

    def feed(self, token: Token, value_follows: bool) -> None:
        version = self.reader.version
        if token.value:
            self.in_header = False
            if self.row is None:
                if self.kind == "四":
                    self.row = Row(None, "四", implicit=True, block=self.block)
                    self.reader.table_seen("四")
                else:
                    if token.text.strip():
                        self.pending.append(token)
                    return
            row = self.row
            if (
                row.wrapped
                and not row.values
                and row.spec is not None
                and len(row.before) == len(row.spec.cells)
            ):
                # A wrapped label's values stand on the line before it (a PDF's text), so the
                # values after its second line belong to the next row.
                if token.text.strip():
                    self.pending.append(token)
                return
            if self.row.full(version):
                if self.row is self.opened and self.row.spec is not None:
                    # More values on the row's own line than it has cells: which one is extra
                    # cannot be known, so none is placed.
                    self.row.overflow.append(token)
                elif token.text.strip():
                    self.pending.append(token)
            else:
                self.row.values.append(token)
            return
        text = token.text
        rows = match_row(text, version)
        cols = match_column(text)
        numbered = _NUMBERED.match(text) is not None
        if rows and (not cols or value_follows or numbered):
            spec = pick_row(text, version, self.kind, self.reader)
            if spec is None:
                if any(m.quality == "truncated" for m in rows) and self._continues(text):
                    assert self.row is not None
                    self.row.wrapped = True
                    return
                self._unknown(token)
                return
            self.close()
            self.in_header = False
            self.kind = spec.table
            self.reader.table_seen(spec.table)
            previous, self.last = self.last, (spec if not spec.group_only else self.last)
            if self.pending and not spec.group_only and self._between(previous, spec):
                self.pending = []
            self.row = self.opened = Row(spec, spec.table, label=token)
            if self.pending and not spec.group_only:
                self.row.before = self.pending[: len(spec.cells)]
                if len(self.pending) > len(spec.cells):
                    self.reader.unplaced(
                        spec.table,
                        text,
                        self.pending[len(spec.cells) :],
                        "no_row",
                    )
                self.pending = []
            return
        if cols and fragment(text) and all(m.quality == "truncated" for m in cols):
            return  # 「行政」 alone (a page cut inside a header) names no table
        if cols:
            self.close()
            if any(m.kind == "group" and m.table == "四" for m in cols):
                self.block = self._block(text)
            tables = {m.table for m in cols}
            if self.kind not in tables and len(tables) == 1:
                self.kind = next(iter(tables))  # 「总计」 alone (三 or 四) switches nothing
            if self.kind is not None and self.kind in tables:
                self.reader.table_seen(self.kind)
                leaves = tuple(m for m in cols if m.kind == "column" and m.table == self.kind)
                groups = [m for m in cols if m.kind == "group" and m.table == self.kind]
                if (
                    groups
                    and self.kind == "二"
                    and any(m.ident.startswith("第二十条") for m in groups)
                ):
                    self.header = []
                if leaves:
                    if not self.in_header:
                        self.header = []
                    self.header.append(leaves)
                self.in_header = True
            return
        if fragment(text):
            if self.row is not None:
                self.row.wrapped = True
            return  # a piece of a label that wrapped onto its own line
        self._unknown(token)

    def _between(self, previous: RowSpec | None, spec: RowSpec) -> bool:
        """Place value rows printed without labels between two labelled rows (a PDF's text).

        They go to the rows the template has between the two, in order, only when they are
        exactly as many whole rows as there are rows between; otherwise nothing is placed here.
        """
        if previous is None or previous.table != spec.table:
            return False
        rows = [r for r in row_specs(self.reader.version, spec.table) if not r.group_only]
        try:
            a, b = rows.index(previous), rows.index(spec)
        except ValueError:
            return False
        gap = rows[a + 1 : b]
        widths = {len(r.cells) for r in gap}
        if not gap or len(widths) != 1:
            return False
        width = widths.pop()
        if len(self.pending) != width * len(gap):
            return False
        for n, row_spec in enumerate(gap):
            row = Row(row_spec, row_spec.table, values=self.pending[n * width : (n + 1) * width])
            self.reader.place(row)
        return True

    def _block(self, text: str) -> tuple[str, ...] | None:
        """The column groups of table 四 a block title names (「行政诉讼（复议后起诉）」)."""
        k = key(text)
        paths = {tuple(c.zh for c in e.column[:-1]) for e in table_cells(self.reader.version, "四")}
        named = [p for p in paths if p and key(p[-1]) in k]
        if not named:
            return None
        best = max(named, key=lambda p: len(key(p[-1])))
        return best if sum(len(key(p[-1])) == len(key(best[-1])) for p in named) == 1 else None

    def _continues(self, text: str) -> bool:
        row = self.row
        if row is None or row.spec is None:
            return False
        k = key(text)
        return any(k in c for c in row.spec.keys)

    def _unknown(self, token: Token) -> None:
        self.close()
        self.row = Row(None, self.kind or "三", label=token)

    def close(self) -> None:
        row, self.row = self.row, None
        if row is None:
            return
        reader = self.reader
        if row.spec is None and not row.implicit:
            nonblank = [v for v in row.values if v.text.strip()]
            if nonblank:
                label = row.label.text if row.label else ""
                reader.note(
                    "parse.table.unknown-row",
                    table_pointer(row.kind),
                    actual=label,
                    label=label,
                    raws=[v.text for v in nonblank],
                )
            return
        if row.spec is not None and row.spec.group_only:
            reader.ensure(row.spec.path)  # values on a group row are collected and reported
            raws = [v.text for v in row.values if v.text.strip()]
            if raws:
                reader.note(
                    "parse.table.group-values",
                    "/" + "/".join(row.spec.path),
                    actual=raws,
                    label=row.spec.label.zh,
                    raws=raws,
                )
            return
        header = self.header if row.kind == "二" else ()
        reader.place(row, header)

    def finish(self, cut: bool = False) -> None:
        """End the stream; ``cut`` when the text ends inside it (its last row is cut short)."""
        if cut and self.row is not None:
            self.row.cut = True
        self.close()
        if self.pending:
            self.reader.unplaced(self.kind or "三", "", self.pending, "no_row")
            self.pending = []
