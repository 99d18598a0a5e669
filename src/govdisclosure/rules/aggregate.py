"""The rules across reports of one region: a summary against its departments (A-1, A-2)."""

from __future__ import annotations

from .. import template as t
from ..template import VERSIONS, Label
from ._build import ARTICLE_49, STATUTE
from .core import Citation, Op, Rule

__all__ = ["aggregate_rules"]


def aggregate_rules() -> list[Rule]:
    """A summary's count cells against their sums over the departments' reports."""
    citation = Citation(
        basis="heuristic",
        source=Label(
            f"{STATUTE.zh}（本级政府年度报告汇总本级各部门）",
            f"{STATUTE.en} (the government's report aggregates its departments)",
        ),
        text=ARTICLE_49,
    )
    out = []
    cases: tuple[tuple[str, Op, str, str], ...] = (
        ("A-1", "==", "等于", "equals"),
        ("A-2", ">=", "不大于", "is at most"),
    )
    for rid, op, zh, en in cases:
        title = Label(
            f"各部门报告同一单元格之和{zh}汇总报告的该单元格",
            f"The sum of a cell over the departments' reports {en} the summary's cell",
        )
        out.append(
            Rule(
                id=rid,
                base=rid,
                kind="aggregate",
                severity="warning",
                scope="aggregate",
                versions=VERSIONS,
                table=None,
                pointers=(),
                op=op,
                tables=(t.TABLE_APPLICATIONS.number, t.TABLE_REVIEW.number),
                citation=citation,
                title=title,
                message=Label(
                    "汇总报告{cell_zh}为 {actual}，各部门报告之和为 {expected}"
                    "（相差 {difference}）。",
                    "The summary gives {cell_en} as {actual}, but the departments' reports "
                    "add up to {expected} (difference {difference}).",
                ),
                unchecked=Label(
                    "无法核对汇总报告 {cell_zh}：{missing_count} 处空白（{missing}）。",
                    "Cannot check the summary's {cell_en}: {missing_count} blank ({missing}).",
                ),
            )
        )
    return out
