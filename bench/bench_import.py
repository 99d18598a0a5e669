"""Benchmark: the cost of ``import govdisclosure`` against the floor of importing its dependencies.

Run from the repository root::

    .venv/bin/python bench/bench_import.py            # 15 fresh interpreters per case
    .venv/bin/python bench/bench_import.py -n 5       # fewer, rougher figures

Each sample starts a fresh interpreter and times, inside it, the import of the dependencies the
package imports at import time (attrs, cattrs, orjson, lxml) alone, and then of
``govdisclosure`` on top of them. The figures are medians in ms; the ratio is
``(deps + govdisclosure) / deps``, the figure ``docs/performance.md`` quotes. Timings drift on
a shared machine; compare the ratio, which comes from the same runs. The imports run from
bytecode caches (``__pycache__``, written by a first, untimed run), as an installed package
does, even where ``PYTHONDONTWRITEBYTECODE`` is set. To measure another tree,
put its ``src`` first: ``PYTHONPATH=/path/to/src .venv/bin/python bench/bench_import.py``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys

#: The dependencies ``import govdisclosure`` imports: the floor it cannot go below.
DEPENDENCIES = ("attrs", "cattrs", "orjson", "lxml")

_PROBE = """
import sys, time
t0 = time.perf_counter()
import {deps}
t1 = time.perf_counter()
import govdisclosure
t2 = time.perf_counter()
print(f"{{(t1 - t0) * 1000:.3f}} {{(t2 - t1) * 1000:.3f}}")
"""


def _sample() -> tuple[float, float]:
    code = _PROBE.format(deps=", ".join(DEPENDENCIES))
    # Time imports as installed code runs them: from bytecode caches, which the warm-up writes.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True, env=env
    ).stdout.split()
    return float(out[0]), float(out[1])


def main(argv: list[str] | None = None) -> int:
    """Print the medians of the dependency floor and of govdisclosure on top, and their ratio."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=15, help="fresh interpreters per figure")
    args = parser.parse_args(argv)
    _sample()  # warm the file-system cache and the bytecode caches
    samples = [_sample() for _ in range(args.n)]
    deps = statistics.median(s[0] for s in samples)
    own = statistics.median(s[1] for s in samples)
    print(f"python {sys.version.split()[0]}, {args.n} fresh interpreters, medians")
    print(f"import {', '.join(DEPENDENCIES):<28} {deps:8.1f} ms")
    print(f"import govdisclosure (on top of them)  {own:8.1f} ms")
    print(f"ratio to the dependency floor          {(deps + own) / deps:8.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
