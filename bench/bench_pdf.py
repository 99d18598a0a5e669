"""Benchmark: how fast :func:`govdisclosure.parse` reads PDF reports, against pypdfium2's floor.

Run from the repository root::

    .venv/bin/python bench/bench_pdf.py          # about 40 s on a 2-core machine
    .venv/bin/python bench/bench_pdf.py --quick  # a few seconds, rougher figures

The documents are drawn by ``tests/_pdfgen.py``: the ruled report (3 pages, merged cells, a
table over a page break), the text-only report (no ruling lines), a 12-page ruled report with
pages of prose, and single pages of 1,000 to 16,000 characters. For each it prints the parse
time, the *floor* (what pypdfium2 itself takes to open the PDF, load each page's text and read
every character's box: nothing less can read the text layer), their ratio, and the ratio to the
parse time of the pdfplumber reader this one replaced (:data:`BEFORE`, measured on this machine
with this script before the change; CPU time, medians), and the floor's own ratio to it. The
target is ≤ 0.15× that time. The per-page curve shows the cost per character staying flat from
1k to 16k characters: linear (the old reader's grew with the square).
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pypdfium2
from tests import _pdfgen as gen

from govdisclosure.parse import parse

#: Seconds per parse with the pdfplumber reader (commit e587a08), measured with this script.
BEFORE: dict[str, float] = {
    "ruled (3 pages)": 0.1643,
    "text-only (3 pages)": 0.1037,
    "ruled (12 pages)": 1.3276,
}
#: The same for one dense page, by characters: quadratic (pdfplumber's dedupe_chars).
BEFORE_PAGE: dict[int, float] = {1_000: 0.0570, 2_000: 0.1740, 4_000: 0.6103, 8_000: 2.4455}
#: The target: at most this fraction of :data:`BEFORE`.
TARGET = 0.15


def _time(fn: Callable[[], object], seconds: float) -> float:
    """Median CPU seconds per call over repeated batches lasting about ``seconds`` in all."""
    fn()
    n = 1
    while True:
        start = time.process_time()
        for _ in range(n):
            fn()
        elapsed = time.process_time() - start
        if elapsed > 0.05:
            break
        n *= 2
    batches = max(3, int(seconds / max(elapsed, 1e-9)))
    samples = []
    gc.collect()
    for _ in range(batches):
        start = time.process_time()
        for _ in range(n):
            fn()
        samples.append((time.process_time() - start) / n)
    return statistics.median(samples)


def floor(data: bytes) -> None:
    """pypdfium2's own cost of the text layer: every page's text and every character's box."""
    pdf = pypdfium2.PdfDocument(data)
    try:
        for page in pdf:
            text = page.get_textpage()
            text.get_text_range()
            for i in range(text.count_chars()):
                text.get_charbox(i, loose=True)
            text.close()
            page.close()
    finally:
        pdf.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="shorter runs, rougher figures")
    args = ap.parse_args()
    seconds = 0.5 if args.quick else 1.5
    docs = {
        "ruled (3 pages)": gen.ruled_pdf(),
        "text-only (3 pages)": gen.text_pdf(),
        "ruled (12 pages)": gen.long_pdf(12),
    }
    print(
        f"{'document':<22}{'parse ms':>10}{'floor ms':>10}{'×floor':>8}{'×before':>9}"
        f"{'floor×before':>14}  target"
    )
    for name, data in docs.items():
        t = _time(lambda d=data: parse(d, format="pdf"), seconds)  # type: ignore[misc]  # the default binds the loop variable; mypy cannot type it
        f = _time(lambda d=data: floor(d), seconds)  # type: ignore[misc]  # the default binds the loop variable; mypy cannot type it
        before = BEFORE.get(name)
        ratio = f"{t / before:9.3f}{f / before:14.3f}" if before else f"{'-':>9}{'-':>14}"
        print(f"{name:<22}{t * 1e3:10.2f}{f * 1e3:10.2f}{t / f:8.1f}{ratio}  ≤ {TARGET}×before")
    print()
    print("per-page cost (one dense page of prose):")
    print(f"{'chars':>8}{'parse ms':>10}{'µs/char':>9}{'floor ms':>10}{'×floor':>8}{'×before':>9}")
    for chars in (1_000, 2_000, 4_000, 8_000, 16_000):
        data = gen.dense_pdf(chars)
        t = _time(lambda d=data: parse(d, format="pdf"), seconds / 2)  # type: ignore[misc]  # the default binds the loop variable; mypy cannot type it
        f = _time(lambda d=data: floor(d), seconds / 2)  # type: ignore[misc]  # the default binds the loop variable; mypy cannot type it
        before = BEFORE_PAGE.get(chars)
        ratio = f"{t / before:9.3f}" if before else f"{'-':>9}"
        print(f"{chars:8d}{t * 1e3:10.2f}{t / chars * 1e6:9.2f}{f * 1e3:10.2f}{t / f:8.1f}{ratio}")


if __name__ == "__main__":
    main()
