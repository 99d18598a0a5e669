"""Validation: run the rule catalogue on a report and say, as findings, what does not add up.

:func:`validate` accepts a :class:`~govdisclosure.Report`, a decoded JSON value or JSON text,
and never raises on its input: text that is not JSON, a list, a wrong type or an oversized
document all become findings in the returned :class:`ValidationReport`.

The rules of :mod:`govdisclosure.rules` are compiled, per template version, into one
straight-line function that reads every bound cell once and tests every rule inline. Only the
rules that function flags are evaluated again by :meth:`Rule.evaluate <govdisclosure.rules.Rule.
evaluate>`, which builds the finding. A clean report thus costs a few microseconds.

:func:`~govdisclosure.normalize.normalize` (re-exported here) is the explicit, recorded
clean-up of blanks; validation itself always sees the raw values. The rule kinds' fast paths come
from the registry :data:`govdisclosure.rules.KINDS`; findings about the input as a whole are built
from the finding registry :data:`govdisclosure.findings.FINDINGS`.
"""

from __future__ import annotations

import datetime as _dt
import functools
import importlib
import itertools
import operator
from collections.abc import Callable
from typing import Any

import attrs
import orjson

from ._specs import target
from .findings import (
    FINDINGS,
    SEVERITIES,
    Finding,
    ReportError,
    Severity,
    lookup,
    pointer,
    pointer_parts,
)
from .findings.declared import STRICT_WORDING
from .model import Report
from .normalize import normalize
from .rules import ARITHMETIC, KINDS, Blank, Getter, Rule, rules
from .rules.getters import ABSENT as _ABSENT
from .rules.getters import field_specs as _field_specs
from .rules.getters import object_getter
from .rules.getters import parts as _parts
from .serialize import from_dict, leaf_check, parse_json, to_dict
from .template import VERSIONS, Version

__all__ = ["Suspect", "ValidationReport", "normalize", "object_getter", "validate"]


# -- The result ------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Suspect:
    """A cell whose correction by ``correction`` would resolve every finding in ``rules``.

    A cell is a suspect when at least two failing equality rules bind it, every checkable
    equality rule that binds it fails, and all of them agree on the same correction.
    """

    pointer: str
    value: Any
    correction: int
    rules: tuple[str, ...]

    @property
    def suggested(self) -> Any:
        """The value the cell would need."""
        return self.value + self.correction

    def message(self, lang: str = "en") -> str:
        """A one-line explanation in ``"zh"`` or ``"en"``."""
        n = len(self.rules)
        if lang == "zh":
            return (
                f"{self.pointer} 可能有误：若由 {self.value} 改为 {self.suggested}，"
                f"以上 {n} 条不一致将全部消除。"
            )
        return (
            f"{self.pointer} is probably wrong: changing it from {self.value} to "
            f"{self.suggested} would resolve all {n} of these inconsistencies."
        )

    def to_dict(self) -> dict[str, Any]:
        """A JSON-compatible dict."""
        return {
            "pointer": self.pointer,
            "value": self.value,
            "correction": self.correction,
            "suggested": self.suggested,
            "rules": list(self.rules),
        }


@attrs.frozen(kw_only=True, eq=False)
class ValidationReport:
    """What :func:`validate` found: every finding, and the report when it could be read.

    ``ok`` is true when there is no ``error`` and no ``inconsistency``; warnings and ``info``
    findings (such as rules that could not be checked) do not spoil it.

    The findings of the rules a report breaks (or cannot be checked on) are built, messages and
    all, when :attr:`findings` (or anything that reads it) is first read; :func:`validate`
    itself only runs the generated checks. Equality compares the findings and the version.
    """

    _findings: tuple[Finding, ...] | _Pending = attrs.field(default=(), alias="findings")
    #: The report, when the input could be read as one.
    report: Report | None = attrs.field(default=None, repr=False)
    template_version: Version | None = None

    @property
    def findings(self) -> tuple[Finding, ...]:
        """Every finding, in the order of the rule catalogue (schema findings first)."""
        found = self._findings
        if found.__class__ is _Pending:
            assert isinstance(found, _Pending)
            found = found.build(self)
            object.__setattr__(self, "_findings", found)
        assert isinstance(found, tuple)
        return found

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, ValidationReport)
        return (self.findings, self.template_version) == (other.findings, other.template_version)

    def __hash__(self) -> int:
        return hash((self.findings, self.template_version))

    @property
    def ok(self) -> bool:
        """True when there are no errors and no inconsistencies."""
        found = self._findings
        if isinstance(found, _Pending) and not found.failed:
            return True  # only rules that cannot be checked: info findings
        return not any(f.severity in ("error", "inconsistency") for f in self.findings)

    def of(self, severity: Severity) -> tuple[Finding, ...]:
        """The findings of one severity."""
        return tuple(f for f in self.findings if f.severity == severity)

    @property
    def errors(self) -> tuple[Finding, ...]:
        """Schema problems: the input is not a valid report document."""
        return self.of("error")

    @property
    def inconsistencies(self) -> tuple[Finding, ...]:
        """Arithmetic of the template that does not hold."""
        return self.of("inconsistency")

    @property
    def warnings(self) -> tuple[Finding, ...]:
        """Heuristics that do not hold, and late publication."""
        return self.of("warning")

    @property
    def infos(self) -> tuple[Finding, ...]:
        """Notes, chiefly the rules that could not be checked."""
        return self.of("info")

    @property
    def not_checkable(self) -> tuple[Finding, ...]:
        """The rules that could not be checked because cells were blank."""
        return tuple(f for f in self.findings if not f.checkable)

    def counts(self) -> dict[str, int]:
        """The number of findings per severity, every severity present."""
        out: dict[str, int] = dict.fromkeys(SEVERITIES, 0)
        for f in self.findings:
            out[f.severity] += 1
        return out

    def by_rule(self) -> dict[str, int]:
        """The number of findings per rule id, in the order they were found."""
        out: dict[str, int] = {}
        for f in self.findings:
            out[f.rule] = out.get(f.rule, 0) + 1
        return out

    def suspects(self) -> tuple[Suspect, ...]:
        """Cells that, corrected alone, would resolve several inconsistencies at once."""
        if self.template_version is None:
            return ()
        return _suspects(self.findings, self.template_version)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-compatible dict: the verdict, the counts and every finding."""
        return {
            "ok": self.ok,
            "template_version": self.template_version,
            "counts": self.counts(),
            "findings": [f.to_dict() for f in self.findings],
            "suspects": [s.to_dict() for s in self.suspects()],
        }

    def to_json(self, *, indent: bool = False) -> str:
        """The report as JSON text (UTF-8, Chinese unescaped)."""
        option = orjson.OPT_INDENT_2 if indent else 0
        return orjson.dumps(self.to_dict(), option=option).decode()

    def __repr__(self) -> str:
        from .notebook import validation_repr

        return validation_repr(self)

    def _repr_html_(self) -> str:
        from .notebook import validation_html

        return validation_html(self)


# -- Getters: a pointer's typed value, or a Blank -------------------------------------------


@functools.cache
def _leaf_reader(ptr: str, version: Version) -> Callable[[Any], Any]:
    spec = _field_specs(version).get(ptr)
    if spec is None:
        return lambda v: _ABSENT
    if spec.kind in ("object", "variant"):
        return lambda v: v if v.__class__ is dict else _ABSENT
    if spec.kind in ("object_list", "text_list"):
        return lambda v: _ABSENT
    return leaf_check(spec)


def dict_getter(data: Any, version: Version) -> Getter:
    """A getter reading a decoded JSON document that may break the schema.

    A value that is absent, ``null`` or invalid reads as a :class:`Blank`: the schema findings
    already report what is wrong with it, and the rules that bind it become not checkable.
    """

    def get(ptr: str) -> Any:
        parts, prefixes = _parts(ptr)
        obj = data
        at = ""
        for name, here in zip(parts, prefixes, strict=True):
            if obj.__class__ is not dict:
                return Blank(at)
            obj = obj.get(name)
            at = here
            if obj is None:
                return Blank(at)
        try:
            value = _leaf_reader(ptr, version)(obj)
        except Exception:  # noqa: BLE001 - an invalid value is a blank for the rules
            return Blank(ptr)
        return Blank(ptr) if value is None or value is _ABSENT else value

    return get


# -- Code generation --------------------------------------------------------------------------


def _generate(version: Version) -> tuple[str, dict[str, Any]]:
    """The source of ``check(report) -> (flagged, blank)`` for ``version``.

    ``flagged`` lists the rules that fail (their index) or that raised on a value that is not
    blank (``~index``: an ill-typed object); ``blank`` lists the rules of ``blank_any`` kinds that
    are not checkable. A rule is tested first; only when its test raises (a blank in the
    arithmetic) are its cells looked at one by one. The ``blank_any`` rules under one nullable
    table (consecutive in the catalogue) form a block: when the table is missing, one test
    answers them all, and their cells are read only when it is there. Both lists are in rule
    order.
    """
    fields = _field_specs(version)
    ns: dict[str, Any] = {"_date": _dt.date}
    rs = rules(version)
    guards = [_guard(r, fields) for r in rs]
    head: list[str] = [
        "def check(r):",
        "    bad = []",
        "    fail = bad.append",
        "    blanks = []",
        "    blank = blanks.append",
    ]
    counter = itertools.count(1)

    class Scope:
        """Where reads go, and the objects and cells already read there."""

        def __init__(self, lines: list[str], pad: str, objects: dict[tuple[str, ...], str]):
            self.lines, self.pad = lines, pad
            self.objects = dict(objects)
            self.values: dict[str, str] = {}

        def obj(self, path: tuple[str, ...]) -> str:
            if path not in self.objects:
                parent = self.obj(path[:-1])
                spec = fields[pointer(path)]
                name = f"o{next(counter)}"
                if spec.nullable:
                    cls = target(spec, version)
                    assert cls is not None
                    empty = f"_E_{cls.__name__}"
                    ns[empty] = cls()  # a row of blanks: its cells read as None
                    self.lines.append(f"{self.pad}{name} = {parent}.{path[-1]} or {empty}")
                else:
                    self.lines.append(f"{self.pad}{name} = {parent}.{path[-1]}")
                self.objects[path] = name
            return self.objects[path]

        def cell(self, ptr: str) -> str:
            if ptr not in self.values:
                path = tuple(pointer_parts(ptr))
                parent = self.obj(path[:-1])
                name = f"v{next(counter)}"
                self.lines.append(f"{self.pad}{name} = {parent}.{path[-1]}")
                self.values[ptr] = name
            return self.values[ptr]

    top = Scope(head, "    ", {(): "r"})
    # The cells of rules outside any block are read first, as they may lie in any table.
    for r, guard in zip(rs, guards, strict=True):
        if guard is None:
            for p in r.pointers:
                top.cell(p)

    body: list[str] = []
    block: Scope | None = None
    for i, (r, guard) in enumerate(zip(rs, guards, strict=True)):
        if guard is None:
            block = None
            names = [top.cell(p) for p in r.pointers]
        else:
            if block is None or guards[i - 1] != guard:
                end = i
                while end < len(rs) and guards[end] == guard:
                    end += 1
                run = tuple(range(i, end))
                body += [
                    f"    if r.{guard} is None:",
                    f"        blanks += {run!r}",
                    "    else:",
                ]
                block = Scope(body, "        ", top.objects)
            names = [block.cell(p) for p in r.pointers]
        pad = "    " if guard is None else "        "
        test = _test(r, names, ns, i)
        if not KINDS[r.kind].blank_any:
            body += [
                f"{pad}try:",
                f"{pad}    if {test}: fail({i})",
                f"{pad}except Exception:",
                f"{pad}    fail({~i})",
            ]
            continue
        some_blank = " or ".join(f"{n} is None" for n in dict.fromkeys(names))
        body += [
            f"{pad}try:",
            f"{pad}    if {test}: fail({i})",
            f"{pad}except Exception:",
            f"{pad}    if {some_blank}: blank({i})",
            f"{pad}    else: fail({~i})",
        ]
    return "\n".join([*head, *body, "    return bad, blanks"]), ns


def _guard(r: Rule, fields: dict[str, Any]) -> str | None:
    """The nullable top-level field whose absence makes rule ``r`` not checkable, if any."""
    root = _root(r)
    if not root or not KINDS[r.kind].blank_any or not fields[root].nullable:
        return None
    return root[1:]


def _test(r: Rule, names: list[str], ns: dict[str, Any], index: int) -> str:
    """A Python expression that is true when rule ``r`` fails (or raises when it is blank)."""
    compile_ = KINDS[r.kind].compile
    if compile_ is None:  # pragma: no cover - report-scope rules all have a fast path
        raise AssertionError(f"rule kind {r.kind} has no compiled form")
    return compile_(r, names, ns, index)


@functools.cache
def _checker(version: Version) -> Callable[[Report], tuple[list[int], list[int]]]:
    source, ns = _generate(version)
    code = compile(source, f"<govdisclosure rules {version}>", "exec")
    exec(code, ns)  # noqa: S102 - the source is generated from the rule catalogue
    fn: Callable[[Report], tuple[list[int], list[int]]] = ns["check"]
    return fn


def generated_source(version: Version) -> str:
    """The generated checking function for ``version``, for reading and debugging."""
    return _generate(version)[0]


# -- validate --------------------------------------------------------------------------------


def _evaluate(version: Version, get: Getter, which: list[int] | None = None) -> list[Finding]:
    rs, roots = _catalogue(version)
    out = []
    blank: dict[str, bool] = {}  # top-level pointer -> whether it is blank, read once
    for i in range(len(rs)) if which is None else which:
        r = rs[i]
        root = roots[i]
        if root:
            whole = blank.get(root)
            if whole is None:
                whole = blank[root] = get(root).__class__ is Blank
            if whole:
                # A whole table is blank: the same finding every time, so build it once.
                out.append(_absent(r, root))
                continue
        found = r.evaluate(get)
        if found is not None:
            out.append(found)
    return out


@functools.cache
def _catalogue(version: Version) -> tuple[tuple[Rule, ...], tuple[str, ...]]:
    """The rules of ``version`` and the :func:`_root` of each (the catalogue is fixed)."""
    rs = rules(version)
    return rs, tuple(_root(r) for r in rs)


@functools.cache
def _root(r: Rule) -> str:
    """The top-level pointer under which all the rule's cells lie, or ``""``."""
    roots = {"/" + p.split("/")[1] for p in r.pointers}
    return roots.pop() if len(roots) == 1 else ""


@functools.cache
def _absent(r: Rule, root: str) -> Finding:
    found = r.evaluate(lambda _: Blank(root))
    assert found is not None
    return found


def _check_report(report: Report) -> ValidationReport:
    version = report.template_version
    checker = _checker(version) if version in VERSIONS else None
    if checker is not None:
        try:
            bad, blanks = checker(report)
            if not bad and not blanks:
                return ValidationReport(report=report, template_version=version)
            if not bad or min(bad) >= 0:
                # Every flagged rule failed or is blank: its finding is built when first read.
                # Each list is in rule order already.
                which = sorted([*bad, *blanks]) if bad and blanks else bad or blanks
                pending = _Pending(version, report, which, bool(bad))
                return ValidationReport(findings=pending, report=report, template_version=version)
            # A rule raised on a value that is not blank: evaluate now, diagnose if it raises.
            which = sorted([*(i if i >= 0 else ~i for i in bad), *blanks])
            found = _evaluate(version, object_getter(report), which)
            return ValidationReport(findings=tuple(found), report=report, template_version=version)
        except Exception:  # noqa: BLE001, S110 - an ill-typed object: diagnose it below
            pass
    return _diagnose_object(report)


def _walker(report: Report) -> Getter:
    """:func:`object_getter` for a report the generated checks read: each pointer is walked
    down from the report, without recursion or memo (a rule reads each cell once).

    A filled cell is read by one C-level ``attrgetter``; only when that meets a ``None`` (or an
    object without the attribute) is the pointer walked step by step to name the blank."""

    def get(ptr: str) -> Any:
        read, steps = _reader(ptr)
        try:
            obj = read(report)
        except AttributeError:
            obj = None
        if obj is not None:
            return obj
        obj = report
        for name, here in steps:
            obj = getattr(obj, name, None)
            if obj is None:
                return Blank(here)
        return obj  # pragma: no cover - attrgetter found None, so the walk does too

    return get


@functools.cache
def _reader(ptr: str) -> tuple[Callable[[Any], Any], tuple[tuple[str, str], ...]]:
    """The attrgetter of a pointer's attribute path, and its ``(name, prefix)`` steps."""
    tokens, prefixes = _parts(ptr)
    return operator.attrgetter(".".join(tokens)), tuple(zip(tokens, prefixes, strict=True))


class _Pending:
    """The findings of flagged rules, not built yet: what :class:`ValidationReport` defers."""

    __slots__ = ("failed", "report", "version", "which")

    def __init__(self, version: Version, report: Report, which: list[int], failed: bool) -> None:
        self.version = version
        self.report = report
        self.which = which
        #: False when every flagged rule is merely not checkable (severity ``info``).
        self.failed = failed

    def build(self, owner: ValidationReport) -> tuple[Finding, ...]:
        try:
            return tuple(_evaluate(self.version, _walker(self.report), self.which))
        except Exception:  # noqa: BLE001 # pragma: no cover - a wrong type every test passed
            # As if diagnosed at once: ``owner`` becomes what validate() said of such objects.
            diagnosed = _diagnose_object(self.report)
            object.__setattr__(owner, "report", diagnosed.report)
            object.__setattr__(owner, "template_version", diagnosed.template_version)
            return diagnosed.findings


def _diagnose_object(report: Any) -> ValidationReport:
    """Validate a report object that the generated code could not read, via its JSON form."""
    try:
        data = to_dict(report)
    except Exception as e:  # noqa: BLE001 - reported as a finding
        return ValidationReport(findings=(FINDINGS["schema.object"].finding(error=repr(e)),))
    return _check_data(data, generated=False)


def _check_data(data: Any, *, generated: bool = True) -> ValidationReport:
    try:
        report = from_dict(data)
    except ReportError as e:
        version = data.get("template_version") if data.__class__ is dict else None
        if version not in VERSIONS:
            return ValidationReport(findings=e.findings)
        found = _evaluate(version, dict_getter(data, version))
        return ValidationReport(findings=(*e.findings, *found), template_version=version)
    if generated:
        return _check_report(report)
    version = report.template_version
    found = _evaluate(version, object_getter(report))
    return ValidationReport(findings=tuple(found), report=report, template_version=version)


def validate(obj: Any, *, strict: bool = False) -> ValidationReport:
    """Validate a report, a decoded JSON document or JSON text; never raises on its input.

    A :class:`Report` is taken as well typed (as :func:`~govdisclosure.loads` makes it): only
    the rules run on it, in a few microseconds. Other input is read by the strict codec first;
    its schema problems become ``error`` findings, and the rules still run on every cell that
    could be read. With ``strict=True`` the document is also checked against the published
    JSON Schema with ``jsonschema`` (slow; an extra dependency, see the ``test`` extra).
    """
    checker = _strict_checker() if strict else None
    try:
        if isinstance(obj, Report):
            result = _check_report(obj)
            data: Any = _ABSENT
            if checker is not None:
                try:
                    data = to_dict(obj)
                except Exception:  # noqa: BLE001 - _diagnose_object reports it
                    result = _merge(result, _diagnose_object(obj).errors)
                else:
                    checked = _check_data(data)
                    # An invalid cell counts as blank, as it does in a document.
                    result = checked if checked.errors else result
        else:
            data = obj
            if isinstance(obj, (str, bytes, bytearray, memoryview)):
                try:
                    data = parse_json(obj)
                except ReportError as e:
                    return ValidationReport(findings=e.findings)
            result = _check_data(data)
        if checker is not None and data is not _ABSENT:
            result = _merge(result, checker(data, result.findings))
        return result
    except Exception as e:  # noqa: BLE001 - the promise: findings, never an exception
        return ValidationReport(findings=(FINDINGS["validate.internal"].finding(error=repr(e)),))


def _merge(
    result: ValidationReport, extra: tuple[Finding, ...] | list[Finding]
) -> ValidationReport:
    known = {(f.rule, f.pointers) for f in result.findings}
    new = tuple(f for f in extra if (f.rule, f.pointers) not in known)
    if not new:
        return result
    errors = [f for f in result.findings if f.severity == "error"]
    rest = [f for f in result.findings if f.severity != "error"]
    return attrs.evolve(result, findings=(*errors, *new, *rest))


# -- Strict mode: jsonschema -----------------------------------------------------------------


def _strict_checker() -> Callable[[Any, tuple[Finding, ...]], list[Finding]]:
    validator = _json_schema_validator()

    def check(data: Any, known: tuple[Finding, ...]) -> list[Finding]:
        seen = [f.pointer for f in known if f.severity == "error"]
        out = []
        errors = sorted(
            validator.iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path]
        )
        for err in errors:
            ptr = pointer(err.absolute_path)
            if any(ptr == s or s.startswith(ptr + "/") or ptr.startswith(s + "/") for s in seen):
                continue
            seen.append(ptr)
            out.append(_strict_finding(str(err.validator), ptr, str(err.message)))
        return out

    return check


def _strict_finding(keyword: str, ptr: str, detail: str) -> Finding:
    """A strict-mode finding ``schema.<keyword>``, worded as its declaration's ``strict``."""
    declared = lookup(f"schema.{keyword}")
    if declared is not None:
        return declared.finding(ptr, wording="strict", keyword=keyword, detail=detail)
    # A keyword the published schema does not use (a test keeps the two in step): still said.
    zh, en = (
        text.format(keyword=keyword, detail=detail)
        for text in (STRICT_WORDING.zh, STRICT_WORDING.en)
    )
    return Finding(
        rule=f"schema.{keyword}", severity="error", pointers=(ptr,), message_zh=zh, message_en=en
    )


@functools.cache
def _json_schema_validator() -> Any:
    try:
        jsonschema = importlib.import_module("jsonschema")
    except ImportError as e:
        raise ImportError(
            "validate(..., strict=True) needs the jsonschema package: "
            "pip install 'govdisclosure[test]' (or pip install jsonschema)"
        ) from e
    from .schema import json_schema

    cls = jsonschema.Draft202012Validator
    return cls(json_schema(), format_checker=cls.FORMAT_CHECKER)


# -- Suspects ----------------------------------------------------------------------------------


@functools.cache
def _binding(version: Version) -> dict[str, list[tuple[Rule, int]]]:
    """For each pointer, the equality rules that bind it and the sign of its weight."""
    out: dict[str, list[tuple[Rule, int]]] = {}
    for r in rules(version):
        if r.kind in ARITHMETIC and r.op == "==":
            for term in r.terms:
                sign = term.weight if term.side == "actual" else -term.weight
                out.setdefault(term.pointer, []).append((r, sign))
    return out


def _suspects(findings: tuple[Finding, ...], version: Version) -> tuple[Suspect, ...]:
    failing = {f.rule: f for f in findings if f.checkable and f.severity == "inconsistency"}
    unchecked = {f.rule for f in findings if not f.checkable}
    binding = _binding(version)
    candidates = {p for f in failing.values() for p in f.pointers}
    out = []
    for ptr in sorted(candidates):
        corrections: set[int | None] = set()
        names = []
        for r, sign in binding.get(ptr, ()):
            if r.id in unchecked:
                continue
            f = failing.get(r.id)
            if f is None or not isinstance(f.difference, int) or f.difference % sign:
                corrections.add(None)  # a rule that holds now would break
                break
            corrections.add(-f.difference // sign)
            names.append(r.id)
        if len(names) >= 2 and len(corrections) == 1 and None not in corrections:
            (correction,) = corrections
            value = next(f.values.get(ptr) for f in failing.values() if ptr in f.values)
            if isinstance(value, int) and correction is not None and value + correction >= 0:
                out.append(
                    Suspect(pointer=ptr, value=value, correction=correction, rules=tuple(names))
                )
    out.sort(key=lambda s: -len(s.rules))
    return tuple(out)
