"""The finding registry: every id the library emits is declared once, and every declared id is
emitted somewhere."""

from __future__ import annotations

import ast
import json
import re
import string
from pathlib import Path
from typing import Any

import pytest

from govdisclosure import parse as parse_document
from govdisclosure.findings import FINDINGS, FindingType, declare, lookup
from govdisclosure.findings.catalogue import findings_document
from govdisclosure.rules import RULES

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "govdisclosure"
DECLARED = SRC / "findings" / "declared.py"
#: What a finding id of the library looks like (rule ids are the rule families).
ID = re.compile(
    r"(parse|read|record|schema|json|dump|validate|normalize|series|aggregate)\.[A-Za-z0-9_.-]+"
)
#: JSON Schema keywords that only apply subschemas: their errors carry the inner keyword.
APPLICATORS = {"$ref", "items", "if", "then", "else", "allOf", "properties", "$defs"}
#: Keywords whose values are data, not subschemas.
DATA = {"const", "enum", "default", "examples"}


def _literals() -> dict[str, list[str]]:
    """Every finding id written in src/: string literals that look like one, and any literal
    passed as ``rule=``; with where each is written."""
    out: dict[str, list[str]] = {}
    for path in sorted(SRC.rglob("*.py")):
        if path == DECLARED:
            continue
        rel = str(path.relative_to(SRC))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.keyword) and node.arg == "rule":
                node = node.value  # a finding's id, whatever it looks like
            elif not (isinstance(node, ast.Constant) and ID.fullmatch(str(node.value))):
                continue
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                out.setdefault(node.value, []).append(f"{rel}:{node.lineno}")
    return out


def _load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def _emitted_by_the_suites() -> set[tuple[str, str]]:
    """``(id, severity)`` of every finding the parse fixtures and the rule conformance cases
    expect, and of every finding the parser emits on the fixtures."""
    out: set[tuple[str, str]] = set()
    for path in sorted((ROOT / "tests" / "conformance" / "rules" / "cases").glob("*.json")):
        for case in _load(path)["cases"]:
            out |= {(f["rule"], f["severity"]) for f in case["expected"]}
    for source in sorted((ROOT / "tests" / "fixtures" / "parse").glob("*/source.*")):
        out |= {(f.rule, f.severity) for f in parse_document(source).findings}
    out |= {
        (f.rule, f.severity)
        for f in parse_document(ROOT / "examples" / "sources" / "muchang-2023.txt").findings
    }
    return out


def test_every_id_written_in_the_source_is_declared() -> None:
    """A finding-id literal anywhere in src/ names a declared id (not a rule family)."""
    missing = {i: where for i, where in _literals().items() if i not in FINDINGS}
    assert not missing, missing


def test_every_id_the_suites_emit_is_declared_with_its_severity() -> None:
    """Running the parser on its fixtures and reading the conformance cases yields only
    declared ids, each with a severity its declaration allows."""
    for rule_id, severity in sorted(_emitted_by_the_suites()):
        declared = lookup(rule_id)
        assert declared is not None, rule_id
        assert severity in declared.severities, (rule_id, severity)


def test_every_rule_is_covered_by_its_family() -> None:
    """Each rule id of the catalogue falls under exactly the family of its base."""
    for r in RULES:
        declared = lookup(r.id)
        assert declared is not None, r.id
        assert declared.family, r.id
        assert declared.id == r.base, r.id
        assert r.severity in declared.severities


def test_every_declared_id_is_emitted_somewhere() -> None:
    """No declaration is dead: a plain id is written in the source outside the declarations,
    a family has rules, and a strict-only ``schema.<keyword>`` is a keyword the published
    JSON Schema uses (strict validation reports ``schema.`` plus the failing keyword)."""
    literals = _literals()
    schema_text = (ROOT / "schemas" / "report.schema.json").read_text(encoding="utf-8")
    bases = {r.base for r in RULES}
    for entry in FINDINGS.values():
        if entry.family:
            assert entry.id in bases, entry.id
        elif entry.id in literals:
            continue
        else:
            keyword = entry.id.removeprefix("schema.")
            assert "strict" in entry.messages, entry.id
            assert f'"{keyword}"' in schema_text, entry.id


def test_strict_keywords_match_the_published_schema() -> None:
    """Every validating keyword of the published JSON Schema has a declared strict wording."""
    keywords: set[str] = set()

    def visit(node: Any, *, names: bool = False) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if names:  # property names, not keywords
                    visit(value)
                    continue
                if key.startswith("x-"):
                    continue  # annotations hold no keywords
                if key not in APPLICATORS:
                    keywords.add(key)
                if key not in DATA:  # literal values hold no keywords
                    visit(value, names=key in ("properties", "$defs"))
        elif isinstance(node, list):
            for item in node:
                visit(item)

    schema = _load(ROOT / "schemas" / "report.schema.json")
    visit(schema)
    keywords -= {"$schema", "$id", "title", "description", "default", "examples", "$comment"}
    declared = {e.id.removeprefix("schema.") for e in FINDINGS.values() if "strict" in e.messages}
    assert keywords == declared


@pytest.mark.parametrize("entry", list(FINDINGS.values()), ids=lambda e: e.id)
def test_declarations_are_complete(entry: FindingType) -> None:
    """Each declaration has a one-line doc, and each wording both languages."""
    assert entry.doc
    assert "\n" not in entry.doc
    for label in entry.messages.values():
        assert label.zh
        assert label.en
        fields = {n for _, n, _, _ in string.Formatter().parse(label.zh) if n}
        assert fields == {n for _, n, _, _ in string.Formatter().parse(label.en) if n}
    if not entry.family:
        assert entry.messages


def test_finding_builds_from_the_declaration() -> None:
    """``FINDINGS[id].finding`` fills the templates and records expected/actual."""
    found = FINDINGS["normalize.total"].finding(
        "/a/b", expected=3, values={"/a/b": 3}, rule="T4-1.review"
    )
    assert found.rule == "normalize.total"
    assert found.severity == "info"
    assert found.pointers == ("/a/b",)
    assert found.message_en == "blank total filled with the sum of its parts (T4-1.review): 3"
    assert found.message_zh == "空白的合计单元格按各项之和（T4-1.review）填为 3。"
    assert found.expected == 3


def test_finding_refuses_an_undeclared_severity() -> None:
    """A severity the declaration does not allow is a bug at the call site."""
    with pytest.raises(ValueError, match=r"normalize\.zero"):
        FINDINGS["normalize.zero"].finding("/x", severity="error")


def test_an_id_is_declared_once() -> None:
    """Declaring an id twice is refused."""
    with pytest.raises(ValueError, match="already declared"):
        declare("normalize.zero", "info", "again", "再", "again")


def test_the_published_catalogue_lists_every_declaration() -> None:
    """``schemas/findings.json`` holds every declaration, in order, with its placeholders."""
    doc = _load(ROOT / "schemas" / "findings.json")
    assert doc == json.loads(json.dumps(findings_document()))
    assert [f["id"] for f in doc["findings"]] == list(FINDINGS)
    total = next(f for f in doc["findings"] if f["id"] == "normalize.total")
    assert total["messages"]["default"]["placeholders"] == ["rule", "expected"]
