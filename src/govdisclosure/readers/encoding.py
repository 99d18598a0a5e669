"""Bytes of text or HTML into ``str`` (:func:`decode`), and telling binary data from text.

:func:`decode` honours a byte-order mark, then tries UTF-8, then the encoding a ``<meta>`` tag
declares in the first 4096 bytes (``gb2312`` and ``gbk`` are read as their superset GB18030),
then GB18030 and Big5. Bytes that decode cleanly as both (Big5 bytes nearly always decode as
GB18030 too, as mojibake) are given to charset-normalizer to choose between the two. Undecodable
input is read as UTF-8 with replacement characters, unless
those are too many, when it gives ``None``: the caller says the input is not text.

A declared charset that does not exist, is not a text encoding (``rot13``, ``hex``) or cannot be
one for a byte stream without a byte-order mark (UTF-16, UTF-32, as the WHATWG encoding standard
says) is ignored: the usual order is tried, and :func:`decode_text` returns a
``read.charset.unknown`` finding with the text. The text never holds a lone surrogate.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

import attrs

from ..findings import Finding
from .notes import charset_unknown

__all__ = ["FALLBACK_ENCODINGS", "Decoded", "decode", "decode_text", "looks_binary"]

#: The encodings tried, in order, after UTF-8 and a declared charset.
FALLBACK_ENCODINGS = ("gb18030", "big5")

_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_-]{2,20})""", re.I
)
# Declared charsets read as a superset that decodes everything they do.
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030"}


@attrs.frozen
class Decoded:
    """Decoded text (``None`` when the bytes are not text) and what decoding noticed."""

    text: str | None
    findings: tuple[Finding, ...] = ()


def _declared(name: str) -> str | None:
    """The codec to decode a declared charset with, or ``None`` when it cannot be used."""
    name = _SUPERSETS.get(name, name)
    try:
        info = codecs.lookup(name)
    except LookupError:
        return None
    # Not text (rot13, hex, base64), or a wide encoding that a <meta> in ASCII cannot declare.
    if not getattr(info, "_is_text_encoding", True) or info.name.startswith(("utf-16", "utf-32")):
        return None
    return info.name


def decode_text(data: bytes) -> Decoded:
    """The text of ``data`` with the findings of decoding it (see the module docstring)."""
    if data.startswith(codecs.BOM_UTF8):
        return Decoded(data[3:].decode("utf-8", "replace"))
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # A lone surrogate in UTF-16 is an undecodable unit: replaced like any other.
        return Decoded(data.decode("utf-16", "replace"))
    try:
        return Decoded(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    m = _META_CHARSET.search(data[:4096])
    candidates: list[str] = []
    findings: tuple[Finding, ...] = ()
    if m is not None:
        name = m.group(1).decode("ascii").lower()
        codec = _declared(name)
        if codec is None:
            findings = (charset_unknown(name),)
        else:
            candidates.append(codec)
    candidates += FALLBACK_ENCODINGS
    chinese = _chinese_choice(data) if not candidates[:-2] else None
    if chinese is not None:
        return Decoded(chinese, findings)
    for name in candidates:
        try:
            return Decoded(data.decode(name), findings)
        except (UnicodeError, LookupError):  # UnicodeError: some codecs (idna) raise the base
            continue
    text = data.decode("utf-8", "replace")
    if text.count("\ufffd") > max(16, len(text) // 20):
        return Decoded(None, findings)
    return Decoded(text, findings)


def _chinese_choice(data: bytes) -> str | None:
    """The text when ``data`` decodes as both GB18030 and Big5, in the one that reads as text.

    A generic detector does this well and it is not our domain: charset-normalizer, restricted
    to the two candidates, measures which decoding is coherent text. ``None`` when only one (or
    neither) decodes, so the usual order applies.
    """
    texts: dict[str, str] = {}
    for name in FALLBACK_ENCODINGS:
        try:
            texts[name] = data.decode(name)
        except UnicodeError:
            return None
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(FALLBACK_ENCODINGS)).best()
    chosen = "gb18030" if best is None else codecs.lookup(best.encoding).name
    return texts.get(chosen, texts["gb18030"])


def decode(data: bytes) -> str | None:
    """The text of ``data``, or ``None`` when it is not text in any encoding tried."""
    return decode_text(data).text


_JUNK_CATEGORIES = frozenset(("Cc", "Cn", "Co", "Cs"))


# Characters that are never counted as junk, under any Unicode version: allowed controls,
# printable ASCII and Latin-1, dashes and quotes, CJK punctuation, the CJK ideographs of
# Unicode 3.0, full-width forms. A test checks that none of them is junk.
_ALWAYS_TEXT = (
    "\t\n\r\f\x0b\x20-\x7e\xa0-\xff\u2010-\u2027\u3000-\u303f\u3400-\u4db5\u4e00-\u9fa5"
    "\uff01-\uff5e"
)
_MAYBE_JUNK = re.compile(f"[^{_ALWAYS_TEXT}]")


def looks_binary(text: str) -> bool:
    """True when text is mostly control, unassigned or private-use characters: not text."""
    sample = text[:65536]
    if not sample:
        return False
    # The verdict counts junk in the first 8192 characters only: where at most 8 of them could
    # be junk at all, it is "text", whatever the rest holds (one scan of the prefix).
    for maybe, _ in enumerate(_MAYBE_JUNK.finditer(sample, 0, 8192), 1):
        if maybe > 8:
            break
    else:
        return False
    # str.split() splits at exactly the characters the pattern \s matches (str.isspace).
    if "".join(sample.split()).isprintable():
        return False
    sample = sample[:8192]
    bad = 0
    for ch in sample:
        if ch < " ":
            bad += ch not in "\t\n\r\f\x0b"
        elif ch == "\ufffd" or (ch > "\x7e" and unicodedata.category(ch) in _JUNK_CATEGORIES):
            bad += 1
    return bad > max(8, len(sample) // 10)
