"""govdisclosure: typed data for China's annual government-information disclosure reports.

The public API is re-exported here; see ``docs/`` for the guide and the model reference.
Importing the package computes nothing: the codecs and converters are built on first use.
"""

from typing import Any

from .crosscheck import check_aggregate, check_series
from .findings import Finding, ReportError, Severity
from .model import (
    Agency,
    ApplicantCounts,
    ApplicationStats,
    CaseOutcomes,
    Contact,
    DecisionCount,
    DocumentCounts,
    DocumentCounts2019,
    FeeAmount,
    FeeItems2019,
    InfoProcessingFees,
    Issues,
    ItemCounts2019,
    NotDisclosed,
    NotProcessed,
    OtherHandling,
    OtherMatters,
    Outcomes,
    Overview,
    Period,
    ProactiveDisclosure,
    ProactiveDisclosure2019,
    Procurement2019,
    Report,
    ReviewLitigation,
    Source,
    Subsection,
    Unavailable,
)
from .parallel import parse_many
from .parse import ParseError, ParseResult, Provenance, parse
from .render import render
from .rules import Rule, rules
from .serialize import MAX_DOCUMENT_BYTES, bulk, dumpb, dumps, from_dict, loads, to_dict
from .template import VERSIONS, Version
from .validate import ValidationReport, normalize, validate

__version__ = "0.1.0"

__all__ = [
    "MAX_DOCUMENT_BYTES",
    "VERSIONS",
    "Agency",
    "ApplicantCounts",
    "ApplicationStats",
    "CaseOutcomes",
    "Contact",
    "DecisionCount",
    "DocumentCounts",
    "DocumentCounts2019",
    "FeeAmount",
    "FeeItems2019",
    "Finding",
    "InfoProcessingFees",
    "Issues",
    "ItemCounts2019",
    "NotDisclosed",
    "NotProcessed",
    "OtherHandling",
    "OtherMatters",
    "Outcomes",
    "Overview",
    "ParseError",
    "ParseResult",
    "Period",
    "ProactiveDisclosure",
    "ProactiveDisclosure2019",
    "Procurement2019",
    "Provenance",
    "Report",
    "ReportError",
    "ReviewLitigation",
    "Rule",
    "Severity",
    "Source",
    "Subsection",
    "Unavailable",
    "ValidationReport",
    "Version",
    "__version__",
    "bulk",
    "check_aggregate",
    "check_series",
    "converter",
    "dumpb",
    "dumps",
    "from_dict",
    "loads",
    "normalize",
    "parse",
    "parse_many",
    "render",
    "rules",
    "to_dict",
    "validate",
]


def __getattr__(name: str) -> Any:
    # ``converter`` is built on first use, not at import (see govdisclosure.serialize).
    if name == "converter":
        from . import serialize

        return serialize.converter
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
