"""Section 六: its text, and the information-processing fees it states.

A rendered report prints the fees as labelled lines (「信息处理费：」, then one line per field),
read as cell values with their column's kind and unit; otherwise they are read from the prose
by :func:`govdisclosure.prose.fees_from_prose`, the function the renderer checks against.
"""

from __future__ import annotations

import functools

from ..._specs import specs
from ...model import InfoProcessingFees
from ...prose import fees_from_prose
from ...readers.document import Location
from ...template import Column
from ..collect import Collector
from ..items import Item
from ..metadata import Meta
from ..raw import RawFees, RawOtherMatters
from ..values import read_value

__all__ = ["FEES_POINTER", "other_matters"]

#: The pointer of the fees block.
FEES_POINTER = "/other_matters/info_processing_fees"


@functools.cache
def _fields() -> dict[str, tuple[str, Column]]:
    """Each fee's pointer → its field name and its column (kind and unit), from the model."""
    out: dict[str, tuple[str, Column]] = {}
    for name, spec in specs(InfoProcessingFees):
        assert spec.column is not None
        out[f"{FEES_POINTER}/{name}"] = (name, spec.column)
    return out


def other_matters(c: Collector, section: list[Item]) -> RawOtherMatters:
    """``/other_matters``: the prose of section 六 and the fees, labelled or stated."""
    text = [i.text for i in section if i.kind == "para"]
    joined = "\n".join(text) if text else None
    fields = _fields()
    explicit_block = False
    fees: dict[str, int | str | None] = {}
    for item in (i for i in section if i.kind == "meta"):
        for meta in item.metas:
            if meta.target == FEES_POINTER and not meta.value.strip():
                explicit_block = True
            elif meta.target in fields:
                explicit_block = True
                fees[fields[meta.target][0]] = _fee_value(c, meta, item.location)
    info: RawFees | None
    if explicit_block:
        info = _fees({name: fees.get(name) for name, _ in fields.values()}) if fees else None
    else:
        found = fees_from_prose(joined)
        if found is None:
            info = None
        else:
            values: dict[str, int | str | None] = {name: None for name, _ in fields.values()}
            loc = next((i.location for i in section if i.kind == "para"), Location())
            for name, (value, raw) in found.items():
                values[name] = value if isinstance(value, int) else format(value, "f")
                c.source(f"{FEES_POINTER}/{name}", raw, loc)
            info = _fees(values)
    return {"text": joined, "info_processing_fees": info}


def _fees(values: dict[str, int | str | None]) -> RawFees:
    return {
        "notices_issued": values["notices_issued"],
        "amount_notified": values["amount_notified"],
        "amount_collected": values["amount_collected"],
    }


def _fee_value(c: Collector, meta: Meta, loc: Location) -> int | str | None:
    raw = meta.value
    if not raw.strip():
        return None
    c.source(meta.target, raw, loc)
    column = _fields()[meta.target][1]
    reading = read_value(raw, column.kind, column.unit.zh)
    if reading.issue is not None:
        rule, severity, wording, params = reading.issue
        c.note(rule, meta.target, wording=wording, severity=severity, actual=raw, **params)
    value = reading.value
    if value is None:
        return None
    return value if isinstance(value, int) else format(value, "f")
