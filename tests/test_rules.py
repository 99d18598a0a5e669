"""The rule catalogue: what it binds, how it is published, and how one rule evaluates."""

from __future__ import annotations

import datetime as dt
import json
import string
from pathlib import Path
from typing import Any

import pytest

from govdisclosure import template as t
from govdisclosure.catalogue import cells
from govdisclosure.rules import ARITHMETIC, RULES, Blank, rule, rules, rules_document
from govdisclosure.template import VERSIONS, Version


def _count(version: Version, base: str) -> int:
    return sum(1 for r in rules(version) if r.base == base)


@pytest.mark.parametrize(
    ("base", "n2019", "n2021"),
    [
        ("R-1", 5, 5),
        ("T2-3", 0, 2),
        ("T2'-3", 2, 0),
        ("T3-1", 7, 7),
        ("T3-3", 7, 7),
        ("T3-4", 23, 25),
        ("T4-1", 3, 3),
    ],
)
def test_report_rules_per_version(base: str, n2019: int, n2021: int) -> None:
    assert (_count("2019", base), _count("2021", base)) == (n2019, n2021)


def test_series_and_aggregate_rules() -> None:
    assert {r.base for r in rules("2021", "series")} == {"T3-7", "T2-2"}
    assert {r.base for r in rules("2019", "series")} == {"T3-7", "T2'-2"}
    assert len(rules("2019", "series")) == 7 + 5
    assert {r.id for r in RULES if r.scope == "aggregate"} == {"A-1", "A-2"}


def test_ids_are_unique_within_a_version() -> None:
    for version in VERSIONS:
        ids = [r.id for scope in ("report", "series") for r in rules(version, scope)]
        assert len(ids) == len(set(ids))


def test_only_t3_3_differs_between_versions() -> None:
    twice = {
        r.id
        for r in RULES
        if r.versions != VERSIONS and r.id in {o.id for o in RULES if o is not r}
    }
    assert {i.split(".")[0] for i in twice} == {"T3-3"}


def test_t3_3_sums_every_outcome_leaf() -> None:
    leaves = {"2019": 2 + 8 + 3 + 5 + 1, "2021": 2 + 8 + 3 + 5 + 3}
    for version in VERSIONS:
        r = rule("T3-3.total", version)
        assert r.terms[0].pointer == "/applications/outcomes/total/total"
        assert r.terms[0].side == "actual"
        assert len(r.terms) == 1 + leaves[version]
        assert all(term.side == "expected" and term.weight == 1 for term in r.terms[1:])


def test_t3_1_is_the_header_note() -> None:
    r = rule("T3-1.natural_person")
    assert r.citation.text == t.APPLICATIONS_NOTE.zh
    assert r.citation.basis == "stated"
    sides = {term.pointer.split("/")[2]: term.side for term in r.terms}
    assert sides == {
        "new_requests": "expected",
        "carried_over": "expected",
        "outcomes": "actual",
        "carried_forward": "actual",
    }


def test_every_bound_cell_is_in_the_catalogue() -> None:
    for version in VERSIONS:
        table_cells = {e.pointer: e for e in cells(version)}
        for r in rules(version):
            if r.kind in ARITHMETIC:
                for p in r.pointers:
                    assert table_cells[p].kind == "count", (r.id, p)


def test_labels_come_from_the_template() -> None:
    r = rule("T3-4.outcomes.not_disclosed.state_secret")
    assert t.ROW_STATE_SECRET.label.zh in r.title.zh
    assert t.ROW_WITHHELD.label.zh in r.title.zh
    assert t.ROW_STATE_SECRET.label.en in r.title.en
    assert t.COMMERCIAL.label.zh in r.title.zh
    assert t.ROW_OUTCOMES.label.zh not in r.title.zh


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("r", RULES, ids=lambda r: f"{r.id}@{'+'.join(r.versions)}")
def test_messages_are_bilingual_templates(r: Any) -> None:
    allowed = {"expected", "actual", "difference", "year", "start", "end", "who_zh", "who_en"}
    if r.kind == "aggregate":
        allowed |= {"cell_zh", "cell_en"}
    for text in (r.message.zh, r.message.en, r.title.zh, r.title.en):
        assert text
    assert _fields(r.message.zh) <= allowed
    assert _fields(r.message.en) <= allowed
    unchecked = {"missing", "missing_count"} | (
        {"cell_zh", "cell_en"} if r.kind == "aggregate" else set()
    )
    assert _fields(r.unchecked.zh) <= unchecked
    assert _fields(r.unchecked.en) <= unchecked
    assert any("\u4e00" <= ch <= "\u9fff" for ch in r.message.zh)
    assert r.message.en.isascii() or "“" in r.message.en or "−" in r.message.en


def test_severities() -> None:
    by_base = {r.base: r.severity for r in RULES}
    for base in ("T3-1", "T3-3", "T3-4", "T4-1"):
        assert by_base[base] == "inconsistency"
    for base in ("T2-3", "T2'-3", "T3-7", "T2-2", "T2'-2", "A-1", "A-2"):
        assert by_base[base] == "warning"
    assert rule("R-1.deadline").severity == "warning"
    assert rule("R-1.published").severity == "inconsistency"


def test_rules_json_lists_every_rule(root: Path) -> None:
    # test_schema.py checks that the committed file is the generated one.
    doc = json.loads((root / "schemas" / "rules.json").read_text(encoding="utf-8"))
    assert [r["id"] for r in doc["rules"]] == [r.id for r in RULES]
    assert doc == json.loads(json.dumps(rules_document()))


def test_published_terms() -> None:
    doc = rules_document()
    r = next(x for x in doc["rules"] if x["id"] == "T2-3.regulations")
    assert r["op"] == "<="
    assert [(x["weight"], x["side"]) for x in r["terms"]] == [
        (1, "actual"),
        (1, "expected"),
        (1, "expected"),
    ]
    r = next(x for x in doc["rules"] if x["id"] == "T2-2.regulations")
    assert [x["weight"] for x in r["terms"]] == [1, 1, 1, -1]


# -- Evaluating one rule -----------------------------------------------------------------------


def _getter(values: dict[str, Any]) -> Any:
    return lambda p: values[p] if values.get(p) is not None else Blank(p)


def test_sum_rule_reports_expected_actual_and_difference() -> None:
    r = rule("T4-1.review")
    values = dict(zip(r.pointers, [5, 1, 1, 1, 1], strict=True))
    found = r.evaluate(_getter(values))
    assert found is not None
    assert (found.expected, found.actual, found.difference) == (4, 5, 1)
    assert found.values == values
    assert found.pointers == r.pointers
    assert "5" in found.message_zh
    assert "4" in found.message_en
    assert "+1" in found.message_en
    values[r.pointers[0]] = 4
    assert r.evaluate(_getter(values)) is None


def test_a_blank_makes_a_rule_not_checkable_never_an_error() -> None:
    r = rule("T4-1.review")
    values = dict(zip(r.pointers, [5, None, 1, 1, None], strict=True))
    found = r.evaluate(_getter(values))
    assert found is not None
    assert (found.severity, found.checkable) == ("info", False)
    assert found.missing == (r.pointers[1], r.pointers[4])
    assert found.expected is None
    assert found.difference is None
    assert "2" in found.message_en


def test_inequality_fires_only_when_exceeded() -> None:
    r = rule("T2-3.regulations")
    issued, in_force, repealed = r.pointers
    ok = {issued: 3, in_force: 2, repealed: 1}
    assert r.evaluate(_getter(ok)) is None
    found = r.evaluate(_getter({**ok, issued: 5}))
    assert found is not None
    assert (found.severity, found.expected, found.actual, found.difference) == ("warning", 3, 5, 2)


def test_date_rules() -> None:
    d = dt.date
    start = rule("R-1.period-start")
    assert start.evaluate(_getter({"/period/year": 2023, "/period/start": d(2023, 1, 1)})) is None
    found = start.evaluate(_getter({"/period/year": 2023, "/period/start": d(2022, 12, 1)}))
    assert found is not None
    assert found.expected == ["2023-01-01", "2023-12-31"]
    assert (found.actual, found.difference) == ("2022-12-01", -31)
    assert found.values["/period/start"] == "2022-12-01"
    published = rule("R-1.published")
    found = published.evaluate(_getter({"/period/year": 2023, "/source/published": d(2023, 6, 1)}))
    assert found is not None
    assert found.severity == "inconsistency"
    order = rule("R-1.period-order")
    found = order.evaluate(_getter({"/period/start": d(2023, 5, 1), "/period/end": d(2023, 4, 1)}))
    assert found is not None
    assert found.difference == 30


@pytest.mark.parametrize(
    ("kind", "level", "published", "outcome"),
    [
        ("department", "county", "2024-01-31", None),
        ("department", "county", "2024-02-01", 1),
        ("department", None, "2024-02-05", 5),
        ("department", "township", "2024-12-01", None),
        ("government", "prefectural", "2024-03-31", None),
        ("government", "prefectural", "2024-04-02", 2),
        ("government", "township", "2024-12-01", None),
        ("government", "central", "2024-12-01", None),
        ("government", None, "2024-02-01", "/agency/level"),
        (None, "county", "2024-02-01", "/agency/kind"),
        ("other", None, "2024-12-01", None),
    ],
)
def test_deadline(kind: str | None, level: str | None, published: str, outcome: Any) -> None:
    r = rule("R-1.deadline")
    values = {
        "/period/year": 2023,
        "/source/published": dt.date.fromisoformat(published),
        "/agency/kind": kind,
        "/agency/level": level,
    }
    found = r.evaluate(_getter(values))
    if outcome is None:
        assert found is None
    elif isinstance(outcome, int):
        assert found is not None
        assert found.checkable
        assert found.difference == outcome
        assert found.severity == "warning"
    else:
        assert found is not None
        assert not found.checkable
        assert found.missing == (outcome,)
