"""The finding registry: every finding id is declared once, with its severity, messages and doc.

A :class:`FindingType` is one declaration: its id, its default severity (and any other severity
it may be emitted with), a one-line doc and its message templates in Chinese and English,
Python ``str.format`` strings with named placeholders. Most ids have one wording
(``"default"``); an id emitted from two places with different wordings names each one.
:meth:`FindingType.finding` builds a :class:`~govdisclosure.findings.Finding` from the
declaration, so that a call site never spells the id's severity or message again.

The declarations are registered with :func:`declare` (see
:mod:`govdisclosure.findings.declared`); :data:`FINDINGS` maps each id to its declaration. A rule
*family* (``T3-1``, whose findings are ``T3-1.<binding>``) is declared with ``family=True`` and
covers every id below it; its wording lives with each rule in ``schemas/rules.json``.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from typing import Any

import attrs

from ..template import Label
from .core import Finding, Severity

__all__ = ["FINDINGS", "Bilingual", "FindingType", "declare", "lookup"]


def _fields(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(name for _, name, _, _ in string.Formatter().parse(text) if name))


@attrs.frozen
class Bilingual:
    """A placeholder's value in both languages: ``{name:zh}`` and ``{name:en}`` pick one."""

    zh: str
    en: str

    def __format__(self, spec: str) -> str:
        return self.en if spec == "en" else self.zh


@attrs.frozen(kw_only=True)
class FindingType:
    """The declaration of one finding id (or, with ``family``, of every id below it)."""

    id: str
    severity: Severity
    doc: str
    #: Each wording by name, ``"default"`` first: a ``(zh, en)`` pair of format templates.
    messages: Mapping[str, Label] = attrs.field(factory=dict)
    #: Other severities the id may be emitted with (a parser note that is sometimes info).
    also: tuple[Severity, ...] = ()
    #: True for a rule family: the id is ``id`` itself or starts with ``id + "."``.
    family: bool = False

    @property
    def severities(self) -> tuple[Severity, ...]:
        """Every severity the id may carry, the default first."""
        return (self.severity, *self.also)

    def placeholders(self, wording: str = "default") -> tuple[str, ...]:
        """The named fields of a wording, Chinese first then English, each once."""
        label = self.messages[wording]
        return tuple(dict.fromkeys((*_fields(label.zh), *_fields(label.en))))

    def covers(self, id: str) -> bool:
        """True when findings with this id are declared by this entry."""
        return id == self.id or (self.family and id.startswith(self.id + "."))

    def finding(
        self,
        pointers: str | tuple[str, ...] | list[str] = (),
        *,
        wording: str = "default",
        severity: Severity | None = None,
        expected: Any = None,
        actual: Any = None,
        difference: Any = None,
        values: dict[str, Any] | None = None,
        missing: tuple[str, ...] = (),
        checkable: bool = True,
        **params: Any,
    ) -> Finding:
        """A finding of this id at ``pointers``; ``params`` fill the message's placeholders.

        ``expected``, ``actual`` and ``difference`` are both recorded on the finding and
        available to the message. Raises :class:`KeyError` for a missing placeholder and
        :class:`ValueError` for a severity the declaration does not allow.
        """
        if severity is None:
            severity = self.severity
        elif severity not in self.severities:
            raise ValueError(f"{self.id} is declared {self.severities}, not {severity!r}")
        label = self.messages[wording]
        fields = {"expected": expected, "actual": actual, "difference": difference, **params}
        ptrs = (pointers,) if isinstance(pointers, str) else tuple(pointers)
        return Finding(
            rule=self.id,
            severity=severity,
            pointers=ptrs,
            message_zh=label.zh.format(**fields),
            message_en=label.en.format(**fields),
            expected=expected,
            actual=actual,
            difference=difference,
            values={} if values is None else values,
            missing=missing,
            checkable=checkable,
        )

    def to_dict(self) -> dict[str, Any]:
        """A JSON-compatible dict, as written to ``schemas/findings.json``."""
        out: dict[str, Any] = {
            "id": self.id,
            "family": self.family,
            "severity": self.severity,
            "severities": list(self.severities),
            "doc": self.doc,
            "messages": {
                name: {
                    "zh": label.zh,
                    "en": label.en,
                    "placeholders": list(self.placeholders(name)),
                }
                for name, label in self.messages.items()
            },
        }
        return out


_FINDINGS: dict[str, FindingType] = {}
#: Every declared finding id (and rule family), in declaration order (read-only view).
FINDINGS: Mapping[str, FindingType] = _FINDINGS


def declare(
    id: str,
    severity: Severity,
    doc: str,
    zh: str | None = None,
    en: str | None = None,
    *,
    also: tuple[Severity, ...] = (),
    family: bool = False,
    **wordings: Label,
) -> FindingType:
    """Register one finding id; ``zh``/``en`` are its default wording, ``wordings`` others."""
    if id in _FINDINGS:
        raise ValueError(f"finding {id!r} is already declared")
    messages: dict[str, Label] = {}
    if zh is not None and en is not None:
        messages["default"] = Label(zh, en)
    messages.update(wordings)
    entry = FindingType(
        id=id, severity=severity, doc=doc, messages=messages, also=also, family=family
    )
    _FINDINGS[id] = entry
    return entry


def lookup(id: str) -> FindingType | None:
    """The declaration that covers a finding id (exact ids first, then rule families)."""
    found = _FINDINGS.get(id)
    if found is not None:
        return found
    return next((f for f in _FINDINGS.values() if f.family and f.covers(id)), None)
