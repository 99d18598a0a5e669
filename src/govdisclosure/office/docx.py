"""The report as a Word document in the official layout: :func:`render_docx`.

It prints exactly what :func:`govdisclosure.render` prints as HTML (the same blocks: title,
the labelled metadata lines, the six headings, the paragraphs, the three tables with their
merged header and label cells), as a ``.docx`` built with python-docx (the ``docx`` extra).
The tables are taken from the HTML render's table markup, spans and all, so that the Word
document and the web page cannot drift apart; it therefore reads back to the report:
``parse(render(r, "docx")) == r``. ``metadata=False`` leaves out the opening block of labelled
lines, for an office that publishes exactly the official layout (and gives up the round trip
of those fields).
"""

from __future__ import annotations

import io
from typing import Any

from lxml import html as lhtml

from ..model import Report
from ..readers.document import import_extra

__all__ = ["render_docx"]


def _grid(markup: str) -> tuple[list[tuple[int, int, int, int, str, bool]], int, int]:
    """The cells of an HTML table as (row, col, rowspan, colspan, text, header), and its size."""
    table = lhtml.fragment_fromstring(markup)
    taken: set[tuple[int, int]] = set()
    cells = []
    width = 0
    rows = table.findall(".//tr")
    for r, tr in enumerate(rows):
        c = 0
        for td in tr:
            if td.tag not in ("td", "th"):
                continue
            while (r, c) in taken:
                c += 1
            rowspan = int(td.get("rowspan", "1"))
            colspan = int(td.get("colspan", "1"))
            for dr in range(rowspan):
                for dc in range(colspan):
                    taken.add((r + dr, c + dc))
            cells.append((r, c, rowspan, colspan, td.text_content(), td.tag == "th"))
            c += colspan
            width = max(width, c)
    return cells, len(rows), width


def _table(document: Any, markup: str) -> None:
    cells, height, width = _grid(markup)
    table = document.add_table(rows=height, cols=width)
    table.style = "Table Grid"
    for r, c, rowspan, colspan, text, header in cells:
        cell = table.cell(r, c)
        if rowspan > 1 or colspan > 1:
            cell = cell.merge(table.cell(r + rowspan - 1, c + colspan - 1))
        cell.text = text
        if header:
            for run in cell.paragraphs[0].runs:
                run.bold = True


def render_docx(report: Report, *, metadata: bool = True) -> bytes:
    """The report as ``.docx`` bytes in the official layout (see the module documentation)."""
    from ..render import blocks

    docx = import_extra("docx", "python-docx", "docx", "writing a Word document")
    document = docx.Document()
    for kind, text in blocks(report, "html", metadata=metadata):
        if kind == "title":
            document.add_heading(text, level=0)
        elif kind == "heading":
            document.add_heading(text, level=1)
        elif kind == "table-html":
            _table(document, text)
        else:
            document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
