"""The command line for offices: ``template``, and ``validate`` in the form's words."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

openpyxl = pytest.importorskip("openpyxl")

import govdisclosure as g  # noqa: E402
from govdisclosure.cli import main  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "report-2021.json"


def test_template_writes_the_blank_form(tmp_path: Path) -> None:
    """``template --version 2019 -o`` writes the 2019 form; blank, its year is the one error."""
    out = tmp_path / "年报.xlsx"
    assert main(["template", "--version", "2019", "-o", str(out)]) == 0
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["基本信息", "表二", "表三", "表四", "正文"]
    blank = g.parse(out)
    assert blank.report is None
    assert [f.pointer for f in blank.findings if f.severity == "error"] == ["/period/year"]
    wb["基本信息"]["B7"] = 2020
    wb.save(out)
    result = g.parse(out)
    assert result.report is not None
    assert result.report.template_version == "2019"
    assert result.report.applications is not None
    assert result.report.applications.new_requests is not None
    assert result.report.applications.new_requests.total is None


def test_template_from_a_report_prefills_it(tmp_path: Path) -> None:
    """``--from REPORT.json`` prefills the form; parsing it gives the report back."""
    out = tmp_path / "年报.xlsx"
    assert main(["template", "--from", str(EXAMPLE), "-o", str(out)]) == 0
    assert g.parse(out).report == g.loads(EXAMPLE.read_bytes())


def test_template_from_an_unreadable_report_is_status_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A --from file that is not JSON says so on stderr, exit 2, and writes nothing."""
    bad = tmp_path / "bad.json"
    bad.write_text("{nope", encoding="utf-8")
    out = tmp_path / "x.xlsx"
    assert main(["template", "--from", str(bad), "-o", str(out)]) == 2
    assert "not JSON" in capsys.readouterr().err
    assert not out.exists()


def _planted(tmp_path: Path) -> Path:
    """The example report's form with （七）总计 × 其他 typed over, one too many."""
    src = tmp_path / "年报.xlsx"
    assert main(["template", "--from", str(EXAMPLE), "-o", str(src)]) == 0
    wb = openpyxl.load_workbook(src)
    report = g.loads(EXAMPLE.read_bytes())
    assert report.applications is not None
    assert report.applications.outcomes.total is not None
    right = report.applications.outcomes.total.other
    assert right is not None
    wb["表三"]["I28"] = right + 1
    buffer = io.BytesIO()
    wb.save(buffer)
    src.write_bytes(buffer.getvalue())
    return src


def test_validate_a_workbook_in_chinese_names_the_place(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``validate --lang zh 年报.xlsx`` shows 表/行/列 and the cell, not JSON Pointers."""
    path = _planted(tmp_path)
    assert main(["validate", "--lang", "zh", str(path)]) == 1
    out = capsys.readouterr().out
    assert "表三「（七）总计」行「其他」列" in out
    assert "表三!I28" in out
    assert "/applications/" not in out


def test_validate_json_output_carries_pointer_and_location(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """JSON output has each finding's pointers and its location (zh, en, cell)."""
    assert main(["validate", "--format", "json", str(_planted(tmp_path))]) == 1
    doc = json.loads(capsys.readouterr().out)
    findings = doc["files"][0]["findings"]
    located = [f for f in findings if f["severity"] == "inconsistency"]
    assert located
    for f in located:
        assert f["pointers"]
        assert f["location"]["cell"].startswith("表")
    suspect = doc["files"][0]["suspects"][0]
    assert suspect["location"]["zh"] == "表三「（七）总计」行「其他」列"


def test_validate_html_writes_the_check_page(tmp_path: Path) -> None:
    """``validate --format html -o check.html`` writes one page marking the cell to fix."""
    page = tmp_path / "check.html"
    assert (
        main(
            [
                "validate",
                "--lang",
                "zh",
                "--format",
                "html",
                "-o",
                str(page),
                str(_planted(tmp_path)),
            ]
        )
        == 1
    )
    text = page.read_text(encoding="utf-8")
    assert 'class="gd-value gd-bad gd-fix"' in text
    assert "以上 3 条不一致将全部消除" in text


def test_importing_office_needs_neither_openpyxl_nor_python_docx() -> None:
    """``import govdisclosure.office`` loads no extra; places work without openpyxl."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "sys.modules['openpyxl'] = None\n"
        "import govdisclosure.office as o\n"
        "assert o.place('/applications/outcomes/total/other', '2021').cell == '表三!I28'\n"
        "assert 'docx' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
