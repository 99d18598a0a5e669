"""Every command reads what every other command writes: records, arrays of them, JSON Lines.

``govdisclosure parse`` writes records ``{"file", "format", "report", "findings"}``: one as a
JSON document, several as a JSON array (``-o``) or as JSON Lines (``--jsonl``, or a batch on
stdout). :func:`split` turns the bytes of any of these (or of a plain report document) into
:class:`Item` s, each with the findings its record carried, so that ``validate`` reports the
parse findings alongside the rule findings and ``render`` renders a record's report.

:func:`record_findings` adds what ``validate`` concludes about a record: a report in the 2019 or
later format in which none of the three tables was found holds no statistics, and is not clean
(:data:`NO_TABLES`, severity ``error``). ``parse`` itself does not add it: it reports what it
read (three ``parse.table.missing`` warnings), and its exit status says whether it could.
"""

from __future__ import annotations

from typing import Any

import attrs
import orjson

from .findings import FINDINGS, SEVERITIES, Finding

__all__ = ["NO_TABLES", "Item", "finding_from_dict", "is_record", "record_findings", "split"]

#: The finding id for a record none of whose three tables was found.
NO_TABLES = "record.no-tables"
#: The finding id for a carried finding that is not a finding's JSON form.
BAD_FINDING = "record.finding.malformed"

_TABLES = ("proactive_disclosure", "applications", "review_litigation")
_UNUSABLE_RULES = ("json.syntax", "json.too-large")


@attrs.frozen
class Item:
    """One document to check: a whole file, or one element of an array or of JSON Lines."""

    #: Its position in the array or the JSON Lines (from 0), or ``None`` for a whole file.
    index: int | None
    #: The bytes of a document, or a decoded report (a dict, or ``None`` when a record has none).
    payload: Any
    #: The findings its parse record carried (none for a plain report document).
    carried: tuple[Finding, ...] = ()
    #: Whether it came from a parse record.
    record: bool = False
    #: The record's ``file``, if any.
    source: str | None = None


def is_record(doc: Any) -> bool:
    """Whether ``doc`` is a ``govdisclosure parse`` record rather than a report."""
    return (
        isinstance(doc, dict)
        and {"file", "report", "findings"} <= doc.keys()
        and "template_version" not in doc
    )


def finding_from_dict(data: Any) -> Finding:
    """A finding from its JSON form (:meth:`Finding.to_dict`); a malformed one is a finding."""
    try:
        severity = data["severity"]
        if severity not in SEVERITIES:
            raise ValueError(severity)
        return Finding(
            rule=str(data["rule"]),
            severity=severity,
            pointers=tuple(str(p) for p in data.get("pointers", ())),
            message_zh=str(data["message_zh"]),
            message_en=str(data["message_en"]),
            expected=data.get("expected"),
            actual=data.get("actual"),
            difference=data.get("difference"),
            values=dict(data.get("values") or {}),
            missing=tuple(str(p) for p in data.get("missing") or ()),
            checkable=bool(data.get("checkable", True)),
        )
    except (KeyError, TypeError, ValueError, AttributeError):
        return FINDINGS[BAD_FINDING].finding()


def _item(index: int | None, doc: Any) -> Item:
    if not is_record(doc):
        return Item(index, doc)
    raw = doc["findings"]
    carried = tuple(finding_from_dict(f) for f in raw) if isinstance(raw, list) else ()
    source = doc["file"] if isinstance(doc["file"], str) else None
    return Item(index, doc["report"], carried, True, source)


def split(data: bytes) -> list[Item]:
    """The documents in a file's bytes: a report, a record, an array of them, or JSON Lines.

    Anything else is one item holding the bytes, for the validator to report on.
    """
    whole = [Item(None, data)]
    head = data.lstrip()[:1]
    if head == b"[":
        try:
            doc = orjson.loads(data)
        except orjson.JSONDecodeError:
            return whole
        if isinstance(doc, list) and doc and all(isinstance(x, dict) for x in doc):
            return [_item(k, x) for k, x in enumerate(doc)]
        return whole
    if head != b"{" or (b'"findings"' not in data and b"\n{" not in data.strip()):
        return whole  # a plain report: the validator reads the bytes itself, once
    try:
        doc = orjson.loads(data)
    except orjson.JSONDecodeError:
        return _json_lines(data) or whole
    return [_item(None, doc)] if is_record(doc) else whole


def _json_lines(data: bytes) -> list[Item] | None:
    """JSON Lines whose first line is an object: one item per line, a bad line as its bytes.

    A line that is not JSON is an item of its own, which the validator reports, so that one
    damaged line does not hide the others. ``None`` when the data is not JSON Lines.
    """
    lines = [line for line in data.splitlines() if line.strip()]
    if len(lines) < 2:
        return None
    items: list[Item] = []
    for k, line in enumerate(lines):
        try:
            doc = orjson.loads(line)
        except orjson.JSONDecodeError:
            if k == 0:
                return None  # one document broken over lines, not JSON Lines
            items.append(Item(k, line))
            continue
        items.append(_item(k, doc) if isinstance(doc, dict) else Item(k, line))
    return items


def _no_tables() -> Finding:
    return FINDINGS[NO_TABLES].finding(tuple("/" + name for name in _TABLES))


def record_findings(report: Any, findings: list[Finding] | tuple[Finding, ...]) -> list[Finding]:
    """What the command line adds to a parse record's findings (see the module docstring).

    ``report`` is the record's report as a dict (or ``None``).
    """
    rules = {f.rule for f in findings}
    if not isinstance(report, dict) or NO_TABLES in rules or "parse.pre2019" in rules:
        return []
    if all(name in report and report[name] is None for name in _TABLES):
        return [_no_tables()]
    return []


def unusable(findings: tuple[Finding, ...] | list[Finding]) -> bool:
    """Whether the findings say the input is not JSON at all (or is over the size limit)."""
    return any(f.rule in _UNUSABLE_RULES for f in findings)


def merge(carried: tuple[Finding, ...], found: tuple[Finding, ...]) -> tuple[Finding, ...]:
    """The carried findings, then those found again that are not already among them."""
    seen = {(f.rule, f.severity, f.pointers, f.message_en) for f in carried}
    return carried + tuple(
        f for f in found if (f.rule, f.severity, f.pointers, f.message_en) not in seen
    )
