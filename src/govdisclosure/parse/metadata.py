"""Labelled lines: the renderer's 「label：value」 lines, and page metadata as sites print it.

:func:`metadata` reads a line that starts with one of the model labels of
:data:`govdisclosure.prose.LABELLED_POINTERS` (one explicit value), or a line of page metadata
(「来源：…　时间：…」) with several 「key：value」 pairs. :func:`explicit_text` and
:func:`choices` turn a labelled value into the model's value, recording where it came from.
"""

from __future__ import annotations

import re
from typing import TypeAlias

import attrs

from .._fastinit import maker
from .._specs import specs
from ..prose import labelled_keys
from ..readers.document import Location
from .collect import Collector

__all__ = ["Explicit", "Meta", "Page", "choices", "explicit_text", "metadata"]

#: The explicit labelled values of a document: pointer → (value as printed, where).
Explicit: TypeAlias = dict[str, tuple[str, Location]]
#: Page metadata by role (``agency``, ``agency?``, ``name``, ``title?``, ``published``,
#: ``written``).
Page: TypeAlias = dict[str, list[tuple[str, Location]]]


@attrs.frozen
class Meta:
    """One labelled value: what it names (a pointer, or a role), and the value as printed."""

    target: str
    value: str
    explicit: bool


_new_meta = maker(Meta)

# Page metadata as government sites print it. ``agency?`` is a weaker source of the body's name.
_PAGE_KEYS = {
    "发布机构": "agency",
    "发布机关": "agency",
    "发文机关": "agency",
    "发文单位": "agency",
    "发布单位": "agency",
    "所属机构": "agency",
    "信息来源": "agency?",
    "来源": "agency?",
    # A portal grid's 名称 and a chrome 标题 field: candidates for the name, not the name.
    "名称": "name",
    "标题": "title?",
    "是否有效": "",
    "发布时间": "published",
    "发布日期": "published",
    "时间": "published",
    "日期": "published",
    "成文日期": "written",
    "生成日期": "written",
    "索引号": "",
    "文号": "",
    "作者": "",
    "点击率": "",
    "点击数": "",
    "浏览次数": "",
    "访问量": "",
    "阅读量": "",
    "字号": "",
    "主题分类": "",
    "分类": "",
    "公开方式": "",
    "公开范围": "",
    "公开时限": "",
    "有效性": "",
    "责任编辑": "",
    "编辑": "",
}
_PAGE_KEY_RE = re.compile(
    r"(?:^|(?<=\s))(" + "|".join(sorted(_PAGE_KEYS, key=len, reverse=True)) + r")\s*[:：]"
)
_LEAD = re.compile(r"^(?:[-*•·]\s+|\*\*)?")
_LABEL = re.compile(r"([^:：\s]{2,12})\s*[:：]")


def metadata(text: str) -> list[Meta] | None:
    """The labelled values of a metadata line, or ``None`` when ``text`` is not one.

    A line starting with one of the model's labels (as the renderer prints them) is one
    explicit value: everything after the colon. A line of page metadata may hold several
    「key：value」 pairs separated by spaces.
    """
    s = text.strip()
    if s.startswith(("-", "*", "•", "·")):  # what _LEAD can remove starts with one of them
        s = _LEAD.sub("", s, count=1)
    if "|" in s or "｜" in s:
        grid = _grid(s)
        if grid is not None:
            return grid
    if ":" not in s and "：" not in s:
        return None  # no 「label：」
    m = _LABEL.match(s)
    if m is None:
        return None
    label = m.group(1).replace("**", "")
    ptr = labelled_keys().get(label)
    if ptr is not None and label in _PAGE_KEYS and len(list(_PAGE_KEY_RE.finditer(s))) > 1:
        ptr = None  # 「发布日期：… 来源：…」: a line of page metadata, not one labelled value
    if ptr is not None:
        value = s[m.end() :].strip()
        if value.endswith("**"):
            value = value[:-2].strip()
        return [_new_meta(ptr, value, True)]
    if label not in _PAGE_KEYS:
        return None
    out: list[Meta] = []
    marks = list(_PAGE_KEY_RE.finditer(s))
    if not marks or marks[0].start() != 0:
        return None
    for i, mark in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(s)
        # A value ends at widget text (「【字体:大 中 小】」) or a wide gap.
        value = _VALUE_END.split(s[mark.end() : end].strip(), maxsplit=1)[0].strip()
        role = _PAGE_KEYS[mark.group(1)]
        if role:
            out.append(_new_meta(role, value, False))
    return out


_VALUE_END = re.compile(r"\s*[【|｜]|\s{2,}|\u3000")
_CELL = re.compile(r"\s*[|｜]\s*")


def _grid(s: str) -> list[Meta] | None:
    """A portal's metadata grid flattened to one line: 「名称 | XX局 | 发布机构 | XX局 |」."""
    cells = [x for x in _CELL.split(s.strip("|｜ ")) if x]
    if len(cells) < 2 or cells[0] not in _PAGE_KEYS:
        return None
    out: list[Meta] = []
    for i, cell in enumerate(cells):
        if cell not in _PAGE_KEYS:
            continue
        value = cells[i + 1] if i + 1 < len(cells) and cells[i + 1] not in _PAGE_KEYS else ""
        if _PAGE_KEYS[cell]:
            out.append(_new_meta(_PAGE_KEYS[cell], value, False))
    return out


def explicit_text(c: Collector, explicit: Explicit, ptr: str) -> str | None:
    """The explicit value at ``ptr``, stripped; ``None`` when absent or blank."""
    if ptr not in explicit:
        return None
    raw, loc = explicit[ptr]
    value = raw.strip()
    if not value:
        return None
    c.source(ptr, raw, loc)
    return value


def choices(cls: type, name: str) -> dict[str, str]:
    """A choice field's values by every way a labelled line may print them (value, zh, en)."""
    spec = dict(specs(cls))[name]
    out = {}
    for value, label in spec.choices:
        out[value] = value
        out[label.zh] = value
        out[label.en] = value
    return out
