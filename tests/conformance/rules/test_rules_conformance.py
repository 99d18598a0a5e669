"""Run the language-neutral rule conformance suite (``cases/*.json``) against this library.

Each case names a base document and a JSON Patch (or gives raw text or a JSON value) and lists
the exact findings a validator must produce. ``generate.py`` writes the cases; see README.md.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from govdisclosure import from_dict
from govdisclosure.crosscheck import check_aggregate, check_series
from govdisclosure.rules import RULES
from govdisclosure.validate import validate

HERE = Path(__file__).parent
ROOT = HERE.parents[2]


def _load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


CASES: list[dict[str, Any]] = [
    case for path in sorted((HERE / "cases").glob("*.json")) for case in _load(path)["cases"]
]


def _patch(doc: Any, ops: list[dict[str, Any]]) -> Any:
    doc = copy.deepcopy(doc)
    for op in ops:
        tokens = [t.replace("~1", "/").replace("~0", "~") for t in op["path"][1:].split("/")]
        parent = doc
        for t in tokens[:-1]:
            parent = parent[int(t)] if isinstance(parent, list) else parent[t]
        if op["op"] == "remove":
            del parent[tokens[-1]]
        else:
            assert op["op"] in ("add", "replace")
            parent[tokens[-1]] = copy.deepcopy(op["value"])
    return doc


def _input(spec: dict[str, Any]) -> Any:
    if "text" in spec:
        return spec["text"]
    if "json" in spec:
        return spec["json"]
    return _patch(_load(HERE / "documents" / f"{spec['document']}.json"), spec["patch"])


def _findings(case: dict[str, Any]) -> list[dict[str, Any]]:
    check = case["check"]
    if check == "report":
        result = validate(_input(case["input"]))
    elif check == "series":
        result = check_series([from_dict(_input(i)) for i in case["inputs"]])
    else:
        assert check == "aggregate"
        result = check_aggregate(
            from_dict(_input(case["summary"])),
            [from_dict(_input(i)) for i in case["departments"]],
            complete=case["complete"],
        )
    return [f.to_dict() for f in result.findings]


def _key(finding: dict[str, Any]) -> str:
    return json.dumps([finding["rule"], finding["pointers"]], ensure_ascii=False)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_case(case: dict[str, Any]) -> None:
    actual = sorted(_findings(case), key=_key)
    expected = sorted(case["expected"], key=_key)
    assert [_key(f) for f in actual] == [_key(f) for f in expected]
    for got, want in zip(actual, expected, strict=True):
        want = {"checkable": True, **want}
        assert {k: got[k] for k in want} == want


def test_case_ids_are_unique() -> None:
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids))


def test_every_rule_has_a_failing_and_a_not_checkable_case_per_version() -> None:
    fired: set[tuple[str, str]] = set()
    blank: set[tuple[str, str]] = set()
    for case in CASES:
        for f in case["expected"]:
            if case["version"] is not None:
                (fired if f.get("checkable", True) else blank).add((f["rule"], case["version"]))
    for rule in RULES:
        for version in rule.versions:
            assert (rule.id, version) in fired, (rule.id, version)
            assert (rule.id, version) in blank, (rule.id, version)


def test_documents_match_the_published_catalogue() -> None:
    """The suite was generated from the committed rules.json; both must describe one catalogue."""
    published = _load(ROOT / "schemas" / "rules.json")["rules"]
    ids = {(r["id"], v) for r in published for v in r["versions"]}
    assert ids == {(r.id, v) for r in RULES for v in r.versions}


def _declared(rule_id: str, catalogue: list[dict[str, Any]]) -> dict[str, Any] | None:
    for entry in catalogue:
        if rule_id == entry["id"] or (entry["family"] and rule_id.startswith(entry["id"] + ".")):
            return entry
    return None


def test_every_expected_finding_is_in_the_published_finding_catalogue() -> None:
    """Each finding a case expects is declared in the committed findings.json, with its severity:
    a validator in another language can read every id's meaning from there."""
    catalogue = _load(ROOT / "schemas" / "findings.json")["findings"]
    for case in CASES:
        for f in case["expected"]:
            entry = _declared(f["rule"], catalogue)
            assert entry is not None, (case["id"], f["rule"])
            assert f["severity"] in entry["severities"], (case["id"], f["rule"])
