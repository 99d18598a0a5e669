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
from collections.abc import Callable
from decimal import Decimal
from typing import Any, TypeVar

import attrs
from hypothesis import strategies as st

from ._specs import MAX_COUNT, MAX_YEAR, MIN_YEAR, specs, target
from .model import (
    ApplicantCounts,
    ApplicationStats,
    CaseOutcomes,
    DocumentCounts,
    DocumentCounts2019,
    FieldSpec,
    NotDisclosed,
    NotProcessed,
    OtherHandling,
    Outcomes,
    ProactiveDisclosure,
    ProactiveDisclosure2019,
    Report,
    ReviewLitigation,
    Unavailable,
)
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


# -- Arithmetically consistent tables: leaves drawn, totals derived ----------------------------

_APPLICANTS = tuple(name for name, _ in specs(ApplicantCounts) if name != "total")
_n = st.integers(0, 30)


def _row(values: dict[str, int]) -> ApplicantCounts:
    return ApplicantCounts(**values, total=sum(values.values()))


def _sum_rows(rows: list[ApplicantCounts]) -> dict[str, int]:
    return {c: sum(getattr(r, c) for r in rows) for c in _APPLICANTS}


_rows = st.builds(
    lambda vs: _row(dict(zip(_APPLICANTS, vs, strict=True))), st.tuples(*[_n] * len(_APPLICANTS))
)


def _group(cls: type[T]) -> st.SearchStrategy[T]:
    names = [name for name, _ in specs(cls)]
    builder: Callable[..., T] = cls
    return st.builds(builder, **dict.fromkeys(names, _rows))


@st.composite
def _consistent_applications(draw: st.DrawFn, version: Version) -> ApplicationStats:
    other: ApplicantCounts | OtherHandling
    other = draw(_rows) if version == "2019" else draw(_group(OtherHandling))
    outcomes = draw(
        st.builds(
            Outcomes,
            disclosed=_rows,
            partially_disclosed=_rows,
            not_disclosed=_group(NotDisclosed),
            unavailable=_group(Unavailable),
            not_processed=_group(NotProcessed),
            other_handling=st.just(other),
        )
    )
    leaves = _outcome_leaves(outcomes)
    outcomes.total = _row(_sum_rows(leaves))
    forward = draw(_rows)
    carried: dict[str, int] = {}
    new: dict[str, int] = {}
    for c in _APPLICANTS:
        handled = getattr(outcomes.total, c) + getattr(forward, c)
        carried[c] = draw(st.integers(0, handled))
        new[c] = handled - carried[c]
    return ApplicationStats(
        new_requests=_row(new),
        carried_over=_row(carried),
        outcomes=outcomes,
        carried_forward=forward,
    )


def _outcome_leaves(outcomes: Outcomes) -> list[ApplicantCounts]:
    """Every outcome row that carries values of its own, except （七）总计."""
    out: list[ApplicantCounts] = []

    def visit(obj: Any) -> None:
        if isinstance(obj, ApplicantCounts):
            out.append(obj)
        elif attrs.has(type(obj)):
            for name, _ in specs(type(obj)):
                if not (obj is outcomes and name == "total"):
                    visit(getattr(obj, name))

    visit(outcomes)
    return out


_case = st.builds(
    lambda a, b, c, d: CaseOutcomes(upheld=a, corrected=b, other=c, pending=d, total=a + b + c + d),
    _n,
    _n,
    _n,
    _n,
)
_consistent_review = st.builds(
    ReviewLitigation, review=_case, direct_suit=_case, suit_after_review=_case
)


@st.composite
def _documents_2021(draw: st.DrawFn) -> DocumentCounts:
    in_force, repealed = draw(_n), draw(_n)
    return DocumentCounts(
        issued=draw(st.integers(0, in_force + repealed)), repealed=repealed, in_force=in_force
    )


@st.composite
def _documents_2019(draw: st.DrawFn) -> DocumentCounts2019:
    published = draw(_n)
    return DocumentCounts2019(
        made=draw(_n), published=published, total_published=published + draw(_n)
    )


def _consistent_specials(version: Version) -> dict[type, st.SearchStrategy[Any]]:
    special: dict[type, st.SearchStrategy[Any]] = {
        ApplicationStats: _consistent_applications(version),
        ReviewLitigation: _consistent_review,
        DocumentCounts: _documents_2021(),
        DocumentCounts2019: _documents_2019(),
    }
    for cls in (ProactiveDisclosure, ProactiveDisclosure2019):
        # Complete tables: every row present.
        special[cls] = st.builds(
            cls,
            **{
                name: _objects(spec.cls, version, special)
                for name, spec in specs(cls)
                if spec.cls is not None
            },
        )
    return special


@st.composite
def _consistent_report(draw: st.DrawFn, version: Version) -> Report:
    special = _consistent_specials(version)
    report = draw(_reports(version, special))
    year = report.period.year
    report.period.start = _dt.date(year, 1, 1)
    report.period.end = _dt.date(year, 12, 31)
    report.source.published = draw(st.dates(_dt.date(year + 1, 1, 1), _dt.date(year + 1, 1, 31)))
    proactive = target(dict(specs(Report))["proactive_disclosure"], version)
    assert proactive is not None
    report.proactive_disclosure = draw(special[proactive])
    report.applications = draw(special[ApplicationStats])
    report.review_litigation = draw(special[ReviewLitigation])
    return report


def reports(
    version: Version | None = None, *, consistent: bool = False
) -> st.SearchStrategy[Report]:
    """Reports of ``version`` (both versions when ``None``).

    By default any value the schema allows may appear: blanks, huge counts, missing tables.
    With ``consistent=True`` every table is present and complete, its leaves are drawn and its
    totals derived, so that every arithmetic rule of the template holds; the period is the
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
