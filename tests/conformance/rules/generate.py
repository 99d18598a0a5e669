"""Write the rule conformance cases: base documents, JSON Patches and their exact findings.

Run from the repository root: ``python tests/conformance/rules/generate.py``. The committed JSON
files are the suite; this script only writes them. It reads the rule catalogue as published
(``schemas/rules.json``) and computes every expected finding with its own small evaluator of
that JSON, written independently of ``govdisclosure.rules`` and ``govdisclosure.validate``,
as another implementation would. The expected findings of the schema cases are written by hand.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
ROOT = HERE.parents[2]
VERSIONS = ("2019", "2021")
BLANK = object()


def _load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def _dump(value: Any, indent: str = "") -> str:
    """JSON with two-space indentation, and arrays of plain values kept on one line."""
    inner = indent + "  "
    flat = json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
    scalars = isinstance(value, dict) and not any(
        isinstance(v, (dict, list)) for v in value.values()
    )
    if scalars and len(flat) + len(indent) <= 100:
        return flat
    if isinstance(value, dict) and value:
        items = [
            f"{inner}{json.dumps(k, ensure_ascii=False)}: {_dump(v, inner)}"
            for k, v in value.items()
        ]
        return "{\n" + ",\n".join(items) + "\n" + indent + "}"
    if isinstance(value, list) and any(isinstance(v, (dict, list)) for v in value):
        return "[\n" + ",\n".join(inner + _dump(v, inner) for v in value) + "\n" + indent + "]"
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def _write(path: Path, document: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(_dump(document) + "\n", encoding="utf-8")


CATALOGUE = _load(ROOT / "schemas" / "catalogue.json")["entries"]
RULES = _load(ROOT / "schemas" / "rules.json")["rules"]


# -- A second, independent reading of the rule catalogue ------------------------------------------


def resolve(doc: Any, ptr: str) -> tuple[Any, str | None]:
    """The value at ``ptr``, or (BLANK, the pointer of the first null on the way)."""
    here = ""
    for token in ptr[1:].split("/"):
        here += "/" + token
        if not isinstance(doc, dict) or doc.get(token) is None:
            return BLANK, here
        doc = doc[token]
    return doc, None


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _bound(edge: dict[str, Any] | None, year: int) -> dt.date | None:
    if edge is None:
        return None
    month, day = map(int, edge["month_day"].split("-"))
    return dt.date(year + edge["year_offset"], month, day)


def _unchecked(rule: dict[str, Any], missing: list[str]) -> dict[str, Any]:
    return {
        "rule": rule["id"],
        "severity": "info",
        "pointers": rule["pointers"],
        "checkable": False,
        "missing": list(dict.fromkeys(missing)),
    }


def _fired(rule: dict[str, Any], expected: Any, actual: Any, difference: Any) -> dict[str, Any]:
    return {
        "rule": rule["id"],
        "severity": rule["severity"],
        "pointers": rule["pointers"],
        "checkable": True,
        "expected": expected,
        "actual": actual,
        "difference": difference,
    }


def evaluate(rule: dict[str, Any], get: Any) -> dict[str, Any] | None:
    """Evaluate one published rule; ``get(ptr)`` returns (value, blank pointer)."""
    got = [get(p) for p in rule["pointers"]]
    values = [v for v, _ in got]
    blanks = [b for _, b in got if b is not None]
    kind = rule["kind"]
    if kind == "deadline":
        year, published, agency_kind, level = values
        agency_kind = None if agency_kind is BLANK else agency_kind
        level = None if level is BLANK else level
        case = next(
            (
                c
                for c in rule["cases"]
                if c["kind"] == agency_kind and (c["levels"] is None or level in c["levels"])
            ),
            None,
        )
        if case is None:
            return _unchecked(rule, [got[2][1] if agency_kind is None else got[3][1]])
        if case["deadline"] is None:
            return None
        if year is BLANK or published is BLANK:
            return _unchecked(rule, [b for _, b in got[:2] if b is not None])
        last = _bound(case["deadline"], year)
        assert last is not None
        published = _date(published)
        if published <= last:
            return None
        return _fired(rule, last.isoformat(), published.isoformat(), (published - last).days)
    if blanks:
        return _unchecked(rule, blanks)
    if kind in ("sum", "equality", "inequality"):
        sides = {"actual": 0, "expected": 0}
        for term, value in zip(rule["terms"], values, strict=True):
            sides[term["side"]] += term["weight"] * value
        difference = sides["actual"] - sides["expected"]
        holds = difference == 0 or (rule["op"] == "<=" and difference < 0)
        return None if holds else _fired(rule, sides["expected"], sides["actual"], difference)
    if kind == "date-window":
        year, date = values[0], _date(values[1])
        first, last = _bound(rule["window"]["start"], year), _bound(rule["window"]["end"], year)
        span = [None if d is None else d.isoformat() for d in (first, last)]
        if first is not None and date < first:
            return _fired(rule, span, date.isoformat(), (date - first).days)
        if last is not None and date > last:
            return _fired(rule, span, date.isoformat(), (date - last).days)
        return None
    if kind == "date-order":
        earlier, later = _date(values[0]), _date(values[1])
        if earlier <= later:
            return None
        return _fired(rule, later.isoformat(), earlier.isoformat(), (earlier - later).days)
    raise AssertionError(kind)


def report_rules(version: str) -> list[dict[str, Any]]:
    return [r for r in RULES if r["scope"] == "report" and version in r["versions"]]


def expect_report(doc: Any) -> list[dict[str, Any]]:
    version = doc["template_version"]
    out = []
    for rule in report_rules(version):
        found = evaluate(rule, lambda p: resolve(doc, p))
        if found is not None:
            out.append(found)
    return out


def series_rules(previous: str, current: str) -> list[dict[str, Any]]:
    return [
        r
        for r in RULES
        if r["scope"] == "series" and previous in r["versions"] and current in r["versions"]
    ]


def expect_series(docs: list[Any]) -> list[dict[str, Any]]:
    """Series findings for two reports of consecutive years (the only shape the cases use)."""
    (j, previous), (i, current) = sorted(enumerate(docs), key=lambda x: x[1]["period"]["year"])
    where = {"previous": f"/{j}", "current": f"/{i}"}
    pair = {"previous": previous, "current": current}

    def move(ptr: str) -> str:
        root, _, rest = ptr[1:].partition("/")
        return where[root] + "/" + rest

    out = []
    for rule in series_rules(previous["template_version"], current["template_version"]):

        def get(ptr: str) -> tuple[Any, str | None]:
            value, blank = resolve(pair, ptr)
            return value, None if blank is None else move(blank)

        found = evaluate(rule, get)
        if found is not None:
            found["pointers"] = [move(p) for p in found["pointers"]]
            out.append(found)
    return out


def count_cells(version: str) -> list[str]:
    return [
        e["pointer"]
        for e in CATALOGUE
        if e["role"] == "cell"
        and e["kind"] == "count"
        and e["table"] in ("三", "四")
        and version in e["versions"]
    ]


def expect_aggregate(summary: Any, departments: list[Any], complete: bool) -> list[dict[str, Any]]:
    rid = "A-1" if complete else "A-2"
    out = []
    for ptr in count_cells(summary["template_version"]):
        pointers = ["/summary" + ptr, *(f"/departments/{k}{ptr}" for k in range(len(departments)))]
        got = [resolve(summary, ptr), *(resolve(d, ptr) for d in departments)]
        prefixes = ["/summary", *(f"/departments/{k}" for k in range(len(departments)))]
        blanks = [pre + b for pre, (_, b) in zip(prefixes, got, strict=True) if b is not None]
        if blanks:
            out.append(
                {
                    "rule": rid,
                    "severity": "info",
                    "pointers": pointers,
                    "checkable": False,
                    "missing": blanks,
                }
            )
            continue
        actual = got[0][0]
        expected = sum(v for v, _ in got[1:])
        difference = actual - expected
        if difference == 0 or (not complete and difference > 0):
            continue
        out.append(
            {
                "rule": rid,
                "severity": "warning",
                "pointers": pointers,
                "checkable": True,
                "expected": expected,
                "actual": actual,
                "difference": difference,
            }
        )
    return out


# -- Documents and patches --------------------------------------------------------------------


def apply(doc: Any, patch: list[dict[str, Any]]) -> Any:
    """Apply a JSON Patch (RFC 6902: add, replace, remove) to a copy of ``doc``."""
    doc = copy.deepcopy(doc)
    for op in patch:
        tokens = [t.replace("~1", "/").replace("~0", "~") for t in op["path"][1:].split("/")]
        parent = doc
        for t in tokens[:-1]:
            parent = parent[int(t)] if isinstance(parent, list) else parent[t]
        last = tokens[-1]
        if op["op"] == "remove":
            del parent[last]
        else:
            parent[last] = copy.deepcopy(op["value"])
    return doc


def _replace(path: str, value: Any) -> dict[str, Any]:
    return {"op": "replace", "path": path, "value": value}


def _bases() -> dict[str, Any]:
    bases = {
        "report-2021": _load(ROOT / "examples" / "report-2021.json"),
        "report-2019": _load(ROOT / "examples" / "report-2019.json"),
        "no-tables-2023": _load(ROOT / "examples" / "muchang-2023.json"),
    }
    for name in ("report-2021", "report-2019"):
        doc = bases[name]
        # Complete documents: a blank the example leaves (outside every rule) becomes 0.
        for e in CATALOGUE:
            cell = e["role"] == "cell" and doc["template_version"] in e["versions"]
            if cell and resolve(doc, e["pointer"])[1] is not None:
                assert not any(e["pointer"] in r["pointers"] for r in RULES), e["pointer"]
                doc = apply(doc, [_replace(e["pointer"], 0)])
        assert expect_report(doc) == [], name
        bases[name] = doc
    return bases


def _input(base: str, patch: list[dict[str, Any]]) -> dict[str, Any]:
    return {"document": base, "patch": patch}


def _case(id: str, description: str, version: str | None, **body: Any) -> dict[str, Any]:
    return {"id": id, "description": description, "version": version, **body}


def _fire_patch(rule: dict[str, Any], doc: Any) -> tuple[list[dict[str, Any]], str]:
    """A patch that makes ``rule`` fail on ``doc``, and a description of it."""
    kind, ptrs = rule["kind"], rule["pointers"]
    year = doc["period"]["year"]
    if kind in ("sum", "equality"):
        main = rule["terms"][0]["pointer"]
        value = resolve(doc, main)[0]
        return [_replace(main, value + 1)], f"{main} is one more than it should be"
    if kind == "inequality":
        small, *large = (t["pointer"] for t in rule["terms"])
        bound = sum(resolve(doc, p)[0] for p in large)
        return [_replace(small, bound + 1)], f"{small} exceeds its bound by one"
    if rule["id"] == "R-1.period-start":
        return [_replace(ptrs[1], f"{year - 1}-12-01")], "the period starts in the year before"
    if rule["id"] == "R-1.period-end":
        return [_replace(ptrs[1], f"{year + 1}-01-15")], "the period ends in the next year"
    if rule["id"] == "R-1.period-order":
        return (
            [_replace(ptrs[0], f"{year}-12-31"), _replace(ptrs[1], f"{year}-01-01")],
            "start and end are swapped",
        )
    if rule["id"] == "R-1.published":
        return [_replace(ptrs[1], f"{year}-12-30")], "published before the year ended"
    if rule["id"] == "R-1.deadline":
        return [_replace(ptrs[1], f"{year + 1}-02-01")], "a department publishes on 1 February"
    raise AssertionError(rule["id"])


def _nullable(ptr: str) -> bool:
    return any(e["pointer"] == ptr and e["nullable"] for e in CATALOGUE)


def _blank_for(rule: dict[str, Any]) -> str:
    """A cell whose blank makes ``rule`` not checkable."""
    if rule["kind"] == "deadline":
        return str(rule["pointers"][1])  # the publication date
    return str(next(p for p in rule["pointers"][::-1] if _nullable(p)))


def report_cases(bases: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    files: dict[str, list[dict[str, Any]]] = {}
    for version in VERSIONS:
        name = f"report-{version}"
        doc = bases[name]
        for rule in report_rules(version):
            group = {"二": "table2", "三": "table3", "四": "table4"}.get(rule["table"], "report")
            patch, what = _fire_patch(rule, doc)
            files.setdefault(group, []).append(
                _case(
                    f"{rule['id']}/{version}/fails",
                    f"{rule['id']} fails: {what}",
                    version,
                    check="report",
                    input=_input(name, patch),
                    expected=expect_report(apply(doc, patch)),
                )
            )
            blank = _blank_for(rule)
            patch = [_replace(blank, None)]
            files[group].append(
                _case(
                    f"{rule['id']}/{version}/not-checkable",
                    f"{rule['id']} is not checkable: {blank} is blank",
                    version,
                    check="report",
                    input=_input(name, patch),
                    expected=expect_report(apply(doc, patch)),
                )
            )
    return files


def extra_report_cases(bases: dict[str, Any]) -> list[dict[str, Any]]:
    """Valid documents, blank rows and tables, and the deadline table."""
    out = []

    def add(id: str, description: str, base: str, patch: list[dict[str, Any]]) -> None:
        doc = bases[base]
        out.append(
            _case(
                id,
                description,
                doc["template_version"],
                check="report",
                input=_input(base, patch),
                expected=expect_report(apply(doc, patch)),
            )
        )

    add("valid/2021", "the complete, consistent 2021 example", "report-2021", [])
    add("valid/2019", "the complete, consistent 2019 example", "report-2019", [])
    add("valid/no-tables", "a township report without tables", "no-tables-2023", [])
    add(
        "blank-row/2021",
        "row （六）其他处理 3.其他 is blank: its rules name the row as missing",
        "report-2021",
        [_replace("/applications/outcomes/other_handling/other", None)],
    )
    add(
        "blank-row/2019",
        "row （六）其他处理 is blank",
        "report-2019",
        [_replace("/applications/outcomes/other_handling", None)],
    )
    add(
        "blank-table/2021",
        "table 四 is absent",
        "report-2021",
        [_replace("/review_litigation", None)],
    )
    add(
        "two-cells/2021",
        "two inconsistencies in two tables",
        "report-2021",
        [
            _replace("/review_litigation/direct_suit/total", 7),
            _replace("/applications/new_requests/commercial_enterprise", 0),
        ],
    )
    for kind, level, published, what in (
        ("government", "county", "03-31", "a county government publishes on the last day"),
        ("government", "county", "04-01", "a county government publishes one day late"),
        ("government", "provincial", "04-01", "a provincial government publishes late"),
        ("government", "township", "06-30", "townships have no statutory deadline"),
        ("government", None, "02-01", "a government of unknown level: not checkable"),
        ("department", None, "02-01", "a department of unknown level is county or above"),
        ("department", "township", "06-30", "a township department: no statutory deadline"),
        ("other", "county", "06-30", "other bodies: no statutory deadline"),
        (None, "county", "02-01", "an agency of unknown kind: not checkable"),
        ("department", "central", "01-31", "a central department publishes on the last day"),
    ):
        add(
            f"R-1.deadline/2021/{kind}-{level}-{published}",
            what,
            "report-2021",
            [
                _replace("/agency/kind", kind),
                _replace("/agency/level", level),
                _replace("/source/published", f"2024-{published}"),
            ],
        )
    return out


def schema_cases(bases: dict[str, Any]) -> list[dict[str, Any]]:
    """Inputs that are not valid documents; their findings are written out by hand."""
    cell = "/applications/new_requests/natural_person"
    bound = ["T3-1.natural_person", "T3-4.new_requests"]
    doc = bases["report-2021"]
    blanked = apply(doc, [_replace(cell, None)])
    rules_on_blank = [f for f in expect_report(blanked) if f["rule"] in bound]
    return [
        _case(
            "schema/not-json",
            "text that is not JSON",
            None,
            check="report",
            input={"text": "{not json"},
            expected=[{"rule": "json.syntax", "severity": "error", "pointers": []}],
        ),
        _case(
            "schema/empty",
            "an empty text",
            None,
            check="report",
            input={"text": ""},
            expected=[{"rule": "json.syntax", "severity": "error", "pointers": []}],
        ),
        _case(
            "schema/array",
            "a JSON array",
            None,
            check="report",
            input={"json": [1, 2]},
            expected=[{"rule": "schema.type", "severity": "error", "pointers": [""]}],
        ),
        _case(
            "schema/wrong-type",
            "a count given as a string: a schema error, and the rules binding it not checkable",
            "2021",
            check="report",
            input=_input("report-2021", [_replace(cell, "42")]),
            expected=[
                {"rule": "schema.type", "severity": "error", "pointers": [cell]},
                *rules_on_blank,
            ],
        ),
        _case(
            "schema/unknown-key",
            "an unknown key: the rules still run, and an inconsistency is still found",
            "2021",
            check="report",
            input=_input(
                "report-2021",
                [
                    {"op": "add", "path": "/remarks", "value": "x"},
                    _replace("/review_litigation/review/total", 99),
                ],
            ),
            expected=[
                {"rule": "schema.unknown-key", "severity": "error", "pointers": ["/remarks"]},
                *expect_report(apply(doc, [_replace("/review_litigation/review/total", 99)])),
            ],
        ),
    ]


def _previous_fix(current: Any) -> list[dict[str, Any]]:
    """A patch turning ``current`` into last year's report, exactly continuous with it."""
    year = current["period"]["year"]
    fix = [
        _replace(
            "/period", {"year": year - 1, "start": f"{year - 1}-01-01", "end": f"{year - 1}-12-31"}
        ),
        _replace("/source/published", f"{year}-01-20"),
        _replace("/applications/carried_forward", current["applications"]["carried_over"]),
    ]
    version = current["template_version"]
    for rule in series_rules(version, version):
        ptr = rule["terms"][0]["pointer"].removeprefix("/current")
        row = resolve(current, ptr.rsplit("/", 1)[0])[0]
        if rule["base"] == "T2-2":
            value = row["in_force"] - row["issued"] + row["repealed"]
        elif rule["base"] == "T2'-2":
            value = row["previous_items"] - row["change"]
        else:
            continue
        assert value >= 0
        fix.append(_replace(ptr, value))
    return fix


def derived_bases(bases: dict[str, Any]) -> dict[str, Any]:
    """Last year's reports for the series cases; two departments' halves for the aggregates."""
    out = {}
    for version in VERSIONS:
        current = bases[f"report-{version}"]
        out[f"previous-{version}"] = apply(current, _previous_fix(current))
        cells = count_cells(version)
        out[f"department-a-{version}"] = apply(
            current, [_replace(p, resolve(current, p)[0] // 2) for p in cells]
        )
        out[f"department-b-{version}"] = apply(
            current,
            [_replace(p, resolve(current, p)[0] - resolve(current, p)[0] // 2) for p in cells],
        )
    return out


def series_cases(bases: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for version in VERSIONS:
        name, before = f"report-{version}", f"previous-{version}"
        current, previous = bases[name], bases[before]
        out.append(
            _case(
                f"series/{version}/continuous",
                "two consecutive years that carry over exactly",
                version,
                check="series",
                inputs=[_input(before, []), _input(name, [])],
                expected=expect_series([previous, current]),
            )
        )
        assert out[-1]["expected"] == [], version
        out.append(
            _case(
                f"series/{version}/any-order",
                "the reports may come in any order; pointers follow the order given",
                version,
                check="series",
                inputs=[
                    _input(name, [_replace("/applications/carried_over/total", 0)]),
                    _input(before, []),
                ],
                expected=expect_series(
                    [apply(current, [_replace("/applications/carried_over/total", 0)]), previous]
                ),
            )
        )
        for rule in series_rules(version, version):
            main = rule["terms"][0]["pointer"].removeprefix("/current")
            for suffix, value, what in (
                ("fails", resolve(current, main)[0] + 1, "is one more than last year implies"),
                ("not-checkable", None, "is blank"),
            ):
                patch = [_replace(main, value)]
                out.append(
                    _case(
                        f"{rule['id']}/{version}/{suffix}",
                        f"{rule['id']}: this year's {main} {what}",
                        version,
                        check="series",
                        inputs=[_input(before, []), _input(name, patch)],
                        expected=expect_series([previous, apply(current, patch)]),
                    )
                )
    return out


def aggregate_cases(bases: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    cell = "/applications/outcomes/disclosed/natural_person"
    for version in VERSIONS:
        name, a, b = f"report-{version}", f"department-a-{version}", f"department-b-{version}"
        bumped = [_replace(cell, resolve(bases[name], cell)[0] + 1)]
        too_many = [_replace(cell, resolve(bases[name], cell)[0] + 1)]
        for id, what, complete, summary_patch, depts in (
            (
                "A-1/{v}/holds",
                "two departments that add up to the summary",
                True,
                [],
                [(a, []), (b, [])],
            ),
            (
                "A-1/{v}/fails",
                "the summary is one more than its departments",
                True,
                bumped,
                [(a, []), (b, [])],
            ),
            (
                "A-1/{v}/not-checkable",
                "a department leaves a cell blank",
                True,
                [],
                [(a, [_replace(cell, None)]), (b, [])],
            ),
            (
                "A-2/{v}/holds",
                "one department of several: at most the summary",
                False,
                [],
                [(a, [])],
            ),
            ("A-2/{v}/fails", "one department exceeds the summary", False, [], [(a, too_many)]),
            (
                "A-2/{v}/not-checkable",
                "the summary leaves a cell blank",
                False,
                [_replace(cell, None)],
                [(a, [])],
            ),
        ):
            docs = [apply(bases[d], p) for d, p in depts]
            out.append(
                _case(
                    id.format(v=version),
                    what,
                    version,
                    check="aggregate",
                    complete=complete,
                    summary=_input(name, summary_patch),
                    departments=[_input(d, p) for d, p in depts],
                    expected=expect_aggregate(apply(bases[name], summary_patch), docs, complete),
                )
            )
    return out


def main() -> None:
    bases = _bases()
    bases.update(derived_bases(bases))
    files = report_cases(bases)
    files["report"] = [*files.get("report", []), *extra_report_cases(bases)]
    files["schema"] = schema_cases(bases)
    files["series"] = series_cases(bases)
    files["aggregate"] = aggregate_cases(bases)
    for old in (*(HERE / "cases").glob("*.json"), *(HERE / "documents").glob("*.json")):
        old.unlink()
    for name, doc in bases.items():
        _write(HERE / "documents" / f"{name}.json", doc)
    total = 0
    for group, cases in sorted(files.items()):
        _write(HERE / "cases" / f"{group}.json", {"cases": cases})
        total += len(cases)
    print(f"wrote {total} cases in {len(files)} files")


if __name__ == "__main__":
    main()
