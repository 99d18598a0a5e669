"""For the office that writes the report: the workbook form, places in its words, the check page.

Each concern is a module (see ``docs/office.md``): :mod:`.grid` (the tables as printed),
:mod:`.layout` (where each value sits in the workbook), :mod:`.locate` (表/行/列 places),
:mod:`.workbook` (the form, written), :mod:`.readback` (the form, read), :mod:`.fix` (the
one-cell correction), :mod:`.checkpage` (the HTML check page) and :mod:`.docx` (the Word
render). Importing this package imports neither openpyxl nor python-docx; the functions that
write or read a workbook or a Word file import them when called (the ``xlsx`` and ``docx``
extras).
"""

from __future__ import annotations

from .checkpage import check_page
from .fix import Fix, best_fix
from .locate import Place, finding_place, place, with_place
from .readback import CellLocation, read_workbook
from .workbook import workbook, workbook_bytes, write_workbook

__all__ = [
    "CellLocation",
    "Fix",
    "Place",
    "best_fix",
    "check_page",
    "finding_place",
    "place",
    "read_workbook",
    "with_place",
    "workbook",
    "workbook_bytes",
    "write_workbook",
]
