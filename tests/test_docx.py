"""The Word reader on .docx files built with python-docx in the real layouts."""

from __future__ import annotations

import dataclasses
import io
import sys
import zipfile
from collections.abc import Sequence
from typing import Any

import pytest

pytest.importorskip("docx", reason="the Word reader needs govdisclosure[docx]")

import docx

from govdisclosure import template as t
from govdisclosure.readers import docx as _docx
from govdisclosure.readers.document import Cell, Document, Location, Paragraph, ReaderError, Table
from govdisclosure.readers.docx import read_docx

from . import _pdfgen as gen

# Header cells as Word users type them: a line break inside a cell, two paragraphs in a cell.
SOCIAL = "社会公益\n组织"
LEGAL = ("法律服务", "机构")


def table_3_cells() -> list[gen.GridCell]:
    cells = []
    for c in gen.table_3():
        if c.text == t.SOCIAL_WELFARE.label.zh:
            c = dataclasses.replace(c, text=SOCIAL)
        elif c.text == t.LEGAL_SERVICE.label.zh:
            c = dataclasses.replace(c, text="\n".join(LEGAL))
        cells.append(c)
    return cells


def add_table(document: Any, columns: int, cells: Sequence[gen.GridCell]) -> None:
    rows = max(c.row + c.rowspan for c in cells)
    table = document.add_table(rows=rows, cols=columns)
    for c in cells:
        cell = table.cell(c.row, c.column)
        if c.rowspan > 1 or c.colspan > 1:
            cell = cell.merge(table.cell(c.row + c.rowspan - 1, c.column + c.colspan - 1))
        if c.text == "\n".join(LEGAL):
            cell.text = LEGAL[0]
            cell.add_paragraph(LEGAL[1])
        else:
            cell.text = c.text


PARAGRAPHS_BEFORE = (gen.TITLE, *gen.INTRO, "", t.SECTION_OVERVIEW.zh, gen.OVERVIEW)


def build_docx() -> bytes:
    document = docx.Document()
    for text in (*PARAGRAPHS_BEFORE, t.SECTION_PROACTIVE.zh):
        document.add_paragraph(text)
    add_table(document, 4, gen.table_2())
    document.add_paragraph(t.SECTION_APPLICATIONS.zh)
    add_table(document, 10, table_3_cells())
    document.add_paragraph(t.SECTION_REVIEW.zh)
    add_table(document, 15, gen.table_4())
    for text in (t.SECTION_ISSUES.zh, gen.ISSUES, t.SECTION_OTHER.zh, gen.OTHER):
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def docx_bytes() -> bytes:
    return build_docx()


def expected_table(cells: Sequence[gen.GridCell], index: int) -> Table:
    rows = max(c.row for c in cells) + 1
    return Table(
        rows=tuple(
            tuple(
                Cell(
                    text=c.text,
                    rowspan=c.rowspan,
                    colspan=c.colspan,
                    location=Location(table=index, row=r, column=c.column),
                )
                for c in sorted((c for c in cells if c.row == r), key=lambda c: c.column)
            )
            for r in range(rows)
        ),
        location=Location(table=index),
    )


def para(line: int, text: str) -> Paragraph:
    return Paragraph(text=text, location=Location(line=line))


def test_docx_gives_the_exact_document(docx_bytes: bytes) -> None:
    # The empty paragraph (4) is counted but not emitted.
    opening = [para(n, text) for n, text in enumerate(PARAGRAPHS_BEFORE, start=1) if text]
    expected = Document(
        blocks=(
            *opening,
            para(7, t.SECTION_PROACTIVE.zh),
            expected_table(gen.table_2(), 0),
            para(8, t.SECTION_APPLICATIONS.zh),
            expected_table(table_3_cells(), 1),
            para(9, t.SECTION_REVIEW.zh),
            expected_table(gen.table_4(), 2),
            para(10, t.SECTION_ISSUES.zh),
            para(11, gen.ISSUES),
            para(12, t.SECTION_OTHER.zh),
            para(13, gen.OTHER),
        ),
        format="docx",
    )
    assert read_docx(docx_bytes) == expected


def test_merged_cells_are_collapsed(docx_bytes: bytes) -> None:
    # python-docx itself repeats a merged cell in every grid position it covers.
    document = docx.Document(io.BytesIO(docx_bytes))
    repeated = [c.text for c in document.tables[1].rows[0].cells]
    assert repeated.count(t.APPLICATIONS_NOTE.zh) == 3
    tables = [b for b in read_docx(docx_bytes).blocks if isinstance(b, Table)]
    note, applicants = tables[1].rows[0]
    assert (note.rowspan, note.colspan, applicants.colspan) == (3, 3, 7)
    assert tables[1].rows[1][0].text == t.NATURAL_PERSON.label.zh
    outcomes = tables[1].rows[5][0]
    assert (outcomes.text, outcomes.rowspan) == (t.ROW_OUTCOMES.label.zh, 22)
    assert [c.location.column for c in tables[1].rows[6]] == [1, 3, 4, 5, 6, 7, 8, 9]


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def with_body_xml(*fragments: str) -> bytes:
    """A .docx whose body holds the given XML fragments (in the w: and mc: namespaces)."""
    from docx.oxml import parse_xml

    document = docx.Document()
    body = document.element.body
    for fragment in fragments:
        element = parse_xml(f'<root xmlns:w="{W}" xmlns:mc="{MC}">{fragment}</root>')[0]
        body.insert(len(body) - 1, element)  # before w:sectPr
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_paragraph_text_keeps_only_visible_text() -> None:
    data = with_body_xml(
        # Tab stops in the properties, a deleted revision and a field code are not text.
        '<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>'
        "<w:r><w:t>规章</w:t></w:r><w:del><w:r><w:delText>删除</w:delText><w:tab/></w:r></w:del>"
        '<w:r><w:tab/><w:t xml:space="preserve">0 </w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>',
        # A line break is kept; a page break is layout.
        '<w:p><w:r><w:t>本年新</w:t><w:br/><w:t>制作数量</w:t><w:br w:type="page"/></w:r></w:p>',
        # A content control's paragraphs are read in place.
        "<w:sdt><w:sdtContent><w:p><w:r><w:t>控件内</w:t></w:r></w:p></w:sdtContent></w:sdt>",
        # Of alternative content, only the first choice (not the fallback copy) is read.
        "<w:p><w:r><mc:AlternateContent><mc:Choice><w:t>甲</w:t></mc:Choice>"
        "<mc:Fallback><w:t>甲</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p>",
    )
    assert read_docx(data).blocks == (
        para(1, "规章\t0 3"),
        para(2, "本年新\n制作数量"),
        para(3, "控件内"),
        para(4, "甲"),
    )


def test_rows_starting_late_and_orphan_merges() -> None:
    def tc(text: str, props: str = "") -> str:
        return f"<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"

    restart, cont = '<w:vMerge w:val="restart"/>', "<w:vMerge/>"
    span, before = '<w:gridSpan w:val="2"/>', '<w:trPr><w:gridBefore w:val="1"/></w:trPr>'
    data = with_body_xml(
        "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>"
        f"<w:tr>{tc('A', restart)}{tc('B')}{tc('C')}</w:tr>"
        f"<w:tr>{tc('', cont)}{tc('D', span)}</w:tr>"
        # A row that starts at grid column 1, and a vMerge continuing nothing.
        f"<w:tr>{before}{tc('E', cont)}{tc('F')}</w:tr></w:tbl>"
    )
    (table,) = read_docx(data).blocks
    assert isinstance(table, Table)
    assert [[(c.text, c.rowspan, c.colspan, c.location.column) for c in r] for r in table.rows] == [
        [("A", 2, 1, 0), ("B", 1, 1, 1), ("C", 1, 1, 2)],
        [("D", 1, 2, 1)],
        [("E", 1, 1, 1), ("F", 1, 1, 2)],
    ]


# -- Input that is not a readable .docx ----------------------------------------------------------


def zipped(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"plain text",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 a Word 97 file",
        b"PK\x03\x04 not really a zip",
        zipped({"hello.txt": b"hi"}),
        zipped({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<not-closed"}),
    ],
)
def test_junk_raises_reader_error(data: bytes) -> None:
    with pytest.raises(ReaderError):
        read_docx(data)


def test_damaged_files_give_a_document_or_reader_error(docx_bytes: bytes) -> None:
    for data in gen.mutations(docx_bytes, 25, seed=7):
        try:
            document = read_docx(data)
        except ReaderError:
            continue
        assert document.format == "docx"


def test_legacy_doc_is_named() -> None:
    with pytest.raises(ReaderError, match=r"\.doc"):
        read_docx(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")


def test_unpacked_size_limit(monkeypatch: pytest.MonkeyPatch, docx_bytes: bytes) -> None:
    monkeypatch.setattr(_docx, "MAX_DOCX_UNPACKED_BYTES", 1000)
    with pytest.raises(ReaderError, match="unpacks"):
        read_docx(docx_bytes)


def test_size_limit(monkeypatch: pytest.MonkeyPatch, docx_bytes: bytes) -> None:
    monkeypatch.setattr(_docx, "MAX_DOCX_BYTES", 1000)
    with pytest.raises(ReaderError, match="larger than"):
        read_docx(docx_bytes)


def test_missing_python_docx_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "docx", None)
    with pytest.raises(ImportError, match=r"govdisclosure\[docx\]"):
        read_docx(b"PK")


# -- End to end: parse() -------------------------------------------------------------------------


def test_parse_reads_the_docx_exactly(docx_bytes: bytes) -> None:
    parse = pytest.importorskip(
        "govdisclosure.parse", reason="the shared pipeline (govdisclosure.parse) does not exist yet"
    ).parse
    gen.assert_tables(parse(docx_bytes, format="docx").report)
