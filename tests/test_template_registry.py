"""The template registry: versions are data, and a version registered at run time works end to end.

A made-up version 「2099」 is registered here, in the test only, and gets a JSON Schema, a codec,
a catalogue, a render and a parse round trip without any change to the library's code.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

import attrs
import pytest
from jsonschema import Draft202012Validator

import govdisclosure as g
from govdisclosure import template as t
from govdisclosure.artifacts import ARTIFACTS
from govdisclosure.catalogue import catalogue, catalogue_document, cells
from govdisclosure.parse import parse
from govdisclosure.render import render
from govdisclosure.schema import json_schema
from govdisclosure.serialize import leaf_check

from .conftest import ROOT, load_json
from .test_schema import CASES

NOTICE_2099 = "国办公开办函〔2099〕1号"
#: A made-up version: the 2021 classes and tables, for the reports on 2099 and later.
MADE_UP = attrs.evolve(
    t.TEMPLATES["2021"],
    version="2099",
    notice=NOTICE_2099,
    first_year=2099,
    last_year=None,
    label=t.Label(f"2099年格式（{NOTICE_2099}）", "2099 format"),
)
#: A made-up version that mixes the classes: the 2019 table 二 with the 2021 row （六）. It has
#: a version string of its own: caches may be keyed by version string for the whole process.
MIXED = attrs.evolve(
    MADE_UP,
    version="2098",
    first_year=2098,
    label=t.Label("2098年格式", "2098 format"),
    classes={"proactive_disclosure": "ProactiveDisclosure2019", "other_handling": "OtherHandling"},
)


@pytest.fixture
def made_up() -> Iterator[t.Template]:
    """Register 「2099」 for one test, and take it out again afterwards."""
    t.register(MADE_UP)
    try:
        yield MADE_UP
    finally:
        t.unregister("2099")


@pytest.fixture
def mixed() -> Iterator[t.Template]:
    """Register the mixed 「2098」 for one test, and take it out again afterwards."""
    t.register(MIXED)
    try:
        yield MIXED
    finally:
        t.unregister("2098")


def _doc_2099(example_2021: Any) -> dict[str, Any]:
    doc: dict[str, Any] = copy.deepcopy(example_2021)
    doc["template_version"] = "2099"
    doc["period"] = {"year": 2099, "start": "2099-01-01", "end": "2099-12-31"}
    doc["source"]["published"] = "2100-01-25"
    return doc


def _validator() -> Draft202012Validator:
    return Draft202012Validator(json_schema(), format_checker=Draft202012Validator.FORMAT_CHECKER)


def test_the_built_in_registry() -> None:
    """The registry holds 2019 and 2021, oldest first, with their notices and years."""
    assert t.VERSIONS == ("2019", "2021")
    assert tuple(t.VERSIONS) == ("2019", "2021")
    assert list(t.TEMPLATES) == ["2019", "2021"]
    assert dict(t.NOTICES) == {"2019": t.NOTICE_2019, "2021": t.NOTICE_2021}
    assert [t.version_for_year(y) for y in (2018, 2019, 2020, 2021, 2030)] == [
        None,
        "2019",
        "2019",
        "2021",
        "2021",
    ]
    assert t.latest().version == "2021"
    assert t.TEMPLATES["2019"].cls("proactive_disclosure") is g.ProactiveDisclosure2019
    assert t.TEMPLATES["2021"].cls("other_handling") is g.OtherHandling


def test_registering_is_live_and_undone(made_up: t.Template) -> None:
    """VERSIONS, NOTICES, TEMPLATES, version_for_year and latest read the registry live."""
    assert t.VERSIONS == ("2019", "2021", "2099")
    assert g.VERSIONS == ("2019", "2021", "2099")
    assert "2099" in t.VERSIONS
    assert t.VERSIONS[-1] == "2099"
    assert t.NOTICES["2099"] == NOTICE_2099
    assert t.TEMPLATES["2099"] is made_up
    assert t.version_for_year(2098) == "2021"
    assert t.version_for_year(2099) == "2099"
    assert t.latest() is made_up
    with pytest.raises(ValueError, match="registered already"):
        t.register(made_up)


def test_listeners_hear_every_change() -> None:
    """A cache subscribed with on_change is told of each register and unregister."""
    heard: list[tuple[str, ...]] = []
    t.on_change(lambda: heard.append(tuple(t.VERSIONS)))
    t.register(MADE_UP)
    t.unregister("2099")
    assert heard[-2:] == [("2019", "2021", "2099"), ("2019", "2021")]


def test_unregistering_restores_every_artifact() -> None:
    """After a version comes and goes, every generated artifact is as committed."""
    t.register(MADE_UP)
    json_schema()
    catalogue()
    t.unregister("2099")
    assert t.VERSIONS == ("2019", "2021")
    for rel, generate in ARTIFACTS.items():
        assert (ROOT / rel).read_text(encoding="utf-8") == generate(), rel


def test_schema_accepts_the_new_version_and_rejects_what_it_rejected(
    made_up: t.Template, example_2021: Any, example_2019: Any
) -> None:
    """The schema's version switch reads the registry: a 2099 document is valid, the rest same."""
    validator = _validator()
    doc = _doc_2099(example_2021)
    assert validator.is_valid(doc), list(validator.iter_errors(doc))[:3]
    assert validator.is_valid(example_2021)
    assert validator.is_valid(example_2019)
    # A 2099 document is held to the 2021 layout, not the 2019 one.
    wrong = copy.deepcopy(doc)
    wrong["proactive_disclosure"] = example_2019["proactive_disclosure"]
    assert not validator.is_valid(wrong)
    assert not validator.is_valid({**doc, "template_version": "2100"})
    for path in CASES:
        case = load_json(path)
        assert validator.is_valid(case["document"]) is case["valid"], path.name


def test_codec_round_trips_the_new_version(made_up: t.Template, example_2021: Any) -> None:
    """loads/dumps and from_dict read a 2099 document, and report its problems by pointer."""
    doc = _doc_2099(example_2021)
    report = g.from_dict(doc)
    assert report.template_version == "2099"
    assert g.to_dict(report) == doc
    assert g.loads(g.dumps(report)) == report
    bad = copy.deepcopy(doc)
    bad["applications"]["new_requests"]["natural_person"] = -1
    with pytest.raises(g.ReportError) as info:
        g.from_dict(bad)
    assert [f.pointer for f in info.value.findings] == ["/applications/new_requests/natural_person"]


def test_catalogue_lists_the_new_version_cells(made_up: t.Template) -> None:
    """The catalogue gives the 2099 cells, labelled as in 2021 and listing both versions."""
    new = cells("2099")
    assert [e.pointer for e in new] == [e.pointer for e in cells("2021")]
    assert all("2021" in e.versions and "2099" in e.versions for e in new)
    versions = {v for e in catalogue_document()["entries"] for v in e["versions"]}
    assert versions == {"2019", "2021", "2099"}


def test_a_version_can_mix_the_classes(
    mixed: t.Template, example_2019: Any, example_2021: Any
) -> None:
    """The classes come from the template: a 2098 that prints the 2019 table 二 gets its cells,
    its schema, its codec, its render and its parse round trip."""
    two = {e.pointer for e in cells("2098", "二")}
    assert two == {e.pointer for e in cells("2019", "二")}
    three = {e.pointer for e in cells("2098", "三")}
    assert three == {e.pointer for e in cells("2021", "三")}
    schema = json_schema()
    table_two = schema["$defs"]["Report_2098"]["properties"]["proactive_disclosure"]
    assert table_two["anyOf"][0] == {"$ref": "#/$defs/ProactiveDisclosure2019"}
    doc = _doc_2099(example_2021)
    doc["template_version"] = "2098"
    doc["proactive_disclosure"] = example_2019["proactive_disclosure"]
    assert _validator().is_valid(doc)
    report = g.from_dict(doc)
    assert isinstance(report.proactive_disclosure, g.ProactiveDisclosure2019)
    assert g.to_dict(report) == doc
    html = render(report, "html")
    assert t.ROW_PROCUREMENT.label.zh in html
    assert parse(html, format="html").report == report


def _report_2099(example_2021: Any) -> g.Report:
    return g.from_dict(_doc_2099(example_2021))


@pytest.mark.parametrize("fmt", ["html", "text"])
def test_render_prints_the_new_version(made_up: t.Template, example_2021: Any, fmt: str) -> None:
    """The renderer lays the 2099 tables out from the template, with the version's label."""
    report = _report_2099(example_2021)
    out = render(report, fmt)
    assert f"2099年格式（{NOTICE_2099}）" in out
    for entry in cells("2099"):
        for label in (*entry.row, *entry.column):
            assert label.zh in out, label.zh
    same_as_2021 = render(attrs.evolve(report, template_version="2021"), fmt)
    assert out.replace(f"2099年格式（{NOTICE_2099}）", "") == same_as_2021.replace(
        f"2021年格式（{t.NOTICE_2021}）", ""
    )


@pytest.mark.parametrize("fmt", ["html", "text"])
def test_parse_round_trips_the_new_version(
    made_up: t.Template, example_2021: Any, fmt: str
) -> None:
    """A rendered 2099 report parses back to itself."""
    report = _report_2099(example_2021)
    assert parse(render(report, fmt), format=fmt).report == report


def test_leaf_check_is_public() -> None:
    """The codec's leaf check is public, and the old private name still works."""
    from govdisclosure import serialize
    from govdisclosure._specs import specs

    spec = dict(specs(g.ApplicantCounts))["total"]
    assert leaf_check(spec)(3) == 3
    assert serialize._leaf_check is leaf_check
