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
import datetime as _dt
import re
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Sequence
from decimal import Decimal
from io import BytesIO
from pathlib import Path
from typing import Any, Literal

import attrs

from . import _narrative as nar
from ._document import Cell, Document, Location, Paragraph, ReaderError, Table
from ._labels import Tables, match_column, match_row
from ._sections import (
    Meta,
    chrome,
    heading,
    is_date_line,
    looks_spam,
    metadata,
    split_flattened,
    subsection,
)
from ._specs import MAX_YEAR, MIN_YEAR, specs, target
from ._tables import SEPARATOR, TableReader, Token, table_missing, tokenize, version_votes
from ._values import read_value
from .findings import Finding, ReportError
from .model import Agency, Report
from .serialize import from_dict
from .template import VERSIONS, Version

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

    def __repr__(self) -> str:
        from .notebook import parse_result_repr

        return parse_result_repr(self)

    def _repr_html_(self) -> str:
        from .notebook import parse_result_html

        return parse_result_html(self)


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
        from ._text import read_text

        assert isinstance(payload, str)
        return read_text(payload)
    if fmt == "html":
        from ._html import read_html

        assert isinstance(payload, str)
        return read_html(payload)
    assert isinstance(payload, bytes)
    extra = "pdf" if fmt == "pdf" else "docx"
    try:
        if fmt == "pdf":
            from ._pdf import read_pdf

            return read_pdf(payload)
        from ._docx import read_docx

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


# -- The shared pipeline ----------------------------------------------------------------------


@attrs.define
class _Para:
    text: str
    location: Location
    section: int = 0


@attrs.define
class _Item:
    kind: Literal["para", "row", "sep", "grid", "run", "meta", "scrap", "listitem"]
    text: str = ""
    location: Location = attrs.Factory(Location)
    tokens: list[Token] = attrs.Factory(list)
    table: Table | None = None
    rows: list[list[Token]] = attrs.Factory(list)
    metas: list[Meta] = attrs.Factory(list)
    #: For a run: every line was a pipe row starting with 「|」.
    pipes: bool = False
    #: For a grid: which of the three tables it is.
    kind_of: Tables | None = None


_TRAILING_PIPES = re.compile(r"[\s|｜]*[|｜][\s|｜]*$")
_LEADING_PIPES = re.compile(r"^[\s|｜]*[|｜]\s*")
_MD_LIST = re.compile(r"^\d{1,3}[.、]\s*")
_SENTENCE_STOP = "。！？：；:;!?"


_MD_HEADING = re.compile(r"^#{1,6}\s+")


def _clean(text: str) -> str:
    s = _MD_HEADING.sub("", text.strip(), count=1)
    if "|" in s or "｜" in s:
        s = _TRAILING_PIPES.sub("", s)
        s = _LEADING_PIPES.sub("", s)
    return s.strip()


def _choices(cls: type, name: str) -> dict[str, str]:
    spec = dict(specs(cls))[name]
    out = {}
    for value, label in spec.choices:
        out[value] = value
        out[label.zh] = value
        out[label.en] = value
    return out


def _version_choices() -> dict[str, str]:
    return _choices(Report, "template_version")


class _Builder:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.findings: list[Finding] = []
        self.prov: dict[str, Provenance] = {}

    def note(
        self,
        rule: str,
        severity: Literal["error", "warning", "info"],
        pointer: str,
        en: str,
        zh: str,
        actual: Any = None,
    ) -> None:
        self.findings.append(
            Finding(
                rule=rule,
                severity=severity,
                pointers=(pointer,) if pointer else (),
                message_en=en,
                message_zh=zh,
                actual=actual,
            )
        )

    # -- stage 1: blocks into items -------------------------------------------------------------

    def items(self) -> list[_Item]:
        items: list[_Item] = []
        probe = TableReader("2021")
        for block in self.doc.blocks:
            if isinstance(block, Table):
                kind = probe.grid_kind(block)
                if kind is not None:
                    items.append(_Item("grid", location=block.location, table=block, kind_of=kind))
                else:
                    for row in block.rows:
                        text = " ".join(c.text.replace("\n", " ") for c in row if c.text.strip())
                        if text.strip():
                            loc = row[0].location if row else block.location
                            items.append(_Item("para", text, loc))
                continue
            assert isinstance(block, Paragraph)
            text = block.text
            if not text.strip():
                continue
            tokens = tokenize(text, block.location)
            if tokens is SEPARATOR:
                items.append(_Item("sep", text, block.location))
            elif tokens is not None:
                items.append(_Item("row", text, block.location, tokens=tokens))
            else:
                items.append(_Item("para", text, block.location))
        return self._runs(items)

    def _runs(self, items: list[_Item]) -> list[_Item]:
        out: list[_Item] = []
        i = 0
        while i < len(items):
            if items[i].kind not in ("row", "sep"):
                out.append(items[i])
                i += 1
                continue
            j = i
            while j < len(items):
                if items[j].kind in ("row", "sep"):
                    j += 1
                    continue
                # A short scrap between table lines (a header shredded into single characters,
                # a unit note) does not end the table.
                k = j
                while k < len(items) and k - j < 8 and _scrap(items[k]):
                    k += 1
                if k > j and k < len(items) and items[k].kind in ("row", "sep"):
                    for x in items[j:k]:
                        x.kind = "scrap"
                    j = k
                    continue
                break
            run = [x for x in items[i:j] if x.kind == "row"]
            labels = 0
            values = 0
            for x in run:
                for tok in x.tokens:
                    if tok.value:
                        values += 1
                    elif any(
                        m.quality != "approximate" for m in match_row(tok.text)
                    ) or match_column(tok.text):
                        labels += 1
            if labels >= 1 and (values >= 1 or labels >= 2):
                # Pipe rows, all or all but one (a row that lost its leading pipe).
                pipes = sum(not x.text.lstrip().startswith(("|", "｜")) for x in run) <= max(
                    0, min(1, len(run) - 2)
                )
                out.append(
                    _Item(
                        "run", location=run[0].location, rows=[x.tokens for x in run], pipes=pipes
                    )
                )
            else:
                out.extend(
                    _Item("para", x.text, x.location)
                    for x in items[i:j]
                    if x.kind in ("row", "scrap")
                )
            i = j
        return out

    # -- stage 2: sections ----------------------------------------------------------------------

    def sections(self, items: list[_Item]) -> tuple[list[list[_Item]], dict[int, str], bool]:
        sections: list[list[_Item]] = [[] for _ in range(7)]
        headings: dict[int, str] = {}
        legacy = False
        current = 0
        for item in items:
            if item.kind != "para":
                sections[current].append(item)
                continue
            text = _clean(item.text)
            if not text or chrome(text):
                continue
            for piece in split_flattened(text):
                h = heading(piece)
                if h is not None and h.section == 0 and current >= 1:
                    legacy = True
                    continue
                if h is not None and h.section > current:
                    current = h.section
                    headings[current] = h.text
                    if h.rest:
                        self._para(sections[current], h.rest, item.location)
                    continue
                self._para(sections[current], piece, item.location)
        return sections, headings, legacy

    def _para(self, out: list[_Item], text: str, location: Location) -> None:
        metas = metadata(text)
        if metas is not None:
            out.append(_Item("meta", text, location, metas=metas))
            return
        if self.doc.format == "pdf" and out and out[-1].kind == "para":
            prev = out[-1]
            if (
                prev.text
                and prev.text[-1] not in _SENTENCE_STOP
                and subsection(text) is None
                and not is_date_line(text)
            ):
                joiner = " " if prev.text[-1].isascii() and text[0].isascii() else ""
                prev.text = prev.text + joiner + text
                return
        out.append(_Item("para", text, location))

    # -- stage 3: everything -----------------------------------------------------------------

    def build(self) -> ParseResult:
        items = self.items()
        sections, headings, legacy = self.sections(items)
        explicit: dict[str, tuple[str, Location]] = {}
        page: dict[str, list[tuple[str, Location]]] = {}
        for section in sections:
            for item in section:
                if item.kind == "meta":
                    for meta in item.metas:
                        if meta.explicit:
                            explicit.setdefault(meta.target, (meta.value, item.location))
                        else:
                            page.setdefault(meta.target, []).append((meta.value, item.location))
        # Section 0: the title and any preamble before section 一.
        title, title_loc, preamble = self._title(sections[0])
        # Signature at the end: the agency's name and the date.
        signature_date, signature_name = self._signature(sections)
        doc: dict[str, Any] = {}
        year = self._year(explicit, title, sections, page, signature_date)
        has_structure = (
            bool(headings)
            or any(item.kind in ("grid", "run") for s in sections for item in s)
            or bool(explicit)
            or (title is not None and "报告" in title)
        )
        if not has_structure:
            self.note(
                "parse.no_report",
                "error",
                "",
                "no report found: no section heading, table, title or labelled field was "
                "recognised",
                "未找到报告：未识别出任何章节标题、表格、报告标题或带标签的字段",
            )
            return ParseResult(None, self.findings, self.prov, self.doc.format)
        if year is None:
            self.note(
                "parse.year.missing",
                "error",
                "/period/year",
                "the reporting year could not be found, so no report was built",
                "未能确定报告年度，因此未生成报告",
            )
            return ParseResult(None, self.findings, self.prov, self.doc.format)
        # An explicit template version (a rendered report) is trusted over the year.
        pre2019 = "/template_version" not in explicit and (
            year <= 2018 or (legacy and not self._has_tables(sections))
        )
        version = self._version(explicit, sections, year, pre2019)
        doc["template_version"] = version
        doc["source"] = {
            "url": self._explicit_text(explicit, "/source/url"),
            "title": title,
            "published": self._published(explicit, page, signature_date),
        }
        if title is not None and title_loc is not None:
            self.prov["/source/title"] = Provenance(title, title_loc)
        doc["agency"] = self._agency(explicit, page, title, signature_name)
        doc["period"] = self._period(explicit, sections, year)
        doc["overview"] = self._overview(preamble, sections[1])
        doc["issues"] = self._issues(sections[5])
        doc["other_matters"] = self._other(sections[6])
        narrative = self._narrative_paragraphs(preamble, sections)
        doc["contact"] = self._contact(explicit, narrative, sections)
        tables = self._tables(sections, version, pre2019)
        doc.update(tables)
        if pre2019:
            self.note(
                "parse.pre2019",
                "warning",
                "/template_version",
                f"a report for {year}, before the 2019 national format: kept as narrative only, "
                "no table is read and template_version is only a placeholder",
                f"{year}年度报告早于2019年全国统一格式：仅保留文字部分，不读取表格，报告格式版本仅为占位",
            )
        else:
            for number in ("二", "三", "四"):
                ptr = {
                    "二": "proactive_disclosure",
                    "三": "applications",
                    "四": "review_litigation",
                }[number]
                if doc.get(ptr) is None:
                    self.findings.append(table_missing(number))
            self._figures(doc, narrative)
        for n in range(1, 7):
            if n not in headings and n not in (2, 3, 4):
                self.note(
                    "parse.section.missing",
                    "info",
                    {1: "/overview", 5: "/issues", 6: "/other_matters"}[n],
                    f"the heading of section {'一二三四五六'[n - 1]} was not found",
                    f"未找到第{'一二三四五六'[n - 1]}部分的标题",
                )
        try:
            report = from_dict(doc)
        except ReportError as exc:  # pragma: no cover - the builder only writes valid values
            self.findings.extend(exc.findings)
            return ParseResult(None, self.findings, self.prov, self.doc.format)
        return ParseResult(report, self.findings, self.prov, self.doc.format)

    # -- narrative parts --------------------------------------------------------------------

    def _title(self, section0: list[_Item]) -> tuple[str | None, Location | None, list[_Item]]:
        candidates: list[_Item] = []
        for item in section0:
            if item.kind != "para":
                continue
            if looks_spam(item.text):
                self.note(
                    "parse.mirror_spam",
                    "warning",
                    "/source/title",
                    f"a line that looks like mirror-site spam was ignored: {item.text[:60]!r}",
                    f"已忽略疑似镜像站垃圾信息的文字：「{item.text[:60]}」",
                    item.text[:200],
                )
                continue
            candidates.append(item)
        if not candidates:
            return None, None, []
        chosen = next(
            (c for c in candidates if "报告" in c.text and len(c.text) <= 120), candidates[0]
        )
        title = chosen.text
        rest = [c for c in candidates if c is not chosen and c.text != title]
        preamble = [c for c in rest if "。" in c.text and len(c.text) >= 20]
        return title, chosen.location, preamble

    def _signature(self, sections: list[list[_Item]]) -> tuple[nar.DateFound | None, str | None]:
        last = next((s for s in reversed(sections[1:]) if any(i.kind == "para" for i in s)), None)
        if last is None:
            return None, None
        paras = [i for i in last if i.kind == "para"]
        date = None
        name = None
        if paras and is_date_line(paras[-1].text):
            found = nar.find_date(paras[-1].text)
            if found is not None:
                date = found
                last.remove(paras[-1])
                paras = paras[:-1]
                if (
                    paras
                    and len(paras[-1].text) <= 40
                    and re.search(nar.BODY_END, paras[-1].text)
                    and "。" not in paras[-1].text
                ):
                    name = paras[-1].text
                    last.remove(paras[-1])
        return date, name

    def _year(
        self,
        explicit: dict[str, tuple[str, Location]],
        title: str | None,
        sections: list[list[_Item]],
        page: dict[str, list[tuple[str, Location]]],
        signature: nar.DateFound | None,
    ) -> int | None:
        if "/period/year" in explicit:
            raw, loc = explicit["/period/year"]
            m = re.fullmatch(r"\s*(\d{4})\s*年?\s*", raw)
            if m and MIN_YEAR <= int(m.group(1)) <= MAX_YEAR:
                self.prov["/period/year"] = Provenance(raw, loc)
                return int(m.group(1))
        if title:
            y = nar.year_from_title(title)
            if y is not None and MIN_YEAR <= y <= MAX_YEAR:
                return y
        for item in (*sections[0], *sections[1]):
            if item.kind == "para":
                found = nar.find_period(item.text)
                if found is not None and MIN_YEAR <= found[0].year <= MAX_YEAR:
                    return found[0].year
        for item in sections[1][:3]:
            if item.kind == "para":
                m = re.search(r"(?<!\d)((?:19|20)\d{2})\s*年度?", item.text)
                if m and MIN_YEAR <= int(m.group(1)) <= MAX_YEAR:
                    return int(m.group(1))
        published = self._published_date(page, signature)
        if published is not None and MIN_YEAR <= published.year - 1 <= MAX_YEAR:
            return published.year - 1
        return None

    def _has_tables(self, sections: list[list[_Item]]) -> bool:
        return any(item.kind in ("grid", "run") for s in sections for item in s)

    def _version(
        self,
        explicit: dict[str, tuple[str, Location]],
        sections: list[list[_Item]],
        year: int,
        pre2019: bool,
    ) -> Version:
        if "/template_version" in explicit:
            raw, loc = explicit["/template_version"]
            value = _version_choices().get(raw.strip())
            if value in VERSIONS:
                self.prov["/template_version"] = Provenance(raw, loc)
                return value
        texts: list[str] = []
        for s in sections:
            for item in s:
                if item.kind == "grid" and item.table is not None:
                    texts.extend(c.text for row in item.table.rows for c in row)
                elif item.kind == "run":
                    texts.extend(t.text for row in item.rows for t in row if not t.value)
        votes = version_votes(texts)
        by_year: Version = "2021" if year >= 2021 else "2019"
        if votes:
            ranked = votes.most_common()
            if len(ranked) == 1 or ranked[0][1] > ranked[1][1]:
                chosen = ranked[0][0]
                if chosen != by_year and not pre2019:
                    self.note(
                        "parse.version.layout",
                        "info",
                        "/template_version",
                        f"the tables follow the {chosen} layout although the report is for {year}",
                        f"报告年度为{year}年，但表格采用{chosen}年格式",
                    )
                return chosen
        if not pre2019:
            self.note(
                "parse.version.inferred",
                "info",
                "/template_version",
                f"no table tells the template version; {by_year} is inferred from the year {year}",
                f"无表格可判断格式版本，按报告年度{year}年推定为{by_year}年格式",
            )
        return by_year

    def _explicit_text(self, explicit: dict[str, tuple[str, Location]], ptr: str) -> str | None:
        if ptr not in explicit:
            return None
        raw, loc = explicit[ptr]
        value = raw.strip()
        if not value:
            return None
        self.prov[ptr] = Provenance(raw, loc)
        return value

    def _published_date(
        self, page: dict[str, list[tuple[str, Location]]], signature: nar.DateFound | None
    ) -> _dt.date | None:
        for role in ("published", "written"):
            for raw, _ in page.get(role, ()):
                found = nar.find_date(raw)
                if found is not None:
                    return found.date
        return signature.date if signature is not None else None

    def _published(
        self,
        explicit: dict[str, tuple[str, Location]],
        page: dict[str, list[tuple[str, Location]]],
        signature: nar.DateFound | None,
    ) -> str | None:
        if "/source/published" in explicit:
            raw, loc = explicit["/source/published"]
            return self._date_value(raw, loc, "/source/published")
        for role in ("published", "written"):
            for raw, loc in page.get(role, ()):
                found = nar.find_date(raw)
                if found is not None:
                    self.prov["/source/published"] = Provenance(raw, loc)
                    self._repaired(found, "/source/published")
                    return found.date.isoformat()
        if signature is not None:
            self._repaired(signature, "/source/published")
            return signature.date.isoformat()
        return None

    def _date_value(self, raw: str, loc: Location, ptr: str) -> str | None:
        s = raw.strip()
        if not s:
            return None
        self.prov[ptr] = Provenance(raw, loc)
        m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", s)
        if m:
            try:
                return _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
            except ValueError:
                pass
        found = nar.find_date(s)
        if found is None:
            self.note(
                "parse.date.unreadable",
                "warning",
                ptr,
                f"not a date: {s!r}",
                f"无法识别的日期：「{s}」",
                s,
            )
            return None
        self._repaired(found, ptr)
        return found.date.isoformat()

    def _repaired(self, found: nar.DateFound, ptr: str) -> None:
        if found.repaired:
            self.note(
                "parse.date.repaired",
                "warning",
                ptr,
                f"the date {found.raw!r} had lost or doubled digits; "
                f"read as {found.date.isoformat()}",
                f"日期「{found.raw}」有缺失或重复的数字，读作 {found.date.isoformat()}",
                found.raw,
            )

    def _agency(
        self,
        explicit: dict[str, tuple[str, Location]],
        page: dict[str, list[tuple[str, Location]]],
        title: str | None,
        signature_name: str | None,
    ) -> dict[str, Any]:
        name: str | None = None
        if "/agency/name" in explicit:
            raw, loc = explicit["/agency/name"]
            name = raw.strip()
            self.prov["/agency/name"] = Provenance(raw, loc)
            if looks_spam(name):
                self._spam(name)
        else:
            sources: list[tuple[str, Location | None]] = [
                *page.get("agency", ()),
                *page.get("agency?", ()),
            ]
            if title:
                from_title = nar.name_from_title(title)
                if from_title:
                    sources.append((from_title, None))
            if signature_name:
                sources.append((signature_name, None))
            for source, where in sources:
                candidate = source.strip()
                if not candidate:
                    continue
                if looks_spam(candidate):
                    self._spam(candidate)
                    continue
                name = candidate
                if where is not None:
                    self.prov["/agency/name"] = Provenance(source, where)
                break
        if name is None:
            name = ""
            self.note(
                "parse.agency.missing",
                "warning",
                "/agency/name",
                "the issuing agency's name was not found",
                "未找到发布机关名称",
            )
        out: dict[str, Any] = {"name": name}
        for field, infer in (("level", nar.agency_level), ("kind", nar.agency_kind)):
            ptr = f"/agency/{field}"
            if ptr in explicit:
                raw, loc = explicit[ptr]
                value = _choices(Agency, field).get(raw.strip())
                out[field] = value
                if raw.strip():
                    self.prov[ptr] = Provenance(raw, loc)
            else:
                out[field] = infer(name) if name else None
        code = self._explicit_text(explicit, "/agency/division_code")
        if code is not None and not re.fullmatch(r"[0-9]{6}([0-9]{3}|[0-9]{6})?", code):
            self.note(
                "parse.agency.division_code",
                "warning",
                "/agency/division_code",
                f"not a division code: {code!r}",
                f"不是行政区划代码：「{code}」",
                code,
            )
            code = None
        out["division_code"] = code
        return out

    def _spam(self, value: str) -> None:
        self.note(
            "parse.mirror_spam",
            "warning",
            "/agency/name",
            f"the agency's name looks like mirror-site spam: {value[:60]!r}",
            f"发布机关名称疑似镜像站垃圾信息：「{value[:60]}」",
            value[:200],
        )

    def _period(
        self, explicit: dict[str, tuple[str, Location]], sections: list[list[_Item]], year: int
    ) -> dict[str, Any]:
        out: dict[str, Any] = {"year": year, "start": None, "end": None}
        if "/period/start" in explicit or "/period/end" in explicit:
            for field in ("start", "end"):
                ptr = f"/period/{field}"
                if ptr in explicit:
                    raw, loc = explicit[ptr]
                    out[field] = self._date_value(raw, loc, ptr)
            return out
        for item in (*sections[0], *sections[1]):
            if item.kind != "para":
                continue
            found = nar.find_period(item.text)
            if found is None:
                continue
            start, end, raw, repaired = found
            out["start"], out["end"] = start.isoformat(), end.isoformat()
            self.prov["/period/start"] = Provenance(raw, item.location)
            self.prov["/period/end"] = Provenance(raw, item.location)
            if repaired:
                self.note(
                    "parse.date.repaired",
                    "warning",
                    "/period/start",
                    f"the period {raw!r} had lost 年 and 月; "
                    f"read as {start.isoformat()} to {end.isoformat()}",
                    f"统计期限「{raw}」缺少“年”“月”，读作 {start.isoformat()} 至 {end.isoformat()}",
                    raw,
                )
            break
        return out

    def _narrative_paragraphs(
        self, preamble: list[_Item], sections: list[list[_Item]]
    ) -> list[_Item]:
        out = list(preamble)
        for s in sections[1:]:
            out.extend(i for i in s if i.kind == "para")
        return out

    def _overview(self, preamble: list[_Item], section: list[_Item]) -> dict[str, Any]:
        """Section 一: preamble, numbered sub-sections, and the closing text after the last.

        A sub-section's text is the rest of its heading paragraph and the paragraphs up to the
        next sub-section. After the *last* sub-section only one paragraph belongs to it (the
        rest of its heading paragraph, or the paragraph after a bare heading line); what
        follows is the closing text.
        """
        paras = [*preamble, *(i for i in section if i.kind == "para")]
        text: list[str] = []
        # heading, inline text, bare, following paragraphs
        opened: list[tuple[str, str | None, bool, list[str]]] = []
        for item in paras:
            sub = subsection(item.text)
            if sub is not None:
                opened.append((sub.heading, sub.text, sub.bare, []))
            elif opened:
                opened[-1][3].append(item.text)
            else:
                text.append(item.text)
        subs: list[dict[str, Any]] = []
        closing: list[str] = []
        for i, (head, inline, bare, following) in enumerate(opened):
            body = ([inline] if inline else []) + following
            if i == len(opened) - 1:
                keep = 1 if bare else (1 if inline else 0)
                closing = body[keep:]
                body = body[:keep]
            subs.append({"heading": head, "text": "\n".join(body) if body else None})
        return {
            "text": "\n".join(text) if text else None,
            "subsections": subs,
            "closing": "\n".join(closing) if closing else None,
        }

    def _issues(self, section: list[_Item]) -> dict[str, Any]:
        text: list[str] = []
        lists: dict[str, list[str]] = {}
        current: list[str] | None = None
        for item in section:
            if (
                item.kind == "meta"
                and len(item.metas) == 1
                and item.metas[0].target in ("/issues/problems", "/issues/measures")
                and not item.metas[0].value
            ):
                current = lists.setdefault(item.metas[0].target, [])
                continue
            if item.kind == "meta":
                if (
                    item.metas
                    and item.metas[0].explicit
                    and item.metas[0].target.startswith("/issues")
                ):
                    (current if current is not None else text).append(item.text)
                continue
            if item.kind != "para":
                continue
            if current is not None:
                current.append(_MD_LIST.sub("", item.text, count=1))
                item.kind = "listitem"  # consumed: no longer prose
            else:
                text.append(item.text)
        joined = "\n".join(text) if text else None
        if lists:
            problems = lists.get("/issues/problems", [])
            measures = lists.get("/issues/measures", [])
        else:
            problems, measures = nar.issue_items(joined)
        return {"text": joined, "problems": problems, "measures": measures}

    def _other(self, section: list[_Item]) -> dict[str, Any]:
        text = [i.text for i in section if i.kind == "para"]
        joined = "\n".join(text) if text else None
        fee_ptrs = {
            "/other_matters/info_processing_fees/notices_issued": "notices_issued",
            "/other_matters/info_processing_fees/amount_notified": "amount_notified",
            "/other_matters/info_processing_fees/amount_collected": "amount_collected",
        }
        explicit_block = False
        fees: dict[str, Any] = {}
        for item in (i for i in section if i.kind == "meta"):
            for meta in item.metas:
                if meta.target == "/other_matters/info_processing_fees" and not meta.value.strip():
                    explicit_block = True
                elif meta.target in fee_ptrs:
                    explicit_block = True
                    fees[fee_ptrs[meta.target]] = self._fee_value(meta, item.location)
        info: dict[str, Any] | None
        if explicit_block:
            info = {name: fees.get(name) for name in fee_ptrs.values()} if fees else None
        else:
            found = nar.fees_from_prose(joined)
            if found is None:
                info = None
            else:
                info = dict.fromkeys(fee_ptrs.values())
                loc = next((i.location for i in section if i.kind == "para"), Location())
                for name, (value, raw) in found.items():
                    info[name] = value if isinstance(value, int) else format(value, "f")
                    self.prov[f"/other_matters/info_processing_fees/{name}"] = Provenance(raw, loc)
        return {"text": joined, "info_processing_fees": info}

    def _fee_value(self, meta: Meta, loc: Location) -> Any:
        raw = meta.value
        if not raw.strip():
            return None
        self.prov[meta.target] = Provenance(raw, loc)
        kind = "count" if meta.target.endswith("notices_issued") else "amount"
        unit = "件" if kind == "count" else "元"
        reading = read_value(raw, kind, unit)
        if reading.problem is not None:
            rule, severity, en, zh = reading.problem
            self.note(rule, severity, meta.target, en, zh, raw)  # type: ignore[arg-type]
        value = reading.value
        if value is None:
            return None
        return value if isinstance(value, int) else format(value, "f")

    def _contact(
        self,
        explicit: dict[str, tuple[str, Location]],
        narrative: list[_Item],
        sections: list[list[_Item]],
    ) -> dict[str, Any]:
        """Contact details: a 「联系方式：」 block of labelled lines, or else what prose states.

        Without the block, labelled lines such as 「电话：… 传真：…」 are read as prose, first.
        """
        fields = nar.CONTACT_FIELDS
        out: dict[str, Any] = dict.fromkeys(fields)
        if "/contact" in explicit and not explicit["/contact"][0].strip():
            for name in fields:
                out[name] = self._explicit_text(explicit, f"/contact/{name}")
            return out
        lines = [
            item
            for s in sections
            for item in s
            if item.kind == "meta" and any(m.target.startswith("/contact/") for m in item.metas)
        ]
        sources = [*lines, *narrative]
        found = nar.contact_from_prose([i.text for i in sources])
        for name, (value, index) in found.items():
            out[name] = value
            self.prov[f"/contact/{name}"] = Provenance(value, sources[index].location)
        return out

    # -- tables ---------------------------------------------------------------------------------

    def _tables(
        self, sections: list[list[_Item]], version: Version, pre2019: bool
    ) -> dict[str, Any]:
        out: dict[str, Any] = {
            "proactive_disclosure": None,
            "applications": None,
            "review_litigation": None,
        }
        if pre2019:
            return out
        reader = TableReader(version)
        index = 0
        for s in sections:
            for item in s:
                if item.kind == "grid" and item.table is not None:
                    reader.read_grid(item.table, index, item.kind_of)
                    index += 1
                elif item.kind == "run":
                    grid = _as_grid(item)
                    if grid is not None and reader.read_grid(grid, index):
                        index += 1
                    else:
                        reader.read_stream(item.rows)
        self.findings.extend(reader.findings)
        values: dict[str, Any] = {}
        for ptr, (reading, token) in reader.values.items():
            self.prov[ptr] = Provenance(token.text, token.location)
            v = reading.value
            values[ptr] = format(v, "f") if isinstance(v, Decimal) else v
        tree = _build_tree(version, reader.objects, values)
        for name in out:
            out[name] = tree.get(name)
        return out

    def _figures(self, doc: dict[str, Any], narrative: list[_Item]) -> None:
        for ptr, value, raw, index in nar.prose_figures([i.text for i in narrative]):
            table = ptr.split("/")[1]
            if doc.get(table) is not None:
                continue
            self.prov[ptr] = Provenance(raw, narrative[index].location)
            self.note(
                "parse.prose_figure",
                "info",
                ptr,
                f"the table is missing, but the text states {value} for this cell: {raw!r}; "
                "the table is not filled from prose",
                f"表格缺失，但正文述及该项为 {value}：「{raw}」；不据正文填写表格",
                value,
            )


def _scrap(item: _Item) -> bool:
    text = item.text.strip()
    return (
        item.kind == "para"
        and len(text) <= 30
        and not re.search(r"[。，,；;：:]", text)
        and heading(text) is None
        and subsection(text) is None
    )


def _as_grid(item: _Item) -> Table | None:
    """A run of pipe rows, most of one width, as a grid table (its header gives positions).

    A row of another width (a lost or extra filler cell) is lined up by the grid reader.
    """
    if not item.pipes:
        return None
    widths = Counter(len(row) for row in item.rows)
    width, n = widths.most_common(1)[0]
    if width == 1 or 2 * n < len(item.rows):
        return None
    return Table(
        rows=tuple(
            tuple(Cell(text=tok.text, location=tok.location) for tok in row) for row in item.rows
        ),
        location=item.location,
    )


def _skeleton(cls: type, version: Version) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, spec in specs(cls):
        child = target(spec, version)
        if spec.kind in ("object_list", "text_list"):
            out[name] = []
        elif child is not None and not spec.nullable:
            out[name] = _skeleton(child, version)
        else:
            out[name] = None
    return out


def _build_tree(
    version: Version, objects: set[tuple[str, ...]], values: dict[str, Any]
) -> dict[str, Any]:
    """The tables as nested dicts: every object the tables show, every value read."""
    root: dict[str, Any] = {}
    nodes: dict[tuple[str, ...], dict[str, Any]] = {}
    for path in sorted(objects, key=len):
        nodes[path] = _ensure(root, path, version)
    for ptr, value in values.items():
        parts = ptr[1:].split("/")
        parent = tuple(parts[:-1])
        node = nodes.get(parent)
        if node is None:
            node = nodes[parent] = _ensure(root, parent, version)
        node[parts[-1]] = value
    return root


def _ensure(root: dict[str, Any], path: Sequence[str], version: Version) -> dict[str, Any]:
    node = root
    cls: type | None = Report
    for name in path:
        assert cls is not None
        spec = dict(specs(cls))[name]
        child = target(spec, version)
        assert child is not None
        if node.get(name) is None:
            node[name] = _skeleton(child, version)
        node = node[name]
        cls = child
    return node


def _plain_paragraph(text: str) -> bool:
    """True when the pipeline keeps ``text`` as one narrative paragraph, exactly as printed.

    False when the text would be read as structure (a heading, a numbered sub-section, a
    labelled field, a table row, page furniture, a signature date, spam) or changed (split at a
    paragraph break, trimmed of white space or pipes). The render–parse property restricts
    generated narrative to such paragraphs.
    """
    return (
        bool(text)
        and text == text.strip()
        and _clean(text) == text
        and tokenize(text, Location()) is None
        and split_flattened(text) == [text]
        and heading(text) is None
        and subsection(text) is None
        and metadata(text) is None
        and not chrome(text)
        and not is_date_line(text)
        and not looks_spam(text)
    )
