"""The contact details and the prose figures read with one cached fold read what each folds."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from govdisclosure._normalize_text import aligned
from govdisclosure.parse import api
from govdisclosure.parse.collect import Collector
from govdisclosure.parse.items import items
from govdisclosure.parse.narrative import agency, contact, figures, overview
from govdisclosure.parse.raw import RawTables
from govdisclosure.parse.sections import sections

_FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "parse"
_NO_TABLES: RawTables = {
    "proactive_disclosure": None,
    "applications": None,
    "review_litigation": None,
}


@pytest.mark.parametrize(
    "name",
    [
        "html-2021-township",
        "text-agency-contact-only",
        "text-prose-table-mismatch",
        "text-traditional-pinyin",
        "text-pdf-rows",
    ],
)
def test_a_shared_fold_reads_the_same_contact_details_and_figures(name: str) -> None:
    """Passing one cached ``aligned`` to both stages gives the same values, findings and
    sources as each stage folding on its own, and folds each paragraph once."""
    source = next((_FIXTURES / name).glob("source.*"))
    fmt, payload = api._load(source, None, [])
    doc = api._read(fmt, payload)
    parts = sections(items(doc), doc.format).parts
    preamble = overview.title(Collector(), parts[0])[2]
    agency.signature(parts)
    narrative = overview.narrative_paragraphs(preamble, parts)
    shared = functools.lru_cache(maxsize=None)(aligned)
    alone, together = Collector(), Collector()
    assert contact.contact(together, {}, narrative, parts, shared) == contact.contact(
        alone, {}, narrative, parts
    )
    figures.figures(together, _NO_TABLES, narrative, shared)
    figures.figures(alone, _NO_TABLES, narrative)
    assert (together.findings, together.sources) == (alone.findings, alone.sources)
    assert alone.sources  # the fixture states something to compare
    assert shared.cache_info().hits > 0
