"""Reading published reports into the model: :func:`parse`.

``parse(source)`` reads plain text (scraped pages, Markdown), HTML, PDF (with a text layer;
needs the ``pdf`` extra) and Word ``.docx`` (the ``docx`` extra) into a
:class:`~govdisclosure.model.Report`, and says what it could not do as
:class:`~govdisclosure.findings.Finding` objects. Every value taken from the source has its
:class:`Provenance`: the raw text and where it was.

What the parser promises:

* Every table value goes to its cell by the official labels (through the field catalogue),
  never by position alone. A blank, 「/」, 「—」, 「-」, 「_」 or ``&nbsp;`` is ``None``, never 0.
* A table the document does not contain is ``None``, with a ``parse.table.missing`` finding. A
  figure that only the prose states is reported (and kept in the provenance), never written into
  a table.
* Anything the parser had to repair or could not read is a finding: values that are not plain
  numbers, repaired dates, unrecognised row labels, mirror-site spam where the agency's name
  should be, a pre-2019 report (kept as narrative only).

Limits: the input may be at most :data:`MAX_INPUT_BYTES` bytes (16 MiB) of text or HTML, and at
most :data:`MAX_BINARY_BYTES` bytes (64 MiB) of PDF or Word; the PDF reader applies its own
page, character and time limits. No network access is made and no external entity is resolved.
Unreadable input raises :class:`ParseError` and nothing else.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
import zipfile
from io import BytesIO
from pathlib import Path
from typing import Any, Literal

import attrs

from .._document import Document, Location, ReaderError
from ..findings import Finding
from ..model import Report
from .assemble import assemble

__all__ = [
    "FORMATS",
    "MAX_BINARY_BYTES",
    "MAX_INPUT_BYTES",
    "ParseError",
    "ParseResult",
    "Provenance",
    "parse",
]

#: The largest text or HTML input :func:`parse` reads, in bytes (or characters for ``str``).
MAX_INPUT_BYTES = 16 * 1024 * 1024
#: The largest PDF or Word input :func:`parse` reads, in bytes.
MAX_BINARY_BYTES = 64 * 1024 * 1024
#: The formats :func:`parse` reads.
FORMATS = ("text", "html", "pdf", "docx")

Format = Literal["text", "html", "pdf", "docx"]


class ParseError(ValueError):
    """Raised when the input cannot be read at all.

    The input is over the size limit, is not text, HTML, PDF or Word, cannot be decoded, is a
    damaged or encrypted PDF or Word file, or needs an extra that is not installed (the message
    names it). A readable document that holds no report is not an error: :func:`parse` returns
    a result whose ``report`` is ``None``, with findings saying why.

    The message is in English; :attr:`finding` carries it in Chinese too.
    """

    def __init__(self, message_en: str, message_zh: str) -> None:
        super().__init__(message_en)
        self.message_en, self.message_zh = message_en, message_zh

    @property
    def finding(self) -> Finding:
        """The error as a finding: rule ``parse.unreadable``, in Chinese and English."""
        return Finding(
            rule="parse.unreadable",
            severity="error",
            pointers=(),
            message_zh=self.message_zh,
            message_en=self.message_en,
        )

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.message_en, self.message_zh))


@attrs.frozen
class Provenance:
    """Where a value came from: the text as printed and its location in the source."""

    raw: str
    location: Location


@attrs.frozen
class ParseResult:
    """What :func:`parse` read: the report (or ``None``), findings, and each value's provenance.

    ``provenance`` maps a JSON Pointer to the source text the value at that pointer was read
    from. Figures that only the prose states are kept there too, under the pointer of the cell
    they describe, although the report leaves that cell (or its table) empty.
    """

    report: Report | None
    findings: list[Finding]
    provenance: dict[str, Provenance]
    format: str


# -- Loading and format detection -------------------------------------------------------------

_SUFFIXES: dict[str, Format] = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".markdown": "text",
    ".html": "html",
    ".htm": "html",
    ".shtml": "html",
    ".xhtml": "html",
    ".jhtml": "html",
    ".asp": "html",
    ".aspx": "html",
    ".jsp": "html",
    ".php": "html",
    ".pdf": "pdf",
    ".docx": "docx",
}
# Markup from the first character (a tag or a doctype), or an html/body/head tag near the start.
_HTML_START = re.compile(r"\s*<(?:!|[A-Za-z])")
_HTML_ANYWHERE = re.compile(r"<(?:html|body|head)\b", re.I)
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_-]{2,20})""", re.I
)


def _sniff_text(text: str) -> Format:
    head = text[:4096]
    if _HTML_START.match(head) or _HTML_ANYWHERE.search(head):
        return "html"
    return "text"


def _decode(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", "replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", "replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    m = _META_CHARSET.search(data[:4096])
    candidates = []
    if m is not None:
        candidates.append(m.group(1).decode("ascii").lower())
    candidates += ["gb18030", "big5"]
    for name in candidates:
        if name in ("gb2312", "gbk"):
            name = "gb18030"
        try:
            return data.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
    text = data.decode("utf-8", "replace")
    if text.count("\ufffd") > max(16, len(text) // 20):
        raise ParseError(
            "the input is not text in any encoding the parser knows (UTF-8, GB18030, Big5)",
            "输入不是可识别编码（UTF-8、GB18030、Big5）的文本",
        )
    return text


#: The signature of an OLE compound file, such as a Word 97-2003 ``.doc``.
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _is_docx(data: bytes) -> bool:
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(BytesIO(data)) as z:
            return "word/document.xml" in z.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


_JUNK_CATEGORIES = frozenset(("Cc", "Cn", "Co", "Cs"))
_WHITESPACE = re.compile(r"\s+")


def _binary_junk(text: str) -> bool:
    """True when text is mostly control, unassigned or private-use characters: not text."""
    sample = text[:65536]
    if not sample or _WHITESPACE.sub("", sample).isprintable():
        return False
    sample = sample[:8192]
    bad = 0
    for ch in sample:
        if ch < " ":
            bad += ch not in "\t\n\r\f\x0b"
        elif ch == "\ufffd" or (ch > "\x7e" and unicodedata.category(ch) in _JUNK_CATEGORIES):
            bad += 1
    return bad > max(8, len(sample) // 10)


def _load(source: str | bytes | Path, fmt: str | None) -> tuple[Format, str | bytes]:
    if fmt is not None and fmt not in FORMATS:
        raise ParseError(
            f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}",
            f"未知格式「{fmt}」，应为 {', '.join(FORMATS)} 之一",
        )
    chosen: Format | None = fmt  # type: ignore[assignment]
    if isinstance(source, Path):
        try:
            size = source.stat().st_size
            if size > MAX_BINARY_BYTES:
                raise ParseError(
                    f"{source}: {size} bytes is over the limit of {MAX_BINARY_BYTES}",
                    f"{source}：{size} 字节，超过上限 {MAX_BINARY_BYTES}",
                )
            data = source.read_bytes()
        except OSError as exc:
            reason = exc.strerror or str(exc)
            raise ParseError(
                f"{source}: cannot be read: {reason}", f"{source}：无法读取（{reason}）"
            ) from None
        if chosen is None:
            chosen = _SUFFIXES.get(source.suffix.lower())
        source = data
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        if chosen is None:
            if data.startswith(b"%PDF-") or data[:1024].lstrip().startswith(b"%PDF-"):
                chosen = "pdf"
            elif _is_docx(data) or data.startswith(_OLE):
                chosen = "docx"  # the Word reader explains that a .doc must be saved as .docx
        if chosen in ("pdf", "docx"):
            if len(data) > MAX_BINARY_BYTES:
                raise ParseError(
                    f"{len(data)} bytes is over the limit of {MAX_BINARY_BYTES}",
                    f"{len(data)} 字节，超过上限 {MAX_BINARY_BYTES}",
                )
            return chosen, data
        if len(data) > MAX_INPUT_BYTES:
            raise ParseError(
                f"{len(data)} bytes is over the limit of {MAX_INPUT_BYTES} for text and HTML",
                f"{len(data)} 字节，超过文本和 HTML 的上限 {MAX_INPUT_BYTES}",
            )
        text = _decode(data)
    elif isinstance(source, str):
        if len(source) > MAX_INPUT_BYTES:
            raise ParseError(
                f"{len(source)} characters is over the limit of {MAX_INPUT_BYTES}",
                f"{len(source)} 个字符，超过上限 {MAX_INPUT_BYTES}",
            )
        if chosen in ("pdf", "docx"):
            raise ParseError(
                f"a {chosen} document must be given as bytes or a path, not str",
                f"{chosen} 文档应以字节或路径给出，而不是字符串",
            )
        text = source
    else:
        kind = type(source).__name__
        raise ParseError(f"cannot parse an object of type {kind}", f"无法解析 {kind} 类型的对象")
    if text.startswith("\ufeff"):
        text = text[1:]
    if _binary_junk(text):
        raise ParseError(
            "the input looks like binary data, not text, HTML, PDF or Word",
            "输入像是二进制数据，不是文本、HTML、PDF 或 Word 文档",
        )
    if chosen is None:
        chosen = _sniff_text(text)
    return chosen, text


def _read(fmt: Format, payload: str | bytes) -> Document:
    if fmt == "text":
        from .._text import read_text

        assert isinstance(payload, str)
        return read_text(payload)
    if fmt == "html":
        from .._html import read_html

        assert isinstance(payload, str)
        return read_html(payload)
    assert isinstance(payload, bytes)
    extra = "pdf" if fmt == "pdf" else "docx"
    try:
        if fmt == "pdf":
            from .._pdf import read_pdf

            return read_pdf(payload)
        from .._docx import read_docx

        return read_docx(payload)
    except ImportError:
        install = f"pip install 'govdisclosure[{extra}]'"
        raise ParseError(
            f"reading {fmt.upper()} needs the {extra!r} extra: {install}",
            f"读取 {fmt.upper()} 需要安装 {extra} 扩展：{install}",
        ) from None
    except ReaderError as exc:
        raise ParseError(
            f"cannot read the {fmt.upper()} document: {exc}",
            f"无法读取该 {fmt.upper()} 文档：{exc}",
        ) from None


def parse(source: str | bytes | Path, *, format: str | None = None) -> ParseResult:
    """Read a report from text, HTML, PDF or Word into the model.

    ``source`` is the document's text (``str``), its bytes, or a :class:`~pathlib.Path`.
    ``format`` is ``"text"``, ``"html"``, ``"pdf"`` or ``"docx"``; by default it is taken from
    the file's suffix or sniffed from the content. Raises :class:`ParseError` (only) when the
    input cannot be read at all; see the module documentation for the limits.
    """
    fmt, payload = _load(source, format)
    doc = _read(fmt, payload)
    try:
        return _Builder(doc).build()
    except RecursionError:  # pragma: no cover - the pipeline is iterative
        raise ParseError(
            "the document is nested too deeply to read", "文档嵌套过深，无法读取"
        ) from None


# -- The stages, run ------------------------------------------------------------------------


class _Builder:
    """Runs the stages of :mod:`govdisclosure.parse.assemble` over one document."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc

    def build(self) -> ParseResult:
        """The result: the report (or ``None``), the findings and each value's provenance."""
        report, collected = assemble(self.doc)
        provenance = {
            ptr: Provenance(raw, location) for ptr, (raw, location) in collected.sources.items()
        }
        return ParseResult(report, collected.findings, provenance, self.doc.format)
