"""Stage 1 of a table line: the cells of a flattened line, or ``None`` when the line is prose.

A pipe row is split at its pipes; a line without pipes is split at spaces, label pieces joined
again where they make one label (「商业 企业」). A cell that stands where a value does but is no
plain number (「约6500」, 「见附件」) keeps its place as a value, to be reported when it is read.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import attrs

from ..._fastinit import maker
from ...readers.document import Location, new_location
from ..labels import MAX_LABEL_CHARS, fragment, is_value, match_column, match_row

__all__ = ["SEPARATOR", "Token", "new_token", "recognised", "tokenize"]


@attrs.frozen
class Token:
    """One cell of a flattened line: its text, where it is, and whether it reads as a value."""

    text: str
    location: Location
    value: bool


#: ``Token(text, location, value)`` at half the cost: one is made for every cell read.
new_token = maker(Token)

SEPARATOR: list[Token] = []


def recognised(text: str) -> bool:
    return bool(match_row(text) or match_column(text))


def _labels_of(pieces: list[str]) -> list[str]:
    """Space-separated label pieces as labels: 「商业 企业」 is one, 「自然人 总计」 two."""
    joined = " ".join(pieces)
    if (
        len(pieces) == 1
        or len(pieces) > 40
        or any(m.quality != "approximate" for m in match_row(joined))
        or match_column(joined)
    ):
        return [joined]
    out: list[str] = []
    i = 0
    while i < len(pieces):
        for j in range(len(pieces), i, -1):
            candidate = "".join(pieces[i:j])
            if j == i + 1 or recognised(candidate):
                out.append(" ".join(pieces[i:j]) if j > i + 1 else candidate)
                i = j
                break
    if all(recognised(x) or fragment(x) for x in out):
        return out
    return [joined]


def tokenize(text: str, location: Location) -> list[Token] | None:
    """The cells of a line that belongs to a flattened table, or ``None`` for prose.

    A Markdown separator row gives :data:`SEPARATOR` (an empty list).
    """
    s = text.strip().replace("｜", "|")
    if not s or len(s) > 4000:
        return None
    if (
        "|" not in s
        and not _SPACED.search(s)
        and not is_value(s)
        and (len(s) > MAX_LABEL_CHARS or not (recognised(s) or fragment(s)))
    ):
        # One piece that is no value (most prose): its one cell is a label, so the line is a
        # table's only when that label is known; _cells comes to the same.
        return None
    return _cells(s, location)


def _cells(s: str, location: Location) -> list[Token] | None:
    """:func:`tokenize` of a stripped line ``s``, in full."""
    cells: list[str]
    if "|" in s:
        markdown = s.startswith("|")
        pieces = s.split("|")
        if markdown:
            pieces = pieces[1:]
        if pieces and not pieces[-1].strip():
            pieces = pieces[:-1]
        cells = [p.strip() for p in pieces]
        if markdown and any(cells) and all(_RULE.fullmatch(c) for c in cells if c):
            return SEPARATOR
        if not markdown:
            while cells and not cells[-1]:
                cells.pop()
        if not any(cells):
            return None
    else:
        cells = []
        odd: set[int] = set()
        label: list[str] = []
        for piece in s.split():
            if is_value(piece) or (
                # 「行政许可 约6500」: a figure with words where a value stands, after a row label
                _DIGIT.search(piece)
                and len(piece) <= 20
                and not _SENTENCE.search(piece)
                and not _NUMBERED.match(piece)
                and not recognised(piece)
                and not fragment(piece)
                and (cells or label)
                and _is_row_label(" ".join(label) if label else cells[-1])
            ):
                if label:
                    cells.extend(_labels_of(label))
                    label = []
                if not is_value(piece):
                    odd.add(len(cells))
                cells.append(piece)
            else:
                label.append(piece)
        if label:
            cells.extend(_labels_of(label))
    if "|" in s:
        odd = _odd_cells(cells)
    labels = [c for i, c in enumerate(cells) if c and i not in odd and not is_value(c)]
    if any(len(c) > MAX_LABEL_CHARS for c in labels):
        return None
    if labels:
        unknown = [c for c in labels if not (recognised(c) or fragment(c))]
        # An unknown label is a table row (an extra row such as 「其他主动公开文件」) only when it
        # is short, carries no sentence, and is the only label before values of its own.
        values = sum(1 for c in cells if c.strip() and is_value(c))
        if unknown and not (
            len(unknown) == 1
            and unknown[0] == cells[0]
            and len(unknown[0]) <= 40
            and not _SENTENCE.search(unknown[0])
            and values >= (1 if "|" in s else 3)
        ):
            return None
    elif not any(cells):
        return None
    line, page, table, row = location.line, location.page, location.table, location.row
    return [
        new_token(c, new_location(line, page, table, row, i), i in odd or is_value(c))
        for i, c in enumerate(cells)
    ]


_SENTENCE = re.compile(r"[。；;！？]")
# White space inside a stripped line: where str.split() would cut it.
_SPACED = re.compile(r"\s")
_DIGIT = re.compile(r"\d")
# A piece that opens with a bracket or a numbering (「(一)」, 「1、」) is no value.
_NUMBERED = re.compile(r"[(（]|\d{1,2}\s*[、.．]")
# A cell of a Markdown separator row.
_RULE = re.compile(r":?-{3,}:?")


def _is_row_label(text: str) -> bool:
    return is_value(text) or any(m.quality != "approximate" for m in match_row(text))


def _odd_cells(cells: Sequence[str]) -> set[int]:
    """The cells of a pipe row that stand where values do but are no values (「a42」, 「见附件」).

    They follow a recognised row label, are short and carry no sentence: such a cell is a
    value cell with text in it, so it keeps its place (and is reported when it is read).
    """
    out: set[int] = set()
    anchored = False
    for i, c in enumerate(cells):
        if not c or is_value(c):
            continue
        if _is_row_label(c):
            anchored = True
            continue
        if (
            anchored
            and len(c) <= 20
            and not _SENTENCE.search(c)
            and not match_column(c)
            and not fragment(c)
        ):
            out.add(i)
    return out
