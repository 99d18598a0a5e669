"""The README's Python runs: its doctest block gives the values shown, its other blocks run.

A block written as a doctest (``>>>`` lines) is run with :mod:`doctest` from the repository root,
so every value it shows is checked; a plain block is run after the shell commands it follows.
"""

from __future__ import annotations

import doctest
import io
import re
from pathlib import Path

import pytest

from govdisclosure.cli import main

from .conftest import EXAMPLES, ROOT

_BLOCK = re.compile(r"^```python\n(.*?)^```$", re.DOTALL | re.MULTILINE)


def _blocks() -> list[tuple[int, str]]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return [(text.count("\n", 0, m.start()) + 2, m.group(1)) for m in _BLOCK.finditer(text)]


def test_the_readme_has_a_doctest_block() -> None:
    """The README shows its main example as a doctest, so the values it claims are checked."""
    assert any(">>> " in block for _, block in _blocks())


def test_the_readme_doctest_gives_the_values_shown(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every ``>>>`` line of the README gives exactly the output the README shows."""
    monkeypatch.chdir(ROOT)
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    out = io.StringIO()
    for line, block in _blocks():
        if ">>> " not in block:
            continue
        test = parser.get_doctest(block, {}, f"README.md:{line}", str(ROOT / "README.md"), line)
        runner.run(test, out=out.write)
    result = runner.summarize(verbose=False)
    assert result.attempted > 5
    assert result.failed == 0, out.getvalue()


def test_the_readme_dataset_block_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The README's pandas block runs on the files its `govdisclosure dataset` lines write."""
    pytest.importorskip("pandas")
    pytest.importorskip("openpyxl")
    monkeypatch.chdir(tmp_path)
    assert main(["dataset", str(EXAMPLES), "-o", "out.parquet", "--quiet"]) == 0
    assert main(["dataset", str(EXAMPLES), "-o", "out.xlsx", "--quiet"]) == 0
    capsys.readouterr()
    plain = [block for _, block in _blocks() if ">>> " not in block]
    assert plain
    for block in plain:
        namespace: dict[str, object] = {}
        exec(compile(block, "README.md", "exec"), namespace)  # the README's own code
        assert "df" in namespace
