"""The tables: typed columns, titled headings, the crosswalk, ids and the long forms."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import attrs
import pyarrow as pa

from govdisclosure import Report, loads, validate
from govdisclosure.catalogue import cells
from govdisclosure.dataset import (
    COLUMNS,
    SAME_MEANING,
    Record,
    agency_key,
    cells_table,
    findings_table,
    report_id,
    reports_schema,
    reports_table,
    to_pandas,
)

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _report(name: str) -> Report:
    return loads((EXAMPLES / name).read_bytes())


def test_counts_are_nullable_integers() -> None:
    """A blank cell is null in an int64 column, and Int64 <NA> in pandas: never NaN, never 0."""
    r = _report("report-2021.json")
    r.applications.new_requests.natural_person = None  # type: ignore[union-attr]
    table = reports_table([r, _report("report-2019.json")])
    col = table["/applications/new_requests/natural_person"]
    assert col.type == pa.int64()
    assert col.to_pylist()[0] is None
    assert col.to_pylist()[1] is not None
    df = to_pandas(table)
    assert str(df["/applications/new_requests/natural_person"].dtype) == "Int64"
    assert df["/applications/new_requests/natural_person"].isna().tolist() == [True, False]


def test_amounts_are_exact() -> None:
    """An amount is the exact decimal text of the document, digits after the point included."""
    r = _report("report-2021.json")
    r.proactive_disclosure.fees.amount = Decimal("12.5600")  # type: ignore[union-attr]
    table = reports_table([r])
    assert table["/proactive_disclosure/fees/amount"].to_pylist() == ["12.5600"]


def test_every_cell_has_one_column() -> None:
    """Each catalogue cell of each version lands in exactly one column."""
    for version in ("2019", "2021"):
        held = {c.key for c in COLUMNS if version in c.versions}
        for e in cells(version):
            assert e.pointer in held


def test_crosswalk_shares_same_meaning_and_splits_the_rest() -> None:
    """Declared equivalences share a column; a 2019-only cell is empty in a 2021 row."""
    by_key = {c.key: c for c in COLUMNS}
    for q in SAME_MEANING:
        assert by_key[q.pointer].versions == ("2019", "2021")
    table = reports_table([_report("report-2019.json"), _report("report-2021.json")])
    decisions = table["/proactive_disclosure/licensing/decisions"].to_pylist()
    assert None not in decisions
    previous = table["/proactive_disclosure/licensing/previous_items"].to_pylist()
    assert previous[0] is not None
    assert previous[1] is None


def test_headings_in_three_languages() -> None:
    """Headings are unique catalogue titles in Chinese and English, or pointers."""
    zh, en = reports_schema("zh").names, reports_schema("en").names
    assert len(set(zh)) == len(zh) == len(set(en))
    assert "表三 › 一、本年新收政府信息公开申请数量 › 申请人情况 › 自然人" in zh
    assert reports_schema("pointer").names[6] == "/template_version"


def test_agency_key_joins_across_years() -> None:
    """The agency key ignores spacing and full-width forms, and leads with the division code."""
    a = _report("report-2021.json")
    b = attrs.evolve(a, agency=attrs.evolve(a.agency, name=" ".join(a.agency.name)))
    assert agency_key(a) == agency_key(b)
    assert agency_key(a).startswith(f"{a.agency.division_code}:")
    later = attrs.evolve(a, period=attrs.evolve(a.period, year=a.period.year + 1))
    assert report_id(a) != report_id(later)
    assert report_id(a) == report_id(loads((EXAMPLES / "report-2021.json").read_bytes()))


def test_cells_table_is_the_long_form() -> None:
    """One row per reported cell, with its table, labels and unit."""
    r = _report("report-2021.json")
    table = cells_table([r])
    rows = table.to_pylist()
    first = rows[0]
    assert first["report_id"] == report_id(r)
    assert first["table"] == "二"
    assert first["unit"] == "件"
    assert all(row["value"] is not None or row["amount"] is not None for row in rows)


def test_findings_table_has_one_row_per_finding() -> None:
    """The validation findings of a planted inconsistency become rows with rule and messages."""
    r = _report("planted-inconsistency-2021.json")
    found = validate(r).findings
    table = findings_table([Record(r, "x.json", None, tuple(found))])
    assert table.num_rows == len(found) > 0
    assert set(table["stage"].to_pylist()) == {"validation"}
    assert table["rule"].to_pylist() == [f.rule for f in found]


def test_parsed_cells_keep_their_raw_text() -> None:
    """For a parsed report, each cell row carries the text it was read from; its parse
    findings are rows of stage parse."""
    from govdisclosure import parse, render

    result = parse(render(_report("report-2021.json"), "html"))
    rows = cells_table([result]).to_pylist()
    assert rows
    assert all(row["raw"] is not None for row in rows)
    assert findings_table([result])["stage"].to_pylist() == ["parse"] * len(result.findings)
