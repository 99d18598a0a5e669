"""Parse many files on all cores, in input order, with bounded memory; a bad file is data.

:func:`parse_many` streams ``(path, ParseResult | Failure)`` pairs in the order of the paths,
from a pool of worker processes (the standard library's :mod:`concurrent.futures`). At most a
small window of files is in flight, so memory does not grow with the corpus; a file that
cannot be read is a :class:`Failure` with a finding, and the batch goes on.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import TypeVar

import attrs

from .findings import Finding
from .parse import ParseError, ParseResult, parse

__all__ = ["Failure", "default_jobs", "imap_ordered", "parse_many"]

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
        (
            Finding(
                rule="parse.internal",
                severity="error",
                pointers=(),
                message_zh=f"读取时发生内部错误：{type(e).__name__}: {e}",
                message_en=f"an internal error while reading: {type(e).__name__}: {e}",
            ),
        ),
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


def imap_ordered(
    fn: Callable[[T], R], items: Iterable[T], *, jobs: int | None = None, window: int = 4
) -> Iterator[tuple[T, R]]:
    """``(item, fn(item))`` in input order, ``fn`` run in ``jobs`` processes.

    At most ``jobs × window`` items are in flight. ``jobs=1`` runs in this process.
    ``fn`` must be a module-level function (it is pickled to the workers).
    """
    jobs = default_jobs() if jobs is None else max(1, jobs)
    if jobs == 1:
        for item in items:
            yield item, fn(item)
        return
    pending: deque[tuple[T, Future[R]]] = deque()
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for item in items:
            pending.append((item, pool.submit(fn, item)))
            if len(pending) >= jobs * window:
                first, future = pending.popleft()
                yield first, future.result()
        while pending:
            first, future = pending.popleft()
            yield first, future.result()


def parse_many(
    paths: Iterable[str | Path], *, jobs: int | None = None
) -> Iterator[tuple[str | Path, ParseResult | Failure]]:
    """``(path, result)`` for every path, in input order; see the module documentation.

    ``jobs`` is the number of worker processes (default: every core this process may use).
    """
    yield from imap_ordered(parse_one, paths, jobs=jobs)
