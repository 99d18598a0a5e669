"""Parse many files on all cores, in input order, with bounded memory; a bad file is data.

:func:`parse_many` streams ``(path, ParseResult | Failure)`` pairs in the order of the paths,
from a pool of worker processes (the standard library's :mod:`concurrent.futures`). At most a
small window of files is in flight, so memory does not grow with the corpus; a file that
cannot be read, or that kills its worker process, is a :class:`Failure` with a finding, and
the batch goes on.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import TypeVar

import attrs

from .findings import FINDINGS, Finding
from .parse import ParseError, ParseResult, parse

__all__ = ["Failure", "crashed", "default_jobs", "imap_ordered", "parse_many", "parse_one"]

T = TypeVar("T")
R = TypeVar("R")


@attrs.frozen
class Failure:
    """A file that could not be read at all: why, as findings."""

    path: str
    findings: tuple[Finding, ...]


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def _internal(path: str, e: BaseException) -> Failure:
    return Failure(
        path,
        (FINDINGS["parse.internal"].finding(detail=f"{type(e).__name__}: {e}"),),
    )


def parse_one(path: str | Path) -> ParseResult | Failure:
    """Parse one file; a file that cannot be read is a :class:`Failure`, never an exception."""
    try:
        return parse(Path(path))
    except ParseError as e:
        return Failure(str(path), (e.finding,))
    except OSError as e:
        return Failure(
            str(path),
            (
                Finding(
                    rule="parse.unreadable",
                    severity="error",
                    pointers=(),
                    message_zh=f"无法读取文件：{e.strerror or e}",
                    message_en=f"cannot read the file: {e.strerror or e}",
                ),
            ),
        )
    except Exception as e:  # noqa: BLE001 - one bad file must not stop the batch
        return _internal(str(path), e)


def _alone(fn: Callable[[T], R], item: T) -> R:
    """``fn(item)`` in a fresh one-worker pool: raises BrokenProcessPool if ``item`` kills it."""
    with ProcessPoolExecutor(max_workers=1) as pool:
        return pool.submit(fn, item).result()


def imap_ordered(
    fn: Callable[[T], R],
    items: Iterable[T],
    *,
    jobs: int | None = None,
    window: int = 4,
    on_crash: Callable[[T, BaseException], R] | None = None,
) -> Iterator[tuple[T, R]]:
    """``(item, fn(item))`` in input order, ``fn`` run in ``jobs`` processes.

    At most ``jobs × window`` items are in flight. ``jobs=1`` runs in this process. ``fn``
    must be a module-level function (it is pickled to the workers). When an item kills its
    worker process (a crash in a C library, the kernel's out-of-memory killer), the pool is
    rebuilt, the item is tried once more alone to be sure it is the culprit, and with
    ``on_crash`` its result is ``on_crash(item, error)``; without, the error is raised.
    """
    jobs = default_jobs() if jobs is None else max(1, jobs)
    if jobs == 1:
        for item in items:
            yield item, fn(item)
        return
    source = iter(items)
    pending: deque[tuple[T, Future[R]]] = deque()
    pool = ProcessPoolExecutor(max_workers=jobs)
    try:
        while True:
            while len(pending) < jobs * window:
                try:
                    item = next(source)
                except StopIteration:
                    break
                pending.append((item, pool.submit(fn, item)))
            if not pending:
                return
            item, future = pending.popleft()
            try:
                result = future.result()
            except BrokenProcessPool as e:
                # Every pending future fails with the pool; only one item is to blame.
                pool.shutdown(wait=True, cancel_futures=True)
                pool = ProcessPoolExecutor(max_workers=jobs)
                pending = deque((i, pool.submit(fn, i)) for i, _ in pending)
                try:
                    result = _alone(fn, item)
                except BrokenProcessPool:
                    if on_crash is None:
                        raise
                    result = on_crash(item, e)
            yield item, result
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def crashed(path: str | Path, e: BaseException) -> Failure:
    """The failure of a file whose worker process died while reading it."""
    return Failure(
        str(path),
        (FINDINGS["parse.crashed"].finding(),),
    )


def parse_many(
    paths: Iterable[str | Path], *, jobs: int | None = None
) -> Iterator[tuple[str | Path, ParseResult | Failure]]:
    """``(path, result)`` for every path, in input order; see the module documentation.

    ``jobs`` is the number of worker processes (default: every core this process may use).
    """
    yield from imap_ordered(parse_one, paths, jobs=jobs, on_crash=crashed)
