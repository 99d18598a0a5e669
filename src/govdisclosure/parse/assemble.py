"""Stage 4, assembly: the stages run in order over one document, the report built and checked.

:func:`assemble` runs blocks → items → sections, the narrative extractors and the table reader,
puts their typed raw parts (:mod:`govdisclosure.parse.raw`) together and validates the whole
into a :class:`~govdisclosure.model.Report` with :func:`govdisclosure.from_dict`. A document
with no recognisable structure, or without a reporting year, gives no report and an error
finding. The tables are built from the catalogue pointers of the values read.
"""

from __future__ import annotations

import functools
import marshal
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from .. import template
from .._layout import TABLES, table_field
from .._normalize_text import aligned
from .._numbering import NUMERALS
from .._specs import specs, target
from ..findings import ReportError
from ..model import Report
from ..readers.document import Document
from ..serialize import from_dict
from ..template import TEMPLATES, Version, version_for_year
from .collect import Collector
from .items import Item, as_grid, items
from .metadata import Explicit, Page, explicit_text
from .narrative import agency, contact, dates, fees, figures, issues, overview
from .raw import RawReport, RawTable, RawTables
from .sections import Sections, sections
from .tables import TableReader, table_missing
from .version import infer_version

__all__ = ["assemble"]

# The pointer each section's missing-heading finding names (sections 二 to 四 are tables).
_SECTION_POINTERS = {1: "/overview", 5: "/issues", 6: "/other_matters"}


def assemble(doc: Document) -> tuple[Report | None, Collector]:
    """The report read from ``doc`` (or ``None``), with the findings and sources collected."""
    c = Collector()
    found = sections(items(doc), doc.format)
    parts = found.parts
    explicit: Explicit = {}
    page: Page = {}
    for section in parts:
        for item in section:
            if item.kind == "meta":
                for meta in item.metas:
                    if meta.explicit:
                        explicit.setdefault(meta.target, (meta.value, item.location))
                    else:
                        page.setdefault(meta.target, []).append((meta.value, item.location))
    # Section 0: the title and any preamble before section 一.
    title, title_loc, preamble, title_name = overview.title(c, parts[0], bool(explicit))
    # Signature at the end: the agency's name and the date.
    signature_date, signature_name = agency.signature(parts)
    # Read once for the year and the period (nothing in between changes sections 0 and 1).
    stated = functools.cache(lambda: dates.stated_period(parts))
    year = dates.year(c, explicit, title, parts, page, signature_date, stated)
    has_structure = (
        bool(found.headings)
        or found.has_tables()
        or bool(explicit)
        or (title is not None and "报告" in title)
    )
    if not has_structure:
        c.note("parse.no-report")
        return None, c
    if year is None:
        c.note("parse.year.missing", "/period/year")
        return None, c
    # An explicit template version (a rendered report) is trusted over the year.
    pre_format = "/template_version" not in explicit and (
        version_for_year(year) is None or (found.legacy and not found.has_tables())
    )
    version = infer_version(c, explicit, found, year, pre_format)
    source_url = explicit_text(c, explicit, "/source/url")
    published = dates.published(c, explicit, page, signature_date)
    if title is not None and title_loc is not None:
        c.source("/source/title", title, title_loc)
    narrative = overview.narrative_paragraphs(preamble, parts)
    raw_agency = agency.agency(c, explicit, page, title_name, signature_name, narrative)
    period = dates.period(c, explicit, parts, year, stated)
    # The contact details and the figures read the same paragraphs: each is folded once.
    fold = functools.lru_cache(maxsize=None)(aligned)
    raw_overview = overview.overview(preamble, parts[1])
    raw_issues = issues.issues(parts[5])
    other = fees.other_matters(c, parts[6])
    raw_contact = contact.contact(c, explicit, narrative, parts, fold)
    tables = _tables(c, found, version, pre_format)
    raw: RawReport = {
        "template_version": version,
        "source": {"url": source_url, "title": title, "published": published},
        "agency": raw_agency,
        "period": period,
        "overview": raw_overview,
        "issues": raw_issues,
        "other_matters": other,
        "contact": raw_contact,
        "proactive_disclosure": tables["proactive_disclosure"],
        "applications": tables["applications"],
        "review_litigation": tables["review_litigation"],
    }
    if pre_format:
        first = next(iter(TEMPLATES.values())).first_year
        c.note(
            "parse.pre2019",
            "/template_version",
            wording="default" if year < first else "structure",
            year=year,
            first=first,
        )
    else:
        for number in TABLES:
            if tables.get(table_field(number)) is None:
                c.findings.append(table_missing(number))
        figures.figures(c, tables, narrative, fold)
    for n in range(1, 7):
        if n not in found.headings and n in _SECTION_POINTERS:
            c.note("parse.section.missing", _SECTION_POINTERS[n], number=NUMERALS[n - 1])
    try:
        report = from_dict(raw)
    except ReportError as exc:  # pragma: no cover - the stages only write valid values
        c.findings.extend(exc.findings)
        return None, c
    return report, c


def _tables(c: Collector, found: Sections, version: Version, pre_format: bool) -> RawTables:
    out: RawTables = {
        "proactive_disclosure": None,
        "applications": None,
        "review_litigation": None,
    }
    if pre_format:
        return out
    reader = TableReader(version)
    index = 0
    last = _last_item(found.parts)
    for s in found.parts:
        for item in s:
            if item.kind == "grid" and item.table is not None:
                reader.read_grid(item.table, index, item.kind_of)
                index += 1
            elif item.kind == "run":
                grid = as_grid(item)
                if grid is not None and reader.read_grid(grid, index):
                    index += 1
                else:
                    reader.read_stream(item.rows, cut=item is last)
    c.findings.extend(reader.findings)
    values: dict[str, Any] = {}
    for ptr, (reading, token) in reader.values.items():
        c.source(ptr, token.text, token.location)
        v = reading.value
        values[ptr] = format(v, "f") if isinstance(v, Decimal) else v
    tree = _build_tree(version, reader.objects, values)
    return {
        "proactive_disclosure": tree.get("proactive_disclosure"),
        "applications": tree.get("applications"),
        "review_litigation": tree.get("review_litigation"),
    }


def _last_item(parts: list[list[Item]]) -> Item | None:
    """The document's last item that is not a scrap (「行政」): a run there was cut by the end."""
    every = [i for s in parts for i in s]
    for item in reversed(every):
        if item.kind == "para" and len(item.text) <= 12 and "。" not in item.text:
            continue
        return item
    return None


def _skeleton(cls: type, version: Version) -> RawTable:
    """A fresh empty object of ``cls``: every list empty, every required object nested."""
    return _clone(_empty(cls, version))


@functools.cache
def _empty(cls: type, version: Version) -> RawTable:
    """The shape :func:`_skeleton` copies, worked out once per class and version."""
    out: RawTable = {}
    for name, spec in specs(cls):
        child = target(spec, version)
        if spec.kind in ("object_list", "text_list"):
            out[name] = []
        elif child is not None and not spec.nullable:
            out[name] = _empty(child, version)
        else:
            out[name] = None
    return out


def _clone(shape: RawTable) -> RawTable:
    # The shape holds dicts, empty lists and None only.
    return {
        k: (_clone(v) if type(v) is dict else [] if type(v) is list else v)
        for k, v in shape.items()
    }


def _build_tree(
    version: Version, objects: set[tuple[str, ...]], values: dict[str, Any]
) -> RawTable:
    """The tables as nested dicts: every object the tables show, every value read."""
    shape, paths = _shape(version, frozenset(objects))
    # A fresh copy of the objects' nested skeletons, from bytes this process marshalled.
    root: RawTable = marshal.loads(shape)  # noqa: S302
    nodes: dict[tuple[str, ...], RawTable] = {}
    for path in paths:
        step = root
        for name in path:
            step = step[name]
        nodes[path] = step
    for ptr, value in values.items():
        parent, name = _split(ptr)
        node = nodes.get(parent)
        if node is None:
            node = nodes[parent] = _ensure(root, parent, version)
        node[name] = value
    return root


@functools.lru_cache(maxsize=256)
def _shape(
    version: Version, objects: frozenset[tuple[str, ...]]
) -> tuple[bytes, tuple[tuple[str, ...], ...]]:
    """The nested skeletons of ``objects`` (dicts, empty lists and ``None`` only), marshalled,
    and the objects' paths: the same tables show the same objects, report after report."""
    root: RawTable = {}
    paths = tuple(sorted(objects, key=len))
    for path in paths:
        _ensure(root, path, version)
    return marshal.dumps(root), paths


@functools.lru_cache(maxsize=8192)
def _split(ptr: str) -> tuple[tuple[str, ...], str]:
    """A cell's pointer as its parent's model path and its own name."""
    parts = ptr[1:].split("/")
    return tuple(parts[:-1]), parts[-1]


def _ensure(root: RawTable, path: Sequence[str], version: Version) -> RawTable:
    node = root
    for name, child in _steps(tuple(path), version):
        if node.get(name) is None:
            node[name] = _skeleton(child, version)
        node = node[name]
    return node


@functools.lru_cache(maxsize=4096)
def _steps(path: tuple[str, ...], version: Version) -> tuple[tuple[str, type], ...]:
    """Each name of a model path from the report down, with the class it holds."""
    out: list[tuple[str, type]] = []
    cls: type | None = Report
    for name in path:
        assert cls is not None
        spec = dict(specs(cls))[name]
        child = target(spec, version)
        assert child is not None
        out.append((name, child))
        cls = child
    return tuple(out)


# Registering a template version may change what a version's classes hold.
template.on_change(_empty.cache_clear)
template.on_change(_steps.cache_clear)
template.on_change(_shape.cache_clear)
