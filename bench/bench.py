"""Benchmark: govdisclosure's JSON codec against orjson, msgspec and pydantic v2.

Run from the repository root::

    .venv/bin/python bench/bench.py            # about 30 s on a 2-core machine
    .venv/bin/python bench/bench.py --quick    # a few seconds, rougher figures
    .venv/bin/python bench/bench.py -k loads   # only the cases whose name contains "loads"

Every case handles the same document (one complete 2021 report of about 10 KB, built in
``_document.py``); the msgspec Structs and pydantic models are generated from the model's field
specs in ``_models.py``, as strict as each library allows. Times are µs per report. Absolute
times drift by ±40% between runs on a shared machine: compare the ratios, which come from one
run.

To add a case, decorate a function that takes the :class:`Fixture` and returns the zero-argument
callable to time::

    @case("govdisclosure.validate", "check")
    def _validate(f: Fixture) -> Callable[[], object]:
        return lambda: validate(f.report)

and, if it matters, add a :class:`Ratio` to :data:`RATIOS`.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import statistics
import sys
import timeit
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from importlib.metadata import version as dist_version
from typing import Any

import msgspec
import orjson
import pydantic
from _document import build_report
from _models import msgspec_types, pydantic_model

import govdisclosure as g
from govdisclosure import Report

# -- The fixture: the document and everything built from it, once --------------------------


@dataclass
class Fixture:
    """The benchmarked document in every form a case may need. Built once, lazily."""

    report: Report = field(default_factory=build_report)

    @cached_property
    def text(self) -> bytes:
        """The document as JSON bytes (what a reader gets from a file or a socket)."""
        return g.dumps(self.report).encode()

    @cached_property
    def data(self) -> Any:
        """The document as plain Python data (dicts, lists, str, int)."""
        return orjson.loads(self.text)

    @cached_property
    def msgspec_type(self) -> Any:
        return msgspec_types("2021")

    @cached_property
    def msgspec_decoder(self) -> Any:
        return msgspec.json.Decoder(self.msgspec_type)

    @cached_property
    def msgspec_encoder(self) -> Any:
        return msgspec.json.Encoder()

    @cached_property
    def msgspec_value(self) -> Any:
        return self.msgspec_decoder.decode(self.text)

    @cached_property
    def pydantic_model(self) -> Any:
        return pydantic_model("2021")

    @cached_property
    def pydantic_value(self) -> Any:
        return self.pydantic_model.model_validate_json(self.text)


# -- Cases ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One timed operation: ``make(fixture)`` returns the zero-argument callable to time."""

    name: str
    group: str
    make: Callable[[Fixture], Callable[[], object]]


CASES: list[Case] = []


def case(
    name: str, group: str
) -> Callable[
    [Callable[[Fixture], Callable[[], object]]], Callable[[Fixture], Callable[[], object]]
]:
    """Register a case under ``name``; cases run and print in registration order."""

    def register(
        make: Callable[[Fixture], Callable[[], object]],
    ) -> Callable[[Fixture], Callable[[], object]]:
        CASES.append(Case(name, group, make))
        return make

    return register


@case("orjson.loads", "decode")
def _orjson_loads(f: Fixture) -> Callable[[], object]:
    text, loads = f.text, orjson.loads
    return lambda: loads(text)


@case("govdisclosure.loads", "decode")
def _g_loads(f: Fixture) -> Callable[[], object]:
    text, loads = f.text, g.loads
    return lambda: loads(text)


@case("govdisclosure.from_dict", "decode")
def _g_from_dict(f: Fixture) -> Callable[[], object]:
    data, from_dict = f.data, g.from_dict
    return lambda: from_dict(data)


@case("msgspec.decode", "decode")
def _msgspec_decode(f: Fixture) -> Callable[[], object]:
    text, decode = f.text, f.msgspec_decoder.decode
    return lambda: decode(text)


@case("pydantic.validate_json", "decode")
def _pydantic_validate(f: Fixture) -> Callable[[], object]:
    text, validate = f.text, f.pydantic_model.model_validate_json
    return lambda: validate(text)


@case("orjson.dumps", "encode")
def _orjson_dumps(f: Fixture) -> Callable[[], object]:
    data, dumps = f.data, orjson.dumps
    return lambda: dumps(data)


@case("orjson.dumps+decode", "encode")
def _orjson_dumps_str(f: Fixture) -> Callable[[], object]:
    """The floor for a ``dumps`` that returns ``str``, as ours does: UTF-8 decoding included."""
    data, dumps = f.data, orjson.dumps
    return lambda: dumps(data).decode()


@case("govdisclosure.dumps", "encode")
def _g_dumps(f: Fixture) -> Callable[[], object]:
    report, dumps = f.report, g.dumps
    return lambda: dumps(report)


@case("govdisclosure.dumpb", "encode")
def _g_dumpb(f: Fixture) -> Callable[[], object]:
    report, dumpb = f.report, g.dumpb
    return lambda: dumpb(report)


@case("govdisclosure.to_dict", "encode")
def _g_to_dict(f: Fixture) -> Callable[[], object]:
    report, to_dict = f.report, g.to_dict
    return lambda: to_dict(report)


@case("msgspec.encode", "encode")
def _msgspec_encode(f: Fixture) -> Callable[[], object]:
    value, encode = f.msgspec_value, f.msgspec_encoder.encode
    return lambda: encode(value)


@case("pydantic.dump_json", "encode")
def _pydantic_dump(f: Fixture) -> Callable[[], object]:
    value = f.pydantic_value
    return lambda: value.model_dump_json()


@case("govdisclosure.validate", "check")
def _validate(f: Fixture) -> Callable[[], object]:
    report, validate = f.report, g.validate
    return lambda: validate(report)


# -- Ratios --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Ratio:
    """``numerator / denominator`` of two cases' times; ``limit`` is a target, if any."""

    numerator: str
    denominator: str
    limit: float | None = None


RATIOS: list[Ratio] = [
    Ratio("govdisclosure.loads", "msgspec.decode", 2.5),
    Ratio("govdisclosure.loads", "pydantic.validate_json", 1.0),
    Ratio("govdisclosure.dumps", "msgspec.encode", 2.0),
    Ratio("govdisclosure.dumps", "pydantic.dump_json", 1.0),
    Ratio("govdisclosure.dumpb", "msgspec.encode", 2.0),
    Ratio("govdisclosure.validate", "govdisclosure.loads", 0.25),
    Ratio("govdisclosure.loads", "orjson.loads"),
    Ratio("govdisclosure.dumps", "orjson.dumps"),
    Ratio("govdisclosure.dumps", "orjson.dumps+decode"),
    Ratio("orjson.dumps+decode", "msgspec.encode"),
    Ratio("msgspec.decode", "orjson.loads"),
    Ratio("pydantic.validate_json", "orjson.loads"),
    Ratio("msgspec.encode", "orjson.dumps"),
    Ratio("pydantic.dump_json", "orjson.dumps"),
]


# -- Checks: every library reads and writes the same document --------------------------------


def check(f: Fixture) -> list[str]:
    """Return the problems found; empty when every case handles the same document."""
    problems: list[str] = []
    if g.loads(f.text) != f.report:
        problems.append("govdisclosure.loads does not give back the report")
    encoded = {
        "govdisclosure.dumps": g.dumps(f.report).encode(),
        "govdisclosure.dumpb": g.dumpb(f.report),
        "orjson.dumps": orjson.dumps(f.data),
        "msgspec.encode": f.msgspec_encoder.encode(f.msgspec_value),
        "pydantic.dump_json": f.pydantic_value.model_dump_json().encode(),
    }
    problems.extend(
        f"{name} does not write the document back byte for byte"
        for name, out in encoded.items()
        if out != f.text
    )
    # The equivalent models reject what ours rejects (a sample; the property tests cover ours).
    bad = {
        "unknown key": {**f.data, "extra": 1},
        "missing key": {k: v for k, v in f.data.items() if k != "contact"},
        "negative count": _with(f.data, ("review_litigation", "review", "upheld"), -1),
        "bool count": _with(f.data, ("review_litigation", "review", "upheld"), True),
        "string count": _with(f.data, ("review_litigation", "review", "upheld"), "1"),
        "count too big": _with(f.data, ("review_litigation", "review", "upheld"), 2**53),
        "year too small": _with(f.data, ("period", "year"), 1999),
        "bad amount": _with(f.data, ("proactive_disclosure", "fees", "amount"), "1e3"),
        "amount and newline": _with(f.data, ("proactive_disclosure", "fees", "amount"), "1\n"),
        "bad date": _with(f.data, ("period", "start"), "2023-02-30"),
        "bad choice": _with(f.data, ("agency", "level"), "national"),
        "bad division code": _with(f.data, ("agency", "division_code"), "12345"),
        "null required text": _with(f.data, ("agency", "name"), None),
    }
    for what, doc in bad.items():
        text = orjson.dumps(doc)
        for name, accepts in (
            ("govdisclosure", g.loads),
            ("msgspec", f.msgspec_decoder.decode),
            ("pydantic", f.pydantic_model.model_validate_json),
        ):
            try:
                accepts(text)
            except (g.ReportError, msgspec.ValidationError, pydantic.ValidationError):
                continue
            problems.append(f"{name} accepts a document with a {what}")
    return problems


def _with(data: Any, path: tuple[str, ...], value: Any) -> Any:
    """A deep copy of ``data`` with the value at ``path`` replaced."""
    out = orjson.loads(orjson.dumps(data))
    node = out
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return out


# -- Timing --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Timing:
    name: str
    best: float  # µs per call: the minimum over the repeats
    median: float  # µs per call: the median over the repeats


def run(
    cases: list[Case], fixture: Fixture, repeat: int, budget: float, *, collect: bool = False
) -> list[Timing]:
    """Time every case: µs per call, min and median over ``repeat`` runs of ~``budget`` s.

    The runs are interleaved (one run of every case per round) so that a burst of load on a
    shared machine hits every case alike. As with :mod:`timeit`, garbage collection is off
    while timing unless ``collect`` is true: its cost depends on the rest of the heap more than
    on the case.
    """
    timers: list[tuple[timeit.Timer, int]] = []
    for c in cases:
        fn = c.make(fixture)
        fn()  # warm up caches and lazily built state
        timer = timeit.Timer(fn, setup="gc.enable()" if collect else "pass", globals={"gc": gc})
        number, elapsed = timer.autorange()
        timers.append((timer, max(1, round(number * budget / max(elapsed, 1e-9)))))
    runs: list[list[float]] = [[] for _ in cases]
    for _ in range(repeat):
        for (timer, number), out in zip(timers, runs, strict=True):
            out.append(timer.timeit(number) / number * 1e6)
    return [
        Timing(c.name, min(out), statistics.median(out)) for c, out in zip(cases, runs, strict=True)
    ]


# -- Report --------------------------------------------------------------------------------


def describe(f: Fixture, repeat: int, budget: float, collect: bool) -> str:
    versions = ", ".join(
        f"{d} {dist_version(d)}" for d in ("orjson", "msgspec", "pydantic", "cattrs", "attrs")
    )
    return "\n".join(
        [
            f"document: one complete 2021 report, {len(f.text):,} bytes of JSON",
            f"python:   {platform.python_implementation()} {platform.python_version()}, "
            f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs",
            f"versions: govdisclosure {g.__version__}, {versions}",
            f"timing:   µs per report; min and median of {repeat} runs of ~{budget:g} s each, "
            f"garbage collection {'on' if collect else 'off'}",
        ]
    )


def table(timings: list[Timing], cases: list[Case]) -> str:
    groups = {c.name: c.group for c in cases}
    width = max(len(t.name) for t in timings)
    lines = [f"{'case':<{width}}  {'group':<7} {'min µs':>9} {'median µs':>10}"]
    lines += [
        f"{t.name:<{width}}  {groups[t.name]:<7} {t.best:>9.1f} {t.median:>10.1f}" for t in timings
    ]
    return "\n".join(lines)


def ratios(timings: list[Timing]) -> tuple[str, bool]:
    """The ratio table, and whether every target among the measured ratios is met."""
    by_name = {t.name: t for t in timings}
    rows = [r for r in RATIOS if r.numerator in by_name and r.denominator in by_name]
    if not rows:
        return "", True
    width = max(len(f"{r.numerator} / {r.denominator}") for r in rows)
    lines = [f"{'ratio':<{width}}  {'min':>6} {'median':>7}  target (on min)"]
    all_met = True
    for r in rows:
        n, d = by_name[r.numerator], by_name[r.denominator]
        best, median = n.best / d.best, n.median / d.median
        verdict = ""
        if r.limit is not None:
            met = best <= r.limit
            all_met = all_met and met
            verdict = f"≤ {r.limit:g}× {'met' if met else 'MISSED'}"
        label = f"{r.numerator} / {r.denominator}"
        lines.append(f"{label:<{width}}  {best:>5.2f}× {median:>6.2f}×  {verdict}")
    return "\n".join(lines), all_met


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="fewer, shorter runs (a few s)")
    parser.add_argument("--repeat", type=int, help="runs per case (default 7, quick 3)")
    parser.add_argument("--budget", type=float, help="seconds per run (default 0.3, quick 0.05)")
    parser.add_argument("--gc", action="store_true", help="keep garbage collection on")
    parser.add_argument(
        "-k", dest="keyword", action="append", help="only cases whose name contains this"
    )
    args = parser.parse_args(argv)
    repeat = args.repeat or (3 if args.quick else 7)
    budget = args.budget or (0.05 if args.quick else 0.3)
    cases = [c for c in CASES if not args.keyword or any(k in c.name for k in args.keyword)]

    fixture = Fixture()
    problems = check(fixture)
    for problem in problems:
        print(f"check failed: {problem}", file=sys.stderr)
    if problems:
        return 1

    print(describe(fixture, repeat, budget, args.gc))
    print()
    timings = run(cases, fixture, repeat, budget, collect=args.gc)
    print(table(timings, cases))
    text, all_met = ratios(timings)
    if text:
        print()
        print(text)
        print()
        print("all targets met" if all_met else "some targets missed (see docs/performance.md)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
