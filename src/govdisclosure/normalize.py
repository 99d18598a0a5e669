"""Normalization: the explicit, recorded clean-up of a report's blanks.

:func:`normalize` fills a blank total with the sum of its parts (from the ``sum`` rules) and
other blanks with 0, and records each change as an ``info`` finding. Validation never does
this on its own: it always sees the raw values.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ._specs import target
from .catalogue import cells
from .findings import FINDINGS, Finding
from .model import Report
from .rules import Blank, rules
from .rules.getters import field_specs, object_getter
from .rules.getters import parts as _parts
from .serialize import from_dict, to_dict
from .template import Version

__all__ = ["normalize"]


def normalize(report: Report) -> tuple[Report, tuple[Finding, ...]]:
    """Return a copy of ``report`` with its blanks made explicit, and a finding per change.

    In every table that is present and has at least one value:

    1. a blank *total* (the cell a ``sum`` rule sums into) is filled with the sum of its parts,
       but only when every part is reported, or was itself filled this way;
    2. every other blank cell becomes 0, including the cells of a blank row.

    A total whose parts are not all reported stays blank: zeros put in for blanks never feed a
    total. A table that is absent, or present with every cell blank, is left as it is. Each
    change is an ``info`` finding (``normalize.total`` or ``normalize.zero``) with its pointer.
    ``report`` is not modified. Raises :class:`~govdisclosure.ReportError` if ``report`` is
    not a valid report.
    """
    new = from_dict(to_dict(report))  # a deep copy, checked
    version = new.template_version
    get = object_getter(new)
    known: dict[str, Any] = {}
    blank: list[str] = []
    tables: dict[str, list[str]] = {}
    for entry in cells(version):
        tables.setdefault(entry.path[0], []).append(entry.pointer)
    eligible = {
        name: ptrs
        for name, ptrs in tables.items()
        if getattr(new, name) is not None and any(get(p).__class__ is not Blank for p in ptrs)
    }
    for ptrs in eligible.values():
        for p in ptrs:
            value = get(p)
            if value.__class__ is Blank:
                blank.append(p)
            else:
                known[p] = value
    sums = [r for r in rules(version) if r.kind == "sum"]
    findings: list[Finding] = []
    filled: dict[str, tuple[Any, str]] = {}
    changed = True
    while changed:
        changed = False
        candidates: dict[str, set[Any]] = {}
        source: dict[str, str] = {}
        for r in sums:
            total, parts = r.terms[0].pointer, [t.pointer for t in r.terms[1:]]
            if total in known or total not in blank:
                continue
            if all(p in known for p in parts):
                candidates.setdefault(total, set()).add(sum(known[p] for p in parts))
                source.setdefault(total, r.id)
        for total, values in candidates.items():
            if len(values) == 1:  # two rules giving two totals: leave it to validation
                (known[total],) = values
                filled[total] = (known[total], source[total])
                changed = True
    totals = {r.terms[0].pointer for r in sums}
    for p in blank:
        if p in filled:
            value, rule_id = filled[p]
            _put(new, p, value, version)
            findings.append(
                FINDINGS["normalize.total"].finding(
                    p, expected=value, values={p: value}, rule=rule_id
                )
            )
        elif p not in totals:
            zero: Any = Decimal(0) if field_specs(version)[p].kind == "amount" else 0
            _put(new, p, zero, version)
            findings.append(FINDINGS["normalize.zero"].finding(p, expected=zero, values={p: zero}))
    return new, tuple(findings)


def _put(report: Report, ptr: str, value: Any, version: Version) -> None:
    tokens, prefixes = _parts(ptr)
    obj: Any = report
    for name, at in zip(tokens[:-1], prefixes, strict=False):
        child = getattr(obj, name)
        if child is None:
            cls = target(field_specs(version)[at], version)
            assert cls is not None
            child = cls()
            setattr(obj, name, child)
        obj = child
    setattr(obj, tokens[-1], value)
