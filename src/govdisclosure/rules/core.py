"""A rule as data: what it binds, what it says, and how its kind judges it.

:class:`Rule` holds everything a check needs as plain values; the judging itself belongs to the
rule's *kind*, looked up in :data:`KINDS` (see :mod:`govdisclosure.rules.kinds`), so that the
dispatch on the kind is written once, there. The helpers :func:`fire` and :func:`not_checkable`
build the two findings a kind may return.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import Any, Literal

import attrs

from ..findings import Finding, Severity
from ..template import Label, TableDoc, Version

__all__ = [
    "KINDS",
    "Blank",
    "Citation",
    "DeadlineCase",
    "Getter",
    "Rule",
    "RuleKind",
    "Term",
    "Window",
    "fire",
    "not_checkable",
    "register_kind",
]

Scope = Literal["report", "series", "aggregate"]
Basis = Literal["stated", "implied", "heuristic"]
Side = Literal["actual", "expected"]
Op = Literal["==", "<=", ">="]


class Blank:
    """What a getter returns for a blank: ``pointer`` is the blank cell, or its blank row."""

    __slots__ = ("pointer",)

    def __init__(self, pointer: str) -> None:
        self.pointer = pointer

    def __repr__(self) -> str:
        return f"Blank({self.pointer!r})"


#: Resolves a JSON Pointer to its typed value, or to a :class:`Blank`.
Getter = Callable[[str], Any]


@attrs.frozen(kw_only=True)
class Term:
    """One cell of an arithmetic rule: its pointer, its weight and the side it counts on.

    A rule holds when ``Σ weight·value`` over the ``actual`` side equals (or, for an
    inequality, is at most) the same sum over the ``expected`` side.
    """

    pointer: str
    weight: int = 1
    side: Side = "expected"

    def to_dict(self) -> dict[str, Any]:
        """A JSON-compatible dict."""
        return {"pointer": self.pointer, "weight": self.weight, "side": self.side}


def resolve(edge: tuple[int, str] | None, year: int) -> _dt.date | None:
    """The date ``year + offset``-MM-DD of a window or deadline edge."""
    if edge is None:
        return None
    offset, month_day = edge
    month, day = map(int, month_day.split("-"))
    return _dt.date(year + offset, month, day)


def edge_dict(edge: tuple[int, str] | None) -> dict[str, Any] | None:
    """An edge as JSON: ``{"year_offset", "month_day"}`` or ``None``."""
    return None if edge is None else {"year_offset": edge[0], "month_day": edge[1]}


@attrs.frozen(kw_only=True)
class Window:
    """A range of dates relative to the reporting year ``Y``, both ends inclusive.

    Each end is ``(offset, "MM-DD")``, the date ``Y + offset``-MM-DD; ``None`` leaves that
    end open.
    """

    start: tuple[int, str] | None
    end: tuple[int, str] | None

    def bounds(self, year: int) -> tuple[_dt.date | None, _dt.date | None]:
        """The window's first and last day for reporting year ``year``."""
        return resolve(self.start, year), resolve(self.end, year)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-compatible dict."""
        return {"start": edge_dict(self.start), "end": edge_dict(self.end)}


@attrs.frozen(kw_only=True)
class DeadlineCase:
    """One line of the deadline table: who it is for, and their last day to publish.

    The case matches an agency whose ``kind`` is :attr:`kind` and whose ``level`` is one of
    :attr:`levels` (``None`` in the tuple matches a level that is not reported; ``levels=None``
    matches any level). :attr:`deadline` is ``(year offset, "MM-DD")``, or ``None`` when the
    statute sets no deadline for such an agency.
    """

    kind: str
    levels: tuple[str | None, ...] | None
    deadline: tuple[int, str] | None
    who: Label

    def matches(self, kind: Any, level: Any) -> bool:
        """True when an agency of this kind and level falls under the case."""
        return kind == self.kind and (self.levels is None or level in self.levels)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-compatible dict."""
        return {
            "kind": self.kind,
            "levels": None if self.levels is None else list(self.levels),
            "deadline": edge_dict(self.deadline),
            "who": {"zh": self.who.zh, "en": self.who.en},
        }


@attrs.frozen(kw_only=True)
class Citation:
    """Where a rule comes from.

    ``basis`` follows the specification's legend: ``stated`` in an official text, ``implied``
    by the table's structure, or a ``heuristic``. ``text`` quotes the official wording, if any.
    """

    basis: Basis
    source: Label
    text: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-compatible dict."""
        return {
            "basis": self.basis,
            "source_zh": self.source.zh,
            "source_en": self.source.en,
            "text": self.text,
        }


@attrs.frozen(kw_only=True)
class RuleKind:
    """One kind of rule: how it is judged, compiled and published.

    ``evaluate(rule, values)`` is the reference semantics: the finding for the bound values
    (in :attr:`Rule.pointers` order, blanks as :class:`Blank`), or ``None`` when the rule holds.
    ``compile(rule, names, ns, index)`` returns a Python expression over the variable ``names``
    (one per pointer) that is true when the rule fails, or may raise on a blank; it may add
    helpers to the namespace ``ns``. ``None`` means the kind has no fast path (it needs several
    reports). ``to_json(rule)`` gives the kind's own keys of the rule's JSON form.
    ``weighted`` kinds carry :class:`Term` weights. ``blank_any`` says that a blank in any bound
    cell makes a rule of the kind not checkable (and nothing else does), so that the generated
    checker can tell a blank from a failure without evaluating the rule.
    """

    name: str
    doc: str
    evaluate: Callable[[Rule, Sequence[Any]], Finding | None]
    compile: Callable[[Rule, list[str], dict[str, Any], int], str] | None
    to_json: Callable[[Rule], dict[str, Any]]
    weighted: bool = False
    blank_any: bool = False


_KINDS: dict[str, RuleKind] = {}
#: Every rule kind by name, in registration order (read-only view).
KINDS: Mapping[str, RuleKind] = _KINDS


def register_kind(kind: RuleKind) -> RuleKind:
    """Declare a rule kind; its name must be new."""
    if kind.name in _KINDS:
        raise ValueError(f"rule kind {kind.name!r} is already registered")
    _KINDS[kind.name] = kind
    return kind


@attrs.frozen(kw_only=True, cache_hash=True)
class Rule:
    """One check, as data.

    ``id`` is ``base`` (the specification's rule id, such as ``T3-1``) plus a suffix naming the
    column, row or group it is bound to, such as ``T3-1.natural_person``. The id is unique within
    a template version; ``T3-3.*`` binds different outcome rows in each version, so it has one
    entry per version.

    ``pointers`` lists every cell the rule binds, in the order findings name them. For the
    arithmetic kinds, ``terms`` gives each cell's weight and side. For the date kinds the
    pointers are, in order: ``date-window`` the year and the date; ``date-order`` the earlier
    and the later date; ``deadline`` the year, the publication date, the agency's kind and its
    level. Series rules use ``/previous/…`` and ``/current/…`` pointers into a pair of reports of
    consecutive years. ``kind`` names an entry of :data:`KINDS`.
    """

    id: str
    base: str
    kind: str
    severity: Severity
    scope: Scope
    versions: tuple[Version, ...]
    table: TableDoc | None
    pointers: tuple[str, ...]
    citation: Citation
    title: Label
    message: Label
    unchecked: Label
    terms: tuple[Term, ...] = ()
    #: ``==``, ``<=`` (actual at most expected) or, for ``A-2``, ``>=``.
    op: Op = "=="
    window: Window | None = None
    cases: tuple[DeadlineCase, ...] = ()
    #: For ``aggregate`` rules: the tables whose count cells are compared.
    tables: tuple[str, ...] = ()

    def evaluate(self, get: Getter) -> Finding | None:
        """Check the rule on the values ``get`` returns; ``None`` when it holds.

        A rule with a blank cell is *not checkable*: the finding has ``checkable=False``,
        severity ``info`` and names the blank cells (or blank rows) in ``missing``.
        """
        return KINDS[self.kind].evaluate(self, [get(p) for p in self.pointers])

    def deadline_case(self, kind: Any, level: Any) -> DeadlineCase | None:
        """The deadline case for an agency of this kind and level, if one matches."""
        return next((c for c in self.cases if c.matches(kind, level)), None)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-compatible dict, as written to ``schemas/rules.json``."""
        out: dict[str, Any] = {
            "id": self.id,
            "base": self.base,
            "kind": self.kind,
            "severity": self.severity,
            "scope": self.scope,
            "versions": list(self.versions),
            "table": self.table.number if self.table else None,
            "pointers": list(self.pointers),
        }
        out.update(KINDS[self.kind].to_json(self))
        out.update(
            {
                "title_zh": self.title.zh,
                "title_en": self.title.en,
                "message_zh": self.message.zh,
                "message_en": self.message.en,
                "unchecked_zh": self.unchecked.zh,
                "unchecked_en": self.unchecked.en,
                "citation": self.citation.to_dict(),
            }
        )
        return out


# -- The two findings a kind returns -----------------------------------------------------------


def _plain(value: Any) -> Any:
    """A value as a finding records it: blanks as ``None``, dates as ISO strings."""
    if value.__class__ is Blank:
        return None
    if isinstance(value, _dt.date):
        return value.isoformat()
    return value


def _values(rule: Rule, values: Sequence[Any]) -> dict[str, Any]:
    return {p: _plain(v) for p, v in zip(rule.pointers, values, strict=True)}


def show(value: Any) -> str:
    """A value as a message prints it."""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, list):
        return " – ".join("…" if v is None else str(v) for v in value)
    return str(value)


def _signed(value: Any) -> str:
    if isinstance(value, (int, Decimal)) and value > 0:
        return f"+{show(value)}"
    return show(value)


def not_checkable(
    rule: Rule, values: Sequence[Any], at: Sequence[int] | None = None
) -> Finding | None:
    """The not-checkable finding when a value (of those at ``at``, by default all) is blank."""
    idx = range(len(values)) if at is None else at
    missing = tuple(dict.fromkeys(values[i].pointer for i in idx if values[i].__class__ is Blank))
    if not missing:
        return None
    shown = ", ".join(missing[:3]) + (", …" if len(missing) > 3 else "")
    fields = {"missing": shown, "missing_count": len(missing)}
    return Finding(
        rule=rule.id,
        severity="info",
        pointers=rule.pointers,
        message_zh=rule.unchecked.zh.format(**fields),
        message_en=rule.unchecked.en.format(**fields),
        values=_values(rule, values),
        missing=missing,
        checkable=False,
    )


def fire(
    rule: Rule, values: Sequence[Any], expected: Any, actual: Any, difference: Any, **extra: Any
) -> Finding:
    """The finding of a rule that does not hold; ``extra`` fills the message's own fields."""
    fields = {
        "expected": show(expected),
        "actual": show(actual),
        "difference": _signed(difference),
        **extra,
    }
    return Finding(
        rule=rule.id,
        severity=rule.severity,
        pointers=rule.pointers,
        message_zh=rule.message.zh.format(**fields),
        message_en=rule.message.en.format(**fields),
        expected=expected,
        actual=actual,
        difference=difference,
        values=_values(rule, values),
    )
