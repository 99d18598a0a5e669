"""The parser's findings are built from the finding registry's declarations, never by hand."""

from __future__ import annotations

import pytest

from govdisclosure.findings import FINDINGS
from govdisclosure.parse.collect import Bilingual, Collector, finding


def test_note_takes_the_declared_severity_and_wording() -> None:
    """A note names an id and its placeholders; severity and both messages come from it."""
    c = Collector()
    c.note("parse.section.missing", "/issues", number="五")
    (f,) = c.findings
    assert (f.rule, f.severity, f.pointers) == ("parse.section.missing", "info", ("/issues",))
    assert f.message_zh == "未找到第五部分的标题"
    assert f.message_en == "the heading of section 五 was not found"


def test_a_named_wording_and_a_bilingual_value() -> None:
    """A wording other than the default is picked by name; a Bilingual fills each language."""
    f = finding(
        "parse.table.missing", "/applications", number="三", title=Bilingual("表题", "title")
    )
    assert f.message_zh.startswith("表三（表题）缺失")
    assert f.message_en.startswith("table 三 (title) is missing")
    g = finding("parse.table.unplaced", "/applications", wording="extra", label="x", raws=["1"])
    assert g.message_en == "extra values after a row: row 'x', values ['1']"


def test_an_undeclared_id_or_a_severity_not_allowed_is_an_error() -> None:
    """The registry refuses an id it does not declare and a severity its declaration forbids."""
    with pytest.raises(KeyError):
        finding("parse.no-such-id")
    with pytest.raises(ValueError, match="declared"):
        finding("parse.section.missing", severity="error", number="一")
    assert "parse.agency.ambiguous" in FINDINGS
