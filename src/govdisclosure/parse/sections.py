"""Stage 2, items into sections: the preamble (0) and the six sections of the national format.

Prose items are cleaned of Markdown and pipe decoration, page furniture is dropped, a line
holding several paragraphs is split, and each paragraph goes to the section whose heading last
opened (a section never closes backwards). Labelled lines become ``meta`` items. In a PDF, a
paragraph that does not end a sentence continues on the next line. Table items stay where they
stand.
"""

from __future__ import annotations

import re

import attrs

from .._budget import paced
from .._numbering import NUMERALS
from ..readers.document import Location
from .items import Item, new_item
from .lines import chrome, heading, is_date_line, looks_spam, split_flattened, subsection
from .metadata import metadata
from .tables import tokenize

__all__ = ["Sections", "clean", "plain_paragraph", "sections"]

_LEADING_PIPES = re.compile(r"^[\s|｜]*[|｜]\s*")
_SENTENCE_STOP = "。！？：；:;!?"
_MD_HEADING = re.compile(r"^#{1,6}\s+")
# A numbered heading only the pre-2019 structure has
# (「四、申请行政复议、提起行政诉讼和申诉的情况」, 「五、政府信息公开事务收费情况」).
_LEGACY_HEADING = re.compile(
    r"^[一二三四五六七八九十]{1,2}\s*[、.．]\s*[^。]{0,30}(?:申诉|事务收费|收费情况|收费及减免)"
)


@attrs.define
class Sections:
    """The items of each section (0 to 6), the headings found, and whether any was legacy."""

    parts: list[list[Item]]
    headings: dict[int, str]
    #: A heading of the pre-2019 layouts was found (eight parts, or 申诉 and 收费 sections).
    legacy: bool

    def has_tables(self) -> bool:
        """True when any section holds a table."""
        return any(item.kind in ("grid", "run") for s in self.parts for item in s)


# Characters lost to a wrong encoding before a heading's numeral (「??一、總體情況」).
_LOST_LEAD = re.compile(r"^[?？\ufffd]{1,4}(?=[一二三四五六七八九十（(])")


def clean(text: str) -> str:
    """A paragraph without a Markdown heading mark, lost characters before a heading's numeral
    or the pipes around a one-cell row."""
    s = text.strip()
    # Each pattern is anchored at the start: a first character it cannot match skips it.
    if s.startswith("#"):
        s = _MD_HEADING.sub("", s, count=1)
    if s.startswith(("?", "？", "\ufffd")):
        s = _LOST_LEAD.sub("", s, count=1)
    if "|" in s or "｜" in s:
        s = _strip_trailing_pipes(s)
        s = _LEADING_PIPES.sub("", s)
    return s.strip()


def _strip_trailing_pipes(s: str) -> str:
    """``s`` without its last run of blanks and pipes, if that run holds a pipe.

    A loop, not a pattern: ``[\\s|｜]*[|｜][\\s|｜]*$`` back-tracks cubically over a long
    run of pipes that does not end the line.
    """
    end = len(s)
    while end and (s[end - 1] in "|｜" or s[end - 1].isspace()):
        end -= 1
    tail = s[end:]
    return s[:end] if "|" in tail or "｜" in tail else s


def sections(items: list[Item], fmt: str) -> Sections:
    """Sort the items of a document (read as format ``fmt``) into its sections."""
    parts: list[list[Item]] = [[] for _ in range(7)]
    headings: dict[int, str] = {}
    legacy = False
    current = 0
    for item in paced(items):
        if item.kind != "para":
            parts[current].append(item)
            continue
        text = clean(item.text)
        if not text or chrome(text):
            continue
        for piece in split_flattened(text):
            if piece[:1] in NUMERALS and _LEGACY_HEADING.match(piece):  # it opens with one
                legacy = True
            h = heading(piece)
            if h is None and current == 4 and _opens_five(piece):
                # 「（一）2024年工作中存在问题的改进情况」 after table 四: section 五 without its
                # heading (the heading stays missing; its text is read as section 五's).
                current = 5
            if h is not None and h.section == 0 and current >= 1:
                legacy = True
                continue
            if h is not None and h.section > current:
                current = h.section
                headings[current] = h.text
                if h.rest:
                    _para(parts[current], h.rest, item.location, fmt)
                continue
            _para(parts[current], piece, item.location, fmt)
    return Sections(parts, headings, legacy)


_FIVE_WORDS = re.compile(
    r"存在(?:的)?(?:主要)?问题|问题(?:的)?(?:改进|整改)|改进情况|整改(?:情况|措施)"
)


def _opens_five(text: str) -> bool:
    sub = subsection(text)
    return sub is not None and _FIVE_WORDS.search(sub.heading[:40]) is not None


def _para(out: list[Item], text: str, location: Location, fmt: str) -> None:
    metas = metadata(text)
    if metas is not None:
        out.append(new_item("meta", text, location, metas))
        return
    if fmt == "pdf" and out and out[-1].kind == "para":
        prev = out[-1]
        if (
            prev.text
            and prev.text[-1] not in _SENTENCE_STOP
            and subsection(text) is None
            and not is_date_line(text)
        ):
            joiner = " " if prev.text[-1].isascii() and text[0].isascii() else ""
            prev.text = prev.text + joiner + text
            return
    out.append(new_item("para", text, location))


def plain_paragraph(text: str) -> bool:
    """True when the pipeline keeps ``text`` as one narrative paragraph, exactly as printed.

    False when the text would be read as structure (a heading, a numbered sub-section, a
    labelled field, a table row, page furniture, a signature date, spam) or changed (split at a
    paragraph break, trimmed of white space or pipes). The render–parse property restricts
    generated narrative to such paragraphs.
    """
    return (
        bool(text)
        and text == text.strip()
        and clean(text) == text
        and tokenize(text, Location()) is None
        and split_flattened(text) == [text]
        and heading(text) is None
        and subsection(text) is None
        and metadata(text) is None
        and not chrome(text)
        and not is_date_line(text)
        and not looks_spam(text)
    )
