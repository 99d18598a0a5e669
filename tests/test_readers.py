"""The readers' registry and the loading it drives: suffixes, sniffing, decoding, extras."""

from __future__ import annotations

import ast
import io
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import govdisclosure as g
from govdisclosure.cli import main
from govdisclosure.parse import FORMATS, ParseError, parse
from govdisclosure.readers import (
    READERS,
    SUFFIXES,
    Document,
    Location,
    Paragraph,
    Reader,
    Table,
    sniff_binary,
    sniff_text,
)
from govdisclosure.readers import _index as index_readers
from govdisclosure.readers.docx import LEGACY_DOC
from govdisclosure.readers.encoding import decode, looks_binary
from govdisclosure.readers.text import read_text

from . import _pdfgen as gen

ROOT = Path(__file__).resolve().parents[1]
HTML_FIXTURE = ROOT / "tests" / "fixtures" / "parse" / "html-2021-township"

MINIMAL = """某县财政局2022年政府信息公开工作年度报告
一、总体情况
2022年，我局推进政府信息公开工作。
二、主动公开政府信息情况
三、收到和处理政府信息公开申请情况
四、政府信息公开行政复议、行政诉讼情况
五、存在的主要问题及改进情况
存在不足。
六、其他需要报告的事项
无。
"""
MINIMAL_HTML = (
    "<html><body>" + "".join(f"<p>{x}</p>" for x in MINIMAL.splitlines()) + "</body></html>"
)


def _docx_bytes() -> bytes:
    docx = pytest.importorskip("docx", reason="the Word reader needs govdisclosure[docx]")
    document = docx.Document()
    for line in MINIMAL.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _pdf_bytes() -> bytes:
    pytest.importorskip("reportlab", reason="the test PDFs are drawn with reportlab")
    return gen.lines_pdf([[(200.0, line)] for line in MINIMAL.splitlines()])


def _xlsx_bytes() -> bytes:
    pytest.importorskip("openpyxl")
    from govdisclosure.office.workbook import workbook_bytes

    report = parse(MINIMAL).report
    assert report is not None
    return workbook_bytes(report.template_version, report)


def _sample(reader: Reader[Any]) -> bytes:
    """A small report in the reader's format."""
    samples = {
        "text": lambda: MINIMAL.encode("utf-8"),
        "html": lambda: MINIMAL_HTML.encode("utf-8"),
        "pdf": _pdf_bytes,
        "docx": _docx_bytes,
        "xlsx": _xlsx_bytes,
    }
    return samples[reader.name]()


# -- The registry -----------------------------------------------------------------------------


def test_the_registry_lists_the_five_formats_in_order() -> None:
    """The registry holds text, HTML, PDF, Word and Excel, and parse's FORMATS are its names."""
    assert tuple(READERS) == ("text", "html", "pdf", "docx", "xlsx")
    assert tuple(READERS) == FORMATS
    assert all(reader.name == name for name, reader in READERS.items())


def test_the_suffix_table_is_the_readers_suffixes() -> None:
    """SUFFIXES maps every suffix a reader declares to that reader, and nothing else."""
    declared = {s: r.name for r in READERS.values() for s in r.suffixes}
    assert {s: r.name for s, r in SUFFIXES.items()} == declared
    assert {s for s, r in SUFFIXES.items() if r.name == "html"} >= {
        ".html",
        ".htm",
        ".aspx",
        ".jsp",
        ".php",
        ".xhtml",
    }


def test_binary_readers_take_bytes_and_declare_their_extra() -> None:
    """PDF, Word and Excel read bytes and need an extra; text and HTML read str and need none."""
    assert {n: (r.binary, r.extra and r.extra.name) for n, r in READERS.items()} == {
        "text": (False, None),
        "html": (False, None),
        "pdf": (True, "pdf"),
        "docx": (True, "docx"),
        "xlsx": (True, "xlsx"),
    }


def test_a_suffix_or_name_declared_twice_is_refused() -> None:
    """Building a registry where two readers share a name or a suffix raises ValueError."""
    text, html = READERS["text"], READERS["html"]
    with pytest.raises(ValueError, match=r"\.htm is declared by html and other"):
        index_readers([html, Reader(**{**_fields(text), "name": "other", "suffixes": (".htm",)})])
    with pytest.raises(ValueError, match="two readers are named 'text'"):
        index_readers([text, Reader(**{**_fields(html), "name": "text"})])
    with pytest.raises(ValueError, match="lower case"):
        index_readers([Reader(**{**_fields(text), "suffixes": (".TXT",)})])


def _fields(reader: Reader[Any]) -> dict[str, Any]:
    return {
        "name": reader.name,
        "payload": reader.payload,
        "suffixes": reader.suffixes,
        "sniff": reader.sniff,
        "read": reader.read,
        "extra": reader.extra,
        "legacy": reader.legacy,
    }


def test_declaring_the_readers_imports_no_reading_library() -> None:
    """``import govdisclosure`` registers the readers without importing lxml or the PDF engine."""
    code = (
        "import sys, govdisclosure.readers, govdisclosure.parse\n"
        "print(sorted(m for m in ('lxml', 'docx', 'pypdfium2', 'govdisclosure.readers.pdf_engine')"
        " if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


def test_readers_import_nothing_of_the_template_or_the_model() -> None:
    """No module of the readers package imports the template, the model or the parser."""
    package = ROOT / "src" / "govdisclosure" / "readers"
    banned = ("template", "model", "parse", "_labels", "_specs", "_tables", "_sections")
    found = []
    for path in sorted(package.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""] + [a.name for a in node.names]
                if node.level == 2 or (node.module or "").startswith("govdisclosure"):
                    found += [(path.name, n) for n in names if n.split(".")[-1] in banned]
    assert found == []


# -- Sniffing ---------------------------------------------------------------------------------


def test_binary_sniffing_by_signature() -> None:
    """%PDF- (after white space) is PDF, a ZIP with word/document.xml is Word, else nothing."""
    assert sniff_binary(b"  \n%PDF-1.7 ...") is READERS["pdf"]
    assert sniff_binary(_docx_bytes()) is READERS["docx"]
    assert sniff_binary(b"PK\x03\x04 not really a zip") is None
    assert sniff_binary(MINIMAL.encode("utf-8")) is None


def test_a_legacy_doc_is_sniffed_as_word_and_refused_with_advice() -> None:
    """An OLE compound file goes to the Word reader, which asks for .docx."""
    assert LEGACY_DOC in READERS["docx"].legacy
    assert sniff_binary(LEGACY_DOC.signature + bytes(600)) is READERS["docx"]
    with pytest.raises(ParseError, match=re.escape(LEGACY_DOC.message)):
        parse(LEGACY_DOC.signature + bytes(600))


def test_text_sniffing() -> None:
    """Markup at the start or an html/body/head tag early on is HTML; anything else is text."""
    assert sniff_text(MINIMAL) is READERS["text"]
    assert sniff_text("  <!DOCTYPE html><p>x</p>") is READERS["html"]
    assert sniff_text("标题\n" * 10 + "<body>正文</body>") is READERS["html"]
    assert sniff_text("a < b and <c> is not a tag at the start") is READERS["text"]


# -- A folder reads what a single file reads ---------------------------------------------------


@pytest.mark.parametrize("suffix", [".aspx", ".jsp", ".php", ".xhtml"])
def test_a_folder_picks_up_every_web_page_suffix(
    suffix: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``parse dir/`` reads a .aspx/.jsp/.php/.xhtml page, as ``parse page.aspx`` does."""
    folder = tmp_path / "reports"
    folder.mkdir()
    page = folder / f"report{suffix}"
    page.write_text(MINIMAL_HTML, encoding="utf-8")
    assert main(["parse", str(page)]) == 0
    single = json.loads(capsys.readouterr().out)
    assert main(["parse", str(folder)]) == 0
    from_folder = json.loads(capsys.readouterr().out)
    assert from_folder == single
    assert single["format"] == "html"
    assert single["report"]["agency"]["name"] == "某县财政局"


def test_a_folder_reads_every_declared_suffix_as_single_files_do(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A folder holding one document per declared suffix yields the same records, in order."""
    folder = tmp_path / "reports"
    folder.mkdir()
    files = []
    for n, (suffix, reader) in enumerate(sorted(SUFFIXES.items())):
        path = folder / f"r{n:02d}{suffix}"
        path.write_bytes(_sample(reader))
        files.append(path)
    (folder / "notes.csv").write_text("a,b\n", encoding="utf-8")
    (folder / "report.doc").write_bytes(LEGACY_DOC.signature + bytes(600))
    assert main(["parse", str(folder), "--jsonl"]) == 0
    from_folder = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [r["file"] for r in from_folder] == [str(p) for p in files]
    assert main(["parse", *map(str, files), "--jsonl"]) == 0
    singles = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert from_folder == singles
    assert [r["format"] for r in singles] == [r.name for _, r in sorted(SUFFIXES.items())]


# -- Decoding -----------------------------------------------------------------------------------


def test_a_gbk_page_with_a_meta_charset_reads_as_its_utf8_original() -> None:
    """A real page saved as GBK, declaring ``<meta charset="gbk">``, gives the same report."""
    source = (HTML_FIXTURE / "source.html").read_text(encoding="utf-8")
    page = re.sub(r"<meta http-equiv[^>]*>", '<meta charset="gbk">', source, count=1)
    assert '<meta charset="gbk">' in page
    data = page.encode("gbk")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert decode(data) == page
    result = parse(data)
    assert result.format == "html"
    expected = json.loads((HTML_FIXTURE / "expected.json").read_text(encoding="utf-8"))
    assert result.report is not None
    assert g.to_dict(result.report) == expected


@pytest.mark.parametrize(
    "meta",
    [
        '<meta charset="gbk">',
        "<meta charset=GBK>",
        '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">',
    ],
)
def test_gbk_and_gb2312_declarations_decode_as_gb18030(meta: str) -> None:
    """gbk and gb2312 (any case, either meta form) are read as GB18030, their superset."""
    page = f"<html><head>{meta}</head><body><p>某县财政局 €</p></body></html>"
    assert decode(page.encode("gb18030")) == page


def test_a_declared_charset_wins_over_the_fallbacks() -> None:
    """A Big5 page that declares big5 is read as Big5, although GB18030 (tried next) decodes it."""
    page = '<html><head><meta charset="big5"></head><body><p>某縣財政局</p></body></html>'
    data = page.encode("big5")
    assert data.decode("gb18030") != page  # what the fallback alone would give
    assert decode(data) == page


def test_an_unknown_declared_charset_falls_back() -> None:
    """A charset name Python does not know is skipped; GB18030 is tried next."""
    page = '<html><head><meta charset="x-made-up"></head><body>某县财政局</body></html>'
    assert decode(page.encode("gb18030")) == page


def test_undecodable_bytes_are_none_and_binary_text_is_recognised() -> None:
    """Mostly undecodable bytes give None, a stray bad byte a replacement character; a text of
    control characters looks binary, ordinary text does not."""
    assert decode(b"\x80" * 100) is None
    assert decode(b"abc\x80def") == "abc\ufffddef"
    assert looks_binary("\x00\x01\x02\x03" * 100)
    assert not looks_binary(MINIMAL)
    assert not looks_binary("")


# -- Raw HTML tables pasted into text -------------------------------------------------------------


def test_a_pasted_html_table_is_read_in_place_with_text_line_numbers() -> None:
    """The table's cells keep their spans and the text's line numbers; lines around it stay."""
    text = (
        "一、总体情况\n本机关公开了信息。\n"
        '<table><tr><td colspan="2">第二十条</td></tr>\n'
        "<tr><td>规章</td><td>3</td></tr></table>\n"
        "二、其他\n"
    )
    blocks = read_text(text).blocks
    assert [type(b).__name__ for b in blocks] == ["Paragraph", "Paragraph", "Table", "Paragraph"]
    assert blocks[1] == Paragraph(text="本机关公开了信息。", location=Location(line=2))
    table = blocks[2]
    assert isinstance(table, Table)
    assert table.location == Location(line=3, table=0)
    assert [[(c.text, c.colspan, c.location.line) for c in row] for row in table.rows] == [
        [("第二十条", 2, 3)],
        [("规章", 1, 4), ("3", 1, 4)],
    ]
    assert blocks[3] == Paragraph(text="二、其他", location=Location(line=5))


def test_each_pasted_table_is_numbered_from_zero_and_an_unclosed_one_runs_to_the_end() -> None:
    """Pinned as today: each fragment is read on its own (table index 0 each time), a table
    nested in another is one fragment (the outer one is layout), and a ``<table>`` never closed
    takes the rest of the text, so the line after it (丁, outside any cell) is not read."""
    text = (
        "甲\n<table><tr><td>1</td></tr></table>\n乙\n"
        "<TABLE><tr><td><table><tr><td>2</td></tr></table></td></tr></TABLE>\n"
        "丙\n<table><tr><td>3</td></tr>\n丁\n"
    )
    doc = read_text(text)
    assert doc == Document(
        blocks=(
            Paragraph(text="甲", location=Location(line=1)),
            _one_cell("1", line=2),
            Paragraph(text="乙", location=Location(line=3)),
            _one_cell("2", line=4),
            Paragraph(text="丙", location=Location(line=5)),
            _one_cell("3", line=6),
        ),
        format="text",
    )


def _one_cell(text: str, *, line: int) -> Table:
    from govdisclosure.readers import Cell

    cell = Cell(text=text, location=Location(line=line, table=0, row=0, column=0))
    return Table(rows=((cell,),), location=Location(line=line, table=0))


def test_a_text_report_with_a_pasted_table_is_text_and_reads_the_table() -> None:
    """Prose first, then a raw HTML table: sniffed as text, and the table's values are read."""
    expected = g.from_dict(json.loads((HTML_FIXTURE / "expected.json").read_text(encoding="utf-8")))
    (table_two, *_) = re.findall(r"<table\b.*?</table>", g.render(expected, "html"), re.S)
    text = MINIMAL.replace("二、主动公开政府信息情况\n", f"二、主动公开政府信息情况\n{table_two}\n")
    result = parse(text)
    assert result.format == "text"
    assert result.report is not None
    assert result.report.proactive_disclosure == expected.proactive_disclosure


def test_text_that_starts_with_a_table_tag_is_sniffed_as_html() -> None:
    """Markup as the very first thing makes the whole input HTML, even if the rest is prose."""
    result = parse("<table><tr><td>1</td></tr></table>\n" + MINIMAL)
    assert result.format == "html"
    assert result.report is not None
    assert result.report.agency.name == "某县财政局"


# -- A missing extra --------------------------------------------------------------------------


@pytest.mark.parametrize("name", [n for n, r in READERS.items() if r.extra is not None])
def test_a_missing_extra_is_a_parse_error_naming_it(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the extra's module unimportable, parse raises ParseError naming the pip extra."""
    reader = READERS[name]
    assert reader.extra is not None
    data = _sample(reader)
    monkeypatch.setitem(sys.modules, reader.extra.module, None)  # makes `import` fail
    with pytest.raises(ParseError) as caught:
        parse(data)
    extra = reader.extra.name
    install = f"pip install 'govdisclosure[{extra}]'"
    assert str(caught.value) == f"reading {name.upper()} needs the {extra!r} extra: {install}"
    finding = caught.value.finding
    assert finding.rule == "parse.unreadable"
    assert finding.severity == "error"
    assert finding.message_zh == f"读取 {name.upper()} 需要安装 {extra} 扩展：{install}"


def test_a_missing_extra_is_a_finding_on_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``parse report.docx`` without python-docx records the finding, says so, exits 2."""
    path = tmp_path / "report.docx"
    path.write_bytes(_docx_bytes())
    monkeypatch.setitem(sys.modules, "docx", None)
    # Unusable input is exit status 2 in every command (it was 1 in parse alone).
    assert main(["parse", str(path)]) == 2
    captured = capsys.readouterr()
    assert "govdisclosure[docx]" in captured.err
    record = json.loads(captured.out)
    assert record["report"] is None
    (finding,) = record["findings"]
    assert finding["rule"] == "parse.unreadable"
    assert "govdisclosure[docx]" in finding["message_en"]
    assert "docx 扩展" in finding["message_zh"]


# -- The docs say what the registry declares ---------------------------------------------------


@pytest.mark.parametrize(("page", "column"), [("parsing.md", 1), ("readers.md", 2)])
def test_the_docs_list_each_readers_suffixes(page: str, column: int) -> None:
    """The format tables in docs/parsing.md and docs/readers.md list the declared suffixes."""
    listed: dict[str, list[str]] = {}
    for line in (ROOT / "docs" / page).read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        name = cells[0].strip("`")
        if line.startswith("| `") and name in READERS:
            listed[name] = re.findall(r"`(\.[a-z]+)`", cells[column])
    assert listed == {name: list(r.suffixes) for name, r in READERS.items()}
