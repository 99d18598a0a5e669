"""Reading one table cell's text as a value of its column's kind and unit.

Blank markers (empty, 「/」, 「—」, 「-」, 「_」, a no-break space) are ``None``, never 0. A plain
number is its value. Anything else is read as far as it can be without guessing, and reported:
a unit suffix is removed (and money converted between 元 and 万元 when the suffix or the column
header says so), a number followed by an explanation in brackets keeps its number, and an
approximate count (「6500余条」, 「8万条」) or free text gives ``None``.
"""

from __future__ import annotations

import functools
import re
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

import attrs

from .._fastinit import maker
from .._normalize_text import simplify
from .._specs import AMOUNT_PATTERN, MAX_COUNT
from ..template import CellKind
from .collect import Bilingual, finding

__all__ = ["Reading", "read_value"]

_BLANK = re.compile(r"[/_\-—–~～]{1,3}|[(（]?(?:空|空白)[)）]?")
_NUMBER = re.compile(
    r"(?P<sign>[+\-−]{0,2})(?P<num>\d[\d,]*(?:\.\d+)?)"
    r"(?P<approx>余|多)?(?P<mag>万|亿)?(?P<approx2>余|多)?"
    r"(?P<unit>元|件|条|项|个|份|次|笔|%)?(?P<rest>.*)",
    re.S,
)
_SPACES = re.compile(r"[\s\u00a0\u3000\u200b\ufeff]+")
_AMOUNT = re.compile(AMOUNT_PATTERN)
_TEN_THOUSAND = Decimal(10000)
_NONE_WORDS = ("无", "暂无", "没有", "未发生")


@attrs.frozen
class Reading:
    """A cell's value and, when the text was not a plain value, what was done about it.

    ``issue`` is ``None`` for a plain number or a blank; otherwise it is ``(rule, severity,
    wording, params)``: the finding id, its declared wording and the placeholders' values.
    """

    value: int | Decimal | None
    blank: bool = False
    issue: tuple[str, Literal["warning", "info"], str, dict[str, Any]] | None = None

    @property
    def problem(self) -> tuple[str, Literal["warning", "info"], str, str] | None:
        """``(rule, severity, message_en, message_zh)`` as the declaration words the issue."""
        if self.issue is None:
            return None
        rule, severity, wording, params = self.issue
        found = finding(rule, wording=wording, severity=severity, **params)
        return rule, severity, found.message_en, found.message_zh


_new_reading = maker(Reading)
#: The reading of each count of up to four digits read so far (a count's reading is shared:
#: readings are frozen).
_SMALL_COUNTS: dict[str, Reading] = {}


def _bad(raw: str, wording: str = "default", rule: str = "parse.value.not-a-number") -> Reading:
    return Reading(None, False, (rule, "warning", wording, {"text": raw}))


def read_value(
    raw: str, kind: CellKind | str, unit: str, header_unit: str | None = None
) -> Reading:
    """Read ``raw`` as a value of ``kind`` (count, signed count or amount) in ``unit``.

    ``header_unit`` is a money unit (元 or 万元) that the column's header states, if any.
    """
    # Most cells are a bare count: read without the patterns (the same reading), and before
    # the cache, which a corpus's many different counts would only churn. Counts of up to four
    # digits (at most 11,110 texts) keep their reading.
    if kind != "amount":
        reading = _SMALL_COUNTS.get(raw)
        if reading is not None:
            return reading
        if raw.isdigit() and raw.isascii() and len(raw) <= 20:
            value = int(raw)
            if value > MAX_COUNT:
                return _bad(raw, "count_range")
            reading = _new_reading(value, False, None)
            if len(raw) <= 4:
                _SMALL_COUNTS[raw] = reading
            return reading
    return _read_in_full(raw, kind, unit, header_unit)


@functools.lru_cache(maxsize=4096)
def _read_in_full(raw: str, kind: CellKind | str, unit: str, header_unit: str | None) -> Reading:
    if len(raw) > 2000:
        return _bad(raw[:60] + "…", "too_long")
    s = _SPACES.sub("", simplify(raw))
    if s.startswith("?") and len(s) > 1:
        s = s[1:]  # a lost wide space shown as ?
    if not s or _BLANK.fullmatch(s):
        return Reading(None, blank=True)
    if s in _NONE_WORDS:
        return _bad(raw, "word")
    m = _NUMBER.fullmatch(s)
    if m is None:
        return _bad(raw)
    sign, num, rest = m["sign"], m["num"], m["rest"]
    notes_en: list[str] = []
    notes_zh: list[str] = []
    if m["approx"] or m["approx2"]:
        return _bad(raw, rule="parse.value.approximate")
    if "," in num:
        if not re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", num):
            return _bad(raw)
        num = num.replace(",", "")
    if rest:
        if rest[0] not in "(（":
            return _bad(raw, "text_after")
        notes_en.append("the explanation after the number was left out")
        notes_zh.append("已略去数字后的说明")
    negative = "-" in sign or "−" in sign
    if len(sign) > 1:
        notes_en.append(f"the sign {sign!r} was read as {'-' if negative else '+'}")
        notes_zh.append(f"符号「{sign}」按「{'-' if negative else '+'}」读取")
    mag, suffix = m["mag"], m["unit"]
    if suffix == "%":
        return _bad(raw, "percentage")
    try:
        number = Decimal(num)
    except InvalidOperation:  # pragma: no cover - the pattern only admits decimal digits
        return _bad(raw)
    if negative:
        number = -number
    if kind == "amount":
        stated = (mag or "") + (suffix or "") if suffix == "元" or mag else None
        if mag and suffix != "元":
            stated = mag + "元"
        source_unit = stated or header_unit or unit
        if mag == "亿" or source_unit not in ("元", "万元"):
            return _bad(raw, "unit_unknown")
        if source_unit != unit:
            number = number * _TEN_THOUSAND if unit == "元" else number / _TEN_THOUSAND
            number = _plain(number)
            notes_en.append(f"converted from {source_unit} to {unit}")
            notes_zh.append(f"已由{source_unit}换算为{unit}")
        elif stated:
            notes_en.append(f"the unit {stated} was removed")
            notes_zh.append(f"已去掉单位「{stated}」")
        if number < 0:
            return _bad(raw, "negative_amount")
        text = format(number, "f")
        if not _AMOUNT.fullmatch(text):
            return _bad(raw, "amount_range")
        return _reading(number, raw, notes_en, notes_zh, "parse.value.unit")
    # Counts.
    if mag:
        return _bad(raw, "rounded", "parse.value.approximate")
    if number != number.to_integral_value():
        return _bad(raw, "not_whole")
    if "." in num:
        notes_en.append("a whole number written with decimals")
        notes_zh.append("整数带有小数位")
    value = int(number)
    if suffix:
        notes_en.append(f"the unit {suffix} was removed")
        notes_zh.append(f"已去掉单位「{suffix}」")
    if value < 0 and kind == "count":
        return _bad(raw, "negative_count")
    if abs(value) > MAX_COUNT:
        return _bad(raw, "count_range")
    return _reading(
        value, raw, notes_en, notes_zh, "parse.value.unit" if suffix else "parse.value.decorated"
    )


def _plain(d: Decimal) -> Decimal:
    d = d.normalize()
    if d.as_tuple().exponent > 0:  # type: ignore[operator]  # an int for the finite values read here
        d = d.quantize(Decimal(1))
    return d


def _reading(value: int | Decimal, raw: str, en: list[str], zh: list[str], rule: str) -> Reading:
    if not en:
        return Reading(value)
    severity: Literal["warning", "info"] = (
        "info" if rule == "parse.value.unit" and len(en) == 1 else "warning"
    )
    params = {"text": raw, "value": value, "notes": Bilingual("；".join(zh), "; ".join(en))}
    return Reading(value, issue=(rule, severity, "default", params))
