"""Write the schema conformance cases: the examples, mutated one way each.

Each case is ``{"description", "document", "valid", "pointers"}``: ``valid`` is the verdict
every validator must give (Python's jsonschema, ajv under Node, and ``govdisclosure.loads``);
``pointers`` are locations ``loads`` must report among its findings. Run from the repository
root: ``python tests/conformance/schema/generate.py``.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
EXAMPLES = HERE.parents[2] / "examples"


def _load(name: str) -> Any:
    return json.loads((EXAMPLES / name).read_text(encoding="utf-8"))


def _at(doc: Any, pointer: str) -> tuple[Any, str]:
    parts = pointer.lstrip("/").split("/")
    for p in parts[:-1]:
        doc = doc[int(p)] if isinstance(doc, list) else doc[p]
    return doc, parts[-1]


def _set(doc: Any, pointer: str, value: Any) -> Any:
    doc = copy.deepcopy(doc)
    parent, key = _at(doc, pointer)
    if isinstance(parent, list):
        parent[int(key)] = value
    else:
        parent[key] = value
    return doc


def _delete(doc: Any, pointer: str) -> Any:
    doc = copy.deepcopy(doc)
    parent, key = _at(doc, pointer)
    del parent[key]
    return doc


def cases() -> dict[str, dict[str, Any]]:
    """Every case, by file name."""
    r21, r19, seed = (
        _load("report-2021.json"),
        _load("report-2019.json"),
        _load("muchang-2023.json"),
    )
    nd = "/applications/outcomes/not_processed"
    out: dict[str, tuple[str, Any, bool, list[str]]] = {
        "valid-example-2021": ("the complete 2021 example", r21, True, []),
        "valid-example-2019": ("the 2019 example, with a negative 本年增/减", r19, True, []),
        "valid-seed-no-tables": ("the seed: every table null", seed, True, []),
        "valid-integral-float": (
            "4.0 is the integer 4 in JSON's number model",
            _set(r21, "/review_litigation/review/total", 4.0),
            True,
            [],
        ),
        "valid-blank-cells": (
            "blank cells are null, never 0",
            _set(
                _set(r21, "/applications/new_requests/research_institution", None),
                "/proactive_disclosure/fees/amount",
                None,
            ),
            True,
            [],
        ),
        "invalid-negative-count": (
            "a count below 0",
            _set(r21, "/applications/new_requests/natural_person", -1),
            False,
            ["/applications/new_requests/natural_person"],
        ),
        "invalid-non-integer-count": (
            "a count with a fraction",
            _set(r21, "/review_litigation/review/total", 2.5),
            False,
            ["/review_litigation/review/total"],
        ),
        "invalid-boolean-count": (
            "true is not a count",
            _set(r21, "/review_litigation/direct_suit/upheld", True),
            False,
            ["/review_litigation/direct_suit/upheld"],
        ),
        "invalid-count-too-large": (
            "2^53 is past the largest exact integer",
            _set(r21, "/proactive_disclosure/licensing/decisions", 2**53),
            False,
            ["/proactive_disclosure/licensing/decisions"],
        ),
        "invalid-wrong-type-text": (
            "a number where text belongs",
            _set(r21, "/agency/name", 123),
            False,
            ["/agency/name"],
        ),
        "invalid-null-group": (
            "a group row that always exists is null",
            _set(r21, "/applications/outcomes", None),
            False,
            ["/applications/outcomes"],
        ),
        "invalid-text-list-item": (
            "a number in a list of texts",
            _set(r21, "/issues/problems/0", 1),
            False,
            ["/issues/problems/0"],
        ),
        "invalid-unknown-key": (
            "a key the model does not have",
            _set(r21, "/contact/wechat", "gov_wx"),
            False,
            ["/contact/wechat"],
        ),
        "invalid-unknown-top-level-key": (
            "a key the model does not have, at the top",
            _set(r21, "/comment", "x"),
            False,
            ["/comment"],
        ),
        "invalid-missing-key": (
            "a required key is absent",
            _delete(r21, "/period/end"),
            False,
            ["/period/end"],
        ),
        "invalid-missing-row": (
            "a row key is absent (null would mean not reported)",
            _delete(r21, f"{nd}/repeated"),
            False,
            [f"{nd}/repeated"],
        ),
        "invalid-amount-as-number": (
            "an amount written as a binary float",
            _set(r21, "/proactive_disclosure/fees/amount", 12.56),
            False,
            ["/proactive_disclosure/fees/amount"],
        ),
        "invalid-amount-with-unit": (
            "an amount with its unit left in",
            _set(r21, "/proactive_disclosure/fees/amount", "12.56万元"),
            False,
            ["/proactive_disclosure/fees/amount"],
        ),
        "invalid-amount-trailing-newline": (
            "an amount followed by a newline",
            _set(r21, "/other_matters/info_processing_fees/amount_collected", "380\n"),
            False,
            ["/other_matters/info_processing_fees/amount_collected"],
        ),
        "invalid-date-not-a-day": (
            "30 February",
            _set(r21, "/source/published", "2024-02-30"),
            False,
            ["/source/published"],
        ),
        "invalid-date-format": (
            "a date with slashes",
            _set(r21, "/period/start", "2023/01/01"),
            False,
            ["/period/start"],
        ),
        "invalid-enum": (
            "an administrative level outside the code list",
            _set(r21, "/agency/level", "city"),
            False,
            ["/agency/level"],
        ),
        "invalid-template-version": (
            "a template version that does not exist",
            _set(r21, "/template_version", "2020"),
            False,
            ["/template_version"],
        ),
        "invalid-year": (
            "a reporting year out of range",
            _set(r21, "/period/year", 1999),
            False,
            ["/period/year"],
        ),
        "invalid-division-code": (
            "a division code of five digits",
            _set(r21, "/agency/division_code", "53019"),
            False,
            ["/agency/division_code"],
        ),
        "invalid-2021-tables-as-2019": (
            "a 2021 table 二 in a report that says it follows the 2019 format",
            _set(r21, "/template_version", "2019"),
            False,
            ["/proactive_disclosure/regulations/issued"],
        ),
        "invalid-2019-other-handling-in-2021": (
            "the 2019 single （六） row in a 2021 report",
            _set(
                r21,
                "/applications/outcomes/other_handling",
                r19["applications"]["outcomes"]["other_handling"],
            ),
            False,
            ["/applications/outcomes/other_handling/natural_person"],
        ),
        "invalid-not-an-object": ("a list is not a report", [r21], False, [""]),
    }
    return {
        f"{name}.json": {"description": d, "document": doc, "valid": v, "pointers": p}
        for name, (d, doc, v, p) in out.items()
    }


def main() -> None:
    """Write every case file."""
    for name, case in cases().items():
        text = json.dumps(case, ensure_ascii=False, indent=2) + "\n"
        (HERE / name).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
