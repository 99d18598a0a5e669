"""The field catalogue: complete, with the spec's exact labels, and pointing at real fields."""

from __future__ import annotations

from typing import Any

import pytest

import govdisclosure as g
from govdisclosure.catalogue import catalogue, cells, reference_markdown
from govdisclosure.findings import pointer_parts

from .conftest import ROOT

SPEC = (ROOT / "docs" / "spec" / "report-format.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("version", "table", "count"),
    [
        ("2021", "二", 10),
        ("2021", "三", 175),
        ("2021", "四", 15),
        ("2019", "二", 22),
        ("2019", "三", 161),
        ("2019", "四", 15),
    ],
)
def test_every_cell_of_every_table_is_catalogued(version: Any, table: str, count: int) -> None:
    found = cells(version, table)
    assert len(found) == count
    assert len({e.pointer for e in found}) == count


def test_cell_labels_are_quoted_exactly_from_the_spec() -> None:
    for entry in catalogue():
        if entry.role != "cell":
            continue
        for label in (*entry.row, *entry.column):
            assert label.zh in SPEC, (entry.pointer, label.zh)


def test_row_labels_follow_the_spec_order() -> None:
    labels = [e.row[-1].zh for e in cells("2021", "三") if e.column[-1].zh == "自然人"]
    assert labels[0] == "一、本年新收政府信息公开申请数量"
    assert labels[-2:] == ["（七）总计", "四、结转下年度继续办理"]
    assert "3.危及“三安全一稳定”" in labels
    assert len(labels) == 25
    assert len([e for e in cells("2019", "三") if e.column[-1].zh == "自然人"]) == 23


def test_labels_that_differ_by_version() -> None:
    by_pointer: dict[str, list[str]] = {}
    for e in cells("2021", "二") + cells("2019", "二"):
        by_pointer.setdefault(e.pointer, []).append(e.row[-1].zh)
    assert by_pointer["/proactive_disclosure/normative_documents/issued"] == ["行政规范性文件"]
    assert by_pointer["/proactive_disclosure/normative_documents/made"] == ["规范性文件"]
    decisions = [e for e in catalogue() if e.pointer == "/proactive_disclosure/licensing/decisions"]
    assert {(e.column[-1].zh, e.versions) for e in decisions} == {
        ("本年处理决定数量", ("2021",)),
        ("处理决定数量", ("2019",)),
    }


def test_table_four_columns_carry_their_header_groups() -> None:
    (entry,) = [e for e in cells("2021", "四") if e.pointer.endswith("suit_after_review/pending")]
    assert [lab.zh for lab in entry.column] == ["行政诉讼", "复议后起诉", "尚未审结"]
    assert entry.row == ()


def _resolve(doc: Any, ptr: str) -> Any:
    for part in pointer_parts(ptr):
        doc = doc[part]
    return doc


@pytest.mark.parametrize("version", ["2019", "2021"])
def test_every_cell_pointer_resolves_in_a_complete_example(version: str, request: Any) -> None:
    doc = request.getfixturevalue(f"example_{version}")
    for entry in cells(version):
        value = _resolve(doc, entry.pointer)
        assert value is None or isinstance(value, (int, str))


def test_reference_lists_every_cell() -> None:
    text = reference_markdown()
    for entry in catalogue():
        if entry.role in ("cell", "field", "table"):
            assert f"`{entry.pointer}`" in text
    # The reference is generated from the same model the codec uses.
    assert g.dumps  # type: ignore[truthy-function]  # asserts that the codec exists
