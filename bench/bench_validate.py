"""Benchmark: validate() against loads(), and a batch of 10,000 documents loaded and validated.

Run from the repository root::

    .venv/bin/python bench/bench_validate.py           # about 20 s
    .venv/bin/python bench/bench_validate.py --quick   # a few seconds, rougher figures

The document is the one ``bench.py`` measures (``_document.build_report``: a complete,
consistent 2021 report of about 10 KB). Targets (issue 4): ``validate(report)`` at most 0.25×
``loads`` of the same document, and 10,000 documents loaded and validated in under 2 s. Times
drift by ±40% between runs on a shared machine, so the ratio is taken within each round (the two
are timed back to back) and the median round is reported.
"""

from __future__ import annotations

import argparse
import copy
import gc
import statistics
import sys
import time
import timeit
from collections.abc import Callable

import orjson
from _document import build_report

import govdisclosure as g
from govdisclosure.validate import validate

RATIO_TARGET = 0.25
BATCH_TARGET = 2.0
BATCH = 10_000


def _per_call(fn: Callable[[], object], number: int) -> float:
    return timeit.timeit(fn, number=number) / number


def _variants(report: g.Report) -> dict[str, bytes]:
    """The clean document, and one each with a planted inconsistency, a blank, no tables."""
    data = g.to_dict(report)
    planted = copy.deepcopy(data)
    planted["applications"]["outcomes"]["total"]["natural_person"] += 1
    blank = copy.deepcopy(data)
    blank["applications"]["outcomes"]["disclosed"]["natural_person"] = None
    bare = copy.deepcopy(data)
    bare["proactive_disclosure"] = bare["applications"] = bare["review_litigation"] = None
    return {
        "clean": orjson.dumps(data),
        "planted inconsistency": orjson.dumps(planted),
        "one blank cell": orjson.dumps(blank),
        "no tables": orjson.dumps(bare),
    }


def _batch(texts: list[bytes]) -> tuple[float, int]:
    gc.collect()
    start = time.perf_counter()
    failed = 0
    for text in texts:
        if not validate(g.loads(text)).ok:
            failed += 1
    return time.perf_counter() - start, failed


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--quick", action="store_true", help="fewer rounds and repetitions")
    args = p.parse_args(argv)
    rounds, number = (3, 2_000) if args.quick else (9, 5_000)

    report = build_report()
    variants = _variants(report)
    text = variants["clean"]
    assert g.loads(text) == report
    assert validate(report).findings == ()

    loads_t: list[float] = []
    validate_t: list[float] = []
    ratios: list[float] = []
    for _ in range(rounds):
        gc.collect()
        a = _per_call(lambda: g.loads(text), number)
        b = _per_call(lambda: validate(report), number * 4)
        loads_t.append(a)
        validate_t.append(b)
        ratios.append(b / a)
    med = statistics.median
    print(f"python {sys.version.split()[0]}; document {len(text):,} bytes; {rounds} rounds")
    print(f"loads(text)                    {med(loads_t) * 1e6:8.2f} µs")
    print(f"validate(report)               {med(validate_t) * 1e6:8.2f} µs")
    ratio = med(ratios)
    verdict = "ok" if ratio <= RATIO_TARGET else "OVER TARGET"
    print(f"ratio validate / loads         {ratio:8.3f}    (target ≤ {RATIO_TARGET}: {verdict})")

    print("\nvalidate() of other documents, µs per call:")
    for name, body in variants.items():
        parsed = g.loads(body)
        t_report = _per_call(lambda parsed=parsed: validate(parsed), number)  # type: ignore[misc]  # the default binds the loop variable; mypy cannot type it
        t_text = _per_call(lambda body=body: validate(body), number // 4)  # type: ignore[misc]  # the default binds the loop variable; mypy cannot type it
        print(f"  {name:<24} Report {t_report * 1e6:8.2f}   JSON text {t_text * 1e6:8.2f}")

    clean = [variants["clean"]] * BATCH
    # 70% clean; 10% each with a planted inconsistency, a blank cell, no tables.
    names = list(variants)
    mixed = [variants[names[0 if k % 10 < 7 else k % 10 - 6]] for k in range(BATCH)]
    print(f"\nbatch of {BATCH:,} documents, loads + validate:")
    for name, texts in (("all clean", clean), ("mixed (some failing, blank, bare)", mixed)):
        best = min(_batch(texts)[0] for _ in range(1 if args.quick else 3))
        verdict = "ok" if best < BATCH_TARGET else "OVER TARGET"
        print(f"  {name:<36} {best:6.2f} s   (target < {BATCH_TARGET} s: {verdict})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
