"""Checks across reports: one agency's reports over the years, and a summary against its parts.

Both functions return a :class:`~govdisclosure.validate.ValidationReport`. Its findings point
into the reports *as passed*: :func:`check_series` numbers them like a JSON array
(``/0/applications/…`` is the first report), :func:`check_aggregate` like the object
``{"summary": …, "departments": [...]}`` (``/summary/…``, ``/departments/2/…``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import attrs

from .catalogue import Entry, cells
from .findings import FINDINGS, Finding
from .model import Report
from .rules import CURRENT, PREVIOUS, RULES, Blank, Getter, Rule, Term, rule
from .template import Label
from .validate import ValidationReport, object_getter

__all__ = ["check_aggregate", "check_series"]


def _rebase(found: Finding, move: Callable[[str], str], prefix_zh: str, prefix_en: str) -> Finding:
    # ``missing`` (and the ``{missing}`` in the messages) already name the list positions: the
    # joint getter gave its blanks under them.
    return attrs.evolve(
        found,
        pointers=tuple(move(p) for p in found.pointers),
        values={move(p): v for p, v in found.values.items()},
        message_zh=prefix_zh + found.message_zh,
        message_en=prefix_en + found.message_en,
    )


def _joint(parts: dict[str, Getter], names: dict[str, str] | None = None) -> Getter:
    """A getter over several reports: ``/<prefix>/…`` reads ``…`` from the report at prefix.

    A blank is named ``<names[prefix]>/…`` (the prefix itself without ``names``): the pointer
    the finding will give for it, so that ``missing`` and ``{missing}`` agree.
    """
    names = names or {}

    def get(ptr: str) -> Any:
        tokens = ptr.split("/", 3)  # "", root, [index,] rest
        prefix = "/" + tokens[1]
        if prefix not in parts:
            prefix += "/" + tokens[2]
        found = parts[prefix](ptr[len(prefix) :])
        if found.__class__ is Blank:
            return Blank(names.get(prefix, prefix) + found.pointer)
        return found

    return get


def _series_rules(previous: str, current: str) -> list[Rule]:
    return [
        r for r in RULES if r.scope == "series" and previous in r.versions and current in r.versions
    ]


def _require_reports(reports: Sequence[object]) -> None:
    for i, report in enumerate(reports):
        if not isinstance(report, Report):
            kind = type(report).__name__
            raise TypeError(
                f"item {i} is a {kind}, not a Report: read documents with "
                "govdisclosure.from_dict() or loads() first"
            )


def check_series(reports: Sequence[Report]) -> ValidationReport:
    """Check the continuity of several reports of one agency, year after year.

    For every pair of reports of consecutive years Y−1 and Y it runs the ``series`` rules as
    warnings: 上年结转 of Y equals 结转下年度继续办理 of Y−1 in every column of table 三
    (``T3-7``), and the table-二 counts carried from year to year (``T2-2`` for two 2021-format
    reports, ``T2'-2`` for two 2019-format ones). Two reports for the same year are a
    ``series.duplicate-year`` warning, and neither is compared. The reports are taken to be of
    one agency: the agency's name is not compared. Raises :class:`TypeError` for anything but
    :class:`Report` objects (read documents with :func:`govdisclosure.from_dict` first).
    """
    _require_reports(reports)
    by_year: dict[int, list[int]] = {}
    for i, report in enumerate(reports):
        by_year.setdefault(report.period.year, []).append(i)
    findings: list[Finding] = []
    for year, idx in sorted(by_year.items()):
        if len(idx) > 1:
            findings.append(
                FINDINGS["series.duplicate-year"].finding(
                    tuple(f"/{i}/period/year" for i in idx), actual=year, count=len(idx)
                )
            )
    for year, idx in sorted(by_year.items()):
        before = by_year.get(year - 1)
        if len(idx) != 1 or before is None or len(before) != 1:
            continue
        (i,), (j,) = idx, before
        current, previous = reports[i], reports[j]
        where = {CURRENT: f"/{i}", PREVIOUS: f"/{j}"}
        get = _joint({CURRENT: object_getter(current), PREVIOUS: object_getter(previous)}, where)

        def move(ptr: str, where: dict[str, str] = where) -> str:
            root, _, rest = ptr[1:].partition("/")
            return where["/" + root] + ("/" + rest if rest else "")

        for r in _series_rules(previous.template_version, current.template_version):
            found = r.evaluate(get)
            if found is not None:
                findings.append(
                    _rebase(found, move, f"{year - 1}→{year}年：", f"{year - 1}→{year}: ")
                )
    return ValidationReport(findings=tuple(findings))


def _cell_rule(r: Rule, entry: Entry, pointers: tuple[str, ...]) -> Rule:
    """The aggregate rule ``r`` bound to one cell: a sum of the departments' cells."""
    assert entry.table is not None
    number, roman = entry.table.number, entry.table.label.en.split(".", 1)[0]
    row = Label(" › ".join(lab.zh for lab in entry.row), " › ".join(lab.en for lab in entry.row))
    col = Label(
        " › ".join(lab.zh for lab in entry.column), " › ".join(lab.en for lab in entry.column)
    )
    if row.zh:
        cell = Label(
            f"表{number}「{row.zh}」行「{col.zh}」列",
            f"Table {roman}, row “{row.en}”, column “{col.en}”",
        )
    else:
        cell = Label(f"表{number}「{col.zh}」", f"Table {roman}, “{col.en}”")

    def bind(text: Label) -> Label:
        return Label(text.zh.replace("{cell_zh}", cell.zh), text.en.replace("{cell_en}", cell.en))

    terms = (
        Term(pointer=pointers[0], side="actual"),
        *(Term(pointer=p, side="expected") for p in pointers[1:]),
    )
    return attrs.evolve(
        r,
        kind="sum",
        pointers=pointers,
        terms=terms,
        message=bind(r.message),
        unchecked=bind(r.unchecked),
    )


def check_aggregate(
    summary: Report, departments: Sequence[Report], *, complete: bool = True
) -> ValidationReport:
    """Check a regional summary report against the reports of the departments it covers.

    For every count cell of tables 三 and 四 in the summary's template version, the sum of the
    cell over ``departments`` is compared with the summary's cell. With ``complete=True``
    (rule ``A-1``) the departments must be every reporting unit the summary covers, the
    government's own office included, and the sum must equal the summary. With
    ``complete=False`` (rule ``A-2``) they may be only some of them, and their sum must not
    exceed the summary. Findings are warnings: summaries legitimately differ when a unit is
    missing or was merged during the year. A cell blank in any report is not checkable. A
    department whose reporting year differs from the summary's is an ``aggregate.mismatch``
    warning, and is still counted. Raises :class:`TypeError` for anything but :class:`Report`
    objects.
    """
    _require_reports([summary, *departments])
    r = rule("A-1" if complete else "A-2")
    version = summary.template_version
    findings: list[Finding] = []
    for k, dept in enumerate(departments):
        if dept.period.year != summary.period.year:
            findings.append(
                FINDINGS["aggregate.mismatch"].finding(
                    (f"/departments/{k}/period/year", "/summary/period/year"),
                    expected=summary.period.year,
                    actual=dept.period.year,
                )
            )
    get = _joint(
        {
            "/summary": object_getter(summary),
            **{f"/departments/{k}": object_getter(d) for k, d in enumerate(departments)},
        }
    )
    for entry in (*cells(version, "三"), *cells(version, "四")):
        if entry.kind != "count":
            continue
        ptr = entry.pointer
        pointers = ("/summary" + ptr, *(f"/departments/{k}{ptr}" for k in range(len(departments))))
        found = _cell_rule(r, entry, pointers).evaluate(get)
        if found is not None:
            findings.append(found)
    return ValidationReport(findings=tuple(findings))
