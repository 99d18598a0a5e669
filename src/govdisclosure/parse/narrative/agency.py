"""The issuing agency: its name, level, kind and division code, and the report's signature.

The name comes from a labelled line, else page metadata, the title (「XX市XX局2023年…报告」) or
the signature above the closing date; a name that looks like mirror-site spam is refused with a
finding. Level and kind are inferred from the name (:func:`agency_level`, :func:`agency_kind`)
unless labelled.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..._document import Location
from ..._normalize_text import simplify
from ...model import Agency
from ..collect import Collector
from ..items import Item
from ..lines import is_date_line, looks_spam
from ..metadata import Explicit, Page, choices, explicit_text
from ..raw import RawAgency
from .dates import DateFound, find_date

__all__ = [
    "BODY_END",
    "agency",
    "agency_kind",
    "agency_level",
    "name_from_title",
    "signature",
]


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


def signature(sections: list[list[Item]]) -> tuple[DateFound | None, str | None]:
    """The closing date and the agency's name above it; both are removed from their section."""
    last = next((s for s in reversed(sections[1:]) if any(i.kind == "para" for i in s)), None)
    if last is None:
        return None, None
    paras = [i for i in last if i.kind == "para"]
    date = None
    name = None
    if paras and is_date_line(paras[-1].text):
        found = find_date(paras[-1].text)
        if found is not None:
            date = found
            last.remove(paras[-1])
            paras = paras[:-1]
            if (
                paras
                and len(paras[-1].text) <= 40
                and re.search(BODY_END, paras[-1].text)
                and "。" not in paras[-1].text
            ):
                name = paras[-1].text
                last.remove(paras[-1])
    return date, name


def agency(
    c: Collector,
    explicit: Explicit,
    page: Page,
    title: str | None,
    signature_name: str | None,
) -> RawAgency:
    """``/agency``, with a finding when the name is missing or looks like spam."""
    name: str | None = None
    if "/agency/name" in explicit:
        raw, loc = explicit["/agency/name"]
        name = raw.strip()
        c.source("/agency/name", raw, loc)
        if looks_spam(name):
            _spam(c, name)
    else:
        sources: list[tuple[str, Location | None]] = [
            *page.get("agency", ()),
            *page.get("agency?", ()),
        ]
        if title:
            from_title = name_from_title(title)
            if from_title:
                sources.append((from_title, None))
        if signature_name:
            sources.append((signature_name, None))
        for source, where in sources:
            candidate = source.strip()
            if not candidate:
                continue
            if looks_spam(candidate):
                _spam(c, candidate)
                continue
            name = candidate
            if where is not None:
                c.source("/agency/name", source, where)
            break
    if name is None:
        name = ""
        c.note("parse.agency.missing", "/agency/name")
    level = _choice(c, explicit, "level", name, agency_level)
    kind = _choice(c, explicit, "kind", name, agency_kind)
    code = explicit_text(c, explicit, "/agency/division_code")
    if code is not None and not re.fullmatch(r"[0-9]{6}([0-9]{3}|[0-9]{6})?", code):
        c.note("parse.agency.division-code", "/agency/division_code", actual=code, code=code)
        code = None
    return {"name": name, "level": level, "kind": kind, "division_code": code}


def _choice(
    c: Collector,
    explicit: Explicit,
    field: str,
    name: str,
    infer: Callable[[str], str | None],
) -> str | None:
    ptr = f"/agency/{field}"
    if ptr in explicit:
        raw, loc = explicit[ptr]
        value = choices(Agency, field).get(raw.strip())
        if raw.strip():
            c.source(ptr, raw, loc)
        return value
    return infer(name) if name else None


def _spam(c: Collector, value: str) -> None:
    c.note(
        "parse.mirror-spam", "/agency/name", wording="agency", actual=value[:200], text=value[:60]
    )
