"""Properties of the validator: consistent reports pass; one changed cell fires its rules only."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govdisclosure as g
from govdisclosure.catalogue import cells
from govdisclosure.findings import pointer_parts
from govdisclosure.rules import ARITHMETIC, Rule, rules
from govdisclosure.strategies import reports
from govdisclosure.template import VERSIONS, Version
from govdisclosure.validate import _evaluate, object_getter, validate

SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CELLS = {v: [e.pointer for e in cells(v)] for v in VERSIONS}
SIGNED = {e.pointer for v in VERSIONS for e in cells(v) if e.kind == "signed_count"}


def _binding(version: Version, ptr: str) -> list[Rule]:
    return [r for r in rules(version) if ptr in r.pointers]


def _get(report: g.Report, ptr: str) -> Any:
    obj: Any = report
    for name in pointer_parts(ptr):
        obj = getattr(obj, name)
    return obj


def _set(report: g.Report, ptr: str, value: Any) -> None:
    *path, last = pointer_parts(ptr)
    obj: Any = report
    for name in path:
        obj = getattr(obj, name)
    setattr(obj, last, value)


def _known_agency(report: g.Report) -> g.Report:
    """Make the deadline rule checkable: a county department, published in January."""
    report.agency.kind, report.agency.level = "department", "county"
    return report


def _violated(rule: Rule, report: g.Report) -> bool:
    """An inequality rule, computed here from its terms, independently of the validator."""
    total = 0
    for term in rule.terms:
        value = _get(report, term.pointer)
        total += term.weight * value if term.side == "actual" else -term.weight * value
    return total > 0


@SETTINGS
@given(reports(consistent=True))
def test_a_consistent_report_has_no_findings(report: g.Report) -> None:
    result = validate(report)
    assert result.inconsistencies == ()
    assert result.ok
    # The only possible note: the deadline needs the agency's kind (and a government's level).
    unknown = report.agency.kind is None or (
        report.agency.kind == "government" and report.agency.level is None
    )
    assert [f.rule for f in result.findings] == (["R-1.deadline"] if unknown else [])
    assert all(not f.checkable for f in result.findings)


@SETTINGS
@given(reports(consistent=True), st.data())
def test_one_changed_cell_fires_exactly_the_rules_that_bind_it(
    report: g.Report, data: st.DataObject
) -> None:
    version = _known_agency(report).template_version
    present = [p for p in CELLS[version] if _get(report, p) is not None]
    ptr = data.draw(st.sampled_from(present), label="cell")
    value = _get(report, ptr)
    if isinstance(value, Decimal):
        new: Any = value + data.draw(st.integers(1, 10**6)) * Decimal("0.01")
    else:
        low = -(10**6) if ptr in SIGNED else -value  # counts stay non-negative
        new = value + data.draw(st.integers(low, 10**6).filter(bool), label="delta")
    _set(report, ptr, new)
    result = validate(report)
    binding = _binding(version, ptr)
    expected = {r.id for r in binding if r.kind in ("sum", "equality") or _violated(r, report)}
    assert {f.rule for f in result.findings} == expected
    assert all(f.checkable and ptr in f.pointers for f in result.findings)
    delta = new - value
    for f in result.findings:
        if f.rule in expected and f.severity == "inconsistency":
            term = next(t for t in _rule(version, f.rule).terms if t.pointer == ptr)
            sign = term.weight if term.side == "actual" else -term.weight
            assert f.difference == sign * delta
    if sum(1 for r in binding if r.kind in ARITHMETIC and r.op == "==") >= 2:
        assert [(s.pointer, s.correction) for s in result.suspects()] == [(ptr, -delta)]


def _rule(version: Version, rule_id: str) -> Rule:
    return next(r for r in rules(version) if r.id == rule_id)


@SETTINGS
@given(reports(consistent=True), st.data())
def test_one_blank_cell_makes_exactly_its_rules_not_checkable(
    report: g.Report, data: st.DataObject
) -> None:
    version = _known_agency(report).template_version
    present = [p for p in CELLS[version] if _get(report, p) is not None]
    ptr = data.draw(st.sampled_from(present), label="cell")
    _set(report, ptr, None)
    result = validate(report)
    assert {f.rule for f in result.findings} == {r.id for r in _binding(version, ptr)}
    for f in result.findings:
        assert (f.severity, f.checkable, f.missing) == ("info", False, (ptr,))


@SETTINGS
@given(reports())
def test_the_generated_code_agrees_with_the_rules_as_data(report: g.Report) -> None:
    """The fast path flags a superset of what the reference evaluator finds, so nothing is lost."""
    version = report.template_version
    reference = _evaluate(version, object_getter(report))
    assert list(validate(report).findings) == reference
