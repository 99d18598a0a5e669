"""validate(), normalize() and the checks across reports."""

from __future__ import annotations

import copy
import importlib
import json
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govdisclosure as g
from govdisclosure.crosscheck import check_aggregate, check_series
from govdisclosure.serialize import MAX_DOCUMENT_BYTES
from govdisclosure.validate import ValidationReport, generated_source, normalize, validate

# The package re-exports the function validate(), which hides the module of the same name.
validate_module = importlib.import_module("govdisclosure.validate")

PLANTED = Path(__file__).resolve().parents[1] / "examples" / "planted-inconsistency-2021.json"
TOTAL = "/applications/outcomes/total/natural_person"


def _doc(example: Any, **changes: Any) -> Any:
    doc = copy.deepcopy(example)
    for ptr, value in changes.items():
        *path, last = ptr.split("__")
        obj = doc
        for name in path:
            obj = obj[name]
        obj[last] = value
    return doc


# -- The examples ----------------------------------------------------------------------------


def test_the_examples_are_consistent(example_2021: Any, example_2019: Any) -> None:
    for doc in (example_2021, example_2019):
        result = validate(doc)
        assert result.findings == ()
        assert result.ok
        assert result.report == g.from_dict(doc)


def test_the_planted_example_is_valid_but_inconsistent() -> None:
    text = PLANTED.read_bytes()
    g.loads(text)  # the schema holds
    result = validate(text)
    assert not result.ok
    assert result.errors == ()
    assert [f.rule for f in result.findings] == [
        "T3-1.natural_person",
        "T3-3.natural_person",
        "T3-4.outcomes.total",
    ]
    assert all(f.severity == "inconsistency" for f in result.findings)
    t31, t33, t34 = result.findings
    assert (t33.expected, t33.actual, t33.difference) == (41, 42, 1)
    assert (t34.expected, t34.actual, t34.difference) == (51, 50, -1)
    assert t31.values[TOTAL] == 42
    assert TOTAL in t34.pointers
    (suspect,) = result.suspects()
    assert (suspect.pointer, suspect.value, suspect.suggested) == (TOTAL, 42, 41)
    assert "41" in suspect.message("zh")
    assert "41" in suspect.message("en")


def test_every_input_form_gives_the_same_findings() -> None:
    text = PLANTED.read_text(encoding="utf-8")
    expected = validate(text).findings
    data = json.loads(text)
    for form in (data, text.encode(), bytearray(text.encode()), memoryview(text.encode())):
        assert validate(form).findings == expected
    assert validate(g.from_dict(data)).findings == expected


# -- Never raises ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "rule"),
    [
        ("", "json.syntax"),
        ("{", "json.syntax"),
        (b"\xff\xfe", "json.syntax"),
        ("[1, 2]", "schema.type"),
        ([1, 2], "schema.type"),
        (None, "schema.type"),
        (3.5, "schema.type"),
        (object(), "schema.type"),
        ("NaN", "json.syntax"),
        ("[" * 100_000, "json.syntax"),
        ({"template_version": "2035"}, "schema.enum"),
    ],
)
def test_bad_input_becomes_findings(value: Any, rule: str) -> None:
    result = validate(value)
    assert not result.ok
    assert rule in {f.rule for f in result.findings}
    assert all(f.message_zh and f.message_en for f in result.findings)
    json.loads(result.to_json())


def test_oversized_input() -> None:
    result = validate(b" " * (MAX_DOCUMENT_BYTES + 1))
    assert [f.rule for f in result.findings] == ["json.too-large"]


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=100, deadline=None)
@given(_json)
def test_any_json_value_is_validated_without_raising(value: Any) -> None:
    result = validate(value)
    assert not result.ok
    assert result.errors


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_any_mutated_example_is_validated_without_raising(data: st.DataObject) -> None:
    doc = json.loads(PLANTED.read_text(encoding="utf-8"))
    table = data.draw(st.sampled_from(["applications", "review_litigation", "period", "agency"]))
    doc[table] = data.draw(_json)
    result = validate(doc)
    json.loads(result.to_json())


def test_an_ill_typed_report_object_is_diagnosed() -> None:
    report = g.loads(PLANTED.read_bytes())
    assert report.applications is not None
    report.applications.outcomes.other_handling = g.ApplicantCounts()  # the 2019 shape
    result = validate(report)
    assert result.errors
    assert {f.pointer for f in result.errors} >= {"/applications/outcomes/other_handling/total"}
    report = g.loads(PLANTED.read_bytes())
    report.period.start = "2023-01-01"  # type: ignore[assignment]
    result = validate(report)
    assert [f.rule for f in result.errors] == ["schema.object"]


def test_schema_errors_do_not_hide_the_arithmetic() -> None:
    doc = json.loads(PLANTED.read_text(encoding="utf-8"))
    doc["remarks"] = "an unknown key"
    result = validate(doc)
    assert [f.rule for f in result.errors] == ["schema.unknown-key"]
    assert len(result.inconsistencies) == 3
    assert result.report is None


# -- Blanks -------------------------------------------------------------------------------------


def test_a_blank_cell_is_not_checkable_never_a_false_error(example_2021: Any) -> None:
    doc = _doc(example_2021, applications__outcomes__disclosed__natural_person=None)
    result = validate(doc)
    assert result.ok
    assert {f.rule for f in result.not_checkable} == {
        "T3-3.natural_person",
        "T3-4.outcomes.disclosed",
    }
    for f in result.findings:
        assert f.severity == "info"
        assert f.missing == ("/applications/outcomes/disclosed/natural_person",)
        assert f.values["/applications/outcomes/disclosed/natural_person"] is None


def test_validation_sees_raw_values(example_2021: Any) -> None:
    doc = _doc(example_2021, applications__outcomes__disclosed__natural_person=None)
    report = g.from_dict(doc)
    before = g.to_dict(report)
    validate(report)
    assert g.to_dict(report) == before


# -- The result ---------------------------------------------------------------------------------


def test_the_report_dumps_as_json() -> None:
    result = validate(PLANTED.read_bytes())
    out = json.loads(result.to_json(indent=True))
    assert out["ok"] is False
    assert out["template_version"] == "2021"
    assert out["counts"] == {"error": 0, "inconsistency": 3, "warning": 0, "info": 0}
    assert out["findings"][0]["rule"] == "T3-1.natural_person"
    assert out["suspects"][0]["pointer"] == TOTAL
    assert set(out["findings"][0]) >= {
        "rule",
        "severity",
        "pointers",
        "message_zh",
        "message_en",
        "expected",
        "actual",
        "difference",
        "values",
        "missing",
        "checkable",
    }
    assert result.by_rule() == {
        "T3-1.natural_person": 1,
        "T3-3.natural_person": 1,
        "T3-4.outcomes.total": 1,
    }


def test_dates_and_amounts_dump_as_strings(example_2021: Any) -> None:
    doc = _doc(example_2021, source__published="2024-03-01")
    out = json.loads(validate(doc).to_json())
    (finding,) = out["findings"]
    assert finding["rule"] == "R-1.deadline"
    assert finding["values"]["/source/published"] == "2024-03-01"
    assert finding["difference"] == 30


def test_an_empty_report_is_ok() -> None:
    assert ValidationReport().ok
    assert ValidationReport().suspects() == ()


# -- Speed and strict mode ---------------------------------------------------------------------


def test_the_fast_path_is_straight_line_code() -> None:
    for version in g.VERSIONS:
        source = generated_source(version)
        assert "for " not in source
        assert "while " not in source
        assert source.count("fail(") == 2 * len(validate_module.rules(version))


def test_validate_never_imports_jsonschema_unless_strict(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "jsonschema", None)  # any import of it now fails
    validate_module._json_schema_validator.cache_clear()
    try:
        result = validate(PLANTED.read_bytes())
        assert [f.rule for f in result.findings] == [
            "T3-1.natural_person",
            "T3-3.natural_person",
            "T3-4.outcomes.total",
        ]
        with pytest.raises(ImportError, match="pip install"):
            validate(PLANTED.read_bytes(), strict=True)
    finally:
        validate_module._json_schema_validator.cache_clear()


def test_strict_mode_checks_a_report_object_against_the_schema() -> None:
    report = g.loads(PLANTED.read_bytes())
    assert report.review_litigation is not None
    assert report.review_litigation.review is not None
    report.review_litigation.review.upheld = -1
    assert validate(report).errors == ()  # a Report is taken as well typed
    result = validate(report, strict=True)
    assert [f.pointer for f in result.errors] == ["/review_litigation/review/upheld"]
    assert result.inconsistencies


def test_strict_mode_adds_nothing_to_a_valid_document(example_2021: Any) -> None:
    assert validate(example_2021, strict=True).findings == ()


# -- normalize ------------------------------------------------------------------------------------


def test_normalize_fills_blanks_and_totals(example_2021: Any) -> None:
    row = "applications__outcomes__disclosed__"
    doc = _doc(
        example_2021,
        **{row + "total": None, row + "research_institution": None},
        applications__carried_over__total=None,
        review_litigation__review__other=None,
        review_litigation__direct_suit__pending=None,
    )
    report = g.from_dict(doc)
    snapshot = g.to_dict(report)
    new, findings = normalize(report)
    assert g.to_dict(report) == snapshot  # the input is untouched
    changes = {f.pointer: (f.rule, f.expected) for f in findings}
    # A part becomes 0; the total beside it stays blank because a part was not reported.
    assert changes["/applications/outcomes/disclosed/research_institution"] == ("normalize.zero", 0)
    assert "/applications/outcomes/disclosed/total" not in changes
    # A total whose parts are all reported is filled from them.
    carried = example_2021["applications"]["carried_over"]["total"]
    assert changes["/applications/carried_over/total"] == ("normalize.total", carried)
    assert changes["/review_litigation/review/other"] == ("normalize.zero", 0)
    assert len(findings) == 4
    assert all(f.severity == "info" for f in findings)
    assert new.applications is not None
    assert new.applications.carried_over is not None
    assert new.applications.carried_over.total == carried
    # Where a blank really meant 0 the report now checks; where it did not, the zero shows.
    result = validate(new)
    assert [f.rule for f in result.inconsistencies] == ["T4-1.direct_suit"]
    assert [f.rule for f in result.not_checkable] == ["T3-3.total", "T3-4.outcomes.disclosed"]


def test_normalize_leaves_absent_and_empty_tables_alone(example_2021: Any) -> None:
    doc = _doc(example_2021, review_litigation=None)
    blank_table = dict.fromkeys(example_2021["proactive_disclosure"])
    doc["proactive_disclosure"] = blank_table
    new, findings = normalize(g.from_dict(doc))
    assert findings == ()
    assert new.review_litigation is None
    assert g.to_dict(new)["proactive_disclosure"] == blank_table


def test_normalize_fills_a_blank_row_and_nested_totals(example_2021: Any) -> None:
    doc = _doc(example_2021, applications__outcomes__other_handling__other=None)
    for col in ("total", "natural_person"):
        doc["applications"]["outcomes"]["total"][col] = None
    new, findings = normalize(g.from_dict(doc))
    rules = [f.rule for f in findings]
    assert rules.count("normalize.zero") == 6  # the blank row's six applicant cells
    assert "/applications/outcomes/other_handling/other/total" not in {f.pointer for f in findings}
    # The blank row was not reported, so no total that sums it can be derived: they stay blank.
    assert len(findings) == 6
    assert new.applications is not None
    assert new.applications.outcomes.total is not None
    assert new.applications.outcomes.total.natural_person is None
    assert new.applications.outcomes.total.total is None
    assert validate(new).inconsistencies == ()


def test_normalize_amounts_become_decimal_zero(example_2021: Any) -> None:
    doc = _doc(example_2021, proactive_disclosure__fees__amount=None)
    new, findings = normalize(g.from_dict(doc))
    assert [f.pointer for f in findings] == ["/proactive_disclosure/fees/amount"]
    assert new.proactive_disclosure is not None
    fees = new.proactive_disclosure.fees
    assert fees is not None
    assert isinstance(fees, g.FeeAmount)  # the 2021 row; 2019 itemises its fees
    assert fees.amount == Decimal(0)


# -- Across reports ---------------------------------------------------------------------------


def _year(report: g.Report, year: int) -> g.Report:
    return attrs.evolve(report, period=g.Period(year=year))


def test_series_continuity(example_2021: Any) -> None:
    current = g.from_dict(example_2021)
    previous = _year(g.from_dict(copy.deepcopy(example_2021)), 2022)
    assert previous.applications is not None
    assert current.applications is not None
    previous.applications.carried_forward = copy.deepcopy(current.applications.carried_over)
    result = check_series([current, previous])
    assert "T3-7.total" not in result.by_rule()
    assert current.applications.carried_over is not None
    current.applications.carried_over.total = 99
    result = check_series([current, previous])
    (finding,) = [f for f in result.findings if f.rule == "T3-7.total"]
    assert finding.pointers == (
        "/0/applications/carried_over/total",
        "/1/applications/carried_forward/total",
    )
    assert finding.severity == "warning"
    assert finding.message_zh.startswith("2022→2023")


def test_series_duplicate_years_are_reported(example_2021: Any) -> None:
    a = g.from_dict(example_2021)
    result = check_series([a, a])
    assert [f.rule for f in result.findings] == ["series.duplicate-year"]
    assert result.ok


def test_aggregate(example_2021: Any) -> None:
    summary = g.from_dict(example_2021)
    assert check_aggregate(summary, [summary]).findings == ()
    doubled = check_aggregate(summary, [summary, summary])
    assert doubled.findings
    assert all(f.rule == "A-1" for f in doubled.findings)
    assert check_aggregate(summary, [summary], complete=False).findings == ()
    other = _year(summary, 2022)
    result = check_aggregate(summary, [other])
    assert [f.rule for f in result.findings] == ["aggregate.mismatch"]


def test_cross_checks_name_a_wrong_argument() -> None:
    report = g.loads(PLANTED.read_bytes())
    with pytest.raises(TypeError, match="not a Report"):
        check_series([{"template_version": "2021"}])  # type: ignore[list-item]
    with pytest.raises(TypeError, match="not a Report"):
        check_aggregate("junk", [])  # type: ignore[arg-type]
    assert check_series([report]).ok
    with pytest.raises(TypeError, match="takes a Report"):
        g.render(None, "html")  # type: ignore[call-overload]


def test_strict_mode_treats_an_invalid_cell_as_blank_in_a_report_too() -> None:
    report = g.loads(PLANTED.read_bytes())
    assert report.review_litigation is not None
    assert report.review_litigation.review is not None
    report.review_litigation.review.upheld = -5
    found = {(f.rule, f.severity, f.checkable) for f in validate(report, strict=True).findings}
    assert ("schema.range", "error", True) in found
    assert ("T4-1.review", "info", False) in found


# -- Findings built when first read -----------------------------------------------------------


def _reference(report: g.Report) -> tuple[g.Finding, ...]:
    """Every rule evaluated on its own, as data: the findings validate() must give."""
    version = report.template_version
    return tuple(validate_module._evaluate(version, validate_module.object_getter(report)))


def test_failing_findings_are_built_when_first_read() -> None:
    """validate() defers the findings of a failing report; read, they are the reference's,
    and the result compares, prints and counts as an eagerly built one."""
    report = g.loads(PLANTED.read_bytes())
    result = validate(report)
    assert result._findings.__class__ is validate_module._Pending
    assert not result.ok
    eager = ValidationReport(findings=_reference(report), report=report, template_version="2021")
    assert result.findings == eager.findings
    assert result == eager
    assert repr(result) == repr(eager)
    assert result.counts() == eager.counts()
    assert result.to_dict() == eager.to_dict()
    assert attrs.evolve(result, template_version=None).findings == eager.findings


def test_a_blank_report_is_ok_without_building_its_findings(example_2021: Any) -> None:
    """A report whose only findings are not-checkable rules is ok before they are built,
    blank cells and a whole blank table alike."""
    blank = _doc(example_2021, applications__outcomes__disclosed__natural_person=None)
    bare = _doc(example_2021, applications=None, proactive_disclosure=None)
    for doc in (blank, bare):
        report = g.from_dict(doc)
        result = validate(report)
        assert result.ok
        assert result._findings.__class__ is validate_module._Pending
        assert result.findings == _reference(report)
        assert all(not f.checkable for f in result.findings)
