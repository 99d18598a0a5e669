"""The intermediate form every reader produces: blocks of text and tables, with locations.

Each reader (plain text, HTML, PDF, Word) turns its input into a :class:`Document`; one shared
pipeline then finds the template version, the sections, the tables and the narrative in it.
Locations travel with every piece of text so that provenance can say where a value came from.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from types import ModuleType

import attrs

from .._fastinit import maker
from ..findings import Finding

__all__ = [
    "MAX_GRID_SLOTS",
    "MAX_GRID_WIDTH",
    "Cell",
    "Document",
    "Location",
    "Paragraph",
    "ReaderError",
    "Table",
    "TimeLimitError",
    "import_extra",
]


#: The widest table grid read (spans expanded); cells beyond it have no column.
MAX_GRID_WIDTH = 200
#: The most grid slots (rows × columns, spans expanded) read from one table. A reader that
#: places cells in the grid (HTML) and the parser's grid reader share both limits.
MAX_GRID_SLOTS = 400_000


@attrs.frozen(kw_only=True)
class Location:
    """Where a piece of text sits in the source. Unknown parts are ``None``.

    ``line`` is 1-based in a text source; ``page`` is 1-based in a PDF; ``table``, ``row`` and
    ``column`` are 0-based indexes of a table in the document and of a cell in its grid.
    """

    line: int | None = None
    page: int | None = None
    table: int | None = None
    row: int | None = None
    column: int | None = None


#: ``Location(line=…, page=…, table=…, row=…, column=…)`` positionally, at half the cost: the
#: readers and the parser make one for every cell and paragraph.
new_location: Callable[..., Location] = maker(Location)


@attrs.frozen(kw_only=True)
class Cell:
    """One cell of a table as the source has it: its raw text and its spans."""

    text: str
    rowspan: int = 1
    colspan: int = 1
    location: Location = Location()


#: ``Cell(text=…, rowspan=…, colspan=…, location=…)`` positionally, at half the cost.
new_cell: Callable[..., Cell] = maker(Cell)


@attrs.frozen(kw_only=True)
class Table:
    """A table as a list of rows of cells, before any spans are resolved."""

    rows: tuple[tuple[Cell, ...], ...]
    location: Location = Location()


@attrs.frozen(kw_only=True)
class Paragraph:
    """A run of text: a paragraph, a heading or a line."""

    text: str
    location: Location = Location()


@attrs.frozen(kw_only=True)
class Document:
    """A source document as an ordered sequence of paragraphs and tables."""

    blocks: tuple[Paragraph | Table, ...]
    #: The name of the reader that produced it (``"text"``, ``"html"``, ``"pdf"``, ``"docx"``).
    format: str
    #: What the reader changed or doubts on the way (``read.*`` findings, see
    #: :mod:`govdisclosure.readers.notes`); the parser adds them to its own.
    findings: tuple[Finding, ...] = ()


class ReaderError(ValueError):
    """Raised when a reader cannot read its input at all.

    The input is not of the reader's format, is damaged or encrypted, or is over one of the
    documented limits. A readable document with no text (a scanned PDF) is not an error: the
    reader returns a :class:`Document` without blocks and the pipeline reports it.
    """


class TimeLimitError(ReaderError):
    """Raised by a reader when the text took more than ``MAX_PARSE_SECONDS`` to read
    (:mod:`govdisclosure._budget`)."""


def import_extra(module: str, package: str, extra: str, purpose: str) -> ModuleType:
    """Import a reader's optional dependency, or say which extra to install for ``purpose``."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise ImportError(
            f"{purpose} needs {package}: install govdisclosure[{extra}]", name=module
        ) from exc
