"""The time budget inside the text reader and the parse stages: a slow text is an error, not a hang.

The limit (``MAX_PARSE_SECONDS``) is lowered for each test, and the input is really slow under it
(a text of many lines): nothing is mocked, the clock runs. A small input under the same limit
reads fine, so the checks do not fire without cause.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

import govdisclosure as g
from govdisclosure import _budget
from govdisclosure.parse.items import Item
from govdisclosure.parse.narrative import overview
from govdisclosure.readers.document import TimeLimitError
from govdisclosure.readers.text import read_text

# Many short lines: the reader's and the stages' loops take about a second over them.
_SLOW = "我局坚持以公开为常态、不公开为例外。\n" * 400_000
_LIMIT = 0.05


def test_a_slow_text_stops_at_the_limit_as_a_parse_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """``parse`` of a text slower than the limit raises ``ParseError`` naming the limit."""
    monkeypatch.setattr(_budget, "MAX_PARSE_SECONDS", _LIMIT)
    read_text("一、总体情况\n本年度无。")  # well within the limit
    with pytest.raises(g.ParseError, match=r"took more than 0\.05 seconds") as raised:
        g.parse(_SLOW)
    assert raised.value.finding.rule == "parse.unreadable"


def test_the_reader_raises_a_reader_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """The text reader itself raises ``TimeLimitError``, a ``ReaderError``."""
    monkeypatch.setattr(_budget, "MAX_PARSE_SECONDS", _LIMIT)
    with pytest.raises(g.readers.ReaderError) as raised:
        read_text(_SLOW)
    assert isinstance(raised.value, TimeLimitError)


def test_a_parse_stage_stops_at_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    """A narrative stage over a document of very many paragraphs, inside a budget (``parse``
    opens one for its stages), raises ``ParseError``."""
    paras = [Item("para", text=f"（{n % 9 + 1}）第{n}段。") for n in range(50_000)]
    monkeypatch.setattr(_budget, "MAX_PARSE_SECONDS", _LIMIT)
    with _budget.limit():
        overview.overview([], paras[:10])  # well within the limit
    with (
        _budget.limit(),
        pytest.raises(g.ParseError, match="parsing the document took more than"),
    ):
        overview.overview([], paras)


def test_an_outer_budget_is_kept_by_inner_scopes(monkeypatch: pytest.MonkeyPatch) -> None:
    """A scope opened inside another keeps the outer deadline: one parse, one budget."""
    monkeypatch.setattr(_budget, "MAX_PARSE_SECONDS", _LIMIT)
    with _budget.limit():
        time.sleep(2 * _LIMIT)
        with _budget.limit(), pytest.raises(TimeLimitError):
            _budget.check_reading()
    _budget.check_reading()  # outside any scope: nothing to check


def test_the_stages_of_an_html_page_are_under_the_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    """The stages after any reader share one deadline: an HTML page of very many paragraphs
    (the HTML reader has no clock of its own) stops in the item and section stages."""
    page = "<html><body>" + "<p>我局坚持以公开为常态。</p>" * 100_000 + "</body></html>"
    g.parse("<p>一、总体情况</p><p>本年度无。</p>", format="html")  # well within any limit
    monkeypatch.setattr(_budget, "MAX_PARSE_SECONDS", _LIMIT)
    with pytest.raises(g.ParseError, match="parsing the document took more than") as raised:
        g.parse(page, format="html")
    stages = {Path(str(entry.path)).name for entry in raised.traceback}
    assert stages & {"items.py", "sections.py"}, stages
