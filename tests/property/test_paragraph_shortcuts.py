"""Property: the shortcuts of the paragraph stages give what the code they replaced gave.

:func:`~govdisclosure.parse.lines.heading`, :func:`~govdisclosure.parse.lines.chrome`,
:func:`~govdisclosure.parse.lines.split_flattened` and
:func:`~govdisclosure.parse.metadata.metadata` reject the common paragraph with cheap exact
tests before their patterns run. The versions they replaced are kept here, verbatim, and compared
with them over texts built from the template's headings and labels, numerals, Markdown marks,
punctuation, blanks, width and Traditional forms, pinyin and random CJK. The character lists the
shortcuts rely on are derived again from Unicode and the folding tables.
"""

from __future__ import annotations

import random
import re
import sys

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govdisclosure import template as t
from govdisclosure._normalize_text import aligned, key
from govdisclosure._numbering import cn_number
from govdisclosure.catalogue import catalogue
from govdisclosure.parse import lines
from govdisclosure.parse.labels import match_row
from govdisclosure.parse.lines import (
    _LEGACY_WORDS,
    _MAX_TITLE,
    _SECTION_NUMBER,
    _SECTION_WORDS,
    _SEPARATOR,
    _SPLIT_SPACE,
    _SUBSECTION,
    Heading,
    Sub,
    _bare_titles,
    chrome,
    heading,
    split_flattened,
    subsection,
)
from govdisclosure.parse.metadata import _PAGE_KEY_RE, _PAGE_KEYS, Meta, _grid, metadata
from govdisclosure.prose import labelled_keys

# -- The versions replaced (parse/lines.py and parse/metadata.py before the shortcuts) ----------


def _old_section_of(title_key: str) -> int | None:
    if not title_key or len(title_key) > _MAX_TITLE:
        return None
    for section, words in _SECTION_WORDS:
        if any(w in title_key for w in words):
            return section
    if any(w in title_key for w in _LEGACY_WORDS):
        return 0
    return None


def _old_is_table_label(text: str) -> bool:
    return any(m.quality in ("exact", "annotated") for m in match_row(text[:120]))


def _old_heading(text: str) -> Heading | None:
    head = text[:200]
    a = aligned(head)
    m = _SECTION_NUMBER.match(a)
    numeral = None
    if m is not None:
        word = m.group(1) or m.group(2)
        numeral = cn_number(word) if word else None
        start = m.end()
    else:
        mm = re.match(r"^[\s\x00]*#{1,6}[\s\x00]*", a)
        start = mm.end() if mm else 0
    marked = m is not None or start > 0
    if m is None and _SUBSECTION.match(a):
        return None
    rest_a = a[start:]
    sep = _SEPARATOR.search(rest_a)
    candidates = []
    if sep is not None and sep.start() > 0:
        candidates.append(start + sep.start())
    if len(text) <= 200:
        candidates.append(len(text))
    for end in candidates:
        if m is None and end != len(text):
            continue
        title_key = key(a[start:end].replace("\x00", "").replace("**", ""))
        if m is None and not marked and title_key not in _bare_titles():
            continue
        section = _old_section_of(title_key)
        if section is None:
            continue
        if _old_is_table_label(text[:end]):
            return None
        heading_text = text[:end].strip().lstrip("#").strip().replace("**", "").strip()
        rest = text[end:].strip().lstrip("。:：").strip() if end < len(text) else ""
        return Heading(section, heading_text, rest or None, numeral)
    return None


def _old_subsection(text: str) -> Sub | None:
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


def _old_heading_start(text: str) -> bool:
    if _SECTION_NUMBER.match(aligned(text[:12])) is None:
        return False
    return _old_heading(text) is not None


_OLD_OPENERS = frozenset("#*(第、一二三四五六七八九十\x00")


def _old_split_flattened(text: str) -> list[str]:
    if len(text) < 2 or not _SPLIT_SPACE.search(text):
        return [text]
    out: list[str] = []
    start = 0
    for m in _SPLIT_SPACE.finditer(text):
        a, b = m.start(), m.end()
        if a <= start or b >= len(text):
            continue
        before = text[a - 1]
        after = text[b : b + 60]
        split = before in "。！？"
        first = aligned(text[b])
        opens = first in _OLD_OPENERS or first.isspace()
        if not split and opens:
            split = _old_subsection(after) is not None or _old_heading_start(after)
        if not split and a - start <= 200:
            h = _old_heading(text[start:a])
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


_OLD_CHROME = re.compile(
    r"^(?:【[^】]{0,12}】\s*)+$"
    r"|关闭窗口|打印本页|返回顶部|扫一扫|分享到|上一篇|下一篇|版权所有|ICP备|公网安备|网站标识码|技术支持"
    r"|网站地图|^主办单位|^主办[:：]|^承办[:：]|^联系我们$"
    r"|当前位置|您现在的位置|^首页\s*[>＞»]|^字号|^【\s*字体"
    r"|(?:\.{3,}|…{2,}|·{3,}|．{3,}|-{4,})\s*\d{1,3}\s*$"
    r"|^[-—–]{1,2}\s*\d{1,3}\s*[-—–]{1,2}$|^(?i:page)\s*\d{1,3}(?:\s*[-–—/|:]|\s*$)"
    r"|^第\s*\d{1,3}\s*页(?:\s*[,，/共]\s*\d+\s*页?)?$|^\d{1,3}\s*/\s*\d{1,3}$"
)


def _old_chrome(text: str) -> bool:
    return len(text) < 200 and _OLD_CHROME.search(text) is not None


_OLD_LEAD = re.compile(r"^(?:[-*•·]\s+|\*\*)?")
_OLD_VALUE_END = re.compile(r"\s*[【|｜]|\s{2,}|\u3000")


def _old_metadata(text: str) -> list[Meta] | None:
    s = _OLD_LEAD.sub("", text.strip(), count=1)
    grid = _grid(s) if "|" in s or "｜" in s else None
    if grid is not None:
        return grid
    m = re.match(r"([^:：\s]{2,12})\s*[:：]", s)
    if m is None:
        return None
    label = m.group(1).replace("**", "")
    ptr = labelled_keys().get(label)
    if ptr is not None and label in _PAGE_KEYS and len(list(_PAGE_KEY_RE.finditer(s))) > 1:
        ptr = None
    if ptr is not None:
        value = s[m.end() :].strip()
        if value.endswith("**"):
            value = value[:-2].strip()
        return [Meta(ptr, value, True)]
    if label not in _PAGE_KEYS:
        return None
    out: list[Meta] = []
    marks = list(_PAGE_KEY_RE.finditer(s))
    if not marks or marks[0].start() != 0:
        return None
    for i, mark in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(s)
        value = _OLD_VALUE_END.split(s[mark.end() : end].strip(), maxsplit=1)[0].strip()
        role = _PAGE_KEYS[mark.group(1)]
        if role:
            out.append(Meta(role, value, False))
    return out


# -- Texts -------------------------------------------------------------------------------------
# Built from a Random, so that hypothesis and a long seeded loop draw from the same shapes
# (hypothesis alone, over nested sampled_from, rarely reaches the rarer shapes).

_LABELS = sorted({e.label.zh for e in catalogue()})
_WORDS = sorted(
    {label.zh for label in t.SECTIONS}
    | _bare_titles()
    | {w for _, words in _SECTION_WORDS for w in words}
    | set(_LEGACY_WORDS)
    | set(_PAGE_KEYS)
    | set(labelled_keys())
    | set(lines._CHROME_WORDS)
    | {"總體情況", "主動公開政府信息情況", "其它需要報告的事項", "概述", "結轉下年度繼續辦理"}
    | {"一、", "二、", "十二、", "（一）", "(三)", "第一部分", "第十部分", "、", "一是", "六"}
    | {"＃", "##", "**", "⼀、", "㊀、", "六、", "（", "︵", "）", "⑴", "#"}
    | {"機(jī)", "關(guān)", "(ā)", "(", ")", "其它", "資訊", "㊠", "况", "\U0002f81b", "況"}
    | {"【打印本页】", "【字体：大 中 小】", "首页 > ", "字号：", "Page 3", "- 3 -", "第2页"}
    | {"……12", "...", "----", "．．．", "···", "3/8", "2023年1月30日", "2023-01-30", "None"}
)
_CHARS = (
    " \t\n\u3000\u00a0\x00。：:；，,、.．|｜-—–…·/>#*()（）【】0123456789１２ａāPageI年月日况项述"
)
_BLANKS = ["", " ", "  ", "\t", "\u3000", "\u00a0", "\n", "\x00"]
_MARKS = ["", " ", "\u3000", "#", "## ", "**", "\x00", "- ", "* ", "• ", "· ", "·", "|"]
_NUMBERS = [
    "",
    "一、",
    "六、",
    "十一、",
    "（一）",
    "(二)",
    "( 三 )",
    "第三部分",
    "⼀、",
    "㊀、",
    "、",
]
_NUMBERS += ["四.", "五，", "七 、", "一是"]
_SEPARATORS = ["", "。", "：", ":", "**", "**：", " ：", "。本年度", "：见下表", "情况", " "]
_OPENINGS = ["", "【", "主办", "承办", "联系我们", "首页", "字号", "-", "—", "–", "--", "Page"]
_OPENINGS += ["page", "PAGE", "第", "3", "12", "目录", "一、总体情况", "版权", "扫一", "网站标识"]
_DIGITS = ["", "3", "12", "123", "1234", "１２", "٣"]
_PUNCT = ["", "-", "—", "/", "|", ":", "：", ">", "＞", "»", "页", "共", "，", "】"]
_ENDS = ["", "XX厅", "】", "页", "字体", "打印本页", "所有", "码", "政务公开"]
_LEADERS = ["", ".", "...", "......", "…", "……", "···", "．．．", "---", "----", "-----"]
_KEYS = [*sorted(_PAGE_KEYS), *sorted(labelled_keys()), "联系方式", "名称"]
_COLONS = ["：", ":", " ：", "**：", "：**", " | ", "｜", ""]
_TITLES = [*sorted(_bare_titles()), "總體情況", "其它需要報告的事項"]
_PAD = " \t\n\u3000\x00。：:*#|（）()、.-"


def _piece(rng: random.Random) -> str:
    kind = rng.randrange(4)
    if kind == 0:
        return rng.choice(_WORDS)
    if kind == 1:
        return rng.choice(_LABELS)
    if kind == 2:
        return "".join(rng.choice(_CHARS) for _ in range(rng.randint(1, 3)))
    return "".join(chr(rng.randint(0x4E00, 0x9FFF)) for _ in range(rng.randint(0, 4)))


def _text(rng: random.Random) -> str:
    return "".join(_piece(rng) for _ in range(rng.randint(0, 12)))


def _long(rng: random.Random) -> str:
    """Long enough to cross the limits at 12, 40, 120 and 200 characters."""
    return _text(rng) + "字" * rng.randint(0, 230) + _text(rng)


def _line(rng: random.Random) -> str:
    """Paragraphs shaped as the stages expect: a mark, a number, words, a separator, more
    text; up to four in a line, separated by blanks."""
    return "".join(
        rng.choice(_MARKS)
        + rng.choice(_NUMBERS)
        + rng.choice(_WORDS if rng.random() < 0.6 else _LABELS)
        + rng.choice(_SEPARATORS)
        + (_text(rng) if rng.random() < 0.5 else rng.choice(_WORDS))
        + rng.choice(_BLANKS)
        for _ in range(rng.randint(1, 4))
    )


def _meta(rng: random.Random) -> str:
    """A line of labelled values: 「机关名称：…」, 「发布日期：… 来源：…」, a flattened grid."""
    return rng.choice(_MARKS) + "".join(
        rng.choice(_KEYS)
        + rng.choice(_COLONS)
        + (_text(rng) if rng.random() < 0.5 else rng.choice(_WORDS))
        + rng.choice(["", " ", "  ", "\u3000", " | ", "**", "【字体：大 中 小】"])
        for _ in range(rng.randint(1, 3))
    )


def _padded(rng: random.Random) -> str:
    """An official title with blanks and marks around and between its characters."""

    def gap() -> str:
        return "".join(rng.choice(_PAD) for _ in range(rng.choice([0, 0, 1, 2, 4])))

    return gap() + "".join(c + gap() for c in rng.choice(_TITLES))


def _furniture(rng: random.Random) -> str:
    """Page furniture and near misses: the openings and endings the chrome tests look at."""
    return "".join(
        (
            rng.choice(_OPENINGS),
            rng.choice(_BLANKS),
            rng.choice(_DIGITS),
            rng.choice(_BLANKS),
            rng.choice(_PUNCT),
            rng.choice(_ENDS),
            rng.choice(_LEADERS),
            rng.choice(_BLANKS),
            rng.choice(_DIGITS),
            rng.choice(_BLANKS),
        )
    )


def _unicode(rng: random.Random) -> str:
    return "".join(chr(rng.randint(0, 0x2FFFF)) for _ in range(rng.randint(0, 30)))


_SHAPES = (_text, _long, _line, _line, _meta, _padded, _furniture, _unicode)


def _any(rng: random.Random) -> str:
    return rng.choice(_SHAPES)(rng)


_ANY = st.randoms(use_true_random=False).map(_any)
SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _same(text: str) -> None:
    assert heading(text) == _old_heading(text), text
    assert chrome(text) == _old_chrome(text), text
    assert split_flattened(text) == _old_split_flattened(text), text
    assert metadata(text) == _old_metadata(text), text
    assert subsection(text) == _old_subsection(text), text
    title_key = key(text)
    assert lines._section_of.__wrapped__(title_key) == _old_section_of(title_key), text


@SETTINGS
@given(_ANY)
def test_the_shortcuts_give_what_the_old_code_gave(text: str) -> None:
    """On any text, heading(), chrome(), split_flattened(), metadata(), subsection() and the
    section a key names give what the versions without shortcuts gave."""
    _same(text)


def test_many_shaped_texts_give_what_they_gave() -> None:
    """Over 30,000 seeded texts of every shape, the shortcuts give what the old code gave."""
    rng = random.Random(20261202)
    for _ in range(30_000):
        _same(_any(rng))


def test_chrome_examples() -> None:
    """Each kind of page furniture is still recognised, and narrative is not."""
    for text in (
        "【打印本页】【关闭窗口】",
        "当前位置：首页 > 政务公开",
        "版权所有：XX县人民政府",
        "一、总体情况……3",
        "目录 ...... 12 ",
        "— 3 —",
        "Page 4 - XX厅",
        "第 2 页 共 5 页",
        "3 / 8",
        "主办：XX县人民政府办公室",
    ):
        assert chrome(text), text
        assert _old_chrome(text), text
    for text in ("本年度我镇未发出收费通知，未收取信息处理费。", "邮编：654100", "2023-01-30"):
        assert not chrome(text), text
        assert not _old_chrome(text), text


def test_the_character_lists_are_complete() -> None:
    """Every character that folds to a heading's opener or to a bare title's last character is
    in the lists the shortcuts test, and each chrome word holds a hint character."""
    ends = {title[-1] for title in _bare_titles()}
    title_end: set[str] = set()
    for cp in range(sys.maxunicode + 1):
        c = chr(cp)
        if c.isspace():
            assert aligned(c).isspace()
            continue
        folded = aligned(c)
        if folded in lines._NUMBER_OPENERS or folded.isspace():
            assert c in lines._FOLDS_TO_OPENER, hex(cp)
        if folded == "(":
            assert c in lines._OPENERS, hex(cp)
        if folded in ("(", "*", "\x00"):
            assert c in lines._SUB_OPENERS, hex(cp)
        if any(e in key(folded) for e in ends):
            title_end.add(c)
    assert title_end == set(lines._TITLE_END.pattern[1:-1])
    assert all(lines._CHROME_HINT.search(w) for w in lines._CHROME_WORDS)
