"""The one document shape the benchmark measures: a realistic, complete 2021 report.

Built deterministically in code (no randomness, no hypothesis), so that every run and every
machine measures the same bytes: all three tables filled with non-zero, arithmetically
consistent numbers, five Chinese narrative texts of about 300 characters each, and full
contact details. Serialized it is about 10 KB.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from govdisclosure import (
    Agency,
    ApplicantCounts,
    ApplicationStats,
    CaseOutcomes,
    Contact,
    DecisionCount,
    DocumentCounts,
    FeeAmount,
    InfoProcessingFees,
    Issues,
    NotDisclosed,
    NotProcessed,
    OtherHandling,
    OtherMatters,
    Outcomes,
    Overview,
    Period,
    ProactiveDisclosure,
    Report,
    ReviewLitigation,
    Source,
    Subsection,
    Unavailable,
)
from govdisclosure._specs import specs

__all__ = ["build_report"]

_APPLICANTS = (
    "natural_person",
    "commercial_enterprise",
    "research_institution",
    "social_welfare_org",
    "legal_service_org",
    "other",
)

_PHRASES = (
    "本机关坚持以习近平新时代中国特色社会主义思想为指导，",
    "全面贯彻落实《中华人民共和国政府信息公开条例》和国务院办公厅关于政府信息公开工作的部署要求，",
    "紧紧围绕市委、市政府中心工作，",
    "以公开为常态、不公开为例外，",
    "持续深化重点领域信息公开，",
    "不断完善政府信息公开制度机制，",
    "规范依申请公开办理流程，",
    "加强政策解读和回应关切，",
    "推进政务公开标准化规范化建设，",
    "切实保障人民群众的知情权、参与权、表达权和监督权，",
    "政府信息公开工作取得了新的进展。",
)


def _text(seed: int, length: int = 300) -> str:
    """About ``length`` characters of plausible report prose, varied by ``seed``."""
    out: list[str] = []
    i = seed
    while sum(map(len, out)) < length:
        out.append(_PHRASES[i % len(_PHRASES)])
        i += 1
    return "".join(out)[:length].rstrip("，") + "。"


def _counts(values: dict[str, int]) -> ApplicantCounts:
    return ApplicantCounts(**values, total=sum(values.values()))


def _row(seed: int) -> ApplicantCounts:
    """A row of table 三 with small non-zero counts and its 总计."""
    return _counts({c: (seed * 7 + i * 3) % 23 + 1 for i, c in enumerate(_APPLICANTS)})


def _names(cls: type) -> tuple[str, ...]:
    return tuple(name for name, _ in specs(cls))


def _sum(rows: list[ApplicantCounts]) -> ApplicantCounts:
    return _counts({c: sum(getattr(r, c) for r in rows) for c in _APPLICANTS})


def _applications() -> ApplicationStats:
    not_disclosed = NotDisclosed(
        state_secret=_row(1),
        prohibited_by_law=_row(2),
        security_stability=_row(3),
        third_party_rights=_row(4),
        internal_affairs=_row(5),
        process_information=_row(6),
        enforcement_case_files=_row(7),
        administrative_inquiry=_row(8),
    )
    unavailable = Unavailable(not_held=_row(9), needs_creation=_row(10), still_unclear=_row(11))
    not_processed = NotProcessed(
        petition_complaint=_row(12),
        repeated=_row(13),
        publications=_row(14),
        excessive=_row(15),
        confirmation=_row(16),
    )
    other_handling = OtherHandling(not_supplemented=_row(17), fee_unpaid=_row(18), other=_row(19))
    disclosed, partial = _row(20), _row(21)
    leaves = [
        disclosed,
        partial,
        *(getattr(not_disclosed, n) for n in _names(NotDisclosed)),
        *(getattr(unavailable, n) for n in _names(Unavailable)),
        *(getattr(not_processed, n) for n in _names(NotProcessed)),
        *(getattr(other_handling, n) for n in _names(OtherHandling)),
    ]
    total = _sum(leaves)
    forward = _row(22)
    # 一 + 二 == 三（七）+ 四, column by column: carried over is a fifth of what was handled.
    handled = _sum([total, forward])
    carried = _counts({c: getattr(handled, c) // 5 for c in _APPLICANTS})
    new = _counts({c: getattr(handled, c) - getattr(carried, c) for c in _APPLICANTS})
    return ApplicationStats(
        new_requests=new,
        carried_over=carried,
        outcomes=Outcomes(
            disclosed=disclosed,
            partially_disclosed=partial,
            not_disclosed=not_disclosed,
            unavailable=unavailable,
            not_processed=not_processed,
            other_handling=other_handling,
            total=total,
        ),
        carried_forward=forward,
    )


def _case(a: int, b: int, c: int, d: int) -> CaseOutcomes:
    return CaseOutcomes(upheld=a, corrected=b, other=c, pending=d, total=a + b + c + d)


def build_report() -> Report:
    """The benchmark's report: complete, consistent, about 10 KB as JSON."""
    year = 2023
    return Report(
        template_version="2021",
        agency=Agency(
            name="某某市人民政府办公室",
            level="prefectural",
            kind="department",
            division_code="330100",
        ),
        period=Period(year=year, start=dt.date(year, 1, 1), end=dt.date(year, 12, 31)),
        source=Source(
            url="https://www.example.gov.cn/art/2024/1/20/art_1229_59012345.html",
            title=f"某某市人民政府办公室{year}年政府信息公开工作年度报告",
            published=dt.date(year + 1, 1, 20),
        ),
        overview=Overview(
            text=_text(0),
            subsections=[
                Subsection(heading="（一）主动公开情况", text=_text(3)),
                Subsection(heading="（二）依申请公开情况", text=_text(6)),
                Subsection(heading="（三）政府信息管理", text=None),
            ],
            closing="下一步，我们将继续做好政府信息公开工作。",
        ),
        proactive_disclosure=ProactiveDisclosure(
            regulations=DocumentCounts(issued=3, repealed=1, in_force=42),
            normative_documents=DocumentCounts(issued=17, repealed=5, in_force=236),
            licensing=DecisionCount(decisions=12873),
            penalty=DecisionCount(decisions=4521),
            coercion=DecisionCount(decisions=318),
            fees=FeeAmount(amount=Decimal("1234.5678")),
        ),
        applications=_applications(),
        review_litigation=ReviewLitigation(
            review=_case(12, 3, 2, 1),
            direct_suit=_case(7, 1, 1, 2),
            suit_after_review=_case(4, 1, 1, 1),
        ),
        issues=Issues(
            text=_text(8),
            problems=["政策解读形式较为单一", "依申请公开答复规范化水平有待提高"],
            measures=["丰富政策解读形式", "加强业务培训，提升答复质量"],
        ),
        other_matters=OtherMatters(
            text=_text(9),
            info_processing_fees=InfoProcessingFees(
                notices_issued=2, amount_notified=Decimal("300.00"), amount_collected=Decimal("100")
            ),
        ),
        contact=Contact(
            office="某某市人民政府办公室政务公开科",
            address="某某市某某区市民中心1号楼",
            postcode="310000",
            phone="0571-12345678",
            fax="0571-12345679",
            email="gkk@example.gov.cn",
            website="https://www.example.gov.cn",
        ),
    )
