"""The one-cell correction that resolves the most inconsistencies: :func:`best_fix`.

For every cell bound by a failing arithmetic rule and every value that would make one of those
rules hold, the rules binding the cell are checked again with the cell changed. The fix kept is
the one that resolves the most failing rules and breaks none that held; ties go to the smaller
change. It is a suggestion, worded as one: the cell most likely to be the mistake, not a
certainty.
"""

from __future__ import annotations

import functools
from typing import Any

import attrs

from ..findings import Finding
from ..model import Report
from ..rules import ARITHMETIC, Blank, Rule, object_getter, rules
from ..template import Version

__all__ = ["Fix", "best_fix"]


@attrs.frozen(kw_only=True)
class Fix:
    """Changing :attr:`pointer` from :attr:`value` to :attr:`suggested` resolves :attr:`resolves`.

    ``failing`` is how many inconsistencies there are in all.
    """

    pointer: str
    value: int
    suggested: int
    resolves: tuple[str, ...]
    failing: int

    def message(self, lang: str = "zh") -> str:
        """「若由 42 改为 41，以上 3 条不一致将全部消除。」, or how many it resolves."""
        n = len(self.resolves)
        if lang == "zh":
            if n == self.failing:
                return f"若由 {self.value} 改为 {self.suggested}，以上 {n} 条不一致将全部消除。"
            return (
                f"若由 {self.value} 改为 {self.suggested}，"
                f"以上 {self.failing} 条不一致中的 {n} 条将消除。"
            )
        if n == self.failing:
            return (
                f"Changing it from {self.value} to {self.suggested} would resolve all "
                f"{n} of these inconsistencies."
            )
        return (
            f"Changing it from {self.value} to {self.suggested} would resolve {n} of these "
            f"{self.failing} inconsistencies."
        )

    def to_dict(self) -> dict[str, Any]:
        """A JSON-compatible dict."""
        return {
            "pointer": self.pointer,
            "value": self.value,
            "suggested": self.suggested,
            "resolves": list(self.resolves),
            "failing": self.failing,
        }


@functools.cache
def _binding(version: Version) -> dict[str, tuple[Rule, ...]]:
    out: dict[str, list[Rule]] = {}
    for r in rules(version):
        if r.kind in ARITHMETIC and r.scope == "report":
            for p in r.pointers:
                out.setdefault(p, []).append(r)
    return {p: tuple(rs) for p, rs in out.items()}


def best_fix(report: Report, findings: tuple[Finding, ...] | list[Finding]) -> Fix | None:
    """The single-cell change that resolves the most of ``findings``' inconsistencies."""
    version = report.template_version
    failing = {f.rule for f in findings if f.severity == "inconsistency" and f.checkable}
    if not failing:
        return None
    get = object_getter(report)
    binding = _binding(version)
    candidates: dict[str, set[int]] = {}
    for f in findings:
        if f.rule not in failing or not isinstance(f.difference, int):
            continue
        rule = next((r for r in rules(version) if r.id == f.rule), None)
        if rule is None:
            continue
        for term in rule.terms:
            value = get(term.pointer)
            if not isinstance(value, int) or isinstance(value, bool):
                continue
            # Moving this term by d changes actual − expected by ±weight·d.
            sign = term.weight if term.side == "actual" else -term.weight
            if f.difference % sign == 0:
                candidates.setdefault(term.pointer, set()).add(value - f.difference // sign)
    best: tuple[int, int, str, int] | None = None
    found: Fix | None = None
    for ptr, values in sorted(candidates.items()):
        current = get(ptr)
        for new in sorted(values):
            if new < 0 and ptr in _counts(version):
                continue

            def changed(p: str, ptr: str = ptr, new: int = new) -> Any:
                return new if p == ptr else get(p)

            resolved, broken = [], 0
            for r in binding.get(ptr, ()):
                before = r.id in failing
                after = r.evaluate(changed)
                fails = after is not None and after.checkable
                if before and not fails:
                    resolved.append(r.id)
                elif not before and fails and not _blank(r, get):
                    broken += 1
            if broken or not resolved:
                continue
            key = (-len(resolved), abs(new - current), ptr, new)
            if best is None or key < best:
                best = key
                found = Fix(
                    pointer=ptr,
                    value=current,
                    suggested=new,
                    resolves=tuple(resolved),
                    failing=len(failing),
                )
    return found


def _blank(rule: Rule, get: Any) -> bool:
    return any(isinstance(get(p), Blank) for p in rule.pointers)


@functools.cache
def _counts(version: Version) -> frozenset[str]:
    from ..catalogue import cells

    return frozenset(e.pointer for e in cells(version) if e.kind == "count")
