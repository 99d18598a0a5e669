"""Reading the cells a rule binds: a getter resolves a JSON Pointer to a typed value or a Blank."""

from __future__ import annotations

import functools
from typing import Any

from .._specs import walk
from ..findings import pointer, pointer_parts
from ..model import FieldSpec, Report
from ..template import Version
from .core import Blank, Getter

__all__ = ["ABSENT", "field_specs", "object_getter", "parts"]


@functools.cache
def parts(ptr: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A pointer's reference tokens, and the pointer of each prefix (the first token on)."""
    tokens = tuple(pointer_parts(ptr))
    return tokens, tuple(pointer(tokens[: i + 1]) for i in range(len(tokens)))


#: A marker for "no value here", distinct from ``None``.
ABSENT = object()


def object_getter(report: Any) -> Getter:
    """A getter reading attributes of a :class:`Report` (or of any object tree).

    A ``None`` on the way gives a :class:`Blank` naming the blank row or cell; so does an
    attribute that the object does not have (another version's row, say).
    """

    memo: dict[str, Any] = {"": report}

    def get(ptr: str) -> Any:
        found = memo.get(ptr, ABSENT)
        if found is ABSENT:
            parent, name = _split(ptr)
            obj = get(parent)
            if obj.__class__ is Blank:
                found = obj
            else:
                found = getattr(obj, name, None)
                if found is None:
                    found = Blank(ptr)
            memo[ptr] = found
        return found

    return get


@functools.cache
def _split(ptr: str) -> tuple[str, str]:
    """A pointer's parent pointer and its last reference token."""
    parent, _, last = ptr.rpartition("/")
    return parent, last.replace("~1", "/").replace("~0", "~")


@functools.cache
def field_specs(version: Version) -> dict[str, FieldSpec]:
    """The spec of every field of a ``version`` report, by pointer."""
    return {pointer(path): spec for path, spec, _ in walk(Report, version)}
