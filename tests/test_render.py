"""The renderers: the official layout, labels and spans, in HTML, Markdown and text."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

import govdisclosure as g
from govdisclosure import template as t
from govdisclosure.catalogue import cells
from govdisclosure.parse import parse
from govdisclosure.render import render

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module", params=["2019", "2021"])
def report(request: pytest.FixtureRequest) -> g.Report:
    return g.loads((ROOT / "examples" / f"report-{request.param}.json").read_text(encoding="utf-8"))


def _tables(html: str) -> list[etree._Element]:
    root = etree.fromstring(html.encode("utf-8"), etree.HTMLParser())
    return list(root.iter("table"))


def _spans(table: etree._Element) -> list[tuple[str, int, int]]:
    out = []
    for cell in table.iter("td", "th"):
        text = "".join(cell.itertext())  # type: ignore[arg-type]  # lxml yields str; stubs say bytes too
        out.append((text, int(cell.get("rowspan", "1")), int(cell.get("colspan", "1"))))
    return out


@pytest.mark.parametrize("fmt", ["html", "markdown", "text"])
def test_every_format_reads_back(report: g.Report, fmt: str) -> None:
    assert parse(render(report, fmt), format="html" if fmt == "html" else "text").report == report


def test_sections_in_order(report: g.Report) -> None:
    html = render(report, "html")
    positions = [html.index(f"<h2>{label.zh}</h2>") for label in t.SECTIONS]
    assert positions == sorted(positions)


def test_every_cell_label_is_printed(report: g.Report) -> None:
    html = render(report, "html")
    for entry in cells(report.template_version):
        for label in (*entry.row, *entry.column):
            assert label.zh in html, label.zh


def test_table_three_spans(report: g.Report) -> None:
    table = _tables(render(report, "html"))[1]
    spans = _spans(table)
    assert (t.APPLICATIONS_NOTE.zh, 3, 3) in spans
    assert (t.APPLICANTS.zh, 1, 7) in spans
    assert (t.LEGAL_PERSONS.zh, 1, 5) in spans
    assert (t.NATURAL_PERSON.label.zh, 2, 1) in spans
    outcomes = 22 if report.template_version == "2021" else 20
    assert (t.ROW_OUTCOMES.label.zh, outcomes, 1) in spans
    assert (t.ROW_WITHHELD.label.zh, 8, 1) in spans
    assert (t.ROW_NEW.label.zh, 1, 3) in spans
    assert (t.ROW_DISCLOSED.label.zh, 1, 2) in spans


def test_table_four_spans(report: g.Report) -> None:
    spans = _spans(_tables(render(report, "html"))[2])
    assert spans[:2] == [(t.REVIEW.zh, 1, 5), (t.LITIGATION.zh, 1, 10)]
    assert (t.UPHELD.label.zh, 2, 1) in spans
    assert (t.GROUP_DIRECT_SUIT.label.zh, 1, 5) in spans
    assert len(_tables(render(report, "html"))[2].findall(".//tr")) == 4


def test_table_two_blocks(report: g.Report) -> None:
    spans = _spans(_tables(render(report, "html"))[0])
    width = 4
    assert (t.ART20_1.zh, 1, width) in spans
    if report.template_version == "2021":
        assert (t.DECISIONS.label.zh, 1, 3) in spans
        assert t.ART20_9.zh not in [s[0] for s in spans]
    else:
        assert (t.ART20_9.zh, 1, width) in spans


def test_blank_cells_print_empty_or_slash() -> None:
    report = g.loads((ROOT / "examples" / "report-2021.json").read_text(encoding="utf-8"))
    assert report.review_litigation is not None
    assert report.review_litigation.review is not None
    report.review_litigation.review.pending = None
    html = render(report, "html")
    row = _tables(html)[2].findall(".//tr")[-1]
    assert [c.text for c in row][3] is None
    text = render(report, "text")
    assert "| / |" in text
    back = parse(text).report
    assert back is not None
    assert back.review_litigation is not None
    assert back.review_litigation.review is not None
    assert back.review_litigation.review.pending is None
    assert back.review_litigation.review.upheld == report.review_litigation.review.upheld


def test_missing_rows_and_tables_are_left_out() -> None:
    report = g.loads((ROOT / "examples" / "report-2021.json").read_text(encoding="utf-8"))
    assert report.proactive_disclosure is not None
    report.proactive_disclosure.penalty = None
    report.review_litigation = None
    html = render(report, "html")
    assert len(_tables(html)) == 2
    assert f"<td>{t.ROW_PENALTY.label.zh}</td>" not in html
    assert f"<td>{t.ROW_COERCION.label.zh}</td>" in html
    assert parse(html).report == report


def test_html_escapes_text() -> None:
    report = g.loads((ROOT / "examples" / "report-2021.json").read_text(encoding="utf-8"))
    report.overview.text = "<script>alert(1)</script> & 《条例》"
    html = render(report, "html")
    assert "<script>alert" not in html
    assert parse(html).report == report


def test_unknown_format() -> None:
    report = g.loads((ROOT / "examples" / "report-2021.json").read_text(encoding="utf-8"))
    with pytest.raises(ValueError, match="format"):
        render(report, "pdf")
