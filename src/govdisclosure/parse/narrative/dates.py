"""Dates: the reporting year, the statistical period and the publication date, repaired.

The text functions (:func:`find_date`, :func:`find_period`, :func:`year_from_title`) read a date
from prose, repairing dates that lost or doubled digits (and say so). The extractors take each
field from a labelled line first, then page metadata, the title, section 一's prose and the
signature date, recording where the value came from and a finding for every repair.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable

import attrs

from ..._normalize_text import aligned
from ..._specs import MAX_YEAR, MIN_YEAR
from ...readers.document import Location
from ..collect import Collector
from ..items import Item
from ..metadata import Explicit, Page
from ..raw import RawPeriod

__all__ = [
    "DateFound",
    "Stated",
    "date_value",
    "find_date",
    "find_period",
    "period",
    "published",
    "published_date",
    "repaired",
    "year",
    "year_from_title",
]


@attrs.frozen
class DateFound:
    """A date read from text; ``repaired`` when the text had lost or doubled digits."""

    date: _dt.date
    raw: str
    repaired: bool


# 「(?<!\d)(\d{4,6})」, with the look-behind after the first digit (see _RANGE below).
_FULL_DATE = re.compile(r"(\d(?<!\d\d)\d{3,5})\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})\s*日?")


def _mk(y: int, m: int, d: int) -> _dt.date | None:
    try:
        return _dt.date(y, m, d)
    except ValueError:
        return None


def find_date(text: str) -> DateFound | None:
    """The first full date in ``text`` (「2024年1月16日」, 「2024-01-16」, 「2024- 03- 08」)."""
    raw = text[:2000]
    for m in _FULL_DATE.finditer(aligned(raw)):
        year_digits = m.group(1)
        repaired = False
        if len(year_digits) > 4:
            # 「202020年」: a doubled year; keep its last four digits.
            year_digits = year_digits[-4:]
            repaired = True
        d = _mk(int(year_digits), int(m.group(2)), int(m.group(3)))
        if d is not None:
            return DateFound(d, raw[m.start() : m.end()], repaired)
    return None


def _split_md(digits: str, prefer: tuple[int, int]) -> tuple[int, int] | None:
    options = []
    for i in range(1, len(digits)):
        month, day = int(digits[:i]), int(digits[i:])
        if len(digits[i:]) > 2 or len(digits[:i]) > 2:
            continue
        if 1 <= month <= 12 and 1 <= day <= 31:
            options.append((month, day))
    if not options:
        return None
    if prefer in options:
        return prefer
    return options[0] if len(options) == 1 else None


_ONE_DATE = (
    r"(?:\d{6}|\d{4})\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日"
    r"|\d{4}\s*[-./]\s*\d{1,2}\s*[-./]\s*\d{1,2}"
    r"|\d{4}\s*年\s*\d{2,4}\s*日"
    r"|\d{5,8}\s*日"
    r"|\d{2,4}\s*日"
    r"|\d{1,2}\s*月\s*\d{1,2}\s*日"
)
# _ONE_DATE after its first digit: every form starts with one, and a pattern that starts with
# a digit lets the engine skip to the next digit instead of trying each position in turn.
_ONE_DATE_TAIL = (
    r"(?:\d{5}|\d{3})\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日"
    r"|\d{3}\s*[-./]\s*\d{1,2}\s*[-./]\s*\d{1,2}"
    r"|\d{3}\s*年\s*\d{2,4}\s*日"
    r"|\d{4,7}\s*日"
    r"|\d{1,3}\s*日"
    r"|\d?\s*月\s*\d{1,2}\s*日"
)
_RANGE = re.compile(
    # Each run of blanks has one place: 「\s*起?\s*」 back-tracks quadratically on long runs.
    # (?<!\d\d) after the first digit is (?<!\d) before it: 「(?<!\d)(?P<a>{_ONE_DATE})」.
    rf"(?P<a>\d(?<!\d\d)(?:{_ONE_DATE_TAIL}))\s*(?:起\s*)?(?:[,，]\s*)?(?:[—\-–~～至到]+|起?至)\s*"
    rf"(?P<b>{_ONE_DATE})"
)


_BLANKS = re.compile(r"\s+")
_LOOSE_FULL = re.compile(r"(\d{4})(?:年|[-./])(\d{1,2})(?:月|[-./])(\d{1,2})日?")
_LOOSE_DOUBLED = re.compile(r"(\d\d)(\d{4})年(\d{1,2})月(\d{1,2})日")
_LOOSE_MONTH_DAY = re.compile(r"(\d{1,2})月(\d{1,2})日")
_LOOSE_NO_MONTH = re.compile(r"(\d{4})年(\d{2,4})日")
_LOOSE_DIGITS = re.compile(r"(\d{4})(\d{1,4})日")
_LOOSE_DAY_DIGITS = re.compile(r"(\d{2,4})日")


def _loose(text: str, year: int | None, prefer: tuple[int, int]) -> tuple[_dt.date, bool] | None:
    s = _BLANKS.sub("", text)
    m = _LOOSE_FULL.fullmatch(s)
    if m:
        d = _mk(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        return (d, False) if d else None
    m = _LOOSE_DOUBLED.fullmatch(s)
    if m and m.group(2).startswith(m.group(1)):
        # 「202020年」: a doubled year; its last four digits.
        d = _mk(int(m.group(2)), int(m.group(3)), int(m.group(4)))
        return (d, True) if d else None
    m = _LOOSE_MONTH_DAY.fullmatch(s)
    if m and year is not None:
        d = _mk(year, int(m.group(1)), int(m.group(2)))
        return (d, False) if d else None
    m = _LOOSE_NO_MONTH.fullmatch(s) or _LOOSE_DIGITS.fullmatch(s)
    if m:
        md = _split_md(m.group(2), prefer)
        if md is None:
            return None
        d = _mk(int(m.group(1)), *md)
        return (d, True) if d else None
    m = _LOOSE_DAY_DIGITS.fullmatch(s)
    if m and year is not None:
        md = _split_md(m.group(1), prefer)
        if md is None:
            return None
        d = _mk(year, *md)
        return (d, True) if d else None
    return None


def find_period(text: str) -> tuple[_dt.date, _dt.date, str, bool] | None:
    """The statistics period stated in ``text``: start, end, the raw text, and whether repaired.

    Accepts 「2023年1月1日——2023年12月31日」, 「自2021年1月1日起至2021年12月31日止」 and the
    forms with 年 and 月 stripped by scraping (「自202111日起至20211231日止」,
    「2022年11日至1231日」), which are repaired.
    """
    raw = text[:5000]
    for m in _RANGE.finditer(aligned(raw)):
        a = _loose(m.group("a"), None, (1, 1))
        if a is None:
            continue
        b = _loose(m.group("b"), a[0].year, (12, 31))
        if b is None or b[0] < a[0]:
            continue
        return a[0], b[0], raw[m.start() : m.end()], a[1] or b[1]
    return None


# A year, but not one inside a document number (「国办公开办函〔2021〕30号」).
_YEAR = re.compile(r"(?<![\d〔［\[])((?:19|20)\d{2})(?![\d〕］\]])")


def year_from_title(title: str) -> int | None:
    """The reporting year a title names (「…2023年度…」, 「2022政府信息公开…」)."""
    m = _YEAR.search(title)
    return int(m.group(1)) if m else None


_LABELLED_YEAR = re.compile(r"\s*(\d{4})\s*年?\s*")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_DOUBLED_YEAR = re.compile(r"\d{6}\s*年")
# A year in section 一's prose: not next year's work (「转2024年度办理」) nor a document number.
_BODY_YEAR = re.compile(r"(?<![\d〔［\[转至到])((?:19|20)\d{2})\s*年度?")


#: The period the preamble or section 一 states (start, end, raw text, repaired) and its
#: paragraph, as :func:`stated_period` gives it.
Stated = tuple[_dt.date, _dt.date, str, bool, Item]


def year(
    c: Collector,
    explicit: Explicit,
    title: str | None,
    sections: list[list[Item]],
    page: Page,
    signature: DateFound | None,
    stated: Callable[[], Stated | None] | None = None,
) -> int | None:
    """The reporting year: labelled, from the title, the period, section 一, or publication.

    ``stated``, when given, gives :func:`stated_period` of ``sections``: one reading that
    :func:`period` may share.
    """
    if "/period/year" in explicit:
        raw, loc = explicit["/period/year"]
        m = _LABELLED_YEAR.fullmatch(raw)
        if m and MIN_YEAR <= int(m.group(1)) <= MAX_YEAR:
            c.source("/period/year", raw, loc)
            return int(m.group(1))
    when = published_date(page, signature)
    if "/source/published" in explicit:
        labelled = find_date(explicit["/source/published"][0])
        when = labelled.date if labelled is not None else when
    after = when.year - 1 if when is not None else None
    by_title = year_from_title(title) if title else None
    found = stated() if stated is not None else stated_period(sections)
    by_period = found[0].year if found is not None else None
    if by_title is not None and by_period is not None and by_title != by_period:
        # The year the publication date agrees with settles it; else the title's is kept.
        chosen = by_period if after == by_period else by_title
        if MIN_YEAR <= chosen <= MAX_YEAR:
            c.note(
                "parse.year.conflict",
                "/period/year",
                actual=[by_title, by_period],
                title=by_title,
                period=by_period,
                year=chosen,
            )
            return chosen
    for y in (by_title, by_period):
        if y is not None and MIN_YEAR <= y <= MAX_YEAR:
            return y
    for item in sections[1][:3]:
        if item.kind == "para":
            m = _BODY_YEAR.search(item.text)
            if m and MIN_YEAR <= int(m.group(1)) <= MAX_YEAR:
                return int(m.group(1))
    if after is not None and MIN_YEAR <= after <= MAX_YEAR:
        return after
    return None


def stated_period(sections: list[list[Item]]) -> Stated | None:
    """The period the preamble or section 一 states, and its paragraph.

    A statement wrapped over two lines (「…统计期限自 2023 年 1 月 1 日」 / 「起至 2023 年 12 月
    31 日止。」) is read across the break when the first line does not end a sentence.
    """
    paras = [i for i in (*sections[0], *sections[1]) if i.kind == "para"]
    for n, item in enumerate(paras):
        found = find_period(item.text)
        if found is None and n + 1 < len(paras) and item.text[-1:] not in "。！？；":
            found = find_period(item.text + paras[n + 1].text)
        if found is not None and MIN_YEAR <= found[0].year <= MAX_YEAR:
            return (*found, item)
    return None


def published_date(page: Page, signature: DateFound | None) -> _dt.date | None:
    """The publication date from page metadata or the signature, without recording it."""
    for role in ("published", "written"):
        for raw, _ in page.get(role, ()):
            found = find_date(raw)
            if found is not None:
                return found.date
    return signature.date if signature is not None else None


def published(
    c: Collector, explicit: Explicit, page: Page, signature: DateFound | None
) -> str | None:
    """``/source/published``: labelled, from page metadata, or the signature date."""
    if "/source/published" in explicit:
        raw, loc = explicit["/source/published"]
        return date_value(c, raw, loc, "/source/published")
    for role in ("published", "written"):
        for raw, loc in page.get(role, ()):
            found = find_date(raw)
            if found is not None:
                c.source("/source/published", raw, loc)
                repaired(c, found, "/source/published")
                return found.date.isoformat()
    if signature is not None:
        repaired(c, signature, "/source/published")
        return signature.date.isoformat()
    return None


def date_value(c: Collector, raw: str, loc: Location, ptr: str) -> str | None:
    """A labelled date at ``ptr`` as an ISO date; ``None`` with a finding when unreadable."""
    s = raw.strip()
    if not s:
        return None
    c.source(ptr, raw, loc)
    m = _ISO_DATE.fullmatch(s)
    if m:
        try:
            return _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
        except ValueError:
            pass
    found = find_date(s)
    if found is None:
        c.note("parse.date.unreadable", ptr, actual=s, text=s)
        return None
    repaired(c, found, ptr)
    return found.date.isoformat()


def repaired(c: Collector, found: DateFound, ptr: str) -> None:
    """Report a date that had to be repaired."""
    if found.repaired:
        c.note(
            "parse.date.repaired",
            ptr,
            actual=found.raw,
            text=found.raw,
            date=found.date.isoformat(),
        )


def period(
    c: Collector,
    explicit: Explicit,
    sections: list[list[Item]],
    year: int,
    stated: Callable[[], Stated | None] | None = None,
) -> RawPeriod:
    """``/period``: labelled start and end, or the period section 一 states.

    ``stated``, when given, gives :func:`stated_period` of ``sections`` (see :func:`year`).
    """
    out: RawPeriod = {"year": year, "start": None, "end": None}
    if "/period/start" in explicit or "/period/end" in explicit:
        if "/period/start" in explicit:
            raw, loc = explicit["/period/start"]
            out["start"] = date_value(c, raw, loc, "/period/start")
        if "/period/end" in explicit:
            raw, loc = explicit["/period/end"]
            out["end"] = date_value(c, raw, loc, "/period/end")
        return out
    found = stated() if stated is not None else stated_period(sections)
    if found is not None:
        start, end, raw, was_repaired, item = found
        out["start"], out["end"] = start.isoformat(), end.isoformat()
        c.source("/period/start", raw, item.location)
        c.source("/period/end", raw, item.location)
        if was_repaired:
            c.note(
                "parse.date.repaired",
                "/period/start",
                wording="period_digits" if _DOUBLED_YEAR.search(raw) else "period",
                actual=raw,
                text=raw,
                start=start.isoformat(),
                end=end.isoformat(),
            )
    return out
