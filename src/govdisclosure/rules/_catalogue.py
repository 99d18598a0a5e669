"""The rule catalogue: every rule of every scope and version, in one fixed order."""

from __future__ import annotations

import functools
from typing import Any

from ..findings import declare
from ..schema import SCHEMA_VERSION
from ..template import Version
from . import kinds as _kinds  # noqa: F401 - registers the rule kinds
from ._build import Builder, by_version
from .aggregate import aggregate_rules
from .core import Rule, Scope
from .report import period_rules
from .table2 import t2_2, t2_3, t2p_2, t2p_3
from .table3 import t3_1, t3_3, t3_4, t3_7
from .table4 import t4_1

__all__ = ["BUILDERS", "RULES", "RULES_VERSION", "rule", "rules", "rules_document"]

#: The version of the rule catalogue; it changes whenever a rule's id, binding or meaning does.
RULES_VERSION = "0.1.0"

#: The per-version rule builders, in catalogue order: report scope, then across years.
BUILDERS: tuple[Builder, ...] = (
    period_rules,
    t2_3,
    t2p_3,
    t3_1,
    t3_3,
    t3_4,
    t4_1,
    t3_7,
    t2_2,
    t2p_2,
)


def _build() -> tuple[Rule, ...]:
    out: list[Rule] = []
    for builder in BUILDERS:
        built = by_version(builder)
        out.extend(built)
        _declare_families(built, builder.__doc__)
    built = aggregate_rules()
    out.extend(built)
    _declare_families(built, aggregate_rules.__doc__)
    return tuple(out)


def _declare_families(built: list[Rule], doc: str | None) -> None:
    """Declare each rule family (``base``) once in the finding registry, documented by its
    builder's first docstring line."""
    line = (doc or "").strip().splitlines()[0] if doc else ""
    for base in dict.fromkeys(r.base for r in built):
        severity, *others = dict.fromkeys(r.severity for r in built if r.base == base)
        # "info": a rule with a blank cell is not checkable.
        also = tuple(dict.fromkeys((*others, "info")))
        declare(base, severity, line, also=also, family=True)


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
