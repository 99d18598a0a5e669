"""Findings: every problem the library reports, as data, in one shape.

A :class:`Finding` has a rule id, a severity, the RFC 6901 JSON Pointers it concerns and messages
in Chinese and English. Schema problems found while loading, arithmetic inconsistencies found by
the validator and doubts raised by the parsers all use this one shape.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any, Literal

import attrs

__all__ = ["Finding", "ReportError", "Severity", "pointer", "pointer_parts"]

#: How serious a finding is. ``error``: the document does not fit the schema.
#: ``inconsistency``: the template's arithmetic does not hold. ``warning``: a heuristic or a
#: doubt. ``info``: a note, such as a change made by :func:`~govdisclosure.normalize`.
Severity = Literal["error", "inconsistency", "warning", "info"]

SEVERITIES: tuple[Severity, ...] = ("error", "inconsistency", "warning", "info")


def pointer(parts: Iterable[str | int]) -> str:
    """Build an RFC 6901 JSON Pointer from its reference tokens."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def pointer_parts(ptr: str) -> list[str]:
    """Split an RFC 6901 JSON Pointer into its reference tokens."""
    if not ptr:
        return []
    return [p.replace("~1", "/").replace("~0", "~") for p in ptr[1:].split("/")]


def _jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value


@attrs.frozen(kw_only=True)
class Finding:
    """One problem, doubt or note about a report.

    ``pointers`` name every location the finding concerns; the first is the main one.
    ``values`` maps a pointer to the value found there, for the cells a rule binds.
    ``missing`` lists the pointers whose value was ``None`` when that made a rule
    not checkable. ``expected`` and ``actual`` hold what a rule computed and what the report
    says; ``difference`` is ``actual - expected`` where both are numbers.
    """

    rule: str
    severity: Severity
    pointers: tuple[str, ...]
    message_zh: str
    message_en: str
    expected: Any = None
    actual: Any = None
    difference: Any = None
    values: dict[str, Any] = attrs.field(factory=dict)
    missing: tuple[str, ...] = ()
    #: ``False`` when a rule could not be checked because cells were missing.
    checkable: bool = True

    @property
    def pointer(self) -> str:
        """The main pointer: the first of :attr:`pointers`, or ``""`` for the whole document."""
        return self.pointers[0] if self.pointers else ""

    def message(self, lang: str = "en") -> str:
        """The message in ``"zh"`` or ``"en"``."""
        return self.message_zh if lang == "zh" else self.message_en

    def to_dict(self) -> dict[str, Any]:
        """A JSON-compatible dict of the finding (amounts as decimal strings)."""
        return {
            "rule": self.rule,
            "severity": self.severity,
            "pointers": list(self.pointers),
            "message_zh": self.message_zh,
            "message_en": self.message_en,
            "expected": _jsonable(self.expected),
            "actual": _jsonable(self.actual),
            "difference": _jsonable(self.difference),
            "values": _jsonable(self.values),
            "missing": list(self.missing),
            "checkable": self.checkable,
        }


class ReportError(ValueError):
    """Raised when a document is not a valid report; :attr:`findings` lists every problem."""

    def __init__(self, findings: Sequence[Finding]) -> None:
        self.findings: tuple[Finding, ...] = tuple(findings)
        first = self.findings[0].message_en if self.findings else "invalid report"
        more = len(self.findings) - 1
        at = self.findings[0].pointer if self.findings else ""
        summary = f"{at or '/'}: {first}" + (f" (and {more} more problems)" if more > 0 else "")
        super().__init__(summary)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.findings,))
