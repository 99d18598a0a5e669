"""JSON Schemas (Draft 2020-12) of what the library and the command line write besides a report.

Three documents, each with its own ``$id``, generated from the code's shapes:

- ``finding.schema.json``: one :meth:`Finding.to_dict` (severities from ``SEVERITIES``);
- ``parse-record.schema.json``: one record of ``govdisclosure parse`` (``file``, ``format``,
  ``report``, ``findings`` and, with ``--provenance``, ``provenance``; location fields from
  :class:`~govdisclosure.readers.document.Location`);
- ``validation.schema.json``: the output of ``govdisclosure validate --format json`` (``files``
  and ``summary``), whose per-file part is :meth:`ValidationReport.to_dict`.

The record schemas refer to the report schema and the finding schema by ``$id``: a consumer
registers ``report.schema.json`` and ``finding.schema.json`` beside them (``docs/schema.md``).
"""

from __future__ import annotations

from typing import Any

import attrs

from .findings.core import SEVERITIES
from .readers import FORMATS
from .readers.document import Location
from .schema import SCHEMA_ID, SCHEMA_VERSION

__all__ = [
    "FINDING_SCHEMA_ID",
    "PARSE_RECORD_SCHEMA_ID",
    "VALIDATION_SCHEMA_ID",
    "finding_schema",
    "parse_record_schema",
    "validation_schema",
]

_DIALECT = "https://json-schema.org/draft/2020-12/schema"
FINDING_SCHEMA_ID = f"urn:govdisclosure:schema:finding:{SCHEMA_VERSION}"
PARSE_RECORD_SCHEMA_ID = f"urn:govdisclosure:schema:parse-record:{SCHEMA_VERSION}"
VALIDATION_SCHEMA_ID = f"urn:govdisclosure:schema:validation:{SCHEMA_VERSION}"

_POINTERS = {"type": "array", "items": {"type": "string"}}
# Rule arithmetic writes amounts as decimal strings and counts as integers; a date rule writes
# ISO dates or day counts: any JSON value, by design.
_ANY = {"description": "Any JSON value: an integer, a decimal string, a date string or null."}


def _object(properties: dict[str, Any], required: list[str] | None = None) -> dict[str, Any]:
    return {
        "type": "object",
        "required": list(properties) if required is None else required,
        "properties": properties,
        "additionalProperties": False,
    }


def _doc(schema_id: str, title: str, description: str, body: dict[str, Any]) -> dict[str, Any]:
    return {
        "$schema": _DIALECT,
        "$id": schema_id,
        "title": title,
        "description": description,
    } | body


def _counts() -> dict[str, Any]:
    return _object({s: {"type": "integer", "minimum": 0} for s in SEVERITIES})


def _place() -> dict[str, Any]:
    """Where a finding's cell is, in the official form's words (``govdisclosure.office``)."""
    place = _object(
        {
            "zh": {"type": "string", "description": "表三「（七）总计」行「其他」列"},
            "en": {"type": "string"},
            "cell": {"type": ["string", "null"], "description": "The form's cell: 表三!I28."},
        }
    )
    return {
        "anyOf": [place, {"type": "null"}],
        "description": "Written by `validate --format json`: the place of the first pointer.",
    }


def finding_schema() -> dict[str, Any]:
    """The schema of one finding as :meth:`Finding.to_dict` writes it."""
    body = _object(
        {
            "rule": {
                "type": "string",
                "minLength": 1,
                "description": "A finding id or rule id (schemas/findings.json, rules.json).",
            },
            "severity": {"enum": list(SEVERITIES)},
            "pointers": _POINTERS
            | {"description": "RFC 6901 JSON Pointers; the first is the main one."},
            "message_zh": {"type": "string"},
            "message_en": {"type": "string"},
            "expected": _ANY,
            "actual": _ANY,
            "difference": _ANY
            | {"description": "actual − expected where both are numbers, else null."},
            "values": {
                "type": "object",
                "description": "The value found at each pointer a rule binds.",
            },
            "missing": _POINTERS
            | {"description": "The pointers whose blank made the rule not checkable."},
            "checkable": {"type": "boolean"},
            "location": _place(),
        },
        required=[
            "rule",
            "severity",
            "pointers",
            "message_zh",
            "message_en",
            "expected",
            "actual",
            "difference",
            "values",
            "missing",
            "checkable",
        ],
    )
    return _doc(FINDING_SCHEMA_ID, "Finding", "One govdisclosure finding (Finding.to_dict).", body)


def _findings() -> dict[str, Any]:
    return {"type": "array", "items": {"$ref": FINDING_SCHEMA_ID}}


def parse_record_schema() -> dict[str, Any]:
    """The schema of one record of ``govdisclosure parse`` (``-o``, ``--jsonl``, stdout)."""
    location = _object(
        {f.name: {"type": ["integer", "null"], "minimum": 0} for f in attrs.fields(Location)}
    )
    body = _object(
        {
            "file": {"type": "string", "description": "The input's name as given ('-': stdin)."},
            "format": {
                "enum": [*FORMATS, None],
                "description": "The reader used; null when the input could not be read.",
            },
            "report": {"anyOf": [{"$ref": SCHEMA_ID}, {"type": "null"}]},
            "findings": _findings(),
            "provenance": {
                "type": "object",
                "description": "With --provenance: each value's source text and location.",
                "additionalProperties": _object({"raw": {"type": "string"}, "location": location}),
            },
        },
        required=["file", "format", "report", "findings"],
    )
    return _doc(
        PARSE_RECORD_SCHEMA_ID,
        "Parse record",
        "One record written by `govdisclosure parse`.",
        body,
    )


def validation_schema() -> dict[str, Any]:
    """The schema of ``govdisclosure validate --format json`` output."""
    checked = _object(
        {
            "path": {"type": "string"},
            "readable": {"const": True},
            "ok": {"type": "boolean"},
            "template_version": {"type": ["string", "null"]},
            "counts": _counts(),
            "findings": _findings(),
            "suspects": {
                "type": "array",
                "items": _object(
                    {
                        "pointer": {"type": "string"},
                        "value": _ANY,
                        "correction": _ANY,
                        "suggested": _ANY,
                        "rules": {"type": "array", "items": {"type": "string"}},
                        "location": _place(),
                    },
                    required=["pointer", "value", "correction", "suggested", "rules"],
                ),
            },
        }
    )
    unreadable = _object(
        {"path": {"type": "string"}, "readable": {"const": False}, "error": {"type": "string"}}
    )
    count = {"type": "integer", "minimum": 0}
    summary = _object(
        {
            "files": count,
            "failed": count,
            "unreadable": count,
            "rules": {
                "type": "array",
                "items": _object(
                    {
                        "rule": {"type": "string"},
                        "severity": {"enum": list(SEVERITIES)},
                        "count": count,
                    }
                ),
            },
            "not_checkable": _object({"findings": count, "rules": count, "files": count}),
            "exit_status": {"enum": [0, 1, 2]},
        }
    )
    body = _object(
        {"files": {"type": "array", "items": {"oneOf": [checked, unreadable]}}, "summary": summary}
    )
    return _doc(
        VALIDATION_SCHEMA_ID,
        "Validation output",
        "The output of `govdisclosure validate --format json`.",
        body,
    )
