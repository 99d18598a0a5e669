"""The PDF reader on PDFs generated in the real layouts: ruled tables, and text-only tables."""

from __future__ import annotations

import itertools
import math
import sys
from collections.abc import Callable, Sequence
from typing import Any

import pytest

pytest.importorskip("pypdfium2", reason="the PDF reader needs govdisclosure[pdf]")
pytest.importorskip("reportlab", reason="the test PDFs are drawn with reportlab")

from govdisclosure import template as t
from govdisclosure.parse.api import reader_hints
from govdisclosure.readers import pdf_engine as _pdf
from govdisclosure.readers.document import (
    Cell,
    Document,
    Location,
    Paragraph,
    ReaderError,
    Table,
)
from govdisclosure.readers.document import Document as _Document

from . import _pdfgen as gen


def read_pdf(data: bytes, labels: _pdf.RowLabels | None = None) -> _Document:
    """The PDF reader as the parser calls it: with the template's row labels unless given."""
    if labels is None:
        labels = _pdf.RowLabels.of(reader_hints().row_labels)
    return _pdf.read_pdf(data, labels)


@pytest.fixture(scope="module")
def ruled_bytes() -> bytes:
    return gen.ruled_pdf()


@pytest.fixture(scope="module")
def text_bytes() -> bytes:
    return gen.text_pdf()


def expected_table(cells: Sequence[gen.GridCell], index: int, page: Callable[[int], int]) -> Table:
    """The table a reader should give for a layout: each cell once, at its first grid row."""
    rows = max(c.row for c in cells) + 1
    return Table(
        rows=tuple(
            tuple(
                Cell(
                    text=c.text,
                    rowspan=c.rowspan,
                    colspan=c.colspan,
                    location=Location(page=page(r), table=index, row=r, column=c.column),
                )
                for c in sorted((c for c in cells if c.row == r), key=lambda c: c.column)
            )
            for r in range(rows)
        ),
        location=Location(page=page(0), table=index),
    )


def para(page: int, line: int, text: str) -> Paragraph:
    return Paragraph(text=text, location=Location(page=page, line=line))


def opening(page: int = 1) -> list[Paragraph]:
    texts = (gen.TITLE, *gen.INTRO, t.SECTION_OVERVIEW.zh, gen.OVERVIEW, t.SECTION_PROACTIVE.zh)
    return [para(page, i, text) for i, text in enumerate(texts, start=1)]


# -- Ruled tables ------------------------------------------------------------------------------


def test_ruled_pdf_gives_the_exact_document(ruled_bytes: bytes) -> None:
    table_3 = gen.table_3()
    last = max(c.row for c in table_3)
    expected = Document(
        blocks=(
            *opening(),
            expected_table(gen.table_2(), 0, lambda r: 1),
            para(2, 1, t.SECTION_APPLICATIONS.zh),
            # Table 三 runs over the page break: one table, its last row on page 3. The page
            # numbers in the footers are dropped.
            expected_table(table_3, 1, lambda r: 3 if r == last else 2),
            para(3, 1, t.SECTION_REVIEW.zh),
            expected_table(gen.table_4(), 2, lambda r: 3),
            para(3, 2, t.SECTION_ISSUES.zh),
            para(3, 3, gen.ISSUES),
            para(3, 4, t.SECTION_OTHER.zh),
            para(3, 5, gen.OTHER),
        ),
        format="pdf",
    )
    assert read_pdf(ruled_bytes) == expected


def test_ruled_pdf_merged_cells_are_kept_once_with_their_spans(ruled_bytes: bytes) -> None:
    tables = [b for b in read_pdf(ruled_bytes).blocks if isinstance(b, Table)]
    applications, review = tables[1], tables[2]
    note, applicants = applications.rows[0]
    assert (note.text, note.rowspan, note.colspan) == (t.APPLICATIONS_NOTE.zh, 3, 3)
    assert (applicants.text, applicants.colspan) == (t.APPLICANTS.zh, 7)
    outcomes = applications.rows[5][0]
    assert (outcomes.text, outcomes.rowspan, outcomes.location.column) == (
        t.ROW_OUTCOMES.label.zh,
        22,
        0,
    )
    # The row under the 22-row label starts at column 1: nothing is repeated or shifted.
    assert [c.location.column for c in applications.rows[6]] == [1, 3, 4, 5, 6, 7, 8, 9]
    # Table 四's leaf headers are typeset one character per line; the cell text is whole.
    assert [c.text for c in review.rows[1][:5]] == [c.label.zh for c in gen.CASE_COLUMNS]
    assert {c.rowspan for c in review.rows[1][:5]} == {2}
    # The blank 行政强制 cell is an empty cell, not a missing one.
    coercion = tables[0].rows[10]
    assert [c.text for c in coercion] == [t.ROW_COERCION.label.zh, ""]


# -- Text-only tables ----------------------------------------------------------------------------


def test_text_pdf_gives_the_exact_document(text_bytes: bytes) -> None:
    zeros = "0 0 0 0 0 0 0"
    page_2 = [
        t.SECTION_APPLICATIONS.zh,
        # The note wraps beside the header rows; the wrapped 商业/企业 cells are stacked.
        "（本列数据的勾稽关系为： 申请人情况",
        "第一项加第二项之和，等于 自然人 法人或其他组织 总计",
        "第三项加第四项之和） 商业企业 科研机构 社会公益组织 法律服务机构 其他",
        None,
        "一、本年新收政府信息公开申请数量 14 3 0 1 2 0 20",
        "二、上年结转政府信息公开申请数量 1 0 0 0 0 0 1",
        "三、本年度办理结果 （一）予以公开 5 2 0 1 0 0 8",
        # A label wrapping over two lines, its values beside the first.
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形） 2 0 0 0 1 0 3",
        None,
        "（三）不予公开 1.属于国家秘密 1 0 0 0 0 0 1",
        f"2.其他法律行政法规禁止公开 {zeros}",
        f"3.危及“三安全一稳定” {zeros}",
        f"4.保护第三方合法权益 {zeros}",
        f"5.属于三类内部事务信息 {zeros}",
        f"6.属于四类过程性信息 {zeros}",
        f"7.属于行政执法案卷 {zeros}",
        f"8.属于行政查询事项 {zeros}",
        "（四）无法提供 1.本机关不掌握相关政府信息 3 1 0 0 0 0 4",
        f"2.没有现成信息需要另行制作 {zeros}",
        f"3.补正后申请内容仍不明确 {zeros}",
        "（五）不予处理 1.信访举报投诉类申请 1 0 0 0 0 0 1",
        f"2.重复申请 {zeros}",
        f"3.要求提供公开出版物 {zeros}",
        f"4.无正当理由大量反复申请 {zeros}",
        f"5.要求行政机关确认或重新出具已获取信息 {zeros}",
        # Values printed on the line before their label, which wraps over two lines.
        "（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"
        " 1 0 0 0 0 0 1",
        None,
        None,
        # Values printed between the two lines of their label.
        f"2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 {zeros}",
        None,
        None,
        f"3.其他 {zeros}",
        "（七）总计 13 3 0 1 1 0 18",
        "四、结转下年度继续办理 2 0 0 0 1 0 3",
        t.SECTION_REVIEW.zh,
        "行政复议 行政诉讼",
        "未经复议直接起诉 复议后起诉",
        # The leaf headers typeset one character per line, over four lines.
        " ".join(["结果维持 结果纠正 其他结果 尚未审结 总计"] * 3),
        None,
        None,
        None,
        "1 0 0 1 2 0 1 0 0 1 0 0 0 0 0",
        t.SECTION_ISSUES.zh,
        gen.ISSUES,
        t.SECTION_OTHER.zh,
        gen.OTHER,
    ]
    expected = Document(
        blocks=(
            *opening(),
            para(1, 7, "第二十条第（一）项"),
            para(1, 8, "信息内容 本年制发件数 本年废止件数 现行有效件数"),
            para(1, 9, "规章 0 0 0"),
            para(1, 10, "行政规范性文件 3 1 12"),
            para(1, 11, "第二十条第（五）项"),
            para(1, 12, "信息内容 本年处理决定数量"),
            para(1, 13, "行政许可 25"),
            para(1, 14, "第二十条第（六）项"),
            para(1, 15, "信息内容 本年处理决定数量"),
            para(1, 16, "行政处罚 7"),
            # A blank cell leaves nothing on a text-only line.
            para(1, 17, "行政强制"),
            para(1, 18, "第二十条第（八）项"),
            para(1, 19, "信息内容 本年收费金额（单位：万元）"),
            para(1, 20, "行政事业性收费 0.35"),
            # ``None`` marks a physical line that was joined to the line before it.
            *(para(2, n, text) for n, text in enumerate(page_2, start=1) if text is not None),
        ),
        format="pdf",
    )
    assert read_pdf(text_bytes) == expected


def lines_of(data: bytes) -> list[tuple[int | None, str]]:
    return [(b.location.line, b.text) for b in read_pdf(data).blocks if isinstance(b, Paragraph)]


def test_vertical_header_from_the_quirks_file_is_stacked() -> None:
    xs = (100.0, 130.0, 160.0, 190.0)
    shredded = ("结结其尚", "果果他未", "维纠结审", "持正果结")
    data = gen.lines_pdf([list(zip(xs, line, strict=True)) for line in shredded])
    assert lines_of(data) == [(1, "结果维持 结果纠正 其他结果 尚未审结")]


def test_header_lines_that_do_not_line_up_are_not_stacked() -> None:
    data = gen.lines_pdf(
        [
            [(150.0, "行政复议"), (400.0, "行政诉讼")],
            [(320.0, "未经复议直接起诉"), (480.0, "复议后起诉")],
        ]
    )
    assert lines_of(data)[:2] == [(1, "行政复议 行政诉讼"), (2, "未经复议直接起诉 复议后起诉")]


VALUES = [(350.0 + 30 * i, "0") for i in range(7)]


def test_values_before_a_damaged_label_join_it() -> None:
    # 「2.其他法律行政止公开」 is a real corrupted label; it still begins like a row label.
    data = gen.lines_pdf([VALUES, [(120.0, "2.其他法律行政止公开")]])
    assert lines_of(data)[0] == (1, "2.其他法律行政止公开 0 0 0 0 0 0 0")


def test_values_are_not_joined_to_a_section_heading() -> None:
    data = gen.lines_pdf([VALUES, [(150.0, t.SECTION_ISSUES.zh)]])
    assert lines_of(data)[:2] == [(1, "0 0 0 0 0 0 0"), (2, t.SECTION_ISSUES.zh)]


def test_a_row_of_fifteen_values_is_left_alone() -> None:
    row = [(40.0 + 34 * i, "0") for i in range(15)]
    data = gen.lines_pdf([[(150.0, t.ROW_STATE_SECRET.label.zh)], row])
    assert lines_of(data)[:2] == [(1, t.ROW_STATE_SECRET.label.zh), (2, " ".join(["0"] * 15))]


def test_values_after_a_complete_label_join_it() -> None:
    data = gen.lines_pdf([[(120.0, t.ROW_DISCLOSED.label.zh)], VALUES])
    assert lines_of(data)[0] == (1, f"{t.ROW_DISCLOSED.label.zh} 0 0 0 0 0 0 0")


def test_page_numbers_are_dropped_only_in_the_margins() -> None:
    body = [[(200.0, gen.OVERVIEW)], [(300.0, "- 7 -")], [(200.0, gen.ISSUES)]]
    assert lines_of(gen.lines_pdf(body)) == [(1, gen.OVERVIEW), (2, "- 7 -"), (3, gen.ISSUES)]


def test_a_single_frame_is_not_a_table() -> None:
    document = read_pdf(gen.boxed_pdf(gen.OVERVIEW))
    assert document.blocks == (para(1, 1, gen.OVERVIEW),)


# -- Input that is not a readable PDF ------------------------------------------------------------


def test_a_pdf_without_text_gives_no_blocks() -> None:
    assert read_pdf(gen.blank_pdf(2)) == Document(blocks=(), format="pdf")


@pytest.mark.parametrize(
    "data",
    [b"", b"plain text, not a PDF", b"%PDF-1.4\n\x00\xff garbage", b"PK\x03\x04 a zip"],
)
def test_junk_raises_reader_error(data: bytes) -> None:
    with pytest.raises(ReaderError):
        read_pdf(data)


def test_a_truncated_pdf_raises_reader_error(ruled_bytes: bytes) -> None:
    with pytest.raises(ReaderError):
        read_pdf(ruled_bytes[: len(ruled_bytes) // 3])


def test_an_encrypted_pdf_raises_reader_error() -> None:
    with pytest.raises(ReaderError):
        read_pdf(gen.blank_pdf(encrypt="secret"))


def test_damaged_pdfs_give_a_document_or_reader_error(ruled_bytes: bytes) -> None:
    for data in gen.mutations(ruled_bytes, 25, seed=5):
        try:
            document = read_pdf(data)
        except ReaderError:
            continue
        assert document.format == "pdf"


def test_reader_error_is_a_value_error() -> None:
    assert issubclass(ReaderError, ValueError)


def test_page_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_pdf, "MAX_PDF_PAGES", 2)
    with pytest.raises(ReaderError, match="3 pages"):
        read_pdf(gen.blank_pdf(3))


def test_size_limit(monkeypatch: pytest.MonkeyPatch, text_bytes: bytes) -> None:
    monkeypatch.setattr(_pdf, "MAX_PDF_BYTES", 1000)
    with pytest.raises(ReaderError, match="larger than"):
        read_pdf(text_bytes)


def test_character_limit(monkeypatch: pytest.MonkeyPatch, text_bytes: bytes) -> None:
    monkeypatch.setattr(_pdf, "MAX_PDF_CHARS", 100)
    with pytest.raises(ReaderError, match="characters"):
        read_pdf(text_bytes)


def test_missing_pypdfium2_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pypdfium2", None)
    with pytest.raises(ImportError, match=r"govdisclosure\[pdf\]"):
        read_pdf(b"%PDF-1.4")


# -- End to end: parse() -------------------------------------------------------------------------


def _parse() -> Callable[..., Any]:
    module = pytest.importorskip(
        "govdisclosure.parse", reason="the shared pipeline (govdisclosure.parse) does not exist yet"
    )
    parse: Callable[..., Any] = module.parse
    return parse


def test_parse_reads_the_ruled_pdf_exactly(ruled_bytes: bytes) -> None:
    gen.assert_tables(_parse()(ruled_bytes, format="pdf").report)


def test_a_gradient_banner_does_not_make_the_page_unreadable(ruled_bytes: bytes) -> None:
    """A page with a shading object (a gradient fill, which has no matrix in PDFium) is read,
    and gives the same report, findings and document as the page without it."""
    parse = _parse()
    plain, shaded = (
        parse(ruled_bytes, format="pdf"),
        parse(gen.ruled_pdf(shaded=True), format="pdf"),
    )
    gen.assert_tables(shaded.report)
    assert shaded.report == plain.report
    assert shaded.findings == plain.findings


def test_parse_reads_the_text_pdf_exactly(text_bytes: bytes) -> None:
    # One row per line, a vertically typeset 表四 header, wrapped labels, values printed on the
    # line before their label: every value still lands in its cell.
    gen.assert_tables(_parse()(text_bytes, format="pdf").report)


# -- Real-page layouts: staggered vertical headers, spaced and wrapped preambles -----------------


def test_vertical_header_with_staggered_columns_is_stacked() -> None:
    """Table 四's leaf headers typeset one character per line, 行政复议's half a line off
    行政诉讼's (their lines interleave), are stacked into one header line, and every value of
    the table (未经复议直接起诉 included) lands in its cell."""
    data = gen.text_pdf(staggered=True)
    texts = [b.text for b in read_pdf(data).blocks if isinstance(b, Paragraph)]
    header = " ".join([" ".join(c.label.zh for c in gen.CASE_COLUMNS)] * 3)
    at = texts.index(t.GROUP_DIRECT_SUIT.label.zh + " " + t.GROUP_SUIT_AFTER_REVIEW.label.zh)
    assert texts[at + 1 : at + 3] == [header, " ".join(str(v) for v in gen.TABLE_4_VALUES)]
    gen.assert_tables(_parse()(data, format="pdf").report)


def test_spaced_preamble_wrapped_over_lines_is_one_paragraph() -> None:
    """A justified preamble wrapped over three lines, with spaces around its numbers and its
    last line letter-spaced, is read as one paragraph with the spaces closed up, at its first
    line; the lines after it keep their own numbers."""
    blocks = read_pdf(gen.text_pdf(spaced=True)).blocks
    assert list(blocks[:3]) == [
        para(1, 1, gen.TITLE),
        para(1, 2, gen.SPACED_PREAMBLE_READ[0]),
        para(1, 5, t.SECTION_OVERVIEW.zh),
    ]


def test_spaced_preamble_gives_the_period() -> None:
    """The statistics period stated over two wrapped, spaced lines is read exactly."""
    import datetime

    report = _parse()(gen.text_pdf(spaced=True), format="pdf").report
    assert report is not None
    assert (report.period.year, report.period.start, report.period.end) == (
        2023,
        datetime.date(2023, 1, 1),
        datetime.date(2023, 12, 31),
    )
    gen.assert_tables(report)


def test_letter_spaced_digits_of_a_value_row_are_not_closed_up() -> None:
    """A row of single-digit values is not letter-spaced text: its values stay apart."""
    row = [(40.0 + 34 * i, "0") for i in range(15)]
    assert lines_of(gen.lines_pdf([row])) == [(1, " ".join(["0"] * 15))]


def test_row_labels_are_an_argument() -> None:
    """The row-label repairs use the index passed in: with no labels, values printed on the
    line before a label stay on their own line; with the label, they join it."""
    data = gen.lines_pdf([VALUES, [(120.0, t.ROW_DISCLOSED.label.zh)]])
    empty = _pdf.RowLabels.of([])
    only = _pdf.RowLabels.of([(t.ROW_DISCLOSED.label.zh, False)])
    # A table, if one were read, stays in the list whole and fails the comparison.
    first = [b.text if isinstance(b, Paragraph) else b for b in read_pdf(data, empty).blocks]
    assert first == ["0 0 0 0 0 0 0", t.ROW_DISCLOSED.label.zh]
    joined = [b.text if isinstance(b, Paragraph) else b for b in read_pdf(data, only).blocks]
    assert joined == [f"{t.ROW_DISCLOSED.label.zh} 0 0 0 0 0 0 0"]


def test_time_limit_stops_inside_a_page(monkeypatch: pytest.MonkeyPatch) -> None:
    """The time budget is checked while a page's characters are read: an exhausted budget
    stops the reader before the page's lines are built."""

    def unreachable(lines: Any) -> Any:
        raise AssertionError("the page was read to its end")

    monkeypatch.setattr(_pdf, "MAX_PDF_SECONDS", 0.0)
    monkeypatch.setattr(_pdf, "_stack_columns", unreachable)
    with pytest.raises(ReaderError, match="seconds"):
        read_pdf(gen.dense_pdf(1_000))


def test_character_limit_stops_inside_a_page(monkeypatch: pytest.MonkeyPatch) -> None:
    """The character limit is checked as soon as a page's characters are read, before its
    lines and tables are built."""

    def unreachable(lines: Any) -> Any:
        raise AssertionError("the page was read to its end")

    monkeypatch.setattr(_pdf, "MAX_PDF_CHARS", 500)
    monkeypatch.setattr(_pdf, "_stack_columns", unreachable)
    with pytest.raises(ReaderError, match="characters"):
        read_pdf(gen.dense_pdf(1_000))


def test_fallback_font_is_a_loadable_truetype_font() -> None:
    """The fallback font PDFium lays out non-embedded CJK text with is a TrueType file whose
    cmap maps every code point to its box glyph: PDFium loads it as a font of its own."""
    import pypdfium2

    from govdisclosure.readers import pdf_font as _pdffont

    data = _pdffont.box_font()
    assert data[:4] == b"\x00\x01\x00\x00"
    pdf = pypdfium2.PdfDocument.new()
    buffer = (pypdfium2.raw.c_ubyte * len(data)).from_buffer_copy(data)
    font = pypdfium2.raw.FPDFText_LoadFont(
        pdf, buffer, len(data), pypdfium2.raw.FPDF_FONT_TRUETYPE, True
    )
    assert font
    pypdfium2.raw.FPDFFont_Close(font)
    pdf.close()


# -- The fast paths against their plain definitions ----------------------------------------------


def _reference_chars(data: bytes) -> list[list[tuple[str, float, float, float, float]]]:
    """Each page's characters read the plain way, through pypdfium2's own declarations, one
    character after another (the reader before its bare ctypes calls)."""
    import ctypes

    import pypdfium2

    from govdisclosure.readers import pdf_font as _pdffont

    _pdffont.install(pypdfium2)
    raw = pypdfium2.raw
    pages = []
    pdf = pypdfium2.PdfDocument(data)
    for page in pdf:
        left, _, _, top = page.get_cropbox()
        textpage = page.get_textpage()
        rect, ox, oy, descent = (
            raw.FS_RECTF(),
            ctypes.c_double(),
            ctypes.c_double(),
            ctypes.c_float(),
        )
        found = []
        for i in range(raw.FPDFText_CountChars(textpage)):
            obj = raw.FPDFText_GetTextObject(textpage, i)
            if not obj or not raw.FPDFText_GetLooseCharBox(textpage, i, rect):
                continue
            raw.FPDFText_GetCharOrigin(textpage, i, ox, oy)
            size = raw.FPDFText_GetFontSize(textpage, i)
            font = raw.FPDFTextObj_GetFont(obj)
            ok = font and raw.FPDFFont_GetDescent(font, ctypes.c_float(size), descent)
            bottom = oy.value + (descent.value if ok else -0.25 * size)
            address = ctypes.cast(obj, ctypes.c_void_p).value
            code = raw.FPDFText_GetUnicode(textpage, i)
            found.append((code, rect.left, rect.right, bottom + size, bottom, address))
        chars = []
        for i, (code, x0, x1, y1, y0, address) in enumerate(found):
            if i + 1 < len(found) and found[i + 1][5] == address and x0 < found[i + 1][1] < x1:
                x1 = found[i + 1][1]
            text = chr(code) if 0 < code < 0x110000 else "\ufffd"
            chars.append((text, x0 - left, x1 - left, top - y1, top - y0))
        pages.append(chars)
        textpage.close()
        page.close()
    pdf.close()
    return pages


def _fast_chars(data: bytes) -> list[list[tuple[str, float, float, float, float]]]:
    import pypdfium2

    pages = []
    pdf = pypdfium2.PdfDocument(data)
    for page in pdf:
        pages.append(_pdf._page_chars(pypdfium2, page, _pdf._Budget()))
        page.close()
    pdf.close()
    return pages


@pytest.mark.parametrize(
    "make",
    [gen.ruled_pdf, gen.text_pdf, lambda: gen.text_pdf(spaced=True), lambda: gen.dense_pdf(2_000)],
)
def test_characters_are_those_read_one_call_at_a_time(make: Callable[[], bytes]) -> None:
    """The reader's characters (bare calls, font size and descent once per text object, boxes
    cut as they are read) are exactly those read through pypdfium2's declarations one by one,
    to the last bit of every coordinate."""
    data = make()
    expected = _reference_chars(data)
    assert sum(map(len, expected)) > 100
    assert _fast_chars(data) == expected


def test_a_characters_box_spans_its_advance_whatever_the_cjk_fonts() -> None:
    """Non-embedded CJK text is laid out in the box font even where the machine has CJK fonts
    (a system font's loose box can be wider than the glyph's advance): a digit of STSong-Light
    spans its width in the PDF, 462/1000 of the font size, on every machine."""
    [chars] = _fast_chars(gen.lines_pdf([[(200.0, "1234")]], size=10.0))
    digits = [c for c in chars if c[0].isdigit() and c[3] < gen.PAGE_HEIGHT / 2]  # no footer
    assert [c[0] for c in digits] == ["1", "2", "3", "4"]
    for _, x0, x1, _, _ in digits:
        assert x1 - x0 == pytest.approx(4.62, abs=1e-3)


def test_bisection_finds_the_grid_line_a_scan_finds() -> None:
    """A cell's grid position and spans found by bisection are those a scan of every grid line
    gives, ties to the first line included; NaN or far-out grids fall back to the scan."""
    import random

    rng = random.Random(13)
    for _ in range(300):
        grid = _pdf._grid(
            [rng.choice([rng.uniform(0, 800), round(rng.uniform(0, 800))]) for _ in range(12)]
        )
        exact = _pdf._exact(grid)
        assert exact
        probes = [*grid, *(g + d for g in grid for d in (-0.75, 0.75, 2.0)), -5.0, 900.0]
        probes += [(a + b) / 2 for a, b in itertools.pairwise(grid)]  # as near to two lines
        for value in probes:
            assert _pdf._position(grid, value, exact) == _pdf._position(grid, value)
            for end in (value - 1.0, value + 3.0, value + 40.0, math.nan):
                assert _pdf._span(grid, value, end, exact) == _pdf._span(grid, value, end)
    assert not _pdf._exact([1.0, math.nan])
    assert not _pdf._exact([0.0, 1e13])
    assert not _pdf._exact([])


def test_dedupe_drops_what_the_pairwise_rule_drops() -> None:
    """Fake bold removal through the cell hash keeps exactly the characters the plain rule
    keeps: each character is dropped when an earlier kept one has its text, a left edge and top
    within a point and the same height."""
    import random

    def plain(chars: Sequence[tuple[str, float, float, float, float]]) -> list[Any]:
        kept: list[Any] = []
        for c in chars:
            if not c[0].isspace() and any(
                o[0] == c[0]
                and abs(o[1] - c[1]) <= 1
                and abs(o[3] - c[3]) <= 1
                and abs(o[4] - o[3] - (c[4] - c[3])) < 0.01
                for o in kept
            ):
                continue
            kept.append(c)
        return kept

    rng = random.Random(7)
    for _ in range(200):
        chars: list[tuple[str, float, float, float, float]] = []
        for _ in range(60):
            if chars and rng.random() < 0.4:  # a copy of an earlier one, nudged
                text, x0, x1, top, bottom = rng.choice(chars)
                dx, dy = rng.uniform(-1.3, 1.3), rng.uniform(-1.3, 1.3)
                dh = rng.choice([0.0, 0.0, 0.005, 0.02])
                chars.append((text, x0 + dx, x1 + dx, top + dy, bottom + dy + dh))
            else:
                x, y = rng.uniform(-20, 60), rng.uniform(-20, 60)
                chars.append((rng.choice("公开 年1"), x, x + 9, y, y + 9))
        assert _pdf._dedupe(chars) == plain(chars)


def test_surrogates_from_a_damaged_map_are_joined_or_replaced() -> None:
    """A high and a low surrogate in a row are one character spanning both boxes; any other
    surrogate becomes U+FFFD, and is counted."""
    chars = [
        ("\ud842", 0.0, 5.0, 1.0, 9.0),
        ("\udfb7", 5.0, 10.0, 1.0, 9.0),
        ("\udf8b", 10.0, 15.0, 1.0, 9.0),
        ("a", 15.0, 20.0, 1.0, 9.0),
        ("\ud800", 20.0, 25.0, 1.0, 9.0),
    ]
    joined, lone = _pdf._join_surrogates(chars)
    assert [c[0] for c in joined] == ["\U00020bb7", "\ufffd", "a", "\ufffd"]
    assert joined[0][1:3] == (0.0, 10.0)
    assert lone == 2


def test_a_damaged_pdf_with_lone_surrogates_gives_a_writable_report() -> None:
    """A mutated PDF whose text maps to lone surrogates (fuzz campaign, seed 23, parse-pdf
    #2180) is read with U+FFFD and a read.surrogate finding, and its report can be written."""
    from govdisclosure import dumps
    from govdisclosure.parse import parse

    from .fuzz import campaign

    payload, _ = campaign.make_input(
        campaign.corpus(), "parse-pdf", campaign.rng_for(23, "parse-pdf", 2180)
    )
    result = parse(payload, format="pdf")
    assert "read.surrogate" in [f.rule for f in result.findings]
    assert result.report is not None
    dumps(result.report)
