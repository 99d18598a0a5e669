"""The ``parse`` and ``render`` commands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import govdisclosure as g
from govdisclosure.cli import main

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "sources" / "muchang-2023.txt"
HTML = ROOT / "tests" / "fixtures" / "parse" / "html-2021-township" / "source.html"


def test_parse_one_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(SEED)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["file"] == str(SEED)
    assert out["format"] == "text"
    assert out["report"] == json.loads((ROOT / "examples" / "muchang-2023.json").read_text("utf-8"))
    assert "parse.table.missing" in [f["rule"] for f in out["findings"]]


def test_parse_batch_jsonl_with_summary(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(SEED), str(HTML), "--jsonl", "--no-progress"]) == 0
    captured = capsys.readouterr()
    lines = [json.loads(x) for x in captured.out.splitlines()]
    assert [x["format"] for x in lines] == ["text", "html"]
    assert "files read: 2 of 2 (2 with a report)" in captured.err
    assert "tables found: 3 of 6" in captured.err
    assert "cells missing:" in captured.err


def test_progress_bar(capsys: pytest.CaptureFixture[str]) -> None:
    """``--progress`` draws the one (rich) bar on stderr even when it is not a terminal."""
    assert main(["parse", str(SEED), str(HTML), "--jsonl", "--progress"]) == 0
    err = capsys.readouterr().err
    assert "━" in err
    assert "2/2 (100%)" in err


def test_parse_outdir_and_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outdir = tmp_path / "out"
    assert main(["parse", str(SEED), str(HTML), "--outdir", str(outdir)]) == 0
    assert sorted(p.name for p in outdir.iterdir()) == ["muchang-2023.json", "source.json"]
    target = tmp_path / "all.json"
    assert main(["parse", str(SEED), str(HTML), "-o", str(target)]) == 0
    records = json.loads(target.read_text("utf-8"))
    assert [r["format"] for r in records] == ["text", "html"]


def test_parse_validate_and_provenance(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(HTML), "--validate", "--provenance"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["provenance"]["/agency/name"]["raw"] == "镇康县白水镇人民政府"
    rules = {f["rule"] for f in out["findings"]}
    assert all(isinstance(r, str) for r in rules)


def test_unreadable_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    junk = tmp_path / "junk.bin"
    junk.write_bytes(b"\x00\x01\x02\x03" * 64)
    # Unusable input is exit status 2 in every command (it was 1 in parse alone).
    assert main(["parse", str(junk), str(SEED), "--jsonl"]) == 2
    captured = capsys.readouterr()
    first = json.loads(captured.out.splitlines()[0])
    assert first["report"] is None
    assert first["findings"][-1]["rule"] == "parse.unreadable"
    assert first["findings"][-1]["message_en"] == (
        "the input looks like binary data, not text, HTML, PDF or Word"
    )
    assert (
        first["findings"][-1]["message_zh"]
        == "输入像是二进制数据，不是文本、HTML、PDF 或 Word 文档"
    )
    assert "files read: 1 of 2" in captured.err
    assert f"{junk}: the input looks like binary data" in captured.err


def test_parse_error_is_a_bilingual_finding() -> None:
    with pytest.raises(g.ParseError) as info:
        g.parse(b"x", format="odt")
    finding = info.value.finding
    assert finding.rule == "parse.unreadable"
    assert finding.message_en == "unknown format 'odt'; expected one of text, html, pdf, docx, xlsx"
    assert finding.message_zh == "未知格式「odt」，应为 text, html, pdf, docx, xlsx 之一"


@pytest.mark.parametrize("fmt", ["html", "markdown", "text"])
def test_render(fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = ROOT / "examples" / "report-2021.json"
    assert main(["render", str(src), "--format", fmt]) == 0
    out = capsys.readouterr().out
    assert "二、主动公开政府信息情况" in out
    target = tmp_path / f"r.{fmt}"
    assert main(["render", str(src), "--format", fmt, "-o", str(target)]) == 0
    assert target.read_text("utf-8") == out
    report = g.loads(src.read_text("utf-8"))
    from govdisclosure.parse import parse

    assert parse(target).report == report


def test_render_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{}", encoding="utf-8")
    # A document that is not a report cannot be rendered: unusable input, as everywhere.
    assert main(["render", str(bad)]) == 2
    assert main(["render", str(tmp_path / "missing.json")]) == 2


def test_a_directory_is_read_for_its_documents_and_validates_after(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reports, out = tmp_path / "reports", tmp_path / "json"
    (reports / "sub").mkdir(parents=True)
    (reports / "seed.txt").write_bytes(SEED.read_bytes())
    (reports / "sub" / "page.html").write_bytes(HTML.read_bytes())
    (reports / "notes.csv").write_text("a,b\n")
    assert main(["parse", str(reports), "--outdir", str(out), "--validate"]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["page.json", "seed.json"]
    capsys.readouterr()
    # The seed holds none of the three tables: its record is not clean (record.no-tables).
    assert main(["validate", str(out)]) == 1
    text = capsys.readouterr().out
    assert "2 files, 1 with errors" in text
    assert "record.no-tables" in text


def test_an_empty_directory_has_nothing_to_parse(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["parse", str(tmp_path)]) == 2
    assert "no documents" in capsys.readouterr().err


def test_an_unwritable_output_is_a_message(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(SEED), "-o", "/nonexistent/dir/x.json"]) == 2
    assert "No such file or directory" in capsys.readouterr().err


def test_standard_input(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import io
    import sys

    stdin = io.TextIOWrapper(io.BytesIO(SEED.read_bytes()), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    assert main(["parse", "-"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["file"] == "-"
    assert record["report"]["agency"]["name"] == "镇康县木场乡人民政府"
