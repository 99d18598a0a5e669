"""Notebook display: short reprs and HTML tables for reports, validation and parse results."""

from __future__ import annotations

from pathlib import Path

from govdisclosure import loads, parse, validate

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def test_report_repr_is_short_and_html_has_the_tables() -> None:
    """A report's repr is one short line; its HTML is the official tables, not a page."""
    r = loads((EXAMPLES / "report-2021.json").read_bytes())
    assert repr(r) == "<Report 2021 东川县自然资源局 2023>"
    page = r._repr_html_()
    assert '<table class="gd-table"' in page
    assert "<body>" not in page
    assert "本年新收政府信息公开申请数量" in page


def test_validation_report_shows_its_findings() -> None:
    """A validation report's HTML lists each finding's rule; its repr counts them."""
    vr = validate(loads((EXAMPLES / "planted-inconsistency-2021.json").read_bytes()))
    assert repr(vr).startswith("<ValidationReport not ok: ")
    page = vr._repr_html_()
    for f in vr.findings:
        assert f.rule in page


def test_parse_result_repr_and_html() -> None:
    """A parse result names its format and report, and shows its findings and tables."""
    pr = parse(EXAMPLES / "sources" / "muchang-2023.txt")
    assert repr(pr).startswith("<ParseResult text <Report 2021 镇康县木场乡人民政府 2023")
    assert len(repr(pr)) < 200
    assert "gd-findings" in pr._repr_html_()
