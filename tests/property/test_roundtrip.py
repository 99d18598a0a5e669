"""Properties of the codec: lossless round trips, and agreement with the JSON Schema."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

import govdisclosure as g
from govdisclosure import serialize
from govdisclosure.catalogue import catalogue
from govdisclosure.findings import pointer
from govdisclosure.schema import json_schema
from govdisclosure.strategies import reports

VALIDATOR = Draft202012Validator(json_schema(), format_checker=Draft202012Validator.FORMAT_CHECKER)
COUNT_POINTERS = {e.pointer for e in catalogue() if e.kind == "count"}
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(reports())
def test_round_trip_is_lossless(report: g.Report) -> None:
    assert g.from_dict(g.to_dict(report)) == report
    assert g.loads(g.dumps(report)) == report


@SETTINGS
@given(reports(consistent=True))
def test_consistent_reports_round_trip(report: g.Report) -> None:
    assert g.loads(g.dumps(report)) == report


@SETTINGS
@pytest.mark.parametrize("version", g.VERSIONS)
@given(data=st.data())
def test_dumpb_is_dumps_encoded(version: str, data: st.DataObject) -> None:
    """``dumpb`` writes exactly the UTF-8 bytes of ``dumps``, indented or not, and reads back."""
    report = data.draw(reports(version))
    for indent in (False, True):
        assert g.dumpb(report, indent=indent) == g.dumps(report, indent=indent).encode("utf-8")
    assert g.loads(g.dumpb(report)) == report


@SETTINGS
@given(reports())
def test_generated_documents_fit_the_schema(report: g.Report) -> None:
    doc = g.to_dict(report)
    errors = list(VALIDATOR.iter_errors(doc))
    assert errors == []


def _locations(
    doc: Any, path: tuple[str | int, ...] = ()
) -> list[tuple[tuple[str | int, ...], Any]]:
    out: list[tuple[tuple[str | int, ...], Any]] = [(path, doc)]
    if isinstance(doc, dict):
        for k, v in doc.items():
            out += _locations(v, (*path, k))
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            out += _locations(v, (*path, i))
    return out


def _set(doc: Any, path: tuple[str | int, ...], value: Any) -> None:
    for part in path[:-1]:
        doc = doc[part]
    doc[path[-1]] = value


@st.composite
def mutated(draw: st.DrawFn) -> tuple[dict[str, Any], str, str]:
    """A valid document broken in exactly one way, with the pointer of the break."""
    doc = copy.deepcopy(g.to_dict(draw(reports())))
    kind = draw(
        st.sampled_from(["negative", "wrong-type", "unknown-key", "missing-key", "fraction"])
    )
    places = _locations(doc)
    if kind in ("negative", "fraction"):
        counts = [p for p, _ in places if p and pointer(p) in COUNT_POINTERS]
        # Every table may be null; then break a count of a table we put back in place.
        if not counts:
            kind = "wrong-type"
        else:
            path = draw(st.sampled_from(counts))
            value = (
                -draw(st.integers(1, 10**6))
                if kind == "negative"
                else draw(st.integers(0, 10**6)) + 0.5
            )
            _set(doc, path, value)
            return doc, kind, pointer(path)
    if kind == "wrong-type":
        path = draw(st.sampled_from([p for p, _ in places if p]))
        _set(doc, path, draw(st.sampled_from([True, {"zz": 1}])))
        return doc, kind, pointer(path)
    objects = [p for p, v in places if isinstance(v, dict) and v]
    path = draw(st.sampled_from(objects))
    target: dict[str, Any] = doc
    for part in path:
        target = target[part]  # type: ignore[index]
    if kind == "unknown-key":
        target["zz_unknown"] = 1
        return doc, kind, pointer((*path, "zz_unknown"))
    key = draw(st.sampled_from(sorted(target)))
    del target[key]
    return doc, kind, pointer((*path, key))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutations_are_rejected_by_schema_and_loads(case: tuple[dict[str, Any], str, str]) -> None:
    doc, kind, where = case
    assert not VALIDATOR.is_valid(doc), kind
    with pytest.raises(g.ReportError) as info:
        g.from_dict(doc)
    pointers = [f.pointer for f in info.value.findings]
    # The finding points at the break itself, or (for a wrong type that breaks an object) below it.
    assert any(p == where or p.startswith(where + "/") for p in pointers), (kind, where, pointers)
    # The fast path refuses too, so its result never stands for an invalid document.
    version = doc.get("template_version")
    fast = serialize._FAST.get(version) if isinstance(version, str) else None
    if fast is not None:
        with pytest.raises(Exception):  # noqa: B017, PT011
            fast(doc)
