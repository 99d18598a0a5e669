"""The fidelity evaluator runs over the corpus and its counts add up; the corpus is well formed.

These tests check the measurement, never the parser's accuracy: the accuracy is what the
evaluator reports (see ``docs/fidelity.md``), and it is expected to change.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "fixtures" / "fidelity"
CASES = sorted(p for p in CORPUS.iterdir() if p.is_dir() and (p / "truth.json").is_file())
TRUTH_KEYS = {
    "layout",
    "agency",
    "agency_candidates",
    "year",
    "template_version",
    "period",
    "title",
    "cells",
    "absent_tables",
    "expect_findings",
}


def _module(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def fidelity() -> ModuleType:
    return _module(ROOT / "eval" / "fidelity.py", "fidelity_eval")


@pytest.fixture(scope="module")
def evaluated(fidelity: ModuleType) -> tuple[Any, list[Any]]:
    return fidelity.evaluate()  # type: ignore[no-any-return]


def _truth(folder: Path) -> Any:
    return json.loads((folder / "truth.json").read_text(encoding="utf-8"))


def _cell_pointers() -> dict[str, set[str]]:
    catalogue = json.loads((ROOT / "schemas" / "catalogue.json").read_text(encoding="utf-8"))
    out: dict[str, set[str]] = {"2019": set(), "2021": set()}
    for entry in catalogue["entries"]:
        if entry["role"] == "cell":
            for version in entry["versions"]:
                out[version].add(entry["pointer"])
    return out


def test_the_corpus_has_thirty_cases_or_more() -> None:
    """The corpus holds at least 30 cases, each with exactly one source and a truth."""
    assert len(CASES) >= 30
    for folder in CASES:
        assert len(list(folder.glob("source.*"))) == 1, folder.name


@pytest.mark.parametrize("folder", CASES, ids=lambda p: p.name)
def test_each_truth_is_well_formed(folder: Path) -> None:
    """A truth names only catalogue cells of its version, outside the tables it calls absent."""
    truth = _truth(folder)
    assert set(truth) <= TRUTH_KEYS
    assert {"agency", "year", "template_version", "cells", "absent_tables"} <= set(truth)
    if truth["agency"] is None:
        assert isinstance(truth["agency_candidates"], list)
    assert truth["template_version"] in ("2019", "2021", None)
    assert set(truth["absent_tables"]) <= {"二", "三", "四"}
    cells = truth["cells"]
    if truth["template_version"] is None:
        assert cells == {}
        return
    known = _cell_pointers()[truth["template_version"]]
    assert set(cells) <= known, sorted(set(cells) - known)
    tables = {"二": "/proactive_disclosure/", "三": "/applications/", "四": "/review_litigation/"}
    for number in truth["absent_tables"]:
        assert not any(p.startswith(tables[number]) for p in cells), number
    for value in cells.values():
        assert value is None or type(value) is int or isinstance(value, str)


def _rows(cells: dict[str, Any], prefix: str) -> dict[str, dict[str, Any]]:
    rows: dict[str, dict[str, Any]] = {}
    for pointer, value in cells.items():
        if pointer.startswith(prefix):
            row, column = pointer[len(prefix) :].rsplit("/", 1)
            rows.setdefault(row, {})[column] = value
    return rows


def _whole(row: dict[str, Any], size: int) -> bool:
    return len(row) == size and all(type(v) is int for v in row.values())


@pytest.mark.parametrize("folder", CASES, ids=lambda p: p.name)
def test_each_truth_adds_up(folder: Path) -> None:
    """The hand-typed figures add up: row totals, （七）, 一 + 二 = （七） + 四, table 四's totals.

    Only rows printed whole with integers are checked (a cut or blank row cannot be).
    """
    cells = _truth(folder)["cells"]
    t3 = _rows(cells, "/applications/")
    columns: tuple[str, ...] = ("natural_person", "commercial_enterprise", "research_institution")
    columns += ("social_welfare_org", "legal_service_org", "other")
    for name, row in t3.items():
        if _whole(row, 7):
            assert row["total"] == sum(row[c] for c in columns), name
    ends = ("new_requests", "carried_over", "outcomes/total", "carried_forward")
    if all(_whole(t3.get(r, {}), 7) for r in ends):
        for c in (*columns, "total"):
            balance = t3["new_requests"][c] + t3["carried_over"][c]
            assert balance == t3["outcomes/total"][c] + t3["carried_forward"][c], c
    leaves = [r for r in t3 if r.startswith("outcomes/") and r != "outcomes/total"]
    if leaves and all(_whole(t3[r], 7) for r in [*leaves, "outcomes/total"]):
        for c in (*columns, "total"):
            assert t3["outcomes/total"][c] == sum(t3[r][c] for r in leaves), c
    for name, row in _rows(cells, "/review_litigation/").items():
        if _whole(row, 5):
            outcomes = ("upheld", "corrected", "other", "pending")
            assert row["total"] == sum(row[c] for c in outcomes), name


def test_the_authoring_script_reproduces_the_committed_corpus() -> None:
    """Every source and truth is what ``_cases.py`` writes: the script is the corpus's record."""
    cases = _module(CORPUS / "_cases.py", "fidelity_cases")
    assert sorted(cases.CASES) == [p.name for p in CASES]
    for name, make in cases.CASES.items():
        filename, source, truth = make()
        path = CORPUS / name / filename
        if isinstance(source, bytes):
            assert path.read_bytes() == source, name
        else:
            assert path.read_text(encoding="utf-8") == source, name
        assert _truth(CORPUS / name) == truth, name


def test_the_counts_add_up(evaluated: tuple[Any, list[Any]]) -> None:
    """Right + wrong + missing is the number of cases scored, and no part exceeds its whole."""
    summary, results = evaluated
    assert summary.cases == len(CASES) == len(results)
    for tally in (summary.agency, summary.year, summary.version):
        assert tally.right + tally.wrong + tally.missing == summary.cases
    titled = sum("title" in _truth(folder) for folder in CASES)
    assert summary.title.total == titled
    assert summary.period.total == sum("period" in _truth(folder) for folder in CASES)
    assert summary.cells_printed == sum(len(_truth(folder)["cells"]) for folder in CASES)
    assert 0 <= summary.cells_exact <= summary.cells_printed
    assert summary.cells_wrong <= summary.cells_printed - summary.cells_exact
    assert summary.invented == sum(len(r.invented) for r in results)
    assert 0 <= summary.absent_flagged <= summary.absent_tables
    assert summary.absent_tables == sum(len(_truth(f)["absent_tables"]) for f in CASES)
    assert 0 <= summary.findings_emitted <= summary.findings_expected
    for r in results:
        assert r.cells_exact + len(r.cell_diffs) == r.cells_printed


def test_the_command_prints_one_line_or_json(
    fidelity: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    """``main()`` prints one summary line; ``--json`` prints the same totals as JSON."""
    assert fidelity.main([]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"fidelity: {len(CASES)} cases")
    assert fidelity.main(["--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["line"] == lines[0]
    assert data["summary"]["cases"] == len(CASES) == len(data["cases"])
    assert fidelity.main(["--verbose"]) == 0
    verbose = capsys.readouterr().out.splitlines()
    assert verbose[-1] == lines[0]
    assert sum(x.startswith("== ") for x in verbose) == len(CASES)
