"""Which template version a report follows: its labelled line, its tables' labels, or its year.

An explicit 「报告格式版本：…」 line (a rendered report) is trusted. Otherwise the row and column
labels that only one version prints vote; a clear majority wins (with a finding when it
differs from the version the year implies). Without tables, the year decides, through
:func:`govdisclosure.template.version_for_year`.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable

from .. import template as _template
from .._layout import TABLES, column_specs, row_spec, row_specs
from ..model import Report
from ..template import VERSIONS, Version, version_for_year
from .collect import Collector
from .labels import MAX_LABEL_CHARS, Match, match_column, match_row
from .metadata import Explicit, choices
from .sections import Sections

__all__ = ["infer_version", "version_votes"]


def _versions_of_row(ident: str) -> tuple[Version, ...]:
    return tuple(v for v in VERSIONS if row_spec(v, ident) is not None)


def _versions_of_column(m: Match) -> tuple[Version, ...]:
    for c in column_specs(m.table):
        if c.key == m.ident:
            return c.versions
    return VERSIONS


@functools.lru_cache(maxsize=8192)
def _label_votes(text: str) -> tuple[Version, ...]:
    """The votes one table text casts, in order: a version for each column and each row label it
    matches (exactly, or but for an annotation) that only that version prints."""
    out: list[Version] = []
    for m in match_column(text):
        if m.quality in ("exact", "annotated"):
            vs = _versions_of_column(m)
            if len(vs) == 1:
                out.append(vs[0])
    for m in match_row(text):
        if m.quality in ("exact", "annotated"):
            vs = _versions_of_row(m.ident)
            if len(vs) == 1:
                out.append(vs[0])
    return tuple(out)


@functools.cache
def _digit_labels() -> frozenset[str]:
    """The label keys (row, column or bare column) made of ASCII digits alone: none so far."""
    keys = {k for v in VERSIONS for t in TABLES for r in row_specs(v, t) for k in r.keys}
    keys |= {k for t in TABLES for c in column_specs(t) for k in (c.key, c.bare)}
    return frozenset(k for k in keys if k.isdigit() and k.isascii())


# Registering a template version changes the labels and the versions that print them.
_template.on_change(_label_votes.cache_clear)
_template.on_change(_digit_labels.cache_clear)


def version_votes(texts: Iterable[str]) -> Counter[Version]:
    """Votes for each template version from the table labels among ``texts``."""
    votes: Counter[Version] = Counter()
    # A text printed n times casts its votes n times (the same counts, and the versions are
    # counted in the order the texts first cast them, as one text at a time would).
    for text, n in Counter(texts).items():
        if not text or len(text) > MAX_LABEL_CHARS:
            continue
        if text.isdigit() and text.isascii() and text not in _digit_labels():
            # A count: its key is itself, and matches a label only by being one (kept out of
            # the cache, which a corpus's many counts would only churn).
            continue
        for v in _label_votes(text):
            votes[v] += n
    return votes


def infer_version(
    c: Collector, explicit: Explicit, sections: Sections, year: int, pre_format: bool
) -> Version:
    """The template version of the report for ``year``, with a finding when it is inferred."""
    if "/template_version" in explicit:
        raw, loc = explicit["/template_version"]
        value = choices(Report, "template_version").get(raw.strip())
        if value in VERSIONS:
            c.source("/template_version", raw, loc)
            return value
    texts: list[str] = []
    for s in sections.parts:
        for item in s:
            if item.kind == "grid" and item.table is not None:
                texts += [cell.text for row in item.table.rows for cell in row]
            elif item.kind == "run":
                texts += [t.text for row in item.rows for t in row if not t.value]
    votes = version_votes(texts)
    # Before the first version (an older report) the first version is the placeholder.
    by_year: Version = version_for_year(year) or VERSIONS[0]
    if votes:
        ranked = votes.most_common()
        if len(ranked) == 1 or ranked[0][1] > ranked[1][1]:
            chosen = ranked[0][0]
            if chosen != by_year and not pre_format:
                c.note("parse.version.layout", "/template_version", year=year, version=chosen)
            return chosen
    if not pre_format:
        c.note("parse.version.inferred", "/template_version", year=year, version=by_year)
    return by_year
