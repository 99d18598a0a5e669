"""Stage 1, blocks into items: each paragraph or table of the document, classified once.

A table the labels name (one of the three) is a ``grid``; any other table is read as
paragraphs, row by row. A paragraph is a flattened table line (``row``), a Markdown separator
(``sep``) or prose (``para``); a lone 「|」 after a one-cell line ending in its own pipe is a
blank cell. Consecutive table lines, with short scraps between them (a header
shredded into single characters, a unit note), become one ``run`` when they carry labels; a run
of pipe rows of one width is read as a grid (:func:`as_grid`).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Literal

import attrs

from .._budget import paced
from .._layout import Tables
from ..readers.document import Cell, Document, Location, Table
from .labels import match_column, match_row
from .lines import chrome, heading, subsection
from .metadata import Meta
from .tables import SEPARATOR, Token, grid_kind, tokenize

__all__ = ["Item", "ItemKind", "as_grid", "items", "new_item"]

ItemKind = Literal["para", "row", "sep", "grid", "run", "meta", "scrap", "listitem"]


@attrs.define
class Item:
    """One classified piece of the document; later stages refine ``kind``."""

    kind: ItemKind
    text: str = ""
    location: Location = attrs.Factory(Location)
    tokens: list[Token] = attrs.Factory(list)
    table: Table | None = None
    rows: list[list[Token]] = attrs.Factory(list)
    metas: list[Meta] = attrs.Factory(list)
    #: For a run: every line was a pipe row starting with 「|」.
    pipes: bool = False
    #: For a grid: which of the three tables it is.
    kind_of: Tables | None = None


_new = object.__new__


def new_item(
    kind: ItemKind, text: str, location: Location, metas: list[Meta] | None = None
) -> Item:
    """``Item(kind, text, location, metas=metas)`` (new empty lists for the rest, and for
    ``metas`` when it is None) at two thirds of the cost: the stages make one per paragraph."""
    item: Item = _new(Item)
    item.kind = kind
    item.text = text
    item.location = location
    item.tokens = []
    item.table = None
    item.rows = []
    item.metas = [] if metas is None else metas
    item.pipes = False
    item.kind_of = None
    return item


def items(doc: Document) -> list[Item]:
    """The document's blocks as items, table lines gathered into runs."""
    out: list[Item] = []
    for block in paced(doc.blocks):
        if isinstance(block, Table):
            kind = grid_kind(block)
            if kind is not None:
                out.append(Item("grid", location=block.location, table=block, kind_of=kind))
            else:
                for row in block.rows:
                    text = " ".join(c.text.replace("\n", " ") for c in row if c.text.strip())
                    if text.strip():
                        loc = row[0].location if row else block.location
                        out.append(new_item("para", text, loc))
            continue
        text = block.text  # a Paragraph: the blocks are paragraphs and tables
        stripped = text.strip()
        if not stripped:
            continue
        if _FOOTER.match(stripped) and chrome(stripped):
            continue  # a page footer or number inside a table (「— 3 —」, 「Page 4 - XX厅」)
        tokens = tokenize(text, block.location)
        if tokens is None and stripped in _PIPES and _blank_cell(text, out):
            # 「0 |」 / 「|」: in a one-cell-per-line table the lone pipe is a blank cell.
            tokens = [Token("", block.location, True)]
        if tokens is None:
            out.append(new_item("para", text, block.location))
        elif tokens is SEPARATOR:
            out.append(Item("sep", text, block.location))
        else:
            out.append(Item("row", text, block.location, tokens=tokens))
    return _runs(out)


_FOOTER = re.compile(r"[-—–]|(?i:page)\s*\d")
_PIPES = ("|", "｜")


def _blank_cell(text: str, before: list[Item]) -> bool:
    """True for a lone 「|」 right after a one-cell line that ends with its own pipe."""
    if text.strip() not in _PIPES or not before or before[-1].kind != "row":
        return False
    prev = before[-1]
    return len(prev.tokens) == 1 and prev.text.rstrip().endswith(("|", "｜"))


def _runs(items: list[Item]) -> list[Item]:
    out: list[Item] = []
    i = 0
    while i < len(items):
        if items[i].kind not in ("row", "sep"):
            out.append(items[i])
            i += 1
            continue
        j = i
        while j < len(items):
            if items[j].kind in ("row", "sep"):
                j += 1
                continue
            # A short scrap between table lines (a header shredded into single characters,
            # a unit note) does not end the table.
            k = j
            while k < len(items) and k - j < 8 and _scrap(items[k]):
                k += 1
            if k > j and k < len(items) and items[k].kind in ("row", "sep"):
                for x in items[j:k]:
                    x.kind = "scrap"
                j = k
                continue
            break
        run = [x for x in items[i:j] if x.kind == "row"]
        labels = 0
        values = 0
        for x in run:
            for tok in x.tokens:
                if tok.value:
                    values += 1
                elif any(m.quality != "approximate" for m in match_row(tok.text)) or match_column(
                    tok.text
                ):
                    labels += 1
        if labels >= 1 and (values >= 1 or labels >= 2):
            # Pipe rows, all or all but one (a row that lost its leading pipe).
            pipes = sum(not x.text.lstrip().startswith(("|", "｜")) for x in run) <= max(
                0, min(1, len(run) - 2)
            )
            out.append(
                Item("run", location=run[0].location, rows=[x.tokens for x in run], pipes=pipes)
            )
        else:
            out.extend(
                new_item("para", x.text, x.location)
                for x in items[i:j]
                if x.kind in ("row", "scrap")
            )
        i = j
    return out


_CLAUSE = re.compile(r"[。，,；;：:]")


def _scrap(item: Item) -> bool:
    text = item.text.strip()
    return (
        item.kind == "para"
        and len(text) <= 30
        and not _CLAUSE.search(text)
        and heading(text) is None
        and subsection(text) is None
    )


def as_grid(item: Item) -> Table | None:
    """A run of pipe rows, most of one width, as a grid table (its header gives positions).

    A row of another width (a lost or extra filler cell) is lined up by the grid reader.
    """
    if not item.pipes:
        return None
    widths = Counter(len(row) for row in item.rows)
    width, n = widths.most_common(1)[0]
    if width == 1 or 2 * n < len(item.rows):
        return None
    return Table(
        rows=tuple(
            tuple(Cell(text=tok.text, location=tok.location) for tok in row) for row in item.rows
        ),
        location=item.location,
    )
