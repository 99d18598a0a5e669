"""The typed report model.

Each class is a mutable, slotted attrs class with keyword-only arguments. Every field carries a
:class:`FieldSpec` in its metadata (under :data:`SPEC_KEY`) that ties it to the template
declaration in :mod:`govdisclosure.template`; the serializers, the JSON Schema, the catalogue and
the strategies are all generated from those specs.

``None`` always means "not reported". A table that a report does not contain at all is ``None``
too, and a blank cell inside a table is ``None``, never ``0``.
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal
from typing import Any, Literal

import attrs

from . import template as t
from .template import Column, Doc, Label, Node, TableDoc, Version

__all__ = [
    "SPEC_KEY",
    "Agency",
    "AgencyKind",
    "AgencyLevel",
    "ApplicantCounts",
    "ApplicationStats",
    "CaseOutcomes",
    "Contact",
    "DecisionCount",
    "DocumentCounts",
    "DocumentCounts2019",
    "FeeAmount",
    "FeeItems2019",
    "FieldSpec",
    "InfoProcessingFees",
    "Issues",
    "ItemCounts2019",
    "NotDisclosed",
    "NotProcessed",
    "OtherHandling",
    "OtherMatters",
    "Outcomes",
    "Overview",
    "Period",
    "ProactiveDisclosure",
    "ProactiveDisclosure2019",
    "Procurement2019",
    "Report",
    "ReviewLitigation",
    "Source",
    "Subsection",
    "Unavailable",
]

#: The metadata key under which every model field keeps its :class:`FieldSpec`.
SPEC_KEY = "govdisclosure"

FieldKind = Literal[
    "count",
    "signed_count",
    "amount",
    "text",
    "date",
    "year",
    "choice",
    "object",
    "text_list",
    "object_list",
    "variant",
]

AgencyLevel = Literal["central", "provincial", "prefectural", "county", "township"]
AgencyKind = Literal["government", "department", "other"]


@attrs.frozen
class FieldSpec:
    """What a model field holds, and how the format labels it.

    Exactly one of ``doc`` (narrative fields), ``column`` (table cells), ``node`` (rows and
    groups inside a table) or ``table`` (the three tables) is set.
    """

    kind: FieldKind
    nullable: bool
    doc: Doc | None = None
    column: Column | None = None
    node: Node | None = None
    table: TableDoc | None = None
    #: The attrs class held by ``object`` and ``object_list`` fields.
    cls: type | None = None
    #: For ``variant`` fields: the template slot (see :class:`~govdisclosure.template.Template`)
    #: whose class each template version puts here.
    slot: str | None = None
    #: For ``choice`` fields: each allowed value and its label (see :attr:`choices`).
    _choices: tuple[tuple[str, Label], ...] = ()
    #: A regular expression that text must match in full.
    pattern: str | None = None
    #: For the ``template_version`` choice: the values are the registered template versions.
    version_choice: bool = False

    @property
    def variants(self) -> tuple[tuple[Version, type], ...]:
        """For ``variant`` fields: the class that each registered template version uses."""
        return t.variants(self.slot) if self.slot is not None else ()

    @property
    def choices(self) -> tuple[tuple[str, Label], ...]:
        """For ``choice`` fields: each allowed value and its label."""
        if self.version_choice:
            return tuple((v, tpl.choice_label()) for v, tpl in t.TEMPLATES.items())
        return self._choices

    @property
    def label(self) -> Label:
        """The field's label, whichever kind of field it is."""
        for part in (self.doc, self.column, self.node, self.table):
            if part is not None:
                return part.label
        raise AssertionError("a FieldSpec always has a label")  # pragma: no cover


def _meta(spec: FieldSpec) -> dict[str, Any]:
    return {SPEC_KEY: spec}


def _cell(column: Column) -> Any:
    return attrs.field(default=None, metadata=_meta(FieldSpec(column.kind, True, column=column)))


def _row(node: Node, cls: type, *, nullable: bool = True) -> Any:
    spec = FieldSpec("object", nullable, node=node, cls=cls)
    if nullable:
        return attrs.field(default=None, metadata=_meta(spec))
    return attrs.field(factory=cls, metadata=_meta(spec))


def _text(zh: str, en: str, description: str, *, pattern: str | None = None) -> Any:
    doc = Doc(Label(zh, en), description)
    return attrs.field(default=None, metadata=_meta(FieldSpec("text", True, doc, pattern=pattern)))


def _required_text(zh: str, en: str, description: str) -> Any:
    return attrs.field(metadata=_meta(FieldSpec("text", False, Doc(Label(zh, en), description))))


def _date(zh: str, en: str, description: str, *, nullable: bool) -> Any:
    spec = FieldSpec("date", nullable, Doc(Label(zh, en), description))
    if nullable:
        return attrs.field(default=None, metadata=_meta(spec))
    return attrs.field(metadata=_meta(spec))


def _texts(zh: str, en: str, description: str) -> Any:
    doc = Doc(Label(zh, en), description)
    return attrs.field(factory=list, metadata=_meta(FieldSpec("text_list", False, doc)))


def _object(zh: str, en: str, description: str, cls: type, *, nullable: bool = True) -> Any:
    spec = FieldSpec("object", nullable, Doc(Label(zh, en), description), cls=cls)
    if nullable:
        return attrs.field(default=None, metadata=_meta(spec))
    return attrs.field(factory=cls, metadata=_meta(spec))


def _choice(
    zh: str, en: str, description: str, choices: tuple[tuple[str, Label], ...], *, nullable: bool
) -> Any:
    spec = FieldSpec("choice", nullable, Doc(Label(zh, en), description), choices=choices)
    if nullable:
        return attrs.field(default=None, metadata=_meta(spec))
    return attrs.field(metadata=_meta(spec))


# -- Table 二 ---------------------------------------------------------------------------------


@attrs.define(kw_only=True)
class DocumentCounts:
    """A row of block 第二十条第（一）项 in the 2021 table 二: rules or normative documents."""

    issued: int | None = _cell(t.ISSUED)
    repealed: int | None = _cell(t.REPEALED)
    in_force: int | None = _cell(t.IN_FORCE)


@attrs.define(kw_only=True)
class DecisionCount:
    """A row of blocks 第二十条第（五）项 and （六）项 in the 2021 table 二."""

    decisions: int | None = _cell(t.DECISIONS)


@attrs.define(kw_only=True)
class FeeAmount:
    """The row 行政事业性收费 in the 2021 table 二, in 万元 (10,000 yuan)."""

    amount: Decimal | None = _cell(t.FEE_AMOUNT)


@attrs.define(kw_only=True)
class ProactiveDisclosure:
    """Table 二 of the 2021 format: 主动公开政府信息情况."""

    regulations: DocumentCounts | None = _row(t.ROW_REGULATIONS, DocumentCounts)
    normative_documents: DocumentCounts | None = _row(t.ROW_NORMATIVE_2021, DocumentCounts)
    licensing: DecisionCount | None = _row(t.ROW_LICENSING, DecisionCount)
    penalty: DecisionCount | None = _row(t.ROW_PENALTY, DecisionCount)
    coercion: DecisionCount | None = _row(t.ROW_COERCION, DecisionCount)
    fees: FeeAmount | None = _row(t.ROW_FEES, FeeAmount)


@attrs.define(kw_only=True)
class DocumentCounts2019:
    """A row of block 第二十条第（一）项 in the 2019 table 二."""

    made: int | None = _cell(t.MADE)
    published: int | None = _cell(t.PUBLISHED)
    total_published: int | None = _cell(t.TOTAL_PUBLISHED)


@attrs.define(kw_only=True)
class ItemCounts2019:
    """A row of blocks 第二十条第（五）项 and （六）项 in the 2019 table 二.

    ``change`` (本年增/减) is signed: a decrease is negative.
    """

    previous_items: int | None = _cell(t.PREVIOUS_ITEMS)
    change: int | None = _cell(t.CHANGE)
    decisions: int | None = _cell(t.DECISIONS_2019)


@attrs.define(kw_only=True)
class FeeItems2019:
    """The row 行政事业性收费 in the 2019 table 二, counted in matters, not money."""

    previous_items: int | None = _cell(t.PREVIOUS_ITEMS)
    change: int | None = _cell(t.CHANGE)


@attrs.define(kw_only=True)
class Procurement2019:
    """The row 政府集中采购 in the 2019 table 二. The amount is normalised to yuan."""

    projects: int | None = _cell(t.PROJECTS)
    amount: Decimal | None = _cell(t.PROCUREMENT_AMOUNT)


@attrs.define(kw_only=True)
class ProactiveDisclosure2019:
    """Table 二 of the 2019 trial format."""

    regulations: DocumentCounts2019 | None = _row(t.ROW_REGULATIONS, DocumentCounts2019)
    normative_documents: DocumentCounts2019 | None = _row(t.ROW_NORMATIVE_2019, DocumentCounts2019)
    licensing: ItemCounts2019 | None = _row(t.ROW_LICENSING, ItemCounts2019)
    other_services: ItemCounts2019 | None = _row(t.ROW_OTHER_SERVICES, ItemCounts2019)
    penalty: ItemCounts2019 | None = _row(t.ROW_PENALTY, ItemCounts2019)
    coercion: ItemCounts2019 | None = _row(t.ROW_COERCION, ItemCounts2019)
    fees: FeeItems2019 | None = _row(t.ROW_FEES, FeeItems2019)
    procurement: Procurement2019 | None = _row(t.ROW_PROCUREMENT, Procurement2019)


# -- Table 三 -------------------------------------------------------------------------------


@attrs.define(kw_only=True)
class ApplicantCounts:
    """One row of table 三: a count per applicant category, and the row's 总计."""

    natural_person: int | None = _cell(t.NATURAL_PERSON)
    commercial_enterprise: int | None = _cell(t.COMMERCIAL)
    research_institution: int | None = _cell(t.RESEARCH)
    social_welfare_org: int | None = _cell(t.SOCIAL_WELFARE)
    legal_service_org: int | None = _cell(t.LEGAL_SERVICE)
    other: int | None = _cell(t.OTHER_APPLICANT)
    total: int | None = _cell(t.APPLICANT_TOTAL)


@attrs.define(kw_only=True)
class NotDisclosed:
    """The eight rows under （三）不予公开."""

    state_secret: ApplicantCounts | None = _row(t.ROW_STATE_SECRET, ApplicantCounts)
    prohibited_by_law: ApplicantCounts | None = _row(t.ROW_PROHIBITED, ApplicantCounts)
    security_stability: ApplicantCounts | None = _row(t.ROW_SECURITY, ApplicantCounts)
    third_party_rights: ApplicantCounts | None = _row(t.ROW_THIRD_PARTY, ApplicantCounts)
    internal_affairs: ApplicantCounts | None = _row(t.ROW_INTERNAL, ApplicantCounts)
    process_information: ApplicantCounts | None = _row(t.ROW_PROCESS, ApplicantCounts)
    enforcement_case_files: ApplicantCounts | None = _row(t.ROW_ENFORCEMENT, ApplicantCounts)
    administrative_inquiry: ApplicantCounts | None = _row(t.ROW_INQUIRY, ApplicantCounts)


@attrs.define(kw_only=True)
class Unavailable:
    """The three rows under （四）无法提供."""

    not_held: ApplicantCounts | None = _row(t.ROW_NOT_HELD, ApplicantCounts)
    needs_creation: ApplicantCounts | None = _row(t.ROW_NEEDS_CREATION, ApplicantCounts)
    still_unclear: ApplicantCounts | None = _row(t.ROW_STILL_UNCLEAR, ApplicantCounts)


@attrs.define(kw_only=True)
class NotProcessed:
    """The five rows under （五）不予处理."""

    petition_complaint: ApplicantCounts | None = _row(t.ROW_PETITION, ApplicantCounts)
    repeated: ApplicantCounts | None = _row(t.ROW_REPEATED, ApplicantCounts)
    publications: ApplicantCounts | None = _row(t.ROW_PUBLICATIONS, ApplicantCounts)
    excessive: ApplicantCounts | None = _row(t.ROW_EXCESSIVE, ApplicantCounts)
    confirmation: ApplicantCounts | None = _row(t.ROW_CONFIRMATION, ApplicantCounts)


@attrs.define(kw_only=True)
class OtherHandling:
    """The three rows under （六）其他处理, new in the 2021 format."""

    not_supplemented: ApplicantCounts | None = _row(t.ROW_NOT_SUPPLEMENTED, ApplicantCounts)
    fee_unpaid: ApplicantCounts | None = _row(t.ROW_FEE_UNPAID, ApplicantCounts)
    other: ApplicantCounts | None = _row(t.ROW_OTHER_OTHER, ApplicantCounts)


_OTHER_HANDLING_SPEC = FieldSpec(
    "variant",
    True,
    node=t.ROW_OTHER_HANDLING_2021,
    slot="other_handling",
)


@attrs.define(kw_only=True)
class Outcomes:
    """三、本年度办理结果: the outcome rows of table 三.

    ``other_handling`` is a single :class:`ApplicantCounts` row in the 2019 format and an
    :class:`OtherHandling` group of three rows in the 2021 format.
    """

    disclosed: ApplicantCounts | None = _row(t.ROW_DISCLOSED, ApplicantCounts)
    partially_disclosed: ApplicantCounts | None = _row(t.ROW_PARTIAL, ApplicantCounts)
    not_disclosed: NotDisclosed = _row(t.ROW_WITHHELD, NotDisclosed, nullable=False)
    unavailable: Unavailable = _row(t.ROW_UNAVAILABLE, Unavailable, nullable=False)
    not_processed: NotProcessed = _row(t.ROW_NOT_PROCESSED, NotProcessed, nullable=False)
    other_handling: ApplicantCounts | OtherHandling | None = attrs.field(
        default=None, metadata=_meta(_OTHER_HANDLING_SPEC)
    )
    total: ApplicantCounts | None = _row(t.ROW_OUTCOME_TOTAL, ApplicantCounts)


@attrs.define(kw_only=True)
class ApplicationStats:
    """Table 三: 收到和处理政府信息公开申请情况."""

    new_requests: ApplicantCounts | None = _row(t.ROW_NEW, ApplicantCounts)
    carried_over: ApplicantCounts | None = _row(t.ROW_CARRIED_OVER, ApplicantCounts)
    outcomes: Outcomes = _row(t.ROW_OUTCOMES, Outcomes, nullable=False)
    carried_forward: ApplicantCounts | None = _row(t.ROW_CARRIED_FORWARD, ApplicantCounts)


# -- Table 四 -------------------------------------------------------------------------------


@attrs.define(kw_only=True)
class CaseOutcomes:
    """One group of table 四: reconsideration, or one kind of lawsuit."""

    upheld: int | None = _cell(t.UPHELD)
    corrected: int | None = _cell(t.CORRECTED)
    other: int | None = _cell(t.OTHER_RESULT)
    pending: int | None = _cell(t.PENDING)
    total: int | None = _cell(t.CASE_TOTAL)


@attrs.define(kw_only=True)
class ReviewLitigation:
    """Table 四: 政府信息公开行政复议、行政诉讼情况."""

    review: CaseOutcomes | None = _row(t.GROUP_REVIEW, CaseOutcomes)
    direct_suit: CaseOutcomes | None = _row(t.GROUP_DIRECT_SUIT, CaseOutcomes)
    suit_after_review: CaseOutcomes | None = _row(t.GROUP_SUIT_AFTER_REVIEW, CaseOutcomes)


# -- Narrative parts --------------------------------------------------------------------------

_LEVELS: tuple[tuple[str, Label], ...] = (
    ("central", Label("中央", "Central (State Council departments)")),
    ("provincial", Label("省级", "Provincial")),
    ("prefectural", Label("地市级", "Prefectural (city)")),
    ("county", Label("县级", "County")),
    ("township", Label("乡镇级", "Township")),
)
_KINDS: tuple[tuple[str, Label], ...] = (
    ("government", Label("人民政府", "People's government")),
    ("department", Label("政府部门", "Government department")),
    ("other", Label("其他", "Other body")),
)


@attrs.define(kw_only=True)
class Period:
    """The reporting period: normally the calendar year."""

    year: int = attrs.field(
        metadata=_meta(
            FieldSpec(
                "year", False, Doc(Label("报告年度", "Reporting year"), "The year reported on.")
            )
        )
    )
    start: _dt.date | None = _date(
        "统计期限起始日", "Period start", "First day of the statistics period.", nullable=True
    )
    end: _dt.date | None = _date(
        "统计期限截止日", "Period end", "Last day of the statistics period.", nullable=True
    )


@attrs.define(kw_only=True)
class Agency:
    """The administrative body that issues the report."""

    name: str = _required_text("机关名称", "Agency name", "The issuing body's name as published.")
    level: AgencyLevel | None = _choice(
        "行政层级", "Administrative level", "The level of the issuing body.", _LEVELS, nullable=True
    )
    kind: AgencyKind | None = _choice(
        "机关类型",
        "Kind of body",
        "A people's government or one of its departments (the deadlines differ).",
        _KINDS,
        nullable=True,
    )
    division_code: str | None = _text(
        "行政区划代码",
        "Administrative division code",
        "The GB/T 2260 division code (6 digits), or a 9- or 12-digit statistical code.",
        pattern="[0-9]{6}([0-9]{3}|[0-9]{6})?",
    )


@attrs.define(kw_only=True)
class Source:
    """Where the report was published."""

    url: str | None = _text("网址", "URL", "The address the report was read from.")
    title: str | None = _text("标题", "Title", "The report's title as published.")
    published: _dt.date | None = _date(
        "发布日期", "Publication date", "The date the report was published.", nullable=True
    )


@attrs.define(kw_only=True)
class Subsection:
    """A numbered sub-section of section 一, such as （一）主动公开情况."""

    heading: str = _required_text("标题", "Heading", "The sub-section's heading as published.")
    text: str | None = _text("正文", "Text", "The sub-section's text as published.")


@attrs.define(kw_only=True)
class Overview:
    """Section 一、总体情况."""

    text: str | None = _text(
        "导语", "Preamble", "Text of section 一 before its first sub-section, as published."
    )
    subsections: list[Subsection] = attrs.field(
        factory=list,
        metadata=_meta(
            FieldSpec(
                "object_list",
                False,
                Doc(Label("分项", "Sub-sections"), "The sub-sections of section 一, in order."),
                cls=Subsection,
            )
        ),
    )
    closing: str | None = _text(
        "结语", "Closing text", "Text of section 一 after its last sub-section, as published."
    )


@attrs.define(kw_only=True)
class Issues:
    """Section 五、存在的主要问题及改进情况."""

    text: str | None = _text("正文", "Text", "The whole text of section 五 as published.")
    problems: list[str] = _texts("存在的主要问题", "Main problems", "Each problem named, in order.")
    measures: list[str] = _texts("改进情况", "Improvements", "Each improvement measure, in order.")


@attrs.define(kw_only=True)
class InfoProcessingFees:
    """The information-processing fees of section 六, in yuan, when the report states them."""

    notices_issued: int | None = _cell(t.NOTICES_ISSUED)
    amount_notified: Decimal | None = _cell(t.AMOUNT_NOTIFIED)
    amount_collected: Decimal | None = _cell(t.AMOUNT_COLLECTED)


@attrs.define(kw_only=True)
class OtherMatters:
    """Section 六、其他需要报告的事项."""

    text: str | None = _text("正文", "Text", "The whole text of section 六 as published.")
    info_processing_fees: InfoProcessingFees | None = _object(
        "信息处理费",
        "Information-processing fees",
        "Fees under 《政府信息公开信息处理费管理办法》, when the report states them.",
        InfoProcessingFees,
    )


@attrs.define(kw_only=True)
class Contact:
    """The contact details a report gives for questions about it."""

    office: str | None = _text("联系机构", "Office", "The office to contact.")
    address: str | None = _text("地址", "Address", "Postal address as published.")
    postcode: str | None = _text("邮编", "Postcode", "Postcode as published.")
    phone: str | None = _text("电话", "Phone", "Telephone number as published.")
    fax: str | None = _text("传真", "Fax", "Fax number as published.")
    email: str | None = _text("邮箱", "Email", "Email address as published.")
    website: str | None = _text("网站", "Website", "Website as published.")


@attrs.define(kw_only=True)
class Report:
    """An annual report on government-information disclosure (政府信息公开工作年度报告).

    ``template_version`` decides which variant of table 二 and of row （六）其他处理 the report
    holds. A table that the report does not contain is ``None``.
    """

    template_version: Version = attrs.field(
        metadata=_meta(
            FieldSpec(
                "choice",
                False,
                Doc(
                    Label("报告格式版本", "Template version"),
                    "The national format the report follows.",
                ),
                version_choice=True,
            )
        )
    )
    agency: Agency = _object(
        "发布机关", "Issuing agency", "The body that issues the report.", Agency, nullable=False
    )
    period: Period = _object(
        "报告期", "Reporting period", "The period the report covers.", Period, nullable=False
    )
    source: Source = _object(
        "来源", "Source", "Where the report was published.", Source, nullable=False
    )
    overview: Overview = _object(
        t.SECTION_OVERVIEW.zh, t.SECTION_OVERVIEW.en, "Section 一.", Overview, nullable=False
    )
    proactive_disclosure: ProactiveDisclosure | ProactiveDisclosure2019 | None = attrs.field(
        default=None,
        metadata=_meta(
            FieldSpec(
                "variant",
                True,
                table=t.TABLE_PROACTIVE,
                slot="proactive_disclosure",
            )
        ),
    )
    applications: ApplicationStats | None = attrs.field(
        default=None,
        metadata=_meta(FieldSpec("object", True, table=t.TABLE_APPLICATIONS, cls=ApplicationStats)),
    )
    review_litigation: ReviewLitigation | None = attrs.field(
        default=None,
        metadata=_meta(FieldSpec("object", True, table=t.TABLE_REVIEW, cls=ReviewLitigation)),
    )
    issues: Issues = _object(
        t.SECTION_ISSUES.zh, t.SECTION_ISSUES.en, "Section 五.", Issues, nullable=False
    )
    other_matters: OtherMatters = _object(
        t.SECTION_OTHER.zh, t.SECTION_OTHER.en, "Section 六.", OtherMatters, nullable=False
    )
    contact: Contact = _object(
        "联系方式", "Contact", "The contact details the report gives.", Contact, nullable=False
    )

    def __repr__(self) -> str:
        from .notebook import report_repr

        return report_repr(self)

    def _repr_html_(self) -> str:
        from .notebook import report_html

        return report_html(self)
