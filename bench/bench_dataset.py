"""Benchmark: the ``dataset`` command on a generated corpus, one core against two, and memory.

Run from the repository root::

    .venv/bin/python bench/bench_dataset.py          # about a minute on a 2-core machine
    .venv/bin/python bench/bench_dataset.py --full   # the issue's sizes: 10,000 files

It writes a corpus of generated reports (the complete 2021 report of ``_document.py`` with a
different agency and year per file, half rendered as HTML pages, half as text) into a temporary
folder, then runs ``govdisclosure dataset DIR -o out.parquet`` in a fresh process:

- files per second with ``--jobs 1`` and ``--jobs 2``, and the speed-up;
- the peak resident memory of the command (the writing process, and the largest worker) for a
  small and a larger corpus (300 and 1,500 files in batches of 100; 1,000 and 10,000 files in
  batches of 500 with ``--full``): flat when results stream in batches;
- the time of ``reports_table`` over the reports, as a ratio to ``loads`` of their JSON.

Times drift by ±40% between runs on a shared machine; compare figures of one run.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import attrs

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _cli import document_corpus, run_cli
from _document import build_report

from govdisclosure import dumps, loads
from govdisclosure.dataset import reports_table
from govdisclosure.model import Report


def _report(i: int) -> Report:
    r = build_report()
    return attrs.evolve(
        r,
        agency=attrs.evolve(r.agency, name=f"第{i}号县人民政府办公室"),
        source=attrs.evolve(r.source, url=f"https://example.gov.cn/{i}.html"),
    )


def _dataset(folder: Path, out: Path, jobs: int, batch: int = 500) -> tuple[float, int, int]:
    args = ["dataset", str(folder), "-o", str(out), "--jobs", str(jobs), "--batch", str(batch)]
    run = run_cli(args)
    assert run.status == 0, run.stderr
    return run.seconds, run.peak_kib, run.children_kib


def main(argv: list[str] | None = None) -> int:
    """Print throughput, speed-up, peak memory and the table-building ratio."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--full", action="store_true", help="10,000 files, memory at 1,000 / 10,000")
    ap.add_argument("--files", type=int, help="corpus size for the speed runs")
    args = ap.parse_args(argv)
    n = args.files or (10_000 if args.full else 300)
    # Both sizes hold several batches, so that the growth measured is the corpus's, not the
    # first batch's.
    small, large = (1_000, 10_000) if args.full else (300, 1_500)
    batch = 500 if args.full else 100
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        corpus = root / "corpus"
        document_corpus(corpus, max(n, large))
        speed = root / "speed"
        speed.mkdir()
        for p in sorted(corpus.iterdir())[:n]:
            (speed / p.name).symlink_to(p)
        t1, _, _ = _dataset(speed, root / "j1.parquet", 1)
        t2, _, _ = _dataset(speed, root / "j2.parquet", 2)
        print(f"dataset, {n} files (half HTML, half text)")
        print(f"  --jobs 1: {n / t1:8.1f} files/s")
        print(f"  --jobs 2: {n / t2:8.1f} files/s   speed-up {t1 / t2:.2f}×")
        mem = {}
        for size in (small, large):
            part = root / f"mem{size}"
            part.mkdir()
            for p in sorted(corpus.iterdir())[:size]:
                (part / p.name).symlink_to(p)
            _, me, kids = _dataset(part, root / f"m{size}.parquet", 2, batch)
            mem[size] = (me, kids)
            print(
                f"  peak memory, {size:>6} files: writer {me / 1024:6.1f} MB, "
                f"largest worker {kids / 1024:6.1f} MB"
            )
        growth = mem[large][0] / mem[small][0] - 1
        print(f"  writer memory growth {small} → {large} files: {growth:+.0%}")
    reports = [_report(i) for i in range(n)]
    reports_table(reports[:2])  # pyarrow imports pandas on first use: not part of the figure
    docs = [dumps(r) for r in reports]
    start = time.perf_counter()
    for d in docs:
        loads(d)
    t_loads = time.perf_counter() - start
    start = time.perf_counter()
    reports_table(reports)
    t_table = time.perf_counter() - start
    print(
        f"reports_table of {n} reports: {t_table:.2f} s, {t_table / t_loads:.1f}× loads "
        f"({t_loads:.2f} s)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
