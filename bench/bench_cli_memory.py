"""Benchmark: the peak memory of batch commands stays flat as the batch grows.

Run from the repository root::

    .venv/bin/python bench/bench_cli_memory.py          # about a minute on a 2-core machine
    .venv/bin/python bench/bench_cli_memory.py --full   # the issue's sizes: 1,000 and 10,000

It writes two corpora into a temporary folder and runs each command in a fresh process, reading
that process's peak resident memory (``ru_maxrss``):

- ``govdisclosure validate DIR --format jsonl`` and ``--format json`` over report documents (the
  complete 2021 report of ``_document.py`` with a different agency per file, every fifth one
  with a planted inconsistency), for 300 and 3,000 files (1,000 and 10,000 with ``--full``);
- ``govdisclosure parse DIR -o out.json`` over rendered reports (half HTML pages, half text),
  for 100 and 1,000 files (1,000 and 10,000 with ``--full``).

For each it prints the two peaks, their ratio beside the target (flat: within 20%, a ratio of
at most 1.2) and the growth per file. ``--pythonpath DIR`` runs the commands from another source
tree (e.g. an older checkout's ``src``) to compare. Exit status 0 after printing, whatever the
figures.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import attrs

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _cli import document_corpus, run_cli
from _document import build_report

from govdisclosure import dumps, loads

_PLANTED = Path(__file__).resolve().parents[1] / "examples" / "planted-inconsistency-2021.json"
#: Flat: the larger batch's peak memory within 20% of the smaller one's.
TARGET = 1.2


def _json_corpus(folder: Path, n: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    clean = build_report()
    planted = loads(_PLANTED.read_bytes())
    for i in range(n):
        base = planted if i % 5 == 0 else clean
        report = attrs.evolve(base, agency=attrs.evolve(base.agency, name=f"第{i}号县人民政府"))
        (folder / f"{i:06d}.json").write_text(dumps(report), encoding="utf-8")


def _peak_kib(args: list[str], pythonpath: str | None) -> int | None:
    """Run ``govdisclosure ARGS`` in a fresh process (stdout discarded); its peak RSS in KiB.

    ``None`` when the command refuses the arguments (an older tree without ``--format jsonl``).
    """
    run = run_cli([*args, "--quiet", "--no-progress"], pythonpath)
    if run.status == 2 and "invalid choice" in run.stderr:
        return None
    assert run.status in (0, 1), run.stderr
    return run.peak_kib  # ru_maxrss is in KiB on Linux


def _row(label: str, sizes: tuple[int, int], peaks: list[int | None]) -> None:
    (small, large), (p_small, p_large) = sizes, peaks
    if p_small is None or p_large is None:
        print(f"{label:<34} not supported by this tree")
        return
    ratio = p_large / p_small
    per_file = (p_large - p_small) / (large - small)
    verdict = "ok" if ratio <= TARGET else "MISSED"
    print(
        f"{label:<34} {small:>6,} files {p_small / 1024:7.1f} MiB   "
        f"{large:>6,} files {p_large / 1024:7.1f} MiB   "
        f"ratio {ratio:5.2f} (target <= {TARGET}) {verdict}   {per_file:+.2f} KiB/file"
    )


def main(argv: list[str] | None = None) -> int:
    """Print the peak memory of each batch command at two sizes, and their ratio."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--full", action="store_true", help="the issue's sizes: 1,000 and 10,000")
    ap.add_argument("--pythonpath", help="run the commands with this PYTHONPATH")
    ns = ap.parse_args(argv)
    validate_sizes = (1_000, 10_000) if ns.full else (300, 3_000)
    parse_sizes = (1_000, 10_000) if ns.full else (100, 1_000)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for fmt in ("jsonl", "json"):
            peaks: list[int | None] = []
            for n in validate_sizes:
                folder = root / f"json-{n}"
                if not folder.exists():
                    _json_corpus(folder, n)
                args = ["validate", str(folder), "--format", fmt]
                peaks.append(_peak_kib(args, ns.pythonpath))
            _row(f"validate DIR --format {fmt}", validate_sizes, peaks)
        peaks = []
        for n in parse_sizes:
            folder = root / f"docs-{n}"
            document_corpus(folder, n)
            out = root / f"out-{n}.json"
            peaks.append(_peak_kib(["parse", str(folder), "-o", str(out)], ns.pythonpath))
            out.unlink()
        _row("parse DIR -o out.json", parse_sizes, peaks)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
