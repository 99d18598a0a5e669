"""Reading a grid table: spans resolved, header rows labelling columns, data rows by label.

The header rows give each grid column its label path, and each data row is named by its row
label. A value goes to the catalogue cell whose row is the row's label and whose column leaf
(and, where leaves repeat as in table 四, column group) is the header's label above it. A row
whose cells do not stand in the header's columns is lined up again, or read as a flattened row.
"""

from __future__ import annotations

import functools
import re
import weakref
from collections import Counter
from collections.abc import Sequence
from typing import NamedTuple

from ... import template as _template
from ..._layout import RowSpec, Tables, table_cells, table_pointer
from ..._normalize_text import key, simplify
from ...catalogue import Entry
from ...readers.document import Cell, Table
from ...template import Version
from ..labels import MAX_LABEL_CHARS, Match, is_value, match_column, match_row
from .placement import Placement, column_leaves, label_row, note_inexact, only_groups
from .spans import Slot, cell_location, resolve_spans
from .stream import Stream
from .tokenize import Token, new_token, recognised

__all__ = ["GridReader", "grid_kind"]


def grid_kind(table: Table) -> Tables | None:
    """Which of the three tables ``table`` is, by its labels; ``None`` when none."""
    skeleton = _skeleton_of(table)
    if len(skeleton) > _MAX_PLAN_ITEMS:
        return _kind_by_votes(skeleton)
    return _kind_of(skeleton)


def _kind_by_votes(skeleton: tuple[object, ...]) -> Tables | None:
    # Blanks and values (None and True in the skeleton) vote for no table.
    votes: Counter[Tables] = Counter()
    for text in skeleton:
        if text.__class__ is str:
            found = _votes(text)
            if found:
                votes.update(found)
    if not votes:
        return None
    best, n = votes.most_common(1)[0]
    if n < 2:
        return None
    return best


#: The kind of each table layout, by its skeleton.
_kind_of = functools.lru_cache(maxsize=256)(_kind_by_votes)


@functools.lru_cache(maxsize=8192)
def _votes(text: str) -> tuple[Tables, ...]:
    """The tables a cell's text votes for: one vote per row and per column label it may be."""
    if len(text) > MAX_LABEL_CHARS or is_value(text):
        return ()
    rows = tuple(m.table for m in match_row(text) if m.quality != "approximate")
    return rows + tuple(m.table for m in match_column(text))


class _Row(NamedTuple):
    """One grid row as the reader sees it: its slots, their texts and which slots it owns."""

    kind: Tables
    slots: list[Slot | None]
    texts: list[str]
    #: The slot holds the cell that starts there (not one spanning into it from above or left).
    own: list[bool]
    r: int
    #: The table's number in the document.
    table: int


class _Plan:
    """What a header block says about each column, worked out once for the data rows under it.

    It depends on the header's texts (and the table) only, so one plan serves every table
    printed with the same header: :func:`_plan` keeps them.
    """

    __slots__ = (
        "groups",
        "headed",
        "idents",
        "last",
        "leaves",
        "units",
        "value_cols",
        "vc",
    )

    def __init__(self, above: tuple[tuple[str, ...], ...], kind: Tables) -> None:
        width = len(above)
        self.leaves = leaves = [_leaf(above[c], kind) for c in range(width)]
        self.value_cols = value_cols = [c for c in range(width) if leaves[c]]
        self.vc = frozenset(value_cols)
        self.last = value_cols[-1] if value_cols else width
        self.units = [_header_unit(above[c]) if c in self.vc else None for c in range(width)]
        self.idents = [tuple(sorted({m.ident for m in leaves[c]})) for c in range(width)]
        self.groups = [
            frozenset(
                m.ident for text in above[c] for m in match_column(text, kind) if m.kind == "group"
            )
            if c in self.vc
            else frozenset()
            for c in range(width)
        ]
        self.headed = [c > self.last and _headed(above[c]) for c in range(width)]


@functools.lru_cache(maxsize=256)
def _cached_plan(above: tuple[tuple[str, ...], ...], kind: Tables) -> _Plan:
    return _Plan(above, kind)


def _plan(header: list[list[tuple[int, str]]], kind: Tables) -> _Plan:
    """The plan of a header: each column's texts, top to bottom."""
    return _cached_plan(tuple(tuple(text for _, text in column) for column in header), kind)


class GridReader(Placement):
    """Reads grid tables into the cells that :class:`Placement` collects."""

    def grid_kind(self, table: Table) -> Tables | None:
        """Which of the three tables ``table`` is, by its labels; ``None`` when none."""
        return grid_kind(table)

    def read_grid(self, table: Table, index: int, kind: Tables | None = None) -> bool:
        """Read a grid table; ``False`` when it is not one of the three tables.

        A table whose layout was read before (the same labels, blanks, values and spans in the
        same places, under the same template version) is read by the plan that reading left
        (:class:`_TablePlan`): only its values are read again.
        """
        skeleton = _skeleton_of(table)
        if len(skeleton) > _MAX_PLAN_ITEMS:
            return self._read_grid(table, index, kind)  # no official table is this large
        cache_key = (self.version, kind, skeleton)
        plan = _PLANS.get(cache_key, _UNPLANNED)
        if plan is not _UNPLANNED:
            if isinstance(plan, _TablePlan) and plan.applies(table):
                return plan.replay(self, table, index)
            return self._read_grid(table, index, kind)
        # The first table of this layout: read it, and keep what the reading did.
        rec = self._rec = _Recording(table, len(self.findings), self.tables_read)
        objects, found = self.objects, self.found
        self.objects, self.found = set(), set()
        try:
            ok = self._read_grid(table, index, kind)
        finally:
            self._rec = None
            table_objects, table_found = self.objects, self.found
            objects |= table_objects
            found |= table_found
            self.objects, self.found = objects, found
        if len(_PLANS) >= _MAX_PLANS:
            _PLANS.clear()
        _PLANS[cache_key] = rec.plan(self, ok, table_objects, table_found)
        return ok

    def _read_grid(self, table: Table, index: int, kind: Tables | None) -> bool:
        kind = kind or self.grid_kind(table)
        if kind is None:
            return False
        self.tables_read += 1
        grid, width, cut = resolve_spans(table)
        if cut:
            self.note("parse.table.too-large", table_pointer(kind))
        self.table_seen(kind)
        stream = Stream(self, kind)
        header: list[list[tuple[int, str]]] = [[] for _ in range(width)]
        plan: _Plan | None = None
        fresh = True
        for r, row in enumerate(grid):
            texts = [""] * width
            own = [False] * width
            for c, s in enumerate(row):
                if s is not None:
                    texts[c] = s.cell.text
                    own[c] = s.row == r and s.col == c
            is_header, switch = _row_kinds(texts, own, kind)
            if is_header:
                if switch is not None and switch != kind:
                    stream.close()
                    kind = switch
                    self.table_seen(kind)
                    stream = Stream(self, kind)
                if fresh:
                    header = [[] for _ in range(width)]
                    fresh = False
                _add_header_row(header, row, texts, kind)
                plan = None
                stream.header_row(texts)
                continue
            fresh = True
            if plan is None:
                plan = _plan(header, kind)
            value_cols = plan.value_cols
            if not (kind == "四" and value_cols) and not any(t.strip() for t in texts):
                continue  # an empty row; in table 四 the one data row may be all blank
            line = _Row(kind, row, texts, own, r, index)
            if value_cols and self._aligned(line, plan):
                stream.close()
                self._grid_row(line, plan)
            elif value_cols:
                self.unplannable()
                stream.close()
                rest = self._realign(line, plan)
                if rest is not None:
                    stream.line(rest)
                    stream.close()
            else:
                self.unplannable()
                tokens = []
                started = False
                for c, s in enumerate(row):
                    if s is None or not own[c]:
                        continue
                    text = s.cell.text
                    if text.strip() and not is_value(text):
                        started = True
                    if started or text.strip():
                        loc = cell_location(s.cell.location, index, r, c)
                        tokens.append(new_token(text, loc, is_value(text)))
                stream.line(tokens)
        stream.finish()
        return True

    # -- recording a plan ---------------------------------------------------------------------

    #: What the reading of a table of a new layout did, while it is being read.
    _rec: _Recording | None = None

    def place_cell(
        self, cell: Cell, r: int, c: int, index: int, cand: _Cand, unit: str | None
    ) -> None:
        """Put the value of ``cell``, at grid row ``r`` and column ``c``, into ``cand``'s cell."""
        token = new_token(cell.text, cell_location(cell.location, index, r, c), True)
        rec = self._rec
        if rec is None:
            self.put(cand[0], cand[1], cand[2], token, unit)
            return
        rec.puts.append((*rec.positions[id(cell)], r, c, cand, unit))
        before = len(self.findings)
        self.put(cand[0], cand[1], cand[2], token, unit)
        rec.put_findings += len(self.findings) - before

    def value_label(self, slot: Slot | None, text: str) -> None:
        """A cell that reads as a value is read as a row's label (a row number, say)."""
        if self._rec is not None and slot is not None:
            self._rec.labelled.append((*self._rec.positions[id(slot.cell)], text))

    def unplannable(self) -> None:
        """The table is read in a way that depends on more than its layout."""
        if self._rec is not None:
            self._rec.plannable = False

    def _aligned(self, line: _Row, plan: _Plan) -> bool:
        """True when the row's cells stand in the header's columns.

        Not when the row is shorter than the header, a row label stands in a value column, or
        text stands to the right of the last value column where no header is (an extra cell
        has pushed the row's values out of their columns).
        """
        last = plan.last
        if line.slots[last] is None:
            return False
        vc = plan.vc
        own = line.own
        for c, text in enumerate(line.texts):
            if not own[c] or not text.strip():
                continue
            if c in vc and not is_value(text) and match_row(text):
                return False
            if c > last and not plan.headed[c]:
                return False
        return True

    def _realign(self, line: _Row, plan: _Plan) -> list[Token] | None:
        """Read a row whose cells do not stand in the header's columns.

        The cells after its row label are its values; filler cells before them and after the
        last value column are dropped. When exactly as many are left as the header has value
        columns, they fill those columns in order. Otherwise the row label and its values are
        returned, to be read as a flattened row (the sparse-row rule, or a finding).
        """
        row, texts, own, r, index = line.slots, line.texts, line.own, line.r, line.table
        value_cols = plan.value_cols
        cols = [c for c in range(len(row)) if row[c] is not None and (own[c] or texts[c].strip())]
        at = -1
        for i, c in enumerate(cols):
            text = texts[c]
            if text.strip() and not is_value(text) and match_row(text) and (own[c] or i == 0):
                at = i
        head = [c for c in cols[: at + 1] if texts[c].strip()]
        tail = [c for c in cols[at + 1 :] if own[c]]
        k = len(value_cols)
        while tail and not texts[tail[0]].strip():
            tail.pop(0)
        while len(tail) > k and not texts[tail[-1]].strip():
            tail.pop()
        # Lined up but for values right of the last header column: those keep their columns,
        # where _grid_row reports them as having no header.
        beyond = [c for c in tail if c > value_cols[-1] and texts[c].strip()]
        if len(tail) - len(beyond) == k:
            tail = [c for c in tail if c not in beyond]
        else:
            beyond = []
        if len(tail) != k:
            while tail and not texts[tail[-1]].strip():
                tail.pop()
            cells = ([head[-1]] if head and own[head[-1]] else []) + tail
            return [
                new_token(texts[c], cell_location(row[c].cell.location, index, r, c), c in tail)  # type: ignore[union-attr]  # cells come from slotted columns
                for c in cells
            ]
        vc = plan.vc
        free = [c for c in range(len(row)) if c not in vc]
        new_row: list[Slot | None] = [None] * len(row)
        new_texts = [""] * len(row)
        new_own = [False] * len(row)
        for c, h in zip(free, head[-len(free) :] if free else [], strict=False):
            slot = row[h]
            assert slot is not None
            new_row[c] = Slot(slot.cell, r, c)
            new_texts[c] = texts[h]
            new_own[c] = True
        for c, src in zip(value_cols, tail, strict=True):
            slot = row[src]
            assert slot is not None
            new_row[c] = Slot(slot.cell, r, c)
            new_texts[c] = texts[src]
            new_own[c] = True
        for c in beyond:
            slot = row[c]
            assert slot is not None
            new_row[c] = Slot(slot.cell, r, c)
            new_texts[c] = texts[c]
            new_own[c] = True
        self._grid_row(line._replace(slots=new_row, texts=new_texts, own=new_own), plan)
        return None

    def _grid_row(self, line: _Row, plan: _Plan) -> None:
        kind, row, texts, own, r, index = line
        version = self.version
        value_cols = plan.value_cols
        vc = plan.vc
        last = plan.last
        labels: list[str] = []
        for c, text in enumerate(texts):
            if c in vc or not text.strip() or (labels and labels[-1] == text):
                continue
            if c > last and is_value(text):
                continue  # a stray value right of the header, reported below; not a label
            if is_value(text):
                self.value_label(row[c], text)
            labels.append(text)
        spec, inexact, groups = _row_labels(tuple(labels), version, kind)
        if inexact is not None:
            assert spec is not None
            note_inexact(self, spec, inexact)
        if spec is None:
            nonblank = [texts[c] for c in value_cols if texts[c].strip() and own[c]]
            if kind == "四" and (not labels or all(not recognised(x) for x in labels)):
                pass  # table 四's one data row has no label
            elif nonblank:
                label = " / ".join(labels) or "(no label)"
                self.note(
                    "parse.table.unknown-row",
                    table_pointer(kind),
                    actual=label,
                    label=label,
                    raws=nonblank,
                )
                return
            else:
                return
        for path in groups:
            self.ensure(path)
        if spec is not None:
            self.ensure(spec.path)
            if spec.group_only:
                nonblank = [texts[c] for c in value_cols if texts[c].strip() and own[c]]
                if nonblank:
                    self.note(
                        "parse.table.group-values",
                        "/" + "/".join(spec.path),
                        actual=nonblank,
                        label=spec.label.zh,
                        raws=nonblank,
                    )
                return
            entries = spec.cells
        else:
            entries = table_cells(version, "四")
        used: Counter[str] | None = None
        for c, cands, token_key, unit in _columns(entries, plan):
            if not own[c]:
                continue  # a cell spanning into this column from the left or above
            if token_key is None:
                entry = cands[0] if cands else None
            else:
                # Several cells share the column's labels: they are taken in order.
                if used is None:
                    used = Counter()
                i = used[token_key]
                used[token_key] += 1
                entry = cands[i] if i < len(cands) else None
            cell = row[c].cell  # type: ignore[union-attr]  # an owned slot holds its cell
            if entry is None:
                if cell.text.strip():
                    label = labels[-1] if labels else ""
                    loc = cell_location(cell.location, index, r, c)
                    self.unplaced(kind, label, [new_token(cell.text, loc, True)], "misfit")
                continue
            self.place_cell(cell, r, c, index, entry, unit)
        stray = [
            new_token(slot.cell.text, cell_location(slot.cell.location, index, r, c), True)
            for c in range(last + 1, len(row))
            if (slot := row[c]) is not None
            and slot.row == r
            and slot.col == c
            and slot.cell.text.strip()
            and is_value(slot.cell.text)
        ]
        if stray:
            self.unplaced(
                kind,
                labels[-1] if labels else "",
                stray,
                "no_header",
            )


@functools.lru_cache(maxsize=4096)
def _row_labels(
    labels: tuple[str, ...], version: Version, kind: Tables
) -> tuple[RowSpec | None, str | None, tuple[tuple[str, ...], ...]]:
    """What a grid row's labels name: its row, by the last label that names one, and the label
    when it only approximately matched; and the row groups the labels name, in order."""
    spec: RowSpec | None = None
    inexact: str | None = None
    for text in reversed(labels):
        found, approximate = label_row(text, version, kind)
        if found is not None:
            spec, inexact = found, (text if approximate else None)
            break
    groups = []
    for text in labels:
        g = label_row(text, version, kind)[0]
        if g is not None and g.group_only:
            groups.append(g.path)
    return spec, inexact, tuple(groups)


@functools.lru_cache(maxsize=1024)
def _header_unit(texts: tuple[str, ...]) -> str | None:
    for text in texts:
        s = simplify(text)
        if "万元" in s:
            return "万元"
        if re.search(r"[(（][^)）]*元", s) or s.endswith("元"):
            return "元"
    return None


def _row_kinds(texts: list[str], own: list[bool], kind: Tables) -> tuple[bool, Tables | None]:
    """Whether a row is a header row, and the table its column labels switch to (if another).

    A header row has column labels and neither a row label nor a value; the switch is only
    worked out for a header row.
    """
    has_col = False
    tables: Counter[Tables] | None = None
    for c, text in enumerate(texts):
        if not own[c] or not text.strip():
            continue
        if is_value(text):
            return False, None
        cols = match_column(text)
        if cols:
            has_col = True
            if tables is None:
                tables = Counter()
            for m in cols:
                tables[m.table] += 1
            continue
        if match_row(text):
            return False, None
    if not has_col:
        return False, None
    assert tables is not None
    switch = None
    if kind not in tables:
        switch = tables.most_common(1)[0][0]
    return True, switch


def _add_header_row(
    header: list[list[tuple[int, str]]], row: list[Slot | None], texts: list[str], kind: Tables
) -> None:
    fill: tuple[int, str] | None = None
    for c, slot in enumerate(row):
        text = texts[c].strip()
        if slot is None or not text:
            if fill is not None:
                header[c].append(fill)
            continue
        ident = id(slot.cell)
        fill = (ident, text) if only_groups(text, kind) else None
        if header[c] and header[c][-1][0] == ident:
            continue
        header[c].append((ident, text))


def _headed(column: tuple[str, ...]) -> bool:
    """True when a column has a header of its own, not only a group header spread over it."""
    return any(not all(m.kind == "group" for m in match_column(text)) for text in column)


def _leaf(column: tuple[str, ...], kind: Tables) -> tuple[Match, ...]:
    for text in reversed(column):
        ms = column_leaves(text, kind)
        if ms:
            return ms
    return ()


def _entry_keys(entry: Entry) -> tuple[str, tuple[str, ...]]:
    return key(entry.column[-1].zh), tuple(key(lab.zh) for lab in entry.column[:-1])


_Candidates = tuple[tuple[Entry, ...], str | None]
#: A candidate cell, with its parent path and its unit.
_Cand = tuple[Entry, tuple[str, ...], str]
_Column = tuple[int, tuple[_Cand, ...], str | None, str | None]
#: (id of a row's cells, id of a plan) → (the cells, the plan, each value column's candidates).
_COLUMNS: dict[tuple[int, int], tuple[object, _Plan, list[_Column]]] = {}


def _columns(entries: Sequence[Entry], plan: _Plan) -> list[_Column]:
    """Each value column of ``plan`` with the cells of a row it may be and its header's unit.

    The cells a column may be come from its leaf labels, narrowed by the group labels above;
    several left are taken in order by the row's values under the same labels, counted under
    the key given with them (``None`` when there is one or none). The row's cells are the
    template's and the plan is cached, so both are looked up by identity.
    """
    ck = (id(entries), id(plan))
    hit = _COLUMNS.get(ck)
    if hit is not None and hit[0] is entries and hit[1] is plan:
        return hit[2]
    found: list[_Column] = []
    for c in plan.value_cols:
        cands, token_key = _resolve_candidates(entries, plan.idents[c], plan.groups[c])
        info = tuple((e, e.path[:-1], e.unit.zh if e.unit is not None else "") for e in cands)
        found.append((c, info, token_key, plan.units[c]))
    if len(_COLUMNS) >= 4096:
        _COLUMNS.clear()
    _COLUMNS[ck] = (entries, plan, found)
    return found


def _resolve_candidates(
    entries: Sequence[Entry], idents: tuple[str, ...], groups: frozenset[str]
) -> _Candidates:
    cands = [e for e in entries if key(e.column[-1].zh) in idents]
    if len(cands) > 1:
        narrowed = [e for e in cands if set(_entry_keys(e)[1]) & groups]
        best = [e for e in narrowed if set(_entry_keys(e)[1]) <= groups]
        cands = best or narrowed or cands
    if len(cands) <= 1:
        return tuple(cands), None
    return tuple(cands), "|".join(idents) + "|" + ",".join(e.pointer for e in cands)


# -- Plans: a layout read once ----------------------------------------------------------------

_ROW_END = object()


def _skeleton(table: Table) -> tuple[object, ...]:
    """The table as the reading of its layout sees it: every cell's text, a blank as ``None``
    and a value as ``True``, its spans where they are not 1, and the ends of rows.

    The grid reader looks at a value only through :func:`is_value` and whether it is blank,
    except where a value stands as a row's label (a row number): the plan keeps those texts,
    and :meth:`_TablePlan.applies` checks them.
    """
    out: list[object] = []
    append = out.append
    for row in table.rows:
        for cell in row:
            text = cell.text
            if not text.strip():
                append(None)
            else:
                append(True if is_value(text) else text)
            if cell.rowspan != 1 or cell.colspan != 1:
                append((cell.rowspan, cell.colspan))
        append(_ROW_END)
    return tuple(out)


#: id(table) → (a weak reference to the table, its skeleton): a table's kind is asked for
#: (by the items stage) just before it is read, and both need its skeleton.
_SKELETONS: dict[int, tuple[weakref.ref[Table], tuple[object, ...]]] = {}


def _skeleton_of(table: Table) -> tuple[object, ...]:
    """:func:`_skeleton`, kept for the table while it lives (up to 64 tables)."""
    hit = _SKELETONS.get(id(table))
    if hit is not None and hit[0]() is table:
        return hit[1]
    skeleton = _skeleton(table)
    if len(skeleton) <= _MAX_PLAN_ITEMS:
        if len(_SKELETONS) >= 64:
            _SKELETONS.clear()
        _SKELETONS[id(table)] = (weakref.ref(table), skeleton)
    return skeleton


#: (row, cell in row, grid row, grid column, candidate, header unit) of each value placed.
_Put = tuple[int, int, int, int, "_Cand", "str | None"]


class _Recording:
    """What the reading of one table does, while it reads it: the values it places (by the
    cells' positions), the values it reads as labels, and whether anything else happened."""

    __slots__ = ("findings", "labelled", "plannable", "positions", "put_findings", "puts", "read")

    def __init__(self, table: Table, findings: int, read: int) -> None:
        self.positions = {
            id(cell): (i, j) for i, row in enumerate(table.rows) for j, cell in enumerate(row)
        }
        self.puts: list[_Put] = []
        self.labelled: list[tuple[int, int, str]] = []
        self.plannable = True
        self.findings = findings
        self.put_findings = 0
        self.read = read

    def plan(
        self,
        reader: GridReader,
        ok: bool,
        objects: set[tuple[str, ...]],
        found: set[Tables],
    ) -> _TablePlan | None:
        """The plan, or ``None`` when the reading said more than values (a finding of its
        own, a row lined up again, a flattened row): such a table is always read in full."""
        if not self.plannable or len(reader.findings) - self.findings != self.put_findings:
            return None
        return _TablePlan(
            ok,
            reader.tables_read - self.read,
            frozenset(objects),
            frozenset(found),
            tuple(self.puts),
            tuple(self.labelled),
        )


class _TablePlan:
    """How a table of one layout is read: which cell's value goes to which catalogue cell,
    and the row objects and tables it shows. Replaying it for another table of the same
    layout does what reading that table does (the tests compare the two)."""

    __slots__ = ("found", "labelled", "objects", "ok", "puts", "read")

    def __init__(
        self,
        ok: bool,
        read: int,
        objects: frozenset[tuple[str, ...]],
        found: frozenset[Tables],
        puts: tuple[_Put, ...],
        labelled: tuple[tuple[int, int, str], ...],
    ) -> None:
        self.ok = ok
        self.read = read
        self.objects = objects
        self.found = found
        self.puts = puts
        self.labelled = labelled

    def applies(self, table: Table) -> bool:
        """True when the values read as labels are the ones the plan was made with."""
        rows = table.rows
        return all(rows[i][j].text == text for i, j, text in self.labelled)

    def replay(self, reader: GridReader, table: Table, index: int) -> bool:
        """Read ``table``, the document's table number ``index``, by the plan."""
        reader.tables_read += self.read
        reader.objects |= self.objects
        reader.found |= self.found
        rows = table.rows
        place = reader.place_cell
        for i, j, r, c, cand, unit in self.puts:
            place(rows[i][j], r, c, index, cand, unit)
        return self.ok


_UNPLANNED = object()
#: Plans kept, by template version, table kind and skeleton; all are dropped when full.
_MAX_PLANS = 256
#: The longest skeleton planned (table 三 of 2021, rendered, has 259 items): a larger table is read
#: in full each time, so that the plans kept stay small.
_MAX_PLAN_ITEMS = 1000
_PLANS: dict[tuple[object, ...], _TablePlan | None] = {}


# Registering a template version changes the labels and the rows whose cells are looked up here.
_template.on_change(_PLANS.clear)
_template.on_change(_kind_of.cache_clear)
_template.on_change(_COLUMNS.clear)
_template.on_change(_cached_plan.cache_clear)
_template.on_change(_votes.cache_clear)
_template.on_change(_row_labels.cache_clear)
