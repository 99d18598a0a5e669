"""The JSON Schema (Draft 2020-12) of a report document, generated from the model.

Nothing here is written by hand: every property, title, bound and pattern comes from the model's
field specs and the template declaration. Each property has an English ``title``, a Chinese
``x-title-zh`` and a ``description``; cells also carry ``x-unit``. Non-Python consumers should
register the ``x-`` keywords as annotations (see ``docs/schema.md``).
"""

from __future__ import annotations

from typing import Any

from ._specs import (
    AMOUNT_PATTERN,
    DATE_PATTERN,
    MAX_COUNT,
    MAX_YEAR,
    MIN_YEAR,
    all_classes,
    classes,
    ecma_pattern,
    report_class,
    specs,
    target,
    versioned,
)
from .model import FieldSpec
from .template import NOTICES, VERSIONS, Version

__all__ = ["ANNOTATION_KEYWORDS", "SCHEMA_ID", "SCHEMA_VERSION", "json_schema"]

#: The version of the document format; it changes whenever the schema changes.
SCHEMA_VERSION = "0.1.0"
#: The schema's ``$id``; it carries :data:`SCHEMA_VERSION`.
SCHEMA_ID = f"urn:govdisclosure:schema:report:{SCHEMA_VERSION}"
#: The non-standard annotation keywords the schema uses.
ANNOTATION_KEYWORDS = ("x-title-zh", "x-unit", "x-enum-titles", "x-versions")


def _def_name(cls: type, version: Version) -> str:
    return f"{cls.__name__}_{version}" if versioned(cls) else cls.__name__


def _ref(cls: type, version: Version) -> dict[str, Any]:
    return {"$ref": f"#/$defs/{_def_name(cls, version)}"}


def _nullable(schema: dict[str, Any], nullable: bool) -> dict[str, Any]:
    if not nullable:
        return schema
    if "$ref" in schema:
        return {"anyOf": [schema, {"type": "null"}]}
    typ = schema["type"]
    return {**schema, "type": [typ, "null"]}


def _describe(spec: FieldSpec) -> str:
    if spec.doc is not None:
        return spec.doc.description
    if spec.column is not None:
        c = spec.column
        kind = {"count": "A count", "signed_count": "A signed count", "amount": "An amount"}[c.kind]
        unit = f"{c.unit.zh} ({c.unit.en})"
        return f"{kind} in {unit}, column 「{c.label.zh}」. null: not reported."
    if spec.table is not None:
        return (
            f"Table {spec.table.number}: {spec.table.label.en}. null: the report has no such table."
        )
    assert spec.node is not None
    if spec.nullable:
        return f"Row 「{spec.node.label.zh}」. null: the row is not reported."
    return f"Group 「{spec.node.label.zh}」."


def _property(spec: FieldSpec, version: Version) -> dict[str, Any]:
    kind = spec.kind
    body: dict[str, Any]
    if kind == "count":
        body = {"type": "integer", "minimum": 0, "maximum": MAX_COUNT}
    elif kind == "signed_count":
        body = {"type": "integer", "minimum": -MAX_COUNT, "maximum": MAX_COUNT}
    elif kind == "year":
        body = {"type": "integer", "minimum": MIN_YEAR, "maximum": MAX_YEAR}
    elif kind == "amount":
        body = {"type": "string", "pattern": ecma_pattern(AMOUNT_PATTERN)}
    elif kind == "date":
        body = {"type": "string", "format": "date", "pattern": ecma_pattern(DATE_PATTERN)}
    elif kind == "text":
        body = {"type": "string"}
        if spec.pattern:
            body["pattern"] = ecma_pattern(spec.pattern)
    elif kind == "text_list":
        body = {"type": "array", "items": {"type": "string"}}
    elif kind == "object_list":
        assert spec.cls is not None
        body = {"type": "array", "items": _ref(spec.cls, version)}
    elif kind == "choice":
        values: list[Any] = [value for value, _ in spec.choices]
        body = {"enum": [*values, None] if spec.nullable else values}
        body["x-enum-titles"] = {v: {"zh": lab.zh, "en": lab.en} for v, lab in spec.choices}
    else:
        child = target(spec, version)
        assert child is not None
        body = _ref(child, version)
    if kind != "choice":
        body = _nullable(body, spec.nullable)
    label = spec.label
    out: dict[str, Any] = {
        "title": label.en,
        "x-title-zh": label.zh,
        "description": _describe(spec),
    }
    if spec.column is not None:
        out["x-unit"] = {"zh": spec.column.unit.zh, "en": spec.column.unit.en}
    out.update(body)
    return out


def _first_line(doc: str | None) -> str:
    return (doc or "").strip().split("\n\n")[0].replace("\n", " ")


def _object(cls: type, version: Version) -> dict[str, Any]:
    fields = specs(cls)
    return {
        "title": cls.__name__,
        "description": _first_line(cls.__doc__),
        "type": "object",
        "additionalProperties": False,
        "required": [name for name, _ in fields],
        "properties": {name: _property(spec, version) for name, spec in fields},
    }


def json_schema() -> dict[str, Any]:
    """Generate the report document's JSON Schema (Draft 2020-12) as a dict."""
    defs: dict[str, Any] = {}
    for version in VERSIONS:
        for cls in classes(version):
            name = _def_name(cls, version)
            if name not in defs:
                defs[name] = _object(cls, version)
                if versioned(cls):
                    defs[name]["x-versions"] = [version]
    # Keep $defs in a stable, readable order: the model's own order.
    order = [_def_name(c, v) for c in all_classes() for v in VERSIONS]
    defs = {name: defs[name] for name in dict.fromkeys(order) if name in defs}
    version_spec = dict(specs(report_class(VERSIONS[-1])))["template_version"]
    notices = ", ".join(f"{v}: {NOTICES[v]}" for v in VERSIONS)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Annual report on government-information disclosure",
        "x-title-zh": "政府信息公开工作年度报告",
        "description": (
            "One annual report under 《中华人民共和国政府信息公开条例》, in the national format "
            f"({notices}). Every key is required; null means not reported. "
            f"Schema version {SCHEMA_VERSION}."
        ),
        "type": "object",
        "required": ["template_version"],
        "properties": {"template_version": _property(version_spec, VERSIONS[-1])},
        **_switch(tuple(VERSIONS)),
        "$defs": defs,
    }


def _switch(versions: tuple[Version, ...]) -> dict[str, Any]:
    """The version switch: each version's report, chosen by ``template_version``.

    A chain of if/then/else, oldest version first and the newest as the last ``else``: with two
    versions, a single if/then/else.
    """
    if len(versions) == 1:
        return {"allOf": [_chain(versions)]}
    return _chain(versions)


def _chain(versions: tuple[Version, ...]) -> dict[str, Any]:
    first, *rest = versions
    then = _ref(report_class(first), first)
    if not rest:
        return then
    return {
        "if": {
            "properties": {"template_version": {"const": first}},
            "required": ["template_version"],
        },
        "then": then,
        "else": _chain(tuple(rest)),
    }
