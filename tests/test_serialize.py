"""The JSON codec: strictness, losslessness and error reports."""

from __future__ import annotations

import copy
import gc
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest

import govdisclosure as g
from govdisclosure import serialize

from .conftest import EXAMPLES


def _problems(doc: Any) -> list[tuple[str, str]]:
    with pytest.raises(g.ReportError) as info:
        g.from_dict(doc)
    return [(f.rule, f.pointer) for f in info.value.findings]


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.json")), ids=lambda p: p.name)
def test_examples_round_trip_exactly(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    report = g.loads(text)
    assert g.dumps(report, indent=True) + "\n" == text
    assert g.loads(g.dumps(report)) == report
    assert g.from_dict(g.to_dict(report)) == report


def test_loads_accepts_str_bytes_and_memoryview(example_2021: Any) -> None:
    text = json.dumps(example_2021, ensure_ascii=False)
    expected = g.loads(text)
    assert g.loads(text.encode()) == expected
    assert g.loads(memoryview(text.encode())) == expected
    assert g.loads(bytearray(text.encode())) == expected


def test_amounts_stay_exact_decimals(example_2021: Any) -> None:
    doc = copy.deepcopy(example_2021)
    doc["proactive_disclosure"]["fees"]["amount"] = "0.10"
    report = g.from_dict(doc)
    assert report.proactive_disclosure is not None
    fees = report.proactive_disclosure.fees
    assert fees is not None
    assert isinstance(fees, g.FeeAmount)  # the 2021 row; 2019 itemises its fees
    assert fees.amount == Decimal("0.10")
    assert str(fees.amount) == "0.10"  # the trailing zero is kept
    assert g.to_dict(report)["proactive_disclosure"]["fees"]["amount"] == "0.10"


def test_text_is_never_normalised(example_2021: Any) -> None:
    doc = copy.deepcopy(example_2021)
    odd = " 全角（一）\u3000与半角(一),\r\n尾随空格 \t"
    doc["agency"]["name"] = odd
    assert g.loads(g.dumps(g.from_dict(doc))).agency.name == odd


def test_null_is_not_zero(example_2021: Any) -> None:
    doc = copy.deepcopy(example_2021)
    doc["applications"]["new_requests"]["research_institution"] = None
    report = g.from_dict(doc)
    assert report.applications is not None
    row = report.applications.new_requests
    assert row is not None
    assert row.research_institution is None
    assert g.to_dict(report)["applications"]["new_requests"]["research_institution"] is None


def test_integral_float_is_an_integer(example_2021: Any) -> None:
    doc = copy.deepcopy(example_2021)
    doc["review_litigation"]["review"]["total"] = 4.0
    report = g.from_dict(doc)
    assert report.review_litigation is not None
    total = report.review_litigation.review.total if report.review_litigation.review else None
    assert total == 4
    assert type(total) is int


def test_every_problem_is_collected_with_its_pointer(example_2021: Any) -> None:
    doc = copy.deepcopy(example_2021)
    doc["applications"]["new_requests"]["natural_person"] = -1
    doc["review_litigation"]["review"]["total"] = "3"
    doc["contact"]["wechat"] = "x"
    del doc["period"]["end"]
    doc["agency"]["level"] = "city"
    assert _problems(doc) == [
        ("schema.enum", "/agency/level"),
        ("schema.range", "/applications/new_requests/natural_person"),
        ("schema.unknown-key", "/contact/wechat"),
        ("schema.missing-key", "/period/end"),
        ("schema.type", "/review_litigation/review/total"),
    ]


def test_findings_have_both_languages_and_no_python_paths(example_2021: Any) -> None:
    doc = copy.deepcopy(example_2021)
    doc["review_litigation"]["review"]["total"] = True
    with pytest.raises(g.ReportError) as info:
        g.from_dict(doc)
    (finding,) = info.value.findings
    assert finding.severity == "error"
    assert finding.message_en == "expected an integer or null, got boolean"
    assert finding.message_zh == "应为整数或 null，实际为 boolean"
    assert "/review_litigation/review/total" in str(info.value)
    assert "ClassValidationError" not in repr(info.value.__cause__)
    assert info.value.__cause__ is None


def test_version_decides_the_table_variant(example_2021: Any, example_2019: Any) -> None:
    doc = copy.deepcopy(example_2021)
    doc["template_version"] = "2019"
    problems = _problems(doc)
    assert ("schema.unknown-key", "/proactive_disclosure/regulations/issued") in problems
    assert ("schema.missing-key", "/proactive_disclosure/procurement") in problems
    report = g.from_dict(example_2019)
    assert isinstance(report.proactive_disclosure, g.ProactiveDisclosure2019)
    assert report.applications is not None
    assert isinstance(report.applications.outcomes.other_handling, g.ApplicantCounts)


def test_unknown_version_is_reported_once(example_2021: Any) -> None:
    doc = copy.deepcopy(example_2021)
    doc["template_version"] = "2020"
    assert _problems(doc) == [("schema.enum", "/template_version")]


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("{", "json.syntax"),
        ("", "json.syntax"),
        ('{"a": NaN}', "json.syntax"),
        (b"\xff\xfe", "json.syntax"),
        ("[]", "schema.type"),
        ("null", "schema.type"),
        ('"report"', "schema.type"),
    ],
)
def test_malformed_input_is_a_finding(text: str | bytes, rule: str) -> None:
    with pytest.raises(g.ReportError) as info:
        g.loads(text)
    assert info.value.findings[0].rule == rule


def test_integers_past_64_bits_point_at_their_cell(example_2021: Any) -> None:
    text = json.dumps(example_2021).replace(
        '"decisions": 1256', '"decisions": 123456789012345678901234'
    )
    with pytest.raises(g.ReportError) as info:
        g.loads(text)
    assert [(f.rule, f.pointer) for f in info.value.findings] == [
        ("schema.range", "/proactive_disclosure/licensing/decisions")
    ]


def test_oversized_input_is_refused_before_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(serialize, "MAX_DOCUMENT_BYTES", 10)
    with pytest.raises(g.ReportError) as info:
        g.loads("[" + "1," * 100 + "1]")
    assert info.value.findings[0].rule == "json.too-large"


def test_deep_nesting_is_a_finding_not_a_crash() -> None:
    with pytest.raises(g.ReportError):
        g.loads("[" * 100_000 + "]" * 100_000)


def test_dumps_writes_chinese_unescaped(example_2021: Any) -> None:
    text = g.dumps(g.from_dict(example_2021))
    assert "东川县自然资源局" in text
    assert "\\u" not in text


def test_report_error_pickles(example_2021: Any) -> None:
    import pickle

    doc = copy.deepcopy(example_2021)
    doc["period"]["year"] = "2023"
    with pytest.raises(g.ReportError) as info:
        g.from_dict(doc)
    again = pickle.loads(pickle.dumps(info.value))
    assert again.findings == info.value.findings


def test_fast_and_diagnostic_paths_agree_on_examples(example_2021: Any, example_2019: Any) -> None:
    for doc in (example_2021, example_2019):
        fast = serialize._FAST[doc["template_version"]](doc)
        slow, problems = serialize._diagnose(doc)
        assert problems == []
        assert fast == slow


def test_cattrs_converter_is_strict(example_2021: Any) -> None:
    doc = copy.deepcopy(example_2021)
    assert g.converter.structure(doc, g.Report) == g.from_dict(doc)
    doc["applications"]["new_requests"]["total"] = "5"
    with pytest.raises(Exception, match="While structuring"):
        g.converter.structure(doc, g.Report)


def test_missing_keys_are_reported_once_and_never_as_python_errors() -> None:
    with pytest.raises(g.ReportError) as info:
        g.loads('{"template_version": "2021", "agency": {}}')
    found = [(f.rule, f.pointer) for f in info.value.findings]
    assert len(found) == len(set(found))
    assert ("schema.missing-key", "/agency/name") in found
    assert ("schema.missing-key", "/period") in found
    assert {rule for rule, _ in found} == {"schema.missing-key"}
    assert not any("__init__" in f.message_en for f in info.value.findings)


@pytest.mark.parametrize(
    ("number", "shown"),
    [
        ("1000000000000000000000000000000", "got 1000000000000000000000000000000"),
        ("1" + "0" * 400, "got an integer of about 401 digits"),
    ],
)
def test_huge_numbers_are_quoted_as_the_document_has_them(
    example_2021: Any, number: str, shown: str
) -> None:
    text = json.dumps(example_2021).replace('"decisions": 1256', f'"decisions": {number}')
    with pytest.raises(g.ReportError) as info:
        g.loads(text)
    (finding,) = info.value.findings
    assert (finding.rule, finding.pointer) == (
        "schema.range",
        "/proactive_disclosure/licensing/decisions",
    )
    assert finding.message_en.endswith(shown)
    json.dumps(finding.to_dict())  # the finding itself stays writable


def test_a_byte_order_mark_is_ignored(example_2021: Any) -> None:
    text = json.dumps(example_2021, ensure_ascii=False)
    assert g.loads("\ufeff" + text) == g.loads(text)
    assert g.loads(b"\xef\xbb\xbf" + text.encode()) == g.loads(text)


def test_lone_surrogates_are_refused_in_and_out(example_2021: Any) -> None:
    text = json.dumps(example_2021).replace('"name": "', '"name": "\\ud800', 1)
    with pytest.raises(g.ReportError) as info:
        g.loads(text)
    assert info.value.findings[0].rule == "json.syntax"
    report = g.from_dict(example_2021)
    report.agency.name = "\ud800"
    with pytest.raises(g.ReportError) as out:
        g.dumps(report)
    assert out.value.findings[0].rule == "dump.invalid"


def test_bulk_turns_the_collector_off_and_restores_it(example_2021: Any) -> None:
    """Inside ``bulk()`` the collector is off; afterwards it is as before, even after an error,
    and the reports loaded inside are kept out of later collections (frozen) by default."""
    text = g.dumpb(g.from_dict(example_2021))
    assert gc.isenabled()
    frozen = gc.get_freeze_count()
    try:
        with g.bulk():
            assert not gc.isenabled()
            kept = [g.loads(text) for _ in range(3)]
        assert gc.isenabled()
        assert gc.get_freeze_count() > frozen
        assert all(r == kept[0] for r in kept)
        gc.unfreeze()
        with pytest.raises(RuntimeError), g.bulk(freeze=False):
            raise RuntimeError
        assert gc.isenabled()
        assert gc.get_freeze_count() == 0
        gc.disable()
        with g.bulk(freeze=False):
            pass
        assert not gc.isenabled()
    finally:
        gc.unfreeze()
        gc.enable()


def test_dumpb_reports_what_json_cannot_carry(example_2021: Any) -> None:
    """``dumpb`` raises the same ``dump.invalid`` error as ``dumps``."""
    bad = g.from_dict(example_2021)
    bad.agency.name = "\ud800"
    for dump in (g.dumps, g.dumpb):
        with pytest.raises(g.ReportError) as info:
            dump(bad)
        assert info.value.findings[0].rule == "dump.invalid"


def test_a_wrong_object_in_a_section_is_dump_invalid(example_2021: Any) -> None:
    """A section that holds something other than its model object (a bare number) is the
    ``dump.invalid`` error of ``dumps`` and ``dumpb``, naming the type, not a ``KeyError``."""
    bad = attrs.evolve(g.from_dict(example_2021), proactive_disclosure=5)  # type: ignore[arg-type]  # the wrong type is the point
    for dump in (g.dumps, g.dumpb):
        with pytest.raises(g.ReportError) as info:
            dump(bad)
        assert info.value.findings[0].rule == "dump.invalid"
        assert "int" in info.value.findings[0].message_en
