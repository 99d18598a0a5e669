"""The report-level rules (R-1): the reporting period, and publication by 条例 第四十九条."""

from __future__ import annotations

from typing import Any

from ..findings import pointer
from ..template import Label, Version
from ._build import ARTICLE_49, STATUTE, field_label, unchecked
from .core import Citation, DeadlineCase, Rule, Window

__all__ = ["DEADLINES", "period_rules"]

_YEAR, _START, _END = ("period", "year"), ("period", "start"), ("period", "end")
_PUBLISHED = ("source", "published")
_KIND, _LEVEL = ("agency", "kind"), ("agency", "level")

_DEPARTMENT = Label(
    "县级以上人民政府部门", "a department of a people's government at county level or above"
)
_GOVERNMENT = Label(
    "县级以上地方人民政府", "the report of a local people's government at county level or above"
)
_NO_DEADLINE = Label("无法定期限", "no statutory deadline")

#: The deadline table of 条例 第四十九条, first match wins. Departments exist at county level
#: and above, so a department whose level is not reported falls under the 1-31 deadline.
DEADLINES: tuple[DeadlineCase, ...] = (
    DeadlineCase(
        kind="department",
        levels=(None, "central", "provincial", "prefectural", "county"),
        deadline=(1, "01-31"),
        who=_DEPARTMENT,
    ),
    DeadlineCase(kind="department", levels=("township",), deadline=None, who=_NO_DEADLINE),
    DeadlineCase(
        kind="government",
        levels=("provincial", "prefectural", "county"),
        deadline=(1, "03-31"),
        who=_GOVERNMENT,
    ),
    DeadlineCase(
        kind="government", levels=("central", "township"), deadline=None, who=_NO_DEADLINE
    ),
    DeadlineCase(kind="other", levels=None, deadline=None, who=_NO_DEADLINE),
)


def period_rules(version: Version) -> list[Rule]:
    """The period lies in the reporting year, and the report is published after it, on time."""
    year_l, start_l, end_l = field_label(_YEAR), field_label(_START), field_label(_END)
    published_l = field_label(_PUBLISHED)
    period_citation = Citation(
        basis="stated",
        source=Label(
            f"{STATUTE.zh}（报告期为上一年度，即公历年）",
            f"{STATUTE.en} (the report covers the previous calendar year)",
        ),
        text=ARTICLE_49,
    )
    common: dict[str, Any] = {
        "severity": "inconsistency",
        "scope": "report",
        "versions": (version,),
        "table": None,
    }
    out = []
    for base_id, path, label in (("period-start", _START, start_l), ("period-end", _END, end_l)):
        title = Label(
            f"{label.zh}在{year_l.zh}之内",
            f"The {label.en.lower()} lies within the {year_l.en.lower()}",
        )
        out.append(
            Rule(
                id=f"R-1.{base_id}",
                base="R-1",
                kind="date-window",
                pointers=(pointer(_YEAR), pointer(path)),
                window=Window(start=(0, "01-01"), end=(0, "12-31")),
                citation=period_citation,
                title=title,
                message=Label(
                    f"{label.zh} {{actual}} 不在{year_l.zh} {{year}} 年"
                    "（{start} 至 {end}）之内。",
                    f"The {label.en.lower()} {{actual}} is not within the {year_l.en.lower()} "
                    "{year} ({start} to {end}).",
                ),
                unchecked=unchecked(title),
                **common,
            )
        )
    title = Label(
        f"{start_l.zh}不晚于{end_l.zh}",
        f"The {start_l.en.lower()} is not after the {end_l.en.lower()}",
    )
    out.append(
        Rule(
            id="R-1.period-order",
            base="R-1",
            kind="date-order",
            pointers=(pointer(_START), pointer(_END)),
            citation=period_citation,
            title=title,
            message=Label(
                f"{start_l.zh} {{actual}} 晚于{end_l.zh} {{expected}}。",
                f"The {start_l.en.lower()} {{actual}} is after the "
                f"{end_l.en.lower()} {{expected}}.",
            ),
            unchecked=unchecked(title),
            **common,
        )
    )
    title = Label(
        f"{published_l.zh}在{year_l.zh}结束之后",
        f"The {published_l.en.lower()} is after the {year_l.en.lower()}",
    )
    out.append(
        Rule(
            id="R-1.published",
            base="R-1",
            kind="date-window",
            pointers=(pointer(_YEAR), pointer(_PUBLISHED)),
            window=Window(start=(1, "01-01"), end=None),
            citation=period_citation,
            title=title,
            message=Label(
                f"{published_l.zh} {{actual}} 早于{year_l.zh} {{year}} 年结束"
                "（应不早于 {start}）。",
                f"The {published_l.en.lower()} {{actual}} is before the end of the "
                f"{year_l.en.lower()} {{year}} (expected {{start}} or later).",
            ),
            unchecked=unchecked(title),
            **common,
        )
    )
    title = Label(
        f"{published_l.zh}不晚于条例第四十九条规定的期限",
        "The report is published by the deadline of Article 49",
    )
    out.append(
        Rule(
            id="R-1.deadline",
            base="R-1",
            kind="deadline",
            pointers=(pointer(_YEAR), pointer(_PUBLISHED), pointer(_KIND), pointer(_LEVEL)),
            cases=DEADLINES,
            citation=Citation(basis="stated", source=STATUTE, text=ARTICLE_49),
            title=title,
            message=Label(
                f"{published_l.zh} {{actual}} 晚于{{who_zh}}的法定公布期限 {{expected}}"
                "（逾期 {difference} 天）。",
                "Published {actual}, after the statutory deadline {expected} for "
                "{who_en} ({difference} days late).",
            ),
            unchecked=unchecked(title),
            **{**common, "severity": "warning"},
        )
    )
    return out
