"""The report as the stages assemble it: a typed raw layer, validated into the model at the end.

Each stage returns one of these :class:`~typing.TypedDict` shapes, in the model's JSON form
(dates as ISO strings, amounts as decimal strings), and :func:`govdisclosure.from_dict` turns the
whole :class:`RawReport` into a :class:`~govdisclosure.model.Report`, checking everything. The
three tables are built from the catalogue's pointers (their shape is the template version's),
so they stay nested dicts here.
"""

from __future__ import annotations

from typing import Any, TypedDict

__all__ = [
    "RawAgency",
    "RawContact",
    "RawFees",
    "RawIssues",
    "RawOtherMatters",
    "RawOverview",
    "RawPeriod",
    "RawReport",
    "RawSource",
    "RawSubsection",
    "RawTable",
    "RawTables",
]

#: A table (or any object inside one) as nested dicts, keyed by model field names.
RawTable = dict[str, Any]


class RawSource(TypedDict):
    """``/source``."""

    url: str | None
    title: str | None
    published: str | None


class RawAgency(TypedDict):
    """``/agency``."""

    name: str
    level: str | None
    kind: str | None
    division_code: str | None


class RawPeriod(TypedDict):
    """``/period``."""

    year: int
    start: str | None
    end: str | None


class RawSubsection(TypedDict):
    """One numbered sub-section of section 一."""

    heading: str
    text: str | None


class RawOverview(TypedDict):
    """``/overview``: section 一."""

    text: str | None
    subsections: list[RawSubsection]
    closing: str | None


class RawIssues(TypedDict):
    """``/issues``: section 五."""

    text: str | None
    problems: list[str]
    measures: list[str]


class RawFees(TypedDict):
    """``/other_matters/info_processing_fees``: counts as ints, amounts as decimal strings."""

    notices_issued: int | str | None
    amount_notified: int | str | None
    amount_collected: int | str | None


class RawOtherMatters(TypedDict):
    """``/other_matters``: section 六."""

    text: str | None
    info_processing_fees: RawFees | None


class RawContact(TypedDict):
    """``/contact``."""

    office: str | None
    address: str | None
    postcode: str | None
    phone: str | None
    fax: str | None
    email: str | None
    website: str | None


class RawTables(TypedDict):
    """The three tables, each ``None`` when the document does not contain it."""

    proactive_disclosure: RawTable | None
    applications: RawTable | None
    review_litigation: RawTable | None


class RawReport(RawTables):
    """The whole report, in the model's JSON form."""

    template_version: str
    source: RawSource
    agency: RawAgency
    period: RawPeriod
    overview: RawOverview
    issues: RawIssues
    other_matters: RawOtherMatters
    contact: RawContact
