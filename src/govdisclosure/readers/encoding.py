"""Bytes of text or HTML into ``str`` (:func:`decode`), and telling binary data from text.

:func:`decode` honours a byte-order mark, then tries UTF-8, then the encoding a ``<meta>`` tag
declares in the first 4096 bytes (``gb2312`` and ``gbk`` are read as their superset GB18030),
then GB18030 and Big5. Undecodable input is read as UTF-8 with replacement characters, unless
those are too many, when it gives ``None``: the caller says the input is not text.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

__all__ = ["FALLBACK_ENCODINGS", "decode", "looks_binary"]

#: The encodings tried, in order, after UTF-8 and a declared charset.
FALLBACK_ENCODINGS = ("gb18030", "big5")

_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_-]{2,20})""", re.I
)
# Declared charsets read as a superset that decodes everything they do.
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030"}


def decode(data: bytes) -> str | None:
    """The text of ``data``, or ``None`` when it is not text in any encoding tried."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", "replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", "replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    m = _META_CHARSET.search(data[:4096])
    candidates = []
    if m is not None:
        candidates.append(m.group(1).decode("ascii").lower())
    candidates += FALLBACK_ENCODINGS
    for name in candidates:
        try:
            return data.decode(_SUPERSETS.get(name, name))
        except (UnicodeDecodeError, LookupError):
            continue
    text = data.decode("utf-8", "replace")
    if text.count("\ufffd") > max(16, len(text) // 20):
        return None
    return text


_JUNK_CATEGORIES = frozenset(("Cc", "Cn", "Co", "Cs"))
_WHITESPACE = re.compile(r"\s+")


def looks_binary(text: str) -> bool:
    """True when text is mostly control, unassigned or private-use characters: not text."""
    sample = text[:65536]
    if not sample or _WHITESPACE.sub("", sample).isprintable():
        return False
    sample = sample[:8192]
    bad = 0
    for ch in sample:
        if ch < " ":
            bad += ch not in "\t\n\r\f\x0b"
        elif ch == "\ufffd" or (ch > "\x7e" and unicodedata.category(ch) in _JUNK_CATEGORIES):
            bad += 1
    return bad > max(8, len(sample) // 10)
