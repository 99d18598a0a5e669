"""msgspec Structs and pydantic v2 models equivalent to the govdisclosure model.

Both are generated from the model's field specs (:func:`govdisclosure._specs.specs` and
:func:`~govdisclosure._specs.target`), so they follow the model as it changes. They are as strict
as each library allows:

* every key is required (``null`` spells "not reported"), unknown keys are rejected;
* counts, signed counts and years are integers (never bools, strings or floats) within the
  same bounds (``0..MAX_COUNT``, ``±MAX_COUNT``, ``MIN_YEAR..MAX_YEAR``);
* amounts are JSON strings matching :data:`~govdisclosure._specs.AMOUNT_PATTERN`, kept as
  ``str`` (neither library can check the pattern *and* give a ``Decimal``);
* dates are ``YYYY-MM-DD`` strings decoded to :class:`datetime.date`;
* choices are ``Literal`` types, patterned texts carry their pattern;
* version-dependent (``variant``) fields resolve for the one template version built.

Known differences, none of which the benchmark document exercises: govdisclosure's diagnostic
path accepts an integral float such as ``5.0`` as the integer 5 (msgspec and strict pydantic
reject it), and the three libraries' date parsers differ on exotic ISO 8601 forms.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal, Optional

import msgspec
import pydantic

from govdisclosure import Report
from govdisclosure._specs import (
    AMOUNT_PATTERN,
    MAX_COUNT,
    MAX_YEAR,
    MIN_YEAR,
    specs,
    target,
)
from govdisclosure.model import FieldSpec
from govdisclosure.template import Version

__all__ = ["msgspec_types", "pydantic_model"]

_BOUNDS = {
    "count": (0, MAX_COUNT),
    "signed_count": (-MAX_COUNT, MAX_COUNT),
    "year": (MIN_YEAR, MAX_YEAR),
}


def _leaf(
    spec: FieldSpec,
    bounded: Any,
    patterned: Any,
) -> Any:
    """The type of a leaf field; ``bounded(lo, hi)`` and ``patterned(core)`` add constraints."""
    kind = spec.kind
    if kind in _BOUNDS:
        return bounded(*_BOUNDS[kind])
    if kind == "amount":
        return patterned(AMOUNT_PATTERN)
    if kind == "date":
        return dt.date
    if kind == "text":
        return patterned(spec.pattern) if spec.pattern else str
    if kind == "choice":
        return Literal[tuple(value for value, _ in spec.choices)]
    if kind == "text_list":
        return list[str]
    raise AssertionError(kind)


def _generate(cls: type, version: Version, make: Any, leaf: Any) -> Any:
    """Generate one class per model class, children first; ``make(name, fields)`` builds it."""
    done: dict[type, Any] = {}

    def visit(c: type) -> Any:
        if c in done:
            return done[c]
        fields: list[tuple[str, Any]] = []
        for name, spec in specs(c):
            child = target(spec, version)
            tp: Any
            if spec.kind == "object_list":
                assert child is not None
                tp = list[visit(child)]  # type: ignore[misc]
            elif child is not None:
                tp = visit(child)
            else:
                tp = leaf(spec)
            fields.append((name, Optional[tp] if spec.nullable else tp))  # noqa: UP045
        done[c] = made = make(c.__name__, fields)
        return made

    return visit(cls)


def msgspec_types(version: Version = "2021") -> Any:
    """The msgspec Struct equivalent to :class:`~govdisclosure.Report` in ``version``."""

    def leaf(spec: FieldSpec) -> Any:
        return _leaf(
            spec,
            lambda lo, hi: Annotated[int, msgspec.Meta(ge=lo, le=hi)],
            # msgspec matches patterns with re.search: anchor at both ends, no final newline.
            lambda core: Annotated[str, msgspec.Meta(pattern=rf"\A(?:{core})\Z")],
        )

    def make(name: str, fields: list[tuple[str, Any]]) -> Any:
        return msgspec.defstruct(name, fields, forbid_unknown_fields=True)

    return _generate(Report, version, make, leaf)


def pydantic_model(version: Version = "2021") -> Any:
    """The pydantic v2 model equivalent to :class:`~govdisclosure.Report` in ``version``."""
    config = pydantic.ConfigDict(strict=True, extra="forbid")

    def leaf(spec: FieldSpec) -> Any:
        return _leaf(
            spec,
            lambda lo, hi: Annotated[int, pydantic.Field(ge=lo, le=hi)],
            # pydantic-core's default regex engine is Rust's: "$" is the very end of the text.
            lambda core: Annotated[str, pydantic.Field(pattern=f"^(?:{core})$")],
        )

    def make(name: str, fields: list[tuple[str, Any]]) -> Any:
        definitions: dict[str, Any] = {n: (tp, ...) for n, tp in fields}
        return pydantic.create_model(name, __config__=config, **definitions)

    return _generate(Report, version, make, leaf)
