"""The workbook reader: an ``.xlsx`` file into a :class:`~govdisclosure.readers.document.Document`.

It reads through openpyxl (the ``govdisclosure[xlsx]`` extra), imported only when a file is
read. Each sheet becomes a paragraph (its name) and a :class:`Table` of its used range, merged
cells as one cell with their spans and the covered cells dropped, each cell's text the value
the spreadsheet cached (a formula without one reads as empty). Cell locations give the sheet's
index as ``table`` and the 0-based row and column.

The form this library writes (:mod:`govdisclosure.office`) is read exactly, by its layout, by
:func:`govdisclosure.office.readback.read_workbook`; ``parse`` uses that for a workbook that
is the form and this reader for any other workbook.

Limits: at most :data:`MAX_XLSX_BYTES` bytes, unpacking to at most
:data:`MAX_XLSX_UNPACKED_BYTES` (checked before anything is decompressed).
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from .document import Cell, Document, Location, Paragraph, ReaderError, Table, import_extra
from .entry import Extra, Reader

__all__ = [
    "EXTRA",
    "MAX_XLSX_BYTES",
    "MAX_XLSX_UNPACKED_BYTES",
    "READER",
    "check_archive",
    "read_xlsx",
]

#: openpyxl, behind the ``xlsx`` extra.
EXTRA = Extra(name="xlsx", module="openpyxl", package="openpyxl")
#: The largest workbook the reader accepts, in bytes.
MAX_XLSX_BYTES = 64 * 1024 * 1024
#: The most bytes the archive's members may unpack to, in all.
MAX_XLSX_UNPACKED_BYTES = 256 * 1024 * 1024


def check_archive(data: bytes) -> None:
    """Refuse bytes that are not an ``.xlsx`` archive or are over a limit (before unpacking)."""
    if len(data) > MAX_XLSX_BYTES:
        raise ReaderError(f"{len(data)} bytes is over the limit of {MAX_XLSX_BYTES}")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise ReaderError("not an .xlsx workbook (not a ZIP archive)") from None
    if "xl/workbook.xml" not in names:
        raise ReaderError("not an .xlsx workbook (no xl/workbook.xml)")
    if unpacked > MAX_XLSX_UNPACKED_BYTES:
        raise ReaderError(f"unpacks to {unpacked} bytes, over {MAX_XLSX_UNPACKED_BYTES}")


def sniff_xlsx(data: bytes) -> float:
    """1 for a ZIP archive holding ``xl/workbook.xml``, else 0."""
    if not data.startswith(b"PK\x03\x04"):
        return 0.0
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return 1.0 if "xl/workbook.xml" in archive.namelist() else 0.0
    except zipfile.BadZipFile:
        return 0.0


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_xlsx(data: bytes) -> Document:
    """Read every sheet of a workbook as a paragraph (its name) and a table, in order."""
    openpyxl = import_extra("openpyxl", "openpyxl", "xlsx", "reading a workbook")
    check_archive(data)
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds on damaged input
        raise ReaderError(f"not a readable workbook: {exc}") from None
    blocks: list[Paragraph | Table] = []
    for index, ws in enumerate(wb.worksheets):
        spans: dict[tuple[int, int], tuple[int, int]] = {}
        covered: set[tuple[int, int]] = set()
        for rng in ws.merged_cells.ranges:
            spans[(rng.min_row, rng.min_col)] = (
                rng.max_row - rng.min_row + 1,
                rng.max_col - rng.min_col + 1,
            )
            covered.update(
                (r, c)
                for r in range(rng.min_row, rng.max_row + 1)
                for c in range(rng.min_col, rng.max_col + 1)
                if (r, c) != (rng.min_row, rng.min_col)
            )
        rows = []
        for row in ws.iter_rows():
            cells = []
            for cell in row:
                at = (cell.row, cell.column)
                if at in covered:
                    continue
                rowspan, colspan = spans.get(at, (1, 1))
                location = Location(table=index, row=cell.row - 1, column=cell.column - 1)
                cells.append(
                    Cell(
                        text=_text(cell.value),
                        rowspan=rowspan,
                        colspan=colspan,
                        location=location,
                    )
                )
            if any(c.text for c in cells):
                rows.append(tuple(cells))
        blocks.append(Paragraph(text=ws.title, location=Location(table=index)))
        if rows:
            blocks.append(Table(rows=tuple(rows), location=Location(table=index)))
    return Document(blocks=tuple(blocks), format="xlsx")


#: The registry entry: ``.xlsx`` files, ZIP archives holding ``xl/workbook.xml``.
READER: Reader[bytes] = Reader(
    name="xlsx",
    payload=bytes,
    suffixes=(".xlsx",),
    sniff=sniff_xlsx,
    read=lambda payload, hints: read_xlsx(payload),
    extra=EXTRA,
)
