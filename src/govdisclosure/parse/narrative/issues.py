"""Section 五: its text, and the problems and measures it lists or enumerates.

A rendered report lists them under labelled lines (「存在的主要问题：」, then numbered lines);
otherwise they are read from the prose's enumerations (「一是…二是…」) by
:func:`govdisclosure.prose.issue_items`, the function the renderer checks against.
"""

from __future__ import annotations

import re

from ..._budget import paced
from ...prose import issue_items
from ..items import Item
from ..raw import RawIssues

__all__ = ["issues"]

_MD_LIST = re.compile(r"^\d{1,3}[.、]\s*")


def issues(section: list[Item]) -> RawIssues:
    """``/issues``; the paragraphs of a labelled list are marked ``listitem`` (not prose)."""
    text: list[str] = []
    lists: dict[str, list[str]] = {}
    current: list[str] | None = None
    for item in paced(section):
        if (
            item.kind == "meta"
            and len(item.metas) == 1
            and item.metas[0].target in ("/issues/problems", "/issues/measures")
            and not item.metas[0].value
        ):
            current = lists.setdefault(item.metas[0].target, [])
            continue
        if item.kind == "meta":
            if item.metas and item.metas[0].explicit and item.metas[0].target.startswith("/issues"):
                (current if current is not None else text).append(item.text)
            continue
        if item.kind != "para":
            continue
        if current is not None:
            current.append(_MD_LIST.sub("", item.text, count=1))
            item.kind = "listitem"  # consumed: no longer prose
        else:
            text.append(item.text)
    joined = "\n".join(text) if text else None
    if lists:
        problems = lists.get("/issues/problems", [])
        measures = lists.get("/issues/measures", [])
    else:
        problems, measures = issue_items(joined)
    return {"text": joined, "problems": problems, "measures": measures}
