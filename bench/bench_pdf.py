"""Benchmark: how fast :func:`govdisclosure.parse` reads PDFs, against the target and the floor.

Run from the repository root::

    .venv/bin/python bench/bench_pdf.py           # about 40 s on a 2-core machine
    .venv/bin/python bench/bench_pdf.py --quick   # a few seconds, rougher figures
    .venv/bin/python bench/bench_pdf.py --stages  # also where the reader's time goes

The documents are drawn by ``tests/_pdfgen.py``: the ruled report (3 pages, merged cells, a
table over a page break), the text-only report (no ruling lines), a 12-page ruled report with
pages of prose, and single pages of 1,000 to 16,000 characters. For each it prints the parse
time beside its target, ≤ :data:`TARGET` × the parse time of the pdfplumber reader this one
replaced (:data:`BEFORE`, measured on this machine with this script before that change; CPU
time, medians), and the *floor*: what PDFium itself takes, through bare ctypes calls, to open
the PDF, load each page and its text and read every character's loose box, one call each
(nothing that reads the text layer can cost less), with the reader's fonts installed. The
per-page curve shows the cost per character staying flat from 1k to 16k characters: linear
(the old reader's grew with the square).
"""

from __future__ import annotations

import argparse
import collections
import ctypes
import gc
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pypdfium2
from tests import _pdfgen as gen

from govdisclosure.parse import parse
from govdisclosure.readers import pdf_engine, pdf_font

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
#: The reader's steps that ``--stages`` times (functions of :mod:`.pdf_engine`).
STAGES = (
    "_page_chars",
    "_dedupe",
    "_edges",
    "_find_tables",
    "_ruled_table",
    "_char_lines",
    "_line_words",
    "_group_lines",
    "_stack_columns",
    "_assemble_rows",
    "_join_prose",
    "_finish",
)


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


def _bare(function: Any, restype: Any, *argtypes: Any) -> Any:
    """A PDFium function with bare integer arguments (pypdfium2 binds it with ctypes.CDLL)."""
    address = ctypes.cast(function, ctypes.c_void_p).value or 0
    return ctypes.CFUNCTYPE(restype, *argtypes)(address)


_raw = pypdfium2.raw
_VOID, _INT = ctypes.c_void_p, ctypes.c_int
_count_chars = _bare(_raw.FPDFText_CountChars, _INT, _VOID)
_loose_box = _bare(_raw.FPDFText_GetLooseCharBox, _INT, _VOID, _INT, _VOID)


def floor(data: bytes) -> None:
    """PDFium's own cost of the text layer: open, every page and its text, every character's
    loose box (one bare call each), with the fonts the reader gives PDFium."""
    pdf_font.install(pypdfium2)
    raw = _raw
    box = (ctypes.c_float * 4)()
    at = ctypes.addressof(box)
    document = raw.FPDF_LoadMemDocument64(data, len(data), None)
    try:
        for index in range(raw.FPDF_GetPageCount(document)):
            page = raw.FPDF_LoadPage(document, index)
            text = raw.FPDFText_LoadPage(page)
            handle = ctypes.cast(text, ctypes.c_void_p).value
            for i in range(_count_chars(handle)):
                _loose_box(handle, i, at)
            raw.FPDFText_ClosePage(text)
            raw.FPDF_ClosePage(page)
    finally:
        raw.FPDF_CloseDocument(document)


@contextmanager
def _stage_timer() -> Iterator[dict[str, float]]:
    """Wrap the reader's steps to add up their CPU time. A step called from inside another
    (a cell's lines and words inside ``_ruled_table``) counts in the outer one only, so the
    steps add up to no more than the reader's time."""
    spent: dict[str, float] = collections.defaultdict(float)
    saved = {name: getattr(pdf_engine, name) for name in STAGES}
    depth = [0]

    def timed(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def run(*args: Any, **kwargs: Any) -> Any:
            depth[0] += 1
            start = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                depth[0] -= 1
                if not depth[0]:
                    spent[name] += time.process_time() - start

        return run

    for name, fn in saved.items():
        setattr(pdf_engine, name, timed(name, fn))
    try:
        yield spent
    finally:
        for name, fn in saved.items():
            setattr(pdf_engine, name, fn)


def stages(data: bytes, runs: int) -> None:
    """Print where a parse's CPU time goes: the reader's steps, the rest of the reader (PDFium
    opening the document and loading its pages, the labels' index, the blocks), and the
    shared pipeline after the reader."""
    parse(data, format="pdf")
    with _stage_timer() as spent:
        start = time.process_time()
        for _ in range(runs):
            pdf_engine.read_pdf(data)
        read = (time.process_time() - start) / runs
    start = time.process_time()
    for _ in range(runs):
        parse(data, format="pdf")
    total = (time.process_time() - start) / runs
    steps = 0.0
    for name in STAGES:
        steps += spent[name] / runs
        print(f"    {name:<18}{spent[name] / runs * 1e3:8.2f} ms")
    print(f"    {'rest of read_pdf':<18}{(read - steps) * 1e3:8.2f} ms")
    print(f"    {'after the reader':<18}{(total - read) * 1e3:8.2f} ms  (parse - read_pdf)")
    print(f"    {'parse':<18}{total * 1e3:8.2f} ms")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="shorter runs, rougher figures")
    ap.add_argument("--stages", action="store_true", help="also time the reader's steps")
    args = ap.parse_args()
    seconds = 0.5 if args.quick else 1.5
    docs = {
        "ruled (3 pages)": gen.ruled_pdf(),
        "text-only (3 pages)": gen.text_pdf(),
        "ruled (12 pages)": gen.long_pdf(12),
    }
    print(
        f"{'document':<22}{'parse ms':>10}{'target ms':>11}{'×before':>9}{'target':>8}"
        f"{'floor ms':>10}{'floor×before':>14}{'×floor':>8}  met"
    )
    for name, data in docs.items():
        t = _time(lambda d=data: parse(d, format="pdf"), seconds)  # type: ignore[misc]  # the default binds the loop variable; mypy cannot type it
        f = _time(lambda d=data: floor(d), seconds)  # type: ignore[misc]  # the default binds the loop variable; mypy cannot type it
        before = BEFORE[name]
        met = "yes" if t <= TARGET * before else "no"
        print(
            f"{name:<22}{t * 1e3:10.2f}{TARGET * before * 1e3:11.2f}{t / before:9.3f}"
            f"{TARGET:8.2f}{f * 1e3:10.2f}{f / before:14.3f}{t / f:8.1f}  {met}"
        )
    print()
    print("per-page cost (one dense page of prose):")
    print(
        f"{'chars':>8}{'parse ms':>10}{'µs/char':>9}{'before ms':>11}{'×before':>9}"
        f"{'floor ms':>10}{'floor µs/char':>15}{'×floor':>8}"
    )
    per_char: dict[int, float] = {}
    for chars in (1_000, 2_000, 4_000, 8_000, 16_000):
        data = gen.dense_pdf(chars)
        t = _time(lambda d=data: parse(d, format="pdf"), seconds / 2)  # type: ignore[misc]  # the default binds the loop variable; mypy cannot type it
        f = _time(lambda d=data: floor(d), seconds / 2)  # type: ignore[misc]  # the default binds the loop variable; mypy cannot type it
        per_char[chars] = t / chars
        old_time = BEFORE_PAGE.get(chars)
        old = f"{old_time * 1e3:11.1f}{t / old_time:9.3f}" if old_time else f"{'-':>11}{'-':>9}"
        print(
            f"{chars:8d}{t * 1e3:10.2f}{t / chars * 1e6:9.2f}{old}"
            f"{f * 1e3:10.2f}{f / chars * 1e6:15.2f}{t / f:8.1f}"
        )
    old_growth = (BEFORE_PAGE[8_000] / 8_000) / (BEFORE_PAGE[1_000] / 1_000)
    print(
        f"µs per character, 16k over 1k: {per_char[16_000] / per_char[1_000]:.2f}; "
        f"8k over 1k: {per_char[8_000] / per_char[1_000]:.2f} "
        f"(1 is linear; before, 8k over 1k: {old_growth:.2f})"
    )
    if args.stages:
        print()
        print("where the time goes (CPU ms per parse, mean of one loop; timing adds a little):")
        for name, data in docs.items():
            print(f"  {name}")
            stages(data, 10 if args.quick else 30)


if __name__ == "__main__":
    main()
