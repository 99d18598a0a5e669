"""Test fixtures in the real layouts: the three 2021 tables as grids, and PDFs made from them.

The layouts are data (:func:`table_2`, :func:`table_3`, :func:`table_4`: cells with their grid
positions and spans, labels read from :mod:`govdisclosure.template`), so the PDF tests, the
.docx tests and the end-to-end tests all check against the same source. The PDFs are drawn
with reportlab's built-in CID font STSong-Light, which needs no font file (the PDF does not embed
it); the reader reads its text back exactly.

* :func:`ruled_pdf`: the tables drawn with ruling lines and merged cells, like a report exported
  from Word; table 三 runs over a page break (its last row on the next page), and the leaf
  headers of table 四 are typeset vertically, one character per line.
* :func:`text_pdf`: the same report with no ruling lines, typeset like real scanned-to-text
  reports: one row per line, the header of 表四 typeset vertically, narrow header cells of 表三
  wrapped, a wrapped label with its values beside its first line, and a wrapped label whose
  values are printed on the line before it.
"""

from __future__ import annotations

import io
import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from govdisclosure import template as t

FONT = "STSong-Light"
PAGE_WIDTH, PAGE_HEIGHT = 595.0, 842.0
LEFT = 42.0
TOP = 60.0

TITLE = "某市某局2023年政府信息公开工作年度报告"
INTRO = (
    "本报告依据《中华人民共和国政府信息公开条例》编制，",
    "所列数据的统计期限自2023年1月1日起至2023年12月31日止。",
)
OVERVIEW = "2023年，我局认真贯彻落实政府信息公开工作要求。"
ISSUES = "存在的主要问题是公开内容不够全面，下一步将加强培训。"
OTHER = "本年度未收取信息处理费。"


@dataclass(frozen=True)
class GridCell:
    """One cell of a layout: its grid position, spans and text."""

    row: int
    column: int
    rowspan: int
    colspan: int
    text: str
    #: Typeset one character per line.
    vertical: bool = False


# -- The values ------------------------------------------------------------------------------

#: Table 二 (2021): (row label, values) per block; "" is a blank cell.
TABLE_2_VALUES: dict[str, tuple[str, ...]] = {
    t.ROW_REGULATIONS.label.zh: ("0", "0", "0"),
    t.ROW_NORMATIVE_2021.label.zh: ("3", "1", "12"),
    t.ROW_LICENSING.label.zh: ("25",),
    t.ROW_PENALTY.label.zh: ("7",),
    t.ROW_COERCION.label.zh: ("",),
    t.ROW_FEES.label.zh: ("0.35",),
}


def _applicant_rows() -> dict[str, tuple[int, ...]]:
    """Consistent table 三 values keyed by row: every row and column adds up.

    The columns: 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计.
    """
    rows: dict[str, list[int]] = {}

    def put(key: str, *values: int) -> None:
        rows[key] = [*values, sum(values)]

    put("new", 14, 3, 0, 1, 2, 0)
    put("carried", 1, 0, 0, 0, 0, 0)
    put("disclosed", 5, 2, 0, 1, 0, 0)
    put("partial", 2, 0, 0, 0, 1, 0)
    put("secret", 1, 0, 0, 0, 0, 0)
    put("not_held", 3, 1, 0, 0, 0, 0)
    put("petition", 1, 0, 0, 0, 0, 0)
    put("not_supplemented", 1, 0, 0, 0, 0, 0)
    put("forward", 2, 0, 0, 0, 1, 0)
    zero = [0] * 7
    keys = ("disclosed", "partial", "secret", "not_held", "petition", "not_supplemented")
    total = [sum(rows[k][i] for k in keys) for i in range(7)]
    return {k: tuple(v) for k, v in rows.items()} | {"zero": tuple(zero), "total": tuple(total)}


APPLICANTS = _applicant_rows()

#: Table 三 (2021) data rows: (group labels, row label, values key), in order.
TABLE_3_ROWS: tuple[tuple[tuple[str, ...], str, str], ...] = (
    ((), t.ROW_NEW.label.zh, "new"),
    ((), t.ROW_CARRIED_OVER.label.zh, "carried"),
    ((t.ROW_OUTCOMES.label.zh,), t.ROW_DISCLOSED.label.zh, "disclosed"),
    ((t.ROW_OUTCOMES.label.zh,), t.ROW_PARTIAL.label.zh, "partial"),
    *(
        ((t.ROW_OUTCOMES.label.zh, t.ROW_WITHHELD.label.zh), node.label.zh, key)
        for node, key in (
            (t.ROW_STATE_SECRET, "secret"),
            (t.ROW_PROHIBITED, "zero"),
            (t.ROW_SECURITY, "zero"),
            (t.ROW_THIRD_PARTY, "zero"),
            (t.ROW_INTERNAL, "zero"),
            (t.ROW_PROCESS, "zero"),
            (t.ROW_ENFORCEMENT, "zero"),
            (t.ROW_INQUIRY, "zero"),
        )
    ),
    *(
        ((t.ROW_OUTCOMES.label.zh, t.ROW_UNAVAILABLE.label.zh), node.label.zh, key)
        for node, key in (
            (t.ROW_NOT_HELD, "not_held"),
            (t.ROW_NEEDS_CREATION, "zero"),
            (t.ROW_STILL_UNCLEAR, "zero"),
        )
    ),
    *(
        ((t.ROW_OUTCOMES.label.zh, t.ROW_NOT_PROCESSED.label.zh), node.label.zh, key)
        for node, key in (
            (t.ROW_PETITION, "petition"),
            (t.ROW_REPEATED, "zero"),
            (t.ROW_PUBLICATIONS, "zero"),
            (t.ROW_EXCESSIVE, "zero"),
            (t.ROW_CONFIRMATION, "zero"),
        )
    ),
    *(
        ((t.ROW_OUTCOMES.label.zh, t.ROW_OTHER_HANDLING_2021.label.zh), node.label.zh, key)
        for node, key in (
            (t.ROW_NOT_SUPPLEMENTED, "not_supplemented"),
            (t.ROW_FEE_UNPAID, "zero"),
            (t.ROW_OTHER_OTHER, "zero"),
        )
    ),
    ((t.ROW_OUTCOMES.label.zh,), t.ROW_OUTCOME_TOTAL.label.zh, "total"),
    ((), t.ROW_CARRIED_FORWARD.label.zh, "forward"),
)

#: Table 四: 行政复议, 未经复议直接起诉, 复议后起诉; each 结果维持 … 总计.
TABLE_4_VALUES: tuple[int, ...] = (1, 0, 0, 1, 2, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0)

CASE_COLUMNS = (t.UPHELD, t.CORRECTED, t.OTHER_RESULT, t.PENDING, t.CASE_TOTAL)
LEGAL_PERSON_COLUMNS: tuple[t.Column, ...]
LEGAL_PERSON_COLUMNS = (t.COMMERCIAL, t.RESEARCH, t.SOCIAL_WELFARE, t.LEGAL_SERVICE)
LEGAL_PERSON_COLUMNS += (t.OTHER_APPLICANT,)


def _text(value: int | str) -> str:
    return str(value)


# -- The layouts as grids --------------------------------------------------------------------


def table_2() -> list[GridCell]:
    """Table 二 (2021): a 4-column grid of four blocks, each with a title row across."""
    cells: list[GridCell] = []
    blocks = (
        (t.ART20_1, (t.ISSUED, t.REPEALED, t.IN_FORCE), (t.ROW_REGULATIONS, t.ROW_NORMATIVE_2021)),
        (t.ART20_5, (t.DECISIONS,), (t.ROW_LICENSING,)),
        (t.ART20_6, (t.DECISIONS,), (t.ROW_PENALTY, t.ROW_COERCION)),
        (t.ART20_8, (t.FEE_AMOUNT,), (t.ROW_FEES,)),
    )
    row = 0
    for title, columns, nodes in blocks:
        cells.append(GridCell(row, 0, 1, 4, title.zh))
        row += 1
        span = 3 // len(columns)
        cells.append(GridCell(row, 0, 1, 1, t.INFO_CONTENT.zh))
        cells.extend(
            GridCell(row, 1 + i * span, 1, span, c.label.zh) for i, c in enumerate(columns)
        )
        row += 1
        for node in nodes:
            cells.append(GridCell(row, 0, 1, 1, node.label.zh))
            values = TABLE_2_VALUES[node.label.zh]
            cells.extend(GridCell(row, 1 + i * span, 1, span, v) for i, v in enumerate(values))
            row += 1
    return cells


def table_3() -> list[GridCell]:
    """Table 三 (2021): three header rows under the note, then 25 data rows in 3 label columns."""
    cells = [
        GridCell(0, 0, 3, 3, t.APPLICATIONS_NOTE.zh),
        GridCell(0, 3, 1, 7, t.APPLICANTS.zh),
        GridCell(1, 3, 2, 1, t.NATURAL_PERSON.label.zh),
        GridCell(1, 4, 1, 5, t.LEGAL_PERSONS.zh),
        GridCell(1, 9, 2, 1, t.APPLICANT_TOTAL.label.zh),
        *(GridCell(2, 4 + i, 1, 1, c.label.zh) for i, c in enumerate(LEGAL_PERSON_COLUMNS)),
    ]
    seen: set[tuple[int, str]] = set()
    for index, (groups, label, key) in enumerate(TABLE_3_ROWS):
        row = 3 + index
        for depth, group in enumerate(groups):
            if (depth, group) not in seen:
                seen.add((depth, group))
                span = sum(1 for g, _, _ in TABLE_3_ROWS if len(g) > depth and g[depth] == group)
                cells.append(GridCell(row, depth, span, 1, group))
        cells.append(GridCell(row, len(groups), 1, 3 - len(groups), label))
        cells.extend(GridCell(row, 3 + i, 1, 1, _text(v)) for i, v in enumerate(APPLICANTS[key]))
    return cells


def table_4(*, vertical: bool = True) -> list[GridCell]:
    """Table 四: 行政复议 (5 leaves spanning two header rows) and 行政诉讼 (two groups of 5)."""
    cells = [
        GridCell(0, 0, 1, 5, t.REVIEW.zh),
        GridCell(0, 5, 1, 10, t.LITIGATION.zh),
        *(GridCell(1, i, 2, 1, c.label.zh, vertical) for i, c in enumerate(CASE_COLUMNS)),
        GridCell(1, 5, 1, 5, t.GROUP_DIRECT_SUIT.label.zh),
        GridCell(1, 10, 1, 5, t.GROUP_SUIT_AFTER_REVIEW.label.zh),
        *(GridCell(2, 5 + i, 1, 1, c.label.zh, vertical) for i, c in enumerate(CASE_COLUMNS * 2)),
        *(GridCell(3, i, 1, 1, _text(v)) for i, v in enumerate(TABLE_4_VALUES)),
    ]
    return cells


#: Column widths (points) of the ruled layouts.
WIDTHS_2 = (130.0, 128.0, 128.0, 125.0)
WIDTHS_3 = (48.0, 62.0, 150.0, *(36.0,) * 7)
WIDTHS_4 = (34.0,) * 15


# -- Drawing ---------------------------------------------------------------------------------


class _Writer:
    """A top-down page writer over a reportlab canvas; it prints page numbers in the footer."""

    def __init__(self) -> None:
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.cidfonts import UnicodeCIDFont
        from reportlab.pdfgen.canvas import Canvas

        if FONT not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(UnicodeCIDFont(FONT))
        self.buffer = io.BytesIO()
        self.canvas = Canvas(self.buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), invariant=1)
        self.y = TOP  # distance from the top of the page
        self.page = 1

    def width(self, text: str, size: float) -> float:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        return float(stringWidth(text, FONT, size))

    def put(self, x: float, top: float, text: str, size: float) -> None:
        """Draw text whose glyph box starts ``top`` points below the top of the page."""
        self.canvas.setFont(FONT, size)
        self.canvas.drawString(x, PAGE_HEIGHT - top - size * 0.88, text)

    def put_centred(self, centre: float, top: float, text: str, size: float) -> None:
        self.put(centre - self.width(text, size) / 2, top, text, size)

    def line(self, text: str, size: float = 10.5, *, x: float = LEFT, after: float = 1.6) -> None:
        self.put(x, self.y, text, size)
        self.y += size * after

    def placed(self, items: Sequence[tuple[float, str]], size: float = 9.0) -> None:
        """One line of texts, each centred on its x position."""
        for centre, text in items:
            if text:
                self.put_centred(centre, self.y, text, size)
        self.y += size * 1.5

    def new_page(self) -> None:
        self.put_centred(PAGE_WIDTH / 2, PAGE_HEIGHT - 40, f"- {self.page} -", 9)
        self.canvas.showPage()
        self.page += 1
        self.y = TOP

    def ruled(self, widths: Sequence[float], cells: Sequence[GridCell], size: float = 7.5) -> None:
        """Draw a ruled table: every cell boxed, its text wrapped (or stacked) and centred."""
        lead = size * 1.25
        pad = 2.5
        xs = [LEFT]
        for w in widths:
            xs.append(xs[-1] + w)
        rows = max(c.row + c.rowspan for c in cells)
        heights = [14.0] * rows
        layout = {
            c: self._wrap(c, xs[c.column + c.colspan] - xs[c.column] - 2 * pad, size) for c in cells
        }
        for c in sorted(cells, key=lambda c: c.rowspan):
            need = len(layout[c]) * lead + 2 * pad
            have = sum(heights[c.row : c.row + c.rowspan])
            if need > have:
                heights[c.row + c.rowspan - 1] += need - have
        ys = [self.y]
        for h in heights:
            ys.append(ys[-1] + h)
        self.canvas.setLineWidth(0.6)
        for c in cells:
            x0, x1 = xs[c.column], xs[c.column + c.colspan]
            y0, y1 = ys[c.row], ys[c.row + c.rowspan]
            self.canvas.rect(x0, PAGE_HEIGHT - y1, x1 - x0, y1 - y0)
            lines = layout[c]
            top = (y0 + y1) / 2 - len(lines) * lead / 2 + (lead - size) / 2
            for i, text in enumerate(lines):
                self.put_centred((x0 + x1) / 2, top + i * lead, text, size)
        self.y = ys[-1] + 12

    def _wrap(self, cell: GridCell, width: float, size: float) -> list[str]:
        if not cell.text:
            return []
        if cell.vertical:
            return list(cell.text)
        lines = [""]
        for ch in cell.text:
            if lines[-1] and self.width(lines[-1] + ch, size) > width:
                lines.append("")
            lines[-1] += ch
        return lines

    def finish(self) -> bytes:
        self.put_centred(PAGE_WIDTH / 2, PAGE_HEIGHT - 40, f"- {self.page} -", 9)
        self.canvas.showPage()
        self.canvas.save()
        return self.buffer.getvalue()


def _narrative_start(w: _Writer, *, spaced: bool = False) -> None:
    w.line(TITLE, 14, x=LEFT + 90, after=2.0)
    if spaced:
        _spaced_preamble(w)
    else:
        for line in INTRO:
            w.line(line)
    w.line(t.SECTION_OVERVIEW.zh)
    w.line(OVERVIEW)
    w.line(t.SECTION_PROACTIVE.zh)


#: The preamble of :func:`_spaced_preamble`: its lines as printed, and as the reader gives them.
SPACED_PREAMBLE = (
    "本报告依据《中华人民共和国政府信息公开条例》编制，所列数据的统计期限自 2023 年 1 月 1 日",
    "起至 2023 年 12 月 31 日止。如有疑问，请联系本局办公室（地址：某市某路 1",
    "号，邮编：000000，电话：0000-0000000）。",
)
SPACED_PREAMBLE_READ = (
    "本报告依据《中华人民共和国政府信息公开条例》编制，所列数据的统计期限自2023年1月1日"
    "起至2023年12月31日止。如有疑问，请联系本局办公室（地址：某市某路1"
    "号，邮编：000000，电话：0000-0000000）。",
)


def _spaced_preamble(w: _Writer, size: float = 10.5) -> None:
    """A justified preamble wrapped over three lines, as Word prints it: spaces typed around
    the numbers, and each full line stretched to the right margin by spacing its characters
    (the last line letter-spaced wide, like a short line in distributed alignment)."""
    width = PAGE_WIDTH - 2 * LEFT
    for i, text in enumerate(SPACED_PREAMBLE):
        natural = w.width(text, size)
        last = i == len(SPACED_PREAMBLE) - 1
        space = 4.0 if last else (width - natural) / max(1, len(text) - 1)
        obj = w.canvas.beginText()
        obj.setFont(FONT, size)
        obj.setCharSpace(space)
        obj.setTextOrigin(LEFT, PAGE_HEIGHT - w.y - size * 0.88)
        obj.textOut(text)
        obj.setCharSpace(0)  # the spacing is graphics state: it would outlive the text object
        w.canvas.drawText(obj)
        w.y += size * 1.6


def _narrative_end(w: _Writer) -> None:
    w.line(t.SECTION_ISSUES.zh)
    w.line(ISSUES)
    w.line(t.SECTION_OTHER.zh)
    w.line(OTHER)


def ruled_pdf(*, shaded: bool = False) -> bytes:
    """The report with ruled tables: 二 on page 1, 三 over pages 2–3, then 四.

    ``shaded`` paints a banner in a gradient (a PDF shading object, as Word writes for a
    gradient fill) across the top of the first page.
    """
    w = _Writer()
    if shaded:
        from reportlab.lib.colors import Color

        c = w.canvas
        c.saveState()
        band = c.beginPath()
        band.rect(0, PAGE_HEIGHT - 30, PAGE_WIDTH, 30)
        c.clipPath(band, stroke=0, fill=0)
        c.linearGradient(
            0, PAGE_HEIGHT, PAGE_WIDTH, PAGE_HEIGHT, (Color(0.8, 0, 0), Color(1, 0.9, 0.9))
        )
        c.restoreState()
    _narrative_start(w)
    w.ruled(WIDTHS_2, table_2())
    w.new_page()
    w.line(t.SECTION_APPLICATIONS.zh)
    cells = table_3()
    last = max(c.row for c in cells)
    w.ruled(WIDTHS_3, [c for c in cells if c.row < last])
    w.new_page()
    w.ruled(WIDTHS_3, [GridCell(0, c.column, 1, c.colspan, c.text) for c in cells if c.row == last])
    w.line(t.SECTION_REVIEW.zh)
    w.ruled(WIDTHS_4, table_4())
    _narrative_end(w)
    return w.finish()


# -- The text-only layout ----------------------------------------------------------------------

#: Centres of the value columns of table 三 in the text layout, and of its label columns.
TEXT_3_VALUES = tuple(350.0 + 30.0 * i for i in range(7))
TEXT_3_LABELS = (LEFT, 118.0, 180.0)
TEXT_4_COLUMNS = tuple(LEFT + 17.0 + 34.0 * i for i in range(15))
TEXT_2_COLUMNS = (LEFT + 60.0, LEFT + 190.0, LEFT + 320.0, LEFT + 450.0)

#: How table 三's long labels wrap in the text layout: (label, lines, where the values go:
#: "first" beside the first line, "before" on a line of their own above the label, "middle" on
#: a line of their own between the label's two lines).
WRAPPED_3 = {
    t.ROW_PARTIAL.label.zh: (2, "first"),
    t.ROW_NOT_SUPPLEMENTED.label.zh: (2, "before"),
    t.ROW_FEE_UNPAID.label.zh: (2, "middle"),
}


def _split_label(label: str, parts: int) -> list[str]:
    cut = (len(label) + parts - 1) // parts
    return [label[i : i + cut] for i in range(0, len(label), cut)]


def text_pdf(*, staggered: bool = False, spaced: bool = False) -> bytes:
    """The report with no ruling lines, typeset like real reports (see the module docstring).

    ``staggered``: table 四's leaf headers of 行政复议 are centred over two header rows, half a
    line off those of 行政诉讼, so that their vertical lines interleave. ``spaced``: the
    preamble is :func:`_spaced_preamble`'s.
    """
    w = _Writer()
    _narrative_start(w, spaced=spaced)
    size = 9.0
    # Table 二: the column headers and values centred on four columns, titles centred.
    for cell_row in _rows(table_2()):
        if len(cell_row) == 1:
            w.placed([(PAGE_WIDTH / 2, cell_row[0].text)], size)
            continue
        items = []
        for c in cell_row:
            if c.colspan == 3:
                items.append((TEXT_2_COLUMNS[2], c.text))
            else:
                items.append((TEXT_2_COLUMNS[c.column], c.text))
        w.placed(items, size)
    w.new_page()
    w.line(t.SECTION_APPLICATIONS.zh)
    _text_table_3(w, 8.0)
    w.line(t.SECTION_REVIEW.zh)
    _text_table_4(w, size, staggered=staggered)
    _narrative_end(w)
    return w.finish()


def _rows(cells: Sequence[GridCell]) -> list[list[GridCell]]:
    rows: dict[int, list[GridCell]] = {}
    for c in cells:
        rows.setdefault(c.row, []).append(c)
    return [sorted(rows[r], key=lambda c: c.column) for r in sorted(rows)]


def _left(w: _Writer, x: float, text: str, size: float) -> None:
    w.put(x, w.y, text, size)


def _text_table_3(w: _Writer, size: float) -> None:
    note = _split_label(t.APPLICATIONS_NOTE.zh, 3)
    centre_all = sum(TEXT_3_VALUES) / 7
    centre_legal = sum(TEXT_3_VALUES[1:6]) / 5
    # Header: the note wraps in the label area; narrow header cells wrap in two lines.
    _left(w, LEFT, note[0], 7.5)
    w.placed([(centre_all, t.APPLICANTS.zh)], size)
    _left(w, LEFT, note[1], 7.5)
    w.placed(
        [
            (TEXT_3_VALUES[0], t.NATURAL_PERSON.label.zh),
            (centre_legal, t.LEGAL_PERSONS.zh),
            (TEXT_3_VALUES[6], t.APPLICANT_TOTAL.label.zh),
        ],
        size,
    )
    _left(w, LEFT, note[2], 7.5)
    heads = [_split_label(c.label.zh, 2) for c in LEGAL_PERSON_COLUMNS]
    w.placed([(TEXT_3_VALUES[1 + i], h[0]) for i, h in enumerate(heads)], size)
    w.placed([(TEXT_3_VALUES[1 + i], h[1]) for i, h in enumerate(heads) if len(h) > 1], size)
    # Data rows: group labels beside the first line of the first label of their group.
    seen: set[str] = set()
    for groups, label, key in TABLE_3_ROWS:
        values = [(x, _text(v)) for x, v in zip(TEXT_3_VALUES, APPLICANTS[key], strict=True)]
        depth = len(groups)
        new_groups = [(TEXT_3_LABELS[d], g) for d, g in enumerate(groups) if g not in seen]
        seen.update(groups)
        x = TEXT_3_LABELS[depth]
        wrap = WRAPPED_3.get(label)
        parts = _split_label(label, wrap[0]) if wrap else [label]
        where = wrap[1] if wrap else "first"
        if where == "before":
            w.placed(values, size)
        for gx, group in new_groups:
            _left(w, gx, group, size)
        _left(w, x, parts[0], size)
        if where == "first":
            w.placed(values, size)
        else:
            w.y += size * 1.5
        if where == "middle":
            w.placed(values, size)
        for part in parts[1:]:
            _left(w, x, part, size)
            w.y += size * 1.5


def _text_table_4(w: _Writer, size: float, *, staggered: bool = False) -> None:
    cols = TEXT_4_COLUMNS
    w.placed([(sum(cols[:5]) / 5, t.REVIEW.zh), (sum(cols[5:]) / 10, t.LITIGATION.zh)], size)
    if staggered:
        # 行政复议's leaves span this row too: centred over five lines, they start half a line
        # below it and fall between the lines of 行政诉讼's leaves.
        lead = size * 1.5
        leaves = [c.label.zh for c in CASE_COLUMNS]
        for line in range(4):
            for x, leaf in zip(cols[:5], leaves, strict=True):
                start = (4 - len(leaf)) // 2
                if start <= line < start + len(leaf):
                    w.put_centred(x, w.y + lead * (line + 0.5), leaf[line - start], size)
    w.placed(
        [
            (sum(cols[5:10]) / 5, t.GROUP_DIRECT_SUIT.label.zh),
            (sum(cols[10:]) / 5, t.GROUP_SUIT_AFTER_REVIEW.label.zh),
        ],
        size,
    )
    # Leaf headers one character per line; the two-character 总计 is centred vertically.
    leaves = [c.label.zh for c in CASE_COLUMNS] * 3
    for line in range(4):
        items = []
        for x, leaf in zip(cols, leaves, strict=True):
            start = (4 - len(leaf)) // 2
            if staggered and x in cols[:5]:
                continue
            if start <= line < start + len(leaf):
                items.append((x, leaf[line - start]))
        w.placed(items, size)
    w.placed([(x, _text(v)) for x, v in zip(cols, TABLE_4_VALUES, strict=True)], size)
    w.y += 6


# -- The expected model values -----------------------------------------------------------------


def expected_tables() -> dict[str, object]:
    """The three tables as model objects, keyed by their :class:`~govdisclosure.Report` field."""
    from decimal import Decimal

    import govdisclosure as g

    def counts(key: str) -> g.ApplicantCounts:
        v = APPLICANTS[key]
        return g.ApplicantCounts(
            natural_person=v[0],
            commercial_enterprise=v[1],
            research_institution=v[2],
            social_welfare_org=v[3],
            legal_service_org=v[4],
            other=v[5],
            total=v[6],
        )

    def cases(values: Sequence[int]) -> g.CaseOutcomes:
        upheld, corrected, other, pending, total = values
        return g.CaseOutcomes(
            upheld=upheld, corrected=corrected, other=other, pending=pending, total=total
        )

    def decisions(label: str) -> g.DecisionCount:
        (value,) = TABLE_2_VALUES[label]
        return g.DecisionCount(decisions=int(value) if value else None)

    def documents(label: str) -> g.DocumentCounts:
        issued, repealed, in_force = (int(v) for v in TABLE_2_VALUES[label])
        return g.DocumentCounts(issued=issued, repealed=repealed, in_force=in_force)

    zero = counts("zero")
    return {
        "proactive_disclosure": g.ProactiveDisclosure(
            regulations=documents(t.ROW_REGULATIONS.label.zh),
            normative_documents=documents(t.ROW_NORMATIVE_2021.label.zh),
            licensing=decisions(t.ROW_LICENSING.label.zh),
            penalty=decisions(t.ROW_PENALTY.label.zh),
            coercion=decisions(t.ROW_COERCION.label.zh),
            fees=g.FeeAmount(amount=Decimal(TABLE_2_VALUES[t.ROW_FEES.label.zh][0])),
        ),
        "applications": g.ApplicationStats(
            new_requests=counts("new"),
            carried_over=counts("carried"),
            outcomes=g.Outcomes(
                disclosed=counts("disclosed"),
                partially_disclosed=counts("partial"),
                not_disclosed=g.NotDisclosed(
                    state_secret=counts("secret"),
                    prohibited_by_law=zero,
                    security_stability=zero,
                    third_party_rights=zero,
                    internal_affairs=zero,
                    process_information=zero,
                    enforcement_case_files=zero,
                    administrative_inquiry=zero,
                ),
                unavailable=g.Unavailable(
                    not_held=counts("not_held"), needs_creation=zero, still_unclear=zero
                ),
                not_processed=g.NotProcessed(
                    petition_complaint=counts("petition"),
                    repeated=zero,
                    publications=zero,
                    excessive=zero,
                    confirmation=zero,
                ),
                other_handling=g.OtherHandling(
                    not_supplemented=counts("not_supplemented"), fee_unpaid=zero, other=zero
                ),
                total=counts("total"),
            ),
            carried_forward=counts("forward"),
        ),
        "review_litigation": g.ReviewLitigation(
            review=cases(TABLE_4_VALUES[0:5]),
            direct_suit=cases(TABLE_4_VALUES[5:10]),
            suit_after_review=cases(TABLE_4_VALUES[10:15]),
        ),
    }


def lines_pdf(lines: Sequence[Sequence[tuple[float, str]]], *, size: float = 9.0) -> bytes:
    """A one-page PDF of text lines, each text centred on its x position (no ruling lines)."""
    w = _Writer()
    for items in lines:
        w.placed(items, size)
    return w.finish()


def boxed_pdf(text: str) -> bytes:
    """A one-page PDF with a single frame drawn around a line of text."""
    w = _Writer()
    w.canvas.rect(LEFT - 10, PAGE_HEIGHT - 200, 400, 150)
    w.line(text)
    return w.finish()


def blank_pdf(pages: int = 1, *, encrypt: str | None = None) -> bytes:
    """A PDF of pages with drawings but no text layer, like a scan; optionally encrypted."""
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), invariant=1, encrypt=encrypt)
    for _ in range(pages):
        canvas.rect(100, 100, 300, 300, fill=1)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def mutations(data: bytes, count: int, seed: int) -> list[bytes]:
    """Damaged copies of ``data``: bytes overwritten at random, some cut short."""
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        damaged = bytearray(data)
        for _ in range(rng.randint(1, 20)):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        if rng.random() < 0.3:
            del damaged[rng.randrange(len(damaged)) :]
        out.append(bytes(damaged))
    return out


def assert_tables(report: Any) -> None:
    """The report's three tables are exactly the fixture's values (compared as JSON)."""
    import attrs

    from govdisclosure import to_dict

    assert report is not None
    assert report.template_version == "2021"
    expected = attrs.evolve(report, **expected_tables())
    got, want = to_dict(report), to_dict(expected)
    for table in ("proactive_disclosure", "applications", "review_litigation"):
        assert got[table] == want[table], table


# -- Larger documents (the benchmark) ----------------------------------------------------------

#: A sentence of prose, repeated to fill pages.
PROSE = "我局坚持以公开为常态、不公开为例外，推进决策、执行、管理、服务、结果公开。"


def long_pdf(pages: int = 12) -> bytes:
    """The ruled report with pages of prose under 「一、总体情况」, ``pages`` pages in all."""
    w = _Writer()
    _narrative_start(w)
    for _ in range(max(0, pages - 3)):
        while w.y < PAGE_HEIGHT - 80:
            w.line(PROSE)
        w.new_page()
    w.ruled(WIDTHS_2, table_2())
    w.new_page()
    w.line(t.SECTION_APPLICATIONS.zh)
    cells = table_3()
    last = max(c.row for c in cells)
    w.ruled(WIDTHS_3, [c for c in cells if c.row < last])
    w.new_page()
    w.ruled(WIDTHS_3, [GridCell(0, c.column, 1, c.colspan, c.text) for c in cells if c.row == last])
    w.line(t.SECTION_REVIEW.zh)
    w.ruled(WIDTHS_4, table_4())
    _narrative_end(w)
    return w.finish()


def dense_pdf(chars: int) -> bytes:
    """One page holding about ``chars`` characters of prose in small type (no ruling lines)."""
    w = _Writer()
    per_line = 120
    size = (PAGE_WIDTH - 2 * LEFT) / per_line
    lines = max(1, chars // per_line)
    lead = min(size * 1.3, (PAGE_HEIGHT - TOP - 20) / lines)
    text = (PROSE * (per_line // len(PROSE) + 1))[:per_line]
    for _ in range(lines):
        w.line(text, size, after=lead / size)
    w.canvas.showPage()
    w.canvas.save()
    return w.buffer.getvalue()
