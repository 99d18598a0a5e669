"""Robustness: whatever the input, :func:`parse` returns a ParseResult or raises ParseError.

Random bytes and text, mutated real reports, adversarial HTML (deep nesting, huge spans,
thousands of rows, entity tricks, unclosed tags, scripts) and flattened tables thousands of
rows long. Inputs are kept bounded so that the suite stays fast; nothing here asserts timings,
but every construct is also exercised at a size where quadratic work would show.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govdisclosure.parse import ParseError, ParseResult, parse

ROOT = Path(__file__).resolve().parents[2]
SEED = (ROOT / "examples" / "sources" / "muchang-2023.txt").read_text(encoding="utf-8")
HTML_FIXTURE = (
    ROOT / "tests" / "fixtures" / "parse" / "html-2021-township" / "source.html"
).read_text(encoding="utf-8")
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _outcome(source: str | bytes, fmt: str | None = None) -> ParseResult | None:
    """Parse; a ParseError is an allowed outcome, any other exception fails the test."""
    try:
        result = parse(source, format=fmt)
    except ParseError:
        return None
    assert isinstance(result, ParseResult)
    return result


@SETTINGS
@given(st.binary(max_size=4000))
def test_random_bytes(data: bytes) -> None:
    _outcome(data)


@SETTINGS
@given(st.binary(max_size=2000))
def test_random_bytes_as_pdf_and_docx(data: bytes) -> None:
    _outcome(b"%PDF-1.4\n" + data)
    _outcome(b"PK\x03\x04" + data)


@SETTINGS
@given(st.text(max_size=3000))
def test_random_text(text: str) -> None:
    _outcome(text)
    _outcome(text, "html")


@SETTINGS
@given(st.data())
def test_mutated_seed(data: st.DataObject) -> None:
    text = SEED
    for _ in range(data.draw(st.integers(1, 8))):
        i = data.draw(st.integers(0, len(text)))
        j = data.draw(st.integers(i, min(len(text), i + 200)))
        insert = data.draw(
            st.text(
                alphabet=st.sampled_from("|一二三四五六、（）()0123456789/ \n。：，年月日"),
                max_size=30,
            )
        )
        text = text[:i] + insert + text[j:]
    _outcome(text)


@SETTINGS
@given(st.data())
def test_mutated_html(data: st.DataObject) -> None:
    html = HTML_FIXTURE
    for _ in range(data.draw(st.integers(1, 6))):
        i = data.draw(st.integers(0, len(html)))
        j = data.draw(st.integers(i, min(len(html), i + 300)))
        pieces = [
            "<td>",
            "</td>",
            "<tr>",
            "</table>",
            "<table>",
            'rowspan="9"',
            "colspan=99",
            "&nbsp;",
            "<br>",
            "0",
            "规章",
            "|",
        ]
        insert = "".join(data.draw(st.lists(st.sampled_from(pieces), max_size=10)))
        html = html[:i] + insert + html[j:]
    _outcome(html, "html")


_TAGS = [
    "<div>",
    "</div>",
    "<p>",
    "</p>",
    "<table>",
    "</table>",
    "<tr>",
    "<td>",
    "</td>",
    "<th colspan=3>",
    "<td rowspan=5>",
    "<br>",
    "<script>",
    "</script>",
    "&nbsp;",
    "&amp;",
    "&#x0;",
    "&#1114111;",
    "规章",
    "0",
    "一、总体情况",
    "四、结转下年度继续办理",
    '\\"',
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
]


@SETTINGS
@given(st.lists(st.sampled_from(_TAGS), max_size=300))
def test_tag_soup(parts: list[str]) -> None:
    _outcome("<html><body>" + "".join(parts), "html")


def test_deep_nesting() -> None:
    _outcome("<div>" * 20000 + "一、总体情况" + "</div>" * 20000, "html")
    _outcome("<table><tr><td>" * 3000 + "规章" + "</td></tr></table>" * 3000, "html")
    _outcome("<b>" * 50000, "html")


def test_huge_spans() -> None:
    cells = '<td rowspan="999999999" colspan="999999999">规章</td>' * 50
    _outcome(f"<table><tr>{cells}</tr>" + "<tr><td>0</td></tr>" * 2000 + "</table>", "html")


def test_thousands_of_rows() -> None:
    rows = "".join(
        f"<tr><td>{i}.属于国家秘密</td>" + "<td>0</td>" * 7 + "</tr>" for i in range(5000)
    )
    head = "<tr><td>自然人</td><td>商业企业</td><td>总计</td></tr>"
    result = _outcome(
        f"<p>三、收到和处理政府信息公开申请情况</p><table>{head}{rows}</table>", "html"
    )
    assert result is not None
    text_rows = "\n".join(f"规章 | {i} | 0 | 0 |" for i in range(5000))
    _outcome("某局2022年政府信息公开工作年度报告\n二、主动公开政府信息情况\n" + text_rows)
    _outcome("\n".join(["0 0 0 0 0 0 0"] * 5000))
    _outcome("一是" * 20000)
    _outcome("。 " * 20000)
    _outcome("(一)" * 20000)


def test_long_lines() -> None:
    _outcome("规章" + " |" * 100000)
    _outcome("|" * 200000)
    _outcome("一、总体情况 " + "字" * 500000)
    _outcome("<p>" + "自2021年1月1日起至" * 20000 + "</p>", "html")


def test_billion_laughs_is_not_expanded() -> None:
    lol = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + "".join(
            f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">'
            for i in range(1, 10)
        )
        + "]><html><body><p>&lol9;</p></body></html>"
    )
    result = _outcome(lol, "html")
    assert result is None or len(str(result)) < 100_000


def test_external_entity_is_not_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET", encoding="utf-8")
    doc = (
        f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file://{secret}">]>'
        "<html><body><h1>某局2022年政府信息公开工作年度报告</h1><p>一、总体情况</p><p>&xxe;</p>"
        '<p><img src="http://198.51.100.1/x.png"></p></body></html>'
    )
    result = _outcome(doc, "html")
    assert result is not None
    assert "TOPSECRET" not in repr(result)


def test_unclosed_tags_and_script_strings() -> None:
    _outcome("<html><body><p>一、总体情况<table><tr><td>规章<td>0<td>0", "html")
    _outcome(
        '<script>var a = "<table><tr><td>规章</td><td>1\\" + "</td></tr>\\u003c/table>";</script>',
        "html",
    )
    _outcome("<script>" + '"\\' * 50000 + "</script>", "html")


@pytest.mark.parametrize("fmt", [None, "text", "html"])
def test_empty_inputs(fmt: str | None) -> None:
    for source in ("", " ", "\n\n", "\ufeff"):
        result = _outcome(source, fmt)
        assert result is None or result.report is None


def test_long_lines_of_short_words() -> None:
    """A 2 MB line of space-separated words: splitting it used to take quadratic time.

    At every run of spaces the paragraph so far was examined as a heading, so each check cost
    the length of the line; before the fix these inputs took tens of seconds.
    """
    words = "我局 " * 700_000
    _outcome("一、总体情况\n" + words)
    _outcome("1 " * 1_000_000)
    _outcome("<p>" + words + "</p>", "html")
