"""The rule-kind registry: each kind is one entry, and evaluation, the generated fast path and
the published JSON all dispatch through it; the builders name no template version."""

from __future__ import annotations

import importlib
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs
import pytest

import govdisclosure as g
from govdisclosure import template as t
from govdisclosure._specs import specs, target
from govdisclosure.findings import Finding
from govdisclosure.rules import ARITHMETIC, KINDS, RULES, Blank, Citation, Rule, RuleKind
from govdisclosure.rules.core import fire, not_checkable
from govdisclosure.template import Label

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "govdisclosure"
core = importlib.import_module("govdisclosure.rules.core")
validate_module = importlib.import_module("govdisclosure.validate")


def test_every_rule_kind_in_the_catalogue_is_registered() -> None:
    """Each rule's kind has an entry; report-scope kinds have a compiled form."""
    assert set(KINDS) == {
        "sum",
        "equality",
        "inequality",
        "date-window",
        "date-order",
        "deadline",
        "aggregate",
    }
    for r in RULES:
        kind = KINDS[r.kind]
        if r.scope != "aggregate":
            assert kind.compile is not None, r.id
    assert {name for name, kind in KINDS.items() if kind.weighted} == ARITHMETIC


def test_a_kind_is_registered_once() -> None:
    """Registering a kind under a name already taken is refused."""
    with pytest.raises(ValueError, match="already registered"):
        core.register_kind(KINDS["sum"])


def _even(rule: Rule, values: Sequence[Any]) -> Finding | None:
    blank = not_checkable(rule, values)
    if blank is not None:
        return blank
    (value,) = values
    return None if value % 2 == 0 else fire(rule, values, "even", value, 1)


def test_a_new_kind_is_one_entry(monkeypatch: pytest.MonkeyPatch) -> None:
    """A made-up kind, registered in the test only, is evaluated, compiled and published
    through its entry, with no change to the library."""
    monkeypatch.setitem(
        core._KINDS,
        "even",
        RuleKind(
            name="even",
            doc="a count is even",
            evaluate=_even,
            compile=lambda rule, names, ns, index: f"{names[0]} % 2",
            to_json=lambda rule: {"parity": "even"},
        ),
    )
    ptr = "/review_litigation/review/total"
    title = Label("复议总计为偶数", "The reconsideration total is even")
    r = Rule(
        id="X-1",
        base="X-1",
        kind="even",
        severity="warning",
        scope="report",
        versions=t.VERSIONS,
        table=t.TABLE_REVIEW,
        pointers=(ptr,),
        citation=Citation(basis="heuristic", source=Label("测试", "a test")),
        title=title,
        message=Label("总计 {actual} 不是偶数。", "The total {actual} is not even."),
        unchecked=Label("无法核对（{missing}）", "Not checkable ({missing})"),
    )
    found = r.evaluate(lambda p: 3)
    assert found is not None
    assert (found.rule, found.actual, found.message_en) == ("X-1", 3, "The total 3 is not even.")
    assert r.evaluate(lambda p: 4) is None
    blank = r.evaluate(Blank)
    assert blank is not None
    assert not blank.checkable
    assert r.to_dict()["parity"] == "even"
    ns: dict[str, Any] = {}
    assert validate_module._test(r, ["v0"], ns, 0) == "v0 % 2"


def test_the_fast_path_dispatches_through_the_registry(monkeypatch: pytest.MonkeyPatch) -> None:
    """The generated checker inlines, for each rule, the expression its kind's entry compiles."""
    order = KINDS["date-order"]
    monkeypatch.setitem(
        core._KINDS, "date-order", attrs.evolve(order, compile=lambda *_: "SENTINEL")
    )
    for version in t.VERSIONS:
        source = validate_module.generated_source(version)
        indexes = [
            i for i, r in enumerate(validate_module.rules(version)) if r.kind == "date-order"
        ]
        assert indexes
        for i in indexes:
            assert f"if SENTINEL: fail({i})" in source


#: A quoted template version, as a version filter would spell it.
VERSION_LITERAL = re.compile(r"""["']20(19|21)["']""")


@pytest.mark.parametrize(
    "path",
    [
        *sorted((SRC / "rules").glob("*.py")),
        SRC / "validate.py",
        SRC / "normalize.py",
        SRC / "crosscheck.py",
        SRC / "strategies.py",
        *sorted((SRC / "findings").glob("*.py")),
    ],
    ids=lambda p: str(p.relative_to(SRC)),
)
def test_no_version_is_named(path: Path) -> None:
    """Applicability comes from the model and the template registry, never a version string."""
    assert not VERSION_LITERAL.search(path.read_text(encoding="utf-8"))


def test_builders_follow_the_model() -> None:
    """A table-二 builder yields rules exactly for the versions whose table uses its class."""
    from govdisclosure.model import DocumentCounts, DocumentCounts2019
    from govdisclosure.rules import table2

    field = dict(specs(g.Report))["proactive_disclosure"]
    for version in t.VERSIONS:
        table = target(field, version)
        assert table is not None
        used = {s.cls for _, s in specs(table)}
        assert bool(table2.t2_3(version)) == (DocumentCounts in used)
        assert bool(table2.t2p_3(version)) == (DocumentCounts2019 in used)
        assert bool(table2.t2_2(version)) == (DocumentCounts in used)


def test_normalize_is_importable_from_its_module_and_from_validate() -> None:
    """``normalize`` lives in its own module; the old import path keeps working."""
    from govdisclosure.normalize import normalize
    from govdisclosure.validate import normalize as old

    assert old is normalize is g.normalize
