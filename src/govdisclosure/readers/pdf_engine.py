"""The PDF reader: a PDF with a text layer into a :class:`~govdisclosure.readers.document.Document`.

It reads through pypdfium2 (PDFium, the ``govdisclosure[pdf]`` extra), imported only when a PDF
is read: each page's characters with their boxes and its path objects (the ruling lines). A page
is read in one of two ways, and a page can mix them:

* **Ruled tables.** Where ruling lines form a grid, the cells are the smallest rectangles closed
  by those lines (the lines are first snapped and joined within 3 points, as pdfplumber's
  "lines" table finder does). Rowspans and colspans are recovered from the cells' boxes against
  the grid of cell edges, so a merged cell is emitted once with its spans, never repeated or
  shifted. A cell's text lines are joined without a space (with one only between Latin letters
  or digits), since a break inside a PDF cell is only wrapping: a vertically typeset
  「结/果/维/持」 becomes 「结果维持」. A table that continues on the next page, with the same
  outer edges, compatible column edges and nothing but a page number between, is joined into
  one table.
* **Text lines.** All text outside ruled tables is rebuilt into words (characters closer than 3
  points on one line) and lines from their positions, and each line becomes a
  :class:`Paragraph` whose location is its page and its line number on that page, counting the
  lines outside ruled tables from 1, top to bottom (the shared text pipeline reads "one row per
  line, space-separated"). A page number printed alone in the top or bottom margin is dropped.
  Three repairs are made on the way, described in :func:`_stack_columns`,
  :func:`_assemble_rows` and :func:`_unspace`: header cells typeset vertically, one character
  per line, are stacked back into one word per column; a row of values printed on its own line,
  before, inside or after a row label that wraps over two lines, is joined to that label; and
  a line of Chinese text typeset with a space between every character is closed up.

The row-label heuristics know the labels only through a :class:`RowLabels` index passed to
:func:`read_pdf` (the parser passes the template's; without one, no label repairs are made).

Limits, so that no input makes the reader hang: at most :data:`MAX_PDF_BYTES` bytes and
:data:`MAX_PDF_PAGES` pages, at most :data:`MAX_PDF_CHARS` characters in all, and a time budget of
:data:`MAX_PDF_SECONDS`; the characters and the time are checked as each page is read, not only
between pages. Every step is linear or ``n log n`` in the page's characters and lines, except
table finding, which is skipped above :data:`MAX_PAGE_EDGES` ruling-line edges. Over a limit,
or on input that is not a readable PDF (damaged, encrypted), the reader raises
:class:`~govdisclosure.readers.document.ReaderError`. A PDF without a text layer (a scan) is not an
error: it gives a document with no blocks. PDFium is not thread-safe: read one PDF at a time
per process.
"""

from __future__ import annotations

import bisect
import ctypes
import functools
import math
import operator
import re
import time
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from . import pdf_font
from .document import Cell, Document, Location, Paragraph, ReaderError, Table, import_extra
from .notes import surrogates

__all__ = [
    "MAX_PDF_BYTES",
    "MAX_PDF_CHARS",
    "MAX_PDF_PAGES",
    "MAX_PDF_SECONDS",
    "RowLabels",
    "read_pdf",
]

#: The largest PDF the reader accepts, in bytes.
MAX_PDF_BYTES = 64 * 1024 * 1024
#: The most pages the reader accepts. Annual reports run to a few dozen pages at most.
MAX_PDF_PAGES = 200
#: The most characters (over all pages) the reader accepts; counted as each page is read.
MAX_PDF_CHARS = 2_000_000
#: The time budget in seconds, checked while each page is read.
MAX_PDF_SECONDS = 120.0
#: Above this many ruling-line edges on one page, table finding is skipped and the page is
#: read as text lines.
MAX_PAGE_EDGES = 4_000

# Coordinates closer than this (in points) are the same grid line.
_GRID_TOLERANCE = 1.5
# Ruling lines: snapped to one position and joined when closer than this; shorter ones dropped.
_SNAP = 3.0
_MIN_EDGE = 3.0
# Characters: the same word when the gap is at most this; the same line when the tops are.
_X_TOLERANCE = 3.0
_Y_TOLERANCE = 3.0
# How many characters or edges are handled between two looks at the clock.
_CHECK_EVERY = 2048


@dataclass(frozen=True)
class RowLabels:
    """The row labels the text-line heuristics know: those that carry values (``leaves``) and
    those that are only group labels (``groups``, 「（三）不予公开」), as keys (NFKC, no
    whitespace, no numbering), with every prefix of every key for the prefix tests."""

    leaves: frozenset[str]
    groups: frozenset[str]
    prefixes: frozenset[str]

    @classmethod
    def of(cls, labels: Iterable[tuple[str, bool]]) -> RowLabels:
        """Build the index from ``(label, group_only)`` pairs, labels as printed."""
        leaves: set[str] = set()
        groups: set[str] = set()
        for label, group_only in labels:
            (groups if group_only else leaves).add(_key(label))
        prefixes = {k[:n] for k in leaves | groups for n in range(1, len(k) + 1)}
        return cls(frozenset(leaves), frozenset(groups), frozenset(prefixes))


def read_pdf(data: bytes, labels: RowLabels | None = None) -> Document:
    """Read a PDF's text layer into a document of text lines and tables.

    ``labels`` is the index of row labels the text-line repairs use (by default none: the
    parser passes the template's). Raises :class:`~.document.ReaderError` when the input is not
    a readable PDF or is over a limit, and :class:`ImportError` naming the
    ``govdisclosure[pdf]`` extra when pypdfium2 is not installed.
    """
    pdfium = import_extra("pypdfium2", "pypdfium2", "pdf", "reading PDF")
    pdf_font.install(pdfium)
    if len(data) > MAX_PDF_BYTES:
        raise ReaderError(f"the PDF is larger than {MAX_PDF_BYTES} bytes")
    if b"%PDF-" not in data[:1024]:
        raise ReaderError("not a PDF: no %PDF- header")
    labels = labels if labels is not None else RowLabels.of(())
    budget = _Budget()
    try:
        pages = _read_pages(pdfium, data, labels, budget)
    except ReaderError:
        raise
    except Exception as exc:
        # PDFium reports damaged, encrypted or unsupported input as PdfiumError.
        raise ReaderError(f"unreadable PDF: {_describe(exc)}") from exc
    findings = (surrogates(budget.surrogates),) if budget.surrogates else ()
    return Document(blocks=_finish(pages), format="pdf", findings=findings)


class _Budget:
    """The character and time limits over the whole PDF, checked from inside a page."""

    def __init__(self) -> None:
        self.deadline = time.monotonic() + MAX_PDF_SECONDS
        self.chars = 0
        #: Lone surrogates (from a damaged ToUnicode map) replaced with U+FFFD.
        self.surrogates = 0

    def tick(self) -> None:
        if time.monotonic() > self.deadline:
            raise ReaderError(f"reading the PDF took more than {MAX_PDF_SECONDS:g} seconds")

    def add_chars(self, count: int) -> None:
        self.chars += count
        if self.chars > MAX_PDF_CHARS:
            raise ReaderError(f"the PDF has more than {MAX_PDF_CHARS} characters")


def _read_pages(pdfium: Any, data: bytes, labels: RowLabels, budget: _Budget) -> list[list[_Block]]:
    pages: list[list[_Block]] = []
    pdf = pdfium.PdfDocument(data)
    try:
        count = len(pdf)
        if count > MAX_PDF_PAGES:
            raise ReaderError(f"the PDF has {count} pages, more than {MAX_PDF_PAGES}")
        for number in range(1, count + 1):
            try:
                page = pdf[number - 1]
                try:
                    blocks = _read_page(pdfium, page, number, budget, labels)
                finally:
                    page.close()
            except ReaderError:
                raise
            except Exception as exc:
                raise ReaderError(f"unreadable PDF page {number}: {_describe(exc)}") from exc
            budget.tick()
            pages.append(blocks)
    finally:
        pdf.close()
    return pages


def _describe(exc: BaseException) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


# -- Characters and words -----------------------------------------------------------------------


# A character, and a word: its text and box, (text, x0, x1, top, bottom), in points from the
# page's top left corner. Plain tuples, unpacked where used: no object per character.
_Char = tuple[str, float, float, float, float]
_Word = tuple[str, float, float, float, float]

_VOID, _INT, _UINT = ctypes.c_void_p, ctypes.c_int, ctypes.c_uint


class _Api(NamedTuple):
    """The PDFium functions called per character, per object or per path segment, re-declared
    with bare integer handles and pointers: ctypes then converts no argument on each call
    (pypdfium2's declarations check each pointer's type, about a third of the call's cost)."""

    count_chars: Any
    text_object: Any
    loose_box: Any
    origin: Any
    font_size: Any
    unicode: Any
    object_font: Any
    descent: Any
    count_objects: Any
    get_object: Any
    count_form_objects: Any
    get_form_object: Any
    object_type: Any
    object_matrix: Any
    count_segments: Any
    get_segment: Any
    segment_point: Any
    segment_type: Any
    segment_close: Any


@functools.cache
def _api(raw: Any) -> _Api:
    def bare(function: Any, restype: Any, *argtypes: Any) -> Any:
        # pypdfium2 binds PDFium with ctypes.CDLL, so CFUNCTYPE is the same calling convention.
        address = ctypes.cast(function, ctypes.c_void_p).value or 0
        return ctypes.CFUNCTYPE(restype, *argtypes)(address)

    return _Api(
        count_chars=bare(raw.FPDFText_CountChars, _INT, _VOID),
        text_object=bare(raw.FPDFText_GetTextObject, _VOID, _VOID, _INT),
        loose_box=bare(raw.FPDFText_GetLooseCharBox, _INT, _VOID, _INT, _VOID),
        origin=bare(raw.FPDFText_GetCharOrigin, _INT, _VOID, _INT, _VOID, _VOID),
        font_size=bare(raw.FPDFText_GetFontSize, ctypes.c_double, _VOID, _INT),
        unicode=bare(raw.FPDFText_GetUnicode, _UINT, _VOID, _INT),
        object_font=bare(raw.FPDFTextObj_GetFont, _VOID, _VOID),
        descent=bare(raw.FPDFFont_GetDescent, _INT, _VOID, ctypes.c_float, _VOID),
        count_objects=bare(raw.FPDFPage_CountObjects, _INT, _VOID),
        get_object=bare(raw.FPDFPage_GetObject, _VOID, _VOID, _INT),
        count_form_objects=bare(raw.FPDFFormObj_CountObjects, _INT, _VOID),
        get_form_object=bare(raw.FPDFFormObj_GetObject, _VOID, _VOID, ctypes.c_ulong),
        object_type=bare(raw.FPDFPageObj_GetType, _INT, _VOID),
        object_matrix=bare(raw.FPDFPageObj_GetMatrix, _INT, _VOID, _VOID),
        count_segments=bare(raw.FPDFPath_CountSegments, _INT, _VOID),
        get_segment=bare(raw.FPDFPath_GetPathSegment, _VOID, _VOID, _INT),
        segment_point=bare(raw.FPDFPathSegment_GetPoint, _INT, _VOID, _VOID, _VOID),
        segment_type=bare(raw.FPDFPathSegment_GetType, _INT, _VOID),
        segment_close=bare(raw.FPDFPathSegment_GetClose, _INT, _VOID),
    )


def _floats(buffer: Any) -> memoryview[float]:
    return memoryview(buffer).cast("B").cast("f")


def _doubles(buffer: Any) -> memoryview[float]:
    return memoryview(buffer).cast("B").cast("d")


def _handle(obj: Any) -> int:
    """A pypdfium2 object's PDFium handle as a plain integer."""
    return ctypes.cast(obj.raw, ctypes.c_void_p).value or 0


def _page_chars(pdfium: Any, page: Any, budget: _Budget) -> list[_Char]:
    """The page's characters with their boxes, whitespace included (it separates words).

    A character's box runs across its advance (PDFium's loose box, cut at the next character of
    the same text object) and, vertically, over one font size from the font's descent below the
    baseline: every character of a line and size shares one height. Characters that PDFium
    makes up (a space for a gap, a line break) are left out: gaps are measured here.

    Four PDFium calls per character (its text object, loose box, origin and code point); the
    font size and descent once per text object (PDFium's font size of a character is that of
    its text object). The page's text is not read in one call: that text is UCS-2, so a code
    point beyond U+FFFF would come back truncated.
    """
    api = _api(pdfium.raw)
    left, _, _, top = page.get_cropbox()
    textpage = page.get_textpage()
    chars: list[_Char] = []
    try:
        handle = _handle(textpage)
        count = api.count_chars(handle)
        box_buffer = (ctypes.c_float * 4)()  # FS_RECTF: left, top, right, bottom
        point_buffer = (ctypes.c_double * 2)()
        descent = ctypes.c_float()
        box_at, x_at = ctypes.addressof(box_buffer), ctypes.addressof(point_buffer)
        y_at, descent_at = x_at + ctypes.sizeof(ctypes.c_double), ctypes.addressof(descent)
        # Read through memoryviews: indexing a ctypes array costs more.
        box, point = _floats(box_buffer), _doubles(point_buffer)
        text_object, loose_box, origin, unicode = (
            api.text_object,
            api.loose_box,
            api.origin,
            api.unicode,
        )
        metrics: dict[int, tuple[float, float]] = {}
        last_object, size, below = 0, 0.0, 0.0
        surrogates = False
        # The previous character's text object and left and right edges, before the shift.
        prev_object, prev_x0, prev_x1 = 0, 0.0, 0.0
        for start in range(0, count, _CHECK_EVERY):
            budget.tick()
            for i in range(start, min(start + _CHECK_EVERY, count)):
                address = text_object(handle, i)
                if not address or not loose_box(handle, i, box_at):
                    continue
                origin(handle, i, x_at, y_at)
                if address != last_object:
                    last_object = address
                    known = metrics.get(address)
                    if known is None:
                        size = api.font_size(handle, i)
                        font = api.object_font(address)
                        ok = font and api.descent(font, size, descent_at)
                        known = metrics[address] = (size, descent.value if ok else -0.25 * size)
                    size, below = known
                x0, x1 = box[0], box[2]
                if address == prev_object and prev_x0 < x0 < prev_x1:
                    # The previous character ends where this one starts.
                    text, shifted_x0, _, y1, y0 = chars[-1]
                    chars[-1] = (text, shifted_x0, x0 - left, y1, y0)
                bottom = point[1] + below
                code = unicode(handle, i)
                if 0xD800 <= code <= 0xDFFF:
                    surrogates = True  # a damaged ToUnicode map: mended after the loop
                chars.append(
                    (
                        chr(code) if 0 < code < 0x110000 else "\ufffd",
                        x0 - left,
                        x1 - left,
                        top - (bottom + size),
                        top - bottom,
                    )
                )
                prev_object, prev_x0, prev_x1 = address, x0, x1
    finally:
        textpage.close()
    if surrogates:
        chars, lone = _join_surrogates(chars)
        budget.surrogates += lone
    return chars


def _join_surrogates(chars: list[_Char]) -> tuple[list[_Char], int]:
    """The characters with each high and low surrogate in a row joined into one character
    (its box spans both), and every other surrogate replaced by U+FFFD; and how many were."""
    out: list[_Char] = []
    lone = 0
    for ch in chars:
        text = ch[0]
        if "\udc00" <= text <= "\udfff" and out and "\ud800" <= out[-1][0] <= "\udbff":
            high, x0, _, y1, y0 = out[-1]
            code = 0x10000 + ((ord(high) - 0xD800) << 10) + (ord(text) - 0xDC00)
            out[-1] = (chr(code), x0, ch[2], y1, y0)
            continue
        if out and "\ud800" <= out[-1][0] <= "\udfff":
            out[-1] = ("\ufffd", *out[-1][1:])
            lone += 1
        out.append(ch)
    if out and "\ud800" <= out[-1][0] <= "\udfff":
        out[-1] = ("\ufffd", *out[-1][1:])
        lone += 1
    return out, lone


def _dedupe(chars: Sequence[_Char]) -> list[_Char]:
    """Drop a character printed again at (nearly) the same place: fake bold is often the same
    characters twice, a fraction of a point apart. Linear: a hash of 2-point cells, of which a
    character within a point of another lies in one of four."""
    # By text, then by cell (any key of the cell will do: a shared key only adds candidates,
    # each checked exactly).
    seen: dict[str, dict[int, list[_Char]]] = {}
    out: list[_Char] = []
    append, floor = out.append, math.floor
    for c in chars:
        text, x0, _, top, bottom = c
        if text.isspace():
            append(c)
            continue
        hx, hy = x0 / 2, top / 2
        gx, gy = floor(hx), floor(hy)
        key = gx * _CELL_KEY + gy
        cells = seen.get(text)
        if cells is None:
            seen[text] = {key: [c]}
            append(c)
            continue
        nx = gx - 1 if hx - gx < 0.5 else gx + 1
        ny = gy - 1 if hy - gy < 0.5 else gy + 1
        own = cells.get(key)
        side = cells.get(nx * _CELL_KEY + gy)
        end = cells.get(gx * _CELL_KEY + ny)
        corner = cells.get(nx * _CELL_KEY + ny)
        if own is side is end is corner is None:  # the common case: nothing near
            cells[key] = [c]
            append(c)
            continue
        height = bottom - top
        duplicate = False
        for group in (own, side, end, corner):
            for _, ox0, _, otop, obottom in group or ():
                if (
                    abs(ox0 - x0) <= 1
                    and abs(otop - top) <= 1
                    and abs(obottom - otop - height) < 0.01
                ):
                    duplicate = True
                    break
            if duplicate:
                break
        if not duplicate:
            if own is None:
                cells[key] = [c]
            else:
                own.append(c)
            append(c)
    return out


_CELL_KEY = 1 << 20


def _char_lines(chars: Iterable[_Char]) -> list[list[_Char]]:
    """Cluster characters into lines by their tops (each within the tolerance of the previous
    one), top to bottom, each line left to right."""
    lines: list[list[_Char]] = []
    last = -math.inf
    for c in sorted(chars, key=_TOP):
        top = c[3]
        if top - last > _Y_TOLERANCE:
            lines.append([])
        lines[-1].append(c)
        last = top
    for line in lines:
        line.sort(key=_X0)
    return lines


_TEXT, _X0, _TOP = operator.itemgetter(0), operator.itemgetter(1), operator.itemgetter(3)
_TOP_X0 = operator.itemgetter(3, 1)


def _line_words(line: Iterable[_Char]) -> list[_Word]:
    """Split a line of characters into words at whitespace and at gaps wider than the
    tolerance. A word's box spans its characters' boxes."""
    words: list[_Word] = []
    run: list[str] = []
    wx0 = wx1 = wtop = wbottom = px0 = px1 = ptop = 0.0
    for text, x0, x1, top, bottom in line:
        if text.isspace():
            if run:
                words.append(("".join(run), wx0, wx1, wtop, wbottom))
                run = []
            continue
        if run and (x0 > px1 + _X_TOLERANCE or x0 < px0 or abs(top - ptop) > _Y_TOLERANCE):
            words.append(("".join(run), wx0, wx1, wtop, wbottom))
            run = []
        if run:
            run.append(text)
            # Comparisons in the order min() and max() make them.
            if x0 < wx0:
                wx0 = x0
            if x1 > wx1:
                wx1 = x1
            if top < wtop:
                wtop = top
            if bottom > wbottom:
                wbottom = bottom
        else:
            run = [text]
            wx0, wx1, wtop, wbottom = x0, x1, top, bottom
        px0, px1, ptop = x0, x1, top
    if run:
        words.append(("".join(run), wx0, wx1, wtop, wbottom))
    return words


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


def _read_page(
    pdfium: Any, page: Any, number: int, budget: _Budget, labels: RowLabels
) -> list[_Block]:
    found = _page_chars(pdfium, page, budget)
    budget.add_chars(len(found) - sum(map(str.isspace, map(_TEXT, found))))
    chars = _dedupe(found)
    if not any(not c[0].isspace() for c in chars):
        return []
    tables: list[_RawTable] = []
    edges = _edges(pdfium, page, budget)
    if len(edges[0]) + len(edges[1]) <= MAX_PAGE_EDGES:
        centres: list[tuple[float, float]] = []
        for cells in _find_tables(*edges, budget):
            if not centres:
                centres = [((x0 + x1) / 2, (top + bottom) / 2) for _, x0, x1, top, bottom in chars]
            table = _ruled_table(cells, chars, centres, number, budget)
            if table is not None:
                tables.append(table)
    boxes = [t.bbox for t in tables]
    words = [
        w
        for line in _char_lines(chars)
        for w in _line_words(line)
        if not any(_inside(w, box) for box in boxes)
    ]
    lines = _assemble_rows(_stack_columns(_group_lines(words)), labels)
    lines = _join_prose(lines, float(page.get_width()), labels)
    blocks: list[_Block] = [*tables]
    blocks.extend(_Text(number, line.top, line.number, line.text()) for line in lines)
    blocks.sort(key=lambda b: b.top)
    return _drop_page_numbers(blocks, float(page.get_height()))


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


def _inside(obj: _Char | _Word, box: Sequence[float]) -> bool:
    _, x0_, x1_, top_, bottom_ = obj
    x = (x0_ + x1_) / 2
    y = (top_ + bottom_) / 2
    x0, top, x1, bottom = box
    # Half-open, so that a character on the edge between two cells lands in one of them only.
    return bool(x0 <= x < x1 and top <= y < bottom)


# -- Ruling lines and the cells they close --------------------------------------------------------

# An edge: its position across (y of a horizontal one, x of a vertical one), start and end along.
_Edge = tuple[float, float, float]
_Box = tuple[float, float, float, float]  # x0, top, x1, bottom


def _edges(pdfium: Any, page: Any, budget: _Budget) -> tuple[list[_Edge], list[_Edge]]:
    """The horizontal and vertical straight segments of the page's paths (stroked or filled,
    inside form XObjects too, as deep as pypdfium2's ``get_objects`` goes), longer than a
    point, in top-down page coordinates."""
    raw = pdfium.raw
    api = _api(raw)
    left, _, _, top = page.get_cropbox()
    h: list[_Edge] = []
    v: list[_Edge] = []
    matrix_buffer = (ctypes.c_float * 6)()  # FS_MATRIX: a, b, c, d, e, f
    point_buffer = (ctypes.c_float * 2)()
    matrix_at, x_at = ctypes.addressof(matrix_buffer), ctypes.addressof(point_buffer)
    y_at = x_at + ctypes.sizeof(ctypes.c_float)
    matrix, point = _floats(matrix_buffer), _floats(point_buffer)
    kinds = (raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_FORM)
    # Objects that draw no ruling lines. A shading (a gradient fill) has no matrix in PDFium.
    plain = (raw.FPDF_PAGEOBJ_TEXT, raw.FPDF_PAGEOBJ_IMAGE, raw.FPDF_PAGEOBJ_SHADING)
    moveto, lineto = raw.FPDF_SEGMENT_MOVETO, raw.FPDF_SEGMENT_LINETO
    get_segment, segment_point = api.get_segment, api.segment_point
    segment_type, segment_close = api.segment_type, api.segment_close
    seen = 0

    def walk(parent: int, count: Any, get: Any, forms: list[tuple[float, ...]]) -> None:
        nonlocal seen
        # The checks and messages of pypdfium2's get_objects and get_matrix.
        n_objects = count(parent)
        if n_objects < 0:
            raise pdfium.PdfiumError("Failed to get number of pageobjects.")
        for i in range(n_objects):
            obj = get(parent, i)
            if not obj:
                raise pdfium.PdfiumError("Failed to get pageobject.")
            kind = api.object_type(obj)
            if kind == raw.FPDF_PAGEOBJ_UNKNOWN:
                raise pdfium.PdfiumError(
                    "Failed to determine pageobject type, did you pass in a valid "
                    "FPDF_PAGEOBJECT handle?"
                )
            if kind in plain:
                continue
            if not api.object_matrix(obj, matrix_at):
                raise pdfium.PdfiumError("Failed to get matrix of pageobject.")
            if kind not in kinds:
                continue
            own = tuple(matrix.tolist())
            if kind != kinds[0]:
                if len(forms) < _FORM_DEPTH:
                    walk(obj, api.count_form_objects, api.get_form_object, [*forms, own])
                continue
            a, b, c, d, e, f = _compose(own, forms)
            start_x = start_y = at_x = at_y = 0.0
            for k in range(max(0, api.count_segments(obj))):
                seen += 1
                if not seen % _CHECK_EVERY:
                    budget.tick()
                segment = get_segment(obj, k)
                if not segment or not segment_point(segment, x_at, y_at):
                    continue
                px, py = point.tolist()
                x, y = a * px + c * py + e, b * px + d * py + f
                kind = segment_type(segment)
                if kind == moveto:
                    start_x = at_x = x
                    start_y = at_y = y
                    continue
                if kind == lineto:
                    _add_edge(h, v, at_x, at_y, x, y, left, top)
                at_x, at_y = x, y
                if segment_close(segment):
                    _add_edge(h, v, at_x, at_y, start_x, start_y, left, top)
                    at_x, at_y = start_x, start_y

    walk(_handle(page), api.count_objects, api.get_object, [])
    return h, v


# pypdfium2's get_objects descends into form XObjects nested up to 14 deep (max_depth=15).
_FORM_DEPTH = 14


def _compose(matrix: tuple[float, ...], forms: Sequence[tuple[float, ...]]) -> tuple[float, ...]:
    """The object's matrix followed by those of the forms holding it, innermost first."""
    for outer in reversed(forms):
        a, b, c, d, e, f = matrix
        A, B, C, D, E, F = outer
        matrix = (
            a * A + b * C,
            a * B + b * D,
            c * A + d * C,
            c * B + d * D,
            e * A + f * C + E,
            e * B + f * D + F,
        )
    return matrix


def _add_edge(
    h: list[_Edge],
    v: list[_Edge],
    ax: float,
    ay: float,
    bx: float,
    by: float,
    left: float,
    top: float,
) -> None:
    if abs(ay - by) < 0.01 and abs(ax - bx) >= 1:
        h.append((top - ay, min(ax, bx) - left, max(ax, bx) - left))
    elif abs(ax - bx) < 0.01 and abs(ay - by) >= 1:
        v.append((ax - left, top - max(ay, by), top - min(ay, by)))


def _merge_edges(edges: Sequence[_Edge]) -> list[_Edge]:
    """Snap edges whose positions are within the tolerance (each of the previous one) to their
    mean, join overlapping or nearly touching ones on one position, and drop short ones."""
    snapped: list[_Edge] = []
    cluster: list[_Edge] = []
    for e in [*sorted(edges), None]:
        if cluster and (e is None or e[0] - cluster[-1][0] > _SNAP):
            mean = sum(c[0] for c in cluster) / len(cluster)
            snapped.extend((mean, s, t) for _, s, t in cluster)
            cluster = []
        if e is not None:
            cluster.append(e)
    joined: list[_Edge] = []
    for pos, s, t in sorted(snapped):
        if joined and joined[-1][0] == pos and s <= joined[-1][2] + _SNAP:
            if t > joined[-1][2]:
                joined[-1] = (pos, joined[-1][1], t)
        else:
            joined.append((pos, s, t))
    return [e for e in joined if e[2] - e[1] >= _MIN_EDGE]


def _find_tables(
    h_raw: Sequence[_Edge], v_raw: Sequence[_Edge], budget: _Budget
) -> list[list[_Box]]:
    """The ruled tables: groups of cells that share corners, top to bottom, of two cells or more.

    A cell is the smallest rectangle whose four corners are intersections of the edges and whose
    sides lie on edges through those corners.
    """
    h, v = _merge_edges(h_raw), _merge_edges(v_raw)
    # Each intersection with the edges through it (indices into h and v).
    points: dict[tuple[float, float], tuple[set[int], set[int]]] = {}
    h_order = sorted(range(len(h)), key=lambda i: h[i][0])
    h_ys = [h[i][0] for i in h_order]
    for vi, (x, vt, vb) in enumerate(v):
        budget.tick()
        lo = bisect.bisect_left(h_ys, vt - _SNAP)
        hi = bisect.bisect_right(h_ys, vb + _SNAP)
        for hi_ in h_order[lo:hi]:
            y, hx0, hx1 = h[hi_]
            if hx0 - _SNAP <= x <= hx1 + _SNAP:
                found = points.get((x, y))
                if found is None:
                    found = points[(x, y)] = (set(), set())
                found[0].add(hi_)
                found[1].add(vi)
    by_x: dict[float, list[float]] = {}
    by_y: dict[float, list[float]] = {}
    for x, y in sorted(points):
        by_x.setdefault(x, []).append(y)
        by_y.setdefault(y, []).append(x)

    def vertical(p: tuple[float, float], q: tuple[float, float]) -> bool:
        return not points[p][1].isdisjoint(points[q][1])

    def horizontal(p: tuple[float, float], q: tuple[float, float]) -> bool:
        return not points[p][0].isdisjoint(points[q][0])

    cells: list[_Box] = []
    for n, (x, y) in enumerate(sorted(points)):
        if not n % _CHECK_EVERY:
            budget.tick()
        ys, xs = by_x[x], by_y[y]
        below = ys[bisect.bisect_right(ys, y) :]
        right = xs[bisect.bisect_right(xs, x) :]
        cell = _smallest_cell((x, y), below, right, points, vertical, horizontal)
        if cell is not None:
            cells.append(cell)
    return _group_cells(cells)


def _smallest_cell(
    corner: tuple[float, float],
    below: Sequence[float],
    right: Sequence[float],
    points: dict[tuple[float, float], Any],
    vertical: Any,
    horizontal: Any,
) -> _Box | None:
    x, y = corner
    for by in below:
        if not vertical(corner, (x, by)):
            continue
        for rx in right:
            if not horizontal(corner, (rx, y)):
                continue
            far = (rx, by)
            if far in points and vertical(far, (rx, y)) and horizontal(far, (x, by)):
                return (x, y, rx, by)
    return None


def _group_cells(cells: Sequence[_Box]) -> list[list[_Box]]:
    """Group cells that share a corner (directly or through other cells) into tables."""
    parent = list(range(len(cells)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[tuple[float, float], int] = {}
    for i, (x0, top, x1, bottom) in enumerate(cells):
        for corner in ((x0, top), (x0, bottom), (x1, top), (x1, bottom)):
            j = owner.setdefault(corner, i)
            parent[find(i)] = find(j)
    groups: dict[int, list[_Box]] = {}
    for i, cell in enumerate(cells):
        groups.setdefault(find(i), []).append(cell)
    tables = sorted(groups.values(), key=lambda t: min((c[1], c[0]) for c in t))
    return [t for t in tables if len(t) > 1]


# -- Ruled tables -----------------------------------------------------------------------------


def _grid(values: Sequence[float]) -> list[float]:
    """Merge coordinates closer than the tolerance into one grid line each, in order."""
    grid: list[float] = []
    for v in sorted(values):
        if not grid or v - grid[-1] > _GRID_TOLERANCE:
            grid.append(v)
    return grid


def _position(grid: Sequence[float], value: float, exact: bool = False) -> int:
    """The index of the grid line nearest to ``value``, the first of two as near.

    ``exact`` says the grid is one of :func:`_grid`'s (ascending, more than the tolerance
    apart) with every line within :data:`_EXACT` of 0: then the two lines either side of the
    value, found by bisection, are the only candidates.
    """
    if exact and abs(value) <= _EXACT:
        at = bisect.bisect_left(grid, value)
        # grid[at - 1] < value <= grid[at]: every other line is farther than one of these.
        if at == len(grid) or (at and abs(grid[at - 1] - value) <= abs(grid[at] - value)):
            return at - 1
        return at
    return min(range(len(grid)), key=lambda i: abs(grid[i] - value))


def _span(grid: Sequence[float], start: float, end: float, exact: bool = False) -> int:
    """How many grid lines from ``start`` up to ``end`` (each less the tolerance): at least 1.
    ``exact`` as for :func:`_position` (bisection needs only the order)."""
    low, high = start - _GRID_TOLERANCE, end - _GRID_TOLERANCE
    if exact:
        if not high > low:
            return 1
        return max(1, bisect.bisect_left(grid, high) - bisect.bisect_left(grid, low))
    return max(1, sum(1 for g in grid if low <= g < high))


# Within this distance of 0, the distances from a value to two grid lines (more than the
# tolerance apart) never round to the same float, so the nearer of the two is told exactly.
_EXACT = 1e12


def _exact(grid: Sequence[float]) -> bool:
    """Whether a grid of :func:`_grid` can be searched by bisection (see :func:`_position`):
    every line a number within :data:`_EXACT` of 0 (not NaN, which has no order)."""
    return bool(grid) and all(abs(g) <= _EXACT for g in grid)


def _ruled_table(
    boxes: Sequence[_Box],
    chars: Sequence[_Char],
    centres: Sequence[tuple[float, float]],
    page: int,
    budget: _Budget,
) -> _RawTable | None:
    """Take the text of each cell of a ruled table (``centres``: each character's centre).

    Characters are matched to cells by row bands: the cells' tops and bottoms cut the table into
    bands, each band lists the cells across it left to right, and a character's centre finds its
    band and then its cell by bisection.

    A "table" of one cell is a frame or a box around text, not a table: its text is left to the
    line reader.
    """
    if len(boxes) < 2:
        return None
    cuts = sorted({b[1] for b in boxes} | {b[3] for b in boxes})
    bands: list[list[tuple[float, float, int]]] = [[] for _ in cuts]
    for index, (x0, top, x1, bottom) in enumerate(boxes):
        for band in range(bisect.bisect_left(cuts, top), bisect.bisect_left(cuts, bottom)):
            bands[band].append((x0, x1, index))
    starts = []
    for band_cells in bands:
        band_cells.sort()
        starts.append([c[0] for c in band_cells])
    # A centre above the first cut or on or below the last lies in no cell (no cell starts at
    # the last cut): such characters, most of a page's, are passed over at once. NaN has no
    # order, so with NaN among the cuts every character is looked up.
    first, last = (cuts[0], cuts[-1]) if all(c == c for c in cuts) else (-math.inf, math.inf)
    bisect_right = bisect.bisect_right
    texts: list[list[_Char]] = [[] for _ in boxes]
    for start in range(0, len(chars), _CHECK_EVERY):
        budget.tick()
        for n in range(start, min(start + _CHECK_EVERY, len(chars))):
            x, y = centres[n]
            if not first <= y < last:
                continue
            band = bisect_right(cuts, y) - 1
            if band < 0 or band >= len(bands):
                continue
            at = bisect_right(starts[band], x) - 1
            if at >= 0:
                x0, x1, index = bands[band][at]
                top, bottom = boxes[index][1], boxes[index][3]
                if x < x1 and top <= y < bottom:
                    texts[index].append(chars[n])
    return _RawTable(
        page=page,
        boxes=[(x0, y0, x1, y1, _cell_text(texts[i])) for i, (x0, y0, x1, y1) in enumerate(boxes)],
    )


def _cell_text(chars: Sequence[_Char]) -> str:
    lines = [" ".join(w[0] for w in _line_words(line)) for line in _char_lines(chars)]
    return _join_wrapped([ln for ln in (ln.strip() for ln in lines) if ln])


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
    #: The lines that continue this one, wrapped prose (see :func:`_join_prose`).
    tail: list[_Line] = field(default_factory=list)

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def centre(self) -> float:
        return (self.top + self.bottom) / 2

    def text(self) -> str:
        """The line's text, the lines that continue it joined on, with :func:`_unspace`."""
        if self.tail:
            return _unspace(_join_wrapped([line.own_text() for line in (self, *self.tail)]))
        return self.own_text()

    def own_text(self) -> str:
        """The text of this physical line (or row) alone."""
        words = [*self.label, *self.values] if self.label or self.values else self.words
        if _letter_spaced(words):
            return "".join(words)
        return _unspace(" ".join(words)) if len(self.values) <= 1 else " ".join(words)


def _group_lines(words: Sequence[_Word]) -> list[_Line]:
    """Group words into lines: a word joins a line when its vertical centre lies within the
    band of the line's first word. Lines are numbered from 1, top to bottom."""
    bands: list[tuple[float, float, list[_Word]]] = []
    for w in sorted(words, key=_TOP_X0):
        centre = (w[3] + w[4]) / 2
        if bands and bands[-1][0] <= centre <= bands[-1][1]:
            bands[-1][2].append(w)
        else:
            bands.append((w[3], w[4], [w]))
    lines = []
    for number, (_, _, ws) in enumerate(bands, start=1):
        ws.sort(key=_X0)
        lines.append(
            _Line(
                words=[w[0] for w in ws],
                x0=[w[1] for w in ws],
                x1=[w[2] for w in ws],
                top=min(w[3] for w in ws),
                bottom=max(w[4] for w in ws),
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
    the words sit in a column of the run (the same centre, within half a character), or the two
    lines hold only single characters (columns starting at different heights interleave). Each
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
    if all(len(w) == 1 for w in (*upper.words, *lower.words)):
        # Lines of single characters: the columns of a header typeset vertically whose cells
        # start at different heights, so that their lines interleave (a leaf that spans two
        # header rows beside leaves under a group header). Each character still finds its
        # column by its centre.
        return True
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


def _row_like(word: str, labels: RowLabels) -> bool:
    """Whether a word begins like a row label of the template (first three characters after the
    numbering), so that a slightly damaged label still counts."""
    key = _key(word)
    return len(key) >= 2 and key[:3] in labels.prefixes


def _incomplete(word: str, labels: RowLabels) -> bool:
    """Whether a word is the beginning of a row label but not the whole of it."""
    key = _key(word)
    return (
        len(key) >= 2
        and key not in labels.leaves
        and key not in labels.groups
        and key in labels.prefixes
    )


def _split(line: _Line) -> tuple[list[str], list[str]]:
    """Split a line into its label words and its trailing value words."""
    cut = len(line.words)
    while cut > 0 and _VALUE.fullmatch(line.words[cut - 1]):
        cut -= 1
    return line.words[:cut], line.words[cut:]


def _wants_values(row: _Line, labels: RowLabels) -> bool:
    """Whether a row is a label printed without its values: one row label, or a group label and
    a row label, and not a label that the template prints without values."""
    label = row.label
    if row.values or not 1 <= len(label) <= 2 or not all(_row_like(w, labels) for w in label):
        return False
    key = _key(label[-1])
    return not (key in labels.groups and key not in labels.leaves)


def _assemble_rows(lines: list[_Line], labels: RowLabels) -> list[_Line]:
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
            up = prev is not None and _wants_values(prev, labels) and _close(prev, line)
            down = (
                after is not None
                and not after.values
                and _wants_values(after, labels)
                and _close(line, after)
            )
            if (
                prev is not None
                and up
                and (
                    not down
                    or _incomplete(prev.label[-1], labels)
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
        elif prev is not None and _continues(prev, line, labels):
            _merge(prev, line, values=line.values, label=line.label[0])
            i += 1
            continue
        out.append(line)
        i += 1
    return out


def _continues(row: _Line, line: _Line, labels: RowLabels) -> bool:
    if not row.label or len(line.label) != 1 or not _close(row, line):
        return False
    if row.values and line.values:
        return False
    word = line.label[0]
    if _MARKER.match(_norm(word)) or not _incomplete(row.label[-1], labels):
        return False
    return _key(row.label[-1] + word) in labels.prefixes


def _merge(row: _Line, line: _Line, *, values: list[str], label: str = "") -> None:
    if label:
        row.label[-1] += label
    if values:
        row.values = values
    row.bottom = max(row.bottom, line.bottom)


# A space Word leaves around a number in a date or an address: 「自 2023 年 1 月 1 日」, 「1 号」.
_DATE_SPACE = re.compile(
    r"(?<=[\u3000-\u9fff\uff00-\uffef])\s+(?=\d+\s*[年月日号])|(?<=\d)\s+(?=[年月日号])"
)
# Sentence-final punctuation: a line ending with it is not continued, even at the margin.
_SENTENCE_END = "。！？；!?;"


def _unspace(text: str) -> str:
    """Close up the spaces around a number in a date or an address in a prose line
    (「统计期限自 2023 年 1 月 1 日」 becomes 「统计期限自2023年1月1日」). Rows of values
    (two values or more) are left alone."""
    return _DATE_SPACE.sub("", text)


def _letter_spaced(words: Sequence[str]) -> bool:
    """Whether a line is typeset with a gap after every character (distributed or justified
    alignment, 「号 ， 邮 编 ： 0 0 0 0 0 0」): four words or more, every one a single character,
    two of them Chinese. Its words are then one text, without spaces. A row of single-digit
    values has no Chinese character and is not letter-spaced."""
    return (
        len(words) >= 4
        and all(len(w) == 1 for w in words)
        and sum(1 for w in words if _wide(w)) >= 2
    )


def _join_prose(lines: list[_Line], width: float, labels: RowLabels) -> list[_Line]:
    """Join a line of prose wrapped at the right margin to the line that continues it.

    A line is continued when it runs on like prose (:func:`_running`), reaches the right fifth
    of the page, does not end a sentence,
    starts at the page's left margin (or indented by up to two characters and a half), and the
    next line is closely spaced, starts at the margin, has no numbering and is no table row
    either (neither line has more than one value or begins with a row label). The joined text
    is one paragraph, located at its first line: 「…统计期限自 2023 年 1 月 1 日」 over
    「起至 2023 年 12 月 31 日止。」 is read as one period statement.
    """
    if not lines:
        return lines
    margin = min(line.x0[0] for line in lines)
    out: list[_Line] = []
    for line in lines:
        last = out[-1].tail[-1] if out and out[-1].tail else out[-1] if out else None
        if out and last is not None and _wraps(last, line, width, margin, out[-1], labels):
            out[-1].tail.append(line)
            continue
        out.append(line)
    return out


def _wraps(
    upper: _Line, lower: _Line, width: float, margin: float, first: _Line, labels: RowLabels
) -> bool:
    height = max(upper.height, 1.0)
    text = upper.words[-1]
    return (
        upper.x1[-1] >= 0.8 * width
        and text[-1] not in _SENTENCE_END
        and first.x0[0] <= margin + 2.5 * height
        and lower.x0[0] <= margin + 0.5 * height
        and _close(upper, lower)
        and len(upper.values) <= 1
        and len(lower.values) <= 1
        and not _MARKER.match(_norm(lower.words[0]))
        and not any(_row_like(line.words[0], labels) for line in (first, lower))
        and _running(upper)
        and _running(lower)
    )


def _running(line: _Line) -> bool:
    """Whether a line runs on like prose: no gap between its words wider than two characters
    (a table's header or row leaves wide gaps between its cells)."""
    limit = 2 * max(line.height, 1.0)
    return all(b - a <= limit for a, b in zip(line.x1, line.x0[1:], strict=False))


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
    x_exact = _exact(xs)
    rows: list[tuple[Cell, ...]] = []
    for part in parts:
        ys = _grid([b[1] for b in part.boxes])
        y_exact = _exact(ys)
        grid: list[list[tuple[int, Cell]]] = [[] for _ in ys]
        for x0, top, x1, bottom, text in part.boxes:
            row, column = _position(ys, top, y_exact), _position(xs, x0, x_exact)
            cell = Cell(
                text=text,
                rowspan=_span(ys, top, bottom, y_exact),
                colspan=_span(xs, x0, x1, x_exact),
                location=Location(page=part.page, table=index, row=len(rows) + row, column=column),
            )
            grid[row].append((column, cell))
        rows.extend(tuple(c for _, c in sorted(r, key=lambda rc: rc[0])) for r in grid)
    return Table(rows=tuple(rows), location=Location(page=parts[0].page, table=index))
