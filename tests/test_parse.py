"""The parser against hand-checked documents: the seed report and fixtures in real layouts.

Each directory under ``tests/fixtures/parse`` holds a source in a layout seen in real reports
(``source.txt`` or ``source.html``), the report it must parse to (``expected.json``, exact), and
the findings it must raise (``findings.json``, rule and pointer).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import govdisclosure as g
from govdisclosure.parse import MAX_INPUT_BYTES, ParseError, ParseResult, Provenance, parse

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "parse"
CASES = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir())


def _load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def _source(case: str) -> Path:
    return next((FIXTURES / case).glob("source.*"))


# -- The seed ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed() -> ParseResult:
    return parse(ROOT / "examples" / "sources" / "muchang-2023.txt")


def test_seed_parses_to_the_hand_checked_json(seed: ParseResult) -> None:
    assert seed.report is not None
    assert g.to_dict(seed.report) == _load(ROOT / "examples" / "muchang-2023.json")


def test_seed_tables_are_missing_not_zero(seed: ParseResult) -> None:
    assert seed.report is not None
    assert seed.report.proactive_disclosure is None
    assert seed.report.applications is None
    assert seed.report.review_litigation is None
    missing = [f.pointer for f in seed.findings if f.rule == "parse.table.missing"]
    assert missing == ["/proactive_disclosure", "/applications", "/review_litigation"]


def test_seed_prose_figure_is_reported_not_filled(seed: ParseResult) -> None:
    figures = [f for f in seed.findings if f.rule == "parse.prose-figure"]
    assert [f.pointer for f in figures] == ["/applications/new_requests/total"]
    assert figures[0].actual == 0
    assert "没有接到" in seed.provenance["/applications/new_requests/total"].raw


def test_seed_provenance(seed: ParseResult) -> None:
    name = seed.provenance["/agency/name"]
    assert isinstance(name, Provenance)
    assert (name.raw, name.location.line) == ("镇康县木场乡人民政府", 3)
    assert seed.provenance["/contact/email"].raw == "lczkmcxzf@126.com"
    assert seed.format == "text"


# -- Fixtures ---------------------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES)
def test_fixture_parses_to_expected_json(case: str) -> None:
    result = parse(_source(case))
    assert result.report is not None, [f.message_en for f in result.findings]
    assert g.to_dict(result.report) == _load(FIXTURES / case / "expected.json")


@pytest.mark.parametrize("case", CASES)
def test_fixture_findings(case: str) -> None:
    result = parse(_source(case))
    got = [[f.rule, f.pointer] for f in result.findings]
    assert got == _load(FIXTURES / case / "findings.json")


@pytest.mark.parametrize("case", CASES)
def test_every_table_value_has_provenance(case: str) -> None:
    result = parse(_source(case))
    assert result.report is not None
    doc = g.to_dict(result.report)
    for table in ("proactive_disclosure", "applications", "review_litigation"):
        for ptr, value in _leaves(doc[table], f"/{table}"):
            if value is not None:
                prov = result.provenance[ptr]
                assert prov.raw.strip(), ptr
                loc = prov.location
                assert loc.line is not None or loc.row is not None, ptr


def _leaves(obj: Any, ptr: str) -> list[tuple[str, Any]]:
    if isinstance(obj, dict):
        return [x for k, v in obj.items() for x in _leaves(v, f"{ptr}/{k}")]
    return [(ptr, obj)]


def test_html_cells_are_located_in_the_grid() -> None:
    result = parse(_source("html-2021-township"))
    loc = result.provenance["/applications/outcomes/unavailable/not_held/total"].location
    # Table 三 is the second data table; the row is its 16th grid row, 总计 the 10th column.
    assert (loc.table, loc.row, loc.column) == (2, 15, 9)
    assert loc.line is not None


def test_blank_markers_are_none_never_zero() -> None:
    result = parse(_source("html-2021-township"))
    assert result.report is not None
    assert result.report.proactive_disclosure is not None
    coercion = result.report.proactive_disclosure.coercion
    assert coercion is not None
    assert coercion.decisions is None  # &nbsp;
    assert result.provenance["/proactive_disclosure/coercion/decisions"].raw == "\xa0"


def test_sparse_row_is_not_shifted() -> None:
    result = parse(_source("html-2019-district"))
    assert result.report is not None
    assert result.report.applications is not None
    row = result.report.applications.new_requests
    assert row is not None
    assert (row.natural_person, row.commercial_enterprise, row.total) == (6, None, 6)


# -- Structure detection ----------------------------------------------------------------------


def _report(text: str) -> g.Report:
    result = parse(text)
    assert result.report is not None, [f.message_en for f in result.findings]
    return result.report


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


def test_minimal_report() -> None:
    report = _report(MINIMAL)
    assert report.agency.name == "某县财政局"
    assert (report.agency.level, report.agency.kind) == ("county", "department")
    assert report.period.year == 2022
    assert report.template_version == "2021"
    assert report.issues.text == "存在不足。"
    assert report.other_matters.text == "无。"


def test_carried_forward_row_is_not_section_four() -> None:
    text = MINIMAL.replace(
        "三、收到和处理政府信息公开申请情况\n",
        "三、收到和处理政府信息公开申请情况\n"
        "一、本年新收政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n"
        "四、结转下年度继续办理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n",
    )
    report = _report(text)
    assert report.applications is not None
    forward = report.applications.carried_forward
    assert forward is not None
    assert forward.total == 0
    assert report.review_litigation is None


@pytest.mark.parametrize(
    "heading",
    [
        "五、存在的主要问题及改进情况",
        "五.存在的主要问题及改进情况",
        "五、政府信息公开工作存在的主要问题及改进情况",
        "、存在的主要问题和改进措施",
        "五、存在的主要問(wèn)題(tí)及改進情況",
    ],
)
def test_section_heading_variants(heading: str) -> None:
    report = _report(MINIMAL.replace("五、存在的主要问题及改进情况", heading))
    assert report.issues.text == "存在不足。"


def test_other_spelling_of_section_six() -> None:
    report = _report(MINIMAL.replace("六、其他需要报告的事项", "六、其它需要报告的事项"))
    assert report.other_matters.text == "无。"


def test_pre_2019_report_is_narrative_only() -> None:
    text = MINIMAL.replace("2022", "2016").replace(
        "二、主动公开政府信息情况\n",
        "二、主动公开政府信息情况\n规章 | 1 | 2 | 3 |\n行政许可 | 5 |\n",
    )
    result = parse(text)
    assert result.report is not None
    assert result.report.proactive_disclosure is None
    assert "parse.pre2019" in [f.rule for f in result.findings]


def test_repaired_period_dates() -> None:
    text = MINIMAL.replace(
        "2022年，我局推进政府信息公开工作。",
        "本报告统计期限自202211日起至20221231日止。",
    )
    result = parse(text)
    assert result.report is not None
    assert str(result.report.period.start) == "2022-01-01"
    assert str(result.report.period.end) == "2022-12-31"
    assert "parse.date.repaired" in [f.rule for f in result.findings]


def test_mirror_spam_agency_is_reported() -> None:
    text = "来源：澳门葡京娱乐城官网\n" + MINIMAL
    result = parse(text)
    assert result.report is not None
    assert result.report.agency.name == "某县财政局"
    assert "parse.mirror-spam" in [f.rule for f in result.findings]


def test_markdown_headings() -> None:
    text = "\n\n".join(f"## {line}" if "、" in line[:2] else line for line in MINIMAL.split("\n"))
    report = _report(text)
    assert report.issues.text == "存在不足。"


def test_junk_text_is_no_report() -> None:
    result = parse("hello world\nnothing here\n")
    assert result.report is None
    assert [f.rule for f in result.findings] == ["parse.no-report"]


# -- Input handling ---------------------------------------------------------------------------


def test_format_detection(tmp_path: Path) -> None:
    html = (
        "<html><body><h1>某县财政局2022年政府信息公开工作年度报告</h1>"
        "<p>一、总体情况</p></body></html>"
    )
    assert parse(html).format == "html"
    assert parse(html.encode("utf-8")).format == "html"
    path = tmp_path / "report.htm"
    path.write_text(html, encoding="utf-8")
    assert parse(path).format == "html"
    gbk = tmp_path / "report.txt"
    gbk.write_bytes(MINIMAL.encode("gb18030"))
    result = parse(gbk)
    assert result.format == "text"
    assert result.report is not None
    assert result.report.agency.name == "某县财政局"


@pytest.mark.parametrize(
    "source",
    [b"\x00\x01\x02\x03" * 100, b"\xff\xfe\xfa" * 1000],
)
def test_binary_junk_raises_parse_error(source: bytes) -> None:
    with pytest.raises(ParseError):
        parse(source)


def test_size_limit() -> None:
    with pytest.raises(ParseError, match="limit"):
        parse("x" * (MAX_INPUT_BYTES + 1))


def test_unknown_format() -> None:
    with pytest.raises(ParseError):
        parse("text", format="rtf")


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ParseError):
        parse(tmp_path / "nope.html")


def test_parse_error_is_a_value_error() -> None:
    assert issubclass(ParseError, ValueError)


def test_unrecognised_row_is_reported_and_not_read() -> None:
    text = MINIMAL.replace(
        "二、主动公开政府信息情况\n",
        "二、主动公开政府信息情况\n"
        "信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n"
        "规章 | 0 | 0 | 0 |\n"
        "规范性文件 | 2 | 1 | 9 |\n"
        "其他主动公开文件 | 3 | 0 | 3 |\n",
    )
    result = parse(text)
    assert result.report is not None
    table = result.report.proactive_disclosure
    assert isinstance(table, g.ProactiveDisclosure)
    assert table.normative_documents == g.DocumentCounts(issued=2, repealed=1, in_force=9)
    unknown = [f for f in result.findings if f.rule == "parse.table.unknown-row"]
    assert len(unknown) == 1
    assert unknown[0].actual == "其他主动公开文件"


def test_values_printed_before_their_label() -> None:
    # PDF text: a row's values on the line before its label.
    table = "\n".join(
        [
            "一、本年新收政府信息公开申请数量 2 0 0 0 0 0 2",
            "二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0",
            "1 0 0 0 0 0 1",
            "三、本年度办理结果 （一）予以公开",
        ]
    )
    report = _report(
        MINIMAL.replace(
            "三、收到和处理政府信息公开申请情况\n", f"三、收到和处理政府信息公开申请情况\n{table}\n"
        )
    )
    assert report.applications is not None
    disclosed = report.applications.outcomes.disclosed
    assert disclosed is not None
    assert (disclosed.natural_person, disclosed.total) == (1, 1)


def test_truncated_and_annotated_headers_2019() -> None:
    html = (
        "<h1>某区财政局2019年政府信息公开工作年度报告</h1><p>二、主动公开政府信息情况</p><table>"
        '<tr><td colspan="4">第二十条第（一）项</td></tr>'
        "<tr><td>信息内容</td><td>本年新</td><td>本年新</td><td>对外公开总数 (历史累计)</td></tr>"
        "<tr><td>规章</td><td>1</td><td>2</td><td>3</td></tr></table>"
    )
    report = _report(html)
    assert report.template_version == "2019"
    table = report.proactive_disclosure
    assert isinstance(table, g.ProactiveDisclosure2019)
    assert table.regulations == g.DocumentCounts2019(made=1, published=2, total_published=3)


def test_stripped_period_forms() -> None:
    text = MINIMAL.replace("2022年，我局推进政府信息公开工作。", "统计期限为2022年11日至1231日。")
    report = _report(text)
    assert (str(report.period.start), str(report.period.end)) == ("2022-01-01", "2022-12-31")


def test_table_of_contents_only() -> None:
    toc = (
        "目录\n一、总体情况……………………1\n二、主动公开政府信息情况…………2\n"
        "三、收到和处理政府信息公开申请情况……3\n"
    )
    result = parse(toc)
    assert result.report is None


def test_bold_lead_in_without_full_stop() -> None:
    html = (
        "<h1>某县财政局2022年政府信息公开工作年度报告</h1>"
        "<p><strong>一、总体情况</strong>本年度工作概述。</p>"
        "<p><strong>（一）主动公开情况</strong>全年公开信息10条。</p>"
        "<p><b>（二）依申请公开情况</b>全年未收到申请。</p>"
        "<p>联系电话：010-12345678。</p>"
    )
    report = _report(html)
    assert report.overview.text == "本年度工作概述。"
    assert [(s.heading, s.text) for s in report.overview.subsections] == [
        ("（一）主动公开情况", "全年公开信息10条。"),
        ("（二）依申请公开情况", "全年未收到申请。"),
    ]
    assert report.overview.closing == "联系电话：010-12345678。"
    assert report.contact.phone == "010-12345678"


# -- Irregular rows -----------------------------------------------------------------------------

_NEW_ROW = "| 一、本年新收政府信息公开申请数量 |  |  | 42 |"


@pytest.fixture(scope="module")
def rendered_2021() -> dict[str, str]:
    report = g.from_dict(_load(ROOT / "examples" / "report-2021.json"))
    from govdisclosure.render import render

    return {fmt: render(report, fmt) for fmt in ("text", "html")}


def _changed(before: ParseResult, after: ParseResult) -> dict[str, tuple[Any, Any]]:
    def flat(d: Any, p: str = "") -> dict[str, Any]:
        if isinstance(d, dict):
            return {k2: v2 for k, v in d.items() for k2, v2 in flat(v, f"{p}/{k}").items()}
        if isinstance(d, list):
            return {k2: v2 for i, v in enumerate(d) for k2, v2 in flat(v, f"{p}/{i}").items()}
        return {p: d}

    assert before.report is not None
    assert after.report is not None
    a, b = flat(g.to_dict(before.report)), flat(g.to_dict(after.report))
    return {k: (a.get(k), b.get(k)) for k in a.keys() | b.keys() if a.get(k) != b.get(k)}


@pytest.mark.parametrize(
    ("old", "new", "changed", "rule", "raw"),
    [
        (
            _NEW_ROW,
            _NEW_ROW.replace("42", "a42"),
            "new_requests/natural_person",
            "parse.value.not-a-number",
            "a42",
        ),
        (
            _NEW_ROW,
            _NEW_ROW.replace("42", "约42"),
            "new_requests/natural_person",
            "parse.value.not-a-number",
            "约42",
        ),
        (
            _NEW_ROW,
            _NEW_ROW.replace("42", "见附件"),
            "new_requests/natural_person",
            "parse.value.not-a-number",
            "见附件",
        ),
        (
            "| 四、结转下年度继续办理 |  |  | 3 |",
            "| 四、结转下年度继续办理 |  |  | x |",
            "carried_forward/natural_person",
            "parse.value.not-a-number",
            "x",
        ),
        (_NEW_ROW, _NEW_ROW.replace("|  |  |", "|  |"), None, None, None),
        (_NEW_ROW, _NEW_ROW.replace("|  |  |", "|  |  |  |"), None, None, None),
        (_NEW_ROW, _NEW_ROW[2:], None, None, None),
    ],
)
def test_one_irregular_pipe_row_shifts_nothing(
    rendered_2021: dict[str, str],
    old: str,
    new: str,
    changed: str | None,
    rule: str | None,
    raw: str | None,
) -> None:
    text = rendered_2021["text"]
    assert old in text
    before, after = parse(text), parse(text.replace(old, new))
    diff = _changed(before, after)
    if changed is None:
        assert diff == {}
        assert after.findings == before.findings
        return
    assert set(diff) == {f"/applications/{changed}"}
    assert diff[f"/applications/{changed}"][1] is None
    extra = [f for f in after.findings if f not in before.findings]
    assert [(f.rule, f.actual) for f in extra] == [(rule, raw)]


def test_trailing_filler_pipes_shift_nothing(rendered_2021: dict[str, str]) -> None:
    text = rendered_2021["text"]
    lines = [x + "|||" if x.startswith(_NEW_ROW) else x for x in text.split("\n")]
    assert _changed(parse(text), parse("\n".join(lines))) == {}


def test_a_row_missing_a_value_is_reported_not_shifted(rendered_2021: dict[str, str]) -> None:
    text = rendered_2021["text"]
    after = parse(text.replace(_NEW_ROW, _NEW_ROW.replace(" 42 |", "")))
    assert after.report is not None
    new = g.to_dict(after.report)["applications"]["new_requests"]
    assert set(new.values()) == {None}
    assert [f.actual for f in after.findings if f.rule == "parse.table.unplaced"] == [
        ["8", "0", "0", "2", "0", "52"]
    ]


@pytest.mark.parametrize("raw", ["约12万", "十二", "abc", "1e3", "12.5.6"])
@pytest.mark.parametrize(
    ("row", "ptr"),
    [
        ("| 行政事业性收费 | 12.5600 |", "fees/amount"),
        ("| 行政许可 | 1256 |", "licensing/decisions"),
    ],
)
def test_bad_cell_in_table_two_is_reported(
    rendered_2021: dict[str, str], raw: str, row: str, ptr: str
) -> None:
    text = rendered_2021["text"]
    assert row in text
    after = parse(text.replace(row, row.split("|")[0] + "|" + row.split("|")[1] + f"| {raw} |"))
    assert after.report is not None
    assert set(_changed(parse(text), after)) == {f"/proactive_disclosure/{ptr}"}
    assert [(f.rule, f.actual) for f in after.findings] == [("parse.value.not-a-number", raw)]


@pytest.mark.parametrize(("raw", "rule"), [("6500余条", "approximate"), ("约6500", "not-a-number")])
def test_space_separated_row_with_a_bad_value(
    rendered_2021: dict[str, str], raw: str, rule: str
) -> None:
    text = rendered_2021["text"].replace("| 行政许可 | 1256 |  |  |", f"行政许可 {raw}")
    result = parse(text)
    assert result.report is not None
    assert g.to_dict(result.report)["proactive_disclosure"]["licensing"] == {"decisions": None}
    assert [(f.rule, f.actual) for f in result.findings] == [(f"parse.value.{rule}", raw)]


@pytest.mark.parametrize(
    "label",
    [
        '<td colspan="3">一、本年新收政府信息公开申请数量</td><td></td>',
        '<td colspan="99999">一、本年新收政府信息公开申请数量</td>',
    ],
)
def test_html_row_wider_than_its_header(rendered_2021: dict[str, str], label: str) -> None:
    html = rendered_2021["html"]
    old = '<td colspan="3">一、本年新收政府信息公开申请数量</td>'
    assert old in html
    before, after = parse(html), parse(html.replace(old, label))
    assert _changed(before, after) == {}
    assert after.findings == before.findings


def test_html_value_in_a_column_without_header_is_reported(rendered_2021: dict[str, str]) -> None:
    html = rendered_2021["html"]
    row_end = html.index("</tr>", html.index("一、本年新收政府信息公开申请数量"))
    after = parse(html[:row_end] + "<td>99</td>" + html[row_end:])
    unplaced = [f.actual for f in after.findings if f.rule == "parse.table.unplaced"]
    assert unplaced == [["99"]]
    (message,) = [f.message_en for f in after.findings if f.rule == "parse.table.unplaced"]
    assert "row '一、本年新收政府信息公开申请数量'" in message


def test_a_flattened_row_with_too_many_values_is_not_placed(rendered_2021: dict[str, str]) -> None:
    lines = rendered_2021["text"].split("\n")
    (i,) = [k for k, line in enumerate(lines) if "一、本年新收政府信息公开申请数量" in line]
    lines[i] = "一、本年新收政府信息公开申请数量 9 5 1 0 0 0 0 6"
    result = parse("\n".join(lines))
    assert result.report is not None
    assert result.report.applications is not None
    assert result.report.applications.new_requests == g.ApplicantCounts()
    unplaced = [f.actual for f in result.findings if f.rule == "parse.table.unplaced"]
    assert unplaced == [["9", "5", "1", "0", "0", "0", "0", "6"]]
    # The row after it is read as before.
    assert result.report.applications.carried_over == g.ApplicantCounts(
        natural_person=2,
        commercial_enterprise=0,
        research_institution=0,
        social_welfare_org=0,
        legal_service_org=0,
        other=0,
        total=2,
    )


def test_a_legacy_doc_is_named_as_such() -> None:
    with pytest.raises(ParseError, match=r"save it as \.docx"):
        parse(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
