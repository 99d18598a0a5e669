"""The schemas of a finding, a parse record and validate output hold for the CLI's real output.

Each output is produced by running the command line on real inputs (text, HTML, PDF, unreadable
files, inconsistent and unparsable JSON), then checked with jsonschema and, under Node, ajv.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

import govdisclosure as g
from govdisclosure.cli import main

from ._pdfgen import ruled_pdf
from .conftest import EXAMPLES, ROOT, load_json

SCHEMAS = ROOT / "schemas"
NODE_DIR = ROOT / "tests" / "node"
REFS = ("report.schema.json", "finding.schema.json")
RECORDS = ("finding.schema.json", "parse-record.schema.json", "validation.schema.json")


def _registry() -> Registry[Any]:
    resources = [Resource.from_contents(load_json(SCHEMAS / name)) for name in REFS]
    return Registry[Any]().with_resources((r.id() or "", r) for r in resources)


def _validator(name: str) -> Draft202012Validator:
    schema = load_json(SCHEMAS / name)
    return Draft202012Validator(
        schema, registry=_registry(), format_checker=Draft202012Validator.FORMAT_CHECKER
    )


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, Any]:
    status = main([*argv, "--quiet"])
    return status, json.loads(capsys.readouterr().out)


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of real inputs: text, HTML, PDF, a file no reader takes, an empty file."""
    folder = tmp_path_factory.mktemp("inputs")
    shutil.copy(EXAMPLES / "sources" / "muchang-2023.txt", folder / "muchang.txt")
    shutil.copy(ROOT / "tests/fixtures/parse/html-2021-township/source.html", folder / "t.html")
    (folder / "ruled.pdf").write_bytes(ruled_pdf())
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7 not really")
    (folder / "empty.txt").write_bytes(b"")
    return folder


@pytest.mark.parametrize("name", RECORDS)
def test_record_schemas_are_valid_draft_2020_12(name: str) -> None:
    """Each published record schema is itself a valid Draft 2020-12 schema."""
    Draft202012Validator.check_schema(load_json(SCHEMAS / name))


def test_parse_records_match_the_schema(
    inputs: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Every record parse writes (plain, --validate --provenance, --jsonl) is schema-valid."""
    records = _parse_records(inputs, capsys, tmp_path)
    formats = {r["format"] for r in records}
    assert {"text", "html", "pdf", None} <= formats  # the unreadable file has no format
    assert any("provenance" in r for r in records)
    assert any(r["report"] is None for r in records)
    parse_v, finding_v = _validator("parse-record.schema.json"), _validator("finding.schema.json")
    for record in records:
        errors = [e.message for e in parse_v.iter_errors(record)]
        assert not errors, (record["file"], errors[:3])
        for finding in record["findings"]:
            assert finding_v.is_valid(finding), finding


def _parse_records(
    inputs: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> list[dict[str, Any]]:
    out = tmp_path / "all.json"
    main(["parse", str(inputs), "-o", str(out), "--quiet"])
    capsys.readouterr()
    records: list[dict[str, Any]] = load_json(out)
    _, one = _run(["parse", str(inputs / "muchang.txt"), "--validate", "--provenance"], capsys)
    records.append(one)
    main(["parse", str(inputs), "--jsonl", "--quiet"])
    records += [json.loads(line) for line in capsys.readouterr().out.splitlines() if line]
    return records


def _validation_outputs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> list[Any]:
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    outputs = []
    for argv in (
        [str(EXAMPLES / "report-2021.json")],
        [str(EXAMPLES / "planted-inconsistency-2021.json"), str(EXAMPLES / "muchang-2023.json")],
        [str(EXAMPLES), str(tmp_path / "bad.json"), str(tmp_path / "absent.json")],
    ):
        _, document = _run(["validate", *argv, "--format", "json"], capsys)
        outputs.append(document)
    return outputs


def test_validate_output_matches_the_schema(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """validate --format json output is schema-valid: clean, inconsistent and unreadable input."""
    outputs = _validation_outputs(tmp_path, capsys)
    assert {o["summary"]["exit_status"] for o in outputs} == {0, 1, 2}
    assert any(not f["readable"] for o in outputs for f in o["files"])
    validator = _validator("validation.schema.json")
    for document in outputs:
        errors = [e.message for e in validator.iter_errors(document)]
        assert not errors, errors[:3]


def test_the_schemas_reject_a_wrong_shape() -> None:
    """The schemas are closed: an unknown key, a bad severity or a missing field is invalid."""
    finding = g.validate(load_json(EXAMPLES / "planted-inconsistency-2021.json")).findings[0]
    good = finding.to_dict()
    validator = _validator("finding.schema.json")
    assert validator.is_valid(good)
    assert not validator.is_valid(good | {"severity": "fatal"})
    assert not validator.is_valid(good | {"extra": 1})
    assert not validator.is_valid({k: v for k, v in good.items() if k != "rule"})
    record = {"file": "x", "format": "odt", "report": None, "findings": [good]}
    assert not _validator("parse-record.schema.json").is_valid(record)


def test_ajv_accepts_the_same_outputs(
    inputs: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Under Node, ajv finds every real record and validate output valid, and a bad one not."""
    node = shutil.which("node")
    if node is None or not (NODE_DIR / "node_modules" / "ajv").is_dir():
        if os.environ.get("CI"):
            pytest.fail("CI must install Node and `npm ci --prefix tests/node`")
        pytest.skip("node or tests/node/node_modules missing: run `npm ci --prefix tests/node`")
    records = _parse_records(inputs, capsys, tmp_path)
    outputs = _validation_outputs(tmp_path, capsys)
    cases = {
        "parse-record.schema.json": [*records, records[0] | {"format": "odt"}],
        "validation.schema.json": outputs,
        "finding.schema.json": [f for r in records for f in r["findings"]],
    }
    refs = [arg for name in REFS for arg in ("--ref", str(SCHEMAS / name))]
    for name, documents in cases.items():
        files = []
        for k, document in enumerate(documents):
            path = tmp_path / f"{name}.{k}.json"
            path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
            files.append(str(path))
        # The finding schema stands alone; the others refer to the report and finding schemas.
        refs_for = [] if name == "finding.schema.json" else refs
        out = subprocess.run(
            [node, str(NODE_DIR / "records.mjs"), str(SCHEMAS / name), *refs_for, *files],
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        )
        verdicts = json.loads(out.stdout)
        expected = [True] * len(files)
        if name == "parse-record.schema.json":
            expected[-1] = False  # the record with a reader that does not exist
        assert [verdicts[f]["valid"] for f in files] == expected, name
