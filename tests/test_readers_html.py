"""The HTML reader gives the same Document as the committed expected outputs, page for page.

The expected outputs (``tests/fixtures/readers/html-documents.json``) hold every block, cell,
span, location and finding the reader gave for each page when they were recorded: the HTML
fixtures, the rendered example report (kept as ``rendered-2021.html``), portal pages heavy
with navigation, the reader's edge cases and HTML pasted into text. A change to the reader
that changes any of them fails here.
Regenerate with ``python -m tests.test_readers_html --write`` only for an intended change.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest

from govdisclosure.parse.tables.spans import resolve_spans
from govdisclosure.readers import html as _html
from govdisclosure.readers.document import Document, Table
from govdisclosure.readers.html import read_html
from govdisclosure.readers.text import read_text
from tests import _htmlgen

ROOT = Path(__file__).resolve().parents[1]
EXPECTED = ROOT / "tests" / "fixtures" / "readers" / "html-documents.json"
FIXTURES = sorted((ROOT / "tests" / "fixtures" / "parse").glob("html-*/source.html"))


def _rendered() -> str:
    # Rendered once from examples/report-2021.json and kept, so a change to the HTML renderer
    # does not show up here as a change to the reader.
    return (ROOT / "tests" / "fixtures" / "readers" / "rendered-2021.html").read_text("utf-8")


def _cases() -> dict[str, Callable[[], Document]]:
    cases: dict[str, Callable[[], Document]] = {}
    for path in FIXTURES:
        source = path.read_text(encoding="utf-8")
        cases[f"fixture:{path.parent.name}"] = lambda s=source: read_html(s)  # type: ignore[misc]  # the default binds the loop variable
    cases["rendered-2021"] = lambda: read_html(_rendered())
    cases["portal-rendered-2021"] = lambda: read_html(
        _htmlgen.portal_page(_rendered(), menus=2, seed=1)
    )
    township = FIXTURES[-1].read_text(encoding="utf-8") if FIXTURES else ""
    cases["portal-township"] = lambda: read_html(_htmlgen.portal_page(township, menus=1, seed=2))
    for name, page in _htmlgen.EDGE_CASES.items():
        cases[f"edge:{name}"] = lambda p=page: read_html(p)  # type: ignore[misc]  # the default binds the loop variable
        cases[f"edge-no-scripts:{name}"] = lambda p=page: read_html(p, scripts=False)  # type: ignore[misc]  # the default binds the loop variable
        cases[f"edge-offset:{name}"] = lambda p=page: read_html(p, line_offset=7)  # type: ignore[misc]  # the default binds the loop variable
    deep = "<div>" * 300 + "<p>深处</p><table><tr><td>格</td></tr></table>" + "</div>" * 300
    cases["deep-nesting"] = lambda: read_html(deep)
    cases["surrogate"] = lambda: read_html("<p>a\ud800b</p><table><tr><td>\udc00</td></tr></table>")
    cases["empty"] = lambda: read_html("")
    pasted = "标题\n正文一行\n" + _htmlgen.EDGE_CASES["cells"] + "\n之后\n<table><tr><td>二</td>"
    cases["text-with-pasted-tables"] = lambda: read_text(pasted)
    return cases


def _plain(doc: Document) -> Any:
    return json.loads(json.dumps(attrs.asdict(doc), default=str, ensure_ascii=False))


CASES = _cases()


def test_every_case_has_an_expected_output() -> None:
    """The expected outputs cover exactly the cases built here."""
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))
    assert sorted(expected) == sorted(CASES)
    assert len(FIXTURES) >= 3


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_reader_gives_the_recorded_document(name: str) -> None:
    """Blocks, cells, spans, locations and findings are exactly as recorded for this page."""
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))
    assert _plain(CASES[name]()) == expected[name]


def _grid_columns(table: Table) -> list[list[int | None]]:
    """Each cell's column in the parser's grid, or None where the grid has no room for it."""
    grid, _width, _cut = resolve_spans(table)
    starts = {
        id(s.cell): c
        for r, row in enumerate(grid)
        for c, s in enumerate(row)
        if s and s.row == r and s.col == c
    }
    return [[starts.get(id(cell)) for cell in row] for row in table.rows]


def _spanned_tables() -> dict[str, str]:
    wide = "<tr>" + "<td colspan=64>w</td>" * 4 + "<td>past</td></tr>"
    tall = "".join(f"<tr><td rowspan=1000 colspan=64>{i}</td><td>x</td></tr>" for i in range(8))
    return {
        "left of a rowspan": "<tr><td rowspan=2>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr>",
        "under a colspan": "<tr><td colspan=3>h</td></tr><tr><td>1</td><td>2</td><td>3</td></tr>",
        "rowspans crossing": "<tr><td>a</td><td rowspan=3>b</td><td rowspan=2>c</td></tr>"
        "<tr><td>d</td><td>e</td></tr><tr><td>f</td><td>g</td><td>h</td></tr>",
        "rowspan past the last row": "<tr><td rowspan=9>a</td><td>b</td></tr><tr><td>c</td></tr>",
        "wider than the grid": wide,
        "more slots than the grid": tall,
    }


@pytest.mark.parametrize("name", sorted(_spanned_tables()))
def test_a_cell_is_located_at_its_grid_column(name: str) -> None:
    """A cell's column is where the parser's grid puts it: spans to its left and above count."""
    (table,) = read_html("<table>" + _spanned_tables()[name] + "</table>").blocks
    assert isinstance(table, Table)
    assert [[c.location.column for c in row] for row in table.rows] == _grid_columns(table)


def test_a_cell_past_the_grid_has_no_column() -> None:
    """Past the grid's width or its slots, a cell is kept with its text but has no column."""
    (wide,) = read_html("<table>" + _spanned_tables()["wider than the grid"] + "</table>").blocks
    assert isinstance(wide, Table)
    assert [(c.text, c.location.column) for c in wide.rows[0]][-2:] == [("w", 192), ("past", None)]
    (tall,) = read_html(
        "<table>" + _spanned_tables()["more slots than the grid"] + "</table>"
    ).blocks
    assert isinstance(tall, Table)
    assert [c.location.column for c in tall.rows[-1]] == [None, None]


@pytest.mark.parametrize("name", sorted(CASES))
def test_every_recorded_cell_is_at_its_grid_column(name: str) -> None:
    """On every recorded page, each table cell's column is its column in the parser's grid."""
    for block in CASES[name]().blocks:
        if isinstance(block, Table):
            assert [[c.location.column for c in row] for row in block.rows] == _grid_columns(block)


@pytest.mark.parametrize(
    "text",
    [
        "<div>" * 201,
        "<DIV>" * 150 + "<Span class='a/b'>" * 51,
        "<ſpan>" * 201,
        "<dıv>" * 201 + "</div>",
        "<div/>" * 300 + "<div>" * 201,
        "<div id=x>" * 120 + "</span>" * 3 + "<font>" * 90,
    ],
)
def test_the_depth_bound_is_never_below_the_depth(text: str) -> None:
    """Wherever the exact scan would flatten a page, the cheap bound sends the page to it."""
    assert _html._flatten(text)[1] > _html.MAX_DEPTH
    assert _html._may_nest_deeper(text)


def test_normal_pages_skip_the_exact_depth_scan() -> None:
    """The bound lets an ordinary page (wrappers opened and closed) through without the scan."""
    page = "<div class='a'><span>一</span><br/></div>" * 500
    assert _html._flatten(page)[1] == 0
    assert not _html._may_nest_deeper(page)


def test_control_characters_and_surrogates_are_removed_as_before() -> None:
    """Control characters go (form feed is white space), a lone surrogate becomes U+FFFD."""
    doc = read_html("<p>a\x01b\x0bc\x0cd\x7fe\x00f</p><table><tr><td>1\x1f2</td></tr></table>")
    assert [getattr(b, "text", None) for b in doc.blocks] == ["abc def", None]
    assert isinstance(doc.blocks[1], Table)
    assert doc.blocks[1].rows[0][0].text == "12"
    doc = read_html("<p>a\ud800\x01b</p>")
    assert [b.text for b in doc.blocks if not isinstance(b, Table)] == ["a\ufffdb"]
    assert [f.rule for f in doc.findings] == ["read.surrogate"]


if __name__ == "__main__" and sys.argv[1:] == ["--write"]:
    out = {name: _plain(build()) for name, build in sorted(CASES.items())}
    lines = [f"{json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in out.items()]
    EXPECTED.write_text("{\n" + ",\n".join(lines) + "\n}\n", encoding="utf-8")
