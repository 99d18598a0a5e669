"""What the stages record besides values: findings, and where each value was read from.

Every stage writes into one :class:`Collector`: a finding through :meth:`Collector.note`, which
builds it from the id's declaration in the finding registry (its severity and its wording in
both languages, :data:`govdisclosure.findings.FINDINGS`), and a value's source text through
:meth:`Collector.source`. The API wraps the sources as
:class:`~govdisclosure.parse.Provenance` at the end.
"""

from __future__ import annotations

from typing import Any, Literal

from ..findings import FINDINGS, Bilingual, Finding
from ..readers.document import Location

__all__ = ["Bilingual", "Collector", "Severity", "finding"]

Severity = Literal["error", "warning", "info"]


def finding(
    rule: str,
    pointer: str = "",
    *,
    wording: str = "default",
    severity: Severity | None = None,
    actual: object = None,
    **params: Any,
) -> Finding:
    """The finding ``rule`` at ``pointer`` (none when empty), worded by its declaration."""
    return FINDINGS[rule].finding(
        (pointer,) if pointer else (),
        wording=wording,
        severity=severity,
        actual=actual,
        **params,
    )


class Collector:
    """The findings of one parse, in order, and the source of each value by its pointer."""

    def __init__(self) -> None:
        self.findings: list[Finding] = []
        #: pointer → (the text as printed, where it was)
        self.sources: dict[str, tuple[str, Location]] = {}

    def note(
        self,
        rule: str,
        pointer: str = "",
        *,
        wording: str = "default",
        severity: Severity | None = None,
        actual: object = None,
        **params: Any,
    ) -> None:
        """Record the finding ``rule`` at ``pointer``; ``params`` fill its declared message."""
        self.findings.append(
            finding(rule, pointer, wording=wording, severity=severity, actual=actual, **params)
        )

    def source(self, ptr: str, raw: str, location: Location) -> None:
        """Record that the value at ``ptr`` was read from ``raw`` at ``location``."""
        self.sources[ptr] = (raw, location)
