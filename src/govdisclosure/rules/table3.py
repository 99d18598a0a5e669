"""The rules of table 三 (requests handled): T3-1, T3-3, T3-4 and, across years, T3-7."""

from __future__ import annotations

from .. import template as t
from ..model import ApplicantCounts
from ..template import Label, Version
from ._build import (
    arith,
    cell,
    columns,
    format_citation,
    layout,
    numbering,
    row_path,
    row_sums,
    rows_of,
    series_citation,
    sum_texts,
    terms,
    where_column,
    where_row,
)
from .core import Rule

__all__ = ["CURRENT", "PREVIOUS", "t3_1", "t3_3", "t3_4", "t3_7"]

TABLE = t.TABLE_APPLICATIONS
#: The roots of the two reports a series rule compares.
PREVIOUS, CURRENT = "/previous", "/current"


def t3_1(version: Version) -> list[Rule]:
    """Per column: 一 + 二 = 三（七）总计 + 四 (the header note)."""
    if not rows_of(version, ApplicantCounts, TABLE):
        return []
    new, carried = row_path(version, t.ROW_NEW), row_path(version, t.ROW_CARRIED_OVER)
    total, forward = (
        row_path(version, t.ROW_OUTCOME_TOTAL),
        row_path(version, t.ROW_CARRIED_FORWARD),
    )
    citation = format_citation(
        "stated",
        "表三表头注（「第三项」以（七）总计行计）",
        "header note of table III (item III is read as its row (7) Total)",
        t.APPLICATIONS_NOTE.zh,
    )
    tot = t.ROW_OUTCOME_TOTAL.label
    # The note's items 一 to 四, numbered as the rows are labelled.
    a, b, c, d = (
        numbering(n.label)
        for n in (t.ROW_NEW, t.ROW_CARRIED_OVER, t.ROW_OUTCOMES, t.ROW_CARRIED_FORWARD)
    )
    out = []
    for name, col in columns(ApplicantCounts):
        place = where_column(TABLE, col.label)
        title = Label(
            f"{place.zh}：第{a.zh}项加第{b.zh}项之和，等于第{c.zh}项（{tot.zh}）加第{d.zh}项之和",
            f"{place.en}: items {a.en} + {b.en} equal item {c.en} ({tot.en}) + item {d.en}",
        )
        message = Label(
            f"{place.zh}：第{a.zh}项加第{b.zh}项之和为 {{expected}}，第{c.zh}项（{tot.zh}）"
            f"加第{d.zh}项之和为 {{actual}}，两者不等（相差 {{difference}}）。",
            f"{place.en}: items {a.en} + {b.en} add up to {{expected}}, but item {c.en} "
            f"({tot.en}) + item {d.en} add up to {{actual}} (difference {{difference}}); "
            "the table's note requires them to be equal.",
        )
        out.append(
            arith(
                id=f"T3-1.{name}",
                base="T3-1",
                kind="equality",
                severity="inconsistency",
                version=version,
                table=TABLE,
                terms=terms(
                    [cell(total, name), cell(forward, name)],
                    [(cell(new, name), 1), (cell(carried, name), 1)],
                ),
                citation=citation,
                title=title,
                message=message,
            )
        )
    return out


def outcome_leaves(version: Version) -> list[tuple[str, ...]]:
    """Every outcome row with values of its own, （七）总计 excepted."""
    total = row_path(version, t.ROW_OUTCOME_TOTAL)
    outcomes = total[:-1]
    return [
        p
        for p in rows_of(version, ApplicantCounts, TABLE)
        if p[: len(outcomes)] == outcomes and p != total
    ]


def _outcome_rows(version: Version) -> list[Label]:
    """The labels of the outcome rows and groups under 三, （七）总计 excepted, in order."""
    outcomes = row_path(version, t.ROW_OUTCOME_TOTAL)[:-1]
    return [
        spec.node.label
        for path, (spec, _) in layout(version).items()
        if len(path) == len(outcomes) + 1
        and path[:-1] == outcomes
        and spec.node is not None
        and spec.node is not t.ROW_OUTCOME_TOTAL
    ]


def t3_3(version: Version) -> list[Rule]:
    """Per column: （七）总计 = the sum of every outcome leaf of the version."""
    if not rows_of(version, ApplicantCounts, TABLE):
        return []
    total = row_path(version, t.ROW_OUTCOME_TOTAL)
    leaves = outcome_leaves(version)
    citation = format_citation(
        "implied",
        "表三「三、本年度办理结果」各行与（七）总计行",
        "table III, the outcome rows under item III and row (7) Total",
    )
    rows = _outcome_rows(version)
    first, last = numbering(rows[0]), numbering(rows[-1])
    parts = Label(f"{first.zh}至{last.zh}各项办理结果", f"the outcome rows {first.en} to {last.en}")
    out = []
    for name, col in columns(ApplicantCounts):
        title, message = sum_texts(where_column(TABLE, col.label), t.ROW_OUTCOME_TOTAL.label, parts)
        out.append(
            arith(
                id=f"T3-3.{name}",
                base="T3-3",
                kind="sum",
                severity="inconsistency",
                version=version,
                table=TABLE,
                terms=terms([cell(total, name)], [(cell(p, name), 1) for p in leaves]),
                citation=citation,
                title=title,
                message=message,
            )
        )
    return out


def t3_4(version: Version) -> list[Rule]:
    """Per row: 总计 = the six applicant columns."""
    parts = [c.label for _, c in columns(ApplicantCounts) if c is not t.APPLICANT_TOTAL]
    parts_label = Label(
        "、".join(c.zh for c in parts),
        "the six applicant columns (" + ", ".join(c.en for c in parts) + ")",
    )
    return row_sums(
        version,
        base="T3-4",
        table=TABLE,
        cls=ApplicantCounts,
        total_column=t.APPLICANT_TOTAL,
        place=lambda row: where_row(TABLE, row),
        parts_label=parts_label,
        citation=format_citation(
            "implied", "表三「总计」列（申请人情况）", "table III, column Total (applicants)"
        ),
    )


def t3_7(version: Version) -> list[Rule]:
    """Across years, per column: 上年结转 of year Y = 结转下年度继续办理 of year Y−1."""
    if not rows_of(version, ApplicantCounts, TABLE):
        return []
    carried = row_path(version, t.ROW_CARRIED_OVER)
    forward = row_path(version, t.ROW_CARRIED_FORWARD)
    new_l, fwd_l = t.ROW_CARRIED_OVER.label, t.ROW_CARRIED_FORWARD.label
    out = []
    for name, col in columns(ApplicantCounts):
        place = where_column(TABLE, col.label)
        title = Label(
            f"{place.zh}：本年「{new_l.zh}」等于上一年度「{fwd_l.zh}」",
            f"{place.en}: this year's “{new_l.en}” equals last year's “{fwd_l.en}”",
        )
        message = Label(
            f"{place.zh}：本年「{new_l.zh}」为 {{actual}}，但上一年度报告「{fwd_l.zh}」为 "
            "{expected}（相差 {difference}）。",
            f"{place.en}: this year's “{new_l.en}” is {{actual}}, but last year's report gives "
            f"“{fwd_l.en}” as {{expected}} (difference {{difference}}).",
        )
        out.append(
            arith(
                id=f"T3-7.{name}",
                base="T3-7",
                kind="equality",
                severity="warning",
                version=version,
                table=TABLE,
                terms=terms([cell(carried, name, CURRENT)], [(cell(forward, name, PREVIOUS), 1)]),
                citation=series_citation(
                    "表三第二项与上年第四项", "table III, item II against last year's item IV"
                ),
                title=title,
                message=message,
                scope="series",
            )
        )
    return out
