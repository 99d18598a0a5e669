"""The findings a reader attaches to its document: each id declared once, here.

A reader that reads its input but changes or doubts something on the way (a lone surrogate
replaced, a declared charset that does not exist) says so with one of these findings in
:attr:`~govdisclosure.readers.document.Document.findings`, instead of raising or staying silent.
"""

from __future__ import annotations

import re

from ..findings import FINDINGS, Finding

__all__ = [
    "CHARSET_UNKNOWN",
    "NESTING_FLATTENED",
    "SURROGATE",
    "charset_unknown",
    "scrub",
    "surrogates",
]

#: A lone surrogate (``\ud800``-style, from a ``str`` input or a script's escapes) was replaced.
SURROGATE = "read.surrogate"
#: A ``<meta charset>`` names an encoding that does not exist or is not a text encoding.
CHARSET_UNKNOWN = "read.charset.unknown"
#: Wrapper elements nested deeper than the HTML parser's limit were flattened.
NESTING_FLATTENED = "read.html.flattened"

_SURROGATES = re.compile("[\ud800-\udfff]")


def scrub(text: str) -> tuple[str, list[Finding]]:
    """``text`` with every lone surrogate replaced by U+FFFD, and a finding if there were any.

    Python ``str`` holds a surrogate only when it is lone (a pair is one character), so no
    valid character is touched.
    """
    text, n = _SURROGATES.subn("\ufffd", text)
    if not n:
        return text, []
    return text, [surrogates(n)]


def surrogates(count: int) -> Finding:
    """The finding for ``count`` lone surrogates replaced with U+FFFD."""
    return FINDINGS[SURROGATE].finding(count=count)


def charset_unknown(name: str) -> Finding:
    """The finding for a declared charset that was ignored."""
    return FINDINGS[CHARSET_UNKNOWN].finding(name=name)


def flattened(depth: int) -> Finding:
    """The finding for wrapper elements flattened because they nest too deeply."""
    return FINDINGS[NESTING_FLATTENED].finding(depth=depth)
