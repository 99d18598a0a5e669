"""Classifying one paragraph: a section heading, a sub-section, page furniture, spam, a date.

* :func:`heading` finds a section heading (一 to 六) by its words, not its number, so that the
  variants of the quirks file are accepted (half- and full-width punctuation, Traditional
  characters with or without pinyin, extra words, a lost numeral, 其他/其它, the legacy
  eight-part layout). A paragraph that is a table row label — such as 「四、结转下年度继续办理」 —
  is never a heading.
* :func:`subsection` finds a numbered sub-section of section 一 (「（一）主动公开情况。…」).
* :func:`split_flattened` splits a scraped line that holds several paragraphs.
* :func:`chrome` recognises page furniture: print and close links, breadcrumbs, table-of-contents
  lines with dot leaders; :func:`looks_spam` the gambling spam mirror sites inject;
  :func:`is_date_line` a bare date (the signature's).
"""

from __future__ import annotations

import functools
import re

import attrs

from .. import template as t
from .._budget import paced
from .._fastinit import maker
from .._normalize_text import aligned, key
from .._numbering import NUMERAL, NUMERALS, cn_number
from .labels import match_row

__all__ = [
    "Heading",
    "Sub",
    "chrome",
    "heading",
    "is_date_line",
    "looks_spam",
    "split_flattened",
    "subsection",
]

# Words that identify each section in its heading, checked from 六 down to 一.
_SECTION_WORDS: tuple[tuple[int, tuple[str, ...]], ...] = (
    (6, ("其他需要报告", "需要报告的事项", "其他事项", "其他需报告")),
    (
        5,
        (
            "存在的主要问题",
            "存在主要问题",
            "主要问题及",
            "主要问题和",
            "存在问题",
            "存在的问题",
            "问题及改进",
            "问题和改进",
            "改进情况",
            "改进措施",
            "整改措施",
            "不足及改进",
        ),
    ),
    (4, ("行政复议", "行政诉讼", "复议", "诉讼")),
    (
        3,
        (
            "收到和处理",
            "依申请公开",
            "申请公开政府信息",
            "政府信息公开申请",
            "收到和处置",
        ),
    ),
    (2, ("主动公开",)),
    (1, ("总体情况", "概述", "基本情况", "概况", "工作情况综述")),
)
# Headings of the pre-2019 free-form reports that have no place in the 2019/2021 layout.
_LEGACY_WORDS = (
    "收费及减免",
    "收费和减免",
    "回应解读",
    "机构建设",
    "会议和培训",
    "会议及培训",
    "附表",
)

_SECTION_NUMBER = re.compile(
    # Each run of blanks has one place (「A*(?:\*\*)?A*」 back-tracks quadratically).
    r"^[\s\x00]*(?:#{1,6}[\s\x00]*)?(?:\*\*[\s\x00]*)?"
    rf"(?:第({NUMERAL}{{1,3}})部分|({NUMERAL}{{1,3}})[\s\x00]*[、.,]|、)[\s\x00]*"
)
_SEPARATOR = re.compile(r"[\s\x00]*(?:[。:：]|\s)")
_SUBSECTION = re.compile(rf"^[\s\x00]*(?:\*\*[\s\x00]*)?\([\s\x00]*({NUMERAL}{{1,3}})[\s\x00]*\)")
_MAX_TITLE = 40


@attrs.frozen
class Heading:
    """A section heading: its section (1–6, or 0 for a legacy heading), as printed."""

    section: int
    text: str
    #: Text that followed the heading in the same paragraph, if any.
    rest: str | None
    numeral: int | None


_new_heading = maker(Heading)


@functools.lru_cache(maxsize=1024)  # the keys are mostly the official titles, in every report
def _section_of(title_key: str) -> int | None:
    if not title_key or len(title_key) > _MAX_TITLE:
        return None
    # Plain loops: a generator per section costs three times as much.
    for section, words in _SECTION_WORDS:
        for w in words:
            if w in title_key:
                return section
    for w in _LEGACY_WORDS:
        if w in title_key:
            return 0
    return None


_BARE: frozenset[str] | None = None


def _bare_titles() -> frozenset[str]:
    global _BARE
    if _BARE is None:
        out = set()
        for label in t.SECTIONS:
            a = aligned(label.zh)
            m = _SECTION_NUMBER.match(a)
            out.add(key(a[m.end() :] if m else a))
        out.update(("概述", "基本情况", "工作基本情况"))
        _BARE = frozenset(out)
    return _BARE


def _is_table_label(text: str) -> bool:
    matches = match_row(text[:120])  # most headings match no row: no generator for them
    return bool(matches) and any(m.quality in ("exact", "annotated") for m in matches)


# A heading's numeral is one of a few words: 「一」 to 「六」, read once each.
_numeral_value = functools.lru_cache(maxsize=256)(cn_number)


# The characters (after folding) a section number or a Markdown mark can open a paragraph with
# (a blank may precede either), and those that fold to one of them (「＃」, 「⼀」, 「㊀」, …):
# tests/property/test_paragraph_shortcuts.py derives the list from Unicode again.
_NUMBER_OPENERS = frozenset("#*第、" + NUMERALS + "\x00")
_FOLDS_TO_OPENER = frozenset(
    _NUMBER_OPENERS
    | set("\u2f00\u2f06\u2f0b\u2f17\uf9d1\uff03\uff0a\uff64")
    | {chr(c) for c in range(0x3280, 0x328A)}
)
_MD_MARK = re.compile(r"[\s\x00]*#{1,6}[\s\x00]*")
# Every character whose folded form (aligned, then key) holds the last character of an official
# bare title (「…情况」, 「概述」, 「…事项」): a text holding none of them is no bare title.
# tests/property/test_paragraph_shortcuts.py derives the list from Unicode again.
_TITLE_END = re.compile("[况況述項项\u32a0\ufa71\U0002f81b]")
#: How much of a paragraph is folded to look for a sub-section's number first.
_SUB_PREFIX = 12


def heading(text: str) -> Heading | None:
    """The section heading that ``text`` is, or starts with; ``None`` when it is not one."""
    first = text[:1]
    if first not in _FOLDS_TO_OPENER and not first.isspace():
        # Neither a number nor a mark opens the paragraph: it is a heading only when it is,
        # whole, an official bare title (most paragraphs stop here, before folding all of it).
        if len(text) > 200 or _TITLE_END.search(text) is None:
            return None
        # A sub-section's number found in a prefix stands in the whole text alike (folding
        # changes a character by its neighbours only inside a pinyin syllable, which holds no
        # numeral).
        if _SUBSECTION.match(aligned(text[:_SUB_PREFIX])) is not None:
            return None
        a = aligned(text)
        if _SUBSECTION.match(a) is not None:
            return None
        title_key = key(a.replace("\x00", "").replace("**", ""))
        if title_key not in _bare_titles():
            return None
        section = _section_of(title_key)
        return None if section is None else _heading(text, section, len(text), None)
    head = text[:200]
    a = aligned(head)
    m = _SECTION_NUMBER.match(a)
    numeral = None
    if m is not None:
        word = m.group(1) or m.group(2)
        numeral = _numeral_value(word) if word else None
        start = m.end()
    else:
        # Markdown heading marks without a numeral.
        mm = _MD_MARK.match(a)
        start = mm.end() if mm else 0
    marked = m is not None or start > 0
    if m is None and _SUBSECTION.match(a):
        return None
    candidates = []
    if m is not None:
        # Only a numbered heading may end before the paragraph does.
        sep = _SEPARATOR.search(a, start)
        if sep is not None and sep.start() > start:
            candidates.append(sep.start())
    if len(text) <= 200:
        candidates.append(len(text))
    for end in candidates:
        title_key = key(a[start:end].replace("\x00", "").replace("**", ""))
        if not marked and title_key not in _bare_titles():
            continue  # an unnumbered heading must be an official title
        section = _section_of(title_key)
        if section is not None:
            return _heading(text, section, end, numeral)
    return None


def _heading(text: str, section: int, end: int, numeral: int | None) -> Heading | None:
    """The heading of ``section`` that ``text[:end]`` is; ``None`` for a table's row label."""
    if _is_table_label(text[:end]):
        return None
    heading_text = text[:end].strip().lstrip("#").strip().replace("**", "").strip()
    rest = text[end:].strip().lstrip("。:：").strip() if end < len(text) else ""
    return _new_heading(section, heading_text, rest or None, numeral)


@attrs.frozen
class Sub:
    """A numbered sub-section start: its heading and the text after it in the paragraph."""

    number: int
    heading: str
    text: str | None
    #: True when the paragraph held the heading only, with no closing 。.
    bare: bool


# The characters _SUBSECTION can start with after folding (a blank aside), and those that fold
# to one: tests/property/test_paragraph_shortcuts.py derives the list from Unicode again.
_SUB_OPENERS = frozenset("(*\x00\ufe35\uff08\uff0a")


def subsection(text: str) -> Sub | None:
    """The numbered sub-section (「（一）…」) that ``text`` starts, or ``None``."""
    first = text[:1]
    if first not in _SUB_OPENERS and not first.isspace():
        return None  # most paragraphs: no folding, no pattern
    a = aligned(text[:40])
    m = _SUBSECTION.match(a)
    if m is None:
        return None
    number = cn_number(m.group(1))
    if number is None:
        return None
    stop = text.find("。")
    if stop < 0:
        return Sub(number, text.strip(), None, True)
    head = text[:stop].strip()
    rest = text[stop + 1 :].strip()
    return Sub(number, head, rest or None, False)


# -- Paragraph splitting ----------------------------------------------------------------------

_SPLIT_SPACE = re.compile(r"[ \t\u00a0\u3000]+")
_SENTENCE_END = "。！？"
#: The longest paragraph examined as a whole heading when splitting a line: a heading is short,
#: and looking at longer pieces at every run of spaces would make splitting quadratic.
_MAX_HEADING = 200
# The characters a heading or a numbered sub-section can start with, and those that fold to one.
_OPENERS = _FOLDS_TO_OPENER | {"(", "\ufe35", "\uff08"}


def split_flattened(text: str) -> list[str]:
    """Split a scraped line that holds several paragraphs separated by spaces.

    A run of spaces is a paragraph break after a sentence-ending 「。！？」, before a section
    heading or a numbered sub-section, and after a section heading that starts the line.
    """
    # The characters of _SPLIT_SPACE, looked for one by one: 7× cheaper than a search.
    if len(text) < 2 or not (" " in text or "\u3000" in text or "\t" in text or "\xa0" in text):
        return [text]
    out: list[str] = []
    start = 0
    for m in paced(_SPLIT_SPACE.finditer(text)):  # the clock: only inside parse's budget
        a, b = m.start(), m.end()
        if a <= start or b >= len(text):
            continue
        split = text[a - 1] in _SENTENCE_END
        if not split and (text[b] in _OPENERS or text[b].isspace()):
            after = text[b : b + 60]
            split = subsection(after) is not None or _heading_start(after)
        if not split and a - start <= _MAX_HEADING:
            h = heading(text[start:a])
            split = h is not None and h.rest is None
        if split:
            piece = text[start:a].strip()
            if piece:
                out.append(piece)
            start = b
    tail = text[start:].strip()
    if tail:
        out.append(tail)
    return out or [text]


def _heading_start(text: str) -> bool:
    if _SECTION_NUMBER.match(aligned(text[:12])) is None:
        return False
    return heading(text) is not None


# -- Page furniture ---------------------------------------------------------------------------

# Page furniture, as three tests that together match what one search over the alternation
# of all of them would: the furniture a line starts with (tried only when its first character
# can open one), the words that are furniture wherever they stand (tried only when the line
# holds the rarest character of one of them), and a TOC line's dot leader and page number
# (tried only when the line ends with a leader and 1 to 3 digits). A single search of the whole
# alternation tries every branch at every position: about 12 µs on a 90-character paragraph.
_CHROME_START = re.compile(
    r"(?:【[^】]{0,12}】\s*)+$"
    r"|主办单位|主办[:：]|承办[:：]|联系我们$"
    r"|首页\s*[>＞»]|字号|【\s*字体"
    r"|[-—–]{1,2}\s*\d{1,3}\s*[-—–]{1,2}$|(?i:page)\s*\d{1,3}(?:\s*[-–—/|:]|\s*$)"
    r"|第\s*\d{1,3}\s*页(?:\s*[,，/共]\s*\d+\s*页?)?$|\d{1,3}\s*/\s*\d{1,3}$"
)
# The first characters of the _CHROME_START branches (a decimal digit opens the last one).
_CHROME_OPENERS = frozenset("【主承联首字-—–pP第")
_CHROME_WORDS = (
    "关闭窗口",
    "打印本页",
    "返回顶部",
    "扫一扫",
    "分享到",
    "上一篇",
    "下一篇",
    "版权所有",
    "ICP备",
    "公网安备",
    "网站标识码",
    "技术支持",
    "网站地图",
    "当前位置",
    "您现在的位置",
)
# One character of each word in _CHROME_WORDS, the rarest in narrative: a line without any of
# them holds none of the words.
_CHROME_HINT = re.compile("[闭印顶扫享篇权备识技图置]")
_CHROME_LEADER = re.compile(r"(?:\.{3,}|…{2,}|·{3,}|．{3,}|-{4,})\s*\d{1,3}\s*$")


def chrome(text: str) -> bool:
    """True for page furniture: print/close links, breadcrumbs, TOC lines, page numbers."""
    if len(text) >= 200:
        return False
    first = text[:1]
    if (first in _CHROME_OPENERS or first.isdecimal()) and _CHROME_START.match(text):
        return True
    if _CHROME_HINT.search(text) is not None and any(w in text for w in _CHROME_WORDS):
        return True
    t = text.rstrip()
    return t[-1:].isdecimal() and _toc_tail(t) and _CHROME_LEADER.search(text) is not None


_LEADER_ENDS = ("...", "……", "···", "．．．", "----")


def _toc_tail(t: str) -> bool:
    """True when ``t`` (a line without its trailing blanks) may end as _CHROME_LEADER requires:
    a leader, blanks, 1 to 3 digits (so a line that does not is no TOC line, unsearched)."""
    i = len(t)
    while i and t[i - 1].isdecimal():
        i -= 1
        if len(t) - i > 3:
            return False
    return i < len(t) and t[:i].rstrip().endswith(_LEADER_ENDS)


_SPAM = re.compile(
    r"娱乐|彩票|博彩|赌场|赌博|棋牌|百家乐|老虎机|投注|下注|网投|葡京|威尼斯人|"
    r"太阳城|皇冠|体育平台|app下载|casino|bet(?![a-z])|官方网站入口|官网入口|[(（]中国[)）]官方",
    re.I,
)


def looks_spam(text: str) -> bool:
    """True when text looks like the gambling spam that mirror sites inject."""
    return _SPAM.search(text[:500]) is not None


_DATE_LINE = re.compile(
    r"\s*\d{4}\s*[年./-]\s*\d{1,2}\s*[月./-]\s*\d{1,2}\s*日?\s*|\s*\d{4}\s*年\s*\d{1,2}\s*月\s*"
)


def is_date_line(text: str) -> bool:
    """True when a paragraph is a bare date (the signature date at the end of a report)."""
    return len(text) < 30 and _DATE_LINE.fullmatch(text) is not None
