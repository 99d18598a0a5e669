"""The title, the preamble and section 一: its text, numbered sub-sections and closing text.

The title is the first line of the preamble that names a 报告 (else its first line); a line
that looks like mirror-site spam is ignored with a finding. Paragraphs of the preamble that read
as prose join section 一's text.
"""

from __future__ import annotations

from ..._document import Location
from ..collect import Collector
from ..items import Item
from ..lines import looks_spam, subsection
from ..raw import RawOverview, RawSubsection

__all__ = ["narrative_paragraphs", "overview", "title"]


def title(c: Collector, section0: list[Item]) -> tuple[str | None, Location | None, list[Item]]:
    """The title, where it is, and the preamble paragraphs before section 一."""
    candidates: list[Item] = []
    for item in section0:
        if item.kind != "para":
            continue
        if looks_spam(item.text):
            c.note(
                "parse.mirror-spam", "/source/title", actual=item.text[:200], text=item.text[:60]
            )
            continue
        candidates.append(item)
    if not candidates:
        return None, None, []
    chosen = next((x for x in candidates if "报告" in x.text and len(x.text) <= 120), candidates[0])
    text = chosen.text
    rest = [x for x in candidates if x is not chosen and x.text != text]
    preamble = [x for x in rest if "。" in x.text and len(x.text) >= 20]
    return text, chosen.location, preamble


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
    for item in paras:
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
