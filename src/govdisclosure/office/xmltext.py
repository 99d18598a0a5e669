"""Text that a workbook cell can hold exactly: the OOXML ``_xHHHH_`` escape, both ways.

XML cannot carry most control characters, a lone carriage return survives no XML parser, and
the non-characters U+FFFE and U+FFFF are not XML at all. Spreadsheet files write such
characters as ``_xHHHH_`` (ECMA-376 ST_Xstring), and a literal ``_xHHHH_`` as ``_x005F_xHHHH_``;
:func:`escape` and :func:`unescape` are that escape and its inverse, so any text round-trips.
"""

from __future__ import annotations

import re

__all__ = ["escape", "unescape"]

_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\ufffe\uffff]|_(?=x[0-9A-Fa-f]{4}_)")
_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")


def escape(text: str) -> str:
    """``text`` with every character XML cannot carry written as ``_xHHHH_``."""
    return _UNSAFE.sub(lambda m: f"_x{ord(m.group()):04X}_", text)


def unescape(text: str) -> str:
    """The inverse of :func:`escape`."""
    if "_x" not in text:
        return text
    return _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text)
