"""The model: its field specs agree with its annotations, and None means not reported."""

from __future__ import annotations

import datetime as dt
import typing
from decimal import Decimal

import attrs
import pytest

import govdisclosure as g
from govdisclosure._specs import all_classes, specs, target
from govdisclosure.model import SPEC_KEY

_TYPES = {
    "count": int,
    "signed_count": int,
    "year": int,
    "amount": Decimal,
    "date": dt.date,
    "text": str,
    "choice": str,
}


def _args(hint: object) -> set[object]:
    args = typing.get_args(hint)
    return set(args) if args else {hint}


@pytest.mark.parametrize("cls", all_classes(), ids=lambda c: c.__name__)
def test_specs_agree_with_annotations(cls: type) -> None:
    hints = typing.get_type_hints(cls)
    for name, spec in specs(cls):
        hint = hints[name]
        members = _args(hint)
        assert (type(None) in members) == spec.nullable, name
        members.discard(type(None))
        if spec.kind in ("object", "variant"):
            expected = {c for v in ("2019", "2021") if (c := target(spec, v)) is not None}
            assert members == expected, name
        elif spec.kind == "text_list":
            assert hint == list[str]
        elif spec.kind == "object_list":
            assert hint == list[spec.cls]  # type: ignore[name-defined]
        elif spec.kind == "choice":
            values: set[object] = set()
            for m in members:
                values |= set(typing.get_args(m)) if typing.get_origin(m) is typing.Literal else {m}
            assert values == {v for v, _ in spec.choices}, name
        else:
            assert members == {_TYPES[spec.kind]}, name


@pytest.mark.parametrize("cls", all_classes(), ids=lambda c: c.__name__)
def test_every_field_has_a_spec(cls: type) -> None:
    for field in attrs.fields(cls):
        assert SPEC_KEY in field.metadata, field.name


def test_defaults_are_not_reported_never_zero() -> None:
    row = g.ApplicantCounts()
    assert attrs.asdict(row) == dict.fromkeys(attrs.asdict(row))
    assert g.Outcomes().not_disclosed == g.NotDisclosed()
    report = g.Report(
        template_version="2021", agency=g.Agency(name="x"), period=g.Period(year=2023)
    )
    assert report.proactive_disclosure is None
    assert report.applications is None
    assert report.review_litigation is None


def test_constructors_are_keyword_only() -> None:
    with pytest.raises(TypeError):
        g.ApplicantCounts(1)  # type: ignore[call-arg]  # the call under test is refused


def test_instances_are_slotted() -> None:
    assert not hasattr(g.ApplicantCounts(), "__dict__")
