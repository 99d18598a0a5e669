"""Properties of the JSON writer: ``dumpb`` writes what orjson writes of ``to_dict``, byte for byte.

``dumpb`` (and so ``dumps``) hands orjson a dict of its own, built for writing only (dates left
as ``date`` objects, lists not copied, amounts through ``str`` when that spells them the same);
``orjson.dumps(to_dict(report))`` is the reference it must match, for every report and for
amounts and dates that no document decodes to (exponents, a ``datetime``, a ``Decimal``
subclass).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import attrs
import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govdisclosure as g
from govdisclosure._specs import specs
from govdisclosure.strategies import reports

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


class _Amount(Decimal):
    """A Decimal subclass, which the writer must not take for a Decimal."""

    def __str__(self) -> str:
        return "not the digits"


def _reference(report: g.Report, indent: bool) -> bytes:
    return orjson.dumps(g.to_dict(report), option=orjson.OPT_INDENT_2 if indent else 0)


def _leaves(obj: Any, kind: str) -> list[tuple[Any, str]]:
    """Every ``(object, attribute)`` below ``obj`` whose field is of ``kind`` and set."""
    out: list[tuple[Any, str]] = []
    if not attrs.has(obj.__class__):
        return out
    for name, spec in specs(obj.__class__):
        value = getattr(obj, name)
        if spec.kind == kind and value is not None:
            out.append((obj, name))
        elif isinstance(value, list):
            for item in value:
                out.extend(_leaves(item, kind))
        else:
            out.extend(_leaves(value, kind))
    return out


_AMOUNTS = st.one_of(
    st.decimals(allow_nan=False, allow_infinity=False),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.builds(
        lambda m, e: Decimal(m).scaleb(e), st.integers(-(10**20), 10**20), st.integers(-30, 30)
    ),
    st.builds(_Amount, st.sampled_from(["1E+3", "2.50", "0"])),
)
_DATES = st.one_of(
    st.dates(),
    st.datetimes(),
    st.datetimes(timezones=st.just(dt.timezone(dt.timedelta(hours=8)))),
)


@SETTINGS
@pytest.mark.parametrize("version", g.VERSIONS)
@given(data=st.data())
def test_dumpb_writes_what_orjson_writes_of_to_dict(version: str, data: st.DataObject) -> None:
    """For any report of either version, indented or not, dumpb is the reference's bytes."""
    report = data.draw(reports(version))
    for indent in (False, True):
        assert g.dumpb(report, indent=indent) == _reference(report, indent)


@SETTINGS
@pytest.mark.parametrize("version", g.VERSIONS)
@given(data=st.data())
def test_unusual_amounts_and_dates_are_written_as_to_dict_writes_them(
    version: str, data: st.DataObject
) -> None:
    """Amounts with exponents, NaN, a Decimal subclass and datetimes: the reference's bytes."""
    report = data.draw(reports(version))
    for obj, name in _leaves(report, "amount"):
        setattr(obj, name, data.draw(_AMOUNTS))
    for obj, name in _leaves(report, "date"):
        setattr(obj, name, data.draw(_DATES))
    for indent in (False, True):
        assert g.dumpb(report, indent=indent) == _reference(report, indent)
