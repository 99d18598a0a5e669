"""The registry of template versions: one :class:`Template` per version, read live.

Each version of the national format is declared once, as a :class:`Template` in its own module
(:mod:`.v2019`, :mod:`.v2021`), and registered here with :func:`register`. Everything that
depends on the set of versions — :data:`VERSIONS`, :data:`NOTICES`, :func:`version_for_year`,
:func:`latest`, the model's version-dependent fields, the schema, the codecs, the catalogue and
the renderer — reads this registry when it is used, never a copy taken at import. Caches that
depend on it subscribe with :func:`on_change` and are cleared whenever a version is registered
or unregistered.
"""

from __future__ import annotations

import functools
import importlib
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, overload

import attrs

from .common import TABLES, Label, TableLayout

__all__ = [
    "NOTICES",
    "TEMPLATES",
    "VERSIONS",
    "Template",
    "Version",
    "latest",
    "on_change",
    "register",
    "unregister",
    "variants",
    "version_for_year",
]

#: A template version: a key of :data:`TEMPLATES`, such as ``"2021"``.
Version = str


@attrs.frozen
class Template:
    """One version of the national format: its notice, its years, its classes and its tables.

    ``classes`` maps each version-dependent slot of the model (a ``variant`` field's ``slot``,
    such as ``"proactive_disclosure"`` for table 二 or ``"other_handling"`` for row
    （六）其他处理) to the model class this version puts there: a class, or the name of a class in
    :mod:`govdisclosure.model`. ``report`` is the document's top-level class, likewise.
    ``tables`` are the table layouts in print order.
    """

    version: str
    notice: str
    #: The first reporting year the version applies to.
    first_year: int
    #: The last reporting year it applies to; ``None`` while it is current.
    last_year: int | None = None
    #: How the format is named in the document's ``template_version`` choice.
    label: Label | None = attrs.field(default=None, kw_only=True)
    classes: Mapping[str, str | type] = attrs.field(factory=dict, kw_only=True)
    report: str | type = attrs.field(default="Report", kw_only=True)
    tables: tuple[TableLayout, ...] = attrs.field(default=TABLES, kw_only=True)

    def covers(self, year: int) -> bool:
        """True when a report for ``year`` uses this version."""
        return self.first_year <= year and (self.last_year is None or year <= self.last_year)

    def cls(self, slot: str) -> type | None:
        """The model class this version puts in ``slot``; ``None`` when it has none there."""
        found = self.classes.get(slot)
        return _resolve(found) if found is not None else None

    def report_class(self) -> type:
        """The document's top-level model class in this version."""
        return _resolve(self.report)

    def choice_label(self) -> Label:
        """The version's label in the ``template_version`` choice."""
        return self.label if self.label is not None else Label(self.version, self.version)


def _resolve(ref: str | type) -> type:
    if isinstance(ref, type):
        return ref
    # By name, so that the template (which the model imports) need not import the model.
    found: type = getattr(importlib.import_module("govdisclosure.model"), ref)
    return found


_LOCK = threading.RLock()
_REGISTRY: dict[str, Template] = {}
_LISTENERS: list[Callable[[], None]] = []

#: Every template version by its version string, oldest first: a live, read-only view.
TEMPLATES: Mapping[str, Template] = MappingProxyType(_REGISTRY)


class _Versions(Sequence[str]):
    """The registered versions, oldest first, read live; equal to the tuple of them."""

    __slots__ = ()

    @overload
    def __getitem__(self, i: int) -> str: ...
    @overload
    def __getitem__(self, i: slice) -> tuple[str, ...]: ...
    def __getitem__(self, i: int | slice) -> str | tuple[str, ...]:
        return tuple(_REGISTRY)[i]

    def __len__(self) -> int:
        return len(_REGISTRY)

    def __iter__(self) -> Iterator[str]:
        return iter(tuple(_REGISTRY))

    def __contains__(self, value: object) -> bool:
        return value in _REGISTRY

    def __eq__(self, other: object) -> bool:
        if isinstance(other, _Versions):
            return True
        return isinstance(other, tuple) and tuple(_REGISTRY) == other

    def __hash__(self) -> int:
        return hash(tuple(_REGISTRY))

    def __add__(self, other: tuple[str, ...]) -> tuple[str, ...]:
        return (*_REGISTRY, *other)

    def __radd__(self, other: tuple[str, ...]) -> tuple[str, ...]:
        return (*other, *_REGISTRY)

    def __repr__(self) -> str:
        return repr(tuple(_REGISTRY))


class _Notices(Mapping[str, str]):
    """The notice that issued each registered version, read live."""

    __slots__ = ()

    def __getitem__(self, version: str) -> str:
        return _REGISTRY[version].notice

    def __len__(self) -> int:
        return len(_REGISTRY)

    def __iter__(self) -> Iterator[str]:
        return iter(tuple(_REGISTRY))

    def __repr__(self) -> str:
        return repr(dict(self))


if TYPE_CHECKING:
    # Typed as the tuple it reads like, so that code annotated with tuples keeps checking.
    VERSIONS: tuple[Version, ...]
else:
    #: All template versions, oldest first: a live view that compares equal to their tuple.
    VERSIONS = _Versions()

#: The notice that issued each template version: a live view.
NOTICES: Mapping[Version, str] = _Notices()


def on_change(listener: Callable[[], None]) -> Callable[[], None]:
    """Call ``listener`` (e.g. a cache's ``cache_clear``) whenever the registry changes."""
    with _LOCK:
        _LISTENERS.append(listener)
    return listener


def _changed() -> None:
    variants.cache_clear()
    for listener in list(_LISTENERS):
        listener()


def register(template: Template, *, replace: bool = False) -> Template:
    """Add a template version to the registry, keeping it ordered by first year.

    Raises :class:`ValueError` when the version is registered already (unless ``replace``).
    Every cache that depends on the set of versions is cleared.
    """
    with _LOCK:
        if template.version in _REGISTRY and not replace:
            raise ValueError(f"template version {template.version!r} is registered already")
        entries = {**_REGISTRY, template.version: template}
        _REGISTRY.clear()
        _REGISTRY.update(sorted(entries.items(), key=lambda kv: kv[1].first_year))
        _changed()
    return template


def unregister(version: Version) -> Template:
    """Remove a template version from the registry and return it; caches are cleared."""
    with _LOCK:
        template = _REGISTRY.pop(version)
        _changed()
    return template


def version_for_year(year: int) -> Version | None:
    """The template version a report for ``year`` follows; ``None`` before the first one.

    When versions overlap, the newest one covering the year wins.
    """
    for v, tpl in reversed(tuple(_REGISTRY.items())):
        if tpl.covers(year):
            return v
    return None


def latest() -> Template:
    """The current template version: the one that starts last."""
    return next(reversed(_REGISTRY.values()))


@functools.cache
def variants(slot: str) -> tuple[tuple[Version, type], ...]:
    """The class each registered version puts in a model slot, oldest version first."""
    out: list[tuple[Version, type]] = []
    for v, tpl in tuple(_REGISTRY.items()):
        cls = tpl.cls(slot)
        if cls is not None:
            out.append((v, cls))
    return tuple(out)
