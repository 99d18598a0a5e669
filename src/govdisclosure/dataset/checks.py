"""Checks across a corpus: each body's years in sequence, and regions against departments.

:func:`check_corpus` groups the reports by :func:`~govdisclosure.dataset.agency_key` and runs
:func:`~govdisclosure.check_series` on every body with more than one report (carry-over
continuity, rule ``T3-7`` and the table-二 carry rules). Where the corpus holds, for one
division code, year and template, one government report and the reports of departments, it
runs :func:`~govdisclosure.check_aggregate` with ``complete=False``: the departments' sum must
not exceed the government's summary (a corpus rarely holds every department).
"""

from __future__ import annotations

from collections.abc import Iterable

from ..crosscheck import check_aggregate, check_series
from ..findings import Finding
from ..model import Report
from .tables import Item, _records, agency_key

__all__ = ["check_corpus"]


def check_corpus(reports: Iterable[Item]) -> list[tuple[str, Finding]]:
    """``(group, finding)`` pairs: the group is an agency key, or ``division:year`` for a region.

    Groups come in the order of their first report.
    """
    by_agency: dict[str, list[Report]] = {}
    by_region: dict[tuple[str, int, str], list[Report]] = {}
    for rec in _records(reports):
        r = rec.report
        by_agency.setdefault(agency_key(r), []).append(r)
        if r.agency.division_code:
            region = (r.agency.division_code, r.period.year, r.template_version)
            by_region.setdefault(region, []).append(r)
    out: list[tuple[str, Finding]] = []
    for key, series in by_agency.items():
        if len(series) > 1:
            out.extend((key, f) for f in check_series(series).findings)
    for (code, year, _), group in by_region.items():
        governments = [r for r in group if r.agency.kind == "government"]
        departments = [r for r in group if r.agency.kind == "department"]
        if len(governments) == 1 and departments:
            found = check_aggregate(governments[0], departments, complete=False).findings
            out.extend((f"{code}:{year}", f) for f in found)
    return out
