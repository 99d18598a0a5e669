"""What the batch benchmarks share: a corpus of rendered reports, and a command run in a fresh
process that reports its exit status, wall time and peak memory.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import attrs
from _document import build_report

from govdisclosure.render import render

__all__ = ["CliRun", "document_corpus", "run_cli"]

_RUN = """
import resource, sys, time
from govdisclosure.cli import main
start = time.perf_counter()
status = main(sys.argv[1:])
elapsed = time.perf_counter() - start
sys.stdout.flush()
me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(status, elapsed, me, kids, file=sys.stderr)
"""


@attrs.frozen
class CliRun:
    """One command's exit status, wall time (s) and peak RSS (KiB; its own, its largest child)."""

    status: int
    seconds: float
    peak_kib: int
    children_kib: int
    stderr: str


def run_cli(args: list[str], pythonpath: str | None = None) -> CliRun:
    """Run ``govdisclosure ARGS`` in a fresh Python process, its stdout discarded.

    ``pythonpath`` runs it from another source tree (an older checkout's ``src``, to compare).
    """
    env = dict(os.environ)
    if pythonpath:
        env["PYTHONPATH"] = pythonpath
    cmd = [sys.executable, "-c", _RUN, *args]
    done = subprocess.run(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env, check=False
    )
    fields = done.stderr.split()[-4:]
    if len(fields) != 4 or not fields[0].lstrip("-").isdigit():
        return CliRun(done.returncode, 0.0, 0, 0, done.stderr)
    status, seconds, me, kids = fields
    return CliRun(int(status), float(seconds), int(me), int(kids), done.stderr)


def document_corpus(folder: Path, n: int) -> None:
    """``n`` files of the complete 2021 report, each with its own agency: half HTML, half text."""
    folder.mkdir(parents=True, exist_ok=True)
    base = build_report()
    html, text = render(base, "html"), render(base, "text")
    name = base.agency.name
    for i in range(n):
        other = f"第{i}号县人民政府办公室"
        if i % 2:
            (folder / f"{i:06d}.html").write_text(html.replace(name, other), encoding="utf-8")
        else:
            (folder / f"{i:06d}.txt").write_text(text.replace(name, other), encoding="utf-8")
