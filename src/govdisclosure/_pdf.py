"""The PDF reader: a PDF with a text layer into a :class:`~govdisclosure._document.Document`.

It reads through pdfplumber (the ``govdisclosure[pdf]`` extra), imported only when a PDF is read.
A page is read in one of two ways, and a page can mix them:

* **Ruled tables.** Where ruling lines form a grid, pdfplumber's table finder gives the cells'
  bounding boxes. Rowspans and colspans are recovered from those boxes against the grid of cell
  edges, so a merged cell is emitted once with its spans, never repeated or shifted. A cell's
  text lines are joined without a space (with one only between Latin letters or digits), since
  a break inside a PDF cell is only wrapping: a vertically typeset 「结/果/维/持」 becomes
  「结果维持」. A table that continues on the next page, with the same outer edges, compatible
  column edges and nothing but a page number between, is joined into one table.
* **Text lines.** All text outside ruled tables is rebuilt into lines from pdfplumber's words and
  their positions, and each line becomes a :class:`Paragraph` whose location is its page and its
  line number on that page, counting the lines outside ruled tables from 1, top to bottom (the
  shared text pipeline reads "one row per line, space-separated"). A page number printed alone
  in the top or bottom margin is dropped. Two repairs are made on the way, both described in
  :func:`_stack_columns` and :func:`_assemble_rows`: header cells typeset vertically, one
  character per line, are stacked back into one word per column; and a row of values printed on
  its own line, before, inside or after a row label that wraps over two lines, is joined to
  that label.

Limits, so that no input makes the reader hang: at most :data:`MAX_PDF_BYTES` bytes and
:data:`MAX_PDF_PAGES` pages, at most :data:`MAX_PDF_CHARS` characters in all, and a time budget of
:data:`MAX_PDF_SECONDS` checked after each page. Over a limit, or on input that is not a readable
PDF (damaged, encrypted), the reader raises :class:`~govdisclosure._document.ReaderError`. A PDF
without a text layer (a scan) is not an error: it gives a document with no blocks.
"""

from __future__ import annotations

import functools
import io
import math
import re
import time
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ._document import Cell, Document, Location, Paragraph, ReaderError, Table, import_extra

if TYPE_CHECKING:
    from pdfplumber.page import Page

__all__ = [
    "MAX_PDF_BYTES",
    "MAX_PDF_CHARS",
    "MAX_PDF_PAGES",
    "MAX_PDF_SECONDS",
    "read_pdf",
]

#: The largest PDF the reader accepts, in bytes.
MAX_PDF_BYTES = 64 * 1024 * 1024
#: The most pages the reader accepts. Annual reports run to a few dozen pages at most.
MAX_PDF_PAGES = 200
#: The most characters (over all pages) the reader accepts.
MAX_PDF_CHARS = 2_000_000
#: The time budget in seconds, checked after each page.
MAX_PDF_SECONDS = 120.0
#: Above this many ruling-line edges on one page, table finding (quadratic in the edges) is
#: skipped and the page is read as text lines.
MAX_PAGE_EDGES = 4_000

# Coordinates closer than this (in points) are the same grid line.
_GRID_TOLERANCE = 1.5


def read_pdf(data: bytes) -> Document:
    """Read a PDF's text layer into a document of text lines and tables.

    Raises :class:`~govdisclosure._document.ReaderError` when the input is not a readable PDF or
    is over a limit, and :class:`ImportError` naming the ``govdisclosure[pdf]`` extra when
    pdfplumber is not installed.
    """
    pdfplumber = import_extra("pdfplumber", "pdfplumber", "pdf", "reading PDF")
    if len(data) > MAX_PDF_BYTES:
        raise ReaderError(f"the PDF is larger than {MAX_PDF_BYTES} bytes")
    if b"%PDF-" not in data[:1024]:
        raise ReaderError("not a PDF: no %PDF- header")
    try:
        pages = _read_pages(pdfplumber, data)
    except ReaderError:
        raise
    except Exception as exc:
        # pdfminer raises all kinds of exceptions on damaged input.
        raise ReaderError(f"unreadable PDF: {_describe(exc)}") from exc
    return Document(blocks=_finish(pages), format="pdf")


def _read_pages(pdfplumber: Any, data: bytes) -> list[list[_Block]]:
    started = time.monotonic()
    pages: list[list[_Block]] = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        count = len(pdf.pages)
        if count > MAX_PDF_PAGES:
            raise ReaderError(f"the PDF has {count} pages, more than {MAX_PDF_PAGES}")
        chars = 0
        for number, page in enumerate(pdf.pages, start=1):
            try:
                blocks, page_chars = _read_page(page, number)
                page.close()  # drop the page's parsed objects
            except ReaderError:
                raise
            except Exception as exc:
                raise ReaderError(f"unreadable PDF page {number}: {_describe(exc)}") from exc
            chars += page_chars
            if chars > MAX_PDF_CHARS:
                raise ReaderError(f"the PDF has more than {MAX_PDF_CHARS} characters")
            if time.monotonic() - started > MAX_PDF_SECONDS:
                raise ReaderError(f"reading the PDF took more than {MAX_PDF_SECONDS:g} seconds")
            pages.append(blocks)
    return pages


def _describe(exc: BaseException) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


# -- Pages ------------------------------------------------------------------------------------


@dataclass
class _RawTable:
    """A ruled table on one page: its cells' boxes and texts, grid positions still to come."""

    page: int
    boxes: list[tuple[float, float, float, float, str]]  # x0, top, x1, bottom, text

    @property
    def top(self) -> float:
        return min(b[1] for b in self.boxes)

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (
            min(b[0] for b in self.boxes),
            self.top,
            max(b[2] for b in self.boxes),
            max(b[3] for b in self.boxes),
        )

    @property
    def columns(self) -> list[float]:
        return _grid([b[0] for b in self.boxes])


@dataclass
class _Text:
    page: int
    top: float
    line: int
    text: str


_Block = _RawTable | _Text


def _read_page(page: Page, number: int) -> tuple[list[_Block], int]:
    # Fake bold is often printed as the same characters twice, a fraction of a point apart.
    page = page.dedupe_chars()
    chars = page.chars
    if not chars:
        return [], 0
    tables: list[_RawTable] = []
    if len(page.edges) <= MAX_PAGE_EDGES:
        for found in page.find_tables():
            table = _ruled_table(found.cells, chars, number)
            if table is not None:
                tables.append(table)
    boxes = [t.bbox for t in tables]
    words = [
        w
        for w in page.extract_words()
        if not any(_inside(w, box) for box in boxes) and w["text"].strip()
    ]
    lines = _assemble_rows(_stack_columns(_group_lines(words)))
    blocks: list[_Block] = [*tables]
    blocks.extend(_Text(number, line.top, line.number, line.text()) for line in lines)
    blocks.sort(key=lambda b: b.top)
    return _drop_page_numbers(blocks, float(page.height)), len(chars)


def _drop_page_numbers(blocks: list[_Block], height: float) -> list[_Block]:
    """Drop a page number printed alone as the first or last text in the page's top or bottom
    margin (a tenth of the page): it is layout, and read as text it looks like a row of values."""
    margin = height / 10
    for end in (-1, 0):
        if blocks:
            block = blocks[end]
            in_margin = block.top > height - margin if end else block.top < margin
            if isinstance(block, _Text) and in_margin and _PAGE_NUMBER.fullmatch(block.text):
                del blocks[end]
    return blocks


def _inside(obj: dict[str, Any], box: Sequence[float]) -> bool:
    x = (obj["x0"] + obj["x1"]) / 2
    y = (obj["top"] + obj["bottom"]) / 2
    x0, top, x1, bottom = box
    # Half-open, so that a character on the edge between two cells lands in one of them only.
    return bool(x0 <= x < x1 and top <= y < bottom)


# -- Ruled tables -----------------------------------------------------------------------------


def _grid(values: Sequence[float]) -> list[float]:
    """Merge coordinates closer than the tolerance into one grid line each, in order."""
    grid: list[float] = []
    for v in sorted(values):
        if not grid or v - grid[-1] > _GRID_TOLERANCE:
            grid.append(v)
    return grid


def _position(grid: Sequence[float], value: float) -> int:
    return min(range(len(grid)), key=lambda i: abs(grid[i] - value))


def _span(grid: Sequence[float], start: float, end: float) -> int:
    return max(1, sum(1 for g in grid if start - _GRID_TOLERANCE <= g < end - _GRID_TOLERANCE))


def _ruled_table(
    boxes: Sequence[tuple[float, float, float, float]],
    chars: Sequence[dict[str, Any]],
    page: int,
) -> _RawTable | None:
    """Take the text of each cell that pdfplumber's table finder found.

    A "table" of one cell is a frame or a box around text, not a table: its text is left to the
    line reader.
    """
    if len(boxes) < 2:
        return None
    left = min(b[0] for b in boxes)
    top = min(b[1] for b in boxes)
    right = max(b[2] for b in boxes)
    bottom = max(b[3] for b in boxes)
    inner = [c for c in chars if _inside(c, (left, top, right, bottom))]
    return _RawTable(
        page=page,
        boxes=[
            (x0, y0, x1, y1, _cell_text([c for c in inner if _inside(c, (x0, y0, x1, y1))]))
            for x0, y0, x1, y1 in boxes
        ],
    )


def _cell_text(chars: Sequence[dict[str, Any]]) -> str:
    if not chars:
        return ""
    from pdfplumber.utils.text import extract_text

    lines = [ln.strip() for ln in extract_text(list(chars)).split("\n")]
    return _join_wrapped([ln for ln in lines if ln])


def _join_wrapped(lines: Sequence[str]) -> str:
    """Join the lines of a wrapped cell: no space unless the break is between Latin letters or
    digits on both sides, where the break most likely stood for a space."""
    text = ""
    for line in lines:
        if text and _latin(text[-1]) and _latin(line[0]):
            text += " "
        text += line
    return text


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


# -- Text lines -------------------------------------------------------------------------------


@dataclass
class _Line:
    """A line of words on a page. ``x0``/``x1`` hold each word's horizontal extent."""

    words: list[str]
    x0: list[float]
    x1: list[float]
    top: float
    bottom: float
    number: int
    #: The row pieces once :func:`_assemble_rows` has split the line.
    label: list[str] = field(default_factory=list)
    values: list[str] = field(default_factory=list)

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def centre(self) -> float:
        return (self.top + self.bottom) / 2

    def text(self) -> str:
        if self.label or self.values:
            return " ".join([*self.label, *self.values])
        return " ".join(self.words)


def _group_lines(words: Sequence[dict[str, Any]]) -> list[_Line]:
    """Group words into lines: a word joins a line when its vertical centre lies within the
    band of the line's first word. Lines are numbered from 1, top to bottom."""
    bands: list[tuple[float, float, list[dict[str, Any]]]] = []
    for w in sorted(words, key=lambda w: (w["top"], w["x0"])):
        centre = (w["top"] + w["bottom"]) / 2
        if bands and bands[-1][0] <= centre <= bands[-1][1]:
            bands[-1][2].append(w)
        else:
            bands.append((w["top"], w["bottom"], [w]))
    lines = []
    for number, (_, _, ws) in enumerate(bands, start=1):
        ws.sort(key=lambda w: w["x0"])
        lines.append(
            _Line(
                words=[w["text"] for w in ws],
                x0=[w["x0"] for w in ws],
                x1=[w["x1"] for w in ws],
                top=min(w["top"] for w in ws),
                bottom=max(w["bottom"] for w in ws),
                number=number,
            )
        )
    return lines


def _wide(ch: str) -> bool:
    # CJK ideographs, CJK and full-width punctuation, and the curly quotes Chinese text uses.
    return ord(ch) >= 0x2E80 or ch in "“”‘’"


def _header_word(word: str) -> bool:
    return all(_wide(ch) and not ch.isdigit() for ch in word)


def _close(upper: _Line, lower: _Line) -> bool:
    """Whether two lines are near enough to belong to one table row or header."""
    return lower.top - upper.bottom <= 1.2 * max(upper.height, lower.height, 1.0)


@dataclass
class _Column:
    x0: float
    x1: float
    pieces: list[str]

    def matches(self, x0: float, x1: float, tolerance: float) -> bool:
        # Centres only: left edges also line up in a wrapped left-aligned note, which must not
        # be stacked with the header words beside it.
        return abs((self.x0 + self.x1) / 2 - (x0 + x1) / 2) <= tolerance


def _stack_columns(lines: list[_Line]) -> list[_Line]:
    """Stack header text typeset in columns back into one word per column.

    Real PDFs print narrow header cells vertically, one character per line, so that a header row
    arrives as lines like 「结 结 其 尚」, 「果 果 他 未」, 「维 纠 结 审」, 「持 正 果 结」; narrow
    horizontal cells wrap the same way (「商业 科研」 over 「企业 机构」). A run of consecutive,
    closely spaced lines is stacked when every line has two or more words made only of Chinese
    characters (no digits) and, from the second line on, at least two words and at least 60% of
    the words sit in a column of the run (the same centre, within half a character). Each
    column's pieces are joined top to bottom, and the run becomes one line of the column words,
    left to right, numbered as its first line: 「结果维持 结果纠正 其他结果 尚未审结」.
    """
    out: list[_Line] = []
    i = 0
    while i < len(lines):
        first = lines[i]
        if len(first.words) >= 2 and all(_header_word(w) for w in first.words):
            tolerance = max(first.height, 1.0) / 2
            columns = [
                _Column(a, b, [w]) for w, a, b in zip(first.words, first.x0, first.x1, strict=True)
            ]
            j = i + 1
            while j < len(lines) and _stacks(lines[j - 1], lines[j], columns, tolerance):
                _add_to_columns(lines[j], columns, tolerance)
                j += 1
            if j - i >= 2:
                columns.sort(key=lambda c: c.x0)
                out.append(
                    _Line(
                        words=["".join(c.pieces) for c in columns],
                        x0=[c.x0 for c in columns],
                        x1=[c.x1 for c in columns],
                        top=first.top,
                        bottom=lines[j - 1].bottom,
                        number=first.number,
                    )
                )
                i = j
                continue
        out.append(first)
        i += 1
    return out


def _stacks(upper: _Line, lower: _Line, columns: Sequence[_Column], tolerance: float) -> bool:
    if len(lower.words) < 2 or not all(_header_word(w) for w in lower.words):
        return False
    if not _close(upper, lower):
        return False
    aligned = sum(
        1
        for a, b in zip(lower.x0, lower.x1, strict=True)
        if any(c.matches(a, b, tolerance) for c in columns)
    )
    return aligned >= 2 and aligned >= math.ceil(0.6 * len(lower.words))


def _add_to_columns(line: _Line, columns: list[_Column], tolerance: float) -> None:
    for word, a, b in zip(line.words, line.x0, line.x1, strict=True):
        for column in columns:
            if column.matches(a, b, tolerance):
                column.pieces.append(word)
                column.x0, column.x1 = min(column.x0, a), max(column.x1, b)
                break
        else:
            columns.append(_Column(a, b, [word]))


# -- Table rows printed as text ---------------------------------------------------------------

# A value cell: a number (signed, with separators, decimals, an approximation word, a magnitude
# and a unit), a number followed by a parenthesised explanation, or a blank marker.
_VALUE = re.compile(
    r"[+\-−－]?\d[\d,，]*(?:[.．]\d+)?(?:余|多)?(?:万|萬)?(?:元|件|条|條|份|个|個|项|項)?%?"
    r"|[+\-−－]?\d[\d,，.．]*[(（].*"
    r"|[/／_—–―\-－]+"
)
# A numbering marker at the start of a row label, after NFKC: 一、 (一) 1. 1、
_MARKER = re.compile(r"^(?:[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十]+\)|\d+[.、])")
# The most values a row of table 三 or 二 carries; table 四's row of 15 is never label-less.
_MAX_ROW_VALUES = 7


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"\s+", "", text)
    return re.sub("[“”‘’]", '"', text)


def _key(label: str) -> str:
    return _MARKER.sub("", _norm(label), count=1)


@functools.cache
def _row_keys() -> tuple[frozenset[str], frozenset[str]]:
    """The template's row labels without their numbering: those that carry values, and those
    that are only group labels (「（三）不予公开」)."""
    from . import template

    leaves: set[str] = set()
    groups: set[str] = set()
    for value in vars(template).values():
        if isinstance(value, template.Node) and value.axis == "row":
            (groups if value.group_only else leaves).add(_key(value.label.zh))
    return frozenset(leaves), frozenset(groups)


def _row_like(word: str) -> bool:
    """Whether a word begins like a row label of the template (first three characters after the
    numbering), so that a slightly damaged label still counts."""
    key = _key(word)
    if len(key) < 2:
        return False
    leaves, groups = _row_keys()
    return any(k.startswith(key[:3]) for k in (*leaves, *groups))


def _incomplete(word: str) -> bool:
    """Whether a word is the beginning of a row label but not the whole of it."""
    key = _key(word)
    leaves, groups = _row_keys()
    return (
        len(key) >= 2
        and key not in leaves | groups
        and any(k.startswith(key) for k in leaves | groups)
    )


def _split(line: _Line) -> tuple[list[str], list[str]]:
    """Split a line into its label words and its trailing value words."""
    cut = len(line.words)
    while cut > 0 and _VALUE.fullmatch(line.words[cut - 1]):
        cut -= 1
    return line.words[:cut], line.words[cut:]


def _wants_values(row: _Line) -> bool:
    """Whether a row is a label printed without its values: one row label, or a group label and
    a row label, and not a label that the template prints without values."""
    label = row.label
    if row.values or not 1 <= len(label) <= 2 or not all(_row_like(w) for w in label):
        return False
    leaves, groups = _row_keys()
    key = _key(label[-1])
    return not (key in groups and key not in leaves)


def _assemble_rows(lines: list[_Line]) -> list[_Line]:
    """Put table rows that the PDF printed over several lines back on one line each.

    A line made only of values (one to seven of them) is joined to a neighbouring line that
    holds a row label and no values: to the line above when that label is incomplete (the label
    wraps round the values), otherwise to the nearer of the lines above and below, so values
    printed on the line before their label go with it. Both neighbours must be closely spaced.
    A line with no numbering and no values that continues an incomplete row label (the joined
    text is still the beginning of a template label) is appended to that label. The result is
    one line per row, 「label values…」, numbered as its first physical line. Lines that are not
    table rows pass through unchanged.
    """
    for line in lines:
        line.label, line.values = _split(line)
    out: list[_Line] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        prev = out[-1] if out else None
        if not line.label and 1 <= len(line.values) <= _MAX_ROW_VALUES:
            after = lines[i + 1] if i + 1 < len(lines) else None
            up = prev is not None and _wants_values(prev) and _close(prev, line)
            down = (
                after is not None
                and not after.values
                and _wants_values(after)
                and _close(line, after)
            )
            if (
                prev is not None
                and up
                and (
                    not down
                    or _incomplete(prev.label[-1])
                    or after is None
                    or line.centre - prev.centre <= after.centre - line.centre
                )
            ):
                _merge(prev, line, values=line.values)
                i += 1
                continue
            if after is not None and down:
                after.values = line.values
                after.number = line.number
                after.top = line.top
                out.append(after)
                i += 2
                continue
        elif prev is not None and _continues(prev, line):
            _merge(prev, line, values=line.values, label=line.label[0])
            i += 1
            continue
        out.append(line)
        i += 1
    return out


def _continues(row: _Line, line: _Line) -> bool:
    if not row.label or len(line.label) != 1 or not _close(row, line):
        return False
    if row.values and line.values:
        return False
    word = line.label[0]
    if _MARKER.match(_norm(word)) or not _incomplete(row.label[-1]):
        return False
    joined = _key(row.label[-1] + word)
    leaves, groups = _row_keys()
    return any(k.startswith(joined) for k in leaves | groups)


def _merge(row: _Line, line: _Line, *, values: list[str], label: str = "") -> None:
    if label:
        row.label[-1] += label
    if values:
        row.values = values
    row.bottom = max(row.bottom, line.bottom)


# -- The document -----------------------------------------------------------------------------

_PAGE_NUMBER = re.compile(
    r"[-—–－\s]*(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*[/／]\s*\d{1,4})?(?:\s*共\s*\d{1,4}\s*页)?[-—–－\s]*"
)


def _continues_table(a: _RawTable, b: _RawTable) -> bool:
    """Whether table ``b`` on the next page continues table ``a``: the same outer edges, and the
    column edges of one are among those of the other (a last row often merges columns)."""
    ax0, _, ax1, _ = a.bbox
    bx0, _, bx1, _ = b.bbox
    if a.page + 1 != b.page or abs(ax0 - bx0) > 2.0 or abs(ax1 - bx1) > 2.0:
        return False
    ca, cb = a.columns, b.columns
    return len(_grid([*ca, *cb])) == max(len(ca), len(cb))


def _finish(pages: Sequence[list[_Block]]) -> tuple[Paragraph | Table, ...]:
    """Join tables continued across a page break, then number the tables and build blocks."""
    joined: list[list[_RawTable] | _Text] = []
    last_table: int | None = None  # index in ``joined`` of the table that may continue
    for block in (b for blocks in pages for b in blocks):
        if isinstance(block, _Text):
            joined.append(block)
            # A page number away from the margins does not break a table either.
            if not _PAGE_NUMBER.fullmatch(block.text):
                last_table = None
            continue
        if last_table is not None:
            parts = joined[last_table]
            assert isinstance(parts, list)
            if _continues_table(parts[-1], block):
                parts.append(block)
                continue
        joined.append([block])
        last_table = len(joined) - 1
    out: list[Paragraph | Table] = []
    index = 0
    for item in joined:
        if isinstance(item, _Text):
            out.append(Paragraph(text=item.text, location=Location(page=item.page, line=item.line)))
        else:
            out.append(_table(item, index))
            index += 1
    return tuple(out)


def _table(parts: Sequence[_RawTable], index: int) -> Table:
    """Place each cell on the grid of cell edges and read its spans off that grid.

    The columns are those of all parts together; the rows are counted part after part, and a
    row where no cell starts stays in place as an empty row.
    """
    xs = _grid([b[0] for part in parts for b in part.boxes])
    rows: list[tuple[Cell, ...]] = []
    for part in parts:
        ys = _grid([b[1] for b in part.boxes])
        grid: list[list[tuple[int, Cell]]] = [[] for _ in ys]
        for x0, top, x1, bottom, text in part.boxes:
            row, column = _position(ys, top), _position(xs, x0)
            cell = Cell(
                text=text,
                rowspan=_span(ys, top, bottom),
                colspan=_span(xs, x0, x1),
                location=Location(page=part.page, table=index, row=len(rows) + row, column=column),
            )
            grid[row].append((column, cell))
        rows.extend(tuple(c for _, c in sorted(r, key=lambda rc: rc[0])) for r in grid)
    return Table(rows=tuple(rows), location=Location(page=parts[0].page, table=index))
