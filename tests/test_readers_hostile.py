"""Hostile input to the readers: ZIP bombs, quadratic shapes, nesting, bad charsets, surrogates.

No timing assertions: the quadratic shapes are bounded by counting the regex work (the number of
characters a scan may visit) or by sizes and limits.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from govdisclosure.readers import ReaderError
from govdisclosure.readers import docx as _docx
from govdisclosure.readers import html as _html
from govdisclosure.readers.encoding import decode_text
from govdisclosure.readers.html import read_html
from govdisclosure.readers.notes import CHARSET_UNKNOWN, NESTING_FLATTENED, SURROGATE
from govdisclosure.readers.text import read_text

ROOT = Path(__file__).resolve().parents[1]
HTML = ROOT / "tests" / "fixtures" / "parse" / "html-2021-township" / "source.html"

_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    b"<w:body>"
)
_FOOT = b"</w:body></w:document>"


def _bomb(paragraph: bytes, count: int) -> bytes:
    """A .docx whose document.xml is ``count`` copies of ``paragraph``, written in chunks."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w") as f:
            f.write(_HEAD)
            block = paragraph * 10_000
            for _ in range(count // 10_000):
                f.write(block)
            f.write(_FOOT)
    return out.getvalue()


def test_a_docx_bomb_is_refused_by_its_inflated_size() -> None:
    """A document.xml inflating past the cap is refused while inflating, before python-docx."""
    pytest.importorskip("docx")
    # ~48 MiB inflated (over the 32 MiB cap), ~100 KB compressed; read in 1 MiB chunks.
    data = _bomb(b"<w:p><w:r><w:t>" + b"x" * 480 + b"</w:t></w:r></w:p>", 100_000)
    assert len(data) < 4 * 1024 * 1024
    with pytest.raises(ReaderError, match=r"document\.xml"):
        _docx.read_docx(data)


def test_a_docx_of_too_many_paragraphs_is_refused() -> None:
    """More paragraphs than the cap (small in bytes) are refused before the tree is built."""
    pytest.importorskip("docx")
    data = _bomb(b"<w:p/>", _docx.MAX_DOCX_PARAGRAPHS + 10_000)
    with pytest.raises(ReaderError, match="paragraphs"):
        _docx.read_docx(data)


def test_a_declared_oversized_body_is_refused_before_inflating(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A document.xml whose declared size is over the cap is refused from the directory alone."""
    pytest.importorskip("docx")
    data = _bomb(b"<w:p><w:r><w:t>abc</w:t></w:r></w:p>", 20_000)
    monkeypatch.setattr(_docx, "MAX_DOCX_XML_BYTES", 1000)
    inflated: list[str] = []
    original = zipfile.ZipFile.open

    def watched(self: zipfile.ZipFile, name: object, *args: object, **kw: object) -> object:
        inflated.append(str(name))
        return original(self, name, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(zipfile.ZipFile, "open", watched)
    with pytest.raises(ReaderError, match=r"document\.xml"):
        _docx.read_docx(data)
    assert inflated == []


class _CountingPattern:
    """A compiled pattern that counts the characters its searches are given to scan."""

    def __init__(self, pattern: object, counter: list[int]) -> None:
        self.pattern, self.counter = pattern, counter

    def search(self, text: str, pos: int = 0) -> object:
        found = self.pattern.search(text, pos)  # type: ignore[attr-defined]
        end = found.end() if found is not None else len(text)
        self.counter[0] += end - pos
        return found


def test_a_long_script_string_is_scanned_linearly(monkeypatch: pytest.MonkeyPatch) -> None:
    """40 KB of escaped quotes in an unterminated string: each character scanned O(1) times."""
    visited = [0]
    monkeypatch.setattr(_html, "_JS_QUOTE", _CountingPattern(_html._JS_QUOTE, visited))
    monkeypatch.setattr(
        _html,
        "_JS_STOPS",
        {q: _CountingPattern(p, visited) for q, p in _html._JS_STOPS.items()},
    )
    code = 'document.write("<table>' + '\\"' * 20_000
    assert _html._script_html(code) is None
    assert visited[0] <= 3 * len(code)


def test_script_strings_are_still_read() -> None:
    """Literals joined by 「+」, escapes and surrogate pairs are read as before."""
    code = "document.write('<p>a\\'b' + \"</p><p>\\u4e2d\\ud83d\\ude00</p>\");"
    assert _html._script_html(code) == "<p>a'b</p><p>中\U0001f600</p>"


def test_300_nested_divs_around_a_report_are_read() -> None:
    """A report wrapped in 300 divs (over libxml2's 256) is read, with a finding."""
    page = HTML.read_text(encoding="utf-8")
    i = page.index(">", page.index("<body")) + 1
    k = page.rindex("</body>")
    plain = read_html(page)
    nested = page[:i] + "<div>" * 300 + page[i:k] + "</div>" * 300 + page[k:]
    doc = read_html(nested)
    assert [b.text for b in doc.blocks if hasattr(b, "text")] == [
        b.text for b in plain.blocks if hasattr(b, "text")
    ]
    tables = sum(1 for b in doc.blocks if hasattr(b, "rows"))
    assert tables == sum(1 for b in plain.blocks if hasattr(b, "rows")) >= 3
    assert [f.rule for f in doc.findings] == [NESTING_FLATTENED]
    assert plain.findings == ()


def test_many_bold_runs_in_one_paragraph_keep_it_whole() -> None:
    """A paragraph of 5,000 bold runs is one paragraph (the buffer is not re-joined per run)."""
    doc = read_html("<html><body><p>" + "<b>x</b>" * 5_000 + "</p></body></html>")
    assert [b.text for b in doc.blocks] == ["x" * 5_000]  # type: ignore[union-attr]


@pytest.mark.parametrize("charset", ["x-no-such-charset", "rot13", "hex", "utf-16"])
def test_an_unusable_meta_charset_takes_the_normal_path(charset: str) -> None:
    """A declared charset that cannot be used is ignored with a finding; GB18030 is found."""
    data = f'<html><head><meta charset="{charset}"></head><body><p>年度报告</p>'.encode("gb18030")
    decoded = decode_text(data)
    assert decoded.text is not None
    assert "年度报告" in decoded.text
    assert [f.rule for f in decoded.findings] == [CHARSET_UNKNOWN]


def test_a_usable_meta_charset_has_no_finding() -> None:
    """A declared GBK page decodes as GB18030 without a finding."""
    decoded = decode_text('<meta charset="gbk"><p>年度报告</p>'.encode("gb18030"))
    assert decoded.text is not None
    assert decoded.text.endswith("<p>年度报告</p>")
    assert decoded.findings == ()


@pytest.mark.parametrize(
    "page",
    [
        "<html><body><p>a\ud800b</p></body></html>",  # a str input that holds one
        '<html><body><script>document.write("<p>a\\ud800b</p>")</script></body></html>',
    ],
)
def test_lone_surrogates_in_html_become_replacement_characters(page: str) -> None:
    """A lone surrogate never reaches the document: U+FFFD and a ``read.surrogate`` finding."""
    doc = read_html(page)
    assert [b.text for b in doc.blocks] == ["a\ufffdb"]  # type: ignore[union-attr]
    assert [f.rule for f in doc.findings] == [SURROGATE]


def test_an_entity_surrogate_is_a_replacement_character() -> None:
    """``&#xD800;`` (an invalid character reference) becomes U+FFFD, as HTML says."""
    doc = read_html("<html><body><p>a&#xD800;b&#55296;c</p></body></html>")
    assert [b.text for b in doc.blocks] == ["a\ufffdb\ufffdc"]  # type: ignore[union-attr]


def test_lone_surrogates_in_text_become_replacement_characters() -> None:
    """Surrogate-escaped bytes in a text input become U+FFFD with a finding."""
    text = b"\xc4\xea report\nline 2".decode("utf-8", "surrogateescape")
    doc = read_text(text)
    assert [b.text for b in doc.blocks] == ["\ufffd\ufffd report", "line 2"]  # type: ignore[union-attr]
    assert [f.rule for f in doc.findings] == [SURROGATE]
    for block in doc.blocks:
        block.text.encode("utf-8")  # type: ignore[union-attr]


def test_many_unclosed_table_tags_in_text_are_read_linearly() -> None:
    """Text of many 「<table」 without 「>」 is plain text: the tag scan stops at the next 「<」."""
    from govdisclosure.readers import text as _text

    text = "<table" * 20_000
    assert _text._TABLE_TAG.search(text) is None
    # The pattern cannot run past the next 「<」, so a failed attempt costs O(1) characters.
    assert "[^<>]" in _text._TABLE_TAG.pattern
