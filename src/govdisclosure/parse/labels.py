"""Matching printed table labels against the template's, tolerating the damage reports show.

:func:`match_row` and :func:`match_column` find a printed label among the rows and columns of
:mod:`govdisclosure._layout`, tolerating width and Traditional variants, spaces inside a label,
annotations appended in brackets, truncation, and (for numbered rows only) a few corrupted
characters. :func:`is_value` tells a cell's value from a label.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterable
from typing import Literal

import attrs

from .. import template as _template
from .._layout import TABLES, ColumnSpec, RowSpec, Tables, column_specs, row_specs, strip_annotation
from .._normalize_text import fold, key
from .._numbering import Numbering, numbering
from ..template import VERSIONS, Version

__all__ = [
    "MAX_LABEL_CHARS",
    "Match",
    "Quality",
    "fragment",
    "is_value",
    "match_column",
    "match_group",
    "match_row",
]

Quality = Literal["exact", "annotated", "truncated", "approximate"]

#: Longest text that is ever matched against a label; longer text is prose.
MAX_LABEL_CHARS = 120


@attrs.frozen
class Match:
    """A label found: what it is, and how well the printed text matched."""

    kind: Literal["row", "column", "group"]
    table: Tables
    #: For a row: its model path joined by ``/``; for a column or a group: the label's key.
    ident: str
    quality: Quality


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
    if (
        len(text_key) >= 2
        and cand.startswith(text_key)
        and (
            len(text_key) * 5 >= len(cand) * 2
            # A long label cut where a PDF wrapped it: eight characters of it are distinctive.
            or (len(text_key) >= 8 and len(text_key) * 3 >= len(cand))
        )
    ):
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
    stripped = key(strip_annotation(rest))
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
    stripped = key(strip_annotation(folded))
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
_BLANK_RUN = re.compile(r"\s{2,}")
_BLANK_CHARS = " \t\r\n\f\v\u00a0\u3000\u2002\u2003\u2009\u200b\ufeff"


def is_value(text: str) -> bool:
    """True when a table cell's text reads as a value (or a blank), not as a label."""
    if text.isdigit() and text.isascii():
        # A bare count, which _VALUE takes: decided before the cache, which a corpus's many
        # different counts would only churn.
        return len(text) <= 400
    return _is_value(text)


@functools.lru_cache(maxsize=8192)
def _is_value(text: str) -> bool:
    if len(text) > 400:
        return False
    # Every blank in a value stands where _VALUE allows any run of blanks (or inside 「（…）」):
    # one blank per run keeps its many adjacent 「\s*」 from back-tracking (400 blanks, then a
    # letter, took minutes), and matches exactly what the runs did.
    s = _BLANK_RUN.sub(" ", text.strip(_BLANK_CHARS))
    return _VALUE.fullmatch(s) is not None


# Registering a template version changes the rows and labels these caches hold.
_template.on_change(_row_lookup.cache_clear)
_template.on_change(match_row.cache_clear)
_template.on_change(_column_lookup.cache_clear)
_template.on_change(match_column.cache_clear)
_template.on_change(_all_keys.cache_clear)
