"""The workbook form: written in the official layout, filled, and read back exactly."""

from __future__ import annotations

import csv
import datetime as _dt
import io
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

openpyxl = pytest.importorskip("openpyxl")

import govdisclosure as g  # noqa: E402
from govdisclosure import parse, validate  # noqa: E402
from govdisclosure.office.grid import grid  # noqa: E402
from govdisclosure.office.layout import (  # noqa: E402
    META_SHEET,
    TEXT_SHEET,
    cell_address,
    meta_fields,
    pointer_addresses,
)
from govdisclosure.office.locate import finding_place, place  # noqa: E402
from govdisclosure.office.readback import CellLocation  # noqa: E402
from govdisclosure.office.workbook import (  # noqa: E402
    GIVEN,
    _choice_label,
    _get,
    sum_formulas,
    text_rows,
    workbook_bytes,
)
from govdisclosure.office.xmltext import escape  # noqa: E402
from govdisclosure.strategies import reports  # noqa: E402

SETTINGS = settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def exact(report: g.Report) -> g.Report:
    """The report as a form can hold it: an empty text is a blank cell, so it reads as None."""
    r = g.from_dict(g.to_dict(report))

    def blank(obj: Any) -> None:
        for f in attrs.fields(type(obj)):
            v = getattr(obj, f.name)
            if v == "" and f.default is None:
                setattr(obj, f.name, None)
            elif attrs.has(type(v)):
                blank(v)
            elif isinstance(v, list):
                if v and isinstance(v[0], str):
                    setattr(obj, f.name, [x for x in v if x != ""])
                for x in v:
                    if attrs.has(type(x)):
                        blank(x)

    blank(r)
    r.overview.subsections = [s for s in r.overview.subsections if s.heading or s.text]
    return r


def fill(version: g.Version, report: g.Report) -> bytes:
    """The blank form of ``version``, filled cell by cell with openpyxl as a person would."""
    wb = openpyxl.load_workbook(io.BytesIO(workbook_bytes(version)))
    formulas = sum_formulas(version)
    for ptr, (sheet, cell) in pointer_addresses(version).items():
        if ptr in formulas or ptr == "/template_version":
            continue
        entry = next(e for e in meta_fields() if e.pointer == ptr) if sheet == META_SHEET else None
        value = _get(report, ptr)
        if entry is not None and entry.kind == "object":
            value = GIVEN if value is not None else None
        elif entry is not None:
            value = _choice_label(entry, value)
        if isinstance(value, Decimal):
            value = float(value)
        if isinstance(value, _dt.date):
            value = value.isoformat()
        if isinstance(value, str):
            value = escape(value)
        target = wb[sheet][cell]
        target.value = value
        if isinstance(value, str):
            target.data_type = "s"
    ws = wb[TEXT_SHEET]
    ws.delete_rows(2, ws.max_row)
    for i, (label, ptr, value) in enumerate(text_rows(report), start=2):
        ws.cell(row=i, column=1, value=label)
        ws.cell(row=i, column=3, value=ptr)
        if value is not None:
            ws.cell(row=i, column=2, value=escape(value)).data_type = "s"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@pytest.mark.parametrize("version", ["2019", "2021"])
@SETTINGS
@given(data=st.data())
def test_filled_form_reads_back_exactly(version: g.Version, data: st.DataObject) -> None:
    """Blank form → filled with openpyxl → parse gives the report back, totals from the rules."""
    report = exact(data.draw(reports(version, consistent=True)))
    result = parse(fill(version, report))
    assert result.findings == []
    assert result.report == report
    total = "/review_litigation/review/total"
    loc = result.provenance[total].location
    assert isinstance(loc, CellLocation)
    assert loc.computed == "T4-1.review"
    assert loc.address == cell_address(total, version)


@pytest.mark.parametrize("version", ["2019", "2021"])
@SETTINGS
@given(data=st.data())
def test_prefilled_form_reads_back_exactly(version: g.Version, data: st.DataObject) -> None:
    """``workbook(version, report)`` reads back to the report, for both versions."""
    report = exact(data.draw(reports(version, consistent=True)))
    result = parse(workbook_bytes(version, report))
    assert result.findings == []
    assert result.report == report


def test_layout_matches_the_printed_tables() -> None:
    """Merged headers, labels and numbering are the template's; totals are rule formulas."""
    wb = openpyxl.load_workbook(io.BytesIO(workbook_bytes("2021")))
    assert wb.sheetnames == ["基本信息", "表二", "表三", "表四", "正文"]
    ws = wb["表三"]
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert "A2:C4" in merged  # the note spans three label columns and three header rows
    assert "D2:J2" in merged  # 申请人情况 over seven columns
    assert "A7:A28" in merged  # 三、本年度办理结果 over its 22 rows
    assert ws["A2"].value.startswith("（本列数据的勾稽关系为")
    assert ws["A5"].value == "一、本年新收政府信息公开申请数量"
    assert ws["B28"].value == "（七）总计"
    assert ws["I28"].value == '=IF(COUNT(I7:I27)<21,"",SUM(I7:I27))'
    assert ws["J5"].value == '=IF(COUNT(D5:I5)<6,"",SUM(D5:I5))'
    rules = [dv for dv in ws.data_validations.dataValidation if dv.type == "whole"]
    assert rules
    assert rules[0].operator == "greaterThanOrEqual"
    assert "D5" in str(rules[0].sqref)
    assert "J5" not in str(rules[0].sqref)
    assert wb["表四"]["A2"].value == "行政复议"


def test_blank_cell_is_none_and_bad_value_is_a_finding() -> None:
    """A blank input is None; text in a count cell is None with a finding naming the cell."""
    wb = openpyxl.load_workbook(io.BytesIO(workbook_bytes("2021")))
    wb[META_SHEET]["B3"] = "某某局"
    wb[META_SHEET]["B7"] = 2024
    wb["表三"]["D5"] = "三"
    out = io.BytesIO()
    wb.save(out)
    result = parse(out.getvalue())
    assert result.report is not None
    assert result.report.applications is not None
    new = result.report.applications.new_requests
    assert new is not None
    assert new.natural_person is None
    assert new.total is None
    assert result.report.review_litigation is not None
    assert result.report.review_litigation.review is not None
    assert result.report.review_litigation.review.upheld is None
    assert [f.rule for f in result.findings] == ["parse.value.not-a-number"]
    assert "表三!D5" in result.findings[0].message_zh


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=reports("2021", consistent=True).map(exact))
def test_planted_error_is_located_by_sheet_cell_and_labels(data: g.Report) -> None:
    """A total typed over by hand, one too many: found at 表三!I28, 「（七）总计」行「其他」列."""
    assert data.applications is not None
    assert data.applications.outcomes.total is not None
    right = data.applications.outcomes.total.other
    assert right is not None
    wb = openpyxl.load_workbook(io.BytesIO(fill("2021", data)))
    wb["表三"]["I28"] = right + 1
    out = io.BytesIO()
    wb.save(out)
    parsed = parse(out.getvalue())
    assert parsed.report is not None
    loc = parsed.provenance["/applications/outcomes/total/other"].location
    assert isinstance(loc, CellLocation)
    assert (loc.address, loc.formula) == ("表三!I28", None)
    result = validate(parsed.report)
    assert not result.ok
    assert len(result.inconsistencies) == 3
    (suspect,) = result.suspects()
    assert (suspect.value, suspect.suggested) == (right + 1, right)
    where = place(suspect.pointer, "2021")
    assert where is not None
    assert (where.zh, where.cell) == ("表三「（七）总计」行「其他」列", "表三!I28")
    for f in result.inconsistencies:
        found = finding_place(f, "2021")
        assert found is not None
        assert found.cell is not None


def test_places_in_the_official_words() -> None:
    """A cell's place names its table, row and column by the printed labels, and its cell."""
    found = place("/applications/outcomes/total/other", "2021")
    assert found is not None
    assert found.zh == "表三「（七）总计」行「其他」列"
    assert found.en == 'Table III, row "(7) Total", column "Other"'
    assert found.cell == "表三!I28"
    four = place("/review_litigation/direct_suit/total", "2021")
    assert four is not None
    assert four.zh == "表四「未经复议直接起诉·总计」列"
    assert place("/agency/name", "2019") == place("/agency/name", "2021")
    assert place("/nowhere", "2021") is None


def test_every_value_cell_has_one_address() -> None:
    """No two pointers share a cell, in either version."""
    for version in g.VERSIONS:
        where = pointer_addresses(version)
        assert len(set(where.values())) == len(where)
        for table in ("二", "三", "四"):
            assert grid(version, table).values()


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
@settings(max_examples=1, deadline=None, suppress_health_check=list(HealthCheck))
@given(report=reports("2021", consistent=True).map(exact))
def test_libreoffice_opens_and_recalculates(tmp_path: Path, report: g.Report) -> None:
    """LibreOffice opens the filled form headless: its CSV shows the totals its formulas
    computed, and its re-saved copy (with cached values) reads back to the same report."""
    src = tmp_path / "年报.xlsx"
    src.write_bytes(fill("2021", report))
    out = tmp_path / "lo"
    cmd = ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile"]
    subprocess.run(
        [*cmd, "--convert-to", "xlsx", "--outdir", str(out), str(src)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    resaved = out / "年报.xlsx"
    # The sheets as CSV (UTF-8, every sheet): LibreOffice's own sums of the formula totals.
    csv_filter = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"
    subprocess.run(
        [*cmd, "--convert-to", csv_filter, "--outdir", str(tmp_path / "csv"), str(src)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    rows = list(csv.reader((tmp_path / "csv" / "年报-表三.csv").open(encoding="utf-8")))
    (total_row,) = [r for r in rows if r[1] == "（七）总计"]
    assert report.applications is not None
    total = report.applications.outcomes.total
    columns = [c.entry.path[-1] for c in grid("2021", "三").values() if c.entry][:7]
    assert total_row[3:10] == [str(getattr(total, name)) for name in columns]
    result = parse(resaved)
    assert result.report == report
    # LibreOffice calculated the totals: read at their cached values, not computed.
    loc = result.provenance["/applications/outcomes/total/total"].location
    assert isinstance(loc, CellLocation)
    assert loc.formula is not None
    assert loc.computed is None


@settings(max_examples=2, deadline=None, suppress_health_check=list(HealthCheck))
@given(report=reports("2021", consistent=True))
def test_another_workbook_is_read_by_its_labels(report: g.Report) -> None:
    """A workbook that is not the form (no field column) is read by the tables' labels."""
    wb = openpyxl.load_workbook(io.BytesIO(workbook_bytes("2021", report)))
    wb[META_SHEET]["C1"] = None
    for ptr, (sheet, cell) in pointer_addresses("2021").items():
        if sheet != META_SHEET:
            value = _get(report, ptr)
            wb[sheet][cell] = float(value) if isinstance(value, Decimal) else value
    out = io.BytesIO()
    wb.save(out)
    result = parse(out.getvalue())
    assert result.format == "xlsx"
    if result.report is None:
        # Known limit (docs/office.md): outside the form, a 项目|内容 sheet's rows are not read
        # as labelled fields, so the year is found only in the text (19xx/20xx) or from the
        # publication date; when neither gives it, no report, and the finding says why.
        assert [f.rule for f in result.findings] in (["parse.year.missing"], ["parse.no-report"])
        return
    assert result.report.applications == report.applications
    assert result.report.review_litigation == report.review_litigation
    assert result.report.proactive_disclosure == report.proactive_disclosure
