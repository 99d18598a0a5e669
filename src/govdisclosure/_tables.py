"""Reading the three statistical tables: every value into its cell, by the official labels.

Two ways in, one set of rules:

* **Grids** (HTML, Word, ruled PDF tables, Markdown-like pipe rows of equal width): spans are
  resolved, the header rows give each grid column its label path, and each data row is named by
  its row label. A value goes to the catalogue cell whose row is the row's label and whose column
  leaf (and, where leaves repeat as in table 四, column group) is the header's label above it.
* **Streams** (flattened text and unruled PDF lines): the cells of each line, in reading order.
  A row label opens a row; the values that follow fill it in the template's column order, since
  a flattened header no longer says which column is where. A row whose values are fewer than
  its columns is not spread left to right: in table 三 two values are 自然人 and 总计, one value
  is 总计 (the sparse and total-only rows of real reports), and any other count is reported and
  left unplaced.

Nothing is ever filled from position alone when labels say otherwise, and a row that cannot be
named keeps its values out of the report (they are reported as findings with their raw text).
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Literal

import attrs

from . import template as t
from ._document import Cell, Location, Table
from ._labels import (
    MAX_LABEL_CHARS,
    Match,
    RowSpec,
    Tables,
    column_specs,
    fragment,
    is_value,
    match_column,
    match_row,
    row_spec,
    table_cells,
)
from ._normalize_text import key, simplify
from ._values import Reading, read_value
from .catalogue import Entry
from .findings import Finding
from .template import VERSIONS, Version

__all__ = ["TableReader", "Token", "tokenize", "version_votes"]

#: The widest grid read; cells beyond it are ignored.
MAX_GRID_WIDTH = 200
#: The most grid slots (rows × columns, spans expanded) read from one table.
MAX_GRID_SLOTS = 400_000

_TABLE_POINTER = {"二": "/proactive_disclosure", "三": "/applications", "四": "/review_litigation"}
_TABLE_DOC = {"二": t.TABLE_PROACTIVE, "三": t.TABLE_APPLICATIONS, "四": t.TABLE_REVIEW}


@attrs.frozen
class Token:
    """One cell of a flattened line: its text, where it is, and whether it reads as a value."""

    text: str
    location: Location
    value: bool


SEPARATOR: list[Token] = []


def _recognised(text: str) -> bool:
    return bool(match_row(text) or match_column(text))


def _labels_of(pieces: list[str]) -> list[str]:
    """Space-separated label pieces as labels: 「商业 企业」 is one, 「自然人 总计」 two."""
    joined = " ".join(pieces)
    if (
        len(pieces) == 1
        or len(pieces) > 40
        or any(m.quality != "approximate" for m in match_row(joined))
        or match_column(joined)
    ):
        return [joined]
    out: list[str] = []
    i = 0
    while i < len(pieces):
        for j in range(len(pieces), i, -1):
            candidate = "".join(pieces[i:j])
            if j == i + 1 or _recognised(candidate):
                out.append(" ".join(pieces[i:j]) if j > i + 1 else candidate)
                i = j
                break
    if all(_recognised(x) or fragment(x) for x in out):
        return out
    return [joined]


def tokenize(text: str, location: Location) -> list[Token] | None:
    """The cells of a line that belongs to a flattened table, or ``None`` for prose.

    A Markdown separator row gives :data:`SEPARATOR` (an empty list).
    """
    s = text.strip().replace("｜", "|")
    if not s or len(s) > 4000:
        return None
    cells: list[str]
    if "|" in s:
        markdown = s.startswith("|")
        pieces = s.split("|")
        if markdown:
            pieces = pieces[1:]
        if pieces and not pieces[-1].strip():
            pieces = pieces[:-1]
        cells = [p.strip() for p in pieces]
        if markdown and any(cells) and all(re.fullmatch(r":?-{3,}:?", c) for c in cells if c):
            return SEPARATOR
        if not markdown:
            while cells and not cells[-1]:
                cells.pop()
        if not any(cells):
            return None
    else:
        cells = []
        odd: set[int] = set()
        label: list[str] = []
        for piece in s.split():
            if is_value(piece) or (
                # 「行政许可 约6500」: a figure with words where a value stands, after a row label
                re.search(r"\d", piece)
                and len(piece) <= 20
                and not _SENTENCE.search(piece)
                and not re.match(r"[(（]|\d{1,2}\s*[、.．]", piece)
                and not _recognised(piece)
                and not fragment(piece)
                and (cells or label)
                and _is_row_label(" ".join(label) if label else cells[-1])
            ):
                if label:
                    cells.extend(_labels_of(label))
                    label = []
                if not is_value(piece):
                    odd.add(len(cells))
                cells.append(piece)
            else:
                label.append(piece)
        if label:
            cells.extend(_labels_of(label))
    if "|" in s:
        odd = _odd_cells(cells)
    labels = [c for i, c in enumerate(cells) if c and i not in odd and not is_value(c)]
    if any(len(c) > MAX_LABEL_CHARS for c in labels):
        return None
    if labels:
        unknown = [c for c in labels if not (_recognised(c) or fragment(c))]
        # An unknown label is a table row (an extra row such as 「其他主动公开文件」) only when it
        # is short, carries no sentence, and is the only label before values of its own.
        values = sum(1 for c in cells if c.strip() and is_value(c))
        if unknown and not (
            len(unknown) == 1
            and unknown[0] == cells[0]
            and len(unknown[0]) <= 40
            and not re.search(r"[。；;！？]", unknown[0])
            and values >= (1 if "|" in s else 3)
        ):
            return None
    elif not any(cells):
        return None
    return [
        Token(c, attrs.evolve(location, column=i), i in odd or is_value(c))
        for i, c in enumerate(cells)
    ]


_SENTENCE = re.compile(r"[。；;！？]")


def _is_row_label(text: str) -> bool:
    return is_value(text) or any(m.quality != "approximate" for m in match_row(text))


def _odd_cells(cells: Sequence[str]) -> set[int]:
    """The cells of a pipe row that stand where values do but are no values (「a42」, 「见附件」).

    They follow a recognised row label, are short and carry no sentence: such a cell is a
    value cell with text in it, so it keeps its place (and is reported when it is read).
    """
    out: set[int] = set()
    anchored = False
    for i, c in enumerate(cells):
        if not c or is_value(c):
            continue
        if _is_row_label(c):
            anchored = True
            continue
        if (
            anchored
            and len(c) <= 20
            and not _SENTENCE.search(c)
            and not match_column(c)
            and not fragment(c)
        ):
            out.add(i)
    return out


def _versions_of_row(ident: str) -> tuple[Version, ...]:
    return tuple(v for v in VERSIONS if row_spec(v, ident) is not None)


def _versions_of_column(m: Match) -> tuple[Version, ...]:
    for c in column_specs(m.table):
        if c.key == m.ident:
            return c.versions
    return VERSIONS


def version_votes(texts: Iterable[str]) -> Counter[Version]:
    """Votes for each template version from the table labels among ``texts``."""
    votes: Counter[Version] = Counter()
    for text in texts:
        if not text or len(text) > MAX_LABEL_CHARS:
            continue
        for m in match_column(text):
            if m.quality in ("exact", "annotated"):
                vs = _versions_of_column(m)
                if len(vs) == 1:
                    votes[vs[0]] += 1
        for m in match_row(text):
            if m.quality in ("exact", "annotated"):
                vs = _versions_of_row(m.ident)
                if len(vs) == 1:
                    votes[vs[0]] += 1
    return votes


@attrs.frozen
class _Slot:
    cell: Cell
    row: int
    col: int


def _resolve(table: Table) -> tuple[list[list[_Slot | None]], int, bool]:
    """The table's grid with spans expanded; ``True`` when limits cut it short."""
    occupied: dict[tuple[int, int], _Slot] = {}
    n_rows = len(table.rows)
    budget = MAX_GRID_SLOTS
    cut = False
    width = 0
    for r, cells in enumerate(table.rows):
        c = 0
        for cell in cells:
            while (r, c) in occupied:
                c += 1
            if c >= MAX_GRID_WIDTH:
                cut = True
                break
            rs = max(1, min(cell.rowspan, n_rows - r))
            cs = max(1, min(cell.colspan, MAX_GRID_WIDTH - c))
            if rs * cs > budget:
                rs, cs, cut = 1, 1, True
            if budget <= 0:
                cut = True
                break
            slot = _Slot(cell, r, c)
            for dr in range(rs):
                for dc in range(cs):
                    occupied.setdefault((r + dr, c + dc), slot)
            budget -= rs * cs
            c += cs
            width = max(width, c)
        if budget <= 0:
            break
    grid = [[occupied.get((r, c)) for c in range(width)] for r in range(n_rows)]
    return grid, width, cut


@functools.lru_cache(maxsize=1024)
def _header_unit(texts: tuple[str, ...]) -> str | None:
    for text in texts:
        s = simplify(text)
        if "万元" in s:
            return "万元"
        if re.search(r"[(（][^)）]*元", s) or s.endswith("元"):
            return "元"
    return None


@attrs.define
class _Row:
    spec: RowSpec | None
    kind: Tables
    label: Token | None = None
    values: list[Token] = attrs.Factory(list)
    before: list[Token] = attrs.Factory(list)
    implicit: bool = False
    #: Values past the row's cells on the row's own line.
    overflow: list[Token] = attrs.Factory(list)

    def width(self, version: Version) -> int:
        if self.implicit:
            return len(table_cells(version, "四"))
        if self.spec is None or self.spec.group_only:
            return 10**6  # collect everything, to report it
        return len(self.spec.cells)

    def full(self, version: Version) -> bool:
        return len(self.values) >= self.width(version)


class TableReader:
    """Collects cell values, the row objects present and findings from every table found."""

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

    def note(
        self,
        rule: str,
        severity: Literal["warning", "info"],
        pointer: str,
        en: str,
        zh: str,
        actual: object = None,
    ) -> None:
        self.findings.append(
            Finding(
                rule=rule,
                severity=severity,
                pointers=(pointer,),
                message_en=en,
                message_zh=zh,
                actual=actual,
            )
        )

    def ensure(self, path: tuple[str, ...]) -> None:
        self.objects.add(path)

    def table_seen(self, kind: Tables) -> None:
        self.found.add(kind)
        self.ensure((_TABLE_POINTER[kind][1:],))

    def assign(self, entry: Entry, token: Token, header_unit: str | None = None) -> None:
        unit = entry.unit.zh if entry.unit is not None else ""
        reading = read_value(token.text, entry.kind, unit, header_unit)
        ptr = entry.pointer
        self.ensure(entry.path[:-1])
        old = self.values.get(ptr)
        if old is not None:
            if old[0].value is None and reading.value is not None:
                self.values[ptr] = (reading, token)
            elif reading.value is not None and old[0].value != reading.value:
                self.note(
                    "parse.table.duplicate_cell",
                    "warning",
                    ptr,
                    f"the cell is printed twice with different values ({old[1].text!r} "
                    f"and {token.text!r}); the first is kept",
                    f"该单元格出现两次且数值不同（「{old[1].text}」与「{token.text}」），保留前者",
                    token.text,
                )
            return
        self.values[ptr] = (reading, token)
        if reading.problem is not None:
            rule, severity, en, zh = reading.problem
            self.note(rule, severity, ptr, en, zh, token.text)  # type: ignore[arg-type]

    def unplaced(
        self, kind: Tables, label: str, values: Sequence[Token], why_en: str, why_zh: str
    ) -> None:
        raws = [v.text for v in values]
        self.note(
            "parse.table.unplaced",
            "warning",
            _TABLE_POINTER[kind],
            f"{why_en}: row {label!r}, values {raws}",
            f"{why_zh}：行「{label}」，数值 {raws}",
            raws,
        )

    def place(self, row: _Row, header: Sequence[Sequence[Match]] = ()) -> None:
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
                f"{len(every)} values for {len(row.spec.cells)} cells on one line",
                f"一行有 {len(every)} 个数值，而该行只有 {len(row.spec.cells)} 格",
            )
            return
        values = row.values or row.before
        if row.values and row.before and any(v.text.strip() for v in row.before):
            self.unplaced(
                row.kind,
                row.label.text if row.label else "",
                row.before,
                "values before a row label that has values of its own",
                "行标签前另有一组数值",
            )
        if row.implicit:
            entries: Sequence[Entry] = table_cells(version, "四")
            label = ""
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
            ordered = _order_by_header(entries, header)
            if ordered is not None:
                entries = ordered
        if n == width:
            for entry, token in zip(entries, values, strict=True):
                self.assign(entry, token)
            return
        if row.kind == "三" and n in (1, 2) and width == 7:
            picked = (entries[0], entries[-1]) if n == 2 else (entries[-1],)
            for entry, token in zip(picked, values, strict=True):
                self.assign(entry, token)
            names = "、".join(e.column[-1].zh for e in picked)
            self.note(
                "parse.table.sparse_row",
                "warning",
                entries[-1].pointer.rsplit("/", 1)[0],
                f"row {label!r} prints {n} of 7 values; read as {names}, the others left blank",
                f"行「{label}」只列出 {n} 个数值，按「{names}」读取，其余留空",
                [v.text for v in values],
            )
            return
        if n > width:
            for entry, token in zip(entries, values[:width], strict=True):
                self.assign(entry, token)
            self.unplaced(
                row.kind, label, values[width:], "extra values after a row", "行末多出数值"
            )
            return
        if all(not v.text.strip() for v in values):
            return
        self.unplaced(
            row.kind,
            label,
            values,
            f"{n} values for {width} columns cannot be placed by label",
            f"{width} 列只有 {n} 个数值，无法按标签对应",
        )

    # -- grids --------------------------------------------------------------------------------

    def grid_kind(self, table: Table) -> Tables | None:
        """Which of the three tables ``table`` is, by its labels; ``None`` when none."""
        votes: Counter[Tables] = Counter()
        for row in table.rows:
            for cell in row:
                text = cell.text
                if not text or len(text) > MAX_LABEL_CHARS or is_value(text):
                    continue
                for m in match_row(text):
                    if m.quality != "approximate":
                        votes[m.table] += 1
                for m in match_column(text):
                    votes[m.table] += 1
        if not votes:
            return None
        best, n = votes.most_common(1)[0]
        if n < 2:
            return None
        return best

    def read_grid(self, table: Table, index: int, kind: Tables | None = None) -> bool:
        """Read a grid table; ``False`` when it is not one of the three tables."""
        kind = kind or self.grid_kind(table)
        if kind is None:
            return False
        self.tables_read += 1
        grid, width, cut = _resolve(table)
        if cut:
            self.note(
                "parse.table.too_large",
                "warning",
                _TABLE_POINTER[kind],
                "the table is larger than the reader's limits; only part of it was read",
                "表格超出读取上限，只读取了一部分",
            )
        self.table_seen(kind)
        stream = _Stream(self, kind)
        header: list[list[tuple[int, str]]] = [[] for _ in range(width)]
        fresh = True
        for r, row in enumerate(grid):
            texts = [(s.cell.text if s is not None else "") for s in row]
            own = [s is not None and s.row == r and s.col == c for c, s in enumerate(row)]
            kinds_here = _row_kinds(texts, own, kind)
            if kinds_here.header:
                if kinds_here.switch is not None and kinds_here.switch != kind:
                    stream.close()
                    kind = kinds_here.switch
                    self.table_seen(kind)
                    stream = _Stream(self, kind)
                if fresh:
                    header = [[] for _ in range(width)]
                    fresh = False
                _add_header_row(header, row, texts, kind)
                stream.header_row(texts)
                continue
            fresh = True
            leaves = [_leaf(header[c], kind) for c in range(width)]
            value_cols = [c for c in range(width) if leaves[c]]
            if not any(t.strip() for t in texts) and not (kind == "四" and value_cols):
                continue  # an empty row; in table 四 the one data row may be all blank
            if value_cols and self._aligned(row, texts, own, value_cols, r, header):
                stream.close()
                self._grid_row(kind, row, texts, own, header, leaves, value_cols, r, index)
            elif value_cols:
                stream.close()
                rest = self._realign(kind, row, texts, own, header, leaves, value_cols, r, index)
                if rest is not None:
                    stream.line(rest)
                    stream.close()
            else:
                tokens = []
                started = False
                for c, s in enumerate(row):
                    if s is None or not own[c]:
                        continue
                    text = s.cell.text
                    if text.strip() and not is_value(text):
                        started = True
                    if started or text.strip():
                        loc = _at(s.cell.location, index, r, c)
                        tokens.append(Token(text, loc, is_value(text)))
                stream.line(tokens)
        stream.finish()
        return True

    def _aligned(
        self,
        row: list[_Slot | None],
        texts: list[str],
        own: list[bool],
        value_cols: list[int],
        r: int,
        header: list[list[tuple[int, str]]],
    ) -> bool:
        """True when the row's cells stand in the header's columns.

        Not when the row is shorter than the header, a row label stands in a value column, or
        text stands to the right of the last value column where no header is (an extra cell
        has pushed the row's values out of their columns).
        """
        if row[value_cols[-1]] is None:
            return False
        vc = set(value_cols)
        last = value_cols[-1]
        for c, text in enumerate(texts):
            if not own[c] or not text.strip():
                continue
            if c in vc and not is_value(text) and match_row(text):
                return False
            if c > last and not _headed(header[c]):
                return False
        return True

    def _realign(
        self,
        kind: Tables,
        row: list[_Slot | None],
        texts: list[str],
        own: list[bool],
        header: list[list[tuple[int, str]]],
        leaves: list[tuple[Match, ...]],
        value_cols: list[int],
        r: int,
        index: int,
    ) -> list[Token] | None:
        """Read a row whose cells do not stand in the header's columns.

        The cells after its row label are its values; filler cells before them and after the
        last value column are dropped. When exactly as many are left as the header has value
        columns, they fill those columns in order. Otherwise the row label and its values are
        returned, to be read as a flattened row (the sparse-row rule, or a finding).
        """
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
                Token(texts[c], _at(row[c].cell.location, index, r, c), c in tail)  # type: ignore[union-attr]
                for c in cells
            ]
        vc = set(value_cols)
        free = [c for c in range(len(row)) if c not in vc]
        new_row: list[_Slot | None] = [None] * len(row)
        new_texts = [""] * len(row)
        new_own = [False] * len(row)
        for c, h in zip(free, head[-len(free) :] if free else [], strict=False):
            slot = row[h]
            assert slot is not None
            new_row[c] = _Slot(slot.cell, r, c)
            new_texts[c] = texts[h]
            new_own[c] = True
        for c, src in zip(value_cols, tail, strict=True):
            slot = row[src]
            assert slot is not None
            new_row[c] = _Slot(slot.cell, r, c)
            new_texts[c] = texts[src]
            new_own[c] = True
        for c in beyond:
            slot = row[c]
            assert slot is not None
            new_row[c] = _Slot(slot.cell, r, c)
            new_texts[c] = texts[c]
            new_own[c] = True
        self._grid_row(kind, new_row, new_texts, new_own, header, leaves, value_cols, r, index)
        return None

    def _grid_row(
        self,
        kind: Tables,
        row: list[_Slot | None],
        texts: list[str],
        own: list[bool],
        header: list[list[tuple[int, str]]],
        leaves: list[tuple[Match, ...]],
        value_cols: list[int],
        r: int,
        index: int,
    ) -> None:
        version = self.version
        vc = set(value_cols)
        last = value_cols[-1] if value_cols else len(row)
        labels: list[str] = []
        for c, text in enumerate(texts):
            if c in vc or not text.strip() or (labels and labels[-1] == text):
                continue
            if c > last and is_value(text):
                continue  # a stray value right of the header, reported below; not a label
            labels.append(text)
        spec: RowSpec | None = None
        for text in reversed(labels):
            found = _pick_row(text, version, kind, self)
            if found is not None:
                spec = found
                break
        if spec is None:
            nonblank = [texts[c] for c in value_cols if texts[c].strip() and own[c]]
            if kind == "四" and (not labels or all(not _recognised(x) for x in labels)):
                pass  # table 四's one data row has no label
            elif nonblank:
                label = " / ".join(labels) or "(no label)"
                self.note(
                    "parse.table.unknown_row",
                    "warning",
                    _TABLE_POINTER[kind],
                    f"row label not recognised: {label!r}; its values {nonblank} were not read",
                    f"无法识别的行标签「{label}」，其数值 {nonblank} 未读取",
                    label,
                )
                return
            else:
                return
        for text in labels:
            g = _pick_row(text, version, kind)
            if g is not None and g.group_only:
                self.ensure(g.path)
        if spec is not None:
            self.ensure(spec.path)
            if spec.group_only:
                nonblank = [texts[c] for c in value_cols if texts[c].strip() and own[c]]
                if nonblank:
                    self.note(
                        "parse.table.group_values",
                        "warning",
                        "/" + "/".join(spec.path),
                        f"values on the group row {spec.label.zh!r} were not read: {nonblank}",
                        f"分组行「{spec.label.zh}」上的数值未读取：{nonblank}",
                        nonblank,
                    )
                return
            entries = spec.cells
        else:
            entries = table_cells(version, "四")
        used: Counter[str] = Counter()
        for c in value_cols:
            slot = row[c]
            if slot is None or slot.row != r or slot.col != c:
                continue
            texts_above = [text for _, text in header[c]]
            entry = _resolve_entry(entries, leaves[c], texts_above, used, kind)
            loc = _at(slot.cell.location, index, r, c)
            token = Token(slot.cell.text, loc, True)
            if entry is None:
                if slot.cell.text.strip():
                    label = labels[-1] if labels else ""
                    self.unplaced(
                        kind,
                        label,
                        [token],
                        "a value under a header that does not fit the row",
                        "数值所在列与该行不符",
                    )
                continue
            self.assign(entry, token, _header_unit(tuple(texts_above)))
        stray = [
            Token(slot.cell.text, _at(slot.cell.location, index, r, c), True)
            for c, slot in enumerate(row)
            if c > last
            and slot is not None
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
                "values in columns without a header",
                "数值所在列没有表头",
            )

    # -- streams ------------------------------------------------------------------------------

    def read_stream(self, lines: Sequence[list[Token]]) -> None:
        """Read the lines of a flattened table (one or several tables in a row)."""
        self.tables_read += 1
        stream = _Stream(self, None)
        for tokens in lines:
            stream.line(tokens)
        stream.finish()


@attrs.frozen
class _RowKinds:
    header: bool
    switch: Tables | None


def _row_kinds(texts: list[str], own: list[bool], kind: Tables) -> _RowKinds:
    has_col = False
    has_row = False
    has_value = False
    tables: Counter[Tables] = Counter()
    for c, text in enumerate(texts):
        if not own[c] or not text.strip():
            continue
        if is_value(text):
            has_value = True
            continue
        cols = match_column(text)
        if cols:
            has_col = True
            for m in cols:
                tables[m.table] += 1
            continue
        if match_row(text):
            has_row = True
    switch = None
    if tables and kind not in tables:
        switch = tables.most_common(1)[0][0]
    return _RowKinds(has_col and not has_row and not has_value, switch)


def _add_header_row(
    header: list[list[tuple[int, str]]], row: list[_Slot | None], texts: list[str], kind: Tables
) -> None:
    fill: tuple[int, str] | None = None
    for c, slot in enumerate(row):
        text = texts[c].strip()
        if slot is None or not text:
            if fill is not None:
                header[c].append(fill)
            continue
        ident = id(slot.cell)
        ms = match_column(text, kind)
        fill = (ident, text) if ms and all(m.kind == "group" for m in ms) else None
        if header[c] and header[c][-1][0] == ident:
            continue
        header[c].append((ident, text))


def _headed(column: list[tuple[int, str]]) -> bool:
    """True when a column has a header of its own, not only a group header spread over it."""
    return any(not all(m.kind == "group" for m in match_column(text)) for _, text in column)


def _leaf(column: list[tuple[int, str]], kind: Tables) -> tuple[Match, ...]:
    for _, text in reversed(column):
        ms = tuple(m for m in match_column(text, kind) if m.kind == "column")
        if ms:
            return ms
    return ()


def _entry_keys(entry: Entry) -> tuple[str, tuple[str, ...]]:
    return key(entry.column[-1].zh), tuple(key(lab.zh) for lab in entry.column[:-1])


def _resolve_entry(
    entries: Sequence[Entry],
    leaf: tuple[Match, ...],
    texts_above: Sequence[str],
    used: Counter[str],
    kind: Tables,
) -> Entry | None:
    idents = {m.ident for m in leaf}
    cands = [e for e in entries if key(e.column[-1].zh) in idents]
    if not cands:
        return None
    if len(cands) > 1:
        groups = {
            m.ident for text in texts_above for m in match_column(text, kind) if m.kind == "group"
        }
        narrowed = [e for e in cands if set(_entry_keys(e)[1]) & groups]
        best = [e for e in narrowed if set(_entry_keys(e)[1]) <= groups]
        cands = best or narrowed or cands
    if len(cands) == 1:
        return cands[0]
    token = "|".join(sorted(idents)) + "|" + ",".join(e.pointer for e in cands)
    i = used[token]
    used[token] += 1
    return cands[i] if i < len(cands) else None


def _order_by_header(
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


def _pick_row(
    text: str, version: Version, kind: Tables | None, reader: TableReader | None = None
) -> RowSpec | None:
    if not text.strip() or len(text) > MAX_LABEL_CHARS:
        return None
    ms = match_row(text, version)
    if kind is not None:
        same = [m for m in ms if m.table == kind]
        ms = tuple(same) if same else ms
    if len(ms) != 1:
        return None
    spec = row_spec(version, ms[0].ident)
    if spec is not None and reader is not None and ms[0].quality in ("approximate", "truncated"):
        reader.note(
            "parse.table.label_approximate",
            "info",
            "/" + "/".join(spec.path),
            f"the row label {text!r} differs from the official {spec.label.zh!r}; "
            "read as that row by its number and wording",
            f"行标签「{text}」与官方标签「{spec.label.zh}」不一致，按其序号和文字读作该行",
            text,
        )
    return spec


class _Stream:
    """The row assembler for flattened lines: label tokens open rows, values fill them."""

    def __init__(self, reader: TableReader, kind: Tables | None) -> None:
        self.reader = reader
        self.kind: Tables | None = kind
        self.row: _Row | None = None
        #: The row opened on the line being read, if any.
        self.opened: _Row | None = None
        self.pending: list[Token] = []
        self.header: list[tuple[Match, ...]] = []
        self.in_header = False

    def header_row(self, texts: Sequence[str]) -> None:
        """A grid header row: reset the stream's header for table 二's block order."""
        self.close()
        if not self.in_header:
            self.header = []
            self.in_header = True
        for text in texts:
            ms = tuple(m for m in match_column(text, self.kind) if m.kind == "column")
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
                    self.row = _Row(None, "四", implicit=True)
                    self.reader.table_seen("四")
                else:
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
        numbered = bool(re.match(r"\s*(?:[(（]|[一二三四五六七八九十\d]{1,3}\s*[、.．,，])", text))
        if rows and (not cols or value_follows or numbered):
            spec = _pick_row(text, version, self.kind, self.reader)
            if spec is None:
                if any(m.quality == "truncated" for m in rows) and self._continues(text):
                    return
                self._unknown(token)
                return
            self.close()
            self.in_header = False
            self.kind = spec.table
            self.reader.table_seen(spec.table)
            self.row = self.opened = _Row(spec, spec.table, label=token)
            if self.pending and not spec.group_only:
                self.row.before = self.pending[: len(spec.cells)]
                if len(self.pending) > len(spec.cells):
                    self.reader.unplaced(
                        spec.table,
                        text,
                        self.pending[len(spec.cells) :],
                        "values with no row",
                        "没有行标签的数值",
                    )
                self.pending = []
            return
        if cols:
            self.close()
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
            return  # a piece of a label that wrapped onto its own line
        self._unknown(token)

    def _continues(self, text: str) -> bool:
        row = self.row
        if row is None or row.spec is None:
            return False
        k = key(text)
        return any(k in c for c in row.spec.keys)

    def _unknown(self, token: Token) -> None:
        self.close()
        self.row = _Row(None, self.kind or "三", label=token)

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
                    "parse.table.unknown_row",
                    "warning",
                    _TABLE_POINTER[row.kind],
                    f"row label not recognised: {label!r}; its values "
                    f"{[v.text for v in nonblank]} were not read",
                    f"无法识别的行标签「{label}」，其数值 {[v.text for v in nonblank]} 未读取",
                    label,
                )
            return
        if row.spec is not None and row.spec.group_only:
            reader.ensure(row.spec.path)  # values on a group row are collected and reported
            raws = [v.text for v in row.values if v.text.strip()]
            if raws:
                reader.note(
                    "parse.table.group_values",
                    "warning",
                    "/" + "/".join(row.spec.path),
                    f"values on the group row {row.spec.label.zh!r} were not read: {raws}",
                    f"分组行「{row.spec.label.zh}」上的数值未读取：{raws}",
                    raws,
                )
            return
        header = self.header if row.kind == "二" else ()
        reader.place(row, header)

    def finish(self) -> None:
        self.close()
        if self.pending:
            self.reader.unplaced(
                self.kind or "三", "", self.pending, "values with no row", "没有行标签的数值"
            )
            self.pending = []


def table_missing(kind: Tables) -> Finding:
    """The finding for a table the document does not contain."""
    doc = _TABLE_DOC[kind]
    return Finding(
        rule="parse.table.missing",
        severity="warning",
        pointers=(_TABLE_POINTER[kind],),
        message_en=f"table {kind} ({doc.label.en}) is missing: no table with its labels was "
        "found, so it is null, not zeros",
        message_zh=f"表{kind}（{doc.citation}）缺失：未找到带有其标签的表格，"
        "记为空（null），而非 0",
    )


def table_pointer(kind: Tables) -> str:
    """The JSON Pointer of a table."""
    return _TABLE_POINTER[kind]


def _at(location: Location, table: int, row: int, column: int) -> Location:
    """A cell's location in its table's grid; the reader's table number wins when it set one."""
    return Location(
        line=location.line,
        page=location.page,
        table=location.table if location.table is not None else table,
        row=row,
        column=column,
    )
