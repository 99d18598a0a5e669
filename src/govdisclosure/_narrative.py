"""Extracting the narrative fields from prose: dates, the agency, contact details, 五 and 六.

Every function here reads text and returns what it found with the text it was read from; none
changes the text. The renderer calls the same functions to decide what it must print explicitly,
so that what the parser infers from a rendered narrative is exactly what the report holds.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Sequence
from decimal import Decimal

import attrs

from ._normalize_text import aligned, simplify

__all__ = [
    "DateFound",
    "agency_kind",
    "agency_level",
    "contact_from_prose",
    "fees_from_prose",
    "find_date",
    "find_period",
    "issue_items",
    "name_from_title",
    "prose_figures",
    "year_from_title",
]

# -- Dates ------------------------------------------------------------------------------------


@attrs.frozen
class DateFound:
    """A date read from text; ``repaired`` when the text had lost or doubled digits."""

    date: _dt.date
    raw: str
    repaired: bool


_FULL_DATE = re.compile(r"(?<!\d)(\d{4,6})\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})\s*日?")


def _mk(y: int, m: int, d: int) -> _dt.date | None:
    try:
        return _dt.date(y, m, d)
    except ValueError:
        return None


def find_date(text: str) -> DateFound | None:
    """The first full date in ``text`` (「2024年1月16日」, 「2024-01-16」, 「2024- 03- 08」)."""
    raw = text[:2000]
    for m in _FULL_DATE.finditer(aligned(raw)):
        year_digits = m.group(1)
        repaired = False
        if len(year_digits) > 4:
            # 「202020年」: a doubled year; keep its last four digits.
            year_digits = year_digits[-4:]
            repaired = True
        d = _mk(int(year_digits), int(m.group(2)), int(m.group(3)))
        if d is not None:
            return DateFound(d, raw[m.start() : m.end()], repaired)
    return None


def _split_md(digits: str, prefer: tuple[int, int]) -> tuple[int, int] | None:
    options = []
    for i in range(1, len(digits)):
        month, day = int(digits[:i]), int(digits[i:])
        if len(digits[i:]) > 2 or len(digits[:i]) > 2:
            continue
        if 1 <= month <= 12 and 1 <= day <= 31:
            options.append((month, day))
    if not options:
        return None
    if prefer in options:
        return prefer
    return options[0] if len(options) == 1 else None


_ONE_DATE = (
    r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日"
    r"|\d{4}\s*[-./]\s*\d{1,2}\s*[-./]\s*\d{1,2}"
    r"|\d{4}\s*年\s*\d{2,4}\s*日"
    r"|\d{5,8}\s*日"
    r"|\d{2,4}\s*日"
    r"|\d{1,2}\s*月\s*\d{1,2}\s*日"
)
_RANGE = re.compile(
    rf"(?<!\d)(?P<a>{_ONE_DATE})\s*起?\s*[,，]?\s*(?:[—\-–~～至到]+|起?至)\s*(?P<b>{_ONE_DATE})"
)


def _loose(text: str, year: int | None, prefer: tuple[int, int]) -> tuple[_dt.date, bool] | None:
    s = re.sub(r"\s+", "", text)
    m = re.fullmatch(r"(\d{4})(?:年|[-./])(\d{1,2})(?:月|[-./])(\d{1,2})日?", s)
    if m:
        d = _mk(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        return (d, False) if d else None
    m = re.fullmatch(r"(\d{1,2})月(\d{1,2})日", s)
    if m and year is not None:
        d = _mk(year, int(m.group(1)), int(m.group(2)))
        return (d, False) if d else None
    m = re.fullmatch(r"(\d{4})年(\d{2,4})日", s) or re.fullmatch(r"(\d{4})(\d{1,4})日", s)
    if m:
        md = _split_md(m.group(2), prefer)
        if md is None:
            return None
        d = _mk(int(m.group(1)), *md)
        return (d, True) if d else None
    m = re.fullmatch(r"(\d{2,4})日", s)
    if m and year is not None:
        md = _split_md(m.group(1), prefer)
        if md is None:
            return None
        d = _mk(year, *md)
        return (d, True) if d else None
    return None


def find_period(text: str) -> tuple[_dt.date, _dt.date, str, bool] | None:
    """The statistics period stated in ``text``: start, end, the raw text, and whether repaired.

    Accepts 「2023年1月1日——2023年12月31日」, 「自2021年1月1日起至2021年12月31日止」 and the
    forms with 年 and 月 stripped by scraping (「自202111日起至20211231日止」,
    「2022年11日至1231日」), which are repaired.
    """
    raw = text[:5000]
    for m in _RANGE.finditer(aligned(raw)):
        a = _loose(m.group("a"), None, (1, 1))
        if a is None:
            continue
        b = _loose(m.group("b"), a[0].year, (12, 31))
        if b is None or b[0] < a[0]:
            continue
        return a[0], b[0], raw[m.start() : m.end()], a[1] or b[1]
    return None


_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


def year_from_title(title: str) -> int | None:
    """The reporting year a title names (「…2023年度…」, 「2022政府信息公开…」)."""
    m = _YEAR.search(title)
    return int(m.group(1)) if m else None


# -- The agency -------------------------------------------------------------------------------

BODY_END = re.compile(
    r"(人民政府|政府|办事处|委员会|局|厅|办公室|办公厅|委|署|中心|院|部|办|所|站|队|会|社|馆|处|室|街道|乡|镇)$"
)


def name_from_title(title: str) -> str | None:
    """The issuing body named at the start of a title, if the title starts with one."""
    s = title.strip()
    s = re.sub(r"^关于", "", s)
    m = re.match(r"(.{2,40}?)(?:关于)?(?:(?:19|20)\d{2}\s*年?度?|政府信息公开)", s)
    if m is None:
        return None
    name = m.group(1).strip(" ：:")
    return name if BODY_END.search(name) else None


def agency_kind(name: str) -> str | None:
    """``government`` for a people's government, ``department`` for one of its departments."""
    s = simplify(name).strip()
    if not s:
        return None
    if re.search(r"政府(?:办公室|办公厅)$", s):
        return "department"
    if s.endswith("人民政府") or re.search(r"(?:乡|镇|苏木)$|街道办事处$", s):
        return "government"
    if re.search(r"(?:局|委员会|委|办公室|办公厅|厅|署|中心|办)$", s):
        return "department"
    return None


_DIVISION = re.compile(
    r"特别行政区|自治区|自治州|自治县|省|"
    r"(?<!城)市(?!场|民|政|容|级)|(?<!自治)州(?!市)|盟|地区|(?<!自治)县|旗|"
    r"(?<![社园景片校小辖新开发])区|(?<!城)乡(?!村)|(?<!城)镇(?!压)|街道|苏木"
)
_MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")


def agency_level(name: str) -> str | None:
    """The administrative level a body's name shows, or ``None`` when it does not."""
    s = simplify(name).strip()
    if not s:
        return None
    if re.match(r"(国务院|国家|中华人民共和国|中国)", s):
        return "central"
    last = None
    for m in _DIVISION.finditer(s):
        last = m.group(0)
    if last is None:
        return None
    if last in ("乡", "镇", "街道", "苏木"):
        return "township"
    if last in ("县", "旗", "自治县", "区"):
        return "county"
    if last in ("市", "州", "自治州", "盟", "地区"):
        if s.startswith(_MUNICIPALITIES) and s.count("市") == 1 and "区" not in s and "县" not in s:
            return "provincial"
        return "prefectural"
    if last in ("省", "自治区", "特别行政区"):
        return "provincial"
    return None


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
    ("postcode", re.compile(r"(?:邮政编码|邮编)\s*[:：]?\s*(\d{6})(?!\d)")),
    (
        "phone",
        re.compile(
            r"(?:联系电话|咨询电话|办公电话|电话)\s*[:：]?\s*"
            r"([0-9()（）+][0-9\-—－()（）+ ]{4,28}[0-9])" + _STOP
        ),
    ),
    ("fax", re.compile(r"传真\s*[:：]?\s*([0-9()（）+][0-9\-—－()（）+ ]{4,28}[0-9])" + _STOP)),
    (
        "email",
        re.compile(
            r"(?:电子邮箱|电子信箱|电子邮件|邮箱|e-?mail)\s*[:：]?\s*([A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)",
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


def contact_from_prose(paragraphs: Sequence[str]) -> dict[str, tuple[str, int]]:
    """Contact details stated in prose: field → (value as printed, paragraph index)."""
    found: dict[str, tuple[str, int]] = {}
    for i, text in enumerate(paragraphs):
        if len(found) == len(_CONTACT):
            break
        chunk = text[:5000]
        folded = aligned(chunk)
        for name, pattern in _CONTACT:
            if name in found:
                continue
            m = pattern.search(folded)
            if m is not None:
                value = chunk[m.start(1) : m.end(1)].strip()
                if value:
                    found[name] = (value, i)
    return found


# -- Section 五: problems and measures ----------------------------------------------------------

_ORDINALS = "一二三四五六七八九十"
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
    r"(?:共计|合计|总计|总额|共)?\s*[:：]?\s*(\d+(?:\.\d+)?)\s*元"
)
_FEE_NOTICES = re.compile(
    r"(?:发出|开具|送达|下发)了?(?:\s*\d*\s*份)?收费通知(?:书|单)?\s*(?:共)?\s*(\d+)\s*(?:件|份|次|个)"
)
_FEE_NOTIFIED = re.compile(
    r"收费通知[^。；;]{0,15}?(?:总金额|金额|共计|合计)\s*[:：]?\s*(\d+(?:\.\d+)?)\s*元"
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


# -- Figures stated in prose (reported, never used to fill a table) -----------------------------

_NO_REQUESTS = re.compile(r"(?:没有|未|无)(?:接到|收到|受理|发生|收)[^。；;]{0,30}?申请")
_REQUESTS = re.compile(
    r"(?:收到|受理|接到|新收)[^。；;\d]{0,20}?申请[^。；;\d]{0,10}?(?:共)?\s*(\d+)\s*(?:件|条|份|个)"
)
_NO_REVIEW = re.compile(r"(?:没有|未|无)(?:发生|出现|收到|接到|产生|有)?[^。；;]{0,20}?行政复议")
_NO_SUIT = re.compile(r"(?:没有|未|无)(?:发生|出现|收到|接到|产生|有)?[^。；;]{0,20}?行政诉讼")


def prose_figures(paragraphs: Sequence[str]) -> list[tuple[str, int, str, int]]:
    """Figures for table cells stated in prose: (pointer, value, raw sentence, paragraph index)."""
    out: list[tuple[str, int, str, int]] = []
    seen: set[str] = set()
    for i, text in enumerate(paragraphs):
        raw = text[:5000]
        chunk = aligned(raw)
        for pattern, ptr, fixed in (
            (_NO_REQUESTS, "/applications/new_requests/total", 0),
            (_REQUESTS, "/applications/new_requests/total", None),
            (_NO_REVIEW, "/review_litigation/review/total", 0),
            (_NO_SUIT, "/review_litigation/direct_suit/total", 0),
        ):
            if ptr in seen:
                continue
            m = pattern.search(chunk)
            if m is None:
                continue
            value = fixed if fixed is not None else int(m.group(1))
            out.append((ptr, value, raw[m.start() : m.end()], i))
            seen.add(ptr)
    return out
