"""The reporting year and period: never from a document number, reconciled with the period."""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

import pytest

from govdisclosure.parse import api, parse
from govdisclosure.parse.collect import Collector
from govdisclosure.parse.items import items
from govdisclosure.parse.narrative import agency, dates, overview
from govdisclosure.parse.narrative.dates import find_period, year_from_title
from govdisclosure.parse.sections import sections

_FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "parse"


def test_a_document_number_is_not_a_year() -> None:
    """「〔2021〕」 in a document number gives no year; the title's own year does."""
    assert year_from_title("依据国办公开办函〔2021〕30号编制的年度报告") is None
    assert (
        year_from_title("云溪县水利局2022年政府信息公开工作年度报告（国办公开办函〔2021〕30号）")
        == 2022
    )


def test_a_doubled_year_in_the_period_is_repaired() -> None:
    """「202020年12月31日」 is read as 2020-12-31 and marked repaired."""
    found = find_period("统计期限自2020年1月1日起至202020年12月31日止。")
    assert found is not None
    start, end, _, repaired = found
    assert (start, end, repaired) == (dt.date(2020, 1, 1), dt.date(2020, 12, 31), True)


def _doc(title: str, published: str) -> str:
    return (
        f"{title}\n发布日期：{published}\n一、总体情况\n"
        "本报告统计期限从2023年1月1日到12月31日止。余5件转2024年度办理。\n"
        "二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n"
        "四、政府信息公开行政复议、行政诉讼情况\n"
    )


def test_the_publication_date_settles_a_title_that_contradicts_the_period() -> None:
    """Title 2022, period 2023, published 2024: the year is 2023, with parse.year.conflict."""
    result = parse(_doc("云溪县审计局2022年政府信息公开工作年度报告", "2024-01-15"), format="text")
    assert result.report is not None
    assert result.report.period.year == 2023
    (conflict,) = [f for f in result.findings if f.rule == "parse.year.conflict"]
    assert conflict.actual == [2022, 2023]


def test_without_a_tie_breaker_the_title_is_kept_and_the_conflict_reported() -> None:
    """Title 2022, period 2023, published in 2023: the title's year stands, reported."""
    result = parse(_doc("云溪县审计局2022年政府信息公开工作年度报告", "2023-01-15"), format="text")
    assert result.report is not None
    assert result.report.period.year == 2022
    assert "parse.year.conflict" in {f.rule for f in result.findings}


def test_no_title_line_year_from_the_period_not_next_years_work() -> None:
    """Without a title the period gives the year; 「转2024年度办理」 never does."""
    result = parse(_doc("", "2024-01-15").lstrip("\n"), format="text")
    assert result.report is not None
    assert result.report.period.year == 2023
    assert result.report.source.title is None


@pytest.mark.parametrize(
    "name",
    [
        "html-2021-township",
        "text-pdf-period-wrapped",
        "text-date-duplicated-year",
        "text-year-period-contradicts-title",
        "text-year-only-in-body",
    ],
)
def test_a_shared_reading_of_the_period_gives_what_each_reading_gives(name: str) -> None:
    """The year and the period read with one shared reading of the stated period (read once)
    are those, with the same findings and sources, that each reads on its own."""
    source = next((_FIXTURES / name).glob("source.*"))
    fmt, payload = api._load(source, None, [])
    doc = api._read(fmt, payload)
    parts = sections(items(doc), doc.format).parts
    title = overview.title(Collector(), parts[0])[0]
    signed = agency.signature(parts)[0]
    calls: list[object] = []

    def read() -> dates.Stated | None:
        calls.append(None)
        return dates.stated_period(parts)

    shared = functools.cache(read)
    alone, together = Collector(), Collector()
    year = dates.year(alone, {}, title, parts, {}, signed)
    assert year is not None
    assert dates.year(together, {}, title, parts, {}, signed, stated=shared) == year
    assert dates.period(together, {}, parts, year, stated=shared) == dates.period(
        alone, {}, parts, year
    )
    assert (together.findings, together.sources) == (alone.findings, alone.sources)
    assert len(calls) <= 1
