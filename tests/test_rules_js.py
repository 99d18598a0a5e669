"""A second implementation of the rules, in JavaScript under Node, agrees with govdisclosure.

``tests/node/rules.mjs`` evaluates ``schemas/rules.json`` from the published documents alone. It
runs the whole rule conformance suite plus the extra cases below (blanks, absent keys, series and
aggregates the suite does not plant) and must give, for every case, the findings the case
expects and exactly the findings govdisclosure gives: every field, the zh and en messages
included. That the rules run unchanged in a second language is what makes them language-neutral.
"""

from __future__ import annotations

import copy
import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

import govdisclosure as g
from govdisclosure.crosscheck import check_aggregate, check_series
from govdisclosure.validate import validate

from .conftest import ROOT, load_json

NODE_DIR = ROOT / "tests" / "node"
SUITE = ROOT / "tests" / "conformance" / "rules"
CASE_FILES = sorted((SUITE / "cases").glob("*.json"))


def _doc(name: str, *patch: tuple[str, str, Any]) -> dict[str, Any]:
    return {"document": name, "patch": [{"op": op, "path": p, "value": v} for op, p, v in patch]}


def _remove(name: str, path: str) -> dict[str, Any]:
    return {"document": name, "patch": [{"op": "remove", "path": path}]}


def _report(name: str, spec: dict[str, Any]) -> dict[str, Any]:
    return {"id": f"extra/{name}", "check": "report", "input": spec}


R = "replace"
NP = "/applications/outcomes/{}/natural_person"

# Inputs the suite does not plant, where an implementation from the docs could go wrong: several
# blank cells in one rule (the separator and the ellipsis of {missing}), blank rows and absent
# keys, schema errors of other kinds, the deadline with several blanks, and the checks across
# reports with blank tables, mixed versions, a duplicate year and a table-四 cell.
EXTRA_CASES: list[dict[str, Any]] = [
    _report(
        "two-blanks",
        _doc(
            "report-2021",
            (R, "/review_litigation/review/upheld", None),
            (R, "/review_litigation/review/corrected", None),
        ),
    ),
    _report(
        "four-blanks",
        _doc(
            "report-2021",
            *(
                (R, NP.format(row), None)
                for row in (
                    "disclosed",
                    "partially_disclosed",
                    "unavailable/not_held",
                    "unavailable/needs_creation",
                )
            ),
        ),
    ),
    _report(
        "row-and-cell",
        _doc(
            "report-2019",
            (R, "/applications/outcomes/other_handling", None),
            (R, NP.format("disclosed"), None),
        ),
    ),
    _report("absent-cell", _remove("report-2021", "/review_litigation/review/pending")),
    _report("absent-row", _remove("report-2021", "/applications/outcomes/other_handling/other")),
    _report("row-wrong-type", _doc("report-2021", (R, "/proactive_disclosure/regulations", 5))),
    _report("negative-count", _doc("report-2021", (R, "/review_litigation/review/upheld", -1))),
    _report("bad-date", _doc("report-2021", (R, "/period/end", "2023-13-45"))),
    _report("bad-enum", _doc("report-2021", (R, "/agency/kind", "ministry"))),
    _report("as-text", {"text": (SUITE / "documents" / "report-2021.json").read_text("utf-8")}),
    _report("unknown-version", _doc("report-2021", (R, "/template_version", "2020"))),
    _report("period-not-an-object", _doc("report-2021", (R, "/period", "2023"))),
    _report("empty-object", {"json": {}}),
    _report("year-blank", _doc("report-2021", (R, "/period/year", None))),
    _report(
        "deadline-published-and-kind-blank",
        _doc("report-2021", (R, "/source/published", None), (R, "/agency/kind", None)),
    ),
    _report(
        "deadline-other-published-blank",
        _doc("report-2021", (R, "/source/published", None), (R, "/agency/kind", "other")),
    ),
    _report(
        "dates-all-wrong",
        _doc(
            "report-2019",
            (R, "/period/start", "2020-03-01"),
            (R, "/period/end", "2018-06-30"),
            (R, "/source/published", "2021-01-05"),
        ),
    ),
    {
        "id": "extra/series-blank-table",
        "check": "series",
        "inputs": [
            _doc("previous-2021", (R, "/applications", None)),
            _doc("report-2021", (R, "/proactive_disclosure/regulations", None)),
        ],
    },
    {
        "id": "extra/series-mixed-versions",
        "check": "series",
        "inputs": [_doc("report-2019", (R, "/period/year", 2022)), _doc("report-2021")],
    },
    {
        "id": "extra/series-duplicate-year",
        "check": "series",
        "inputs": [_doc("previous-2021"), _doc("report-2021"), _doc("report-2021")],
    },
    {
        "id": "extra/series-three-years",
        "check": "series",
        "inputs": [
            _doc("report-2021", (R, "/period/year", 2024)),
            _doc("previous-2021"),
            _doc("report-2021", (R, "/applications/carried_forward/other", 9)),
        ],
    },
    {
        "id": "extra/aggregate-table-4",
        "check": "aggregate",
        "complete": True,
        "summary": _doc("report-2021", (R, "/review_litigation/review/total", 6)),
        "departments": [_doc("department-a-2021"), _doc("department-b-2021")],
    },
    {
        "id": "extra/aggregate-blank-row",
        "check": "aggregate",
        "complete": True,
        "summary": _doc("report-2021"),
        "departments": [
            _doc("department-a-2021", (R, "/applications/outcomes/other_handling/other", None)),
            _doc("department-b-2021"),
        ],
    },
    {
        "id": "extra/aggregate-other-year",
        "check": "aggregate",
        "complete": False,
        "summary": _doc("report-2019", (R, "/review_litigation", None)),
        "departments": [_doc("department-a-2019", (R, "/period/year", 2018))],
    },
]


def _patch(doc: Any, ops: list[dict[str, Any]]) -> Any:
    doc = copy.deepcopy(doc)
    for op in ops:
        *path, last = [t.replace("~1", "/").replace("~0", "~") for t in op["path"][1:].split("/")]
        parent = doc
        for token in path:
            parent = parent[token]
        if op["op"] == "remove":
            del parent[last]
        else:
            parent[last] = copy.deepcopy(op["value"])
    return doc


def _input(spec: dict[str, Any]) -> Any:
    if "text" in spec:
        return spec["text"]
    if "json" in spec:
        return spec["json"]
    return _patch(load_json(SUITE / "documents" / f"{spec['document']}.json"), spec["patch"])


def _python_findings(case: dict[str, Any]) -> list[dict[str, Any]]:
    if case["check"] == "report":
        result = validate(_input(case["input"]))
    elif case["check"] == "series":
        result = check_series([g.from_dict(_input(i)) for i in case["inputs"]])
    else:
        result = check_aggregate(
            g.from_dict(_input(case["summary"])),
            [g.from_dict(_input(i)) for i in case["departments"]],
            complete=case["complete"],
        )
    return [f.to_dict() for f in result.findings]


def _node() -> str:
    node = shutil.which("node")
    if node is None or not (NODE_DIR / "node_modules" / "ajv").is_dir():
        if os.environ.get("CI"):
            pytest.fail("CI must install Node and `npm ci --prefix tests/node`")
        pytest.skip("node or tests/node/node_modules missing: run `npm ci --prefix tests/node`")
    return node


def test_extra_case_ids_are_unique_and_new() -> None:
    """The extra cases have ids of their own, distinct from the suite's."""
    suite = {c["id"] for f in CASE_FILES for c in load_json(f)["cases"]}
    extra = [c["id"] for c in EXTRA_CASES]
    assert len(set(extra)) == len(extra)
    assert not suite & set(extra)


def test_node_evaluator_agrees_with_the_suite_and_with_govdisclosure(tmp_path: Path) -> None:
    """Every case gives the expected findings, and exactly govdisclosure's, messages included."""
    node = _node()
    cases = [c for f in CASE_FILES for c in load_json(f)["cases"]] + EXTRA_CASES
    extra = tmp_path / "extra-cases.json"
    extra.write_text(json.dumps({"cases": EXTRA_CASES}, ensure_ascii=False), "utf-8")
    python = tmp_path / "python-findings.json"
    python.write_text(
        json.dumps({c["id"]: _python_findings(c) for c in cases}, ensure_ascii=False), "utf-8"
    )
    out = subprocess.run(
        [node, str(NODE_DIR / "rules.mjs"), "--python", str(python)]
        + [str(f) for f in CASE_FILES]
        + [str(extra)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.stderr == ""
    assert out.returncode == 0, out.stdout[-20000:]
    assert out.stdout.splitlines()[-1] == f"{len(cases)} passed, 0 failed"


def test_node_evaluator_reports_a_disagreement(tmp_path: Path) -> None:
    """A wrong expectation is a failed case with its reason, and a non-zero exit."""
    node = _node()
    case = next(
        c for c in load_json(SUITE / "cases" / "table4.json")["cases"] if "/fails" in c["id"]
    )
    wrong = copy.deepcopy(case)
    for f in wrong["expected"]:
        if "difference" in f:
            f["difference"] += 1
    path = tmp_path / "wrong.json"
    path.write_text(json.dumps({"cases": [case, wrong]}, ensure_ascii=False), "utf-8")
    out = subprocess.run(
        [node, str(NODE_DIR / "rules.mjs"), str(path)], capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 1
    assert f"FAIL {case['id']}" in out.stdout
    assert "difference" in out.stdout
    assert out.stdout.splitlines()[-1] == "1 passed, 1 failed"
