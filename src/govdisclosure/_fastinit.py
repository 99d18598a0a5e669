"""Positional constructors for small frozen attrs classes, at half the cost of their ``__init__``.

attrs' ``__init__`` for a frozen class sets each field through ``object.__setattr__``, about
120 ns a field. :func:`maker` generates a function that sets the slots' descriptors directly
and builds an instance equal to the one ``cls(**fields)`` builds. The parser makes a few hundred
of these objects per report (locations, cells, tokens, provenance), so it uses them there.

Only classes the generated code can build exactly are accepted: slotted, no validators, no
converters, no ``__attrs_post_init__``, no factory defaults, no cached hash.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import attrs

__all__ = ["maker"]

T = TypeVar("T")


def maker(cls: type[T]) -> Callable[..., T]:
    """A function taking ``cls``'s fields positionally, in order, with their defaults."""
    if not attrs.has(cls) or "__slots__" not in cls.__dict__:
        raise TypeError(f"{cls.__name__} is not a slotted attrs class")
    if hasattr(cls, "__attrs_post_init__") or getattr(cls, "__attrs_cached_hash__", False):
        raise TypeError(f"{cls.__name__} does more in __init__ than set its fields")
    fields = attrs.fields(cls)
    ns: dict[str, Any] = {"_new": object.__new__, "_cls": cls}
    params = []
    body = []
    for i, f in enumerate(fields):
        if f.validator is not None or f.converter is not None or not f.init:
            raise TypeError(f"{cls.__name__}.{f.name} is not a plain field")
        if isinstance(f.default, attrs.Factory):  # type: ignore[arg-type]  # Factory is a class at run time
            raise TypeError(f"{cls.__name__}.{f.name} has a factory default")
        if f.default is attrs.NOTHING:
            params.append(f"a{i}")
        else:
            ns[f"_d{i}"] = f.default
            params.append(f"a{i}=_d{i}")
        ns[f"_s{i}"] = cls.__dict__[f.name].__set__
        body.append(f"    _s{i}(o, a{i})")
    source = "\n".join(
        [f"def make({', '.join(params)}):", "    o = _new(_cls)", *body, "    return o"]
    )
    exec(compile(source, f"<{cls.__name__} maker>", "exec"), ns)  # noqa: S102
    make: Callable[..., T] = ns["make"]
    make.__doc__ = f"A {cls.__name__} from its fields, positionally."
    return make
