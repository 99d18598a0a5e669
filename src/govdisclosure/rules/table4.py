"""The rules of table 四 (administrative reconsideration and litigation): T4-1."""

from __future__ import annotations

from .. import template as t
from .._specs import specs
from ..model import CaseOutcomes
from ..template import Label, Version
from ._build import format_citation, row_sums, where
from .core import Rule

__all__ = ["t4_1"]

TABLE = t.TABLE_REVIEW


def t4_1(version: Version) -> list[Rule]:
    """Per group: 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结."""
    parts = [
        s.column.label for _, s in specs(CaseOutcomes) if s.column is not t.CASE_TOTAL and s.column
    ]
    names = [c.en.lower() for c in parts]
    parts_label = Label("、".join(c.zh for c in parts), ", ".join(names[:-1]) + " and " + names[-1])
    table = where(TABLE)
    return row_sums(
        version,
        base="T4-1",
        table=TABLE,
        cls=CaseOutcomes,
        total_column=t.CASE_TOTAL,
        place=lambda group: Label(f"{table.zh}「{group.zh}」", f"{table.en}, “{group.en}”"),
        parts_label=parts_label,
        citation=format_citation(
            "implied", "表四各组「总计」列", "table IV, the Total column of each group"
        ),
    )
