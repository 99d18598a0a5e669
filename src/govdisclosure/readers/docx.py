"""The Word reader: a ``.docx`` file into a :class:`~govdisclosure.readers.document.Document`.

It reads through python-docx (the ``govdisclosure[docx]`` extra), imported only when a file is
read, and walks the body's XML in order, so paragraphs and tables keep their places:

* A paragraph becomes a :class:`Paragraph` whose ``location.line`` is its number among the
  body's paragraphs (from 1, empty paragraphs counted, table cells not). Empty paragraphs are
  left out. Text inside content controls and fields is kept; deleted revisions, field codes,
  tab-stop definitions and text boxes are not.
* A table becomes a :class:`Table` of the cells as Word stores them: a horizontally merged cell
  (``gridSpan``) is one cell with its ``colspan``; a vertically merged cell (``vMerge``) is the
  first cell with its ``rowspan``, and the continuing cells below it are dropped, so nothing is
  repeated the way python-docx's ``row.cells`` repeats merged cells. Each cell's location gives
  the table's index in the document and the cell's row and grid column (from 0). A cell's
  paragraphs are joined with line breaks; a table nested in a cell adds its rows as lines.

Limits, against ZIP bombs: at most :data:`MAX_DOCX_BYTES` bytes; at most
:data:`MAX_DOCX_UNPACKED_BYTES` bytes unpacked in all and :data:`MAX_DOCX_XML_BYTES` for
``word/document.xml``, and at most :data:`MAX_DOCX_PARAGRAPHS` paragraphs in it. The sizes the
archive declares are checked first (zipfile, which python-docx reads through, never inflates a
member past its declared size); then every member is inflated in chunks of 1 MiB, counting what
it inflates to and the paragraphs, and the file is refused as soon as a limit is passed,
before python-docx builds anything. XML entities are not resolved. Input that is not a
readable ``.docx`` (a legacy ``.doc``, a damaged archive) raises
:class:`~govdisclosure.readers.document.ReaderError`.

Its registry entry, :data:`READER`, claims a ZIP archive holding ``word/document.xml`` and the
``.docx`` suffix, and declares the legacy ``.doc`` (:data:`LEGACY_DOC`, an OLE compound file)
so that such a file is sniffed as Word and refused with advice rather than called binary data.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from typing import Any

from .document import Cell, Document, Location, Paragraph, ReaderError, Table, import_extra
from .entry import Extra, Legacy, Reader

__all__ = [
    "EXTRA",
    "LEGACY_DOC",
    "MAX_DOCX_BYTES",
    "MAX_DOCX_PARAGRAPHS",
    "MAX_DOCX_UNPACKED_BYTES",
    "MAX_DOCX_XML_BYTES",
    "READER",
    "read_docx",
    "sniff_docx",
]

#: python-docx, behind the ``docx`` extra.
EXTRA = Extra(name="docx", module="docx", package="python-docx")
#: A Word 97-2003 ``.doc``: an OLE compound file, recognised by its signature and refused.
LEGACY_DOC = Legacy(
    name="doc",
    signature=b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
    message="a legacy Word 97-2003 .doc file, not .docx: save it as .docx",
)

#: The largest .docx file the reader accepts, in bytes.
MAX_DOCX_BYTES = 64 * 1024 * 1024
#: The most bytes the archive's members may unpack to, in all.
MAX_DOCX_UNPACKED_BYTES = 256 * 1024 * 1024
#: The most members the archive may hold.
MAX_DOCX_MEMBERS = 10_000
#: The most bytes ``word/document.xml`` may inflate to (real reports: a few MiB).
MAX_DOCX_XML_BYTES = 32 * 1024 * 1024
#: The most paragraphs (``<w:p>`` elements, table cells' included) ``word/document.xml`` may hold.
MAX_DOCX_PARAGRAPHS = 100_000

_CHUNK = 1024 * 1024
_BODY = "word/document.xml"
# A paragraph's start tag, whatever the prefix: 「<w:p>」, 「<w:p w:rsidR=…>」, 「<w:p/>」.
_PARAGRAPH = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?p[\s/>]")

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_P, _TBL, _TR, _TC = _W + "p", _W + "tbl", _W + "tr", _W + "tc"
_T, _TAB, _BR, _CR, _HYPHEN = _W + "t", _W + "tab", _W + "br", _W + "cr", _W + "noBreakHyphen"
_VAL = _W + "val"
# Elements that only wrap others: content controls, custom XML, and their contents.
_WRAPPERS = {_W + "sdt", _W + "sdtContent", _W + "customXml"}
# Text under these is not part of the paragraph's visible text in reading order.
_SKIPPED = {_W + "pPr", _W + "del", _W + "moveFrom", _W + "txbxContent", _MC + "Fallback"}


def read_docx(data: bytes) -> Document:
    """Read a ``.docx`` file's body into a document of paragraphs and tables, in order.

    Raises :class:`~govdisclosure.readers.document.ReaderError` when the input is not a readable
    ``.docx`` or is over a limit, and :class:`ImportError` naming the ``govdisclosure[docx]``
    extra when python-docx is not installed.
    """
    docx = import_extra(EXTRA.module, EXTRA.package, EXTRA.name, "reading Word files")
    if len(data) > MAX_DOCX_BYTES:
        raise ReaderError(f"the .docx file is larger than {MAX_DOCX_BYTES} bytes")
    if data.startswith(LEGACY_DOC.signature):
        raise ReaderError(LEGACY_DOC.message)
    if not data.startswith(b"PK"):
        raise ReaderError("not a .docx file: not a ZIP archive")
    _check_archive(data)
    try:
        body = docx.Document(io.BytesIO(data)).element.body
    except Exception as exc:
        raise ReaderError(f"unreadable .docx file: {_describe(exc)}") from exc
    reader = _Reader()
    reader.read(body)
    return Document(blocks=tuple(reader.blocks), format="docx")


def _describe(exc: BaseException) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _check_archive(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if len(members) > MAX_DOCX_MEMBERS:
                raise ReaderError(f"the .docx archive has more than {MAX_DOCX_MEMBERS} members")
            if sum(m.file_size for m in members) > MAX_DOCX_UNPACKED_BYTES:
                raise _too_large()
            if any(m.filename == _BODY and m.file_size > MAX_DOCX_XML_BYTES for m in members):
                raise _body_too_large()
            _inflate_within_limits(archive, members)
    except ReaderError:
        raise
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        zlib.error,
        OSError,
        ValueError,
        EOFError,
        # An encrypted member, or a compression method zipfile does not implement.
        RuntimeError,
        NotImplementedError,
    ) as exc:
        raise ReaderError(f"not a .docx file: {_describe(exc)}") from exc


def _too_large() -> ReaderError:
    return ReaderError(f"the .docx archive unpacks to more than {MAX_DOCX_UNPACKED_BYTES} bytes")


def _inflate_within_limits(archive: zipfile.ZipFile, members: list[zipfile.ZipInfo]) -> None:
    """Inflate every member in chunks; refuse at the first limit passed (see the docstring)."""
    total = 0
    for member in members:
        body = member.filename == _BODY
        size = paragraphs = 0
        tail = b""
        with archive.open(member) as stream:
            while chunk := stream.read(_CHUNK):
                size += len(chunk)
                total += len(chunk)
                if total > MAX_DOCX_UNPACKED_BYTES:
                    raise _too_large()
                if not body:
                    continue
                if size > MAX_DOCX_XML_BYTES:
                    raise _body_too_large()
                # A tag cut by the chunk's end is counted in the next round, with the tail.
                window = tail + chunk
                cut = max(0, len(window) - 64)
                paragraphs += sum(1 for m in _PARAGRAPH.finditer(window) if m.start() < cut)
                tail = window[cut:]
                if paragraphs > MAX_DOCX_PARAGRAPHS:
                    raise _too_many()
        if body and paragraphs + len(_PARAGRAPH.findall(tail)) > MAX_DOCX_PARAGRAPHS:
            raise _too_many()


def _body_too_large() -> ReaderError:
    return ReaderError(
        f"the .docx body (word/document.xml) unpacks to more than {MAX_DOCX_XML_BYTES} bytes"
    )


def _too_many() -> ReaderError:
    return ReaderError(f"the .docx body holds more than {MAX_DOCX_PARAGRAPHS} paragraphs")


def _children(element: Any, tag: str) -> Iterator[Any]:
    """The children with ``tag``, looking through content controls and custom XML."""
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _children(child, tag)


def _text(paragraph: Any) -> str:
    """A paragraph's visible text: runs, tabs and line breaks, in order."""
    parts: list[str] = []
    for element in paragraph.iter(_T, _TAB, _BR, _CR, _HYPHEN):
        if _skipped(element, paragraph):
            continue
        tag = element.tag
        if tag == _T:
            parts.append(element.text or "")
        elif tag == _TAB:
            parts.append("\t")
        elif tag == _HYPHEN:
            parts.append("-")
        elif tag == _CR or element.get(_W + "type") in (None, "textWrapping"):
            # Page and column breaks are layout, not text (as in python-docx).
            parts.append("\n")
    return "".join(parts)


def _skipped(element: Any, paragraph: Any) -> bool:
    parent = element.getparent()
    while parent is not None and parent is not paragraph:
        if parent.tag in _SKIPPED:
            return True
        parent = parent.getparent()
    return False


def _lines(container: Any) -> Iterator[str]:
    """The non-empty lines of a cell: its paragraphs, and a nested table's rows."""
    for child in container:
        if child.tag == _P:
            text = _text(child)
            if text.strip():
                yield text
        elif child.tag == _TBL:
            for tr in _children(child, _TR):
                cells = ["\n".join(_lines(tc)).strip() for tc in _children(tr, _TC)]
                if any(cells):
                    yield " ".join(c for c in cells if c)
        elif child.tag in _WRAPPERS:
            yield from _lines(child)


def _grid_span(tc: Any) -> int:
    span = tc.find(f"{_W}tcPr/{_W}gridSpan")
    try:
        return max(1, int(span.get(_VAL))) if span is not None else 1
    except (TypeError, ValueError):
        return 1


def _v_merge(tc: Any) -> str | None:
    """``"restart"``, ``"continue"`` or ``None``; a ``vMerge`` without a value continues."""
    merge = tc.find(f"{_W}tcPr/{_W}vMerge")
    if merge is None:
        return None
    return "restart" if merge.get(_VAL) == "restart" else "continue"


def _grid_before(tr: Any) -> int:
    before = tr.find(f"{_W}trPr/{_W}gridBefore")
    try:
        return max(0, int(before.get(_VAL))) if before is not None else 0
    except (TypeError, ValueError):
        return 0


class _Reader:
    def __init__(self) -> None:
        self.blocks: list[Paragraph | Table] = []
        self.paragraphs = 0
        self.tables = 0

    def read(self, container: Any) -> None:
        for child in container:
            if child.tag == _P:
                self.paragraphs += 1
                text = _text(child)
                if text.strip():
                    self.blocks.append(
                        Paragraph(text=text, location=Location(line=self.paragraphs))
                    )
            elif child.tag == _TBL:
                self.blocks.append(self.table(child))
            elif child.tag in _WRAPPERS:
                self.read(child)

    def table(self, tbl: Any) -> Table:
        """Collapse merged cells: each cell once, at its first row and grid column."""
        index = self.tables
        self.tables += 1
        # Per row: [row, column, rowspan, colspan, text]; rowspans grow as merges continue.
        rows: list[list[list[Any]]] = []
        open_merges: dict[int, list[Any]] = {}  # grid column -> the cell a vMerge started
        for r, tr in enumerate(_children(tbl, _TR)):
            row: list[list[Any]] = []
            column = _grid_before(tr)
            continued: dict[int, list[Any]] = {}
            for tc in _children(tr, _TC):
                span = _grid_span(tc)
                merge = _v_merge(tc)
                owner = open_merges.get(column)
                if merge == "continue" and owner is not None:
                    owner[2] += 1
                    continued[column] = owner
                else:
                    cell = [r, column, 1, span, "\n".join(_lines(tc))]
                    row.append(cell)
                    if merge == "restart":
                        continued[column] = cell
                column += span
            # A merge not continued in this row has ended.
            open_merges = continued
            rows.append(row)
        return Table(
            rows=tuple(
                tuple(
                    Cell(
                        text=text,
                        rowspan=rowspan,
                        colspan=colspan,
                        location=Location(table=index, row=r, column=column),
                    )
                    for r, column, rowspan, colspan, text in row
                )
                for row in rows
            ),
            location=Location(table=index),
        )


def sniff_docx(data: bytes) -> float:
    """1 for a ZIP archive that holds ``word/document.xml``, else 0."""
    if not data.startswith(b"PK\x03\x04"):
        return 0.0
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return 1.0 if "word/document.xml" in z.namelist() else 0.0
    except (zipfile.BadZipFile, OSError, ValueError):
        return 0.0


READER = Reader(
    name="docx",
    payload=bytes,
    suffixes=(".docx",),
    sniff=sniff_docx,
    read=lambda payload, hints: read_docx(payload),
    extra=EXTRA,
    legacy=(LEGACY_DOC,),
)
