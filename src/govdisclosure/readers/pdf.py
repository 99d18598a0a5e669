"""The PDF reader's registry entry: PDF files with a text layer, read by :mod:`.pdf_engine`.

The reading engine (PDFium, in :mod:`.pdf_engine`) is imported only when a PDF is read, so
declaring the entry imports neither it nor its library. The entry claims input whose first
non-blank bytes are ``%PDF-``, and the ``.pdf`` suffix; it needs the ``pdf`` extra.
"""

from __future__ import annotations

from .document import Document
from .entry import Extra, Hints, Reader

__all__ = ["EXTRA", "READER", "read", "sniff_pdf"]

#: The PDF engine's library, behind the ``pdf`` extra.
EXTRA = Extra(name="pdf", module="pypdfium2", package="pypdfium2")


def sniff_pdf(data: bytes) -> float:
    """1 when the data starts with ``%PDF-``, leading white space aside, else 0."""
    return 1.0 if data[:1024].lstrip().startswith(b"%PDF-") else 0.0


def read(data: bytes, hints: Hints) -> Document:
    """Read a PDF through :func:`.pdf_engine.read_pdf`, with the hints' row labels."""
    from .pdf_engine import RowLabels, read_pdf

    return read_pdf(data, RowLabels.of(hints.row_labels))


READER = Reader(
    name="pdf",
    payload=bytes,
    suffixes=(".pdf",),
    sniff=sniff_pdf,
    read=read,
    extra=EXTRA,
)
