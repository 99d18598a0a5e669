"""The template's arithmetic and the report-level checks, declared as data.

Every rule has a stable id, a kind, the cells it binds (JSON Pointers, with weights for the
arithmetic kinds), a severity, a citation of the template or the statute, the template versions
it applies to and message templates in Chinese and English. The rules are built from the model's
field specs and the template declaration, never from hand-typed pointers or labels, and they are
published as ``schemas/rules.json`` so that a system in another language can run the same checks.

:meth:`Rule.evaluate` is the reference semantics of one rule. :mod:`govdisclosure.validate`
runs the same rules as generated straight-line code and only calls :meth:`Rule.evaluate` for
the rules that code flags. See ``docs/validation.md`` for the ids, the kinds and the choices made.
"""

from __future__ import annotations

import datetime as _dt
import functools
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import Any, Literal

import attrs

from . import template as t
from ._specs import specs, target, walk
from .findings import Finding, Severity, pointer
from .model import (
    ApplicantCounts,
    CaseOutcomes,
    DocumentCounts,
    DocumentCounts2019,
    FeeItems2019,
    FieldSpec,
    ItemCounts2019,
    Report,
)
from .schema import SCHEMA_VERSION
from .template import VERSIONS, Label, Node, TableDoc, Version

__all__ = [
    "RULES",
    "RULES_VERSION",
    "Blank",
    "Citation",
    "DeadlineCase",
    "Rule",
    "Term",
    "Window",
    "rule",
    "rules",
    "rules_document",
]

#: The version of the rule catalogue; it changes whenever a rule's id, binding or meaning does.
RULES_VERSION = "0.1.0"

Kind = Literal[
    "sum", "equality", "inequality", "date-window", "date-order", "deadline", "aggregate"
]
Scope = Literal["report", "series", "aggregate"]
Basis = Literal["stated", "implied", "heuristic"]
Side = Literal["actual", "expected"]
Op = Literal["==", "<=", ">="]

#: The kinds whose cells carry weights: ``Σ actual − Σ expected`` is compared with zero.
ARITHMETIC: frozenset[str] = frozenset({"sum", "equality", "inequality"})


class Blank:
    """What a getter returns for a blank: ``pointer`` is the blank cell, or its blank row."""

    __slots__ = ("pointer",)

    def __init__(self, pointer: str) -> None:
        self.pointer = pointer

    def __repr__(self) -> str:
        return f"Blank({self.pointer!r})"


#: Resolves a JSON Pointer to its typed value, or to a :class:`Blank`.
Getter = Callable[[str], Any]


@attrs.frozen(kw_only=True)
class Term:
    """One cell of an arithmetic rule: its pointer, its weight and the side it counts on.

    A rule holds when ``Σ weight·value`` over the ``actual`` side equals (or, for an
    inequality, is at most) the same sum over the ``expected`` side.
    """

    pointer: str
    weight: int = 1
    side: Side = "expected"

    def to_dict(self) -> dict[str, Any]:
        """A JSON-compatible dict."""
        return {"pointer": self.pointer, "weight": self.weight, "side": self.side}


@attrs.frozen(kw_only=True)
class Window:
    """A range of dates relative to the reporting year ``Y``, both ends inclusive.

    Each end is ``(offset, "MM-DD")``, the date ``Y + offset``-MM-DD; ``None`` leaves that
    end open.
    """

    start: tuple[int, str] | None
    end: tuple[int, str] | None

    def bounds(self, year: int) -> tuple[_dt.date | None, _dt.date | None]:
        """The window's first and last day for reporting year ``year``."""
        return _resolve(self.start, year), _resolve(self.end, year)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-compatible dict."""
        return {"start": _edge(self.start), "end": _edge(self.end)}


def _resolve(edge: tuple[int, str] | None, year: int) -> _dt.date | None:
    if edge is None:
        return None
    offset, month_day = edge
    month, day = map(int, month_day.split("-"))
    return _dt.date(year + offset, month, day)


def _edge(edge: tuple[int, str] | None) -> dict[str, Any] | None:
    return None if edge is None else {"year_offset": edge[0], "month_day": edge[1]}


@attrs.frozen(kw_only=True)
class DeadlineCase:
    """One line of the deadline table: who it is for, and their last day to publish.

    The case matches an agency whose ``kind`` is :attr:`kind` and whose ``level`` is one of
    :attr:`levels` (``None`` in the tuple matches a level that is not reported; ``levels=None``
    matches any level). :attr:`deadline` is ``(year offset, "MM-DD")``, or ``None`` when the
    statute sets no deadline for such an agency.
    """

    kind: str
    levels: tuple[str | None, ...] | None
    deadline: tuple[int, str] | None
    who: Label

    def matches(self, kind: Any, level: Any) -> bool:
        """True when an agency of this kind and level falls under the case."""
        return kind == self.kind and (self.levels is None or level in self.levels)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-compatible dict."""
        return {
            "kind": self.kind,
            "levels": None if self.levels is None else list(self.levels),
            "deadline": _edge(self.deadline),
            "who": {"zh": self.who.zh, "en": self.who.en},
        }


@attrs.frozen(kw_only=True)
class Citation:
    """Where a rule comes from.

    ``basis`` follows the specification's legend: ``stated`` in an official text, ``implied``
    by the table's structure, or a ``heuristic``. ``text`` quotes the official wording, if any.
    """

    basis: Basis
    source: Label
    text: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-compatible dict."""
        return {
            "basis": self.basis,
            "source_zh": self.source.zh,
            "source_en": self.source.en,
            "text": self.text,
        }


@attrs.frozen(kw_only=True, cache_hash=True)
class Rule:
    """One check, as data.

    ``id`` is ``base`` (the specification's rule id, such as ``T3-1``) plus a suffix naming the
    column, row or group it is bound to, such as ``T3-1.natural_person``. The id is unique within
    a template version; ``T3-3.*`` binds different outcome rows in 2019 and 2021, so it has one
    entry per version.

    ``pointers`` lists every cell the rule binds, in the order findings name them. For the
    arithmetic kinds, ``terms`` gives each cell's weight and side. For the date kinds the
    pointers are, in order: ``date-window`` the year and the date; ``date-order`` the earlier
    and the later date; ``deadline`` the year, the publication date, the agency's kind and its
    level. Series rules use ``/previous/…`` and ``/current/…`` pointers into a pair of reports of
    consecutive years.
    """

    id: str
    base: str
    kind: Kind
    severity: Severity
    scope: Scope
    versions: tuple[Version, ...]
    table: TableDoc | None
    pointers: tuple[str, ...]
    citation: Citation
    title: Label
    message: Label
    unchecked: Label
    terms: tuple[Term, ...] = ()
    #: ``==``, ``<=`` (actual at most expected) or, for ``A-2``, ``>=``.
    op: Op = "=="
    window: Window | None = None
    cases: tuple[DeadlineCase, ...] = ()
    #: For ``aggregate`` rules: the tables whose count cells are compared.
    tables: tuple[str, ...] = ()

    # -- Evaluation ---------------------------------------------------------------------------

    def evaluate(self, get: Getter) -> Finding | None:
        """Check the rule on the values ``get`` returns; ``None`` when it holds.

        A rule with a blank cell is *not checkable*: the finding has ``checkable=False``,
        severity ``info`` and names the blank cells (or blank rows) in ``missing``.
        """
        values = [get(p) for p in self.pointers]
        if self.kind in ARITHMETIC:
            return self._arithmetic(values)
        if self.kind == "deadline":
            return self._deadline(values)
        if self.kind == "date-window":
            return self._window(values)
        if self.kind == "date-order":
            return self._order(values)
        raise ValueError(f"rule {self.id} of kind {self.kind} needs several reports")

    def _blank(self, values: Sequence[Any], at: Sequence[int] | None = None) -> Finding | None:
        idx = range(len(values)) if at is None else at
        missing = tuple(
            dict.fromkeys(values[i].pointer for i in idx if values[i].__class__ is Blank)
        )
        if not missing:
            return None
        shown = ", ".join(missing[:3]) + (", …" if len(missing) > 3 else "")
        fields = {"missing": shown, "missing_count": len(missing)}
        return Finding(
            rule=self.id,
            severity="info",
            pointers=self.pointers,
            message_zh=self.unchecked.zh.format(**fields),
            message_en=self.unchecked.en.format(**fields),
            values=self._values(values),
            missing=missing,
            checkable=False,
        )

    def _values(self, values: Sequence[Any]) -> dict[str, Any]:
        return {p: _plain(v) for p, v in zip(self.pointers, values, strict=True)}

    def _fire(
        self, values: Sequence[Any], expected: Any, actual: Any, difference: Any, **extra: Any
    ) -> Finding:
        fields = {
            "expected": _show(expected),
            "actual": _show(actual),
            "difference": _signed(difference),
            **extra,
        }
        return Finding(
            rule=self.id,
            severity=self.severity,
            pointers=self.pointers,
            message_zh=self.message.zh.format(**fields),
            message_en=self.message.en.format(**fields),
            expected=expected,
            actual=actual,
            difference=difference,
            values=self._values(values),
        )

    def _arithmetic(self, values: Sequence[Any]) -> Finding | None:
        blank = self._blank(values)
        if blank is not None:
            return blank
        actual = expected = 0
        for term, value in zip(self.terms, values, strict=True):
            if term.side == "actual":
                actual += term.weight * value
            else:
                expected += term.weight * value
        difference = actual - expected
        if _holds(self.op, difference):
            return None
        return self._fire(values, expected, actual, difference)

    def _window(self, values: Sequence[Any]) -> Finding | None:
        blank = self._blank(values)
        if blank is not None:
            return blank
        year, date = values
        assert self.window is not None
        first, last = self.window.bounds(year)
        if first is not None and date < first:
            difference = (date - first).days
        elif last is not None and date > last:
            difference = (date - last).days
        else:
            return None
        return self._fire(
            values,
            [_iso(first), _iso(last)],
            date.isoformat(),
            difference,
            year=year,
            start=_iso(first) or "",
            end=_iso(last) or "",
        )

    def _order(self, values: Sequence[Any]) -> Finding | None:
        blank = self._blank(values)
        if blank is not None:
            return blank
        earlier, later = values
        if earlier <= later:
            return None
        return self._fire(values, later.isoformat(), earlier.isoformat(), (earlier - later).days)

    def deadline_case(self, kind: Any, level: Any) -> DeadlineCase | None:
        """The deadline case for an agency of this kind and level, if one matches."""
        return next((c for c in self.cases if c.matches(kind, level)), None)

    def _deadline(self, values: Sequence[Any]) -> Finding | None:
        year, published, kind, level = values
        raw_kind = None if kind.__class__ is Blank else kind
        raw_level = None if level.__class__ is Blank else level
        case = self.deadline_case(raw_kind, raw_level)
        if case is None:
            # Which deadline applies depends on a blank: the kind, or a government's level.
            return self._blank(values, [2] if raw_kind is None else [3])
        if case.deadline is None:
            return None
        blank = self._blank(values, [0, 1])
        if blank is not None:
            return blank
        last = _resolve(case.deadline, year)
        assert last is not None
        if published <= last:
            return None
        return self._fire(
            values,
            last.isoformat(),
            published.isoformat(),
            (published - last).days,
            who_zh=case.who.zh,
            who_en=case.who.en,
        )

    # -- Publication ----------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """A JSON-compatible dict, as written to ``schemas/rules.json``."""
        out: dict[str, Any] = {
            "id": self.id,
            "base": self.base,
            "kind": self.kind,
            "severity": self.severity,
            "scope": self.scope,
            "versions": list(self.versions),
            "table": self.table.number if self.table else None,
            "pointers": list(self.pointers),
        }
        if self.kind in ARITHMETIC:
            out["op"] = self.op
            out["terms"] = [term.to_dict() for term in self.terms]
        if self.window is not None:
            out["window"] = self.window.to_dict()
        if self.cases:
            out["cases"] = [case.to_dict() for case in self.cases]
        if self.kind == "aggregate":
            out["op"] = self.op
            out["tables"] = list(self.tables)
        out.update(
            {
                "title_zh": self.title.zh,
                "title_en": self.title.en,
                "message_zh": self.message.zh,
                "message_en": self.message.en,
                "unchecked_zh": self.unchecked.zh,
                "unchecked_en": self.unchecked.en,
                "citation": self.citation.to_dict(),
            }
        )
        return out


def _holds(op: Op, difference: Any) -> bool:
    """Whether ``actual − expected`` satisfies ``op``."""
    if op == "<=":
        return bool(difference <= 0)
    if op == ">=":
        return bool(difference >= 0)
    return bool(difference == 0)


def _plain(value: Any) -> Any:
    """A value as a finding records it: blanks as ``None``, dates as ISO strings."""
    if value.__class__ is Blank:
        return None
    if isinstance(value, _dt.date):
        return value.isoformat()
    return value


def _iso(d: _dt.date | None) -> str | None:
    return None if d is None else d.isoformat()


def _show(value: Any) -> str:
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, list):
        return " – ".join("…" if v is None else str(v) for v in value)
    return str(value)


def _signed(value: Any) -> str:
    if isinstance(value, (int, Decimal)) and value > 0:
        return f"+{_show(value)}"
    return _show(value)


# -- Citations ---------------------------------------------------------------------------------

_FORMATS = Label(
    f"《中华人民共和国政府信息公开工作年度报告格式》（{t.NOTICE_2021}；试行格式 {t.NOTICE_2019}）",
    f"Annual report format ({t.NOTICE_2021}; trial format {t.NOTICE_2019})",
)


def _format_citation(
    basis: Basis, where_zh: str, where_en: str, text: str | None = None
) -> Citation:
    return Citation(
        basis=basis,
        source=Label(f"{_FORMATS.zh}，{where_zh}", f"{_FORMATS.en}, {where_en}"),
        text=text,
    )


#: 《中华人民共和国政府信息公开条例》第四十九条, quoted from the 2019 revision.
ARTICLE_49 = (
    "县级以上人民政府部门应当在每年1月31日前向本级政府信息公开工作主管部门提交本行政机关上一年度"
    "政府信息公开工作年度报告并向社会公布。县级以上地方人民政府的政府信息公开工作主管部门应当在每年"
    "3月31日前向社会公布本级政府上一年度政府信息公开工作年度报告。"
)
_STATUTE = Label(
    "《中华人民共和国政府信息公开条例》（国务院令第711号）第四十九条",
    "Regulations on the Disclosure of Government Information (State Council Order No. 711), "
    "Article 49",
)


# -- Building blocks from the model ---------------------------------------------------------------


def _roman(table: TableDoc) -> str:
    return table.label.en.split(".", 1)[0]


def _where(table: TableDoc) -> Label:
    return Label(f"表{table.number}", f"Table {_roman(table)}")


@functools.cache
def _layout(version: Version) -> dict[tuple[str, ...], tuple[FieldSpec, tuple[FieldSpec, ...]]]:
    return {path: (spec, above) for path, spec, above in walk(Report, version)}


def _rows_of(version: Version, cls: type, under: str) -> list[tuple[str, ...]]:
    """The paths of every row object of class ``cls`` inside the table at ``/under``."""
    return [
        path
        for path, (spec, _) in _layout(version).items()
        if path[0] == under and spec.kind != "object_list" and target(spec, version) is cls
    ]


def _row_path(version: Version, node: Node) -> tuple[str, ...]:
    found = [p for p, (spec, _) in _layout(version).items() if spec.node is node]
    assert len(found) == 1, node
    return found[0]


def _column(cls: type, column: t.Column) -> str:
    names = [name for name, spec in specs(cls) if spec.column is column]
    assert len(names) == 1, column
    return names[0]


def _row_label(version: Version, path: tuple[str, ...]) -> Label:
    """The row's labels, outer groups first, without the table's 「三、本年度办理结果」 level."""
    spec, above = _layout(version)[path]
    nodes = [s.node for s in (*above, spec) if s.node is not None and s.node is not t.ROW_OUTCOMES]
    labels = [lab for n in nodes for lab in (*n.groups, n.label)]
    return Label(" › ".join(lab.zh for lab in labels), " › ".join(lab.en for lab in labels))


def _field_label(path: tuple[str, ...]) -> Label:
    return _layout("2021")[path][0].label


def _versions_of(builder: Callable[[Version], list[Rule]]) -> list[Rule]:
    """Build per version, merging rules that come out identical in both versions."""
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


def _unchecked(title: Label) -> Label:
    return Label(
        f"无法核对：{title.zh}（{{missing_count}} 处空白：{{missing}}）",
        f"Not checkable: {title.en} ({{missing_count}} blank: {{missing}})",
    )


def _terms(actual: Iterable[str], expected: Iterable[tuple[str, int]]) -> tuple[Term, ...]:
    return (
        *(Term(pointer=p, weight=1, side="actual") for p in actual),
        *(Term(pointer=p, weight=w, side="expected") for p, w in expected),
    )


def _arith(
    *,
    id: str,
    base: str,
    kind: Kind,
    severity: Severity,
    version: Version,
    table: TableDoc,
    terms: tuple[Term, ...],
    citation: Citation,
    title: Label,
    message: Label,
    #: ``==``, ``<=`` (actual at most expected) or, for ``A-2``, ``>=``.
    op: Op = "==",
    scope: Scope = "report",
) -> Rule:
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
        unchecked=_unchecked(title),
    )


def _cell(path: tuple[str, ...], name: str, prefix: str = "") -> str:
    return prefix + pointer((*path, name))


# -- Table 三 ------------------------------------------------------------------------------------

_T3 = t.TABLE_APPLICATIONS
_T3_WHERE = _where(_T3)


def _applicant_columns() -> list[tuple[str, t.Column]]:
    out = []
    for name, spec in specs(ApplicantCounts):
        assert spec.column is not None
        out.append((name, spec.column))
    return out


def _t3_1(version: Version) -> list[Rule]:
    new, carried = _row_path(version, t.ROW_NEW), _row_path(version, t.ROW_CARRIED_OVER)
    total, forward = (
        _row_path(version, t.ROW_OUTCOME_TOTAL),
        _row_path(version, t.ROW_CARRIED_FORWARD),
    )
    citation = _format_citation(
        "stated",
        "表三表头注（「第三项」以（七）总计行计）",
        "header note of table III (item III is read as its row (7) Total)",
        t.APPLICATIONS_NOTE.zh,
    )
    out = []
    for name, column in _applicant_columns():
        col = column.label
        where = Label(f"{_T3_WHERE.zh}「{col.zh}」列", f"{_T3_WHERE.en}, column “{col.en}”")
        title = Label(
            f"{where.zh}：第一项加第二项之和，等于第三项（（七）总计）加第四项之和",
            f"{where.en}: items I + II equal item III ((7) Total) + item IV",
        )
        message = Label(
            f"{where.zh}：第一项加第二项之和为 {{expected}}，第三项（（七）总计）加第四项之和为 "
            f"{{actual}}，两者不等（相差 {{difference}}）。",
            f"{where.en}: items I + II add up to {{expected}}, but item III ((7) Total) + item "
            f"IV add up to {{actual}} (difference {{difference}}); the table's note requires "
            "them to be equal.",
        )
        out.append(
            _arith(
                id=f"T3-1.{name}",
                base="T3-1",
                kind="equality",
                severity="inconsistency",
                version=version,
                table=_T3,
                terms=_terms(
                    [_cell(total, name), _cell(forward, name)],
                    [(_cell(new, name), 1), (_cell(carried, name), 1)],
                ),
                citation=citation,
                title=title,
                message=message,
            )
        )
    return out


def _outcome_leaves(version: Version) -> list[tuple[str, ...]]:
    total = _row_path(version, t.ROW_OUTCOME_TOTAL)
    outcomes = total[:-1]
    return [
        p
        for p in _rows_of(version, ApplicantCounts, outcomes[0])
        if p[: len(outcomes)] == outcomes and p != total
    ]


def _t3_3(version: Version) -> list[Rule]:
    total = _row_path(version, t.ROW_OUTCOME_TOTAL)
    leaves = _outcome_leaves(version)
    citation = _format_citation(
        "implied",
        "表三「三、本年度办理结果」各行与（七）总计行",
        "table III, the outcome rows under item III and row (7) Total",
    )
    out = []
    for name, column in _applicant_columns():
        col = column.label
        where = Label(f"{_T3_WHERE.zh}「{col.zh}」列", f"{_T3_WHERE.en}, column “{col.en}”")
        title = Label(
            f"{where.zh}：（七）总计等于（一）至（六）各项办理结果之和",
            f"{where.en}: (7) Total equals the sum of the outcome rows (1) to (6)",
        )
        message = Label(
            f"{where.zh}：（七）总计为 {{actual}}，但（一）至（六）各项办理结果之和为 {{expected}}"
            "（相差 {difference}）。",
            f"{where.en}: (7) Total is {{actual}}, but the outcome rows (1) to (6) add up to "
            "{expected} (difference {difference}).",
        )
        out.append(
            _arith(
                id=f"T3-3.{name}",
                base="T3-3",
                kind="sum",
                severity="inconsistency",
                version=version,
                table=_T3,
                terms=_terms([_cell(total, name)], [(_cell(p, name), 1) for p in leaves]),
                citation=citation,
                title=title,
                message=message,
            )
        )
    return out


def _row_sum(
    *,
    base: str,
    version: Version,
    table: TableDoc,
    path: tuple[str, ...],
    cls: type,
    total_column: t.Column,
    id_path: tuple[str, ...],
    where: Label,
    parts_label: Label,
    citation: Citation,
) -> Rule:
    total = _column(cls, total_column)
    parts = [name for name, _ in specs(cls) if name != total]
    title = Label(
        f"{where.zh}：总计等于{parts_label.zh}之和",
        f"{where.en}: Total equals the sum of {parts_label.en}",
    )
    message = Label(
        f"{where.zh}：总计为 {{actual}}，但{parts_label.zh}之和为 {{expected}}"
        "（相差 {difference}）。",
        f"{where.en}: Total is {{actual}}, but {parts_label.en} add up to {{expected}} "
        "(difference {difference}).",
    )
    return _arith(
        id=f"{base}.{'.'.join(id_path)}",
        base=base,
        kind="sum",
        severity="inconsistency",
        version=version,
        table=table,
        terms=_terms([_cell(path, total)], [(_cell(path, p), 1) for p in parts]),
        citation=citation,
        title=title,
        message=message,
    )


def _t3_4(version: Version) -> list[Rule]:
    parts = [c.label for _, c in _applicant_columns() if c is not t.APPLICANT_TOTAL]
    parts_label = Label(
        "、".join(c.zh for c in parts),
        "the six applicant columns (" + ", ".join(c.en for c in parts) + ")",
    )
    citation = _format_citation(
        "implied", "表三「总计」列（申请人情况）", "table III, column Total (applicants)"
    )
    return _row_sums(
        version,
        base="T3-4",
        table=_T3,
        cls=ApplicantCounts,
        total_column=t.APPLICANT_TOTAL,
        where=lambda row: Label(f"{_T3_WHERE.zh}「{row.zh}」行", f"{_T3_WHERE.en}, row “{row.en}”"),
        parts_label=parts_label,
        citation=citation,
    )


def _row_sums(
    version: Version,
    *,
    base: str,
    table: TableDoc,
    cls: type,
    total_column: t.Column,
    where: Callable[[Label], Label],
    parts_label: Label,
    citation: Citation,
) -> list[Rule]:
    """One ``total = Σ parts`` rule for every row of class ``cls`` in ``table``."""
    under = next(name for name, spec in specs(Report) if spec.table is table)
    return [
        _row_sum(
            base=base,
            version=version,
            table=table,
            path=path,
            cls=cls,
            total_column=total_column,
            id_path=path[1:],
            where=where(_row_label(version, path)),
            parts_label=parts_label,
            citation=citation,
        )
        for path in _rows_of(version, cls, under)
    ]


# -- Table 四 ------------------------------------------------------------------------------------

_T4 = t.TABLE_REVIEW


def _t4_1(version: Version) -> list[Rule]:
    parts = [
        s.column.label for _, s in specs(CaseOutcomes) if s.column is not t.CASE_TOTAL and s.column
    ]
    names = [c.en.lower() for c in parts]
    parts_label = Label("、".join(c.zh for c in parts), ", ".join(names[:-1]) + " and " + names[-1])
    citation = _format_citation(
        "implied", "表四各组「总计」列", "table IV, the Total column of each group"
    )
    where = _where(_T4)
    return _row_sums(
        version,
        base="T4-1",
        table=_T4,
        cls=CaseOutcomes,
        total_column=t.CASE_TOTAL,
        where=lambda group: Label(f"{where.zh}「{group.zh}」", f"{where.en}, “{group.en}”"),
        parts_label=parts_label,
        citation=citation,
    )


# -- Table 二 ------------------------------------------------------------------------------------

_T2 = t.TABLE_PROACTIVE


def _t2_at_most(
    *,
    base: str,
    version: Version,
    cls: type,
    small: t.Column,
    large: tuple[t.Column, ...],
    citation: Citation,
    why: Label,
) -> list[Rule]:
    out = []
    small_name = _column(cls, small)
    large_names = [_column(cls, c) for c in large]
    large_label = Label(
        "与".join(c.label.zh for c in large), " + ".join(c.label.en.lower() for c in large)
    )
    for path in _rows_of(version, cls, "proactive_disclosure"):
        row = _row_label(version, path)
        where = Label(f"{_where(_T2).zh}「{row.zh}」行", f"{_where(_T2).en}, row “{row.en}”")
        title = Label(
            f"{where.zh}：{small.label.zh}不大于{large_label.zh}"
            + ("之和" if len(large) > 1 else ""),
            f"{where.en}: {small.label.en.lower()} is at most {large_label.en}",
        )
        message = Label(
            f"{where.zh}：{small.label.zh} {{actual}} 大于{large_label.zh}"
            + ("之和" if len(large) > 1 else "")
            + f" {{expected}}。{why.zh}",
            f"{where.en}: {small.label.en.lower()} ({{actual}}) exceeds {large_label.en} "
            f"({{expected}}). {why.en}",
        )
        out.append(
            _arith(
                id=f"{base}.{'.'.join(path[1:])}",
                base=base,
                kind="inequality",
                severity="warning",
                version=version,
                table=_T2,
                terms=_terms([_cell(path, small_name)], [(_cell(path, n), 1) for n in large_names]),
                op="<=",
                citation=citation,
                title=title,
                message=message,
            )
        )
    return out


def _t2_3(version: Version) -> list[Rule]:
    if version != "2021":
        return []
    return _t2_at_most(
        base="T2-3",
        version=version,
        cls=DocumentCounts,
        small=t.ISSUED,
        large=(t.IN_FORCE, t.REPEALED),
        citation=_format_citation(
            "heuristic",
            "表二第二十条第（一）项（经验规则）",
            "table II, Article 20(1) block (heuristic)",
        ),
        why=Label(
            "本年制发的文件，应仍现行有效或已于本年废止。",
            "A document issued this year is either still in force or was repealed this year.",
        ),
    )


def _t2p_3(version: Version) -> list[Rule]:
    if version != "2019":
        return []
    return _t2_at_most(
        base="T2'-3",
        version=version,
        cls=DocumentCounts2019,
        small=t.PUBLISHED,
        large=(t.TOTAL_PUBLISHED,),
        citation=_format_citation(
            "heuristic",
            "2019年试行格式表二第二十条第（一）项（经验规则）",
            "2019 table II, Article 20(1) block (heuristic)",
        ),
        why=Label(
            "本年新公开的文件应计入对外公开总数量。",
            "Documents newly disclosed this year count towards the total disclosed.",
        ),
    )


# -- Report level ----------------------------------------------------------------------------------

_YEAR, _START, _END = ("period", "year"), ("period", "start"), ("period", "end")
_PUBLISHED = ("source", "published")
_KIND, _LEVEL = ("agency", "kind"), ("agency", "level")

_DEPARTMENT = Label(
    "县级以上人民政府部门", "a department of a people's government at county level or above"
)
_GOVERNMENT = Label(
    "县级以上地方人民政府", "the report of a local people's government at county level or above"
)
_NO_DEADLINE = Label("无法定期限", "no statutory deadline")

#: The deadline table of 条例 第四十九条, first match wins. Departments exist at county level
#: and above, so a department whose level is not reported falls under the 1-31 deadline.
DEADLINES: tuple[DeadlineCase, ...] = (
    DeadlineCase(
        kind="department",
        levels=(None, "central", "provincial", "prefectural", "county"),
        deadline=(1, "01-31"),
        who=_DEPARTMENT,
    ),
    DeadlineCase(kind="department", levels=("township",), deadline=None, who=_NO_DEADLINE),
    DeadlineCase(
        kind="government",
        levels=("provincial", "prefectural", "county"),
        deadline=(1, "03-31"),
        who=_GOVERNMENT,
    ),
    DeadlineCase(
        kind="government", levels=("central", "township"), deadline=None, who=_NO_DEADLINE
    ),
    DeadlineCase(kind="other", levels=None, deadline=None, who=_NO_DEADLINE),
)


def _report_rules(version: Version) -> list[Rule]:
    year_l, start_l, end_l = _field_label(_YEAR), _field_label(_START), _field_label(_END)
    published_l = _field_label(_PUBLISHED)
    period_citation = Citation(
        basis="stated",
        source=Label(
            f"{_STATUTE.zh}（报告期为上一年度，即公历年）",
            f"{_STATUTE.en} (the report covers the previous calendar year)",
        ),
        text=ARTICLE_49,
    )
    common: dict[str, Any] = {
        "severity": "inconsistency",
        "scope": "report",
        "versions": (version,),
        "table": None,
    }
    out = []
    for base_id, path, label in (("period-start", _START, start_l), ("period-end", _END, end_l)):
        title = Label(
            f"{label.zh}在{year_l.zh}之内",
            f"The {label.en.lower()} lies within the {year_l.en.lower()}",
        )
        out.append(
            Rule(
                id=f"R-1.{base_id}",
                base="R-1",
                kind="date-window",
                pointers=(pointer(_YEAR), pointer(path)),
                window=Window(start=(0, "01-01"), end=(0, "12-31")),
                citation=period_citation,
                title=title,
                message=Label(
                    f"{label.zh} {{actual}} 不在{year_l.zh} {{year}} 年"
                    "（{start} 至 {end}）之内。",
                    f"The {label.en.lower()} {{actual}} is not within the {year_l.en.lower()} "
                    "{year} ({start} to {end}).",
                ),
                unchecked=_unchecked(title),
                **common,
            )
        )
    title = Label(
        f"{start_l.zh}不晚于{end_l.zh}",
        f"The {start_l.en.lower()} is not after the {end_l.en.lower()}",
    )
    out.append(
        Rule(
            id="R-1.period-order",
            base="R-1",
            kind="date-order",
            pointers=(pointer(_START), pointer(_END)),
            citation=period_citation,
            title=title,
            message=Label(
                f"{start_l.zh} {{actual}} 晚于{end_l.zh} {{expected}}。",
                f"The {start_l.en.lower()} {{actual}} is after the "
                f"{end_l.en.lower()} {{expected}}.",
            ),
            unchecked=_unchecked(title),
            **common,
        )
    )
    title = Label(
        f"{published_l.zh}在{year_l.zh}结束之后",
        f"The {published_l.en.lower()} is after the {year_l.en.lower()}",
    )
    out.append(
        Rule(
            id="R-1.published",
            base="R-1",
            kind="date-window",
            pointers=(pointer(_YEAR), pointer(_PUBLISHED)),
            window=Window(start=(1, "01-01"), end=None),
            citation=period_citation,
            title=title,
            message=Label(
                f"{published_l.zh} {{actual}} 早于{year_l.zh} {{year}} 年结束"
                "（应不早于 {start}）。",
                f"The {published_l.en.lower()} {{actual}} is before the end of the "
                f"{year_l.en.lower()} {{year}} (expected {{start}} or later).",
            ),
            unchecked=_unchecked(title),
            **common,
        )
    )
    title = Label(
        f"{published_l.zh}不晚于条例第四十九条规定的期限",
        "The report is published by the deadline of Article 49",
    )
    out.append(
        Rule(
            id="R-1.deadline",
            base="R-1",
            kind="deadline",
            pointers=(pointer(_YEAR), pointer(_PUBLISHED), pointer(_KIND), pointer(_LEVEL)),
            cases=DEADLINES,
            citation=Citation(basis="stated", source=_STATUTE, text=ARTICLE_49),
            title=title,
            message=Label(
                f"{published_l.zh} {{actual}} 晚于{{who_zh}}的法定公布期限 {{expected}}"
                "（逾期 {difference} 天）。",
                "Published {actual}, after the statutory deadline {expected} for "
                "{who_en} ({difference} days late).",
            ),
            unchecked=_unchecked(title),
            **{**common, "severity": "warning"},
        )
    )
    return out


# -- Across reports ----------------------------------------------------------------------------

PREVIOUS, CURRENT = "/previous", "/current"


def _series_citation(where_zh: str, where_en: str) -> Citation:
    return _format_citation(
        "heuristic", f"{where_zh}（跨年度经验规则）", f"{where_en} (cross-year heuristic)"
    )


def _t3_7(version: Version) -> list[Rule]:
    carried, forward = (
        _row_path(version, t.ROW_CARRIED_OVER),
        _row_path(version, t.ROW_CARRIED_FORWARD),
    )
    new_l = t.ROW_CARRIED_OVER.label
    fwd_l = t.ROW_CARRIED_FORWARD.label
    out = []
    for name, column in _applicant_columns():
        col = column.label
        where = Label(f"{_T3_WHERE.zh}「{col.zh}」列", f"{_T3_WHERE.en}, column “{col.en}”")
        title = Label(
            f"{where.zh}：本年「{new_l.zh}」等于上一年度「{fwd_l.zh}」",
            f"{where.en}: this year's “{new_l.en}” equals last year's “{fwd_l.en}”",
        )
        message = Label(
            f"{where.zh}：本年「{new_l.zh}」为 {{actual}}，但上一年度报告「{fwd_l.zh}」为 "
            "{expected}（相差 {difference}）。",
            f"{where.en}: this year's “{new_l.en}” is {{actual}}, but last year's report gives "
            f"“{fwd_l.en}” as {{expected}} (difference {{difference}}).",
        )
        out.append(
            _arith(
                id=f"T3-7.{name}",
                base="T3-7",
                kind="equality",
                severity="warning",
                version=version,
                table=_T3,
                terms=_terms(
                    [_cell(carried, name, CURRENT)], [(_cell(forward, name, PREVIOUS), 1)]
                ),
                citation=_series_citation(
                    "表三第二项与上年第四项", "table III, item II against last year's item IV"
                ),
                title=title,
                message=message,
                scope="series",
            )
        )
    return out


def _t2_2(version: Version) -> list[Rule]:
    """2021 table 二: in force this year = in force last year + issued − repealed this year."""
    if version != "2021":
        return []
    issued, repealed = _column(DocumentCounts, t.ISSUED), _column(DocumentCounts, t.REPEALED)
    in_force = _column(DocumentCounts, t.IN_FORCE)
    out = []
    for path in _rows_of(version, DocumentCounts, "proactive_disclosure"):
        row = _row_label(version, path)
        where = Label(f"{_where(_T2).zh}「{row.zh}」行", f"{_where(_T2).en}, row “{row.en}”")
        title = Label(
            f"{where.zh}：本年{t.IN_FORCE.label.zh}等于上年{t.IN_FORCE.label.zh}加"
            f"{t.ISSUED.label.zh}减{t.REPEALED.label.zh}",
            f"{where.en}: {t.IN_FORCE.label.en} equals last year's figure + "
            f"{t.ISSUED.label.en.lower()} − {t.REPEALED.label.en.lower()}",
        )
        message = Label(
            f"{where.zh}：{t.IN_FORCE.label.zh}为 {{actual}}，按上年数加本年制发减本年废止应为 "
            "{expected}（相差 {difference}）。",
            f"{where.en}: {t.IN_FORCE.label.en.lower()} is {{actual}}, but last year's figure + "
            "issued − repealed gives {expected} (difference {difference}).",
        )
        out.append(
            _arith(
                id=f"T2-2.{'.'.join(path[1:])}",
                base="T2-2",
                kind="equality",
                severity="warning",
                version=version,
                table=_T2,
                terms=_terms(
                    [_cell(path, in_force, CURRENT)],
                    [
                        (_cell(path, in_force, PREVIOUS), 1),
                        (_cell(path, issued, CURRENT), 1),
                        (_cell(path, repealed, CURRENT), -1),
                    ],
                ),
                citation=_series_citation(
                    "表二第二十条第（一）项", "table II, Article 20(1) block"
                ),
                title=title,
                message=message,
                scope="series",
            )
        )
    return out


def _t2p_2(version: Version) -> list[Rule]:
    """2019 table 二: last year's items next year = last year's items + this year's change."""
    if version != "2019":
        return []
    out = []
    for cls in (ItemCounts2019, FeeItems2019):
        previous, change = _column(cls, t.PREVIOUS_ITEMS), _column(cls, t.CHANGE)
        for path in _rows_of(version, cls, "proactive_disclosure"):
            row = _row_label(version, path)
            where = Label(f"{_where(_T2).zh}「{row.zh}」行", f"{_where(_T2).en}, row “{row.en}”")
            prev_l, change_l = t.PREVIOUS_ITEMS.label, t.CHANGE.label
            title = Label(
                f"{where.zh}：本年{prev_l.zh}等于上年报告的{prev_l.zh}加{change_l.zh}",
                f"{where.en}: this year's “{prev_l.en}” equals last year's “{prev_l.en}” + "
                f"“{change_l.en}”",
            )
            message = Label(
                f"{where.zh}：{prev_l.zh}为 {{actual}}，按上年报告应为 {{expected}}"
                "（相差 {difference}）。",
                f"{where.en}: “{prev_l.en}” is {{actual}}, but last year's report gives "
                "{expected} (difference {difference}).",
            )
            out.append(
                _arith(
                    id=f"T2'-2.{'.'.join(path[1:])}",
                    base="T2'-2",
                    kind="equality",
                    severity="warning",
                    version=version,
                    table=_T2,
                    terms=_terms(
                        [_cell(path, previous, CURRENT)],
                        [(_cell(path, previous, PREVIOUS), 1), (_cell(path, change, PREVIOUS), 1)],
                    ),
                    citation=_series_citation("2019年试行格式表二", "2019 table II"),
                    title=title,
                    message=message,
                    scope="series",
                )
            )
    return out


def _aggregate_rules() -> list[Rule]:
    citation = Citation(
        basis="heuristic",
        source=Label(
            f"{_STATUTE.zh}（本级政府年度报告汇总本级各部门）",
            f"{_STATUTE.en} (the government's report aggregates its departments)",
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


def _build() -> tuple[Rule, ...]:
    out: list[Rule] = []
    for builder in (_report_rules, _t2_3, _t2p_3, _t3_1, _t3_3, _t3_4, _t4_1, _t3_7, _t2_2, _t2p_2):
        out.extend(_versions_of(builder))
    out.extend(_aggregate_rules())
    return tuple(out)


#: Every rule of every scope and version, in catalogue order.
RULES: tuple[Rule, ...] = _build()


@functools.cache
def rules(version: Version, scope: Scope = "report") -> tuple[Rule, ...]:
    """The rules of ``scope`` that apply to reports of ``version``, in catalogue order."""
    return tuple(r for r in RULES if version in r.versions and r.scope == scope)


def rule(id: str, version: Version | None = None) -> Rule:
    """The rule with this id (for ``version``, when the binding differs by version)."""
    for r in RULES:
        if r.id == id and (version is None or version in r.versions):
            return r
    raise KeyError(id)


def rules_document() -> dict[str, Any]:
    """The rule catalogue as written to ``schemas/rules.json``."""
    return {
        "description": (
            "Rule catalogue of govdisclosure: the arithmetic of the national report format and the "
            "report-level checks, as data. Run the rules whose `versions` include the report's "
            "template_version and whose `scope` is `report`; `series` rules compare two reports "
            "of one agency for consecutive years (pointers under /previous and /current); "
            "`aggregate` rules compare each count cell of the listed tables in a summary (actual) "
            "with its sum over the departments' reports (expected). An arithmetic rule (kind "
            "sum, equality or inequality) holds when Σ weight·value over the terms on the "
            "`actual` side equals (op ==), is at most (op <=) or is at least (op >=) the same "
            "sum over the `expected` side; a rule with a null cell is not checkable. Messages "
            "are Python str.format templates; see docs/validation.md for their fields."
        ),
        "schema_version": SCHEMA_VERSION,
        "rules_version": RULES_VERSION,
        "rules": [r.to_dict() for r in RULES],
    }
