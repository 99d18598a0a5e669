"""The plain-text reader: scraped text (and Markdown) into a document of lines.

Every non-blank line becomes a :class:`~govdisclosure.readers.document.Paragraph` located by its
line number, with its text as scraped (pipes included): the shared pipeline decides which lines
are a flattened table and which are prose. Lines made only of pipes (the filler rows of a flattened
page) are dropped here. Raw HTML tables pasted into the text (``<table>…</table>``) are read by
the HTML reader and take their place.

Its registry entry, :data:`READER`, takes any decoded text the other text readers do not claim
more strongly (:data:`FALLBACK_SCORE`), and the suffixes of plain text and Markdown.
"""

from __future__ import annotations

import re

from .._budget import check_reading, limit, paced
from ..findings import Finding
from .document import Document, Location, Paragraph, Table
from .entry import Reader
from .html import read_html
from .notes import scrub

__all__ = ["FALLBACK_SCORE", "READER", "read_text", "sniff_text"]

#: The text reader's claim on any text: the weakest, so that any other text format wins.
FALLBACK_SCORE = 0.1

_FILLER = re.compile(r"[\s|｜]*")
_TABLE_OPEN = re.compile(r"<table\b", re.I)
# The attributes stop at the next 「<」: an unclosed 「<table」 costs a scan to the next tag, not to
# the end of the text (which made text of many 「<table」 quadratic).
_TABLE_TAG = re.compile(r"<(/?)table\b[^<>]*>", re.I)


def _html_spans(text: str) -> list[tuple[int, int]]:
    """The outermost ``<table>…</table>`` spans in ``text``, in one linear scan."""
    spans: list[tuple[int, int]] = []
    depth = 0
    start = 0
    for m in _TABLE_TAG.finditer(text):
        if m.group(1):
            if depth:
                depth -= 1
                if depth == 0:
                    spans.append((start, m.end()))
        else:
            if depth == 0:
                start = m.start()
            depth += 1
    if depth:
        spans.append((start, len(text)))
    return spans


def _lines(text: str, first_line: int, out: list[Paragraph | Table]) -> None:
    for i, raw in enumerate(paced(text.split("\n"), check_reading)):
        # A lone 「|」 may be a blank cell of a one-cell-per-line table: the parser decides.
        if _FILLER.fullmatch(raw) and raw.strip() not in ("|", "｜"):
            continue
        out.append(Paragraph(text=raw.strip(), location=Location(line=first_line + i)))


def read_text(text: str) -> Document:
    """Read plain text into one paragraph per non-blank line, and any pasted HTML tables.

    A lone surrogate becomes U+FFFD, with a ``read.surrogate`` finding. Reading may take at
    most :data:`~govdisclosure._budget.MAX_PARSE_SECONDS` (raises
    :class:`~govdisclosure.readers.document.TimeLimitError`, a ``ReaderError``, past it).
    """
    with limit():
        return _read(text)


def _read(text: str) -> Document:
    text, findings = scrub(text.replace("\r\n", "\n").replace("\r", "\n"))
    notes: list[Finding] = list(findings)
    blocks: list[Paragraph | Table] = []
    spans = _html_spans(text) if _TABLE_OPEN.search(text) else []
    pos = 0
    line = 1
    for start, end in spans:
        check_reading()
        before = text[pos:start]
        _lines(before, line, blocks)
        line += before.count("\n")
        fragment = text[start:end]
        fragment_doc = read_html(fragment, line_offset=line - 1)
        blocks.extend(fragment_doc.blocks)
        notes.extend(fragment_doc.findings)
        line += fragment.count("\n")
        pos = end
    _lines(text[pos:], line, blocks)
    return Document(blocks=tuple(blocks), format="text", findings=tuple(notes))


def sniff_text(text: str) -> float:
    """Any text may be plain text: :data:`FALLBACK_SCORE`, whatever it holds."""
    return FALLBACK_SCORE


READER = Reader(
    name="text",
    payload=str,
    suffixes=(".txt", ".text", ".md", ".markdown"),
    sniff=sniff_text,
    read=lambda payload, hints: read_text(payload),
)
