"""The title, the preamble and section 一: its text, numbered sub-sections and closing text.

The title is the first line of the preamble that reads as a report's title (a sentence is not
one), joined with the body's name when that stands on its own line beside it; a line that looks
like mirror-site spam is ignored with a finding. Paragraphs of the preamble that read
as prose join section 一's text.
"""

from __future__ import annotations

from ..._budget import paced
from ..._normalize_text import simplify, strip_pinyin
from ...readers.document import Location
from ..collect import Collector
from ..items import Item
from ..lines import looks_spam, subsection
from ..raw import RawOverview, RawSubsection
from .agency import name_from_title, plausible_name

__all__ = ["is_title_line", "narrative_paragraphs", "overview", "title"]


def is_title_line(text: str) -> bool:
    """True for a line that reads as a report's title, not a sentence that mentions a report."""
    s = simplify(text)
    return ("报告" in s or "年报" in s) and len(s) <= 120 and not any(p in s for p in "。，,；;")


def title(
    c: Collector, section0: list[Item], labelled: bool = False
) -> tuple[str | None, Location | None, list[Item], tuple[str, Location | None] | None]:
    """The title, where it is, the preamble before section 一, and the body the title names.

    A title whose body's name stands on its own line just above or below it (「柳林镇人民政府」 /
    「2021年度政府信息公开工作年度报告」) is joined, the name first. A page without a title line
    has no title (the first paragraph is not one), except a document of labelled lines (a
    rendered report), whose first line is its title whatever it says. Inserted pinyin is
    removed.
    """
    candidates: list[Item] = []
    for item in paced(section0):
        if item.kind != "para":
            continue
        if looks_spam(item.text):
            c.note(
                "parse.mirror-spam", "/source/title", actual=item.text[:200], text=item.text[:60]
            )
            continue
        candidates.append(item)
    if not candidates:
        return None, None, [], None
    index = next((n for n, x in enumerate(candidates) if is_title_line(x.text)), None)
    if index is None and labelled:
        index = 0
    if index is None:
        preamble = [x for x in candidates if "。" in x.text and len(x.text) >= 20]
        return None, None, preamble, None
    chosen = candidates[index]
    text = strip_pinyin(chosen.text).strip()
    used = {index}
    name = name_from_title(text)
    named: tuple[str, Location | None] | None = None
    if name is not None:
        named = (name, chosen.location)
    else:
        for n in (index - 1, index + 1):
            if 0 <= n < len(candidates):
                bare = plausible_name(candidates[n].text)
                if bare is not None and not is_title_line(candidates[n].text):
                    text = bare + text
                    named = (bare, candidates[n].location)
                    used.add(n)
                    break
    chosen_text = strip_pinyin(chosen.text).strip()
    rest = [
        x
        for n, x in enumerate(candidates)
        if n not in used and strip_pinyin(x.text).strip() != chosen_text
    ]
    preamble = [x for x in rest if "。" in x.text and len(x.text) >= 20]
    return text, chosen.location, preamble, named


def narrative_paragraphs(preamble: list[Item], sections: list[list[Item]]) -> list[Item]:
    """Every prose paragraph of the report, in order: the preamble's, then each section's."""
    out = list(preamble)
    for s in sections[1:]:
        out.extend(i for i in s if i.kind == "para")
    return out


def overview(preamble: list[Item], section: list[Item]) -> RawOverview:
    """Section 一: preamble, numbered sub-sections, and the closing text after the last.

    A sub-section's text is the rest of its heading paragraph and the paragraphs up to the
    next sub-section. After the *last* sub-section only one paragraph belongs to it (the
    rest of its heading paragraph, or the paragraph after a bare heading line); what
    follows is the closing text.
    """
    paras = [*preamble, *(i for i in section if i.kind == "para")]
    text: list[str] = []
    # heading, inline text, bare, following paragraphs
    opened: list[tuple[str, str | None, bool, list[str]]] = []
    for item in paced(paras):
        sub = subsection(item.text)
        if sub is not None:
            opened.append((sub.heading, sub.text, sub.bare, []))
        elif opened:
            opened[-1][3].append(item.text)
        else:
            text.append(item.text)
    subs: list[RawSubsection] = []
    closing: list[str] = []
    for i, (head, inline, bare, following) in enumerate(opened):
        body = ([inline] if inline else []) + following
        if i == len(opened) - 1:
            keep = 1 if bare else (1 if inline else 0)
            closing = body[keep:]
            body = body[:keep]
        subs.append({"heading": head, "text": "\n".join(body) if body else None})
    return {
        "text": "\n".join(text) if text else None,
        "subsections": subs,
        "closing": "\n".join(closing) if closing else None,
    }
