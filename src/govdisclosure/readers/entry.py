"""What one reader declares to the registry: a :class:`Reader` entry, its extra, its refusals.

Each format's module (``text``, ``html``, ``pdf``, ``docx``) declares one :class:`Reader` as
``READER``; :mod:`govdisclosure.readers` collects them into the registry from which the parser's
format names, its suffix table, its content sniffing and the command line's folder filter are
all derived. An entry is plain data plus two functions; it knows nothing of the template.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

import attrs

from .document import Document

__all__ = ["NO_HINTS", "Extra", "Hints", "Legacy", "Payload", "Reader"]

#: What a reader reads: decoded text (``str``) or the raw bytes of a binary file.
Payload = TypeVar("Payload", str, bytes)


@attrs.frozen(kw_only=True)
class Hints:
    """What the caller knows of the documents' vocabulary, handed to a reader as plain strings.

    Readers know nothing of the template; a reader whose layout heuristics need the table row
    labels (the PDF reader, to join labels wrapped over lines) gets them here from the parser.
    """

    #: The table row labels as printed, each with whether it is a group label only.
    row_labels: tuple[tuple[str, bool], ...] = ()


#: No hints: what a reader is given when called outside the parser.
NO_HINTS = Hints()


@attrs.frozen(kw_only=True)
class Extra:
    """An optional dependency: the pip extra that installs it and the module a reader imports."""

    #: The extra's name: ``pip install 'govdisclosure[<name>]'``.
    name: str
    #: The module the reader imports on first use (``import_extra`` names it in its error).
    module: str
    #: The distribution that provides the module, as the error message names it.
    package: str

    @property
    def install(self) -> str:
        """The command that installs the extra."""
        return f"pip install 'govdisclosure[{self.name}]'"


@attrs.frozen(kw_only=True)
class Legacy:
    """A format recognised by its signature only so that a reader can refuse it with advice.

    Sniffing gives input that starts with ``signature`` to the reader that declares the entry,
    and that reader raises :class:`~govdisclosure.readers.document.ReaderError` with ``message``.
    """

    name: str
    signature: bytes
    message: str


@attrs.frozen(kw_only=True)
class Reader(Generic[Payload]):
    """One input format: its name, suffixes, optional extra, sniffer and reading function."""

    #: The format's name, as ``parse(format=…)``, ``--format`` and ``ParseResult.format`` say it.
    name: str
    #: ``str`` when the reader takes decoded text, ``bytes`` when it takes the file's bytes.
    payload: type[Payload]
    #: The file suffixes (lower case, with the dot) that mean this format.
    suffixes: tuple[str, ...]
    #: How much the input looks like this format: 0 not at all, 1 certainly. For a ``bytes``
    #: reader it sees the raw bytes; for a ``str`` reader, the decoded text.
    sniff: Callable[[Payload], float]
    #: Reads the payload into a document, with the caller's hints. Raises ``ReaderError`` on
    #: input it cannot read, and ``ImportError`` when its extra is not installed.
    read: Callable[[Payload, Hints], Document]
    #: The optional dependency the reader needs, if any.
    extra: Extra | None = None
    #: Older formats it recognises only to refuse them with advice.
    legacy: tuple[Legacy, ...] = ()

    @property
    def binary(self) -> bool:
        """Whether the reader takes bytes rather than decoded text."""
        return self.payload is bytes
