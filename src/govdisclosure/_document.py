"""The document model under its old name: a re-export of :mod:`govdisclosure.readers.document`.

Kept so that modules written against the old layout (the PDF engine, the table reader) import
the same classes; new code imports from :mod:`govdisclosure.readers.document`.
"""

from __future__ import annotations

from .readers.document import (
    Cell,
    Document,
    Location,
    Paragraph,
    ReaderError,
    Table,
    import_extra,
)

__all__ = ["Cell", "Document", "Location", "Paragraph", "ReaderError", "Table", "import_extra"]
