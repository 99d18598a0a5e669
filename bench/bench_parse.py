"""Benchmark: how fast :func:`govdisclosure.parse` reads HTML and text reports.

Run from the repository root::

    .venv/bin/python bench/bench_parse.py          # about 20 s on a 2-core machine
    .venv/bin/python bench/bench_parse.py --quick  # a few seconds, rougher figures

The documents are real layouts: the complete 2021 report of ``_document.py`` rendered as an
HTML page and as flattened text (pipe rows), the seed report scraped from a government site (no
tables), and the hand-written HTML fixture of a township page (tables nested in page chrome).
For each it prints reports per second and, for HTML, the ratio of the full parse to the time
lxml takes merely to parse the same HTML into a tree: the cost of everything govdisclosure does
on top of the HTML parser. Times drift by ±40% between runs on a shared machine; the ratios are
steadier.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from lxml import etree

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _document import build_report

from govdisclosure.parse import parse
from govdisclosure.render import render

ROOT = Path(__file__).resolve().parents[1]


def _time(fn: Callable[[], object], seconds: float) -> float:
    """Median seconds per call over repeated batches lasting about ``seconds`` in all."""
    fn()
    n = 1
    while True:
        start = time.perf_counter()
        for _ in range(n):
            fn()
        elapsed = time.perf_counter() - start
        if elapsed > 0.05:
            break
        n *= 2
    per = elapsed / n
    batches = max(3, int(seconds / max(elapsed, 1e-9)))
    samples = []
    gc.collect()
    for _ in range(batches):
        start = time.perf_counter()
        for _ in range(n):
            fn()
        samples.append((time.perf_counter() - start) / n)
    return statistics.median(samples) if samples else per


def _lxml(html: str) -> Callable[[], object]:
    data = html.encode("utf-8")
    parser = etree.HTMLParser(recover=True, no_network=True, huge_tree=False, encoding="utf-8")
    return lambda: etree.fromstring(data, parser)


def main(argv: list[str] | None = None) -> int:
    """Print parse throughput for each document."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="shorter runs, rougher figures")
    args = ap.parse_args(argv)
    seconds = 0.5 if args.quick else 3.0
    report = build_report()
    html = render(report, "html")
    text = render(report, "text")
    seed = (ROOT / "examples" / "sources" / "muchang-2023.txt").read_text(encoding="utf-8")
    page = (ROOT / "tests" / "fixtures" / "parse" / "html-2021-township" / "source.html").read_text(
        encoding="utf-8"
    )
    assert parse(html).report == report
    assert parse(text).report == report
    cases: list[tuple[str, str, str | None]] = [
        ("rendered 2021 report, HTML", html, html),
        ("township page, HTML (chrome, nested tables)", page, page),
        ("rendered 2021 report, text (pipe rows)", text, None),
        ("scraped seed report, text (no tables)", seed, None),
    ]
    print(f"{'document':<46} {'KB':>6} {'reports/s':>10} {'ms/report':>10} {'× lxml parse':>13}")
    for name, source, as_html in cases:
        fmt = "html" if as_html is not None else "text"
        t = _time(lambda s=source, f=fmt: parse(s, format=f), seconds)  # type: ignore[misc]  # the default binds the loop variable; mypy cannot type it
        ratio = ""
        if as_html is not None:
            t_lxml = _time(_lxml(as_html), seconds)
            ratio = f"{t / t_lxml:>12.1f}×"
        size = len(source.encode("utf-8")) / 1024
        print(f"{name:<46} {size:>6.1f} {1 / t:>10.0f} {t * 1000:>10.2f} {ratio:>13}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
