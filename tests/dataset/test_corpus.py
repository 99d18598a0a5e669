"""Checks across a corpus, and the DuckDB query of docs/dataset.md over the Parquet output."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from govdisclosure import Report, loads
from govdisclosure.dataset import write
from govdisclosure.dataset.checks import check_corpus

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

#: The query of docs/dataset.md: bodies whose 上年结转 is not last year's 结转下年度继续办理.
QUERY = """
WITH r AS (
  SELECT agency_key, "/period/year" AS year,
         "/applications/carried_over/total" AS carried_over,
         "/applications/carried_forward/total" AS carried_forward
  FROM read_parquet(?)
)
SELECT cur.agency_key, cur.year, cur.carried_over, prev.carried_forward AS forward_last_year
FROM r AS cur JOIN r AS prev
  ON cur.agency_key = prev.agency_key AND cur.year = prev.year + 1
WHERE cur.carried_over <> prev.carried_forward
ORDER BY cur.agency_key, cur.year
"""


def _two_years() -> list[Report]:
    later = loads((EXAMPLES / "report-2021.json").read_bytes())
    earlier = loads((EXAMPLES / "report-2021.json").read_bytes())
    earlier = attrs.evolve(
        earlier, period=attrs.evolve(earlier.period, year=2022, start=None, end=None)
    )
    assert earlier.applications is not None
    assert earlier.applications.carried_forward is not None
    # Last year's 结转 (4) is not this year's 上年结转 (2).
    return [earlier, later]


def test_series_across_years_finds_the_carry_over_gap() -> None:
    """A body's two consecutive reports are compared: the carry-over mismatch is T3-7."""
    found = check_corpus(_two_years())
    assert any(f.rule == "T3-7.total" for _, f in found)
    assert {group for group, _ in found} == {"530199:东川县自然资源局"}


def test_duckdb_example_query(tmp_path: Path) -> None:
    """The documented DuckDB query over the Parquet output finds the same body and year."""
    duckdb = pytest.importorskip("duckdb")
    out = tmp_path / "out.parquet"
    write(_two_years(), out)
    rows = duckdb.execute(QUERY, [str(out)]).fetchall()
    assert rows == [("530199:东川县自然资源局", 2023, 2, 4)]
