"""Figures for table cells that only the prose states: reported, never written into a table.

「本年度未收到政府信息公开申请」 states a total of 0 for table 三. When that table is missing,
:func:`figures` keeps the figure in the provenance under the cell's pointer and reports it as a
``parse.prose-figure`` finding; the table stays ``None``. When the table is there and its cell
differs (「行政复议案件6件」 against a total of 5; the reconsiderations only, since 「收到申请N件」
may count last year's requests too), ``parse.figure.mismatch`` names both and the table is kept.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from ..._budget import paced
from ..._normalize_text import aligned
from ..collect import Collector
from ..items import Item
from ..raw import RawTables

__all__ = ["figures", "prose_figures"]


_NO_REQUESTS = re.compile(r"(?:没有|未|无)(?:接到|收到|受理|发生|收)[^。；;]{0,30}?申请")
_REQUESTS = re.compile(
    r"(?:收到|受理|接到|新收)[^。；;\d]{0,20}?申请[^。；;\d]{0,10}?(?:共)?\s*(\d+)\s*(?:件|条|份|个)"
)
_NO_REVIEW = re.compile(r"(?:没有|未|无)(?:发生|出现|收到|接到|产生|有)?[^。；;]{0,20}?行政复议")
_REVIEWS = re.compile(r"行政复议(?:案件|申请)?[^。；;\d]{0,4}?(?:共)?\s*(\d+)\s*(?:件|起|宗)")
_NO_SUIT = re.compile(r"(?:没有|未|无)(?:发生|出现|收到|接到|产生|有)?[^。；;]{0,20}?行政诉讼")
# Each pattern, the cell it states, the value it fixes (or None: the number it reads), and the
# word it cannot match without: most paragraphs hold none, and an `in` test costs less than a
# search.
_FIGURES: tuple[tuple[re.Pattern[str], str, int | None, str], ...] = (
    (_NO_REQUESTS, "/applications/new_requests/total", 0, "申请"),
    (_REQUESTS, "/applications/new_requests/total", None, "申请"),
    (_NO_REVIEW, "/review_litigation/review/total", 0, "行政复议"),
    (_REVIEWS, "/review_litigation/review/total", None, "行政复议"),
    (_NO_SUIT, "/review_litigation/direct_suit/total", 0, "行政诉讼"),
)


def prose_figures(
    paragraphs: Sequence[str], fold: Callable[[str], str] = aligned
) -> list[tuple[str, int, str, int]]:
    """Figures for table cells stated in prose: (pointer, value, raw sentence, paragraph index).

    ``fold`` is :func:`~govdisclosure._normalize_text.aligned`, or a cached form of it that
    other readers of the same paragraphs share.
    """
    out: list[tuple[str, int, str, int]] = []
    seen: set[str] = set()
    for i, text in enumerate(paced(paragraphs)):
        raw = text[:5000]
        chunk = fold(raw)
        for pattern, ptr, fixed, word in _FIGURES:
            if ptr in seen or word not in chunk:
                continue
            m = pattern.search(chunk)
            if m is None:
                continue
            value = fixed if fixed is not None else int(m.group(1))
            out.append((ptr, value, raw[m.start() : m.end()], i))
            seen.add(ptr)
    return out


_COMPARED = frozenset({"/review_litigation/review/total"})


def _cell(tables: RawTables, ptr: str) -> object:
    node: object = tables
    for part in ptr.split("/")[1:]:
        if not isinstance(node, dict):
            return None
        node = node.get(part)
    return node


def figures(
    c: Collector, tables: RawTables, narrative: list[Item], fold: Callable[[str], str] = aligned
) -> None:
    """Report each figure the prose states for a cell of a table the document lacks, and each
    that differs from the cell the table prints (the table is kept); ``fold`` as in
    :func:`prose_figures`."""
    for ptr, value, raw, index in prose_figures([i.text for i in narrative], fold):
        table = ptr.split("/")[1]
        if tables.get(table) is not None:
            cell = _cell(tables, ptr)
            # Only a count the prose names the way the table does: 「收到申请N件」 may or may not
            # include last year's carried-over requests, so it is not compared.
            if ptr in _COMPARED and isinstance(cell, int) and cell != value:
                c.note(
                    "parse.figure.mismatch",
                    ptr,
                    actual=value,
                    value=value,
                    cell=cell,
                    text=raw,
                )
            continue
        c.source(ptr, raw, narrative[index].location)
        c.note("parse.prose-figure", ptr, actual=value, value=value, text=raw)
