"""The generated JSON Schema, its committed copy, and its agreement with loads and ajv."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

import govdisclosure as g
from govdisclosure.artifacts import ARTIFACTS
from govdisclosure.cli import main
from govdisclosure.schema import SCHEMA_ID, SCHEMA_VERSION, json_schema

from .conftest import EXAMPLES, ROOT, load_json

CASES = sorted((ROOT / "tests" / "conformance" / "schema").glob("*.json"))
NODE_DIR = ROOT / "tests" / "node"


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = load_json(ROOT / "schemas" / "report.schema.json")
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def test_schema_is_valid_draft_2020_12() -> None:
    Draft202012Validator.check_schema(json_schema())


@pytest.mark.parametrize("rel", sorted(ARTIFACTS), ids=str)
def test_committed_artifact_is_up_to_date(rel: str) -> None:
    committed = (ROOT / rel).read_text(encoding="utf-8")
    assert committed == ARTIFACTS[rel](), f"{rel} is stale: run `python -m govdisclosure generate`"


def test_cli_prints_the_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out) == json_schema()


def test_id_carries_the_schema_version() -> None:
    assert SCHEMA_VERSION in SCHEMA_ID
    assert json_schema()["$id"] == SCHEMA_ID


def _properties(node: Any) -> list[tuple[str, dict[str, Any]]]:
    found = []
    if isinstance(node, dict):
        for name, prop in node.get("properties", {}).items():
            found.append((name, prop))
        for value in node.values():
            found.extend(_properties(value))
    elif isinstance(node, list):
        for value in node:
            found.extend(_properties(value))
    return found


def test_every_property_has_titles_and_a_description() -> None:
    props = _properties(json_schema())
    assert len(props) > 100
    for name, prop in props:
        if prop == {"const": "2019"}:  # the version switch of the if/then/else
            continue
        assert prop.get("title"), name
        assert prop.get("x-title-zh"), name
        assert prop.get("description"), name


def test_counts_have_minimum_zero_and_codes_are_enums() -> None:
    props = dict(_properties(json_schema()["$defs"]["ApplicantCounts"]))
    assert all(p["minimum"] == 0 and p["type"] == ["integer", "null"] for p in props.values())
    level = dict(_properties(json_schema()["$defs"]["Agency"]))["level"]
    assert level["enum"] == ["central", "provincial", "prefectural", "county", "township", None]


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_conformance_case(path: Path, validator: Draft202012Validator) -> None:
    case = load_json(path)
    doc = case["document"]
    schema_valid = validator.is_valid(doc)
    assert schema_valid is case["valid"], list(validator.iter_errors(doc))[:3]
    if case["valid"]:
        assert g.to_dict(g.from_dict(doc)) == doc
    else:
        with pytest.raises(g.ReportError) as info:
            g.from_dict(doc)
        pointers = {f.pointer for f in info.value.findings}
        assert set(case["pointers"]) <= pointers


def test_every_example_is_schema_valid(validator: Draft202012Validator) -> None:
    for path in EXAMPLES.glob("*.json"):
        assert validator.is_valid(load_json(path)), path.name


def test_ajv_under_node_gives_the_same_verdicts(validator: Draft202012Validator) -> None:
    node = shutil.which("node")
    if node is None or not (NODE_DIR / "node_modules" / "ajv").is_dir():
        if os.environ.get("CI"):
            pytest.fail("CI must install Node and `npm ci --prefix tests/node`")
        pytest.skip("node or tests/node/node_modules missing: run `npm ci --prefix tests/node`")
    files = [*sorted(EXAMPLES.glob("*.json")), *CASES]
    out = subprocess.run(
        [node, str(NODE_DIR / "validate.mjs"), str(ROOT / "schemas" / "report.schema.json")]
        + [str(f) for f in files],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    verdicts = json.loads(out.stdout)
    assert len(verdicts) == len(files)
    for f in files:
        doc = load_json(f)
        doc = doc.get("document", doc)
        python_schema = validator.is_valid(doc)
        try:
            g.from_dict(doc)
            python_loads = True
        except g.ReportError:
            python_loads = False
        assert verdicts[str(f)]["valid"] is python_schema is python_loads, f.name
