"""The readers, one per input format, in one registry: :data:`READERS`.

Each format's module declares one :class:`~govdisclosure.readers.entry.Reader` (its name, its
suffixes, its optional extra, a sniffer and ``read()``), and this module lists them once. All that
depends on the set of formats is derived from here: the format names (:data:`FORMATS`), the
suffix table (:data:`SUFFIXES`, which ``parse`` uses for a path and the command line uses to pick
the documents in a folder), and content sniffing (:func:`sniff_binary`, :func:`sniff_text`).

Every reader turns its input into a :class:`~govdisclosure.readers.document.Document` and knows
nothing of the template; the parser reads the report out of that document. Adding a format is a
module declaring ``READER`` and one line in the tuple below (see ``docs/architecture.md``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any

from . import docx, html, pdf, text, xlsx
from .document import Cell, Document, Location, Paragraph, ReaderError, Table, import_extra
from .entry import Extra, Legacy, Reader

__all__ = [
    "FORMATS",
    "READERS",
    "SUFFIXES",
    "Cell",
    "Document",
    "Extra",
    "Legacy",
    "Location",
    "Paragraph",
    "Reader",
    "ReaderError",
    "Table",
    "import_extra",
    "sniff_binary",
    "sniff_text",
]


def _index(
    readers: Iterable[Reader[Any]],
) -> tuple[Mapping[str, Reader[Any]], Mapping[str, Reader[Any]]]:
    """The readers by name and by suffix; a name or suffix declared twice is an error."""
    by_name: dict[str, Reader[Any]] = {}
    by_suffix: dict[str, Reader[Any]] = {}
    for reader in readers:
        if reader.name in by_name:
            raise ValueError(f"two readers are named {reader.name!r}")
        by_name[reader.name] = reader
        for suffix in reader.suffixes:
            if not suffix.startswith(".") or suffix != suffix.lower():
                raise ValueError(f"{reader.name}: a suffix is '.' and lower case, not {suffix!r}")
            if suffix in by_suffix:
                other = by_suffix[suffix].name
                raise ValueError(f"{suffix} is declared by {other} and {reader.name}")
            by_suffix[suffix] = reader
    return MappingProxyType(by_name), MappingProxyType(by_suffix)


#: Every reader by its format name, in the order messages and ``--format`` list them.
#: Sniffing prefers the highest score and, on a tie, the reader listed first.
READERS, SUFFIXES = _index((text.READER, html.READER, pdf.READER, docx.READER, xlsx.READER))
_PLAIN = text.READER  # what text is when no other text reader claims it more strongly
#: The format names :func:`govdisclosure.parse` accepts.
FORMATS: tuple[str, ...] = tuple(READERS)


def sniff_binary(data: bytes) -> Reader[bytes] | None:
    """The binary reader that claims ``data`` (by its sniffer or a legacy signature), if any."""
    best: Reader[bytes] | None = None
    best_score = 0.0
    for reader in READERS.values():
        if not reader.binary:
            continue
        if any(data.startswith(legacy.signature) for legacy in reader.legacy):
            score = 1.0  # the reader refuses it with advice
        else:
            score = reader.sniff(data)
        if score > best_score:
            best, best_score = reader, score
    return best


def sniff_text(text: str) -> Reader[str]:
    """The text reader that claims ``text`` most strongly (the plain-text reader at least)."""
    best: Reader[str] = _PLAIN
    best_score = 0.0
    for reader in READERS.values():
        if reader.binary:
            continue
        score = reader.sniff(text)
        if score > best_score:
            best, best_score = reader, score
    return best
