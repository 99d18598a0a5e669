"""The table reader: grids and flattened lines read into one set of cells, by one set of rules.

:class:`TableReader` is a :class:`~govdisclosure.parse.tables.grid.GridReader` that also reads
flattened lines (:meth:`TableReader.read_stream`) through the row assembler of
:mod:`govdisclosure.parse.tables.stream`.
"""

from __future__ import annotations

from collections.abc import Sequence

from .grid import GridReader
from .stream import Stream
from .tokenize import Token

__all__ = ["TableReader"]


class TableReader(GridReader):
    """Collects cell values, the row objects present and findings from every table found."""

    def read_stream(self, lines: Sequence[list[Token]], cut: bool = False) -> None:
        """Read the lines of a flattened table (one or several tables in a row); ``cut`` when
        the text ends inside it."""
        self.tables_read += 1
        stream = Stream(self, None)
        for tokens in lines:
            stream.line(tokens)
        stream.finish(cut)
