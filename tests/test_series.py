"""The pointers a series finding names, in its fields and in its messages, are list positions."""

from __future__ import annotations

from typing import Any

import attrs

import govdisclosure as g
from govdisclosure.crosscheck import check_series


def test_a_blank_table_is_named_by_its_position_in_the_message(example_2021: Any) -> None:
    """A blank table 三 of last year's report, passed first, is ``/0/…`` in ``missing`` and in
    both messages, never the rule's own ``/previous/…``."""
    current = g.from_dict(example_2021)
    previous = attrs.evolve(current, period=g.Period(year=2022), applications=None)
    result = check_series([previous, current])
    unchecked = [f for f in result.findings if f.rule.startswith("T3-7") and not f.checkable]
    assert unchecked
    for found in unchecked:
        assert found.missing == ("/0/applications",)
        assert "/0/applications" in found.message_en
        assert "/0/applications" in found.message_zh
        assert "/previous" not in found.message_en + found.message_zh
        assert "/current" not in found.message_en + found.message_zh
        assert all(p.startswith(("/0/", "/1/")) for p in found.pointers)


def test_a_blank_cell_of_this_year_is_named_by_its_position(example_2021: Any) -> None:
    """A blank cell in this year's report, passed second, is ``/1/…`` in the message."""
    current = g.from_dict(example_2021)
    assert current.applications is not None
    assert current.applications.carried_over is not None
    current.applications.carried_over.total = None
    previous = attrs.evolve(g.from_dict(example_2021), period=g.Period(year=2022))
    result = check_series([previous, current])
    (found,) = [f for f in result.findings if f.rule == "T3-7.total"]
    assert found.missing == ("/1/applications/carried_over/total",)
    assert "(1 blank: /1/applications/carried_over/total)" in found.message_en
