"""The columns of the wide reports table: one per cell or field, the same for 2019 and 2021.

Every leaf of the catalogue (a table cell, or a scalar field such as the agency's name) gets one
column, keyed by its JSON Pointer. A cell that both template versions label alike has one
catalogue entry and so one column. The crosswalk declares the few cells whose labels differ
between the versions but which mean the same thing (:data:`SAME_MEANING`); they share a column
too. Every other version-specific cell keeps its own column, empty in the other version's rows.
Import-time checks make sure that no two different meanings ever share a column.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Literal

import attrs

from ..catalogue import Entry, catalogue
from ..template import VERSIONS, Label, Version

__all__ = ["COLUMNS", "SAME_MEANING", "Column", "Equivalence", "Lang", "columns", "title"]

#: How column headings are written: Chinese titles, English titles, or JSON Pointers.
Lang = Literal["zh", "en", "pointer"]

#: The kinds of value a column holds, as the model names them; lists are held as JSON text.
ColumnKind = Literal[
    "count", "signed_count", "amount", "text", "date", "year", "choice", "text_list", "object_list"
]


@attrs.frozen
class Equivalence:
    """A cell labelled differently in 2019 and 2021 that means the same thing."""

    pointer: str
    why: str


#: The cells that the two versions label differently and that mean the same thing. In 2019
#: the column of 第二十条第（五）（六）项 is 处理决定数量 (decisions), in 2021 本年处理决定数量
#: (decisions this year): both count the decisions taken in the reporting year.
SAME_MEANING: tuple[Equivalence, ...] = (
    Equivalence(
        "/proactive_disclosure/licensing/decisions",
        "行政许可 处理决定数量 (2019) = 本年处理决定数量 (2021)",
    ),
    Equivalence(
        "/proactive_disclosure/penalty/decisions",
        "行政处罚 处理决定数量 (2019) = 本年处理决定数量 (2021)",
    ),
    Equivalence(
        "/proactive_disclosure/coercion/decisions",
        "行政强制 处理决定数量 (2019) = 本年处理决定数量 (2021)",
    ),
)

_LEAF_KINDS = frozenset(ColumnKind.__args__)  # type: ignore[attr-defined]  # Literal's members


@attrs.frozen
class Column:
    """One column of the wide table: the cell or field it holds in each template version."""

    key: str
    kind: ColumnKind
    #: The catalogue entry per version; a version without this cell is absent.
    entries: tuple[tuple[Version, Entry], ...]
    nullable: bool

    @property
    def versions(self) -> tuple[Version, ...]:
        """The template versions that have this cell."""
        return tuple(v for v, _ in self.entries)

    @property
    def path(self) -> tuple[str, ...]:
        """The attribute path of the cell in the report document."""
        return self.entries[0][1].path

    @property
    def entry(self) -> Entry:
        """The entry whose labels title the column: the newest version's."""
        return self.entries[-1][1]

    def title(self, lang: Lang) -> str:
        """The column heading in ``lang``."""
        if lang == "pointer":
            return self.key
        return title(self.entry, lang)


_NUMERALS = {"一": "1", "二": "2", "三": "3", "四": "4", "五": "5", "六": "6", "七": "7"}


def _labels(path: tuple[Label, ...], lang: Lang) -> list[str]:
    return [lab.zh if lang == "zh" else lab.en for lab in path]


def title(entry: Entry, lang: Lang) -> str:
    """A heading for a catalogue entry: its table, row and column labels, or its field path."""
    if entry.role == "cell" and entry.table is not None:
        number = entry.table.number
        table = f"表{number}" if lang == "zh" else f"Table {_NUMERALS.get(number, number)}"
        parts = [table, *_labels(entry.row, lang), *_labels(entry.column, lang)]
    else:
        by_pointer = {e.pointer: e for e in catalogue()}
        parts = []
        for i in range(1, len(entry.path) + 1):
            above = by_pointer.get("/" + "/".join(entry.path[:i]))
            if above is not None:
                parts.extend(_labels((above.label,), lang))
    return " › ".join(parts)


def _leaves() -> Iterable[Entry]:
    for e in catalogue():
        if e.kind in _LEAF_KINDS and e.role in ("cell", "field"):
            yield e


@functools.cache
def columns() -> tuple[Column, ...]:
    """Every column of the wide table, in catalogue order; see the module documentation."""
    same = {q.pointer for q in SAME_MEANING}
    by_pointer: dict[str, list[Entry]] = {}
    for e in _leaves():
        by_pointer.setdefault(e.pointer, []).append(e)
    out: list[Column] = []
    for ptr, entries in by_pointer.items():
        if len(entries) > 1 and ptr not in same:  # pragma: no cover - checked by the tests
            raise AssertionError(f"{ptr}: different cells of each version need a crosswalk entry")
        per_version = tuple(sorted((v, e) for e in entries for v in e.versions))
        if len({v for v, _ in per_version}) != len(per_version):  # pragma: no cover
            raise AssertionError(f"{ptr}: two cells of one version in one column")
        kinds = {e.kind for e in entries}
        if len(kinds) != 1:  # pragma: no cover
            raise AssertionError(f"{ptr}: one column cannot hold kinds {kinds}")
        kind: ColumnKind = entries[0].kind  # type: ignore[assignment]  # checked in _LEAF_KINDS
        out.append(Column(ptr, kind, per_version, any(e.nullable for e in entries)))
    for lang in ("zh", "en"):
        titles = [c.title(lang) for c in out]
        if len(set(titles)) != len(titles):  # pragma: no cover - checked by the tests
            raise AssertionError(f"column titles in {lang} are not unique")
    return tuple(out)


#: The columns, computed once.
COLUMNS: tuple[Column, ...] = columns()

assert {v for c in COLUMNS for v in c.versions} == set(VERSIONS)
