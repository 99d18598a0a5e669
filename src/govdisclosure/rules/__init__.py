"""The template's arithmetic and the report-level checks, declared as data.

Every rule has a stable id, a kind, the cells it binds (JSON Pointers, with weights for the
arithmetic kinds), a severity, a citation of the template or the statute, the template versions
it applies to and message templates in Chinese and English. The rules are built from the model's
field specs and the template declaration, never from hand-typed pointers or labels, and they are
published as ``schemas/rules.json`` so that a system in another language can run the same checks.

The package is laid out by concern: :mod:`~govdisclosure.rules.core` (a rule as data),
:mod:`~govdisclosure.rules.kinds` (the registry :data:`KINDS`: each kind's evaluator, compiled
form and JSON form), one builder module per table or scope (``table2``, ``table3``, ``table4``,
``report``, ``aggregate``) and the catalogue (:data:`RULES`). :meth:`Rule.evaluate` is the
reference semantics of one rule; :mod:`govdisclosure.validate` runs the same rules as generated
straight-line code. See ``docs/validation.md`` for the ids, the kinds and the choices made.
"""

from __future__ import annotations

from ._build import ARTICLE_49
from ._catalogue import BUILDERS, RULES, RULES_VERSION, rule, rules, rules_document
from .core import (
    KINDS,
    Blank,
    Citation,
    DeadlineCase,
    Getter,
    Rule,
    RuleKind,
    Term,
    Window,
    register_kind,
)
from .getters import object_getter
from .kinds import ARITHMETIC
from .report import DEADLINES
from .table3 import CURRENT, PREVIOUS

__all__ = [
    "ARITHMETIC",
    "ARTICLE_49",
    "BUILDERS",
    "CURRENT",
    "DEADLINES",
    "KINDS",
    "PREVIOUS",
    "RULES",
    "RULES_VERSION",
    "Blank",
    "Citation",
    "DeadlineCase",
    "Getter",
    "Rule",
    "RuleKind",
    "Term",
    "Window",
    "object_getter",
    "register_kind",
    "rule",
    "rules",
    "rules_document",
]
