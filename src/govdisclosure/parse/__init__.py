"""Reading published reports into the model, in stages: :func:`parse`.

``parse(source)`` reads text, HTML, PDF or Word into a :class:`~govdisclosure.model.Report`
with findings and each value's :class:`Provenance` (see :mod:`govdisclosure.parse.api` for
the promises and the limits). The stages, each a module:

1. :mod:`~govdisclosure.parse.items`: the document's blocks into classified items.
2. :mod:`~govdisclosure.parse.sections`: items into the preamble and the six sections
   (paragraphs classified by :mod:`~govdisclosure.parse.lines` and
   :mod:`~govdisclosure.parse.metadata`).
3. :mod:`~govdisclosure.parse.narrative` (one module per field family) and
   :mod:`~govdisclosure.parse.tables` (tokenize, spans and grids, streams, placement), with
   :mod:`~govdisclosure.parse.version` for the template version.
4. :mod:`~govdisclosure.parse.assemble`: the typed raw parts (:mod:`~govdisclosure.parse.raw`)
   validated into the model.
"""

from __future__ import annotations

from .api import (
    FORMATS,
    MAX_BINARY_BYTES,
    MAX_INPUT_BYTES,
    ParseError,
    ParseResult,
    Provenance,
    parse,
)
from .sections import plain_paragraph as _plain_paragraph

__all__ = [
    "FORMATS",
    "MAX_BINARY_BYTES",
    "MAX_INPUT_BYTES",
    "ParseError",
    "ParseResult",
    "Provenance",
    "_plain_paragraph",
    "parse",
]
