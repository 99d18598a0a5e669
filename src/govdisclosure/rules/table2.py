"""The rules of table 二 (proactive disclosure): T2-3 and T2'-3, and across years T2-2 and T2'-2.

Each builder targets the row classes of one layout of the table; a template version whose table
二 does not use those classes gets no rules from it.
"""

from __future__ import annotations

from .. import template as t
from ..model import DocumentCounts, DocumentCounts2019, FeeItems2019, ItemCounts2019
from ..template import Label, Version
from ._build import (
    arith,
    cell,
    column,
    format_citation,
    row_label,
    rows_of,
    series_citation,
    terms,
    where_row,
)
from .core import Citation, Rule
from .table3 import CURRENT, PREVIOUS

__all__ = ["t2_2", "t2_3", "t2p_2", "t2p_3"]

TABLE = t.TABLE_PROACTIVE


def _at_most(
    *,
    base: str,
    version: Version,
    cls: type,
    small: t.Column,
    large: tuple[t.Column, ...],
    citation: Citation,
    why: Label,
) -> list[Rule]:
    """Per row of class ``cls``: ``small`` ≤ Σ ``large``."""
    out = []
    small_name = column(cls, small)
    large_names = [column(cls, c) for c in large]
    large_label = Label(
        "与".join(c.label.zh for c in large), " + ".join(c.label.en.lower() for c in large)
    )
    of_sum = "之和" if len(large) > 1 else ""
    for path in rows_of(version, cls, TABLE):
        place = where_row(TABLE, row_label(version, path))
        title = Label(
            f"{place.zh}：{small.label.zh}不大于{large_label.zh}{of_sum}",
            f"{place.en}: {small.label.en.lower()} is at most {large_label.en}",
        )
        message = Label(
            f"{place.zh}：{small.label.zh} {{actual}} 大于{large_label.zh}{of_sum} {{expected}}。"
            f"{why.zh}",
            f"{place.en}: {small.label.en.lower()} ({{actual}}) exceeds {large_label.en} "
            f"({{expected}}). {why.en}",
        )
        out.append(
            arith(
                id=f"{base}.{'.'.join(path[1:])}",
                base=base,
                kind="inequality",
                severity="warning",
                version=version,
                table=TABLE,
                terms=terms([cell(path, small_name)], [(cell(path, n), 1) for n in large_names]),
                op="<=",
                citation=citation,
                title=title,
                message=message,
            )
        )
    return out


def t2_3(version: Version) -> list[Rule]:
    """Documents (``DocumentCounts`` rows): 本年制发件数 ≤ 现行有效件数 + 本年废止件数."""
    return _at_most(
        base="T2-3",
        version=version,
        cls=DocumentCounts,
        small=t.ISSUED,
        large=(t.IN_FORCE, t.REPEALED),
        citation=format_citation(
            "heuristic",
            "表二第二十条第（一）项（经验规则）",
            "table II, Article 20(1) block (heuristic)",
        ),
        why=Label(
            "本年制发的文件，应仍现行有效或已于本年废止。",
            "A document issued this year is either still in force or was repealed this year.",
        ),
    )


def t2p_3(version: Version) -> list[Rule]:
    """Documents (``DocumentCounts2019`` rows): 本年新公开数量 ≤ 对外公开总数量."""
    return _at_most(
        base="T2'-3",
        version=version,
        cls=DocumentCounts2019,
        small=t.PUBLISHED,
        large=(t.TOTAL_PUBLISHED,),
        citation=format_citation(
            "heuristic",
            f"{version}年试行格式表二第二十条第（一）项（经验规则）",
            f"{version} table II, Article 20(1) block (heuristic)",
        ),
        why=Label(
            "本年新公开的文件应计入对外公开总数量。",
            "Documents newly disclosed this year count towards the total disclosed.",
        ),
    )


def t2_2(version: Version) -> list[Rule]:
    """Across years: in force this year = in force last year + issued − repealed this year."""
    issued, repealed = column(DocumentCounts, t.ISSUED), column(DocumentCounts, t.REPEALED)
    in_force = column(DocumentCounts, t.IN_FORCE)
    force, iss, rep = t.IN_FORCE.label, t.ISSUED.label, t.REPEALED.label
    out = []
    for path in rows_of(version, DocumentCounts, TABLE):
        place = where_row(TABLE, row_label(version, path))
        title = Label(
            f"{place.zh}：本年{force.zh}等于上年{force.zh}加{iss.zh}减{rep.zh}",
            f"{place.en}: {force.en} equals last year's figure + "
            f"{iss.en.lower()} − {rep.en.lower()}",
        )
        message = Label(
            f"{place.zh}：{force.zh}为 {{actual}}，按上年数加本年制发减本年废止应为 "
            "{expected}（相差 {difference}）。",
            f"{place.en}: {force.en.lower()} is {{actual}}, but last year's figure + "
            "issued − repealed gives {expected} (difference {difference}).",
        )
        out.append(
            arith(
                id=f"T2-2.{'.'.join(path[1:])}",
                base="T2-2",
                kind="equality",
                severity="warning",
                version=version,
                table=TABLE,
                terms=terms(
                    [cell(path, in_force, CURRENT)],
                    [
                        (cell(path, in_force, PREVIOUS), 1),
                        (cell(path, issued, CURRENT), 1),
                        (cell(path, repealed, CURRENT), -1),
                    ],
                ),
                citation=series_citation("表二第二十条第（一）项", "table II, Article 20(1) block"),
                title=title,
                message=message,
                scope="series",
            )
        )
    return out


def t2p_2(version: Version) -> list[Rule]:
    """Across years: last year's matters this year = last year's matters + last year's change."""
    out = []
    prev_l, change_l = t.PREVIOUS_ITEMS.label, t.CHANGE.label
    for cls in (ItemCounts2019, FeeItems2019):
        previous, change = column(cls, t.PREVIOUS_ITEMS), column(cls, t.CHANGE)
        for path in rows_of(version, cls, TABLE):
            place = where_row(TABLE, row_label(version, path))
            title = Label(
                f"{place.zh}：本年{prev_l.zh}等于上年报告的{prev_l.zh}加{change_l.zh}",
                f"{place.en}: this year's “{prev_l.en}” equals last year's “{prev_l.en}” + "
                f"“{change_l.en}”",
            )
            message = Label(
                f"{place.zh}：{prev_l.zh}为 {{actual}}，按上年报告应为 {{expected}}"
                "（相差 {difference}）。",
                f"{place.en}: “{prev_l.en}” is {{actual}}, but last year's report gives "
                "{expected} (difference {difference}).",
            )
            out.append(
                arith(
                    id=f"T2'-2.{'.'.join(path[1:])}",
                    base="T2'-2",
                    kind="equality",
                    severity="warning",
                    version=version,
                    table=TABLE,
                    terms=terms(
                        [cell(path, previous, CURRENT)],
                        [(cell(path, previous, PREVIOUS), 1), (cell(path, change, PREVIOUS), 1)],
                    ),
                    citation=series_citation(f"{version}年试行格式表二", f"{version} table II"),
                    title=title,
                    message=message,
                    scope="series",
                )
            )
    return out
