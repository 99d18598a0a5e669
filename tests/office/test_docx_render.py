"""``render(r, "docx")``: the official layout as a Word document, and without the metadata."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

docx = pytest.importorskip("docx")

import govdisclosure as g  # noqa: E402
from govdisclosure.cli import main  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "report-2021.json"


def _report() -> g.Report:
    return g.loads(EXAMPLE.read_bytes())


def test_docx_reads_back_and_has_the_printed_tables() -> None:
    """The Word document parses back to the report; table 三 keeps its merged label cells."""
    data = g.render(_report(), "docx")
    assert isinstance(data, bytes)
    assert g.parse(data).report == _report()
    document = docx.Document(io.BytesIO(data))
    assert len(document.tables) == 3
    three = document.tables[1]
    assert three.cell(0, 0).text.startswith("（本列数据的勾稽关系为")
    # 「三、本年度办理结果」 is one cell merged down its rows.
    assert three.cell(5, 0).text == three.cell(20, 0).text == "三、本年度办理结果"


def test_without_metadata_the_labelled_lines_are_left_out() -> None:
    """``metadata=False`` prints no 「机关名称：」 block, in HTML and in Word."""
    report = _report()
    assert "机关名称：" in g.render(report, "html")
    assert "机关名称：" not in g.render(report, "html", metadata=False)
    document = docx.Document(io.BytesIO(g.render(report, "docx", metadata=False)))
    texts = [p.text for p in document.paragraphs]
    assert not any(t.startswith("机关名称：") for t in texts)
    assert "二、主动公开政府信息情况" in texts


def test_render_command_writes_docx(tmp_path: Path) -> None:
    """``render --format docx -o`` writes a Word file; ``--no-metadata`` leaves the block out."""
    out = tmp_path / "年报.docx"
    assert main(["render", str(EXAMPLE), "--format", "docx", "-o", str(out)]) == 0
    assert g.parse(out).report == _report()
    bare = tmp_path / "bare.html"
    assert main(["render", str(EXAMPLE), "--no-metadata", "-o", str(bare)]) == 0
    assert "机关名称：" not in bare.read_text(encoding="utf-8")
