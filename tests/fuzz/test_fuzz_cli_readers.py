"""A bounded fuzz campaign of the readers and the command line: no foreign exception, ever.

Each property feeds generated input (random text, HTML-shaped markup with hostile pieces,
mutated Word files, random files and options on the command line) and checks the promises:
readers return a document or raise ``ReaderError``; no lone surrogate reaches a document; the
command line returns 0, 1 or 2 and writes valid UTF-8 JSON. The number of examples per property
is ``GD_FUZZ_EXAMPLES`` (default 25, the short run in CI); the long run is documented in
docs/cli.md ("Fuzzing").
"""

from __future__ import annotations

import contextlib
import functools
import io
import os
import random
import re
import sys
import zipfile
from pathlib import Path

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govdisclosure.cli import main
from govdisclosure.readers import ReaderError
from govdisclosure.readers.document import Document, Paragraph, Table
from govdisclosure.readers.encoding import decode_text
from govdisclosure.readers.html import read_html
from govdisclosure.readers.text import read_text

from . import campaign

EXAMPLES = int(os.environ.get("GD_FUZZ_EXAMPLES", "25"))
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    derandomize=EXAMPLES <= 25,  # the short run is the same every time; the long run explores
)
_SURROGATE = re.compile("[\ud800-\udfff]")

# Pieces real attacks and real pages are made of (the campaign's), glued together at random.
_PIECES = st.sampled_from(
    sorted({*campaign.PIECES, "<b>", "</b>", "\\ud83d\\ude00", "'", '"', "+"})
)
_MARKUP = st.lists(_PIECES | st.text(max_size=20), max_size=60).map("".join)


def _check(doc: Document) -> None:
    for block in doc.blocks:
        texts = [block.text] if isinstance(block, Paragraph) else []
        if isinstance(block, Table):
            texts = [c.text for row in block.rows for c in row]
        for text in texts:
            assert not _SURROGATE.search(text), text


@SETTINGS
@given(_MARKUP)
def test_the_text_reader_takes_anything(text: str) -> None:
    """Any text is a document without lone surrogates."""
    _check(read_text(text))


@SETTINGS
@given(_MARKUP)
def test_the_html_reader_takes_anything(text: str) -> None:
    """Any markup is a document without lone surrogates."""
    _check(read_html(text))


@SETTINGS
@given(st.binary(max_size=2000) | _MARKUP.map(lambda s: s.encode("gb18030", "replace")))
def test_decoding_takes_any_bytes(data: bytes) -> None:
    """Any bytes decode to text without surrogates, or to ``None``; never an exception."""
    decoded = decode_text(data)
    assert decoded.text is None or not _SURROGATE.search(decoded.text)


@SETTINGS
@given(_MARKUP | st.binary(max_size=2000).map(lambda b: b.decode("latin-1")))
def test_parse_takes_anything(text: str) -> None:
    """``parse`` on any text returns a result or raises ``ParseError``; its report encodes."""
    import govdisclosure as g

    try:
        result = g.parse(text)
    except g.ParseError:
        return
    if result.report is not None:
        g.dumps(result.report).encode("utf-8")


@SETTINGS
@given(st.binary(max_size=600) | _MARKUP.map(lambda s: s.encode("utf-8", "surrogateescape")))
def test_loads_and_validate_take_anything(data: bytes) -> None:
    """``loads`` raises only ``ReportError``; ``validate`` never raises."""
    import govdisclosure as g

    with contextlib.suppress(g.ReportError):
        g.loads(data)
    g.validate(data)


@functools.cache
def _pdf_corpus() -> campaign.Corpus:
    """The campaign's seeds (the test PDFs among them), built once."""
    return campaign.corpus()


@SETTINGS
@given(
    seed=st.integers(0, 2**32 - 1),
    flips=st.lists(st.tuples(st.integers(0, 2**20), st.integers(0, 255)), max_size=6),
    cut=st.none() | st.integers(0, 2**20),
    number=st.sampled_from([b"9" * 400, b"1e308", b"-99999999999999999999", b"NaN", b"1" * 5000]),
)
def test_parse_takes_damaged_pdfs(
    seed: int, flips: list[tuple[int, int]], cut: int | None, number: bytes
) -> None:
    """A damaged PDF (spliced objects, huge numbers and operators in its content, flipped bytes,
    cut short) gives ``ParseError`` or a result whose report encodes; nothing else."""
    import govdisclosure as g

    pytest.importorskip("pypdfium2")
    c = _pdf_corpus()
    data = bytearray(campaign.mutate_pdf(random.Random(seed), c.pdf_objects, c.pdfs))
    # A number of the content stream made huge (the streams of the seeds are plain text).
    at = data.find(b" Td")
    if at > 0:
        start = data.rfind(b" ", 0, at) + 1
        data[start:at] = number
    for where, value in flips:
        data[where % len(data)] = value
    if cut is not None:
        del data[cut % (len(data) + 1) :]
    try:
        result = g.parse(bytes(data), format="pdf")
    except g.ParseError:
        return
    if result.report is not None:
        g.dumps(result.report).encode("utf-8")
    for f in result.findings:
        assert not _SURROGATE.search(f.message_zh + f.message_en), f.rule


def _docx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats'
            '-officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        z.writestr(
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            '2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
            "</Relationships>",
        )
        z.writestr(
            "word/document.xml",
            '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
            'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p>'
            "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
            "</w:body></w:document>",
        )
    return out.getvalue()


_DOCX = _docx()


@SETTINGS
@given(st.lists(st.tuples(st.integers(0, len(_DOCX) - 1), st.integers(0, 255)), max_size=8))
def test_the_word_reader_takes_damaged_files(flips: list[tuple[int, int]]) -> None:
    """A damaged .docx is a document or a ``ReaderError``."""
    docx = pytest.importorskip("docx")
    assert docx is not None
    data = bytearray(_DOCX)
    for at, value in flips:
        data[at] = value
    try:
        doc = read_docx_bytes(bytes(data))
    except ReaderError:
        return
    _check(doc)


def read_docx_bytes(data: bytes) -> Document:
    """The Word reader, imported late so that the module loads without python-docx."""
    from govdisclosure.readers.docx import read_docx

    return read_docx(data)


_OPTIONS = st.lists(
    st.sampled_from([*campaign.PARSE_OPTIONS, "--format=json", "--format=jsonl"]),
    unique=True,
    max_size=4,
)
_NAMES = st.sampled_from(["a.txt", "b.html", "c.json", "d.docx", "e.pdf", "f.doc", "g"])


def _run(argv: list[str]) -> tuple[int, bytes, bytes]:
    out, err = io.BytesIO(), io.BytesIO()
    saved = sys.stdout, sys.stderr
    wrappers = io.TextIOWrapper(out, encoding="utf-8"), io.TextIOWrapper(err, encoding="utf-8")
    sys.stdout, sys.stderr = wrappers
    try:
        status = main(argv)
    finally:
        sys.stdout, sys.stderr = saved
        for wrapper in wrappers:
            wrapper.flush()
            wrapper.detach()  # so that collecting the wrapper does not close the buffer
    return status, out.getvalue(), err.getvalue()


@SETTINGS
@given(
    files=st.lists(st.tuples(_NAMES, _MARKUP | st.binary(max_size=300)), min_size=1, max_size=3),
    options=_OPTIONS,
    gbk=st.booleans(),
)
def test_parse_then_validate_on_anything(
    tmp_path_factory: pytest.TempPathFactory,
    files: list[tuple[str, str | bytes]],
    options: list[str],
    gbk: bool,
) -> None:
    """``parse`` on any files, then ``validate`` on its output: 0, 1 or 2, and valid JSON."""
    folder = tmp_path_factory.mktemp("fuzz")
    for k, (name, content) in enumerate(files):
        raw = content if isinstance(content, bytes) else content.encode("utf-8", "replace")
        stem = b"\xc4\xea" if gbk else b"r"
        with open(
            os.path.join(os.fsencode(folder), stem + str(k).encode() + b"-" + name.encode()), "wb"
        ) as f:
            f.write(raw)
    status, out, _ = _run(["parse", str(folder), *options])
    assert status in (0, 1, 2)
    out.decode("utf-8")  # valid UTF-8, whatever the names
    if not out.strip():
        return
    if out.lstrip().startswith(b"{") and b"\n{" not in out:
        orjson.loads(out)
    else:
        for line in out.splitlines():
            orjson.loads(line)
    records = folder / "records.jsonl"
    records.write_bytes(out)
    status, vout, _ = _run(["validate", str(records), "--format=json"])
    assert status in (0, 1, 2)
    orjson.loads(vout)


@SETTINGS
@given(
    st.binary(max_size=400) | _MARKUP.map(lambda s: s.encode("utf-8", "surrogateescape")),
    st.sampled_from(["json", "text"]),
)
def test_validate_and_render_on_any_json_file(
    tmp_path_factory: pytest.TempPathFactory, data: bytes, fmt: str
) -> None:
    """``validate`` and ``render`` on any bytes: 0, 1 or 2, never a traceback."""
    path = tmp_path_factory.mktemp("fuzz") / "x.json"
    path.write_bytes(data)
    status, _, _ = _run(["validate", str(path), f"--format={fmt}"])
    assert status in (0, 1, 2)
    status, _, _ = _run(["render", str(path)])
    assert status in (0, 2)


def test_the_long_run_is_documented() -> None:
    """docs/cli.md says how to run the campaign long."""
    text = (Path(__file__).resolve().parents[2] / "docs" / "cli.md").read_text(encoding="utf-8")
    assert "GD_FUZZ_EXAMPLES" in text
