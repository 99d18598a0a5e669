"""The contact details: a 「联系方式：」 block of labelled lines, or else what the prose states.

Without the block, labelled lines such as 「电话：… 传真：…」 are read as prose, first, by
:func:`govdisclosure.prose.contact_from_prose`, the function the renderer checks against.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from ..._normalize_text import aligned
from ...prose import CONTACT_FIELDS, contact_from_prose
from ..collect import Collector
from ..items import Item
from ..metadata import Explicit, explicit_text
from ..raw import RawContact

__all__ = ["contact"]


def contact(
    c: Collector,
    explicit: Explicit,
    narrative: list[Item],
    sections: list[list[Item]],
    fold: Callable[[str], str] = aligned,
) -> RawContact:
    """``/contact``, every field ``None`` that neither the block nor the prose gives.

    ``fold`` is :func:`~govdisclosure._normalize_text.aligned`, or a cached form of it shared
    with :func:`~govdisclosure.parse.narrative.figures.figures` (the same paragraphs).
    """
    out: dict[str, str | None] = dict.fromkeys(CONTACT_FIELDS)
    if "/contact" in explicit and not explicit["/contact"][0].strip():
        for name in CONTACT_FIELDS:
            out[name] = explicit_text(c, explicit, f"/contact/{name}")
        return _typed(out)
    lines = [
        item
        for s in sections
        for item in s
        if item.kind == "meta" and any(m.target.startswith("/contact/") for m in item.metas)
    ]
    sources = [*lines, *narrative]
    found = contact_from_prose([i.text for i in sources], fold)
    for name, (value, index) in found.items():
        out[name] = value
        c.source(f"/contact/{name}", value, sources[index].location)
    return _typed(out)


def _typed(fields: dict[str, str | None]) -> RawContact:
    # CONTACT_FIELDS are the model's contact fields (a test checks it); the dict has them all.
    return cast(RawContact, fields)
