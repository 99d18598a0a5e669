"""Property: a rendered report parses back to itself, ``parse(render(r)) == r``, in every format.

Reports come from :func:`govdisclosure.strategies.reports` (both template versions, blanks,
missing rows and tables, huge counts, any amount). The only restriction is on generated
*narrative text*, and it is exactly what a rendered document cannot carry unambiguously:

* A paragraph must be one the parser keeps as it is (``parse._plain_paragraph``): not empty, no
  leading or trailing white space, no control or line/paragraph-separator characters, no run of
  ASCII white space (HTML collapses it), and nothing the parser reads as structure — a section
  heading, a numbered sub-section 「（一）」, a labelled field 「电话：…」, a table row label,
  page furniture, a bare date, mirror-site spam, a paragraph break 「。 」. A text that fails
  is prefixed with 「文」 (which defuses a structural start), or else replaced by 「文本」.
* Fields printed as one paragraph (title, names, headings, list items, the last sub-section's
  text, contact details) have no line breaks; multi-paragraph fields join plain paragraphs
  with ``\\n``.
* A labelled value (a contact detail, the URL) does not end in 「**」: after 「网站：」 that is
  Markdown's bold closing, and the parser drops it.
* A sub-section heading starts with its number 「（一）」 and has no 「。」: plain text marks a
  sub-section only by its number, and its heading ends at the first 「。」.
* The closing text of section 一 is the text after its last sub-section, so without
  sub-sections there is none.

Table cells are never restricted: ``None`` stays ``None`` and 0 stays 0.
"""

from __future__ import annotations

import os
import re
import unicodedata
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govdisclosure as g
from govdisclosure.parse import _plain_paragraph, parse
from govdisclosure.render import render
from govdisclosure.strategies import reports

SETTINGS = settings(
    # 30 keeps the suite quick on two cores; GD_EXAMPLES=600 is the deep run.
    max_examples=int(os.environ.get("GD_EXAMPLES", "30")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
_ORDINALS = "一二三四五六七八九十"
_ASCII_WS = re.compile(r"[ \t\n\r\f\v]+")


def _paragraph(text: str) -> str:
    s = "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cs", "Zl", "Zp"))
    s = _ASCII_WS.sub(" ", s).strip()
    if not s:
        return "文本"
    for candidate in (s, "文" + s):
        if _plain_paragraph(candidate):
            return candidate
    return "文本"


def _line(text: str | None) -> str | None:
    return None if text is None else _paragraph(text)


def _paragraphs(text: str | None) -> str | None:
    if text is None:
        return None
    return "\n".join(_paragraph(p) for p in text.split("\n"))


def _meta_value(text: str | None, nullable: bool = True) -> str | None:
    """A value printed after 「label：」 on its own line."""
    if text is None:
        return None
    s = _paragraph(text)
    if s.endswith("**"):
        # 「网站：…**」 reads as Markdown's bold closing after the value (parse/metadata.py).
        return "文本"
    return s if _plain_paragraph("名称" + s) or not nullable else "文本"


def restrict(report: g.Report) -> g.Report:
    """The report with its narrative text restricted as the module docstring says."""
    r = g.from_dict(g.to_dict(report))  # a deep copy
    r.source.title = _line(r.source.title)
    r.source.url = _meta_value(r.source.url)
    r.agency.name = _meta_value(r.agency.name) or "文本"
    o = r.overview
    o.text = _paragraphs(o.text)
    for i, sub in enumerate(o.subsections):
        head = _paragraph(sub.heading.replace("。", ""))
        sub.heading = f"（{_ORDINALS[i % 10]}）{head}"
        if not _plain_paragraph("文" + sub.heading[3:] + "。"):
            sub.heading = f"（{_ORDINALS[i % 10]}）文本"
        last = i == len(o.subsections) - 1
        sub.text = _line(sub.text) if last else _paragraphs(sub.text)
    o.closing = _paragraphs(o.closing) if o.subsections else None
    r.issues.text = _paragraphs(r.issues.text)
    r.issues.problems = [_paragraph(x) for x in r.issues.problems]
    r.issues.measures = [_paragraph(x) for x in r.issues.measures]
    r.other_matters.text = _paragraphs(r.other_matters.text)
    for field in attrs.fields(g.Contact):
        setattr(r.contact, field.name, _meta_value(getattr(r.contact, field.name)))
    return r


def _diff(a: Any, b: Any, path: str = "") -> list[str]:
    if isinstance(a, dict) and isinstance(b, dict):
        return [d for k in a for d in _diff(a[k], b.get(k), f"{path}/{k}")]
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        return [
            d for i, (x, y) in enumerate(zip(a, b, strict=True)) for d in _diff(x, y, f"{path}/{i}")
        ]
    return [] if a == b else [f"{path}: {a!r} != {b!r}"]


def _check(report: g.Report, fmt: str) -> None:
    report = restrict(report)
    text = render(report, fmt)
    if isinstance(text, bytes):  # docx
        result = parse(text, format="docx")
        shown = render(report, "text")
    else:
        result = parse(text, format="html" if fmt == "html" else "text")
        shown = text
    assert result.report is not None, [f.message_en for f in result.findings]
    if result.report != report:
        diffs = _diff(g.to_dict(report), g.to_dict(result.report))
        pytest.fail("\n".join(diffs[:20]) + "\n\n" + shown[:3000])


@pytest.mark.parametrize("fmt", ["html", "markdown", "text", "docx"])
@pytest.mark.parametrize("version", ["2019", "2021"])
@SETTINGS
@given(data=st.data())
def test_parse_render_round_trip(fmt: str, version: str, data: st.DataObject) -> None:
    report = data.draw(reports(version))
    _check(report, fmt)


@pytest.mark.parametrize("fmt", ["html", "markdown", "text", "docx"])
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report=reports(consistent=True))
def test_consistent_reports_round_trip(fmt: str, report: g.Report) -> None:
    _check(report, fmt)
