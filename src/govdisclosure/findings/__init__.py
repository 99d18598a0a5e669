"""Findings: every problem the library reports, as data, and the registry of their ids.

A :class:`Finding` has a rule id, a severity, the RFC 6901 JSON Pointers it concerns and messages
in Chinese and English. Schema problems found while loading, arithmetic inconsistencies found by
the validator and doubts raised by the parsers all use this one shape. Every id is declared once
in :data:`FINDINGS` (:mod:`~govdisclosure.findings.registry`), published as
``schemas/findings.json``.
"""

from __future__ import annotations

from . import declared as _declared  # noqa: F401 - registers the library's finding ids
from .core import SEVERITIES, Finding, ReportError, Severity, pointer, pointer_parts
from .registry import FINDINGS, Bilingual, FindingType, declare, lookup

__all__ = [
    "FINDINGS",
    "SEVERITIES",
    "Bilingual",
    "Finding",
    "FindingType",
    "ReportError",
    "Severity",
    "declare",
    "lookup",
    "pointer",
    "pointer_parts",
]
