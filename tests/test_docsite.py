"""The docs site's generated pages and the commands that print the published registries.

A page exists for every rule id and every finding id, the committed page folders hold nothing
else, ``generate`` removes a page whose entry is gone, and ``govdisclosure rules`` /
``govdisclosure findings`` print the committed JSON byte for byte.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from govdisclosure.artifacts import ARTIFACTS, write_artifacts
from govdisclosure.cli import main
from govdisclosure.docpages import PAGE_DIRS, page_name
from govdisclosure.findings.catalogue import findings_document
from govdisclosure.rules import rules_document

from .conftest import ROOT


def test_every_rule_and_finding_has_a_page() -> None:
    """Each rule id of rules.json and each id of findings.json has its generated page."""
    for rule in rules_document()["rules"]:
        assert f"docs/rules/{page_name(rule['id'])}" in ARTIFACTS, rule["id"]
    for finding in findings_document()["findings"]:
        assert f"docs/findings/{page_name(finding['id'])}" in ARTIFACTS, finding["id"]


def test_page_names_are_distinct() -> None:
    """No two ids share a page file (the prime of ``T2'`` is spelt ``p``)."""
    ids = {r["id"] for r in rules_document()["rules"]}
    assert len({page_name(i) for i in ids}) == len(ids)
    assert page_name("T2'-2.coercion") == "T2p-2.coercion.md"


def test_the_page_folders_hold_only_generated_pages() -> None:
    """A page left behind by a removed rule or finding fails here (regenerate to remove it)."""
    for folder in PAGE_DIRS:
        committed = {p.relative_to(ROOT).as_posix() for p in (ROOT / folder).iterdir()}
        generated = {rel for rel in ARTIFACTS if rel.startswith(folder + "/")}
        assert committed == generated, folder


def test_generate_removes_a_stale_page(tmp_path: Path) -> None:
    """write_artifacts rewrites a changed page and deletes a page no entry generates."""
    write_artifacts(tmp_path)
    stale = tmp_path / "docs" / "rules" / "T9-9.gone.md"
    stale.write_text("old\n", encoding="utf-8")
    index = tmp_path / "docs" / "rules" / "index.md"
    index.write_text("edited\n", encoding="utf-8")
    changed = write_artifacts(tmp_path)
    assert set(changed) == {stale, index}
    assert not stale.exists()
    assert index.read_text(encoding="utf-8") == ARTIFACTS["docs/rules/index.md"]()
    assert write_artifacts(tmp_path) == []


@pytest.mark.parametrize(
    ("command", "artifact"),
    [("rules", "schemas/rules.json"), ("findings", "schemas/findings.json")],
)
def test_the_command_prints_the_committed_registry(
    command: str, artifact: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """``govdisclosure rules`` / ``findings`` print exactly the committed file, exit 0."""
    assert main([command]) == 0
    assert capsys.readouterr().out == (ROOT / artifact).read_text(encoding="utf-8")


def test_the_commands_have_chinese_help(capsys: pytest.CaptureFixture[str]) -> None:
    """The new commands' help is in Chinese under ``--lang zh``."""
    with pytest.raises(SystemExit):
        main(["--lang", "zh", "--help"])
    out = capsys.readouterr().out
    assert "输出规则目录" in out
    assert "输出发现项目录" in out
