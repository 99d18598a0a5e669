"""The HTML reader: a web page into a :class:`~govdisclosure.readers.document.Document`.

It parses with lxml's HTML parser in recovery mode, without network access and without the huge
tree option (so libxml2's depth and size limits apply); the HTML parser never reads a DTD, so no
entity is ever expanded from an internal or external declaration. The tree is walked once,
iteratively, never recursively, so deep nesting cannot exhaust the stack: a data table's cells
are read where the walk meets the table, and whether a table holds another is asked of lxml's
C iteration below that table only.

* Block elements (``p``, ``div``, headings, list items, ``br``) end a paragraph; runs of HTML
  white space inside a paragraph become one space. A no-break space is kept as a character.
* A ``table`` with no table inside it is a data table: its rows and cells are kept with their
  ``rowspan`` and ``colspan`` (clamped to :data:`MAX_COLSPAN` and :data:`MAX_ROWSPAN`), and a
  ``br`` inside a cell becomes a line break in the cell's text. A table that holds other tables
  is page layout: its cells are read as ordinary blocks.
* A cell's location gives the table's index in the document, the cell's row and its column in
  the table's grid, all from 0: the spans of the cells to its left and above are counted, as
  the parser counts them (within :data:`MAX_GRID_WIDTH` columns and :data:`MAX_GRID_SLOTS`
  slots; a cell past them has no column), so the parser keeps the reader's location as it is.
* Scripts, styles and the head are skipped, except that a script whose string literals hold
  HTML (a report embedded in ``document.write("…")`` or a JSON string, with escaped quotes) is
  unescaped and read in its place.

Its registry entry, :data:`READER`, claims text that begins with markup or has an html, body
or head tag in its first 4096 characters, and the web-page suffixes (``.html``, ``.aspx``, …).
lxml is imported on the first read, not when the entry is declared.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from .._fastinit import maker
from ..findings import Finding
from .document import (
    MAX_GRID_SLOTS,
    MAX_GRID_WIDTH,
    Cell,
    Document,
    Location,
    Paragraph,
    Table,
    new_cell,
    new_location,
)
from .entry import Reader
from .notes import flattened, scrub

if TYPE_CHECKING:
    from lxml import etree

__all__ = ["MAX_COLSPAN", "MAX_DEPTH", "MAX_ROWSPAN", "READER", "read_html", "sniff_html"]

#: The widest ``colspan`` honoured. The widest official table has 18 columns.
MAX_COLSPAN = 64
#: The tallest ``rowspan`` honoured.
MAX_ROWSPAN = 1000
#: The deepest nesting of wrapper elements read as it is (libxml2's own limit is 256).
MAX_DEPTH = 200

_new_paragraph: Callable[..., Paragraph] = maker(Paragraph)
_new_table: Callable[..., Table] = maker(Table)

_BLOCK = frozenset(
    [
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "section",
        "article",
        "header",
        "footer",
        "nav",
        "aside",
        "main",
        "blockquote",
        "pre",
        "address",
        "center",
        "form",
        "fieldset",
        "figure",
        "figcaption",
        "hr",
        "table",
        "tr",
        "td",
        "th",
        "thead",
        "tbody",
        "tfoot",
        "caption",
        "body",
        "html",
    ]
)
_SKIP = frozenset(
    [
        "head",
        "title",
        "style",
        "noscript",
        "template",
        "svg",
        "math",
        "select",
        "option",
        "iframe",
        "object",
        "embed",
        "canvas",
        "video",
        "audio",
        "button",
        "input",
        "textarea",
    ]
)
_WS_CHARS = " \t\r\n\f"
_WS = re.compile(f"[{_WS_CHARS}]+")
# Inside a cell, the elements that need the full walk: line breaks, scripts and skipped ones.
_CELL_WALK = _SKIP | {"br", "script"}
# Wrapper elements, opening (not self-closing) or closing; the attributes stop at the next <.
_WRAPPER_TAG = re.compile(
    r"<(/?)(div|span|font|section|article|main|header|footer|aside|nav|center|blockquote|form)"
    r"\b[^<>]*?(/?)>",
    re.I,
)
# The same tags, found faster for counting: the lookahead lets the scan skip any other tag at
# its first letter (「ſ」 is there because it matches 「s」 when case is ignored).
_WRAPPER_ENDS = re.compile(
    r"<(/?)(?=[abcdfhmnsſ])(?i:div|span|font|section|article|main|header|footer|aside|nav|center"
    r"|blockquote|form)\b[^<>]*?(/?)>",
    re.I,
)
# An upper bound of that depth, found at half the cost: a closing tag as exactly, an opening one
# by its name alone (without finding its 「>」 or whether it closes itself), so the depth it counts
# is never below the one :func:`_flatten` counts. Only a page over the bound is scanned exactly.
_WRAPPER_BOUND = re.compile(
    r"<(?=/?[abcdfhmnsſ])(?:(/)(?i:div|span|font|section|article|main|header|footer|aside|nav"
    r"|center|blockquote|form)\b[^<>]*+>|(?i:div|span|font|section|article|main|header|footer"
    r"|aside|nav|center|blockquote|form)\b)",
    re.I,
)
_BOLD = frozenset(("b", "strong"))
_LEAD_IN = re.compile(
    r"(?:[(（]\s*[一二三四五六七八九十]{1,3}\s*[)）]|[一二三四五六七八九十]{1,3}\s*[、.．])[^。]{1,40}"
)
# A numbered lead-in is at most 「（十二）」 and 40 characters; with white space, well under this.
_LEAD_IN_MAX = 400
# The control characters removed before parsing: C0 but tab, line feed, form feed and carriage
# return, and DEL. Each is one byte in UTF-8 that no other character's bytes include, so they
# are deleted from the encoded page.
_CONTROL = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20), 0x7F])
_JS_QUOTE = re.compile(r"[\"']")
# Where a string literal may end: its quote, a backslash (escaping the next character), a newline.
_JS_STOPS = {q: re.compile(rf"[{q}\\\n]") for q in ('"', "'")}
_SURROGATE_PAIR = re.compile("([\ud800-\udbff])([\udc00-\udfff])")
_JS_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)", re.S)
_JS_CONCAT = re.compile(r"\s*\+\s*")
_HTML_IN_SCRIPT = re.compile(r"<\s*(?:table|p|div|tr|td)\b|\\u003c", re.I)


def _parser() -> etree.HTMLParser:
    from lxml import etree  # imported on first read, so declaring the reader costs nothing

    return etree.HTMLParser(
        recover=True,
        no_network=True,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
        encoding="utf-8",
        collect_ids=False,  # no lookup by id: a few per cent of the parse saved
    )


def _tag(el: etree._Element) -> str:
    tag = el.tag
    return tag.lower() if isinstance(tag, str) else ""


def _js_unescape(s: str) -> str:
    def repl(m: re.Match[str]) -> str:
        c = m.group(1)
        if c[0] in "ux" and len(c) > 1:
            return chr(int(c[1:], 16))
        return {"n": "\n", "r": "\n", "t": " ", "b": "", "f": "", "v": ""}.get(c, c)

    text = _JS_ESCAPE.sub(repl, s)
    # 「\ud83d\ude00」 is one character in two escapes; a surrogate left alone is scrubbed later.
    return _SURROGATE_PAIR.sub(_join_pair, text) if "\\u" in s else text


def _join_pair(m: re.Match[str]) -> str:
    high, low = ord(m.group(1)), ord(m.group(2))
    return chr(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))


def _js_strings(code: str) -> Iterator[tuple[int, int, str]]:
    """Each string literal in ``code`` as (start, end, body), in one linear scan.

    A literal ends at its unescaped quote; one left open at a newline (or at the end) is not a
    literal, and the scan goes on after that line, so no character is scanned twice.
    """
    pos = 0
    while True:
        m = _JS_QUOTE.search(code, pos)
        if m is None:
            return
        start = m.start()
        stops = _JS_STOPS[m.group()]
        i = start + 1
        while True:
            stop = stops.search(code, i)
            if stop is None:
                return
            c = stop.group()
            if c == "\\":
                i = stop.end() + 1
                continue
            pos = stop.end()
            if c != "\n":
                yield start, pos, code[start + 1 : stop.start()]
            break


def _script_html(code: str) -> str | None:
    """The HTML held in a script's string literals, unescaped, or ``None``."""
    if not _HTML_IN_SCRIPT.search(code):
        return None
    # Literals joined by 「+」 form one string; strings without markup (ids, names) are left out.
    groups: list[list[str]] = []
    end = -1
    for start, stop, body in _js_strings(code):
        if groups and end >= 0 and _JS_CONCAT.fullmatch(code, end, start):
            groups[-1].append(body)
        else:
            groups.append([body])
        end = stop
    parts = [_js_unescape("".join(g)) for g in groups]
    joined = "".join(p for p in parts if "<" in p)
    return joined or None


def _line(text: str) -> str:
    """``_WS.sub(" ", text).strip(" ")``, without the substitution when there is nothing to join."""
    core = text.strip(_WS_CHARS)
    if " " in core or "\t" in core or "\n" in core or "\r" in core or "\f" in core:
        return _WS.sub(" ", core)
    return core


def _clean(text: str) -> str:
    return "\n".join(x for x in map(_line, text.split("\n")) if x)


_SPAN = re.compile(r"\s*(\d{1,6})")


def _span(value: str | None, limit: int) -> int:
    if not value:
        return 1
    if value.isdecimal() and len(value) <= 6:  # 「2」: what the pattern would match, all of it
        return max(1, min(int(value), limit))
    m = _SPAN.match(value)
    if m is None:
        return 1
    return max(1, min(int(m.group(1)), limit))


def _piece(text: str) -> str:
    """A cell's one piece of text, its white space folded (:func:`_line` or, over several
    lines, :func:`_clean`); a bare number or word, the usual cell, has none to fold."""
    if text.isalnum():
        return text
    return _line(text) if "\n" not in text else _clean(text)


def _bare_text(cell: etree._Element) -> str:
    """The text of a cell without children: most are a bare number or label."""
    text = cell.text
    return _piece(text) if text else ""


def _cell_text(cell: etree._Element, tostring: Callable[..., str], walk: bool) -> str:
    """A cell's text: ``br`` and block children become line breaks, the rest is inline.

    ``tostring`` is lxml's ``etree.tostring`` (lxml is imported on the first read); ``walk``
    says that the cell holds an element of :data:`_CELL_WALK` (or a comment), which only the
    full walk reads.
    """
    if not len(cell):
        return _bare_text(cell)
    # A cell exported from Word nests its one run of text in blocks and spans
    # (「<td><p><span>12</span></p></td>」): where only one piece of text is not white space,
    # the line breaks around it are dropped anyway, and the cell's text is that piece's.
    if walk:
        return _cell_walk(cell)
    # Most often the cell is one chain of single children: when the texts and tails along it
    # are white space, the innermost element's text is the one piece.
    el = cell
    while len(el) == 1:
        text = el.text
        if text and text.strip(_WS_CHARS):
            break
        el = el[0]
        text = el.tail
        if text and text.strip(_WS_CHARS):
            break
    else:
        if not len(el):
            return _bare_text(el)
    last = cell[-1]
    while len(last):
        last = last[-1]
    piece = last.text
    if piece:
        # The last element's text is the one piece when it holds all of the cell's text but
        # white space: its text stripped is as long as the whole cell's (one C call) stripped.
        whole = tostring(cell, method="text", encoding=str, with_tail=False).strip(_WS_CHARS)
        if not whole:
            return ""
        core = piece.strip(_WS_CHARS)
        if len(core) == len(whole):
            return _piece(core)
    piece = None
    for el in cell.iter():
        tag = el.tag
        if tag.__class__ is not str or tag in _CELL_WALK:
            return _cell_walk(cell)
        text = el.text
        if text and text.strip(_WS_CHARS):
            if piece is not None:
                return _cell_walk(cell)
            piece = text
        if el is not cell:
            text = el.tail
            if text and text.strip(_WS_CHARS):
                if piece is not None:
                    return _cell_walk(cell)
                piece = text
    if piece is None:
        return ""
    return _piece(piece)


def _cell_walk(cell: etree._Element) -> str:
    """:func:`_cell_text` for any cell, by walking its elements' start and end."""
    from lxml import etree

    pieces: list[str] = []
    walker = etree.iterwalk(cell, events=("start", "end"))
    for event, el in walker:
        tag = el.tag
        if tag.__class__ is not str:
            tag = ""
        if event == "start":
            if (el is not cell and tag in _SKIP) or tag == "script":
                walker.skip_subtree()
                continue
            if tag == "br" or (tag in _BLOCK and el is not cell):
                pieces.append("\n")
            if el.text and tag not in _SKIP:
                pieces.append(el.text)
        else:
            if el is cell:
                break
            if tag in _BLOCK:
                pieces.append("\n")
            if el.tail:
                pieces.append(el.tail)
    return _clean("".join(pieces))


class _Reader:
    def __init__(self, line_offset: int, scripts: bool) -> None:
        self.blocks: list[Paragraph | Table] = []
        self.buffer: list[str] = []
        #: The characters in the buffer, and whether any is not white space: kept as text is
        #: added, so that a paragraph of many bold runs is not re-joined at each one.
        self.buffer_size = 0
        self.buffer_blank = True
        self.findings: list[Finding] = []
        self.buffer_line: int | None = None
        self.line_offset = line_offset
        self.scripts = scripts
        self.tables = 0

    def line(self, el: etree._Element) -> int | None:
        line: object = el.sourceline
        return line + self.line_offset if isinstance(line, int) else None

    def add_text(self, text: str, el: etree._Element) -> None:
        """Add a non-empty ``text`` to the paragraph being read."""
        if text.strip():
            if self.buffer_line is None:
                self.buffer_line = self.line(el)
            self.buffer_blank = False
        self.buffer.append(text)
        self.buffer_size += len(text)

    def flush(self) -> None:
        if not self.buffer:
            return  # nothing added since the last flush: the rest is as the last one left it
        text = _line("".join(self.buffer))
        if text:
            self.blocks.append(_new_paragraph(text, new_location(self.buffer_line)))
        self.buffer = []
        self.buffer_size = 0
        self.buffer_blank = True
        self.buffer_line = None

    def table(self, el: etree._Element) -> None:
        """Read a data table, each cell located at its row and column in the table's grid.

        The grid is the one the parser builds (``parse.tables.spans.resolve_spans``): a cell
        starts at the first column of its row that no span from above covers, and the same
        limits apply (:data:`MAX_GRID_WIDTH` columns, :data:`MAX_GRID_SLOTS` slots); a cell
        the grid has no room for has no column.
        """
        from lxml import etree

        tostring = etree.tostring
        # The elements holding an element only the full walk of a cell reads: found in one C
        # iteration over the table (most tables have none), not element by element.
        walked: set[etree._Element] = set()
        for found in el.iter(*_CELL_WALK, etree.Comment, etree.ProcessingInstruction, etree.Entity):
            for up in found.iterancestors():
                if up is el or up in walked:
                    break
                walked.add(up)
        index = self.tables
        self.tables += 1
        offset = self.line_offset
        rows: list[tuple[Cell, ...]] = []
        trs = list(_rows(el))
        n_rows = len(trs)
        # Per grid column, the last row a rowspan covers (and one more column, never covered,
        # that ends the search for a free one); made at the table's first rowspan. A slot is
        # covered from above when a span started in a row before reaches it, so the last row
        # is all that matters, and a span costs its columns, not its slots.
        until: list[int] | None = None
        last_covered = -1
        budget = MAX_GRID_SLOTS
        for r, tr in enumerate(trs):
            cells = []
            covered = until if last_covered >= r else None
            c = 0
            in_grid = budget > 0
            for td in tr:
                tag = td.tag
                if tag != "td" and tag != "th":
                    continue
                line: object = td.sourceline
                rowspan = td.get("rowspan")
                colspan = td.get("colspan")
                rs = 1 if rowspan is None else _span(rowspan, MAX_ROWSPAN)
                cs = 1 if colspan is None else _span(colspan, MAX_COLSPAN)
                column = None
                if in_grid:
                    if covered is not None:
                        while covered[c] >= r:
                            c += 1
                    if c >= MAX_GRID_WIDTH or budget <= 0:
                        in_grid = False  # the rest of the row is past the grid
                    elif rs == 1 and cs == 1:
                        column = c
                        budget -= 1
                        c += 1
                    else:
                        grid_rs = min(rs, n_rows - r)
                        grid_cs = min(cs, MAX_GRID_WIDTH - c)
                        if grid_rs * grid_cs > budget:
                            grid_rs = grid_cs = 1
                        column = c
                        if grid_rs > 1:
                            end = r + grid_rs - 1
                            if until is None:
                                until = [-1] * (MAX_GRID_WIDTH + 1)
                            for col in range(c, c + grid_cs):
                                if until[col] < end:
                                    until[col] = end
                            if end > last_covered:
                                last_covered = end
                        budget -= grid_rs * grid_cs
                        c += grid_cs
                text = _cell_text(td, tostring, td in walked) if len(td) else _bare_text(td)
                where = new_location(
                    line + offset if isinstance(line, int) else None, None, index, r, column
                )
                cells.append(new_cell(text, rs, cs, where))
            rows.append(tuple(cells))
        self.blocks.append(_new_table(tuple(rows), new_location(self.line(el), None, index)))

    def script(self, el: etree._Element) -> None:
        if not self.scripts or not el.text:
            return
        inner = _script_html(el.text)
        if inner is None:
            return
        doc = read_html(inner, line_offset=self.line(el) or 0, scripts=False)
        self.findings.extend(doc.findings)
        for block in doc.blocks:
            if isinstance(block, Table):
                # Renumber the embedded tables after this document's own.
                index = self.tables
                self.tables += 1
                block = Table(
                    rows=tuple(
                        tuple(
                            Cell(
                                text=c.text,
                                rowspan=c.rowspan,
                                colspan=c.colspan,
                                location=Location(
                                    line=c.location.line,
                                    table=index,
                                    row=c.location.row,
                                    column=c.location.column,
                                ),
                            )
                            for c in row
                        )
                        for row in block.rows
                    ),
                    location=Location(line=block.location.line, table=index),
                )
            self.blocks.append(block)

    def _lead_in(self) -> bool:
        return _LEAD_IN.fullmatch(_WS.sub(" ", "".join(self.buffer)).strip()) is not None

    def walk(self, root: etree._Element) -> None:
        """Read the tree in one walk: each element is visited once, a data table's cells too."""
        from lxml import etree

        bold: set[etree._Element] = set()
        walker = etree.iterwalk(root, events=("start", "end"))
        skip = walker.skip_subtree
        add = self.add_text
        for event, el in walker:
            tag = el.tag
            if tag.__class__ is not str:
                tag = ""
            if event == "start":
                if not tag:
                    continue
                if tag in _SKIP:
                    skip()
                    continue
                if tag in _BLOCK:
                    if tag == "table" and not _holds_table(el):
                        self.flush()
                        self.table(el)
                        skip()
                        continue
                    self.flush()
                elif tag == "script":
                    self.flush()
                    self.script(el)
                    skip()
                    continue
                elif tag == "br":
                    self.flush()
                elif tag in _BOLD and self.buffer_blank:
                    bold.add(el)
                text = el.text
                if text:
                    add(text, el)
            else:
                if tag in _BLOCK:
                    self.flush()
                elif bold and el in bold and self.buffer_size <= _LEAD_IN_MAX and self._lead_in():
                    # A bold numbered lead-in without its 。 is a heading of its own:
                    # 「<strong>（一）主动公开情况</strong>本年度…」.
                    self.flush()
                if el is not root:
                    text = el.tail
                    if text:
                        add(text, el)
        self.flush()


def _rows(table: etree._Element) -> Iterator[etree._Element]:
    for child in table:
        tag = child.tag
        if tag == "tr":
            yield child
        elif tag == "tbody" or tag == "thead" or tag == "tfoot":
            yield from (x for x in child if x.tag == "tr")


def _holds_table(table: etree._Element) -> bool:
    """Whether ``table`` holds another table: a page layout, not a data table.

    Searched in lxml's C iteration, stopping at the first table found, only below this table.
    No element is searched by two tables (a table inside the searched part stops the search
    there), so all the searches of a page together stay linear in its size.
    """
    found = table.iter("table")
    next(found)  # the table itself
    return next(found, None) is not None


def _may_nest_deeper(text: str) -> bool:
    """Whether wrappers may nest over :data:`MAX_DEPTH` in ``text``: never false when they do.

    The depth counted is :func:`_flatten`'s, or more: each opening tag it counts is counted here
    too, and the closing tags are the same ones.
    """
    depth = 0
    for close in _WRAPPER_BOUND.findall(text):
        if close:
            if depth:
                depth -= 1
        else:
            depth += 1
            if depth > MAX_DEPTH:
                return True
    return False


def _flatten(text: str) -> tuple[str, int]:
    """``text`` with its wrapper elements removed when they nest over :data:`MAX_DEPTH`.

    libxml2 stops building the tree 256 elements deep, losing what is inside. Wrappers (``div``,
    ``span``, ``font``, ``section``, …) carry nothing the reader keeps but paragraph breaks, so a
    block wrapper becomes a ``<br>`` and an inline one goes. Returns the text and the depth found
    (0 when the text was left alone). One linear scan of the tags.
    """
    depth = deepest = 0
    for close, self_closing in _WRAPPER_ENDS.findall(text):
        if close:
            if depth:
                depth -= 1
        elif not self_closing:
            depth += 1
            if depth > deepest:
                deepest = depth
    if deepest <= MAX_DEPTH:
        return text, 0

    def repl(m: re.Match[str]) -> str:
        return "<br>" if m.group(2).lower() in _BLOCK else ""

    return _WRAPPER_TAG.sub(repl, text), deepest


def read_html(text: str, *, line_offset: int = 0, scripts: bool = True) -> Document:
    """Read an HTML document (already decoded) into paragraphs and tables.

    A lone surrogate in ``text`` becomes U+FFFD with a ``read.surrogate`` finding; wrappers
    nested over :data:`MAX_DEPTH` are flattened with a ``read.html.flattened`` finding.
    """
    from lxml import etree

    findings: list[Finding] = []
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: UTF-8 has no bytes for it
        text, findings = scrub(text)
        data = text.encode("utf-8")
    if _may_nest_deeper(text):
        text, deepest = _flatten(text)
        if deepest:
            findings.append(flattened(deepest))
            data = text.encode("utf-8")
    data = data.translate(None, _CONTROL)
    try:
        root = etree.fromstring(data, _parser())
    except (etree.XMLSyntaxError, etree.ParserError, ValueError):
        root = None
    if root is None:
        return Document(blocks=(), format="html", findings=tuple(findings))
    reader = _Reader(line_offset, scripts)
    reader.walk(root)
    findings.extend(reader.findings)
    return Document(blocks=tuple(reader.blocks), format="html", findings=tuple(findings))


# Markup from the first character (a tag or a doctype), or an html/body/head tag near the start.
_HTML_START = re.compile(r"\s*<(?:!|[A-Za-z])")
_HTML_ANYWHERE = re.compile(r"<(?:html|body|head)\b", re.I)


def sniff_html(text: str) -> float:
    """1 when the first 4096 characters begin with markup or hold an html/body/head tag."""
    head = text[:4096]
    return 1.0 if _HTML_START.match(head) or _HTML_ANYWHERE.search(head) else 0.0


READER = Reader(
    name="html",
    payload=str,
    suffixes=(".html", ".htm", ".shtml", ".xhtml", ".jhtml", ".asp", ".aspx", ".jsp", ".php"),
    sniff=sniff_html,
    read=lambda payload, hints: read_html(payload),
)
