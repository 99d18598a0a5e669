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

import functools
from pathlib import Path
from typing import Any

import attrs

from .. import template
from .._budget import limit
from .._fastinit import maker
from .._layout import TABLES, row_specs
from ..findings import Finding
from ..model import Report
from ..readers import FORMATS, READERS, SUFFIXES, Reader, sniff_binary, sniff_text
from ..readers.document import Document, Location, ReaderError
from ..readers.encoding import decode_text, looks_binary
from ..readers.entry import Hints
from .assemble import assemble
from .collect import Bilingual, finding

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
# FORMATS, the formats parse() reads, is the readers' registry's list of names.


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
        return finding("parse.unreadable", detail=Bilingual(self.message_zh, self.message_en))

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.message_en, self.message_zh))


@attrs.frozen
class Provenance:
    """Where a value came from: the text as printed and its location in the source."""

    raw: str
    location: Location


#: ``Provenance(raw, location)`` at half the cost: one is made for every value read.
_new_provenance = maker(Provenance)


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

    def __repr__(self) -> str:
        from ..notebook import parse_result_repr

        return parse_result_repr(self)

    def _repr_html_(self) -> str:
        from ..notebook import parse_result_html

        return parse_result_html(self)


# -- Loading and format detection -------------------------------------------------------------
# The formats, their suffixes and their sniffers are the readers' registry (govdisclosure.readers).


def _load(
    source: str | bytes | Path, fmt: str | None, notes: list[Finding]
) -> tuple[Reader[Any], str | bytes]:
    """The reader for ``source`` and what it reads; what decoding noticed goes to ``notes``."""
    if fmt is not None and fmt not in READERS:
        raise ParseError(
            f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}",
            f"未知格式「{fmt}」，应为 {', '.join(FORMATS)} 之一",
        )
    chosen = READERS[fmt] if fmt is not None else None
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
            chosen = SUFFIXES.get(source.suffix.lower())
        source = data
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        if chosen is None:
            chosen = sniff_binary(data)
        if chosen is not None and chosen.binary:
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
        got = decode_text(data)
        notes.extend(got.findings)
        decoded = got.text
        if decoded is None:
            raise ParseError(
                "the input is not text in any encoding the parser knows (UTF-8, GB18030, Big5)",
                "输入不是可识别编码（UTF-8、GB18030、Big5）的文本",
            )
        text = decoded
    elif isinstance(source, str):
        if len(source) > MAX_INPUT_BYTES:
            raise ParseError(
                f"{len(source)} characters is over the limit of {MAX_INPUT_BYTES}",
                f"{len(source)} 个字符，超过上限 {MAX_INPUT_BYTES}",
            )
        if chosen is not None and chosen.binary:
            raise ParseError(
                f"a {chosen.name} document must be given as bytes or a path, not str",
                f"{chosen.name} 文档应以字节或路径给出，而不是字符串",
            )
        text = source
        if _looks_like_a_path(source):
            notes.append(finding("parse.path-as-text", text=source))
    else:
        kind = type(source).__name__
        raise ParseError(f"cannot parse an object of type {kind}", f"无法解析 {kind} 类型的对象")
    if text.startswith("\ufeff"):
        text = text[1:]
    if looks_binary(text):
        raise ParseError(
            "the input looks like binary data, not text, HTML, PDF or Word",
            "输入像是二进制数据，不是文本、HTML、PDF 或 Word 文档",
        )
    if chosen is None:
        chosen = sniff_text(text)
    return chosen, text


@functools.cache
def reader_hints() -> Hints:
    """The template's row labels, as the readers' layout heuristics take them.

    Every row (and row group) of the three tables in every registered version, by its own label.
    """
    rows = {
        (spec.label.zh, spec.group_only)
        for version in template.VERSIONS
        for table in TABLES
        for spec in row_specs(version, table)
    }
    return Hints(row_labels=tuple(sorted(rows)))


template.on_change(reader_hints.cache_clear)


def _read(reader: Reader[Any], payload: str | bytes) -> Document:
    name = reader.name.upper()
    try:
        return reader.read(payload, reader_hints())
    except ImportError:
        if reader.extra is None:
            raise
        extra, install = reader.extra.name, reader.extra.install
        raise ParseError(
            f"reading {name} needs the {extra!r} extra: {install}",
            f"读取 {name} 需要安装 {extra} 扩展：{install}",
        ) from None
    except ReaderError as exc:
        raise ParseError(
            f"cannot read the {name} document: {exc}",
            f"无法读取该 {name} 文档：{exc}",
        ) from None


def _read_form(reader: Reader[Any], payload: str | bytes) -> ParseResult | None:
    """This library's own workbook form, read by its layout; ``None`` for another workbook."""
    from ..office.readback import read_form  # the office subpackage builds on this module

    try:
        return read_form(payload) if isinstance(payload, bytes) else None
    except ImportError:
        return _read(reader, payload)  # type: ignore[return-value] # raises the extra's error
    except ReaderError as exc:
        raise ParseError(
            f"cannot read the XLSX workbook: {exc}", f"无法读取该 XLSX 工作簿：{exc}"
        ) from None


def _looks_like_a_path(text: str) -> bool:
    """True when a ``str`` given as the document is, in fact, the name of an existing file."""
    if len(text) > 4096 or "\n" in text or not text.strip():
        return False
    try:
        return Path(text.strip()).is_file()
    except (OSError, ValueError):  # a name too long, or with a NUL, for the OS
        return False


def parse(source: str | bytes | Path, *, format: str | None = None) -> ParseResult:
    """Read a report from text, HTML, PDF or Word into the model.

    ``source`` is the document's text (``str``), its bytes, or a :class:`~pathlib.Path`.
    ``format`` is ``"text"``, ``"html"``, ``"pdf"`` or ``"docx"``; by default it is taken from
    the file's suffix or sniffed from the content. Raises :class:`ParseError` (only) when the
    input cannot be read at all; see the module documentation for the limits.
    """
    notes: list[Finding] = []
    fmt, payload = _load(source, format, notes)
    if fmt.name == "xlsx":
        form = _read_form(fmt, payload)
        if form is not None:
            return form
    # Reading has its own limits (text: MAX_PARSE_SECONDS, PDF: MAX_PDF_SECONDS); the stages
    # then share one deadline (the scopes they open keep it).
    doc = _read(fmt, payload)
    with limit():
        try:
            result = _Builder(doc).build()
        except RecursionError:  # pragma: no cover - the pipeline is iterative
            raise ParseError(
                "the document is nested too deeply to read", "文档嵌套过深，无法读取"
            ) from None
    # What loading and reading noticed comes first, before what the stages found.
    result.findings[:0] = [*notes, *doc.findings]
    return result


# -- The stages, run ------------------------------------------------------------------------


class _Builder:
    """Runs the stages of :mod:`govdisclosure.parse.assemble` over one document."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc

    def build(self) -> ParseResult:
        """The result: the report (or ``None``), the findings and each value's provenance."""
        report, collected = assemble(self.doc)
        make = _new_provenance
        sources = collected.sources
        provenance = {ptr: make(raw, location) for ptr, (raw, location) in sources.items()}
        return ParseResult(report, collected.findings, provenance, self.doc.format)
