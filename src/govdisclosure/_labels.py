"""The parser's index of official table labels, read from the field catalogue.

For each table and template version it lists the rows (with their numbering and every label
variant the two versions use for the same row), the leaf columns, and the spanning labels
(block titles, column groups, the header note). :func:`match_row` and :func:`match_column` find
a printed label among them, tolerating the damage real reports show: width and Traditional
variants, spaces inside a label, annotations appended in brackets, truncation, and (for numbered
rows only) a few corrupted characters.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterable
from typing import Literal

import attrs

from . import template as t
from ._normalize_text import fold, key
from .catalogue import Entry, catalogue
from .template import VERSIONS, Label, Version

__all__ = [
    "ColumnSpec",
    "Match",
    "RowSpec",
    "Tables",
    "column_specs",
    "fragment",
    "is_value",
    "match_column",
    "match_group",
    "match_row",
    "numbering",
    "row_specs",
]

#: The three tables, by their section number.
Tables = Literal["二", "三", "四"]
TABLES: tuple[Tables, ...] = ("二", "三", "四")
Quality = Literal["exact", "annotated", "truncated", "approximate"]

#: Longest text that is ever matched against a label; longer text is prose.
MAX_LABEL_CHARS = 120

_CN_DIGITS = {c: i for i, c in enumerate("一二三四五六七八九十", start=1)}


def cn_number(text: str) -> int | None:
    """The value of a Chinese numeral from 一 to 九十九, or ``None``."""
    if not text or any(c not in _CN_DIGITS for c in text):
        return None
    if text == "十":
        return 10
    if "十" in text:
        head, _, tail = text.partition("十")
        tens = _CN_DIGITS[head] if head else 1
        ones = _CN_DIGITS[tail] if tail else 0
        if tens >= 10 or ones >= 10:
            return None
        return tens * 10 + ones
    return _CN_DIGITS[text] if len(text) == 1 else None


_NUMBERING = re.compile(
    r"^(?:([一二三四五六七八九十]{1,3})[、.,]|\(([一二三四五六七八九十]{1,3})\)"
    r"|(\d{1,2})(?:[.、,](?!\d)|(?=[\u3400-\u9fff])))"
)

Numbering = tuple[Literal["top", "paren", "digit"], int]


def numbering(folded: str) -> tuple[Numbering | None, str]:
    """Split a folded label into its numbering (``一、``, ``(一)``, ``1.``) and the rest."""
    m = _NUMBERING.match(folded)
    if m is None:
        return None, folded
    top, paren, digit = m.groups()
    if top is not None:
        n = cn_number(top)
        return (("top", n) if n else None), folded[m.end() :]
    if paren is not None:
        n = cn_number(paren)
        return (("paren", n) if n else None), folded[m.end() :]
    return ("digit", int(digit)), folded[m.end() :]


@attrs.frozen
class RowSpec:
    """A row (or a row group) of a table in one template version.

    ``path`` is the model path of the row's object; ``cells`` its table cells in print order
    (empty for a group that prints no values). ``keys`` holds the key of every label the two
    versions print for the same row, without numbering.
    """

    table: Tables
    version: Version
    path: tuple[str, ...]
    labels: tuple[Label, ...]
    cells: tuple[Entry, ...]
    number: Numbering | None
    keys: tuple[str, ...]
    group_only: bool
    #: The block title above the row in table 二, or the row groups above it in table 三.
    parents: tuple[tuple[str, ...], ...]

    @property
    def label(self) -> Label:
        """The row's own label."""
        return self.labels[-1]


@attrs.frozen
class ColumnSpec:
    """A leaf column label of a table, or a spanning header label (a group)."""

    table: Tables
    key: str
    label: Label
    versions: tuple[Version, ...]
    leaf: bool
    #: The key without the label's own bracketed part: 「本年收费金额」.
    bare: str = ""


@attrs.frozen
class Match:
    """A label found: what it is, and how well the printed text matched."""

    kind: Literal["row", "column", "group"]
    table: Tables
    #: For a row: its model path joined by ``/``; for a column or a group: the label's key.
    ident: str
    quality: Quality


def _row_node_entries(version: Version) -> list[Entry]:
    return [
        e
        for e in catalogue()
        if version in e.versions and e.role == "row" and e.table is not None and e.row
    ]


@functools.cache
def row_specs(version: Version, table: Tables) -> tuple[RowSpec, ...]:
    """The rows of ``table`` in ``version``, in print order."""
    cells_by_parent: dict[tuple[str, ...], list[Entry]] = {}
    for e in catalogue():
        if version in e.versions and e.role == "cell" and e.table is not None:
            cells_by_parent.setdefault(e.path[:-1], []).append(e)
    # Every label variant of a row path, over both versions.
    variants: dict[tuple[str, ...], list[str]] = {}
    for v in VERSIONS:
        for e in _row_node_entries(v):
            num, rest = numbering(fold(e.row[-1].zh))
            variants.setdefault(e.path, [])
            for k in (key(rest), key(_strip_annotation(rest))):
                if k not in variants[e.path]:
                    variants[e.path].append(k)
    out: list[RowSpec] = []
    for e in _row_node_entries(version):
        if e.table is None or e.table.number != table:
            continue
        cells = tuple(cells_by_parent.get(e.path, ()))
        num, _ = numbering(fold(e.row[-1].zh))
        parents = tuple(
            p.path
            for p in _row_node_entries(version)
            if p.path == e.path[: len(p.path)] and p.path != e.path
        )
        out.append(
            RowSpec(
                table=table,
                version=version,
                path=e.path,
                labels=e.row,
                cells=cells,
                number=num,
                keys=tuple(variants[e.path]),
                group_only=not cells,
                parents=parents,
            )
        )
    return tuple(out)


@functools.cache
def _row_index(version: Version) -> dict[str, RowSpec]:
    return {"/".join(r.path): r for table in TABLES for r in row_specs(version, table)}


def row_spec(version: Version, ident: str) -> RowSpec | None:
    """The row of ``version`` whose path (joined by ``/``) is ``ident``."""
    return _row_index(version).get(ident)


@functools.cache
def table_cells(version: Version, table: Tables) -> tuple[Entry, ...]:
    """Every cell of ``table`` in ``version``, in print order."""
    return tuple(c for r in row_specs(version, table) for c in r.cells) or tuple(
        e
        for e in catalogue()
        if version in e.versions and e.role == "cell" and e.table and e.table.number == table
    )


@functools.cache
def column_specs(table: Tables) -> tuple[ColumnSpec, ...]:
    """The leaf columns and spanning header labels of ``table``, over both versions."""
    found: dict[tuple[str, bool], ColumnSpec] = {}
    for e in catalogue():
        if e.role != "cell" or e.table is None or e.table.number != table:
            continue
        for i, lab in enumerate(e.column):
            leaf = i == len(e.column) - 1
            k = key(lab.zh)
            old = found.get((k, leaf))
            versions = tuple(v for v in VERSIONS if v in e.versions or (old and v in old.versions))
            found[(k, leaf)] = ColumnSpec(table, k, lab, versions, leaf, _bare(lab))
        if table == "二":
            # The block titles 第二十条第（X）项 are row groups in the model, spanning labels
            # in print.
            for lab in e.row[:-1]:
                k = key(lab.zh)
                old = found.get((k, False))
                versions = tuple(
                    v for v in VERSIONS if v in e.versions or (old and v in old.versions)
                )
                found[(k, False)] = ColumnSpec(table, k, lab, versions, False, _bare(lab))
    extras: dict[Tables, tuple[Label, ...]] = {
        "二": (t.INFO_CONTENT,),
        "三": (t.APPLICATIONS_NOTE,),
        "四": (),
    }
    for lab in extras[table]:
        found[(key(lab.zh), False)] = ColumnSpec(
            table, key(lab.zh), lab, VERSIONS, False, _bare(lab)
        )
    return tuple(found.values())


def _bare(label: Label) -> str:
    return key(_strip_annotation(fold(label.zh)))


def _strip_annotation(folded: str) -> str:
    """Remove bracketed annotations at the end: 「规章(设区的市…提供相关数据)」 → 「规章」."""
    s = folded
    for _ in range(3):
        if not s.endswith(")"):
            break
        depth = 0
        for i in range(len(s) - 1, -1, -1):
            if s[i] == ")":
                depth += 1
            elif s[i] == "(":
                depth -= 1
                if depth == 0:
                    s = s[:i]
                    break
        else:
            break
    return s


def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def _compare(text_key: str, stripped_key: str, cand: str) -> Quality | None:
    if not text_key:
        return None
    if text_key == cand:
        return "exact"
    if stripped_key == cand or (
        stripped_key
        and cand.startswith(stripped_key)
        and stripped_key != text_key
        and len(stripped_key) >= 2
    ):
        return "annotated"
    if len(text_key) >= 2 and cand.startswith(text_key) and len(text_key) * 5 >= len(cand) * 2:
        return "truncated"
    return None


_RANK: dict[Quality, int] = {"exact": 4, "annotated": 3, "truncated": 2, "approximate": 1}


@functools.cache
def _row_lookup(
    version: Version,
) -> tuple[dict[str, list[tuple[RowSpec, str]]], dict[Numbering, list[RowSpec]]]:
    """Rows by the first two characters of each label key, and by their numbering."""
    by_head: dict[str, list[tuple[RowSpec, str]]] = {}
    by_number: dict[Numbering, list[RowSpec]] = {}
    for table in TABLES:
        for r in row_specs(version, table):
            for k in r.keys:
                by_head.setdefault(k[:2], []).append((r, k))
            if r.number is not None:
                by_number.setdefault(r.number, []).append(r)
    return by_head, by_number


@functools.lru_cache(maxsize=4096)
def match_row(text: str, version: Version | None = None) -> tuple[Match, ...]:
    """The rows (of any table) a printed row label may name, best first.

    With ``version`` only that version's rows are considered; otherwise both. Several matches
    of equal quality mean the label is ambiguous on its own.
    """
    if len(text) > MAX_LABEL_CHARS:
        return ()
    folded = fold(text)
    num, rest = numbering(folded)
    text_key = key(rest)
    if len(text_key) < 2:
        return ()
    stripped = key(_strip_annotation(rest))
    best: dict[str, Match] = {}
    near: tuple[float, Match] | None = None
    for v in VERSIONS if version is None else (version,):
        by_head, by_number = _row_lookup(v)
        cands = by_head.get(text_key[:2], []) + (
            by_head.get(stripped[:2], []) if stripped[:2] != text_key[:2] else []
        )
        for r, cand in cands:
            if num is not None and r.number is not None and num != r.number:
                continue
            if num is not None and r.number is None and r.table != "二":
                continue
            q = _compare(text_key, stripped, cand)
            if q is None:
                continue
            ident = "/".join(r.path)
            old = best.get(ident)
            if old is None or _RANK[q] > _RANK[old.quality]:
                best[ident] = Match("row", r.table, ident, q)
        if num is None or best:
            continue
        for r in by_number.get(num, []):
            close = [c for c in r.keys if abs(len(c) - len(text_key)) <= max(3, len(c) // 3)]
            if len(text_key) < 3 or not close:
                continue
            ratio = max(_ratio(text_key, c) for c in close)
            if ratio >= 0.7 and (near is None or ratio > near[0]):
                near = (ratio, Match("row", r.table, "/".join(r.path), "approximate"))
    if not best and near is not None:
        return (near[1],)
    return _best_first(best.values())


def _best_first(matches: Iterable[Match]) -> tuple[Match, ...]:
    ms = sorted(matches, key=lambda m: -_RANK[m.quality])
    if not ms:
        return ()
    top = _RANK[ms[0].quality]
    return tuple(m for m in ms if _RANK[m.quality] == top)


@functools.cache
def _column_lookup() -> dict[str, list[ColumnSpec]]:
    by_head: dict[str, list[ColumnSpec]] = {}
    for tb in TABLES:
        for c in column_specs(tb):
            for k in {c.key[:2], c.bare[:2]}:
                by_head.setdefault(k, []).append(c)
    return by_head


@functools.lru_cache(maxsize=4096)
def match_column(text: str, table: Tables | None = None) -> tuple[Match, ...]:
    """The column or header labels a printed header cell may be, best first."""
    if len(text) > MAX_LABEL_CHARS:
        return ()
    folded = fold(text)
    text_key = key(folded)
    if len(text_key) < 2:
        return ()
    stripped = key(_strip_annotation(folded))
    lookup = _column_lookup()
    cands = lookup.get(text_key[:2], []) + lookup.get(stripped[:2], [])
    best: dict[tuple[str, str, str], Match] = {}
    for c in cands:
        if table is not None and c.table != table:
            continue
        q = _compare(text_key, stripped, c.key)
        if q is None and c.bare != c.key:
            q = _compare(text_key, stripped, c.bare)
        if q is None:
            continue
        kind: Literal["column", "group"] = "column" if c.leaf else "group"
        ident = (kind, c.table, c.key)
        old = best.get(ident)
        if old is None or _RANK[q] > _RANK[old.quality]:
            best[ident] = Match(kind, c.table, c.key, q)
    return _best_first(best.values())


def match_group(text: str) -> tuple[Match, ...]:
    """Only the spanning header labels among :func:`match_column`'s matches."""
    return tuple(m for m in match_column(text) if m.kind == "group")


@functools.cache
def _all_keys() -> str:
    keys: list[str] = []
    for v in VERSIONS:
        for table in TABLES:
            for r in row_specs(v, table):
                keys.extend(r.keys)
    for table in TABLES:
        keys.extend(c.key for c in column_specs(table))
    return "|".join(sorted(set(keys)))


@functools.lru_cache(maxsize=4096)
def fragment(text: str) -> bool:
    """True when ``text`` is a piece of some label (a header split over two lines)."""
    if len(text) > MAX_LABEL_CHARS:
        return False
    _, rest = numbering(fold(text))
    k = key(rest)
    return len(k) >= 2 and k in _all_keys()


# A cell value: blank markers, or a number with the decorations reports add (sign, thousands
# separators, a unit, 余 for "more than", an explanation in brackets).
_VALUE = re.compile(
    r"[?？]?\s*(?:"
    r"[/／_\-—–－~～]{1,3}"
    r"|[+\-−－]{0,2}\s*\d[\d,，]*(?:[.．]\d+)?\s*(?:余|多)?\s*(?:万|亿)?\s*(?:余|多)?\s*"
    r"(?:元|件|条|項|项|个|份|次|笔|%)?\s*(?:[(（].*)?"
    r"|无|暂无|空)?",
    re.S,
)
_BLANK_CHARS = " \t\r\n\f\v\u00a0\u3000\u2002\u2003\u2009\u200b\ufeff"


@functools.lru_cache(maxsize=8192)
def is_value(text: str) -> bool:
    """True when a table cell's text reads as a value (or a blank), not as a label."""
    if len(text) > 400:
        return False
    s = text.strip(_BLANK_CHARS)
    return _VALUE.fullmatch(s) is not None
