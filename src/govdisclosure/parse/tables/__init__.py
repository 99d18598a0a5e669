"""The three statistical tables read: every value into its cell, by the official labels.

Two ways in, one set of rules, in four steps:

* :mod:`~govdisclosure.parse.tables.tokenize`: a flattened line's cells, or ``None`` for prose.
* :mod:`~govdisclosure.parse.tables.spans` and :mod:`~govdisclosure.parse.tables.grid`:
  **grids** (HTML, Word, ruled PDF tables, pipe rows of equal width) with spans resolved, the
  header rows labelling each column and each data row named by its row label.
* :mod:`~govdisclosure.parse.tables.stream`: **streams** (flattened text and unruled PDF
  lines), rows opened by their labels and filled in the template's column order.
* :mod:`~govdisclosure.parse.tables.placement`: values into catalogue cells. A row whose values
  are fewer than its columns is not spread left to right: in table 三 two values are 自然人 and
  总计, one value is 总计 (the sparse and total-only rows of real reports), and any other count
  is reported and left unplaced.

Nothing is ever filled from position alone when labels say otherwise, and a row that cannot be
named keeps its values out of the report (they are reported as findings with their raw text).
"""

from __future__ import annotations

from .grid import grid_kind
from .placement import table_missing
from .reader import TableReader
from .tokenize import SEPARATOR, Token, tokenize

__all__ = ["SEPARATOR", "TableReader", "Token", "grid_kind", "table_missing", "tokenize"]
