"""Rendering a report in the official layout: :func:`render` to HTML, Markdown or plain text.

The layout is the national format's: the six sections under their official headings, and the
three tables with the template's row and column labels, rowspans and colspans, all read from
the template declaration through the field catalogue. Blank cells (``None``) print empty; a
row the report does not hold is left out, and a table the report does not hold is left out.

A rendered report reads back to itself: ``parse(render(r, f)) == r`` for every format ``f``.
For that, a short block of labelled lines (「机关名称：…」, 「报告年度：…」, …) opens the document,
the way government sites print an information index, and three things the official layout
carries only as prose are printed as labelled lines *only when* the prose does not already say
them in a way the parser reads back: the problems and measures of section 五, the
information-processing fees of section 六, and the contact details.

Markdown and plain text print tables as pipe rows of equal width (the layout of a table
flattened to text); a spanned cell prints its label in its first column and leaves the columns
it covers empty, and a blank value prints as 「/」 (a blank marker reports use), since an empty
cell cannot be told from the filler of a flattened page. Nothing is escaped: the renderer does
not guard against narrative text that itself looks like markup.
"""

from __future__ import annotations

import functools
import html
from collections.abc import Sequence
from decimal import Decimal
from typing import Any, Literal, overload

import attrs

from . import prose as nar
from . import template as t
from ._layout import header_spans
from ._specs import report_class, specs, target
from .catalogue import Entry, catalogue
from .model import Agency, Contact, InfoProcessingFees, Report
from .template import Version

__all__ = ["RENDER_FORMATS", "blocks", "render"]

#: The formats :func:`render` writes (``docx`` as bytes, by :mod:`govdisclosure.office.docx`).
RENDER_FORMATS = ("html", "markdown", "text", "docx")
RenderFormat = Literal["html", "markdown", "text"]


@attrs.define
class _GCell:
    text: str
    rowspan: int = 1
    colspan: int = 1
    header: bool = False
    #: A value cell: printed as 「/」 when blank in the pipe formats, where an empty cell would
    #: be lost as filler.
    value: bool = False


_Grid = list[list[_GCell]]
#: How a blank value prints in the pipe formats.
_BLANK = "/"


def _label(ptr: str) -> str:
    return next(e.label.zh for e in catalogue() if e.pointer == ptr)


def _get(obj: Any, path: Sequence[str]) -> Any:
    for name in path:
        if obj is None:
            return None
        obj = getattr(obj, name)
    return obj


def _value(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, Decimal):
        return format(v, "f")
    return str(v)


# -- Table layouts ----------------------------------------------------------------------------


@attrs.frozen
class _Row:
    """A row (or a row group) of a table as one template version prints it."""

    #: The model path of the row's object.
    path: tuple[str, ...]
    #: The row's label path, outermost first: block titles and row groups, then its own label.
    labels: tuple[t.Label, ...]
    #: The row's cells in print order; empty for a group that prints no values.
    cells: tuple[Entry, ...]
    #: The paths of the row groups above it.
    parents: tuple[tuple[str, ...], ...]

    @property
    def label(self) -> t.Label:
        return self.labels[-1]

    @property
    def group_only(self) -> bool:
        return not self.cells


@functools.cache
def _rows(version: Version, table: str) -> tuple[_Row, ...]:
    """The rows of ``table`` in ``version``, in print order, from the catalogue."""
    entries = [
        e
        for e in catalogue()
        if version in e.versions and e.table is not None and e.table.number == table
    ]
    cells: dict[tuple[str, ...], list[Entry]] = {}
    for e in entries:
        if e.role == "cell":
            cells.setdefault(e.path[:-1], []).append(e)
    rows = [e for e in entries if e.role == "row" and e.row]
    return tuple(
        _Row(
            path=e.path,
            labels=e.row,
            cells=tuple(cells.get(e.path, ())),
            parents=tuple(
                p.path for p in rows if p.path == e.path[: len(p.path)] and p.path != e.path
            ),
        )
        for e in rows
    )


def _cells(version: Version, table: str) -> tuple[Entry, ...]:
    """Every cell of ``table`` in ``version``, in print order."""
    return tuple(c for r in _rows(version, table) for c in r.cells) or tuple(
        e
        for e in catalogue()
        if version in e.versions and e.role == "cell" and e.table and e.table.number == table
    )


t.on_change(_rows.cache_clear)


def _column_header(
    paths: Sequence[tuple[str, ...]], first_col: int
) -> list[list[tuple[int, _GCell]]]:
    """Header rows for leaf columns with label ``paths``: groups merged across, leaves down."""
    rows: list[list[tuple[int, _GCell]]] = [[] for _ in range(max(len(p) for p in paths))]
    for level, c, text, rowspan, colspan in header_spans(paths):
        rows[level].append((first_col + c, _GCell(text, rowspan, colspan, True)))
    return rows


def _place(rows: list[list[tuple[int, _GCell]]]) -> _Grid:
    return [[cell for _, cell in sorted(r, key=lambda x: x[0])] for r in rows]


def _blocks_table(report: Report, layout: t.TableLayout) -> tuple[_Grid, int]:
    """Rows in blocks under spanning titles, each block with its own column header (table 二)."""
    version = report.template_version
    table = getattr(report, layout.field)
    grid: _Grid = []
    blocks: list[tuple[str, list[_Row]]] = []
    specs_ = _rows(version, layout.table.number)
    width = layout.width or layout.label_columns + max(len(s.cells) for s in specs_)
    for spec in specs_:
        block = spec.labels[0].zh
        if not blocks or blocks[-1][0] != block:
            blocks.append((block, []))
        blocks[-1][1].append(spec)
    for block, rows in blocks:
        grid.append([_GCell(block, 1, width, True)])
        columns = [e.column[-1].zh for e in rows[0].cells]
        header = [_GCell(t.INFO_CONTENT.zh, header=True)]
        for i, name in enumerate(columns):
            span = width - len(columns) if i == len(columns) - 1 else 1
            header.append(_GCell(name, 1, span, True))
        grid.append(header)
        for spec in rows:
            obj = _get(table, spec.path[1:])
            if obj is None:
                continue
            line = [_GCell(spec.label.zh)]
            for i, entry in enumerate(spec.cells):
                span = width - len(spec.cells) if i == len(spec.cells) - 1 else 1
                line.append(_GCell(_value(getattr(obj, entry.path[-1])), 1, span, value=True))
            grid.append(line)
    return grid, width


@attrs.define
class _Node:
    spec: _Row
    children: list[_Node] = attrs.Factory(list)


def _tree(version: Version, table: str) -> list[_Node]:
    nodes: dict[tuple[str, ...], _Node] = {}
    roots: list[_Node] = []
    for spec in _rows(version, table):
        node = _Node(spec)
        nodes[spec.path] = node
        parent = spec.parents[-1] if spec.parents else None
        if parent is None:
            roots.append(node)
        else:
            nodes[parent].children.append(node)
    return roots


def _tree_table(report: Report, layout: t.TableLayout) -> tuple[_Grid, int]:
    """Nested rows under a multi-level column header, groups spanning their rows (table 三)."""
    version = report.template_version
    table = getattr(report, layout.field)
    entries = next(s for s in _rows(version, layout.table.number) if s.cells).cells
    label_width = layout.label_columns
    width = label_width + len(entries)
    head = _column_header([tuple(lab.zh for lab in e.column) for e in entries], label_width)
    head[0].insert(0, (0, _GCell(t.APPLICATIONS_NOTE.zh, len(head), label_width, True)))
    grid = _place(head)

    # (depth, spec, object) for every printed row; groups print with rowspans.
    def rows_of(node: _Node, depth: int) -> list[tuple[int, _Node, Any]]:
        obj = _get(table, node.spec.path[1:])
        if not node.spec.group_only:
            return [(depth, node, obj)] if obj is not None else []
        inner = [r for child in node.children for r in rows_of(child, depth + 1)]
        if inner:
            return [(depth, node, obj), *inner]
        spec_nullable = _nullable(node.spec, version)
        if obj is not None and spec_nullable:
            return [(depth, node, "bare")]
        return []

    printed: list[tuple[int, _Node, Any]] = []
    for root in _tree(version, layout.table.number):
        printed.extend(rows_of(root, 0))
    i = 0
    pending_groups: list[_GCell] = []
    while i < len(printed):
        depth, node, obj = printed[i]
        if node.spec.group_only and obj != "bare":
            # Count the leaf rows this group spans.
            span = 0
            j = i + 1
            while j < len(printed) and printed[j][0] > depth:
                if not printed[j][1].spec.group_only or printed[j][2] == "bare":
                    span += 1
                j += 1
            pending_groups.append(_GCell(node.spec.label.zh, span, 1))
            i += 1
            continue
        line = list(pending_groups)
        pending_groups = []
        line.append(_GCell(node.spec.label.zh, 1, label_width - depth))
        if obj == "bare":
            line.extend(_GCell("", value=True) for _ in entries)
        else:
            line.extend(
                _GCell(_value(getattr(obj, e.path[-1])), value=True) for e in node.spec.cells
            )
        grid.append(line)
        i += 1
    return grid, width


def _nullable(spec: _Row, version: Version) -> bool:
    parent: Any = report_class(version)
    for name in spec.path[:-1]:
        parent = target(dict(specs(parent))[name], version)
    field = dict(specs(parent))[spec.path[-1]]
    return field.nullable


def _columns_table(report: Report, layout: t.TableLayout) -> tuple[_Grid, int]:
    """Header columns over a single row of values (table 四)."""
    version = report.template_version
    table = getattr(report, layout.field)
    assert table is not None
    entries: list[Entry] = list(_cells(version, layout.table.number))
    present = [e for e in entries if _get(table, e.path[1:-1]) is not None]
    shown = present or entries
    head = _column_header([tuple(lab.zh for lab in e.column) for e in shown], 0)
    grid = _place(head)
    if present:
        grid.append([_GCell(_value(_get(table, e.path[1:])), value=True) for e in present])
    return grid, len(shown)


_LAYOUTS = {"blocks": _blocks_table, "tree": _tree_table, "columns": _columns_table}


# -- Emitters ---------------------------------------------------------------------------------


def _html_table(grid: _Grid) -> str:
    out = ['<table class="gd-table" border="1" cellspacing="0" cellpadding="4">']
    for row in grid:
        cells = []
        for cell in row:
            tag = "th" if cell.header else "td"
            attrs_ = ""
            if cell.rowspan > 1:
                attrs_ += f' rowspan="{cell.rowspan}"'
            if cell.colspan > 1:
                attrs_ += f' colspan="{cell.colspan}"'
            cells.append(f"<{tag}{attrs_}>{html.escape(cell.text)}</{tag}>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</table>")
    return "\n".join(out)


def _expand(grid: _Grid, width: int) -> list[list[str]]:
    """The grid with spans expanded: text in a span's first slot, the rest empty."""
    occupied: dict[tuple[int, int], str] = {}
    for r, row in enumerate(grid):
        c = 0
        for cell in row:
            while (r, c) in occupied:
                c += 1
            text = cell.text if cell.text or not cell.value else _BLANK
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    occupied[(r + dr, c + dc)] = text if dr == 0 and dc == 0 else ""
            c += cell.colspan
    return [[occupied.get((r, c), "") for c in range(width)] for r in range(len(grid))]


def _pipe_table(grid: _Grid, width: int, markdown: bool) -> list[str]:
    rows = _expand(grid, width)
    lines = []
    for i, row in enumerate(rows):
        lines.append("| " + " | ".join(row) + " |")
        if markdown and i == 0:
            lines.append("|" + "---|" * width)
    return lines


# -- The document ---------------------------------------------------------------------------------

_Block = tuple[str, str]  # (kind, text): title, meta, heading, para, table-html, table-lines


def _choice_label(cls: type, name: str, value: str | None) -> str:
    if value is None:
        return ""
    spec = dict(specs(cls))[name]
    return next(label.zh for v, label in spec.choices if v == value)


def _paras(text: str | None) -> list[str]:
    return text.split("\n") if text else []


def narrative_paragraphs(report: Report) -> list[str]:
    """The prose paragraphs of the rendered report, in order, as the parser will see them."""
    out = [*_paras(report.overview.text)]
    for s in report.overview.subsections:
        out.extend(_subsection_lines(s.heading, s.text))
    out.extend(_paras(report.overview.closing))
    out.extend(_paras(report.issues.text))
    out.extend(_paras(report.other_matters.text))
    return out


def _subsection_line(heading: str, text: str | None) -> str:
    return f"{heading}。{text or ''}"


def _subsection_lines(heading: str, text: str | None) -> list[str]:
    parts = _paras(text)
    return [_subsection_line(heading, parts[0] if parts else None), *parts[1:]]


def _blocks(report: Report, fmt: RenderFormat) -> list[_Block]:
    blocks: list[_Block] = []
    if report.source.title is not None:
        blocks.append(("title", report.source.title))

    def meta(ptr: str, value: str) -> None:
        blocks.append(("meta", f"{_label(ptr)}：{value}"))

    meta("/agency/name", report.agency.name)
    meta("/agency/level", _choice_label(Agency, "level", report.agency.level))
    meta("/agency/kind", _choice_label(Agency, "kind", report.agency.kind))
    meta("/agency/division_code", report.agency.division_code or "")
    meta("/period/year", str(report.period.year))
    meta("/period/start", report.period.start.isoformat() if report.period.start else "")
    meta("/period/end", report.period.end.isoformat() if report.period.end else "")
    meta("/source/url", report.source.url or "")
    meta(
        "/source/published", report.source.published.isoformat() if report.source.published else ""
    )
    meta("/template_version", _choice_label(Report, "template_version", report.template_version))

    sections = [label.zh for label in t.SECTIONS]
    blocks.append(("heading", sections[0]))
    blocks.extend(("para", p) for p in _paras(report.overview.text))
    for sub in report.overview.subsections:
        blocks.extend(("para", p) for p in _subsection_lines(sub.heading, sub.text))
    blocks.extend(("para", p) for p in _paras(report.overview.closing))

    for layout in t.TEMPLATES[report.template_version].tables:
        blocks.append(("heading", layout.table.label.zh))
        if getattr(report, layout.field) is None:
            continue
        grid, width = _LAYOUTS[layout.style](report, layout)
        if fmt == "html":
            blocks.append(("table-html", _html_table(grid)))
        else:
            blocks.append(("table-lines", "\n".join(_pipe_table(grid, width, fmt == "markdown"))))

    blocks.append(("heading", sections[4]))
    issues = report.issues
    blocks.extend(("para", p) for p in _paras(issues.text))
    if nar.issue_items(issues.text) != (issues.problems, issues.measures):
        for ptr, items in (
            ("/issues/problems", issues.problems),
            ("/issues/measures", issues.measures),
        ):
            meta(ptr, "")
            blocks.extend(("para", f"{i}.{item}") for i, item in enumerate(items, start=1))

    blocks.append(("heading", sections[5]))
    other = report.other_matters
    blocks.extend(("para", p) for p in _paras(other.text))
    if _inferred_fees(other.text) != other.info_processing_fees:
        meta("/other_matters/info_processing_fees", "")
        fees = other.info_processing_fees
        if fees is not None:
            for name, spec in specs(InfoProcessingFees):
                unit = spec.column.unit.zh if spec.column is not None else ""
                v = getattr(fees, name)
                meta(
                    f"/other_matters/info_processing_fees/{name}",
                    f"{_value(v)}{unit}" if v is not None else "",
                )
    if _inferred_contact(report) != report.contact:
        meta("/contact", "")
        for name, _ in specs(Contact):
            meta(f"/contact/{name}", getattr(report.contact, name) or "")
    return blocks


def _inferred_fees(text: str | None) -> InfoProcessingFees | None:
    found = nar.fees_from_prose(text)
    if found is None:
        return None
    values: dict[str, Any] = {name: value for name, (value, _) in found.items()}
    return InfoProcessingFees(**values)


def _inferred_contact(report: Report) -> Contact:
    found = nar.contact_from_prose(narrative_paragraphs(report))
    return Contact(**{name: value for name, (value, _) in found.items()})


_STYLE = (
    "body{font-family:sans-serif;max-width:60em;margin:2em auto;line-height:1.6}"
    "table.gd-table{border-collapse:collapse;margin:1em 0}"
    "table.gd-table td,table.gd-table th{border:1px solid #555;padding:.2em .5em}"
    "table.gd-table td{text-align:right}p.gd-meta{margin:0;color:#444}"
)


def blocks(report: Report, fmt: RenderFormat, *, metadata: bool = True) -> list[_Block]:
    """The rendered document as (kind, text) blocks; ``metadata=False`` drops the opening
    block of labelled lines (「机关名称：…」 …) before the first heading."""
    out = _blocks(report, fmt)
    if metadata:
        return out
    first = next((i for i, (kind, _) in enumerate(out) if kind == "heading"), len(out))
    return [b for i, b in enumerate(out) if i >= first or b[0] != "meta"]


# "docx" is also a str: the literal overload comes first, so a call naming it gets bytes.
@overload
def render(  # type: ignore[overload-overlap]
    report: Report, format: Literal["docx"], *, metadata: bool = True
) -> bytes: ...
@overload
def render(report: Report, format: str = "html", *, metadata: bool = True) -> str: ...
def render(report: Report, format: str = "html", *, metadata: bool = True) -> str | bytes:
    """The report in the official layout, as ``"html"``, ``"markdown"`` or ``"text"`` (a
    ``str``), or ``"docx"`` (the bytes of a Word document; needs the ``docx`` extra).

    ``metadata=False`` leaves out the opening block of labelled metadata lines, for a document
    in exactly the official layout (it then no longer reads back to every metadata field).
    Raises :class:`TypeError` for anything but a :class:`Report` (``parse()`` gives ``None``
    when it finds no report) and :class:`ValueError` for an unknown format.
    """
    if not isinstance(report, Report):
        raise TypeError(f"render() takes a Report, not {type(report).__name__}")
    if format not in RENDER_FORMATS:
        raise ValueError(f"unknown format {format!r}; expected one of {', '.join(RENDER_FORMATS)}")
    if format == "docx":
        from .office.docx import render_docx

        return render_docx(report, metadata=metadata)
    fmt: RenderFormat = format  # type: ignore[assignment]
    blocks_ = blocks(report, fmt, metadata=metadata)
    if fmt == "html":
        title = report.source.title or t.SECTIONS[0].zh
        out = [
            "<!DOCTYPE html>",
            '<html lang="zh-CN">',
            f'<head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f"<style>{_STYLE}</style></head>",
            "<body>",
        ]
        for kind, text in blocks_:
            if kind == "title":
                out.append(f"<h1>{html.escape(text)}</h1>")
            elif kind == "meta":
                out.append(f'<p class="gd-meta">{html.escape(text)}</p>')
            elif kind == "heading":
                out.append(f"<h2>{html.escape(text)}</h2>")
            elif kind == "para":
                out.append(f"<p>{html.escape(text)}</p>")
            else:
                out.append(text)
        out += ["</body>", "</html>", ""]
        return "\n".join(out)
    lines: list[str] = []
    markdown = fmt == "markdown"
    for kind, text in blocks_:
        if kind == "title":
            lines.append(f"# {text}" if markdown else text)
        elif kind == "heading":
            lines.append(f"## {text}" if markdown else text)
        else:
            lines.append(text)
        if markdown:
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
