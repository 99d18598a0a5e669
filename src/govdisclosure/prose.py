"""The conventions of the report's prose, shared by the parser that reads them and the renderer.

The parser reads a report's narrative with these functions; the renderer calls the same
functions to decide what it must print explicitly, so that what the parser infers from a
rendered narrative is exactly what the report holds. Both depend on this module; neither on the
other.

* :data:`LABELLED_POINTERS`: the fields a rendered report prints as labelled lines
  (「机关名称：…」), each under its model label (:func:`labelled_keys`).
* :func:`contact_from_prose`, :func:`issue_items` and :func:`fees_from_prose`: what the prose
  of the contact details, section 五 and section 六 states. Every function reads text and returns
  what it found with the text it was read from; none changes the text.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from decimal import Decimal

from ._normalize_text import aligned
from ._numbering import NUMERALS
from .catalogue import catalogue

__all__ = [
    "CONTACT_FIELDS",
    "LABELLED_POINTERS",
    "contact_from_prose",
    "fees_from_prose",
    "issue_items",
    "label_of",
    "labelled_keys",
]

# -- Labelled lines ---------------------------------------------------------------------------

#: The fields the renderer prints as 「label：value」 lines and the parser reads back, in order.
#: A pointer whose value is a block (``/contact``, ``/issues/problems``, …) opens the lines that
#: follow it.
LABELLED_POINTERS: tuple[str, ...] = (
    "/agency/name",
    "/agency/level",
    "/agency/kind",
    "/agency/division_code",
    "/period/year",
    "/period/start",
    "/period/end",
    "/source/url",
    "/source/published",
    "/template_version",
    "/contact",
    "/contact/office",
    "/contact/address",
    "/contact/postcode",
    "/contact/phone",
    "/contact/fax",
    "/contact/email",
    "/contact/website",
    "/other_matters/info_processing_fees",
    "/other_matters/info_processing_fees/notices_issued",
    "/other_matters/info_processing_fees/amount_notified",
    "/other_matters/info_processing_fees/amount_collected",
    "/issues/problems",
    "/issues/measures",
)


def label_of(ptr: str) -> str:
    """The Chinese model label of the field at ``ptr``, as a labelled line prints it."""
    return next(e.label.zh for e in catalogue() if e.pointer == ptr)


@functools.cache
def labelled_keys() -> dict[str, str]:
    """The labels of :data:`LABELLED_POINTERS` as printed, and their pointers."""
    return {label_of(p): p for p in LABELLED_POINTERS}


# -- Contact details --------------------------------------------------------------------------

_STOP = r"(?=[,，;；。)）\s]|$)"
_CONTACT: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "office",
        re.compile(
            r"(?:请与|请联系|联系单位[:：]|联系部门[:：]|联系机构[:：])\s*([^,，;；。()（）:：\s]{2,30}?)\s*(?:联系|[,，;；。(（]|$)"
        ),
    ),
    (
        "address",
        re.compile(
            r"(?:通讯地址|通信地址|联系地址|办公地址|地址)\s*[:：]\s*([^,，;；。)）]{2,80}?)"
            + _STOP
        ),
    ),
    ("postcode", re.compile(r"(?:邮政编码|邮编)\s*(?:[:：]\s*)?(\d{6})(?!\d)")),
    (
        "phone",
        re.compile(
            r"(?:联系电话|咨询电话|办公电话|电话)\s*(?:[:：]\s*)?"
            r"([0-9()（）+][0-9\-—－()（）+ ]{4,28}[0-9])" + _STOP
        ),
    ),
    ("fax", re.compile(r"传真\s*(?:[:：]\s*)?([0-9()（）+][0-9\-—－()（）+ ]{4,28}[0-9])" + _STOP)),
    (
        "email",
        re.compile(
            r"(?:电子邮箱|电子信箱|电子邮件|邮箱|e-?mail)\s*(?:[:：]\s*)?([A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)",
            re.I,
        ),
    ),
    (
        "website",
        re.compile(
            r"(?:网站|网址|门户网)[^。；;]{0,20}?[(（:：]?\s*((?:https?://)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?:/[A-Za-z0-9./?=&%#_-]*)?)",
            re.I,
        ),
    ),
)
CONTACT_FIELDS = tuple(name for name, _ in _CONTACT)
# Each of _CONTACT's patterns with what it needs in the folded text before it can match (one
# of two words): most paragraphs hold none of them, and an `in` test costs less than a search.
_NEEDS: dict[str, tuple[str, str]] = {
    "office": ("请与", "联系"),
    "address": ("地址", "地址"),
    "postcode": ("邮", "邮"),
    "phone": ("电话", "电话"),
    "fax": ("传真", "传真"),
    "email": ("@", "@"),
    "website": ("网", "网"),
}
_CONTACT_SEARCH = tuple((name, pattern, *_NEEDS[name]) for name, pattern in _CONTACT)
# Any of those words: a paragraph without one is passed over at once.
_ANY_NEED = re.compile("|".join(sorted({re.escape(w) for p in _NEEDS.values() for w in p})))


def contact_from_prose(
    paragraphs: Sequence[str], fold: Callable[[str], str] = aligned
) -> dict[str, tuple[str, int]]:
    """Contact details stated in prose: field → (value as printed, paragraph index).

    A letter-spaced statement wrapped over lines, as PDF text gives it (「号 ， 邮 编 ： 000000 ，
    电 话 ： 0736 - 5220099」), is read for the fields the plain text does not give, with the
    spaces removed and its line joined to the one before (completing a value the line break
    cut short). ``fold`` is :func:`~govdisclosure._normalize_text.aligned`, or a cached form
    of it that other readers of the same paragraphs share.
    """
    found = _contact_pass(paragraphs, fold)
    for name, (value, i) in _contact_pass(_despaced(paragraphs), aligned).items():
        plain = found.get(name)
        # A value the line break cut short (「府前路 6」 / 「号」) is completed.
        if plain is None or (value.startswith(plain[0]) and len(value) > len(plain[0])):
            found[name] = (value, i)
    return found


def _contact_pass(
    paragraphs: Sequence[str], fold: Callable[[str], str]
) -> dict[str, tuple[str, int]]:
    found: dict[str, tuple[str, int]] = {}
    for i, text in enumerate(paragraphs):
        if len(found) == len(_CONTACT):
            break
        if not text:  # most of the letter-spaced pass's paragraphs: left empty
            continue
        chunk = text[:5000]
        folded = fold(chunk)
        if _ANY_NEED.search(folded) is None:
            continue
        for name, pattern, word, other in _CONTACT_SEARCH:
            if name in found or (word not in folded and other not in folded):
                continue
            m = pattern.search(folded)
            if m is not None:
                value = chunk[m.start(1) : m.end(1)].strip()
                if value:
                    found[name] = (value, i)
    return found


# A blank between two CJK characters (or one and a digit), found from the blank itself.
_SPACED = re.compile(r" (?<=[\u3000-\u9fff\uff00-\uffef] )(?=[\u3000-\u9fff\uff00-\uffef\d])")
_SPACED_DASH = re.compile(r"(?<=\d) ?[-—－] ?(?=\d)")
_SPACE_NEAR_CJK = re.compile(
    r" +(?=[\u3000-\u9fff\uff00-\uffef])|(?<=[\u3000-\u9fff\uff00-\uffef]) +"
)


def _despaced(paragraphs: Sequence[str]) -> list[str]:
    """Letter-spaced paragraphs without their spaces, each joined to the one before it when
    that one is letter-spaced too and does not end a sentence; others are left empty."""
    out: list[str] = []
    for i, text in enumerate(paragraphs):
        chunk = text[:5000]
        # Each letter-spacing blank is a space: fewer than four spaces, fewer than four blanks.
        if chunk.count(" ") < 4 or len(_SPACED.findall(chunk)) < 4:
            out.append("")
            continue
        joined = _SPACE_NEAR_CJK.sub("", _SPACED_DASH.sub("-", chunk))
        prev = paragraphs[i - 1][:5000] if i else ""
        if prev and prev.rstrip()[-1:] not in "。！？；":
            joined = _SPACE_NEAR_CJK.sub("", _SPACED_DASH.sub("-", prev)) + joined
            out[-1] = ""  # read once, as part of this one
        out.append(joined)
    return out


# -- Section 五: problems and measures ----------------------------------------------------------

_ORDINALS = NUMERALS
_LEAD_PUNCT = ":：,，。；;、 \u3000"
_PROBLEM_WORDS = re.compile(r"问题|不足|差距|短板|薄弱|欠缺")
_MEASURE_WORDS = re.compile(r"措施|改进|整改|下一步|计划|努力|加强|着力|将")


def _enumerations(para: str) -> list[tuple[str, list[str]]]:
    out: list[tuple[str, list[str]]] = []
    pos = 0
    lead_start = 0
    n = len(para)
    while True:
        i = para.find("一是", pos)
        while i > 0 and para[i - 1] not in _LEAD_PUNCT:
            i = para.find("一是", i + 2)
        if i < 0:
            break
        items: list[str] = []
        start = i + 2
        k = 1
        while True:
            marker = _ORDINALS[k] + "是" if k < len(_ORDINALS) else None
            j = -1
            if marker is not None:
                j = para.find(marker, start)
                while j > 0 and para[j - 1] not in _LEAD_PUNCT:
                    j = para.find(marker, j + 2)
            restart = para.find("一是", start)
            while restart > 0 and para[restart - 1] not in _LEAD_PUNCT:
                restart = para.find("一是", restart + 2)
            if j < 0 or (0 <= restart < j):
                end = restart if restart >= 0 else n
                cut = end
                if restart >= 0:
                    # The next enumeration's lead-in sentence is not part of this item.
                    stop = para.rfind("。", start, restart)
                    if stop >= 0:
                        cut = stop + 1
                items.append(para[start:cut].strip())
                out.append((para[lead_start:i], items))
                pos = end
                lead_start = cut
                break
            items.append(para[start:j].strip())
            start = j + 2
            k += 1
        if pos >= n:
            break
    return out


def issue_items(text: str | None) -> tuple[list[str], list[str]]:
    """The problems and the measures enumerated in section 五 (「一是…二是…」)."""
    problems: list[str] = []
    measures: list[str] = []
    if not text:
        return problems, measures
    enums: list[tuple[str, list[str]]] = []
    previous = ""
    for para in text.split("\n")[:200]:
        for lead, items in _enumerations(para[:20000]):
            enums.append((lead.strip() or previous, items))
        previous = aligned(para[-200:])
    order = 0
    for lead, items in enums:
        items = [x for x in items if x]
        if not items:
            continue
        lead = aligned(lead)
        if _PROBLEM_WORDS.search(lead) and not _MEASURE_WORDS.search(lead):
            target = problems
        elif _MEASURE_WORDS.search(lead):
            target = measures
        else:
            target = problems if order == 0 else measures
        if target is problems and problems:
            target = measures
        if target is measures and measures:
            continue
        target.extend(items)
        order += 1
    return problems, measures


# -- Section 六: information-processing fees ----------------------------------------------------

_FEE_ZERO = re.compile(r"(?:未|没有|无|不)(?:收取|收|产生|发生|征收)[^。；;]{0,20}?费")
_FEE_COLLECTED = re.compile(
    r"(?:实际)?(?:收取|收缴|收到)[^。；;，,]{0,20}?(?:信息处理费|处理费|费用)[^。；;\d]{0,8}?"
    r"(?:共计|合计|总计|总额|共)?\s*(?:[:：]\s*)?(\d+(?:\.\d+)?)\s*元"
)
_FEE_NOTICES = re.compile(
    r"(?:发出|开具|送达|下发)了?(?:\s*(?:\d+\s*)?份)?收费通知(?:书|单)?\s*(?:共\s*)?(\d+)\s*(?:件|份|次|个)"
)
_FEE_NOTIFIED = re.compile(
    r"收费通知[^。；;]{0,15}?(?:总金额|金额|共计|合计)\s*(?:[:：]\s*)?(\d+(?:\.\d+)?)\s*元"
)


def fees_from_prose(text: str | None) -> dict[str, tuple[int | Decimal, str]] | None:
    """Information-processing fees stated in section 六: field → (value, raw text)."""
    if not text:
        return None
    raw = text[:20000]
    chunk = aligned(raw)
    out: dict[str, tuple[int | Decimal, str]] = {}
    m = _FEE_NOTICES.search(chunk)
    if m:
        out["notices_issued"] = (int(m.group(1)), raw[m.start() : m.end()])
    m = _FEE_NOTIFIED.search(chunk)
    if m:
        out["amount_notified"] = (Decimal(m.group(1)), raw[m.start() : m.end()])
    m = _FEE_COLLECTED.search(chunk)
    if m:
        out["amount_collected"] = (Decimal(m.group(1)), raw[m.start() : m.end()])
    else:
        m = _FEE_ZERO.search(chunk)
        if m:
            out["amount_collected"] = (Decimal(0), raw[m.start() : m.end()])
    return out or None
