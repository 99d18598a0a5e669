"""The campaign runner (tests/fuzz/campaign.py) runs, and docs/cli.md reports a long run of it.

The runner is run tiny here (a few inputs per target, in its worker subprocess) so that it
cannot rot; the documented command must parse with the runner's own arguments, and the
documented counts must be a complete table of every target adding up to the total.
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

from . import campaign

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "tests" / "fuzz" / "campaign.py"


def _row(text: str, name: str) -> list[str]:
    m = re.search(rf"^\| {re.escape(name)} \|(.*)\|$", text, re.M)
    assert m is not None, name
    return [cell.strip() for cell in m.group(1).split("|")]


def test_the_runner_runs_every_target_tiny(tmp_path: Path) -> None:
    """70 inputs over every target, in a worker: counted, none foreign, none hung."""
    argv = ["--inputs", "70", "--seed", "5", "--limit", "5", "--out", str(tmp_path)]
    out = subprocess.run(
        [sys.executable, str(SCRIPT), *argv],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    shares = campaign.counts(70)
    for target in campaign.TARGETS:
        row = _row(out.stdout, target)
        assert int(row[0]) == shares[target]
        assert row[1] == "0", (target, row)  # foreign
        assert row[3] == "0", (target, row)  # over the memory bound
    assert _row(out.stdout, "all")[0] == "70"
    assert out.returncode == 0, out.stdout + out.stderr
    assert not any(tmp_path.iterdir())  # nothing to save


def test_an_input_replays_from_its_seed() -> None:
    """``--replay TARGET INDEX`` makes the same input again, in this process."""
    c = campaign.corpus()
    for target in campaign.TARGETS:
        a = campaign.make_input(c, target, campaign.rng_for(7, target, 3))
        b = campaign.make_input(c, target, campaign.rng_for(7, target, 3))
        assert a == b, target
    assert campaign.replay(7, "parse-text", 3) == 0


def test_the_memory_bound_is_the_documented_one() -> None:
    """The bound is a fixed allowance plus a cost per input byte, both stated in the docs."""
    assert campaign.memory_bound(0) == campaign.BASE_BYTES
    assert campaign.memory_bound(1000) - campaign.memory_bound(0) == 1000 * campaign.PER_BYTE
    text = _fuzzing_section()
    assert f"{campaign.BASE_BYTES // 2**20} MiB + {campaign.PER_BYTE} × input bytes" in text
    assert f"{campaign.LIMIT_SECONDS:g} s" in text


def _fuzzing_section() -> str:
    text = (ROOT / "docs" / "cli.md").read_text("utf-8")
    start = text.index("## Fuzzing")
    end = text.find("\n## ", start + 1)
    return text[start : end if end >= 0 else None]


def test_the_long_run_is_documented_with_its_counts() -> None:
    """docs/cli.md gives the long run's command (which parses) and its counts per target."""
    section = _fuzzing_section()
    m = re.search(r"^\s*(?:nice -n \d+ )?python (tests/fuzz/campaign\.py[^\n]*)$", section, re.M)
    assert m is not None
    argv = shlex.split(m.group(1))[1:]
    args = campaign.arguments(argv)
    assert args.inputs >= 100_000
    total = 0
    for target in campaign.TARGETS:
        total += int(_row(section, target)[0])
    assert int(_row(section, "all")[0]) == total >= 100_000
