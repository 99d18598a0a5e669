"""Every kind of rule, declared once: its judgement, its generated fast path and its JSON form.

Each :func:`~govdisclosure.rules.core.register_kind` call below is the whole of a kind: the
reference :attr:`~govdisclosure.rules.core.RuleKind.evaluate`, the
:attr:`~govdisclosure.rules.core.RuleKind.compile` expression that
:mod:`govdisclosure.validate` inlines into its generated checker, and the keys the kind adds to
``schemas/rules.json``. Adding a kind is one more call here.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Sequence
from typing import Any

from .._specs import specs
from ..findings import Finding
from ..model import Agency
from .core import KINDS, Blank, Op, Rule, RuleKind, fire, not_checkable, register_kind, resolve

__all__ = ["ARITHMETIC", "holds"]

_ABSENT = object()


def _iso(d: _dt.date | None) -> str | None:
    return None if d is None else d.isoformat()


# -- Arithmetic: sum, equality, inequality -------------------------------------------------------


def holds(op: Op, difference: Any) -> bool:
    """Whether ``actual − expected`` satisfies ``op``."""
    if op == "<=":
        return bool(difference <= 0)
    if op == ">=":
        return bool(difference >= 0)
    return bool(difference == 0)


def _arithmetic(rule: Rule, values: Sequence[Any]) -> Finding | None:
    blank = not_checkable(rule, values)
    if blank is not None:
        return blank
    actual = expected = 0
    for term, value in zip(rule.terms, values, strict=True):
        if term.side == "actual":
            actual += term.weight * value
        else:
            expected += term.weight * value
    difference = actual - expected
    if holds(rule.op, difference):
        return None
    return fire(rule, values, expected, actual, difference)


def _linear(terms: list[tuple[int, str]]) -> str:
    if not terms:
        return "0"
    out = []
    for k, (weight, var) in enumerate(terms):
        sign = "-" if weight < 0 else "+"
        mag = abs(weight)
        term = var if mag == 1 else f"{mag} * {var}"
        out.append((f"-{term}" if sign == "-" else term) if k == 0 else f" {sign} {term}")
    return "".join(out)


def _compile_arithmetic(rule: Rule, names: list[str], ns: dict[str, Any], index: int) -> str:
    pairs = list(zip(rule.terms, names, strict=True))
    actual = [(t.weight, n) for t, n in pairs if t.side == "actual"]
    expected = [(t.weight, n) for t, n in pairs if t.side == "expected"]
    op = {"==": "!=", "<=": ">", ">=": "<"}[rule.op]
    return f"{_linear(actual)} {op} {_linear(expected)}"


def _arithmetic_json(rule: Rule) -> dict[str, Any]:
    return {"op": rule.op, "terms": [term.to_dict() for term in rule.terms]}


for _name, _doc in (
    ("sum", "a total equals the sum of its parts"),
    ("equality", "two weighted sums of cells are equal"),
    ("inequality", "a weighted sum of cells is at most another"),
):
    register_kind(
        RuleKind(
            name=_name,
            doc=_doc,
            evaluate=_arithmetic,
            compile=_compile_arithmetic,
            to_json=_arithmetic_json,
            weighted=True,
            blank_any=True,
        )
    )


# -- Dates ----------------------------------------------------------------------------------------


def _window(rule: Rule, values: Sequence[Any]) -> Finding | None:
    blank = not_checkable(rule, values)
    if blank is not None:
        return blank
    year, date = values
    assert rule.window is not None
    first, last = rule.window.bounds(year)
    if first is not None and date < first:
        difference = (date - first).days
    elif last is not None and date > last:
        difference = (date - last).days
    else:
        return None
    return fire(
        rule,
        values,
        [_iso(first), _iso(last)],
        date.isoformat(),
        difference,
        year=year,
        start=_iso(first) or "",
        end=_iso(last) or "",
    )


def _compile_window(rule: Rule, names: list[str], ns: dict[str, Any], index: int) -> str:
    year, date = names
    assert rule.window is not None
    ns.setdefault("_date", _dt.date)
    conds = []
    for edge, cmp, whole in ((rule.window.start, "<", "01-01"), (rule.window.end, ">", "12-31")):
        if edge is None:
            continue
        offset, month_day = edge
        y = f"({year} + {offset})" if offset else year
        if month_day == whole:
            conds.append(f"{date}.year {cmp} {y}")
        else:
            month, day = map(int, month_day.split("-"))
            conds.append(f"{date} {cmp} _date({y}, {month}, {day})")
    return " or ".join(conds) or "False"


register_kind(
    RuleKind(
        name="date-window",
        doc="a date lies within a window relative to the reporting year",
        evaluate=_window,
        compile=_compile_window,
        to_json=lambda rule: {} if rule.window is None else {"window": rule.window.to_dict()},
        blank_any=True,
    )
)


def _order(rule: Rule, values: Sequence[Any]) -> Finding | None:
    blank = not_checkable(rule, values)
    if blank is not None:
        return blank
    earlier, later = values
    if earlier <= later:
        return None
    return fire(rule, values, later.isoformat(), earlier.isoformat(), (earlier - later).days)


register_kind(
    RuleKind(
        name="date-order",
        doc="one date is not after another",
        evaluate=_order,
        compile=lambda rule, names, ns, index: f"{names[0]} > {names[1]}",
        to_json=lambda rule: {},
        blank_any=True,
    )
)


def _deadline(rule: Rule, values: Sequence[Any]) -> Finding | None:
    year, published, kind, level = values
    raw_kind = None if kind.__class__ is Blank else kind
    raw_level = None if level.__class__ is Blank else level
    case = rule.deadline_case(raw_kind, raw_level)
    if case is None:
        # Which deadline applies depends on a blank: the kind, or a government's level.
        return not_checkable(rule, values, [2] if raw_kind is None else [3])
    if case.deadline is None:
        return None
    blank = not_checkable(rule, values, [0, 1])
    if blank is not None:
        return blank
    last = resolve(case.deadline, year)
    assert last is not None
    if published <= last:
        return None
    return fire(
        rule,
        values,
        last.isoformat(),
        published.isoformat(),
        (published - last).days,
        who_zh=case.who.zh,
        who_en=case.who.en,
    )


def _deadline_check(rule: Rule) -> Callable[[Any, Any, Any, Any], bool]:
    """A fast test for a deadline rule: True when it holds or does not apply."""
    choices = {name: spec.choices for name, spec in specs(Agency)}
    kinds = [*(v for v, _ in choices["kind"]), None]
    levels = [*(v for v, _ in choices["level"]), None]
    table: dict[tuple[Any, Any], Any] = {}
    for kind in kinds:
        for level in levels:
            case = rule.deadline_case(kind, level)
            table[kind, level] = _ABSENT if case is None else case.deadline
    days = {
        key: (d[0], *map(int, d[1].split("-")))
        for key, d in table.items()
        if d is not None and d is not _ABSENT
    }

    def ok(year: Any, published: Any, kind: Any, level: Any) -> bool:
        found = table.get((kind, level), _ABSENT)
        if found is None:
            return True
        if found is _ABSENT or year is None or published is None:
            return False  # not checkable: flagged, and the evaluator says why
        offset, month, day = days[kind, level]
        return bool(published <= _dt.date(year + offset, month, day))

    return ok


def _compile_deadline(rule: Rule, names: list[str], ns: dict[str, Any], index: int) -> str:
    ns[f"_ok{index}"] = _deadline_check(rule)
    return f"not _ok{index}({', '.join(names)})"


register_kind(
    RuleKind(
        name="deadline",
        doc="the report is published by the deadline that applies to its agency",
        evaluate=_deadline,
        compile=_compile_deadline,
        to_json=lambda rule: {"cases": [case.to_dict() for case in rule.cases]},
    )
)


# -- Across reports -------------------------------------------------------------------------------


def _several(rule: Rule, values: Sequence[Any]) -> Finding | None:
    raise ValueError(f"rule {rule.id} of kind {rule.kind} needs several reports")


register_kind(
    RuleKind(
        name="aggregate",
        doc="each count cell of a summary against its sum over the departments' reports",
        evaluate=_several,
        compile=None,
        to_json=lambda rule: {"op": rule.op, "tables": list(rule.tables)},
    )
)

#: The kinds whose cells carry weights: ``Σ actual − Σ expected`` is compared with zero.
ARITHMETIC: frozenset[str] = frozenset(name for name, kind in KINDS.items() if kind.weighted)
