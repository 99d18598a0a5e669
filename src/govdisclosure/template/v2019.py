"""The 2019 trial format (国办公开办函〔2019〕60号), for the reports on 2019 and 2020.

Declares the labels only this version prints and its :data:`TEMPLATE`: its notice, its years,
the classes it puts in the model's version-dependent slots, and its table layouts.
"""

from __future__ import annotations

from .common import (
    AMOUNT,
    ART20_1,
    ART20_5,
    ART20_9,
    COUNT,
    SIGNED_COUNT,
    TABLES,
    UNIT_MATTERS,
    UNIT_PIECES,
    UNIT_YUAN,
    Column,
    Label,
    Node,
)
from .registry import Template

__all__ = [
    "CHANGE",
    "DECISIONS_2019",
    "MADE",
    "NOTICE_2019",
    "PREVIOUS_ITEMS",
    "PROCUREMENT_AMOUNT",
    "PROJECTS",
    "PUBLISHED",
    "ROW_NORMATIVE_2019",
    "ROW_OTHER_HANDLING_2019",
    "ROW_OTHER_SERVICES",
    "ROW_PROCUREMENT",
    "TEMPLATE",
    "TOTAL_PUBLISHED",
]

NOTICE_2019 = "国办公开办函〔2019〕60号"

# -- Table 二 ---------------------------------------------------------------------------------

MADE = Column(Label("本年新制作数量", "Newly made this year"), COUNT, UNIT_PIECES)
PUBLISHED = Column(Label("本年新公开数量", "Newly disclosed this year"), COUNT, UNIT_PIECES)
TOTAL_PUBLISHED = Column(Label("对外公开总数量", "Total disclosed externally"), COUNT, UNIT_PIECES)
PREVIOUS_ITEMS = Column(Label("上一年项目数量", "Number of matters last year"), COUNT, UNIT_MATTERS)
CHANGE = Column(
    Label("本年增/减", "Net increase or decrease this year"), SIGNED_COUNT, UNIT_MATTERS
)
DECISIONS_2019 = Column(Label("处理决定数量", "Number of decisions"), COUNT, UNIT_PIECES)
PROJECTS = Column(
    Label("采购项目数量", "Number of procurement projects"), COUNT, Label("个", "projects")
)
PROCUREMENT_AMOUNT = Column(
    Label("采购总金额", "Total procurement amount"),
    AMOUNT,
    UNIT_YUAN,
)

ROW_NORMATIVE_2019 = Node(Label("规范性文件", "Normative documents"), groups=(ART20_1,))
ROW_OTHER_SERVICES = Node(
    Label("其他对外管理服务事项", "Other external administrative-service matters"),
    groups=(ART20_5,),
)
ROW_PROCUREMENT = Node(
    Label("政府集中采购", "Government centralised procurement"), groups=(ART20_9,)
)


# -- Table 三 ---------------------------------------------------------------------------------

#: （六）其他处理 in the 2019 format: a single row with values.
ROW_OTHER_HANDLING_2019 = Node(Label("（六）其他处理", "(6) Other handling"))

#: The 2019 trial format.
TEMPLATE = Template(
    "2019",
    NOTICE_2019,
    2019,
    2020,
    label=Label(f"2019年试行格式（{NOTICE_2019}）", "2019 trial format"),
    classes={
        "proactive_disclosure": "ProactiveDisclosure2019",
        "other_handling": "ApplicantCounts",
    },
    tables=TABLES,
)
