"""parse_many: input order, a pool of processes, and a bad file as data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from govdisclosure import ParseResult, parse
from govdisclosure.parallel import Failure, imap_ordered, parse_many

SOURCE = Path(__file__).resolve().parents[2] / "examples" / "sources" / "muchang-2023.txt"


def test_order_and_failures(tmp_path: Path) -> None:
    """Results come in input order from two workers; a missing or binary file is a Failure."""
    binary = tmp_path / "x.txt"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    paths = [SOURCE, tmp_path / "missing.txt", SOURCE, binary, SOURCE]
    got = list(parse_many(paths, jobs=2))
    assert [p for p, _ in got] == paths
    kinds = [type(r) for _, r in got]
    assert kinds[1] is Failure
    assert kinds[3] is Failure
    assert kinds[0] is kinds[2] is kinds[4] is ParseResult
    first = got[0][1]
    assert isinstance(first, ParseResult)
    assert first.report == parse(SOURCE).report
    failure = got[1][1]
    assert isinstance(failure, Failure)
    assert failure.findings[0].severity == "error"


def test_one_job_runs_in_process() -> None:
    """jobs=1 gives the same results without a pool."""
    one = [r for _, r in parse_many([SOURCE, SOURCE], jobs=1)]
    assert all(isinstance(r, ParseResult) for r in one)


def test_parse_command_jobs(tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    """`parse --jobs 2` prints the same records, in the same order, as `--jobs 1`."""
    from govdisclosure.cli import main

    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(b"%PDF-1.4 not really")
    args = ["parse", str(SOURCE), str(damaged), str(SOURCE), "--jobs"]
    assert main([*args, "1"]) == 2  # an unreadable file: unusable input
    one = capsysbinary.readouterr().out
    assert one.count(b'"file"') == 3
    assert main([*args, "2"]) == 2
    assert capsysbinary.readouterr().out == one


def _square_or_die(n: int) -> int:
    if n == 3:
        os._exit(1)  # a worker killed mid-file, as a crash in a C library would
    return n * n


def test_a_dead_worker_is_one_failure() -> None:
    """An item that kills its worker is reported through on_crash; the others still come."""
    got = list(imap_ordered(_square_or_die, range(8), jobs=2, on_crash=lambda n, e: -1))
    assert got == [(0, 0), (1, 1), (2, 4), (3, -1), (4, 16), (5, 25), (6, 36), (7, 49)]
