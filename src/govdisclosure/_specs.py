"""Walking the model's field specs: which classes a template version uses, and where.

Everything here reads the template registry (:mod:`govdisclosure.template`); the caches are
keyed by version and cleared whenever the registry changes.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator

import attrs

from . import template as t
from .model import SPEC_KEY, FieldSpec
from .template import VERSIONS, Version

#: Largest count a document may hold: the largest integer every JSON consumer keeps exactly.
MAX_COUNT = 2**53 - 1
#: The range of a reporting year.
MIN_YEAR, MAX_YEAR = 2000, 2999
#: A non-negative decimal amount, written as a JSON string so that no binary float touches it.
AMOUNT_PATTERN = r"(0|[1-9][0-9]{0,17})(\.[0-9]{1,8})?"
#: A calendar date, YYYY-MM-DD.
DATE_PATTERN = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"


def ecma_pattern(core: str) -> str:
    """Anchor a pattern for JSON Schema so that Python's ``re.search`` and ECMA-262 agree.

    ``$`` in Python also matches before a final newline; the look-ahead rules that out, and is
    a no-op in ECMA-262.
    """
    return f"^(?:{core})$(?!\\n)"


_SPECS: dict[type, tuple[tuple[str, FieldSpec], ...]] = {}


def specs(cls: type) -> tuple[tuple[str, FieldSpec], ...]:
    """The ``(name, spec)`` pairs of a model class, in declaration order."""
    found = _SPECS.get(cls)
    if found is None:
        found = _SPECS[cls] = tuple((a.name, a.metadata[SPEC_KEY]) for a in attrs.fields(cls))
    return found


def target(spec: FieldSpec, version: Version | None) -> type | None:
    """The class an ``object``, ``object_list`` or ``variant`` field holds in ``version``."""
    if spec.kind == "variant":
        return dict(spec.variants).get(version) if version is not None else None
    return spec.cls


def report_class(version: Version) -> type:
    """The document's top-level class in ``version``."""
    return t.TEMPLATES[version].report_class()


@functools.cache
def versioned(cls: type) -> bool:
    """True when the class, or a class below it, has a version-dependent field."""
    for _, spec in specs(cls):
        if spec.kind == "variant":
            return True
        if spec.cls is not None and versioned(spec.cls):
            return True
    return False


@functools.cache
def classes(version: Version) -> tuple[type, ...]:
    """Every model class a report of ``version`` uses, children before parents."""
    seen: list[type] = []

    def visit(cls: type) -> None:
        for _, spec in specs(cls):
            child = target(spec, version)
            if child is not None and child not in seen:
                visit(child)
        if cls not in seen:
            seen.append(cls)

    visit(report_class(version))
    return tuple(seen)


def all_classes() -> tuple[type, ...]:
    """Every model class of every version, children before parents."""
    out: list[type] = []
    for version in VERSIONS:
        out.extend(c for c in classes(version) if c not in out)
    return tuple(out)


def walk(
    cls: type, version: Version, path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], FieldSpec, tuple[FieldSpec, ...]]]:
    """Yield ``(path, spec, ancestors)`` for every field below ``cls`` in ``version``.

    ``ancestors`` are the specs of the object fields on the way down, outermost first.
    """

    def go(
        c: type, prefix: tuple[str, ...], above: tuple[FieldSpec, ...]
    ) -> Iterator[tuple[tuple[str, ...], FieldSpec, tuple[FieldSpec, ...]]]:
        for name, spec in specs(c):
            here = (*prefix, name)
            yield here, spec, above
            child = target(spec, version)
            if child is not None and spec.kind != "object_list":
                yield from go(child, here, (*above, spec))

    return go(cls, path, ())


@t.on_change
def _clear() -> None:
    versioned.cache_clear()
    classes.cache_clear()
