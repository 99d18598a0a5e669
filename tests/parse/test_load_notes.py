"""What loading and reading notice reaches the parse result as findings, before the stages'."""

from __future__ import annotations

from pathlib import Path

import govdisclosure as g

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "examples" / "sources" / "muchang-2023.txt"


def test_a_str_that_names_a_file_says_so() -> None:
    """``parse("report.txt")`` reads the string as text, and a finding says it is a path."""
    result = g.parse(str(SEED))
    assert result.report is None
    assert [f.rule for f in result.findings] == ["parse.path-as-text", "parse.no-report"]
    assert str(SEED) in result.findings[0].message_en
    assert "Path(" in result.findings[0].message_zh


def test_ordinary_text_is_not_taken_for_a_path() -> None:
    """Report text, or a string naming no file, gets no path finding."""
    for text in (SEED.read_text(encoding="utf-8"), "no/such/file.txt", "   "):
        assert "parse.path-as-text" not in [f.rule for f in g.parse(text).findings]


def test_a_readers_findings_reach_the_result() -> None:
    """A lone surrogate the text reader replaced is reported by ``parse`` itself."""
    text = SEED.read_text(encoding="utf-8").replace("木场乡", "木\ud800场乡", 1)
    result = g.parse(text)
    assert result.findings[0].rule == "read.surrogate"
    assert result.report is not None


def test_a_declared_charset_that_is_no_encoding_is_reported() -> None:
    """A ``<meta charset="rot13">`` page is decoded as usual, and the finding says so."""
    body = SEED.read_text(encoding="utf-8").replace("\n", "<br>\n")
    page = f'<html><head><meta charset="rot13"></head><body>{body}</body></html>'
    result = g.parse(page.encode("gb18030"))
    assert result.findings[0].rule == "read.charset.unknown"
    assert result.report is not None
    assert result.report.agency.name == "镇康县木场乡人民政府"
