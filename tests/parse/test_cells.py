"""The "never guess" cell rules: a value the parser cannot read for sure is None, with a finding.

Each rule is checked on the cell reader itself and end to end, in a rendered report whose one
cell is changed: the cell becomes ``None`` (never 0, never a guess), every other value stays,
and exactly one finding names the cell and carries the text as printed.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

import govdisclosure as g
from govdisclosure.parse import parse
from govdisclosure.parse.values import read_value
from govdisclosure.render import render
from govdisclosure.template import CellKind

ROOT = Path(__file__).resolve().parents[2]

# (raw text, cell kind, column unit, rule, the English message's reason)
_NAN = "parse.value.not-a-number"
NEVER_GUESS = [
    (
        "2亿元",
        "amount",
        "万元",
        "parse.value.not-a-number",
        "an amount in an unknown unit, not read",
    ),
    ("3美元", "amount", "元", _NAN, "a number followed by text, not read"),
    ("-5", "amount", "万元", _NAN, "a negative amount, not read"),
    ("-5万元", "amount", "元", _NAN, "a negative amount, not read"),
    ("8万条", "count", "件", "parse.value.approximate", "a rounded figure, not read"),
    ("3.5", "count", "件", _NAN, "not a whole number"),
]


@pytest.mark.parametrize(("raw", "kind", "unit", "rule", "reason"), NEVER_GUESS)
def test_the_cell_reader_does_not_guess(
    raw: str, kind: CellKind, unit: str, rule: str, reason: str
) -> None:
    """The reading is None, not blank, and its problem names the rule and the reason."""
    reading = read_value(raw, kind, unit)
    assert reading.value is None
    assert not reading.blank
    assert reading.problem is not None
    assert reading.problem[:2] == (rule, "warning")
    assert reading.problem[2] == f"{reason}: {raw!r}"
    assert raw in reading.problem[3]


@pytest.mark.parametrize(
    ("raw", "kind", "unit", "value"),
    [
        ("12", "count", "件", 12),
        ("3.0", "count", "件", 3),
        ("-3", "signed_count", "项", -3),
        ("1.5万元", "amount", "元", Decimal(15000)),
        ("0.5", "amount", "万元", Decimal("0.5")),
    ],
)
def test_a_plain_or_decorated_number_is_read(
    raw: str, kind: CellKind, unit: str, value: object
) -> None:
    """The rules refuse only what is unsure: plain and convertible figures are read."""
    assert read_value(raw, kind, unit).value == value


@pytest.mark.parametrize("raw", ["", "/", "—", "-", "_", "\u00a0", "（空）"])
def test_a_blank_marker_is_blank_not_zero(raw: str) -> None:
    """Blank markers are None, blank, and raise nothing."""
    reading = read_value(raw, "count", "件")
    assert (reading.value, reading.blank, reading.problem) == (None, True, None)


@pytest.fixture(scope="module")
def rendered() -> tuple[g.Report, str]:
    report = g.from_dict(json.loads((ROOT / "examples" / "report-2021.json").read_text("utf-8")))
    return report, render(report, "text")


# A money cell (万元) and a count cell of table 二, as the rendered 2021 example prints them.
_FEES_ROW = "| 行政事业性收费 | 12.5600 |"
_LICENSING_ROW = "| 行政许可 | 1256 |"
_FEES = "/proactive_disclosure/fees/amount"
_LICENSING = "/proactive_disclosure/licensing/decisions"


@pytest.mark.parametrize(
    ("row", "raw", "ptr", "rule"),
    [
        (_FEES_ROW, "2亿元", _FEES, _NAN),
        (_FEES_ROW, "-12.56", _FEES, _NAN),
        (
            _LICENSING_ROW,
            "8万条",
            "/proactive_disclosure/licensing/decisions",
            "parse.value.approximate",
        ),
        (
            _LICENSING_ROW,
            "3.5",
            "/proactive_disclosure/licensing/decisions",
            "parse.value.not-a-number",
        ),
    ],
)
def test_an_unsure_table_cell_is_none_with_its_finding(
    rendered: tuple[g.Report, str], row: str, raw: str, ptr: str, rule: str
) -> None:
    """In a table the cell is None, the rest of the report is unchanged, one finding says why."""
    report, text = rendered
    assert row in text
    label = row.split("|")[1]
    result = parse(text.replace(row, f"|{label}| {raw} |"))
    assert result.report is not None
    before, after = g.to_dict(report), g.to_dict(result.report)
    table, row_name, cell = ptr[1:].split("/")
    assert after[table][row_name][cell] is None
    after[table][row_name][cell] = before[table][row_name][cell]
    assert after == before
    assert [(f.rule, f.pointers, f.actual) for f in result.findings] == [(rule, (ptr,), raw)]
    assert result.provenance[ptr].raw == raw
