"""The building blocks of the rule builders: the model's layout, labels, citations and phrases.

Everything a builder binds comes from the model's field specs (:mod:`govdisclosure._specs`) and
the template declaration: pointers are never typed by hand, a label is always the template's,
and which template versions a rule applies to follows from which versions' reports hold the
classes the builder targets. The message phrases shared by the kinds (``where``, the
not-checkable sentence, a total and its parts) are composed here, once.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable

import attrs

from .. import template as t
from .._specs import specs, target, walk
from ..findings import Severity, pointer
from ..model import FieldSpec, Report
from ..template import TEMPLATES, VERSIONS, Label, Node, TableDoc, Version
from .core import Basis, Citation, Op, Rule, Scope, Term

#: Builds the rules of one family for one template version (none when the version lacks the
#: classes the family binds).
Builder = Callable[[Version], list[Rule]]

# -- Citations ---------------------------------------------------------------------------------


def _formats() -> Label:
    """The national format, citing every version's notice, the current one first."""
    newest, *older = (TEMPLATES[v].notice for v in reversed(VERSIONS))
    zh = "；".join([newest, *(f"试行格式 {n}" for n in older)])
    en = "; ".join([newest, *(f"trial format {n}" for n in older)])
    return Label(
        f"《中华人民共和国政府信息公开工作年度报告格式》（{zh}）", f"Annual report format ({en})"
    )


FORMATS = _formats()


def format_citation(
    basis: Basis, where_zh: str, where_en: str, text: str | None = None
) -> Citation:
    """A citation of a place in the national format."""
    return Citation(
        basis=basis,
        source=Label(f"{FORMATS.zh}，{where_zh}", f"{FORMATS.en}, {where_en}"),
        text=text,
    )


def series_citation(where_zh: str, where_en: str) -> Citation:
    """A citation of a cross-year heuristic on a place in the format."""
    return format_citation(
        "heuristic", f"{where_zh}（跨年度经验规则）", f"{where_en} (cross-year heuristic)"
    )


#: 《中华人民共和国政府信息公开条例》第四十九条, quoted from the 2019 revision.
ARTICLE_49 = (
    "县级以上人民政府部门应当在每年1月31日前向本级政府信息公开工作主管部门提交本行政机关上一年度"
    "政府信息公开工作年度报告并向社会公布。县级以上地方人民政府的政府信息公开工作主管部门应当在每年"
    "3月31日前向社会公布本级政府上一年度政府信息公开工作年度报告。"
)
STATUTE = Label(
    "《中华人民共和国政府信息公开条例》（国务院令第711号）第四十九条",
    "Regulations on the Disclosure of Government Information (State Council Order No. 711), "
    "Article 49",
)

# -- The model's layout ------------------------------------------------------------------------


def roman(table: TableDoc) -> str:
    """The table's section number in Roman numerals (``III``)."""
    return table.label.en.split(".", 1)[0]


def where(table: TableDoc) -> Label:
    """「表三」 / “Table III”."""
    return Label(f"表{table.number}", f"Table {roman(table)}")


def where_row(table: TableDoc, row: Label) -> Label:
    """「表三「…」行」 / “Table III, row “…””."""
    w = where(table)
    return Label(f"{w.zh}「{row.zh}」行", f"{w.en}, row “{row.en}”")


def where_column(table: TableDoc, column: Label) -> Label:
    """「表三「…」列」 / “Table III, column “…””."""
    w = where(table)
    return Label(f"{w.zh}「{column.zh}」列", f"{w.en}, column “{column.en}”")


@functools.cache
def layout(version: Version) -> dict[tuple[str, ...], tuple[FieldSpec, tuple[FieldSpec, ...]]]:
    """Every field path of a ``version`` report, with its spec and its ancestors' specs."""
    return {path: (spec, above) for path, spec, above in walk(Report, version)}


def under(table: TableDoc) -> str:
    """The name of the report field that holds ``table``."""
    return next(name for name, spec in specs(Report) if spec.table is table)


def rows_of(version: Version, cls: type, table: TableDoc) -> list[tuple[str, ...]]:
    """The paths of every row object of class ``cls`` inside ``table``; none if ``version``
    does not use the class there."""
    top = under(table)
    return [
        path
        for path, (spec, _) in layout(version).items()
        if path[0] == top and spec.kind != "object_list" and target(spec, version) is cls
    ]


def row_path(version: Version, node: Node) -> tuple[str, ...]:
    """The path of the one row declared by ``node``."""
    found = [p for p, (spec, _) in layout(version).items() if spec.node is node]
    assert len(found) == 1, node
    return found[0]


def column(cls: type, col: t.Column) -> str:
    """The attribute name of column ``col`` in row class ``cls``."""
    names = [name for name, spec in specs(cls) if spec.column is col]
    assert len(names) == 1, col
    return names[0]


def columns(cls: type) -> list[tuple[str, t.Column]]:
    """The ``(name, column)`` pairs of a row class."""
    out = []
    for name, spec in specs(cls):
        assert spec.column is not None
        out.append((name, spec.column))
    return out


def row_label(version: Version, path: tuple[str, ...]) -> Label:
    """The row's labels, outer groups first, without the table's 「三、本年度办理结果」 level."""
    spec, above = layout(version)[path]
    nodes = [s.node for s in (*above, spec) if s.node is not None and s.node is not t.ROW_OUTCOMES]
    labels = [lab for n in nodes for lab in (*n.groups, n.label)]
    return Label(" › ".join(lab.zh for lab in labels), " › ".join(lab.en for lab in labels))


def field_label(path: tuple[str, ...]) -> Label:
    """The label of a narrative field, as the current version declares it."""
    return layout(VERSIONS[-1])[path][0].label


def cell(path: tuple[str, ...], name: str, prefix: str = "") -> str:
    """The pointer of column ``name`` of the row at ``path`` (under ``prefix``)."""
    return prefix + pointer((*path, name))


# -- Phrases -----------------------------------------------------------------------------------

_NUMBER_ZH = re.compile(r"（[一二三四五六七八九十]+）|[一二三四五六七八九十]+(?=、)")
_NUMBER_EN = re.compile(r"\(\d+\)|[IVX]+(?=\.)")


def numbering(label: Label) -> Label:
    """The item number a row label starts with: 「一」 and “I” of 「一、…」, 「（一）」 and “(1)”
    of 「（一）…」."""
    zh, en = _NUMBER_ZH.match(label.zh), _NUMBER_EN.match(label.en)
    assert zh is not None, label
    assert en is not None, label
    return Label(zh.group(), en.group())


def unchecked(title: Label) -> Label:
    """The not-checkable message of a rule with this title."""
    return Label(
        f"无法核对：{title.zh}（{{missing_count}} 处空白：{{missing}}）",
        f"Not checkable: {title.en} ({{missing_count}} blank: {{missing}})",
    )


def sum_texts(place: Label, total: Label, parts: Label) -> tuple[Label, Label]:
    """Title and message of ``total = Σ parts`` at ``place``."""
    title = Label(
        f"{place.zh}：{total.zh}等于{parts.zh}之和",
        f"{place.en}: {total.en} equals the sum of {parts.en}",
    )
    message = Label(
        f"{place.zh}：{total.zh}为 {{actual}}，但{parts.zh}之和为 {{expected}}"
        "（相差 {difference}）。",
        f"{place.en}: {total.en} is {{actual}}, but {parts.en} add up to {{expected}} "
        "(difference {difference}).",
    )
    return title, message


# -- Rules -------------------------------------------------------------------------------------


def terms(actual: Iterable[str], expected: Iterable[tuple[str, int]]) -> tuple[Term, ...]:
    """Weight-1 actual terms, then weighted expected terms."""
    return (
        *(Term(pointer=p, weight=1, side="actual") for p in actual),
        *(Term(pointer=p, weight=w, side="expected") for p, w in expected),
    )


def arith(
    *,
    id: str,
    base: str,
    kind: str,
    severity: Severity,
    version: Version,
    table: TableDoc,
    terms: tuple[Term, ...],
    citation: Citation,
    title: Label,
    message: Label,
    op: Op = "==",
    scope: Scope = "report",
) -> Rule:
    """An arithmetic rule for one version; it binds its terms' pointers."""
    return Rule(
        id=id,
        base=base,
        kind=kind,
        severity=severity,
        scope=scope,
        versions=(version,),
        table=table,
        pointers=tuple(term.pointer for term in terms),
        terms=terms,
        op=op,
        citation=citation,
        title=title,
        message=message,
        unchecked=unchecked(title),
    )


def row_sums(
    version: Version,
    *,
    base: str,
    table: TableDoc,
    cls: type,
    total_column: t.Column,
    place: Callable[[Label], Label],
    parts_label: Label,
    citation: Citation,
) -> list[Rule]:
    """One ``总计 = Σ parts`` rule for every row of class ``cls`` in ``table``."""
    total = column(cls, total_column)
    parts = [name for name, _ in specs(cls) if name != total]
    out = []
    for path in rows_of(version, cls, table):
        title, message = sum_texts(place(row_label(version, path)), total_column.label, parts_label)
        out.append(
            arith(
                id=f"{base}.{'.'.join(path[1:])}",
                base=base,
                kind="sum",
                severity="inconsistency",
                version=version,
                table=table,
                terms=terms([cell(path, total)], [(cell(path, p), 1) for p in parts]),
                citation=citation,
                title=title,
                message=message,
            )
        )
    return out


def by_version(builder: Builder) -> list[Rule]:
    """Build for every version, merging rules that come out identical in several versions."""
    merged: dict[str, list[Rule]] = {}
    for version in VERSIONS:
        for r in builder(version):
            same = [
                o for o in merged.setdefault(r.id, []) if attrs.evolve(o, versions=r.versions) == r
            ]
            if same:
                old = same[0]
                merged[r.id][merged[r.id].index(old)] = attrs.evolve(
                    old, versions=(*old.versions, version)
                )
            else:
                merged[r.id].append(r)
    return [r for group in merged.values() for r in group]
