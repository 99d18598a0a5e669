"""The national report format, declared once as data.

Every label below is quoted exactly from the national format (国办公开办函〔2021〕30号 and the
2019 trial format 国办公开办函〔2019〕60号), as recorded in the project's specification. The model
(:mod:`govdisclosure.model`) attaches these declarations to its fields, and the JSON Schema, the
field catalogue, the documentation, the rules, the parsers and the renderers all read them from
there. Nothing else in the library spells an official label.
"""

from __future__ import annotations

from typing import Literal

import attrs

__all__ = [
    "AMOUNT",
    "COUNT",
    "SIGNED_COUNT",
    "TEMPLATES",
    "VERSIONS",
    "CellKind",
    "Column",
    "Doc",
    "Label",
    "Node",
    "TableDoc",
    "Template",
    "Version",
    "latest",
    "version_for_year",
]

#: A template version: the 2019 trial format or the 2021 format.
Version = Literal["2019", "2021"]
#: All template versions, oldest first.
VERSIONS: tuple[Version, ...] = ("2019", "2021")

#: How a table cell's value is typed.
CellKind = Literal["count", "signed_count", "amount"]
COUNT: CellKind = "count"
SIGNED_COUNT: CellKind = "signed_count"
AMOUNT: CellKind = "amount"


@attrs.frozen
class Label:
    """A label in Chinese (as the format prints it) and in English."""

    zh: str
    en: str


@attrs.frozen
class Doc:
    """The documentation of a narrative field: its labels and a description."""

    label: Label
    description: str


@attrs.frozen
class Column:
    """A numeric column of a table: the leaf header a cell sits under.

    ``groups`` are the spanning header cells above the leaf header, outermost first.
    """

    label: Label
    kind: CellKind
    unit: Label
    groups: tuple[Label, ...] = ()


@attrs.frozen
class Node:
    """A row, a group of rows or a column group inside a table.

    ``axis`` says whether the label is printed at the left (``"row"``) or in the header
    (``"column"``). ``groups`` are spanning labels that the model has no object for, such as
    the block title 「第二十条第（一）项」 above a row of table 二.
    """

    label: Label
    axis: Literal["row", "column"] = "row"
    groups: tuple[Label, ...] = ()
    #: True when the node is a label only: the format prints no values on its own row.
    group_only: bool = False


@attrs.frozen
class TableDoc:
    """One of the three tables: its section number, its heading and its citation."""

    number: str
    label: Label
    citation: str


def _l(zh: str, en: str) -> Label:
    return Label(zh, en)


# -- Section headings -------------------------------------------------------------------------

SECTION_OVERVIEW = _l("一、总体情况", "I. Overall situation")
SECTION_PROACTIVE = _l(
    "二、主动公开政府信息情况", "II. Proactive disclosure of government information"
)
SECTION_APPLICATIONS = _l(
    "三、收到和处理政府信息公开申请情况",
    "III. Receipt and handling of requests for disclosure of government information",
)
SECTION_REVIEW = _l(
    "四、政府信息公开行政复议、行政诉讼情况",
    "IV. Administrative reconsideration and administrative litigation concerning "
    "government information disclosure",
)
SECTION_ISSUES = _l("五、存在的主要问题及改进情况", "V. Main problems and improvements")
SECTION_OTHER = _l("六、其他需要报告的事项", "VI. Other matters to be reported")

#: The six section headings in order.
SECTIONS: tuple[Label, ...] = (
    SECTION_OVERVIEW,
    SECTION_PROACTIVE,
    SECTION_APPLICATIONS,
    SECTION_REVIEW,
    SECTION_ISSUES,
    SECTION_OTHER,
)

NOTICE_2021 = "国办公开办函〔2021〕30号"
NOTICE_2019 = "国办公开办函〔2019〕60号"


@attrs.frozen
class Template:
    """One version of the national format: the notice that issued it and the years it covers."""

    version: str
    notice: str
    #: The first reporting year the version applies to.
    first_year: int
    #: The last reporting year it applies to; ``None`` while it is current.
    last_year: int | None = None

    def covers(self, year: int) -> bool:
        """True when a report for ``year`` uses this version."""
        return self.first_year <= year and (self.last_year is None or year <= self.last_year)


#: Every template version, oldest first, by its version string.
TEMPLATES: dict[str, Template] = {
    "2019": Template("2019", NOTICE_2019, 2019, 2020),
    "2021": Template("2021", NOTICE_2021, 2021),
}

#: The notice that issued each template version.
NOTICES: dict[Version, str] = {v: tpl.notice for v, tpl in TEMPLATES.items()}  # type: ignore[misc]  # registry keys are the Version literals


def version_for_year(year: int) -> Version | None:
    """The template version a report for ``year`` follows; ``None`` before the first one."""
    for v, tpl in TEMPLATES.items():
        if tpl.covers(year):
            return v  # type: ignore[return-value]  # registry keys are the Version literals
    return None


def latest() -> Template:
    """The current template version."""
    return list(TEMPLATES.values())[-1]


TABLE_PROACTIVE = TableDoc("二", SECTION_PROACTIVE, "主动公开政府信息情况")
TABLE_APPLICATIONS = TableDoc("三", SECTION_APPLICATIONS, "收到和处理政府信息公开申请情况")
TABLE_REVIEW = TableDoc("四", SECTION_REVIEW, "政府信息公开行政复议、行政诉讼情况")

# -- Units ------------------------------------------------------------------------------------

UNIT_PIECES = _l("件", "items")
UNIT_REQUESTS = _l("件", "requests")
UNIT_CASES = _l("件", "cases")
UNIT_MATTERS = _l("项", "matters")
UNIT_WAN_YUAN = _l("万元", "10,000 yuan")
UNIT_YUAN = _l("元", "yuan")

# -- Table 二, 2021 ---------------------------------------------------------------------------

INFO_CONTENT = _l("信息内容", "Information item")
ART20_1 = _l("第二十条第（一）项", "Article 20(1)")
ART20_5 = _l("第二十条第（五）项", "Article 20(5)")
ART20_6 = _l("第二十条第（六）项", "Article 20(6)")
ART20_8 = _l("第二十条第（八）项", "Article 20(8)")
ART20_9 = _l("第二十条第（九）项", "Article 20(9)")

ISSUED = Column(_l("本年制发件数", "Number issued this year"), COUNT, UNIT_PIECES)
REPEALED = Column(_l("本年废止件数", "Number repealed this year"), COUNT, UNIT_PIECES)
IN_FORCE = Column(_l("现行有效件数", "Number currently in force"), COUNT, UNIT_PIECES)
DECISIONS = Column(_l("本年处理决定数量", "Number of decisions made this year"), COUNT, UNIT_PIECES)
FEE_AMOUNT = Column(
    _l("本年收费金额（单位：万元）", "Amount of fees charged this year (unit: 10,000 yuan)"),
    AMOUNT,
    UNIT_WAN_YUAN,
)

ROW_REGULATIONS = Node(_l("规章", "Rules (regulations)"), groups=(ART20_1,))
ROW_NORMATIVE_2021 = Node(
    _l("行政规范性文件", "Administrative normative documents"), groups=(ART20_1,)
)
ROW_LICENSING = Node(_l("行政许可", "Administrative licensing"), groups=(ART20_5,))
ROW_PENALTY = Node(_l("行政处罚", "Administrative penalties"), groups=(ART20_6,))
ROW_COERCION = Node(_l("行政强制", "Administrative coercive measures"), groups=(ART20_6,))
ROW_FEES = Node(_l("行政事业性收费", "Administrative and institutional fees"), groups=(ART20_8,))

# -- Table 二, 2019 ---------------------------------------------------------------------------

MADE = Column(_l("本年新制作数量", "Newly made this year"), COUNT, UNIT_PIECES)
PUBLISHED = Column(_l("本年新公开数量", "Newly disclosed this year"), COUNT, UNIT_PIECES)
TOTAL_PUBLISHED = Column(_l("对外公开总数量", "Total disclosed externally"), COUNT, UNIT_PIECES)
PREVIOUS_ITEMS = Column(_l("上一年项目数量", "Number of matters last year"), COUNT, UNIT_MATTERS)
CHANGE = Column(_l("本年增/减", "Net increase or decrease this year"), SIGNED_COUNT, UNIT_MATTERS)
DECISIONS_2019 = Column(_l("处理决定数量", "Number of decisions"), COUNT, UNIT_PIECES)
PROJECTS = Column(_l("采购项目数量", "Number of procurement projects"), COUNT, _l("个", "projects"))
PROCUREMENT_AMOUNT = Column(
    _l("采购总金额", "Total procurement amount"),
    AMOUNT,
    UNIT_YUAN,
)

ROW_NORMATIVE_2019 = Node(_l("规范性文件", "Normative documents"), groups=(ART20_1,))
ROW_OTHER_SERVICES = Node(
    _l("其他对外管理服务事项", "Other external administrative-service matters"), groups=(ART20_5,)
)
ROW_PROCUREMENT = Node(_l("政府集中采购", "Government centralised procurement"), groups=(ART20_9,))

# -- Table 三 -------------------------------------------------------------------------------

#: The header note in the top-left cell of table 三.
APPLICATIONS_NOTE = _l(
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
    "(Reconciliation relation for the data in each column: item 一 plus item 二 equals "
    "item 三 plus item 四.)",
)
APPLICANTS = _l("申请人情况", "Applicants")
LEGAL_PERSONS = _l("法人或其他组织", "Legal persons or other organisations")

NATURAL_PERSON = Column(_l("自然人", "Natural persons"), COUNT, UNIT_REQUESTS, (APPLICANTS,))
COMMERCIAL = Column(
    _l("商业企业", "Commercial enterprises"), COUNT, UNIT_REQUESTS, (APPLICANTS, LEGAL_PERSONS)
)
RESEARCH = Column(
    _l("科研机构", "Research institutions"), COUNT, UNIT_REQUESTS, (APPLICANTS, LEGAL_PERSONS)
)
SOCIAL_WELFARE = Column(
    _l("社会公益组织", "Public-welfare organisations"),
    COUNT,
    UNIT_REQUESTS,
    (APPLICANTS, LEGAL_PERSONS),
)
LEGAL_SERVICE = Column(
    _l("法律服务机构", "Legal-service institutions"),
    COUNT,
    UNIT_REQUESTS,
    (APPLICANTS, LEGAL_PERSONS),
)
OTHER_APPLICANT = Column(_l("其他", "Other"), COUNT, UNIT_REQUESTS, (APPLICANTS, LEGAL_PERSONS))
APPLICANT_TOTAL = Column(_l("总计", "Total"), COUNT, UNIT_REQUESTS, (APPLICANTS,))

ROW_NEW = Node(
    _l("一、本年新收政府信息公开申请数量", "I. New disclosure requests received this year")
)
ROW_CARRIED_OVER = Node(
    _l("二、上年结转政府信息公开申请数量", "II. Requests carried over from the previous year")
)
ROW_OUTCOMES = Node(_l("三、本年度办理结果", "III. Outcomes this year"), group_only=True)
ROW_DISCLOSED = Node(_l("（一）予以公开", "(1) Disclosed"))
ROW_PARTIAL = Node(
    _l(
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        "(2) Partially disclosed (where severance was applied, count only under this item, "
        "not under any other)",
    )
)
ROW_WITHHELD = Node(_l("（三）不予公开", "(3) Not disclosed"), group_only=True)
ROW_STATE_SECRET = Node(_l("1.属于国家秘密", "1. State secret"))
ROW_PROHIBITED = Node(
    _l(
        "2.其他法律行政法规禁止公开",
        "2. Disclosure prohibited by other laws or administrative regulations",
    )
)
ROW_SECURITY = Node(
    _l(
        "3.危及“三安全一稳定”",
        "3. Would endanger the \u201cthree securities and one stability\u201d",
    )
)
ROW_THIRD_PARTY = Node(
    _l("4.保护第三方合法权益", "4. To protect the lawful rights and interests of third parties")
)
ROW_INTERNAL = Node(
    _l("5.属于三类内部事务信息", "5. One of the three kinds of internal-affairs information")
)
ROW_PROCESS = Node(_l("6.属于四类过程性信息", "6. One of the four kinds of process information"))
ROW_ENFORCEMENT = Node(_l("7.属于行政执法案卷", "7. Administrative law-enforcement case files"))
ROW_INQUIRY = Node(_l("8.属于行政查询事项", "8. An administrative inquiry matter"))
ROW_UNAVAILABLE = Node(_l("（四）无法提供", "(4) Cannot be provided"), group_only=True)
ROW_NOT_HELD = Node(
    _l("1.本机关不掌握相关政府信息", "1. This agency does not hold the information")
)
ROW_NEEDS_CREATION = Node(
    _l(
        "2.没有现成信息需要另行制作",
        "2. No existing information; it would have to be newly produced",
    )
)
ROW_STILL_UNCLEAR = Node(
    _l("3.补正后申请内容仍不明确", "3. The request is still unclear after supplementation")
)
ROW_NOT_PROCESSED = Node(_l("（五）不予处理", "(5) Not processed"), group_only=True)
ROW_PETITION = Node(
    _l("1.信访举报投诉类申请", "1. Petition, report or complaint disguised as a request")
)
ROW_REPEATED = Node(_l("2.重复申请", "2. Repeat request"))
ROW_PUBLICATIONS = Node(_l("3.要求提供公开出版物", "3. Request for public publications"))
ROW_EXCESSIVE = Node(
    _l("4.无正当理由大量反复申请", "4. Large-volume repeated requests without justification")
)
ROW_CONFIRMATION = Node(
    _l(
        "5.要求行政机关确认或重新出具已获取信息",
        "5. Request that the agency confirm or re-issue information already obtained",
    )
)
#: （六）其他处理 in the 2019 format: a single row with values.
ROW_OTHER_HANDLING_2019 = Node(_l("（六）其他处理", "(6) Other handling"))
#: （六）其他处理 in the 2021 format: a group of three rows.
ROW_OTHER_HANDLING_2021 = Node(_l("（六）其他处理", "(6) Other handling"), group_only=True)
ROW_NOT_SUPPLEMENTED = Node(
    _l(
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "1. The applicant failed without justification to supplement the request in time, "
        "so the agency stopped processing it",
    )
)
ROW_FEE_UNPAID = Node(
    _l(
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "2. The applicant did not pay per the fee notice in time, so the agency stopped "
        "processing it",
    )
)
ROW_OTHER_OTHER = Node(_l("3.其他", "3. Other"))
ROW_OUTCOME_TOTAL = Node(_l("（七）总计", "(7) Total"))
ROW_CARRIED_FORWARD = Node(_l("四、结转下年度继续办理", "IV. Carried over to continue next year"))

# -- Table 四 -------------------------------------------------------------------------------

REVIEW = _l("行政复议", "Administrative reconsideration")
LITIGATION = _l("行政诉讼", "Administrative litigation")
GROUP_REVIEW = Node(REVIEW, axis="column")
GROUP_DIRECT_SUIT = Node(
    _l("未经复议直接起诉", "Sued directly without reconsideration"),
    axis="column",
    groups=(LITIGATION,),
)
GROUP_SUIT_AFTER_REVIEW = Node(
    _l("复议后起诉", "Sued after reconsideration"), axis="column", groups=(LITIGATION,)
)
UPHELD = Column(_l("结果维持", "Outcome upheld"), COUNT, UNIT_CASES)
CORRECTED = Column(_l("结果纠正", "Outcome corrected"), COUNT, UNIT_CASES)
OTHER_RESULT = Column(_l("其他结果", "Other outcome"), COUNT, UNIT_CASES)
PENDING = Column(_l("尚未审结", "Not yet concluded"), COUNT, UNIT_CASES)
CASE_TOTAL = Column(_l("总计", "Total"), COUNT, UNIT_CASES)

# -- Section 六: information-processing fees (《政府信息公开信息处理费管理办法》) -----------------

NOTICES_ISSUED = Column(
    _l("发出收费通知的件数", "Number of fee notices issued"), COUNT, UNIT_PIECES
)
AMOUNT_NOTIFIED = Column(_l("收费通知总金额", "Total amount notified"), AMOUNT, UNIT_YUAN)
AMOUNT_COLLECTED = Column(
    _l("实际收取的总金额", "Total amount actually collected"), AMOUNT, UNIT_YUAN
)
