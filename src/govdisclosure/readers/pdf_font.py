"""The font PDFium lays out text in CJK fonts a PDF does not embed with: a box glyph, built here.

PDFium lays out text in a font the PDF does not embed with a system font of the same kind. For
CJK text the reader gives it :func:`box_font` instead, always (:func:`install`): a box glyph for
every code point, a few hundred bytes, no file. Two reasons. Speed: on a machine with CJK fonts
PDFium would load a system CJK font (Noto CJK: tens of megabytes of CFF outlines) and the glyph
of every character it lays out, about ten times what the same work costs in the box font (the
3-page test reports: 12 ms against 1.3 ms to load their pages). Determinism: on a machine
without CJK fonts PDFium finds none, the glyphs are empty, and a text object whose glyphs are
all empty is left out of the page's text altogether; with the box font the text is read, and
read alike on every machine. Code points, origins and advances come from the PDF whatever the
font, and so does the descent where the font descriptor gives one; a character's loose box need
not (a system font's can be wider than the advance), and in the box font it is the advance. The
cost: PDFs rendered in the same process show such text as boxes. The hook is process-wide
(PDFium has one font table); other fonts are still found by PDFium's own lookup.
"""

from __future__ import annotations

import ctypes
import struct
from typing import Any

__all__ = ["box_font", "install"]

# The charsets PDFium asks for when it substitutes a CJK font (GB2312, Big5, Shift-JIS, Hangeul).
_CJK_CHARSETS = frozenset({134, 136, 128, 129})
_HANDLE = 0x5EED  # our font's handle towards PDFium, never a real pointer of the default table
_FACE = b"GovdisclosureBox\0"
_state: dict[str, Any] = {}


def box_font() -> bytes:
    """A minimal TrueType font: one box glyph, mapped from every code point from U+0020 up."""
    units = 1000
    glyph = struct.pack(">hhhhh", 1, 0, -120, 100, 880) + struct.pack(">HH", 3, 0)
    glyph += bytes([1, 1, 1, 1]) + struct.pack(">8h", 0, 100, 0, -100, -120, 0, 1000, 0)
    # cmap format 13 (many-to-one): every code point of each range to the box glyph.
    groups = [(0x20, 0xFFFD, 1), (0x10000, 0x10FFFF, 1)]
    cmap = struct.pack(">HHIII", 13, 0, 16 + 12 * len(groups), 0, len(groups))
    cmap += b"".join(struct.pack(">III", *g) for g in groups)
    tables = {
        b"cmap": struct.pack(">HHHHI", 0, 1, 3, 10, 12) + cmap,
        b"glyf": glyph,
        b"head": struct.pack(
            ">IIIIHHqqhhhhHHhhh",
            *(0x10000, 0x10000, 0, 0x5F0F3CF5, 0, units, 0, 0),
            *(0, -120, 100, 880, 0, 8, 2, 0, 0),
        ),
        b"hhea": struct.pack(
            ">IhhhHhhhhhh4hhH", 0x10000, 880, -120, 0, units, 0, 0, 100, 1, 0, 0, 0, 0, 0, 0, 0, 2
        ),
        b"hmtx": struct.pack(">HhHh", units, 0, units, 0),
        b"loca": struct.pack(">HHH", 0, 0, len(glyph) // 2),
        b"maxp": struct.pack(">I14H", 0x10000, 2, 4, 1, 0, 0, 2, *([0] * 8)),
        b"name": struct.pack(">HHH", 0, 0, 6),
        b"post": struct.pack(">IIhhIIIII", 0x30000, 0, 0, 0, 0, 0, 0, 0, 0),
    }
    tags = sorted(tables)
    out = struct.pack(">IHHHH", 0x10000, len(tags), 128, 3, len(tags) * 16 - 128)
    offset = 12 + 16 * len(tags)
    body = b""
    for tag in tags:
        data = tables[tag]
        out += struct.pack(">4sIII", tag, 0, offset + len(body), len(data))
        body += data + b"\0" * (-len(data) % 4)
    return out + body


def install(pdfium: Any) -> None:
    """Give PDFium the box font for CJK text (once per process), before it opens a PDF."""
    if _state:
        return
    raw = pdfium.raw
    pointer = raw.FPDF_GetDefaultSystemFontInfo()
    if not pointer:
        _state["info"] = None
        return
    default = pointer.contents
    font = box_font()
    buffer = ctypes.create_string_buffer(font, len(font))
    types = dict(raw.FPDF_SYSFONTINFO._fields_)

    def map_font(
        this: Any, weight: int, italic: int, charset: int, pitch: int, face: Any, exact: Any
    ) -> Any:
        if charset in _CJK_CHARSETS:
            return _HANDLE
        return default.MapFont(pointer, weight, italic, charset, pitch, face, exact)

    def font_data(this: Any, handle: Any, table: int, out: Any, size: int) -> int:
        if handle != _HANDLE:
            return int(default.GetFontData(pointer, handle, table, out, size))
        if table != 0:  # PDFium asks for the whole file (table 0) only
            return 0
        if out and size >= len(font):
            ctypes.memmove(out, buffer, len(font))
        return len(font)

    def face_name(this: Any, handle: Any, out: Any, size: int) -> int:
        if handle != _HANDLE:
            return int(default.GetFaceName(pointer, handle, out, size))
        if out and size >= len(_FACE):
            ctypes.memmove(out, _FACE, len(_FACE))
        return len(_FACE)

    def charset(this: Any, handle: Any) -> int:
        return 134 if handle == _HANDLE else int(default.GetFontCharset(pointer, handle))

    def delete(this: Any, handle: Any) -> None:
        if handle != _HANDLE:
            default.DeleteFont(pointer, handle)

    info = raw.FPDF_SYSFONTINFO()
    info.version = default.version
    info.Release = types["Release"](lambda this: None)
    info.EnumFonts = types["EnumFonts"](lambda this, mapper: default.EnumFonts(pointer, mapper))
    info.MapFont = types["MapFont"](map_font)
    info.GetFont = types["GetFont"](lambda this, face: default.GetFont(pointer, face))
    info.GetFontData = types["GetFontData"](font_data)
    info.GetFaceName = types["GetFaceName"](face_name)
    info.GetFontCharset = types["GetFontCharset"](charset)
    info.DeleteFont = types["DeleteFont"](delete)
    # PDFium keeps the pointer: the table, its callbacks and the font live as long as the process.
    _state.update(info=info, buffer=buffer, default=pointer)
    raw.FPDF_SetSystemFontInfo(ctypes.pointer(info))
