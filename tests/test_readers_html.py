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

from govdisclosure.readers.document import Document
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


if __name__ == "__main__" and sys.argv[1:] == ["--write"]:
    out = {name: _plain(build()) for name, build in sorted(CASES.items())}
    lines = [f"{json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in out.items()]
    EXPECTED.write_text("{\n" + ",\n".join(lines) + "\n}\n", encoding="utf-8")
