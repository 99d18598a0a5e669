"""What the stages record besides values: findings, and where each value was read from.

Every stage writes into one :class:`Collector`: a finding through :meth:`Collector.note` (one
pointer or none, both languages) and a value's source text through :meth:`Collector.source`.
The API wraps the sources as :class:`~govdisclosure.parse.Provenance` at the end.
"""

from __future__ import annotations

from typing import Literal

from .._document import Location
from ..findings import Finding

__all__ = ["Collector", "Severity"]

Severity = Literal["error", "warning", "info"]


class Collector:
    """The findings of one parse, in order, and the source of each value by its pointer."""

    def __init__(self) -> None:
        self.findings: list[Finding] = []
        #: pointer → (the text as printed, where it was)
        self.sources: dict[str, tuple[str, Location]] = {}

    def note(
        self,
        rule: str,
        severity: Severity,
        pointer: str,
        en: str,
        zh: str,
        actual: object = None,
    ) -> None:
        """Record a finding at ``pointer`` (none when it is empty)."""
        self.findings.append(
            Finding(
                rule=rule,
                severity=severity,
                pointers=(pointer,) if pointer else (),
                message_en=en,
                message_zh=zh,
                actual=actual,
            )
        )

    def source(self, ptr: str, raw: str, location: Location) -> None:
        """Record that the value at ``ptr`` was read from ``raw`` at ``location``."""
        self.sources[ptr] = (raw, location)
