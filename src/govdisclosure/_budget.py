"""The time budget of reading and parsing text: one monotonic deadline, checked in the loops.

Reading a text may take at most :data:`MAX_PARSE_SECONDS` of wall-clock time, and so may the
parse stages over a document once it is read (whatever its format; a PDF's reading has its own
limits, in :mod:`govdisclosure.readers.pdf_engine`). :func:`limit` opens a budget (a scope; a
scope opened inside another keeps the outer, earlier deadline, so that the stages of one
``parse`` call share one budget however many of them open theirs); the loops whose work grows
with the input look at the clock every :data:`CHECK_EVERY` steps, through :func:`paced`
(:func:`check_reading` in a reader, :func:`check_parsing` in a parse stage). Past the
deadline the reader raises :class:`~govdisclosure.readers.document.TimeLimitError`, a
``ReaderError`` (``parse`` turns it into its ``ParseError``, finding ``parse.unreadable``), and
a stage raises :class:`~govdisclosure.parse.api.ParseError` itself. Outside any scope the
checks do nothing.
"""

from __future__ import annotations

import contextlib
import contextvars
import time
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

__all__ = [
    "CHECK_EVERY",
    "MAX_PARSE_SECONDS",
    "check_parsing",
    "check_reading",
    "limit",
    "paced",
]

#: The wall-clock seconds one text may take to be read and parsed.
MAX_PARSE_SECONDS = 60.0
#: How many lines (or items) a loop handles between two looks at the clock.
CHECK_EVERY = 64

_DEADLINE: contextvars.ContextVar[float | None] = contextvars.ContextVar(
    "govdisclosure_deadline", default=None
)


@contextlib.contextmanager
def limit() -> Iterator[None]:
    """A scope whose work must end within :data:`MAX_PARSE_SECONDS` (or the outer scope's)."""
    if _DEADLINE.get() is not None:
        yield
        return
    # The constant is read here, not at import, so that a test may lower it.
    token = _DEADLINE.set(time.monotonic() + MAX_PARSE_SECONDS)
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def _expired() -> bool:
    deadline = _DEADLINE.get()
    return deadline is not None and time.monotonic() > deadline


def check_reading() -> None:
    """Raise :class:`~govdisclosure.readers.document.TimeLimitError` when the budget is spent."""
    if _expired():
        # The readers package imports this module: import from it late.
        from .readers.document import TimeLimitError

        raise TimeLimitError(f"reading the text took more than {MAX_PARSE_SECONDS:g} seconds")


def check_parsing() -> None:
    """Raise ``ParseError`` when the budget is spent."""
    if _expired():
        from .parse.api import ParseError  # the parser imports this module: import it late

        raise ParseError(
            f"parsing the document took more than {MAX_PARSE_SECONDS:g} seconds",
            f"解析文档用时超过 {MAX_PARSE_SECONDS:g} 秒",
        )


_T = TypeVar("_T")


def paced(items: Iterable[_T], check: Callable[[], None] = check_parsing) -> Iterator[_T]:
    """``items`` one by one, calling ``check`` before the first and every :data:`CHECK_EVERY`-th."""
    for n, item in enumerate(items):
        if not n % CHECK_EVERY:
            check()
        yield item
