"""The 2021 format (国办公开办函〔2021〕30号), for the reports on 2021 and later.

Declares the labels only this version prints and its :data:`TEMPLATE`: its notice, its years,
the classes it puts in the model's version-dependent slots, and its table layouts.
"""

from __future__ import annotations

from .common import (
    AMOUNT,
    ART20_1,
    COUNT,
    TABLES,
    UNIT_PIECES,
    UNIT_WAN_YUAN,
    Column,
    Label,
    Node,
)
from .registry import Template

__all__ = [
    "DECISIONS",
    "FEE_AMOUNT",
    "IN_FORCE",
    "ISSUED",
    "NOTICE_2021",
    "REPEALED",
    "ROW_FEE_UNPAID",
    "ROW_NORMATIVE_2021",
    "ROW_NOT_SUPPLEMENTED",
    "ROW_OTHER_HANDLING_2021",
    "ROW_OTHER_OTHER",
    "TEMPLATE",
]

NOTICE_2021 = "国办公开办函〔2021〕30号"

# -- Table 二 ---------------------------------------------------------------------------------

ISSUED = Column(Label("本年制发件数", "Number issued this year"), COUNT, UNIT_PIECES)
REPEALED = Column(Label("本年废止件数", "Number repealed this year"), COUNT, UNIT_PIECES)
IN_FORCE = Column(Label("现行有效件数", "Number currently in force"), COUNT, UNIT_PIECES)
DECISIONS = Column(
    Label("本年处理决定数量", "Number of decisions made this year"), COUNT, UNIT_PIECES
)
FEE_AMOUNT = Column(
    Label("本年收费金额（单位：万元）", "Amount of fees charged this year (unit: 10,000 yuan)"),
    AMOUNT,
    UNIT_WAN_YUAN,
)

ROW_NORMATIVE_2021 = Node(
    Label("行政规范性文件", "Administrative normative documents"), groups=(ART20_1,)
)

# -- Table 三 ---------------------------------------------------------------------------------

#: （六）其他处理 in the 2021 format: a group of three rows.
ROW_OTHER_HANDLING_2021 = Node(Label("（六）其他处理", "(6) Other handling"), group_only=True)
ROW_NOT_SUPPLEMENTED = Node(
    Label(
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "1. The applicant failed without justification to supplement the request in time, "
        "so the agency stopped processing it",
    )
)
ROW_FEE_UNPAID = Node(
    Label(
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "2. The applicant did not pay per the fee notice in time, so the agency stopped "
        "processing it",
    )
)
ROW_OTHER_OTHER = Node(Label("3.其他", "3. Other"))

#: The 2021 format.
TEMPLATE = Template(
    "2021",
    NOTICE_2021,
    2021,
    label=Label(f"2021年格式（{NOTICE_2021}）", "2021 format"),
    classes={"proactive_disclosure": "ProactiveDisclosure", "other_handling": "OtherHandling"},
    tables=TABLES,
)
