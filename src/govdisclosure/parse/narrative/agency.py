"""The issuing agency: its name, level, kind and division code, and the report's signature.

The name is a labelled line when there is one. Otherwise every place that may name the body
is a *candidate* with a strength. Strong: the title (a name on its own line beside the title
counts), the signature, the page's 发布机构 field. Medium: the first sentence
(「现向社会公布2024年XX年度报告」, 「本报告由XX编制」, 「2023年，XX认真贯彻…」) and a portal
grid's 「名称」. Weak: the contact line (「如有疑问请与XX联系」), the short 「来源」 and 「标题」
fields. A candidate that is not a name (a prose fragment, widget text, another field's label)
is dropped, and spam is dropped with a finding. The strong and medium candidates must agree
(one is the other's short form); the most complete form agreeing with them is the name. When
they disagree, or only weak candidates remain, the name is empty with
``parse.agency.ambiguous`` listing the candidates; a lone contact line or first sentence is
taken only when no body pronoun (「我局」, 「我中心」) contradicts it. Level and kind are
inferred from the name (:func:`agency_level`, :func:`agency_kind`) unless labelled.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import attrs

from ..._budget import paced
from ..._normalize_text import simplify, strip_pinyin
from ...model import Agency
from ...readers.document import Location
from ..collect import Bilingual, Collector
from ..items import Item
from ..lines import is_date_line, looks_spam
from ..metadata import Explicit, Page, choices, explicit_text
from ..raw import RawAgency
from .dates import DateFound, find_date

__all__ = [
    "BODY_END",
    "Candidate",
    "agency",
    "agency_kind",
    "agency_level",
    "candidates",
    "name_from_title",
    "plausible_name",
    "signature",
]


BODY_END = re.compile(
    r"(人民政府|政府|办事处|委员会|管理委员会|局|厅|办公室|办公厅|委|署|中心|院|部|办|所|站|队|会|"
    r"社|馆|处|室|街道|街|乡|镇|园区|苏木)$"
)
# What a name never contains: sentence punctuation, field separators, widget brackets, digits.
_NOT_IN_NAME = re.compile(r"[:：|｜【】\[\]，。,;；!！?？\d<>《》“”\"]")
# How a prose fragment starts (「为认真做好XX局政府信息公开工作」).
_PROSE_START = re.compile(r"^(?:为|根据|按照|依据|现将|现向|关于|我|本|对|在|由|已|请)")
_YEAR_HEAD = re.compile(r"^\s*(?:19|20)\d{2}\s*(?:年\s*)?(?:度\s*)?")


def plausible_name(text: str) -> str | None:
    """``text`` as a body's name (pinyin removed, stripped), or ``None`` when it is not one."""
    s = strip_pinyin(text).strip(" \t\u3000「」『』")
    if not 2 <= len(s) <= 40 or _NOT_IN_NAME.search(s) or _PROSE_START.match(s):
        return None
    if "报告" in s or "公开" in s or not BODY_END.search(simplify(s)) or s in _GENERIC:
        return None
    return s


# A body's kind without its name is not a name (「2023年，管委会认真贯彻…」).
_GENERIC = frozenset(
    ("管委会", "委员会", "办事处", "人民政府", "政府", "街道", "中心", "办公室", "本局", "本机关")
)


_TITLE_NAME = re.compile(r"(.{2,40}?)(?:关于)?(?:(?:19|20)\d{2}\s*年?度?|政府信息公开|政务公开)")


def name_from_title(title: str) -> str | None:
    """The issuing body named in a title (before or after a leading year), if it names one."""
    s = strip_pinyin(title).strip()
    if s.startswith("关于"):
        s = s[2:]
    s = _YEAR_HEAD.sub("", s)
    m = _TITLE_NAME.match(s)
    if m is None:
        return None
    name = m.group(1).strip(" ：:")
    return name if BODY_END.search(simplify(name)) else None


_GOVERNMENT_OFFICE = re.compile(r"政府(?:办公室|办公厅)$")
_DIVISION_GOVERNMENT = re.compile(r"(?:省|市|州|县|区|旗|盟)政府$")
_TOWNSHIP = re.compile(r"(?:乡|镇|苏木|街道|街)$|街道办事处$")
_DEPARTMENT = re.compile(r"(?:局|委员会|委|办公室|办公厅|厅|署|中心|办|部|研究室)$")


def agency_kind(name: str) -> str | None:
    """``government`` for a people's government, ``department`` for one of its departments."""
    return _kind(simplify(name).strip())


def _kind(s: str) -> str | None:
    """:func:`agency_kind` of a name already simplified and stripped."""
    if not s:
        return None
    if _GOVERNMENT_OFFICE.search(s):
        return "department"
    if s.endswith("人民政府") or _DIVISION_GOVERNMENT.search(s) or _TOWNSHIP.search(s):
        return "government"
    if _DEPARTMENT.search(s):
        return "department"
    return None


_DIVISION = re.compile(
    r"特别行政区|自治区|自治州|自治县|省|"
    r"(?<!城)市(?!场|民|政(?!府)|容|级)|(?<!自治)州(?!市)|盟|地区|(?<!自治)县|旗|"
    r"(?<![社园景片校小辖新开发])区|(?<!城)乡(?!村)|(?<!城)镇(?!压)|街道|苏木"
)
_MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")


_CENTRAL = ("国务院", "国家", "中华人民共和国", "中国")
_NATIONAL = re.compile(r"(?:部|总署|总局)$")


def agency_level(name: str) -> str | None:
    """The administrative level a body's name shows, or ``None`` when it does not."""
    return _level(simplify(name).strip())


def _level(s: str) -> str | None:
    """:func:`agency_level` of a name already simplified and stripped."""
    if not s:
        return None
    if s.startswith(_CENTRAL):
        return "central"
    last = None
    for m in _DIVISION.finditer(s):
        last = m.group(0)
    if s.endswith("街") and not s.endswith("大街"):
        return "township"  # a subdistrict named 「XX街」 (龙泉里街)
    if last is None:
        # A ministry or a national administration has no division in its name (交通运输部).
        return "central" if _NATIONAL.search(s) else None
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
    """The closing date and the agency's name above it; both are removed from their section.

    A report that ends with the body's name and no date is signed too.
    """
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
    if paras and (date is not None or len(paras) > 1) and _signed(paras[-1].text):
        name = paras[-1].text
        last.remove(paras[-1])
    return date, name


def _signed(text: str) -> bool:
    return len(text) <= 40 and "。" not in text and plausible_name(text) is not None


@attrs.frozen
class Candidate:
    """A name the document offers for its body: the name, where it was read, how strong."""

    name: str
    source: str
    strength: int  # 3 strong, 2 medium, 1 weak
    location: Location | None = None


#: Each source's name in the findings (zh, en) and its strength.
_SOURCES = {
    "title": ("标题", "title", 3),
    "signature": ("落款", "signature", 3),
    "publisher": ("发布机构", "publisher field", 3),
    "sentence": ("首句", "first sentence", 2),
    "opening": ("开头", "opening words", 1),
    "grid": ("名称栏", "name field", 2),
    "contact": ("联系方式", "contact line", 1),
    "source": ("来源栏", "source field", 1),
    "chrome": ("页面标题栏", "page title field", 1),
}
_SENTENCES = (
    re.compile(
        r"现向社会公布(?:(?:19|20)\d{2}\s*年度?)?(.{2,40}?)(?:(?:19|20)\d{2}\s*年度?)?政府信息公开"
    ),
    re.compile(r"本报告由(.{2,40}?)(?:负责)?(?:编制|编写|起草)"),
    re.compile(
        r"^(?:19|20)\d{2}\s*年(?:度)?\s*[，,]\s*(.{2,30}?)(?:认真|深入|全面|坚持|严格|始终|紧紧)"
    ),
)
# What each of _SENTENCES needs in a paragraph before it can match: a cheap test first.
_SENTENCE_NEEDS = (("现向社会公布",), ("本报告由",), None)
_YEAR_START = ("19", "20")
_CONTACT = re.compile(r"(?:请与|请联系|联系单位[:：]\s*)(.{2,40}?)(?:[（(]|联系|，|。|$)")
_PRONOUN = re.compile(
    r"我(分局|管委会|街道|办事处|委员会|中心|局|厅|办|委|室|处|署|院|所|站|镇|乡|会|部)"
)


def candidates(
    c: Collector,
    page: Page,
    title_name: tuple[str, Location | None] | None,
    signature_name: str | None,
    narrative: Sequence[Item],
) -> list[Candidate]:
    """Every plausible name the document offers, strongest sources first; spam is noted."""
    raw: list[tuple[str, str, Location | None]] = []
    if title_name is not None:
        raw.append((title_name[0], "title", title_name[1]))
    if signature_name:
        raw.append((signature_name, "signature", None))
    raw.extend((v, "publisher", loc) for v, loc in page.get("agency", ()))
    for item in narrative[:12]:
        text = item.text
        for n, pattern in enumerate(_SENTENCES):
            needs = _SENTENCE_NEEDS[n]
            if not (text.startswith(_YEAR_START) if needs is None else needs[0] in text):
                continue
            m = pattern.search(text)
            if m is not None:
                # 「2023年，XX认真贯彻…」 may name the body by a short form: only a weak source.
                raw.append((m.group(1), "opening" if n == 2 else "sentence", item.location))
    for value, where in page.get("name", ()):
        # A grid's 名称 may hold the report's title rather than the body's name.
        named = value if plausible_name(value) else name_from_title(value) or value
        raw.append((named, "grid", where))
    for item in paced(narrative):
        text = item.text
        if "疑问" not in text and "联系" not in text:
            continue
        m = _CONTACT.search(text)
        if m is not None:
            raw.append((m.group(1), "contact", item.location))
    raw.extend((v, "source", loc) for v, loc in page.get("agency?", ()))
    raw.extend((v, "chrome", loc) for v, loc in page.get("title?", ()))
    out: list[Candidate] = []
    for text, source, loc in raw:
        if looks_spam(text):
            _spam(c, text)
            continue
        name = plausible_name(text)
        if name is not None:
            out.append(Candidate(name, source, _SOURCES[source][2], loc))
    return out


_OFFICE = re.compile(r"(?<=政府)(?:办公室|办公厅)$")
_GOVERNMENT = re.compile(r"(?<=[乡镇县市区旗州省])(?:人民)?政府$|(?<=街道)办事处$")


def _body_key(name: str) -> str:
    """The form of a name that :func:`_same_body` compares: simplified, without the trailing
    「办公室」 of a government's office or the 「人民政府」 of a division, 管委会 spelt out."""
    return _key_of(simplify(name))


def _key_of(s: str) -> str:
    """:func:`_body_key` of a name already simplified."""
    # Each pattern ends in words the name must hold (they look behind at every place).
    if "办公" in s:
        s = _OFFICE.sub("", s)
    s = s.replace("管委会", "管理委员会")
    if "政府" in s or "办事处" in s:
        s = _GOVERNMENT.sub("", s)
    return s


def _same_body(a: str, b: str) -> bool:
    """True when one name is the other or its short form (县信访局 for 云溪县信访局, 木场乡 for
    木场乡人民政府)."""
    return _same_key(_body_key(a), _body_key(b))


def _same_key(x: str, y: str) -> bool:
    """:func:`_same_body` of two names' :func:`_body_key`."""
    return x.endswith(y) or y.endswith(x)


def _pronoun_fits(name: str, text: str) -> bool:
    """False when the body's own pronoun (「我局」) names another kind of body than ``name``."""
    found = {m.group(1) for m in _PRONOUN.finditer(text)}
    if not found:
        return True
    s = simplify(name)
    fits = {
        "办": ("办", "办公室", "办公厅", "办事处"),
        "委": ("委", "委员会"),
        "会": ("会", "委员会"),
        "处": ("处", "办事处"),
        "管委会": ("管委会", "管理委员会"),
        "街道": ("街道", "街道办事处", "街"),
        "镇": ("镇", "镇人民政府"),
        "乡": ("乡", "乡人民政府"),
    }
    return any(s.endswith(fits.get(p, (p,))) for p in found)


def choose(found: Sequence[Candidate], text: str) -> tuple[Candidate | None, bool]:
    """The candidate taken as the name, and whether the candidates left it in doubt."""
    if not found:
        return None, False
    # Every pair of candidates may be compared: each name's key is worked out once.
    simple = {x.name: simplify(x.name) for x in found}
    keys = {name: _key_of(s) for name, s in simple.items()}
    firm = [x for x in found if x.strength >= 2]
    if not firm:
        # The body's own words (the contact line, the opening) name it when they agree and
        # its pronoun fits; a portal's short 来源 field alone never does.
        own = [x for x in found if x.source in ("contact", "opening")]
        if (
            own
            and len(own) == len(found)
            and all(_same_key(keys[a.name], keys[b.name]) for a in own for b in own)
            and _pronoun_fits(own[0].name, text)
        ):
            return max(own, key=lambda x: (len(x.name), x.location is not None)), False
        return None, True
    # The comparison is symmetric, and a key is always the same body as itself: each pair of
    # distinct keys is compared once.
    firm_keys = list(dict.fromkeys(keys[f.name] for f in firm))
    if any(not _same_key(a, b) for i, a in enumerate(firm_keys) for b in firm_keys[i + 1 :]):
        return None, True
    if not any(x.strength == 3 for x in firm) and not _pronoun_fits(firm[0].name, text):
        return None, True
    agrees = {k: all(_same_key(k, f) for f in firm_keys) for k in keys.values()}
    agreeing = [x for x in found if agrees[keys[x.name]]]
    best = max(agreeing, key=lambda x: (len(x.name), x.strength, x.location is not None))
    # A government's report signed by its office (「XX县人民政府」 / 「XX县人民政府办公室」) is
    # the government's: the title's form is kept.
    titled = [x for x in agreeing if x.source == "title"]
    if (
        titled
        and best.source != "title"
        and _OFFICE.sub("", simple[best.name]) == simple[titled[0].name]
    ):
        return titled[0], False
    return best, False


def agency(
    c: Collector,
    explicit: Explicit,
    page: Page,
    title_name: tuple[str, Location | None] | None,
    signature_name: str | None,
    narrative: Sequence[Item] = (),
) -> RawAgency:
    """``/agency``, with a finding when the name is missing, in doubt or looks like spam."""
    name: str | None = None
    if "/agency/name" in explicit:
        raw, loc = explicit["/agency/name"]
        name = raw.strip()
        c.source("/agency/name", raw, loc)
        if looks_spam(name):
            _spam(c, name)
    else:
        found = candidates(c, page, title_name, signature_name, narrative)
        text = "\n".join(i.text for i in narrative[:40])
        chosen, doubt = choose(found, text)
        if chosen is not None:
            name = chosen.name
            if chosen.location is not None:
                c.source("/agency/name", chosen.name, chosen.location)
        elif doubt:
            names = list(dict.fromkeys(x.name for x in found))
            zh = "、".join(f"{x.name}（{_SOURCES[x.source][0]}）" for x in found)
            en = ", ".join(f"{x.name} ({_SOURCES[x.source][1]})" for x in found)
            c.note(
                "parse.agency.ambiguous",
                "/agency/name",
                actual=names,
                candidates=Bilingual(zh, en),
            )
            name = ""
    if name is None:
        name = ""
        c.note("parse.agency.missing", "/agency/name")
    # Level and kind are read from the same simplified name.
    folded = simplify(name).strip() if name else ""
    level = _choice(c, explicit, "level", folded, _level)
    kind = _choice(c, explicit, "kind", folded, _kind)
    code = explicit_text(c, explicit, "/agency/division_code")
    if code is not None and not _DIVISION_CODE.fullmatch(code):
        c.note("parse.agency.division-code", "/agency/division_code", actual=code, code=code)
        code = None
    return {"name": name, "level": level, "kind": kind, "division_code": code}


_DIVISION_CODE = re.compile(r"[0-9]{6}([0-9]{3}|[0-9]{6})?")


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
