"""Hypothesis strategies for reports, for this library's property tests and for yours.

Requires the ``strategies`` extra (``pip install govdisclosure[strategies]``)::

    from hypothesis import given
    from govdisclosure.strategies import reports

    @given(reports(consistent=True))
    def test_my_tool(report): ...

Strategies are built from the model's field specs, so they follow the model as it changes.
"""

from __future__ import annotations

import datetime as _dt
import functools
import operator
from collections.abc import Callable
from decimal import Decimal
from typing import Any, TypeVar

import attrs
from hypothesis import strategies as st

from ._specs import MAX_COUNT, MAX_YEAR, MIN_YEAR, specs, target
from .findings import pointer_parts
from .model import FieldSpec, Report
from .rules import ARITHMETIC, Rule, Term, object_getter, rules
from .template import VERSIONS, Version

__all__ = ["amounts", "reports", "texts"]

T = TypeVar("T")

#: Text as reports hold it: Chinese, ASCII and full-width punctuation, and any other
#: character JSON can carry (no lone surrogates).
texts: st.SearchStrategy[str] = st.text(
    st.one_of(
        st.sampled_from("政府信息公开年度报告总体情况（一）、，。：；“”《》0123456789"),
        st.characters(exclude_categories=["Cs"]),
    ),
    max_size=40,
)


def amounts(max_digits: int = 12, max_places: int = 4) -> st.SearchStrategy[Decimal]:
    """Non-negative decimal amounts, with up to ``max_places`` decimal places kept exactly."""
    return st.builds(
        lambda n, places: Decimal(n).scaleb(-places),
        st.integers(0, 10**max_digits - 1),
        st.integers(0, max_places),
    )


_COUNTS = st.integers(0, MAX_COUNT)
_SMALL = st.integers(0, 50)


def _leaf(spec: FieldSpec) -> st.SearchStrategy[Any]:
    kind = spec.kind
    base: st.SearchStrategy[Any]
    if kind == "count":
        base = st.one_of(_SMALL, _COUNTS)
    elif kind == "signed_count":
        base = st.integers(-MAX_COUNT, MAX_COUNT)
    elif kind == "year":
        base = st.integers(MIN_YEAR, MAX_YEAR)
    elif kind == "amount":
        base = amounts()
    elif kind == "date":
        base = st.dates(_dt.date(1000, 1, 1), _dt.date(9999, 12, 31))
    elif kind == "text":
        base = st.from_regex(spec.pattern, fullmatch=True) if spec.pattern else texts
    elif kind == "choice":
        base = st.sampled_from([value for value, _ in spec.choices])
    elif kind == "text_list":
        return st.lists(texts, max_size=3)
    else:  # pragma: no cover
        raise AssertionError(kind)
    return st.one_of(st.none(), base) if spec.nullable else base


def _objects(
    cls: type[T], version: Version, special: dict[type, st.SearchStrategy[Any]]
) -> st.SearchStrategy[T]:
    if cls in special:
        return special[cls]
    fields: dict[str, st.SearchStrategy[Any]] = {}
    for name, spec in specs(cls):
        child = target(spec, version)
        s: st.SearchStrategy[Any]
        if spec.kind == "object_list":
            assert child is not None
            s = st.lists(_objects(child, version, special), max_size=3)
        elif child is not None:
            s = _objects(child, version, special)
            if spec.nullable:
                s = st.one_of(st.none(), s)
        else:
            s = _leaf(spec)
        fields[name] = s
    builder: Callable[..., T] = cls
    return st.builds(builder, **fields)


# -- Arithmetically consistent tables: leaves drawn, then the arithmetic rules settle them ----

_n = st.integers(0, 30)


@functools.cache
def _complete(cls: type[T], version: Version) -> st.SearchStrategy[T]:
    """A table object with every row present and every cell reported (small values)."""
    fields: dict[str, st.SearchStrategy[Any]] = {}
    for name, spec in specs(cls):
        child = target(spec, version)
        if child is not None:
            fields[name] = _complete(child, version)
        elif spec.kind == "count":
            fields[name] = _n
        elif spec.kind == "signed_count":
            fields[name] = st.integers(-30, 30)
        elif spec.kind == "amount":
            fields[name] = amounts()
        else:  # pragma: no cover - tables hold rows and cells only
            fields[name] = _leaf(spec)
    builder: Callable[..., T] = cls
    return st.builds(builder, **fields)


@functools.cache
def _access(ptr: str) -> tuple[Callable[[Any], Any], Callable[[Any], Any], str]:
    """Read a cell, read its row, and the cell's name: attribute getters for a pointer."""
    tokens = pointer_parts(ptr)
    parent = operator.attrgetter(".".join(tokens[:-1])) if len(tokens) > 1 else (lambda o: o)
    return operator.attrgetter(".".join(tokens)), parent, tokens[-1]


def _settle(draw: st.DrawFn, report: Report, version: Version) -> None:
    """Make every arithmetic rule of ``version`` hold, deriving cells from the rules' terms.

    The totals of the ``sum`` rules are computed from their parts; an ``equality`` splits its
    side that holds no total among those cells at random; an ``inequality`` draws its single
    bounded cell below the bound. Every rule is checked at the end.
    """
    arithmetic = [r for r in rules(version) if r.kind in ARITHMETIC]
    sums = [r for r in arithmetic if r.kind == "sum"]
    totals = {t.pointer for r in sums for t in r.terms if t.side == "actual"}

    def value(ptr: str) -> Any:
        return _access(ptr)[0](report)

    def put(ptr: str, new: Any) -> None:
        _, row, name = _access(ptr)
        setattr(row(report), name, new)

    def side(r: Rule, which: str) -> list[Term]:
        return [t for t in r.terms if t.side == which]

    def add_up(ts: list[Term]) -> Any:
        return sum(t.weight * value(t.pointer) for t in ts)

    def derive_totals() -> None:
        for _ in range(len(sums) + 1):  # totals of totals settle in a few passes
            changed = False
            for r in sums:
                (total,) = side(r, "actual")
                found = add_up(side(r, "expected"))
                if value(total.pointer) != found:
                    put(total.pointer, found)
                    changed = True
            if not changed:
                return
        raise AssertionError("the sum rules do not settle")  # pragma: no cover

    derive_totals()
    for r in (r for r in arithmetic if r.kind == "equality"):
        free = [t for t in side(r, "expected") if t.pointer not in totals and t.weight == 1]
        if not free:
            continue  # holds once its totals are derived
        fixed = [t for t in side(r, "expected") if t not in free]
        rest = add_up(side(r, "actual")) - add_up(fixed)
        for t in free[:-1]:
            share = draw(st.integers(0, max(rest, 0)))
            put(t.pointer, share)
            rest -= share
        put(free[-1].pointer, rest)
    derive_totals()
    for r in (r for r in arithmetic if r.kind == "inequality"):
        small, *others = side(r, "actual")
        bound = add_up(side(r, "expected")) - add_up(others)
        put(small.pointer, draw(st.integers(0, max(bound, 0))))
    derive_totals()
    get = object_getter(report)
    broken = [r.id for r in arithmetic if r.evaluate(get) is not None]
    assert not broken, broken  # a template whose arithmetic this cannot satisfy


@st.composite
def _consistent_report(draw: st.DrawFn, version: Version) -> Report:
    tables = {name: target(spec, version) for name, spec in specs(Report) if spec.table is not None}
    special = {cls: _complete(cls, version) for cls in tables.values() if cls is not None}
    report = draw(_reports(version, special))
    year = report.period.year
    report.period.start = _dt.date(year, 1, 1)
    report.period.end = _dt.date(year, 12, 31)
    report.source.published = draw(st.dates(_dt.date(year + 1, 1, 1), _dt.date(year + 1, 1, 31)))
    for name, cls in tables.items():
        if cls is not None and getattr(report, name) is None:
            setattr(report, name, draw(special[cls]))
    _settle(draw, report, version)
    return report


def reports(
    version: Version | None = None, *, consistent: bool = False
) -> st.SearchStrategy[Report]:
    """Reports of ``version`` (both versions when ``None``).

    By default any value the schema allows may appear: blanks, huge counts, missing tables.
    With ``consistent=True`` every table is present and complete, its leaves are drawn and the
    other cells derived from the arithmetic rules of :mod:`govdisclosure.rules` (totals from
    the ``sum`` rules, the remaining equalities and inequalities solved for their free cells),
    so that every arithmetic rule of the template holds; the period is the
    calendar year and the report is published in January of the next year.
    """
    versions = VERSIONS if version is None else (version,)
    if consistent:
        return st.one_of(*[_consistent_report(v) for v in versions])
    return st.one_of(*[_reports(v, {}) for v in versions])


def _reports(
    version: Version, special: dict[type, st.SearchStrategy[Any]]
) -> st.SearchStrategy[Report]:
    return _objects(Report, version, special).map(
        lambda r: attrs.evolve(r, template_version=version)
    )
