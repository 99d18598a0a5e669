"""The labels every template version shares, declared once as data.

Every label below is quoted exactly from the national format (国办公开办函〔2021〕30号 and the
2019 trial format 国办公开办函〔2019〕60号), as recorded in the project's specification. Labels
that only one version prints live in that version's module (:mod:`.v2019`, :mod:`.v2021`); all
are re-exported by :mod:`govdisclosure.template`. The model (:mod:`govdisclosure.model`)
attaches these declarations to its fields, and the JSON Schema, the field catalogue, the
documentation, the rules, the parsers and the renderers all read them from there.
"""

from __future__ import annotations

from typing import Literal

import attrs

__all__ = [
    "AMOUNT",
    "AMOUNT_COLLECTED",
    "AMOUNT_NOTIFIED",
    "APPLICANTS",
    "APPLICANT_TOTAL",
    "APPLICATIONS_NOTE",
    "ART20_1",
    "ART20_5",
    "ART20_6",
    "ART20_8",
    "ART20_9",
    "CASE_TOTAL",
    "COMMERCIAL",
    "CORRECTED",
    "COUNT",
    "GROUP_DIRECT_SUIT",
    "GROUP_REVIEW",
    "GROUP_SUIT_AFTER_REVIEW",
    "INFO_CONTENT",
    "LEGAL_PERSONS",
    "LEGAL_SERVICE",
    "LITIGATION",
    "NATURAL_PERSON",
    "NOTICES_ISSUED",
    "OTHER_APPLICANT",
    "OTHER_RESULT",
    "PENDING",
    "RESEARCH",
    "REVIEW",
    "ROW_CARRIED_FORWARD",
    "ROW_CARRIED_OVER",
    "ROW_COERCION",
    "ROW_CONFIRMATION",
    "ROW_DISCLOSED",
    "ROW_ENFORCEMENT",
    "ROW_EXCESSIVE",
    "ROW_FEES",
    "ROW_INQUIRY",
    "ROW_INTERNAL",
    "ROW_LICENSING",
    "ROW_NEEDS_CREATION",
    "ROW_NEW",
    "ROW_NOT_HELD",
    "ROW_NOT_PROCESSED",
    "ROW_OUTCOMES",
    "ROW_OUTCOME_TOTAL",
    "ROW_PARTIAL",
    "ROW_PENALTY",
    "ROW_PETITION",
    "ROW_PROCESS",
    "ROW_PROHIBITED",
    "ROW_PUBLICATIONS",
    "ROW_REGULATIONS",
    "ROW_REPEATED",
    "ROW_SECURITY",
    "ROW_STATE_SECRET",
    "ROW_STILL_UNCLEAR",
    "ROW_THIRD_PARTY",
    "ROW_UNAVAILABLE",
    "ROW_WITHHELD",
    "SECTIONS",
    "SECTION_APPLICATIONS",
    "SECTION_ISSUES",
    "SECTION_OTHER",
    "SECTION_OVERVIEW",
    "SECTION_PROACTIVE",
    "SECTION_REVIEW",
    "SIGNED_COUNT",
    "SOCIAL_WELFARE",
    "TABLES",
    "TABLE_APPLICATIONS",
    "TABLE_PROACTIVE",
    "TABLE_REVIEW",
    "UNIT_CASES",
    "UNIT_MATTERS",
    "UNIT_PIECES",
    "UNIT_REQUESTS",
    "UNIT_WAN_YUAN",
    "UNIT_YUAN",
    "UPHELD",
    "CellKind",
    "Column",
    "Doc",
    "Label",
    "LayoutStyle",
    "Node",
    "TableDoc",
    "TableLayout",
]

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


#: How the renderer lays a table out: row blocks under spanning titles (table 二), a tree of
#: nested rows under a multi-level column header (table 三), or header columns over one row of
#: values (table 四).
LayoutStyle = Literal["blocks", "tree", "columns"]


@attrs.frozen
class TableLayout:
    """Where a table sits in the report and how it is printed.

    ``field`` is the :class:`~govdisclosure.model.Report` attribute that holds the table; the
    rows, their nesting and the columns are those of the class the template puts there.
    ``label_columns`` is how many grid columns the row labels take, ``width`` (when set) the
    table's width in grid columns.
    """

    table: TableDoc
    field: str
    style: LayoutStyle
    label_columns: int = 1
    width: int | None = None


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

TABLE_PROACTIVE = TableDoc("二", SECTION_PROACTIVE, "主动公开政府信息情况")
TABLE_APPLICATIONS = TableDoc("三", SECTION_APPLICATIONS, "收到和处理政府信息公开申请情况")
TABLE_REVIEW = TableDoc("四", SECTION_REVIEW, "政府信息公开行政复议、行政诉讼情况")

#: The layouts of the three tables, in print order, as both versions print them.
TABLES: tuple[TableLayout, ...] = (
    TableLayout(TABLE_PROACTIVE, "proactive_disclosure", "blocks", label_columns=1, width=4),
    TableLayout(TABLE_APPLICATIONS, "applications", "tree", label_columns=3),
    TableLayout(TABLE_REVIEW, "review_litigation", "columns", label_columns=0),
)

# -- Units ------------------------------------------------------------------------------------

UNIT_PIECES = _l("件", "items")
UNIT_REQUESTS = _l("件", "requests")
UNIT_CASES = _l("件", "cases")
UNIT_MATTERS = _l("项", "matters")
UNIT_WAN_YUAN = _l("万元", "10,000 yuan")
UNIT_YUAN = _l("元", "yuan")

# -- Table 二: the rows both versions share ---------------------------------------------------

INFO_CONTENT = _l("信息内容", "Information item")
ART20_1 = _l("第二十条第（一）项", "Article 20(1)")
ART20_5 = _l("第二十条第（五）项", "Article 20(5)")
ART20_6 = _l("第二十条第（六）项", "Article 20(6)")
ART20_8 = _l("第二十条第（八）项", "Article 20(8)")
ART20_9 = _l("第二十条第（九）项", "Article 20(9)")

ROW_REGULATIONS = Node(_l("规章", "Rules (regulations)"), groups=(ART20_1,))
ROW_LICENSING = Node(_l("行政许可", "Administrative licensing"), groups=(ART20_5,))
ROW_PENALTY = Node(_l("行政处罚", "Administrative penalties"), groups=(ART20_6,))
ROW_COERCION = Node(_l("行政强制", "Administrative coercive measures"), groups=(ART20_6,))
ROW_FEES = Node(_l("行政事业性收费", "Administrative and institutional fees"), groups=(ART20_8,))

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
