"""Parser fidelity on the hand-checked corpus: one summary line, or per-case diffs.

Every case under ``tests/fixtures/fidelity/<case>/`` holds one source (``source.*``) and its
hand-written truth (``truth.json``; the format is in that folder's ``README.md``). This script
parses each source with the public API, :func:`govdisclosure.parse`, and compares:

* agency name, year and template version: *right*, *wrong* (a non-null value that differs from
  the truth: "confidently wrong") or *missing* (no value where the truth has one); a null truth
  is right only when the parser gives no value;
* the period's start and end dates (cases whose truth states a period), and the title (cases
  whose truth states one, or states that there is none), the same way;
* every printed cell (exact; a *wrong value* is a non-null value that differs from the printed
  one, a lost cell is ``None``), and *invented* values: a non-null value the parser places where
  the source prints none or prints a blank;
* absent tables: each must come with a ``parse.table.missing`` finding pointing at it;
* expected findings: each finding id the truth lists must be emitted.

Run ``python eval/fidelity.py [--json] [--verbose] [--root DIR]``. The exit status is 0 whatever
the accuracy: this is a measurement, not a gate.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import attrs

from govdisclosure import ParseError, parse, to_dict

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "fixtures" / "fidelity"

#: The tables by number and the JSON Pointer of each.
TABLES = {"二": "/proactive_disclosure", "三": "/applications", "四": "/review_litigation"}


@attrs.define
class Tally:
    """Right, confidently wrong and missing counts for one field."""

    right: int = 0
    wrong: int = 0
    missing: int = 0

    def add(self, verdict: str) -> None:
        setattr(self, verdict, getattr(self, verdict) + 1)

    @property
    def total(self) -> int:
        return self.right + self.wrong + self.missing


@attrs.define
class CaseResult:
    """What the parser got right and wrong on one case."""

    name: str
    verdicts: dict[str, str] = attrs.Factory(dict)
    got: dict[str, Any] = attrs.Factory(dict)
    want: dict[str, Any] = attrs.Factory(dict)
    cells_printed: int = 0
    cells_exact: int = 0
    cell_diffs: list[tuple[str, Any, Any]] = attrs.Factory(list)
    invented: list[tuple[str, Any]] = attrs.Factory(list)
    absent_tables: int = 0
    absent_flagged: int = 0
    findings_expected: int = 0
    findings_emitted: int = 0
    missing_findings: list[str] = attrs.Factory(list)
    error: str | None = None


@attrs.define
class Summary:
    """The totals over the corpus."""

    cases: int = 0
    agency: Tally = attrs.Factory(Tally)
    year: Tally = attrs.Factory(Tally)
    version: Tally = attrs.Factory(Tally)
    title: Tally = attrs.Factory(Tally)
    period: Tally = attrs.Factory(Tally)
    cells_printed: int = 0
    cells_exact: int = 0
    cells_wrong: int = 0
    invented: int = 0
    absent_tables: int = 0
    absent_flagged: int = 0
    findings_expected: int = 0
    findings_emitted: int = 0
    no_report: int = 0

    def line(self) -> str:
        """The one-line summary."""

        def t(name: str, x: Tally) -> str:
            return f"{name} {x.right} right / {x.wrong} wrong / {x.missing} missing"

        return (
            f"fidelity: {self.cases} cases ({self.no_report} no report) | "
            f"{t('agency', self.agency)} | {t('year', self.year)} | "
            f"{t('version', self.version)} | {t('period', self.period)} | "
            f"{t('title', self.title)} | "
            f"cells {self.cells_exact}/{self.cells_printed} exact "
            f"({self.cells_wrong} wrong values), "
            f"{self.invented} invented | "
            f"absent tables {self.absent_flagged}/{self.absent_tables} with parse.table.missing | "
            f"expected findings {self.findings_emitted}/{self.findings_expected}"
        )


def cases(root: Path = CORPUS) -> list[Path]:
    """The case folders of a corpus, sorted by name."""
    return sorted(p for p in root.iterdir() if p.is_dir() and (p / "truth.json").is_file())


def _leaves(value: Any, pointer: str) -> Iterator[tuple[str, Any]]:
    if isinstance(value, dict):
        for key, sub in value.items():
            yield from _leaves(sub, f"{pointer}/{key}")
    else:
        yield pointer, value


def table_cells(report: Any) -> dict[str, Any]:
    """Every cell of the report's three tables, by JSON Pointer (``None`` for an empty cell)."""
    doc = to_dict(report)
    out: dict[str, Any] = {}
    for pointer in TABLES.values():
        sub = doc.get(pointer[1:])
        if sub is not None:
            out.update(_leaves(sub, pointer))
    return out


def _same(got: Any, want: Any) -> bool:
    if got is None or want is None:
        return got is None and want is None
    if isinstance(want, str) or isinstance(got, str):
        try:
            return Decimal(str(got)) == Decimal(str(want))
        except InvalidOperation:
            return False
    return bool(got == want) and type(got) is type(want)


def _verdict(got: Any, want: Any) -> str:
    if got in (None, ""):
        return "right" if want is None else "missing"
    return "right" if got == want else "wrong"


def _period(report: Any) -> dict[str, str] | None:
    if report is None or report.period.start is None or report.period.end is None:
        return None
    return {"start": report.period.start.isoformat(), "end": report.period.end.isoformat()}


def evaluate_case(folder: Path) -> CaseResult:
    """Parse one case and compare it with its truth."""
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    source = next(folder.glob("source.*"))
    res = CaseResult(folder.name)
    report = None
    findings: list[Any] = []
    try:
        result = parse(source)
        report, findings = result.report, result.findings
    except ParseError as exc:
        res.error = str(exc)
    pre2019 = any(f.rule == "parse.pre2019" for f in findings)
    got = {
        "agency": report.agency.name if report is not None else None,
        "year": report.period.year if report is not None else None,
        "template_version": (None if report is None or pre2019 else str(report.template_version)),
        "title": report.source.title if report is not None else None,
        "period": _period(report),
    }
    fields = ["agency", "year", "template_version"]
    fields += [name for name in ("period", "title") if name in truth]
    for field in fields:
        res.verdicts[field] = _verdict(got[field], truth[field])
        res.got[field], res.want[field] = got[field], truth[field]
    cells = table_cells(report) if report is not None else {}
    want_cells: dict[str, Any] = truth["cells"]
    for pointer, want in want_cells.items():
        res.cells_printed += 1
        value = cells.get(pointer)
        if _same(value, want):
            res.cells_exact += 1
        else:
            res.cell_diffs.append((pointer, want, value))
    for pointer, value in cells.items():
        if value is not None and want_cells.get(pointer) is None:
            res.invented.append((pointer, value))
    for number in truth["absent_tables"]:
        res.absent_tables += 1
        if any(f.rule == "parse.table.missing" and TABLES[number] in f.pointers for f in findings):
            res.absent_flagged += 1
    rules = {f.rule for f in findings}
    for rule in truth["expect_findings"]:
        res.findings_expected += 1
        if rule in rules:
            res.findings_emitted += 1
        else:
            res.missing_findings.append(rule)
    return res


def evaluate(root: Path = CORPUS) -> tuple[Summary, list[CaseResult]]:
    """Evaluate every case of a corpus."""
    summary = Summary()
    results = [evaluate_case(folder) for folder in cases(root)]
    for r in results:
        summary.cases += 1
        summary.no_report += r.error is not None or r.got["year"] is None
        summary.agency.add(r.verdicts["agency"])
        summary.year.add(r.verdicts["year"])
        summary.version.add(r.verdicts["template_version"])
        if "title" in r.verdicts:
            summary.title.add(r.verdicts["title"])
        if "period" in r.verdicts:
            summary.period.add(r.verdicts["period"])
        summary.cells_printed += r.cells_printed
        summary.cells_exact += r.cells_exact
        summary.cells_wrong += sum(got is not None for _, _, got in r.cell_diffs)
        summary.invented += len(r.invented)
        summary.absent_tables += r.absent_tables
        summary.absent_flagged += r.absent_flagged
        summary.findings_expected += r.findings_expected
        summary.findings_emitted += r.findings_emitted
    return summary, results


def _describe(r: CaseResult) -> list[str]:
    lines = [f"== {r.name}"]
    if r.error:
        lines.append(f"   unreadable: {r.error}")
    for field, verdict in r.verdicts.items():
        if verdict != "right":
            lines.append(f"   {field} {verdict}: got {r.got[field]!r}, want {r.want[field]!r}")
    if r.cells_printed:
        lines.append(f"   cells {r.cells_exact}/{r.cells_printed} exact")
    for pointer, want, got in r.cell_diffs[:40]:
        lines.append(f"     {pointer}: got {got!r}, want {want!r}")
    if len(r.cell_diffs) > 40:
        lines.append(f"     … {len(r.cell_diffs) - 40} more")
    for pointer, value in r.invented[:20]:
        lines.append(f"   invented {pointer} = {value!r}")
    if r.absent_tables != r.absent_flagged:
        lines.append(f"   absent tables flagged {r.absent_flagged}/{r.absent_tables}")
    for rule in r.missing_findings:
        lines.append(f"   finding not emitted: {rule}")
    return lines


def main(argv: list[str] | None = None) -> int:
    """The command line: the summary line, ``--verbose`` diffs, or ``--json``."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true", help="print the totals and cases as JSON")
    ap.add_argument("--verbose", action="store_true", help="print each case's differences")
    ap.add_argument("--root", type=Path, default=CORPUS, help="the corpus folder")
    args = ap.parse_args(argv)
    summary, results = evaluate(args.root)
    if args.json:
        out = {
            "summary": attrs.asdict(summary),
            "line": summary.line(),
            "cases": [attrs.asdict(r) for r in results],
        }
        print(json.dumps(out, ensure_ascii=False, indent=1, default=str))
        return 0
    if args.verbose:
        for r in results:
            print("\n".join(_describe(r)))
    print(summary.line())
    return 0


if __name__ == "__main__":
    sys.exit(main())
