"""The finding catalogue: every declared finding id, as written to ``schemas/findings.json``."""

from __future__ import annotations

from typing import Any

from ..rules import RULES
from ..schema import SCHEMA_VERSION
from .registry import FINDINGS

__all__ = ["findings_document"]


def findings_document() -> dict[str, Any]:
    """The registry of finding ids as a JSON-compatible dict: the library's ids in declaration
    order, then the rule families in catalogue order (whatever the order of imports)."""
    bases = list(dict.fromkeys(r.base for r in RULES))  # building RULES declares the families
    plain = [f for f in FINDINGS.values() if not f.family]
    families = sorted((f for f in FINDINGS.values() if f.family), key=lambda f: bases.index(f.id))
    return {
        "description": (
            "Finding catalogue of govdisclosure: every finding id the library can emit, with its "
            "severity (and any other it may carry), a one-line doc and its message templates "
            "(Python str.format, zh and en, with their named placeholders). An entry with "
            "`family: true` is a rule family: it covers the id itself and every id below it "
            "(`T3-1.natural_person`); the rules' own wordings are in rules.json."
        ),
        "schema_version": SCHEMA_VERSION,
        "findings": [f.to_dict() for f in (*plain, *families)],
    }
