"""Raw HTML tables pasted into plain text are read as grids, in place, with text locations.

A scraped page often keeps a table as its markup while the prose around it is flattened. The
text reader hands each ``<table>…</table>`` to the HTML reader; the pipeline then reads it as it
reads a grid in an HTML page, so the report is the same as when the table is printed as pipe
rows, and each value's location gives the text line and its grid cell.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import govdisclosure as g
from govdisclosure.parse import parse
from govdisclosure.render import render
from govdisclosure.template import SECTIONS

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def example() -> g.Report:
    return g.from_dict(json.loads((ROOT / "examples" / "report-2021.json").read_text("utf-8")))


def _pasted(report: g.Report, index: int) -> str:
    """The rendered text with table ``index`` (0 is 二) as its HTML, one tag a line."""
    table = re.findall(r"<table.*?</table>", render(report, "html"), re.S)[index]
    lines = render(report, "text").split("\n")
    start = lines.index(SECTIONS[index + 1].zh)
    end = lines.index(SECTIONS[index + 2].zh)
    return "\n".join([*lines[: start + 1], *table.replace("><", ">\n<").split("\n"), *lines[end:]])


@pytest.mark.parametrize("index", [0, 1, 2])
def test_a_pasted_table_reads_as_its_pipe_rows(example: g.Report, index: int) -> None:
    """Each of the three tables, pasted as HTML into the text, gives the same report."""
    text = _pasted(example, index)
    between = text.split(SECTIONS[index + 1].zh, 1)[1].split(SECTIONS[index + 2].zh, 1)[0]
    assert "<table" in between
    assert "| " not in between
    result = parse(text)
    assert result.format == "text"
    assert result.report == example
    assert result.findings == parse(render(example, "text")).findings


def test_a_pasted_table_is_located_by_line_and_cell(example: g.Report) -> None:
    """A value's location is its line in the text and its row and column in the grid."""
    text = _pasted(example, 0)
    where = parse(text).provenance["/proactive_disclosure/normative_documents/issued"]
    lines = text.split("\n")
    assert where.location.line is not None
    assert "<td>3</td>" in lines[where.location.line - 1]
    assert (where.location.table, where.location.row, where.location.column) == (0, 3, 1)
    assert where.raw == "3"


def test_prose_around_a_pasted_table_is_kept(example: g.Report) -> None:
    """Text before and after the markup stays prose: section 一 and 五 read as before."""
    result = parse(_pasted(example, 0))
    assert result.report is not None
    assert result.report.overview == example.overview
    assert result.report.issues == example.issues
