"""Where a finding is, in the words of the form: 表/行/列 with the official labels, and the cell.

:func:`place` turns a JSON Pointer into a :class:`Place`: in Chinese
「表三「（七）总计」行「其他」列」, in English ``Table III, row "(7) Total", column "Other"``, and
the workbook cell ``表三!I28``. A row or column label that is not unique in its table (「总计」 in
table 四, 「3.其他」 in table 三) is prefixed with the group above it, so that every place names
one cell. :func:`finding_place` locates a finding by its main pointer; :func:`with_place` adds
the place to a finding's JSON form. The :class:`~govdisclosure.Finding` class is not changed.
"""

from __future__ import annotations

import functools
from typing import Any

import attrs

from ..catalogue import Entry, catalogue
from ..findings import Finding
from ..template import Label, Version
from .layout import cell_address

__all__ = ["Place", "finding_place", "place", "suspect_message", "with_place"]

_ROMAN = {"二": "II", "三": "III", "四": "IV"}
#: Joins a label to the group above it when the label alone is ambiguous.
_JOIN = Label("·", " / ")


@attrs.frozen
class Place:
    """A location in the official form's words, with its workbook cell when it has one."""

    zh: str
    en: str
    #: The workbook cell, ``表三!I28``; ``None`` for a pointer without a cell.
    cell: str | None = None

    def text(self, lang: str = "zh") -> str:
        """The place in ``"zh"`` or ``"en"``."""
        return self.zh if lang == "zh" else self.en

    def to_dict(self) -> dict[str, Any]:
        """A JSON-compatible dict."""
        return {"zh": self.zh, "en": self.en, "cell": self.cell}


@functools.cache
def _entries(version: Version) -> dict[str, Entry]:
    return {e.pointer: e for e in catalogue() if version in e.versions}


def _shortest(path: tuple[Label, ...], others: set[tuple[Label, ...]]) -> tuple[Label, ...]:
    """The shortest tail of a label path that no other path of the table ends with."""
    for n in range(1, len(path) + 1):
        tail = path[-n:]
        if not any(o != path and o[-n:] == tail for o in others):
            return tail
    return path


@functools.cache
def _axis_paths(version: Version, table: str, axis: str) -> set[tuple[Label, ...]]:
    paths: set[tuple[Label, ...]] = set()
    for e in _entries(version).values():
        if e.role == "cell" and e.table is not None and e.table.number == table:
            path = e.row if axis == "row" else e.column
            # Table 三's outcome group 三、本年度办理结果 names no row on its own.
            paths.add(path)
    return paths


def _words(path: tuple[Label, ...], lang: str) -> str:
    sep = _JOIN.zh if lang == "zh" else _JOIN.en
    return sep.join(lab.zh if lang == "zh" else lab.en for lab in path)


def place(pointer: str, version: Version) -> Place | None:
    """The place of ``pointer`` in ``version``'s form; ``None`` for a pointer it does not have."""
    e = _entries(version).get(pointer)
    if e is None:
        return None
    cell = cell_address(pointer, version)
    if e.table is None:
        return Place(f"「{e.label.zh}」", f'"{e.label.en}"', cell)
    number = e.table.number
    zh, en = [f"表{number}"], [f"Table {_ROMAN.get(number, number)}"]
    if e.row:
        row = _shortest(e.row, _axis_paths(version, number, "row"))
        zh.append(f"「{_words(row, 'zh')}」行")
        en.append(f'row "{_words(row, "en")}"')
    if e.column:
        col = _shortest(e.column, _axis_paths(version, number, "column"))
        zh.append(f"「{_words(col, 'zh')}」列")
        en.append(f'column "{_words(col, "en")}"')
    return Place("".join(zh), ", ".join(en), cell)


def finding_place(finding: Finding, version: Version | None) -> Place | None:
    """The place of a finding's main pointer, or ``None`` (no pointer, or not in the form)."""
    if version is None or not finding.pointer:
        return None
    return place(finding.pointer, version)


def with_place(finding: Finding, version: Version | None) -> dict[str, Any]:
    """The finding's JSON form plus ``"location"``: its place, or ``None``."""
    found = finding_place(finding, version)
    return {**finding.to_dict(), "location": None if found is None else found.to_dict()}


def suspect_message(suspect: Any, version: Version | None, lang: str = "zh") -> str:
    """A :class:`~govdisclosure.validate.Suspect`'s message naming its cell by its place."""
    text: str = suspect.message(lang)
    found = place(suspect.pointer, version) if version is not None else None
    if found is None:
        return text
    where = found.zh if lang == "zh" else found.en
    if found.cell is not None:
        where += f"（{found.cell}）" if lang == "zh" else f" ({found.cell})"
    return text.replace(suspect.pointer, where, 1)
