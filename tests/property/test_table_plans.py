"""Property: a table read by the plan of its layout reads exactly as a full reading does.

The grid reader keeps, for each table layout it has read, where each value went
(``parse/tables/grid.py``, ``_TablePlan``). These tests read real layouts with other values in
their cells, once by a plan recorded from the original values and once in full, and compare
the report, the findings and the provenance.
"""

from __future__ import annotations

import functools
import gc
import random
import weakref
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govdisclosure import dumps, loads, render
from govdisclosure.parse.api import _Builder
from govdisclosure.parse.labels import is_value
from govdisclosure.parse.tables import TableReader, grid
from govdisclosure.readers.document import Cell, Document, Table
from govdisclosure.readers.html import read_html
from govdisclosure.readers.text import read_text
from govdisclosure.template import TEMPLATES

ROOT = Path(__file__).resolve().parents[2]

# What real value cells hold: counts, blanks, 「/」 and dashes, amounts, and words where a
# value stands (those change the layout, so a new plan is made).
_VALUES = [
    "",
    " ",
    "0",
    "1",
    "7",
    "12",
    "305",
    "1,234",
    "3.5",
    "-2",
    "/",
    "—",
    "－",
    "约6500",
    "见附件",
]


@functools.cache
def _documents() -> dict[str, Document]:
    docs = {}
    for name in ("report-2021.json", "report-2019.json", "muchang-2023.json"):
        report = loads((ROOT / "examples" / name).read_bytes())
        docs[f"{name} html"] = read_html(render(report, "html"))
        docs[f"{name} markdown"] = read_text(render(report, "markdown"))
    for fixture in ("html-2021-township", "html-2019-district", "html-2019-unusual-name"):
        source = ROOT / "tests" / "fixtures" / "parse" / fixture / "source.html"
        docs[fixture] = read_html(source.read_text(encoding="utf-8"))
    return docs


def _with_values(doc: Document, seed: int) -> Document:
    """``doc`` with other values (or blanks) in some of its tables' value and blank cells."""
    rng = random.Random(seed)
    blocks: list[Any] = []
    for block in doc.blocks:
        if isinstance(block, Table):
            block = Table(
                rows=tuple(
                    tuple(
                        attrs.evolve(cell, text=rng.choice(_VALUES))
                        if is_value(cell.text) and rng.random() < 0.7
                        else cell
                        for cell in row
                    )
                    for row in block.rows
                ),
                location=block.location,
            )
        blocks.append(block)
    return attrs.evolve(doc, blocks=tuple(blocks))


def _read(doc: Document) -> tuple[object, ...]:
    result = _Builder(doc).build()
    return (
        None if result.report is None else dumps(result.report),
        result.findings,
        result.provenance,
    )


@pytest.mark.parametrize("name", sorted(_documents()))
@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 2**32))
def test_a_plan_reads_other_values_as_a_full_reading_does(name: str, seed: int) -> None:
    """Values, blanks, 「/」 and words in a known layout's value cells read the same by plan."""
    original = _documents()[name]
    changed = _with_values(original, seed)
    grid._PLANS.clear()
    _read(original)  # the plans of the original's layouts
    by_plan = _read(changed)
    grid._PLANS.clear()
    assert _read(changed) == by_plan


def test_plans_are_made_and_used() -> None:
    """A rendered report's three tables each leave a plan, and a second reading uses them."""
    doc = _documents()["report-2021.json html"]
    grid._PLANS.clear()
    first = _read(doc)
    plans = [p for p in grid._PLANS.values() if p is not None]
    assert len(plans) == 3
    assert sum(len(p.puts) for p in plans) > 150
    assert _read(doc) == first


def _numbered(first: str, second: str) -> Table:
    rows = [
        ["序号", "信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
        [first, "规章", "3", "0", "12"],
        [second, "行政规范性文件", "5", "1", "40"],
    ]
    return Table(rows=tuple(tuple(Cell(text=x) for x in row) for row in rows))


def _read_table(table: Table) -> tuple[object, ...]:
    reader = TableReader(TEMPLATES["2021"].version)
    ok = reader.read_grid(table, 0)
    return ok, reader.values, reader.findings, reader.objects, reader.found


def test_a_row_number_read_as_a_label_is_checked() -> None:
    """Row numbers (values) in a column without a header are read as labels: the plan keeps
    them, and a table numbered otherwise is read in full, as a fresh reading reads it."""
    grid._PLANS.clear()
    first = _read_table(_numbered("1", "2"))
    (plan,) = [p for p in grid._PLANS.values() if p is not None]
    assert plan.labelled == ((1, 0, "1"), (2, 0, "2"))
    assert plan.applies(_numbered("1", "2"))
    assert not plan.applies(_numbered("1", "3"))
    assert _read_table(_numbered("1", "2")) == first
    by_plan = _read_table(_numbered("一", "3"))
    grid._PLANS.clear()
    assert _read_table(_numbered("一", "3")) == by_plan


def test_a_huge_table_leaves_no_plan() -> None:
    """A table far larger than any official one is read in full and leaves no plan behind."""
    header = ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]
    rows = [header] + [["规章", str(i), "0", "1"] for i in range(1000)]
    table = Table(rows=tuple(tuple(Cell(text=x) for x in row) for row in rows))
    grid._PLANS.clear()
    ok = _read_table(table)[0]
    assert ok is True
    assert grid._PLANS == {}


def test_the_skeleton_kept_for_a_table_does_not_keep_it_alive() -> None:
    """The skeleton cache holds tables weakly; a table made after it (perhaps at the freed
    address) gets its own kind, not the freed table's."""
    table = _numbered("1", "2")
    assert grid.grid_kind(table) == "二"
    ref = weakref.ref(table)
    del table
    gc.collect()
    assert ref() is None
    other = Table(rows=((Cell(text="收到和处理政府信息公开申请情况"),),))
    assert grid.grid_kind(other) is None
