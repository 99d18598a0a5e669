"""Lossless JSON serialization of reports.

Two engines read the same field specs:

* a fast path: one straight-line function per model class (and template version), generated
  on first use with every check inlined. It accepts exactly the valid documents and gives up
  on the first problem;
* a diagnostic path: a :class:`cattrs.Converter` with strict hooks and detailed validation,
  run only when the fast path gives up, to collect *every* problem with its JSON Pointer.

Nothing is generated at import: the codecs and the converters are built on first use (under a
lock, once) for the template versions registered then, and rebuilt after the template registry
changes.

Both enforce the same rules as the JSON Schema (:mod:`govdisclosure.schema`); the property tests
check that the three agree. JSON keys are the attribute names. Amounts are JSON strings holding
a plain decimal number, so that no binary float ever touches money; dates are ``YYYY-MM-DD``
strings.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import gc
import itertools
import json
import re
import threading
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from typing import Any

import attrs
import cattrs
import orjson
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError
from cattrs.gen import make_dict_structure_fn, override

from . import template as t
from ._specs import (
    AMOUNT_PATTERN,
    DATE_PATTERN,
    MAX_COUNT,
    MAX_YEAR,
    MIN_YEAR,
    all_classes,
    classes,
    report_class,
    specs,
    target,
)
from .findings import Finding, ReportError, pointer
from .model import FieldSpec, Report
from .template import VERSIONS, Version

__all__ = [
    "MAX_DOCUMENT_BYTES",
    "bulk",
    "converter",
    "dumpb",
    "dumps",
    "from_dict",
    "leaf_check",
    "loads",
    "to_dict",
]

#: The largest document :func:`loads` reads. A real report is 10–50 KB.
MAX_DOCUMENT_BYTES = 16 * 1024 * 1024

_AMOUNT = re.compile(AMOUNT_PATTERN).fullmatch
_DATE = re.compile(DATE_PATTERN).fullmatch
_fromiso = _dt.date.fromisoformat


class _GiveUp(Exception):
    """The fast path met something it does not accept."""


class _Invalid(Exception):
    """A leaf value broke a rule; carries the finding's rule id and messages."""

    def __init__(self, rule: str, en: str, zh: str, *, expected: Any = None, actual: Any = None):
        super().__init__(en)
        self.rule, self.en, self.zh = rule, en, zh
        self.expected, self.actual = expected, actual


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


_WHAT = {
    "integer": ("an integer", "整数"),
    "string": ("a string", "字符串"),
    "object": ("an object", "对象"),
    "array": ("an array", "数组"),
}


def _type_error(what: str, value: Any, nullable: bool) -> _Invalid:
    en, zh = _WHAT[what]
    if nullable:
        en, zh = f"{en} or null", f"{zh}或 null"
    got = _json_type(value)
    if got == "number" or got == "string":
        shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:40] + "…"
        got = f"{got} {shown}"
    return _Invalid(
        "schema.type", f"expected {en}, got {got}", f"应为{zh}，实际为 {got}", expected=what
    )


# -- Leaf checks for the diagnostic path -------------------------------------------------------
# Each mirrors the inline code that _leaf_code() generates for the fast path.


def _integer(value: Any, nullable: bool, low: int, high: int) -> int | None:
    if value is None and nullable:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # JSON has one number type: 5.0 is the integer 5
    if value.__class__ is not int:
        raise _type_error("integer", value, nullable)
    if not low <= value <= high:
        shown = _show_integer(value)
        raise _Invalid(
            "schema.range",
            f"must be an integer from {low} to {high}, got {shown}",
            f"应为 {low} 至 {high} 之间的整数，实际为 {shown}",
            expected=[low, high],
            # A finding must stay writable as JSON: beyond 64 bits, say it in words.
            actual=value if -(2**63) <= value < 2**63 else shown,
        )
    return value


def _show_integer(value: int) -> str:
    if value.bit_length() <= 200:  # up to 60 digits: quote the number itself
        return str(value)
    digits = int(value.bit_length() * 0.30103) + 1  # no str(): Python refuses > 4300 digits
    return f"{'-' if value < 0 else ''}an integer of about {digits} digits"


def _string(value: Any, nullable: bool) -> str | None:
    if value is None and nullable:
        return None
    if value.__class__ is not str:
        raise _type_error("string", value, nullable)
    return value


def _pattern_error(value: str, what_en: str, what_zh: str) -> _Invalid:
    shown = value if len(value) <= 40 else value[:40] + "…"
    return _Invalid(
        "schema.pattern",
        f"{shown!r} is not {what_en}",
        f"「{shown}」不是{what_zh}",
        actual=shown,
    )


def leaf_check(spec: FieldSpec) -> Callable[[Any], Any]:
    """The check of a leaf field (a count, amount, date, text or choice) as a function.

    The function returns the field's value as the model holds it (a :class:`~decimal.Decimal`
    for an amount, a :class:`~datetime.date` for a date) and raises an error carrying the
    finding's rule id and messages when the JSON value breaks the schema.
    """
    n, kind = spec.nullable, spec.kind
    if kind == "count":
        return lambda v: _integer(v, n, 0, MAX_COUNT)
    if kind == "signed_count":
        return lambda v: _integer(v, n, -MAX_COUNT, MAX_COUNT)
    if kind == "year":
        return lambda v: _integer(v, n, MIN_YEAR, MAX_YEAR)
    if kind == "amount":

        def amount(v: Any) -> Decimal | None:
            s = _string(v, n)
            if s is None:
                return None
            if _AMOUNT(s) is None:
                raise _pattern_error(s, "a plain non-negative decimal number", "非负的十进制数")
            return Decimal(s)

        return amount
    if kind == "date":

        def date(v: Any) -> _dt.date | None:
            s = _string(v, n)
            if s is None:
                return None
            if _DATE(s) is None:
                raise _pattern_error(s, "a date in the form YYYY-MM-DD", "YYYY-MM-DD 格式的日期")
            try:
                return _fromiso(s)
            except ValueError:
                raise _pattern_error(s, "a calendar date", "有效日期") from None

        return date
    if kind == "choice":
        allowed = tuple(value for value, _ in spec.choices)

        def choice(v: Any) -> str | None:
            if v is None and n:
                return None
            if v.__class__ is not str or v not in allowed:
                shown = ", ".join(allowed)
                raise _Invalid(
                    "schema.enum",
                    f"must be one of {shown}" + (" or null" if n else ""),
                    f"应为以下之一：{shown}" + ("，或 null" if n else ""),
                    expected=list(allowed),
                    actual=v if isinstance(v, (str, int, float, bool)) or v is None else None,
                )
            return v

        return choice
    if kind == "text":
        match = re.compile(spec.pattern).fullmatch if spec.pattern else None

        def text(v: Any) -> str | None:
            s = _string(v, n)
            if s is not None and match is not None and match(s) is None:
                raise _pattern_error(s, f"of the form {spec.pattern}", f"格式 {spec.pattern}")
            return s

        return text
    raise AssertionError(kind)  # pragma: no cover


# -- The diagnostic path: cattrs -------------------------------------------------------------


def _add_note(exc: BaseException, note: str) -> None:
    # BaseException.add_note() is 3.11+; cattrs reads __notes__ on 3.10 too.
    setattr(exc, "__notes__", [*getattr(exc, "__notes__", []), note])  # noqa: B010


def _make_converter(version: Version | None) -> cattrs.Converter:
    conv = cattrs.Converter(detailed_validation=True, forbid_extra_keys=True)

    def object_hook(cls: type, nullable: bool) -> Callable[[Any, Any], Any]:
        def hook(value: Any, _: Any) -> Any:
            if value is None and nullable:
                return None
            if value.__class__ is not dict:
                raise _type_error("object", value, nullable)
            return conv.structure(value, cls)

        return hook

    def list_hook(spec: FieldSpec) -> Callable[[Any, Any], Any]:
        item: Callable[[Any, Any], Any]
        if spec.kind == "text_list":
            item = lambda v, _: _string(v, False)  # noqa: E731
        else:
            assert spec.cls is not None
            item = object_hook(spec.cls, False)

        def hook(value: Any, _: Any) -> list[Any]:
            if value.__class__ is not list:
                raise _type_error("array", value, False)
            out, errors = [], []
            for i, v in enumerate(value):
                try:
                    out.append(item(v, None))
                except Exception as e:  # noqa: BLE001 - collected and re-raised as a group
                    note = cattrs.IterableValidationNote(f"Structuring item @ index {i}", i, object)
                    _add_note(e, note)
                    errors.append(e)
            if errors:
                raise IterableValidationError("While structuring a list", errors, list)
            return out

        return hook

    def unchecked(value: Any, _: Any) -> None:
        return None

    for cls in all_classes():
        overrides = {}
        for name, spec in specs(cls):
            hook: Callable[[Any, Any], Any]
            if spec.kind in ("object", "variant"):
                child = target(spec, version)
                hook = object_hook(child, spec.nullable) if child is not None else unchecked
            elif spec.kind in ("text_list", "object_list"):
                hook = list_hook(spec)
            else:
                hook = _leaf_hook(leaf_check(spec))
            overrides[name] = override(struct_hook=hook)
        fn: Callable[[Any, Any], Any] = make_dict_structure_fn(
            cls,
            conv,
            _cattrs_forbid_extra_keys=True,
            **overrides,  # type: ignore[arg-type]
        )
        conv.register_structure_hook(cls, _require_every_key(cls, fn))
    return conv


def _leaf_hook(check: Callable[[Any], Any]) -> Callable[[Any, Any], Any]:
    return lambda value, _: check(value)


_ABSENT = object()


def _attribute(exc: BaseException) -> str | None:
    """The attribute a cattrs error note names, if any."""
    for note in getattr(exc, "__notes__", []):
        if isinstance(note, cattrs.AttributeValidationNote):
            return note.name
    return None


def _require_every_key(cls: type, fn: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Any]:
    """Wrap a cattrs structure function so that every key is required, defaults or not.

    Documents spell out ``null`` for "not reported", so that reading and writing a document
    gives it back unchanged.
    """
    names = tuple(name for name, _ in specs(cls))

    def structure(value: Any, type_: Any) -> Any:
        missing = [name for name in names if name not in value]
        if missing:
            # A missing key must not fall back to the attribute's default (building that
            # default can fail, and cattrs reports keys without a default once more): give it
            # a placeholder, drop what the placeholder causes, and report the key once.
            value = {**value, **dict.fromkeys(missing, _ABSENT)}
        errors: list[Exception] = []
        result = None
        try:
            result = fn(value, type_)
        except ClassValidationError as e:
            errors.extend(sub for sub in e.exceptions if _attribute(sub) not in missing)
        for name in missing:
            absent = KeyError(name)
            _add_note(
                absent,
                cattrs.AttributeValidationNote(f"Structuring @ attribute {name}", name, object),
            )
            errors.append(absent)
        if errors:
            raise ClassValidationError(f"While structuring {cls.__name__}", errors, cls)
        return result

    return structure


_LOCK = threading.RLock()
_CONVERTERS: dict[Version | None, cattrs.Converter] = {}


def _converter(version: Version | None) -> cattrs.Converter:
    """The strict converter for ``version`` (``None``: no known version), built on first use."""
    conv = _CONVERTERS.get(version)
    if conv is None:
        with _LOCK:
            conv = _CONVERTERS.get(version)
            if conv is None:
                conv = _CONVERTERS[version] = _make_converter(version)
    return conv


def _collect(exc: BaseException, path: list[str | int], out: list[Finding]) -> None:
    if isinstance(exc, (ClassValidationError, IterableValidationError)):
        for sub in exc.exceptions:
            step: list[str | int] = []
            for note in getattr(sub, "__notes__", []):
                if isinstance(note, cattrs.AttributeValidationNote):
                    step = [note.name]
                elif isinstance(note, cattrs.IterableValidationNote):
                    step = [note.index]
            _collect(sub, path + step, out)
    elif isinstance(exc, ForbiddenExtraKeysError):
        for key in sorted(exc.extra_fields):
            unknown = _Invalid(
                "schema.unknown-key", f"unknown key {key!r}", f"未知字段「{key}」", actual=key
            )
            _collect(unknown, [*path, key], out)
    elif isinstance(exc, KeyError):
        key = str(path[-1]) if path else ""
        missing = _Invalid(
            "schema.missing-key",
            f"required key {key!r} is missing",
            f"缺少必填字段「{key}」",
            expected=key,
        )
        _collect(missing, path, out)
    elif isinstance(exc, _Invalid):
        out.append(
            Finding(
                rule=exc.rule,
                severity="error",
                pointers=(pointer(path),),
                message_zh=exc.zh,
                message_en=exc.en,
                expected=exc.expected,
                actual=exc.actual,
            )
        )
    else:  # pragma: no cover - a bug in a hook; still reported, never raised
        _collect(_Invalid("schema.invalid", f"invalid value: {exc}", f"无效值：{exc}"), path, out)


def _diagnose(data: Any) -> tuple[Report | None, list[Finding]]:
    if data.__class__ is not dict:
        problems: list[Finding] = []
        _collect(_type_error("object", data, False), [], problems)
        return None, problems
    version = data.get("template_version")
    known = version if version.__class__ is str and version in VERSIONS else None
    conv = _converter(known)
    try:
        return conv.structure(data, report_class(known) if known is not None else Report), []
    except Exception as e:  # noqa: BLE001 - every problem becomes a finding
        problems = []
        _collect(e, [], problems)
        problems.sort(key=lambda f: f.pointer)
        return None, problems


# -- The fast path: generated code ------------------------------------------------------------
#
# Measured with bench/bench.py (see docs/performance.md), these choices took from_dict from
# ~39 to ~21 µs and to_dict from ~12 to ~10 µs on the benchmark report:
#
# * an instance is made with ``object.__new__`` and its slots assigned (when nothing runs on
#   assignment; see _plain): keyword arguments to the attrs ``__init__`` cost ~280 ns of a
#   7-field row, as much as all its checks;
# * a count is range-checked with one shift, since MAX_COUNT is 2**53-1 and CPython does not
#   specialise comparisons with a two-digit int;
# * the count and plain-text fields of a class are checked together, in one chained ``is`` and
#   one ``|`` of the counts; only when that fails are they checked one by one, which is where
#   blanks (``None``) and bad values are told apart;
# * a nullable leaf tests the value before ``None``, since most cells are filled;
# * each function inlines the code of the objects below it (not of list items), which saves a
#   call per object.
#
# The checks accept exactly what the per-field checks of _leaf_code accept; anything else goes
# to the diagnostic path, as before.

_SHIFT = MAX_COUNT.bit_length() if MAX_COUNT & (MAX_COUNT + 1) == 0 else None


def _leaf_code(spec: FieldSpec, x: str, ns: dict[str, Any]) -> list[str]:
    """Inline checks for the value in variable ``x``; may rebind ``x`` to the parsed value."""
    kind = spec.kind
    guard = f" and {x} is not None" if spec.nullable else ""
    if kind in ("count", "signed_count", "year"):
        low, high = {
            "count": (0, MAX_COUNT),
            "signed_count": (-MAX_COUNT, MAX_COUNT),
            "year": (MIN_YEAR, MAX_YEAR),
        }[kind]
        if kind == "count" and _SHIFT is not None:
            out_of_range = f"{x} >> {_SHIFT}"
        else:
            out_of_range = f"not {low} <= {x} <= {high}"
        return [f"if ({x}.__class__ is not int or {out_of_range}){guard}: raise _G"]
    if kind in ("amount", "date"):
        pattern, convert = ("_AMOUNT", "_Decimal") if kind == "amount" else ("_DATE", "_fromiso")
        lines = [
            f"if {x}.__class__ is not str or {pattern}({x}) is None: raise _G",
            f"{x} = {convert}({x})",
        ]
        if spec.nullable:
            return [f"if {x} is not None:"] + ["    " + line for line in lines]
        return lines
    if kind == "text":
        cond = f"{x}.__class__ is not str"
        if spec.pattern:
            name = f"_P{len(ns)}"
            ns[name] = re.compile(spec.pattern).fullmatch
            cond += f" or {name}({x}) is None"
        return [f"if ({cond}){guard}: raise _G"]
    if kind == "choice":
        name = f"_C{len(ns)}"
        ns[name] = frozenset(value for value, _ in spec.choices)
        return [f"if ({x}.__class__ is not str or {x} not in {name}){guard}: raise _G"]
    raise AssertionError(kind)  # pragma: no cover


def _fn_name(cls: type, version: Version | None, prefix: str) -> str:
    return f"{prefix}_{cls.__name__}_{version or 'any'}"


def _plain(cls: type) -> bool:
    """True when an instance may be made without ``__init__``: nothing runs on assignment."""
    return (
        getattr(cls, "__setattr__", None) is object.__setattr__
        and not hasattr(cls, "__attrs_pre_init__")
        and not hasattr(cls, "__attrs_post_init__")
        and all(a.validator is None and a.converter is None for a in attrs.fields(cls))
    )


def _gen_structure(cls: type, version: Version, ns: dict[str, Any]) -> str:
    """A function that builds an instance of ``cls`` from a dict, its objects inlined."""
    lines = [f"def {_fn_name(cls, version, 's')}(d):"]
    _structure_body(cls, version, "d", "    ", lines, itertools.count(), ns)
    lines.append("    return d")
    return "\n".join(lines)


def _structure_body(
    cls: type,
    version: Version,
    d: str,
    indent: str,
    lines: list[str],
    names: Iterator[int],
    ns: dict[str, Any],
) -> None:
    """Append lines that check ``d``, a dict, and rebind it to an instance of ``cls``."""
    fields = specs(cls)
    xs = [f"x{next(names)}" for _ in fields]
    pairs = list(zip(xs, fields, strict=True))

    def emit(code: list[str], deeper: str = "") -> None:
        lines.extend(indent + deeper + line for line in code)

    emit([f"if {d}.__class__ is not dict or len({d}) != {len(fields)}: raise _G"])
    emit([f"{x} = {d}[{name!r}]" for x, (name, _) in pairs])
    # Counts and plain texts: all at once, then one by one if that fails.
    counts = [x for x, (_, s) in pairs if s.kind == "count"] if _SHIFT is not None else []
    texts = [x for x, (_, s) in pairs if s.kind == "text" and not s.pattern]
    grouped = [*counts, *texts] if len(counts) + len(texts) > 1 else []
    if grouped:
        fast = []
        if counts:
            fast.append(" is ".join(f"{x}.__class__" for x in counts) + " is int")
            fast.append(f"not ({' | '.join(counts)}) >> {_SHIFT}")
        if texts:
            fast.append(" is ".join(f"{x}.__class__" for x in texts) + " is str")
        emit([f"if not ({' and '.join(fast)}):"])
        for x, (_, spec) in pairs:
            if x in grouped:
                emit(_leaf_code(spec, x, ns), "    ")
    for x, (_, spec) in pairs:
        if x in grouped:
            continue
        if spec.kind in ("object", "variant"):
            child = target(spec, version)
            assert child is not None
            deeper = indent
            if spec.nullable:
                emit([f"if {x} is not None:"])
                deeper += "    "
            _structure_body(child, version, x, deeper, lines, names, ns)
        elif spec.kind == "text_list":
            emit(
                [
                    f"if {x}.__class__ is not list: raise _G",
                    f"for e in {x}:",
                    "    if e.__class__ is not str: raise _G",
                    f"{x} = list({x})",
                ]
            )
        elif spec.kind == "object_list":
            assert spec.cls is not None
            emit(
                [
                    f"if {x}.__class__ is not list: raise _G",
                    f"{x} = [{_fn_name(spec.cls, version, 's')}(e) for e in {x}]",
                ]
            )
        else:
            emit(_leaf_code(spec, x, ns))
    ref = f"_cls_{cls.__name__}"
    ns[ref] = cls
    if _plain(cls):
        emit([f"{d} = _new({ref})"])
        emit([f"{d}.{name} = {x}" for x, (name, _) in pairs])
    else:
        args = ", ".join(f"{name}={x}" for x, (name, _) in pairs)
        emit([f"{d} = {ref}({args})"])


def _gen_unstructure(cls: type, ns: dict[str, Any], prefix: str = "u") -> str:
    """A function that turns an instance of ``cls`` into a dict, its objects inlined.

    With ``prefix`` ``"j"``, the dict is only for orjson to write (see :func:`dumpb`): dates
    stay ``date`` objects, lists are not copied and amounts take the cheaper ``str`` when it
    writes the same digits. orjson writes that dict as exactly the bytes of the ``"u"`` one.
    """
    names = itertools.count(1)
    lines = [f"def {_fn_name(cls, None, prefix)}(o):"]
    _unstructure_body(cls, "o", "    ", lines, names, ns, prefix)
    lines.append("    return o")
    return "\n".join(lines)


def _unstructure_body(
    cls: type,
    v: str,
    indent: str,
    lines: list[str],
    names: Iterator[int],
    ns: dict[str, Any],
    prefix: str = "u",
) -> None:
    """Append lines that rebind ``v``, an instance of ``cls``, to its dict."""
    writer = prefix == "j"
    items = []
    for name, spec in specs(cls):
        kind = spec.kind
        if kind in ("count", "signed_count", "year", "text", "choice"):
            items.append(f"{name!r}: {v}.{name}")
            continue
        if kind == "object_list":
            assert spec.cls is not None
            fn = _fn_name(spec.cls, None, prefix)
            items.append(f"{name!r}: [{fn}(e) for e in {v}.{name}]")
            continue
        if kind == "text_list" and not writer:
            items.append(f"{name!r}: list({v}.{name})")
            continue
        x = f"t{next(names)}"
        if kind == "text_list":
            # orjson writes a list as list() of it would be; anything else is copied. Read in
            # the literal, in the order to_dict reads it (an error names the same attribute).
            items.append(f"{name!r}: {x} if ({x} := {v}.{name}).__class__ is list else list({x})")
            continue
        lines.append(f"{indent}{x} = {v}.{name}")
        inner = indent
        if kind == "date" and writer:
            # orjson writes a date as its isoformat(); a subclass (a datetime) is converted.
            guard = f" and {x} is not None" if spec.nullable else ""
            lines.append(f"{indent}if {x}.__class__ is not _date{guard}: {x} = {x}.isoformat()")
            items.append(f"{name!r}: {x}")
            continue
        if spec.nullable:
            lines.append(f"{indent}if {x} is not None:")
            inner += "    "
        if kind == "amount" and writer:
            # str() of a Decimal is format(x, "f") unless it has to write an exponent.
            lines += [
                f"{inner}{x}s = str({x}) if {x}.__class__ is _Decimal else 'E'",
                f"{inner}{x} = format({x}, 'f') if 'E' in {x}s else {x}s",
            ]
        elif kind == "amount":
            lines.append(f"{inner}{x} = format({x}, 'f')")
        elif kind == "date":
            lines.append(f"{inner}{x} = {x}.isoformat()")
        elif kind == "object":
            assert spec.cls is not None
            _unstructure_body(spec.cls, x, inner, lines, names, ns, prefix)
        else:  # variant: each version's class inlined, anything else dispatched on its class
            keyword = "if"
            for child in dict.fromkeys(cls for _, cls in spec.variants):
                ref = f"_cls_{child.__name__}"
                ns[ref] = child
                lines.append(f"{inner}{keyword} {x}.__class__ is {ref}:")
                _unstructure_body(child, x, inner + "    ", lines, names, ns, prefix)
                keyword = "elif"
            lines.append(f"{inner}else:")
            lines.append(f"{inner}    {x} = _{prefix.upper()}[{x}.__class__]({x})")
        items.append(f"{name!r}: {x}")
    lines.append(f"{indent}{v} = {{{', '.join(items)}}}")


def _list_items(cls_list: tuple[type, ...]) -> list[type]:
    """The classes of list items below ``cls_list``: generated code calls their functions."""
    found = (spec.cls for c in cls_list for _, spec in specs(c) if spec.kind == "object_list")
    return [c for c in dict.fromkeys(found) if c is not None]


class _Unstructurers(dict[type, Callable[[Any], dict[str, Any]]]):
    """The ``to_dict`` function (or the writer's, prefix ``"j"``) of each model class,
    generated when first looked up."""

    def __init__(self, owner: _Generated, prefix: str = "u") -> None:
        super().__init__()
        self._owner = owner
        self._prefix = prefix

    def __missing__(self, cls: type) -> Callable[[Any], dict[str, Any]]:
        if cls not in all_classes():
            # A field holds something other than a model object: a value of the wrong type,
            # which dumps/dumpb report as ``dump.invalid``.
            raise TypeError(f"{cls.__name__} is not a govdisclosure model class")
        fn = self[cls] = self._owner.unstructure(cls, self._prefix)
        return fn


class _Fast(Mapping[Any, Callable[[Any], Report]]):
    """The fast ``from_dict`` of each registered version, generated when first looked up."""

    def __init__(self, owner: _Generated) -> None:
        self._owner = owner
        self._built: dict[Any, Callable[[Any], Report]] = {}

    def __getitem__(self, version: Any) -> Callable[[Any], Report]:
        fn = self._built.get(version)
        if fn is None:
            if version.__class__ is not str or version not in VERSIONS:
                raise KeyError(version)
            fn = self._built[version] = self._owner.structure(version)
        return fn

    def __iter__(self) -> Iterator[Any]:
        return iter(VERSIONS)

    def __len__(self) -> int:
        return len(VERSIONS)


class _Generated:
    """The generated fast path, for the template versions registered now.

    Each function is generated (with the functions it calls) the first time it is needed, so
    that a program reading only 2021 reports never compiles the 2019 code, and importing the
    module compiles nothing.
    """

    def __init__(self) -> None:
        self.ns: dict[str, Any] = {
            "_G": _GiveUp,
            "_AMOUNT": _AMOUNT,
            "_DATE": _DATE,
            "_Decimal": Decimal,
            "_fromiso": _fromiso,
            "_new": object.__new__,
            "_date": _dt.date,
        }
        self.ns["_U"] = _Unstructurers(self)
        self.ns["_J"] = _Unstructurers(self, "j")
        self.fast = _Fast(self)
        self._dump: Callable[[Report], dict[str, Any]] | None = None
        self._write: Callable[[Report], dict[str, Any]] | None = None

    def _exec(self, sources: list[str]) -> None:
        if sources:
            code = compile("\n\n".join(sources), "<govdisclosure generated codecs>", "exec")
            exec(code, self.ns)  # noqa: S102

    def structure(self, version: Version) -> Callable[[Any], Report]:
        """The fast ``from_dict`` of ``version``'s report class."""
        root = report_class(version)
        with _LOCK:
            needed = [root, *_list_items(classes(version))]
            names = [(c, _fn_name(c, version, "s")) for c in needed]
            self._exec([_gen_structure(c, version, self.ns) for c, n in names if n not in self.ns])
            fn: Callable[[Any], Report] = self.ns[_fn_name(root, version, "s")]
        return fn

    def unstructure(self, cls: type, prefix: str = "u") -> Callable[[Any], dict[str, Any]]:
        """The ``to_dict`` function of ``cls`` (the writer's with ``prefix`` ``"j"``)."""
        with _LOCK:
            needed = [cls, *_list_items(all_classes())]
            names = [(c, _fn_name(c, None, prefix)) for c in needed]
            self._exec([_gen_unstructure(c, self.ns, prefix) for c, n in names if n not in self.ns])
            fn: Callable[[Any], dict[str, Any]] = self.ns[_fn_name(cls, None, prefix)]
        return fn

    def dump(self) -> Callable[[Report], dict[str, Any]]:
        """The ``to_dict`` of a report."""
        fn = self._dump
        if fn is None:
            fn = self._dump = self.unstructure(Report)
        return fn

    def write(self) -> Callable[[Report], dict[str, Any]]:
        """The dict of a report that :func:`dumpb` hands to orjson."""
        fn = self._write
        if fn is None:
            fn = self._write = self.unstructure(Report, "j")
        return fn


_GENERATED: list[_Generated] = []


def _codecs() -> _Generated:
    """The generated codecs of the registered versions."""
    if _GENERATED:
        return _GENERATED[0]
    with _LOCK:
        if not _GENERATED:
            _GENERATED.append(_Generated())
        return _GENERATED[0]


@t.on_change
def _reset() -> None:
    with _LOCK:
        _GENERATED.clear()
        _CONVERTERS.clear()


def _to_dict(report: Report) -> dict[str, Any]:
    return _codecs().dump()(report)


#: The strict cattrs converter for reports of the latest template version, built on first use.
#: It accepts exactly the valid documents; on invalid input it raises cattrs' exception groups.
#: Prefer :func:`from_dict`, which reports every problem as a :class:`~govdisclosure.Finding`
#: with a JSON Pointer. (Declared only: :func:`__getattr__` provides it.)
converter: cattrs.Converter


def __getattr__(name: str) -> Any:
    # Built on first use; read through here so that nothing is generated at import.
    if name == "converter":
        return _converter(t.latest().version)
    if name == "_FAST":
        return _codecs().fast
    if name == "_NS":
        return _codecs().ns
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


#: The old private name of :func:`leaf_check`, kept while callers move to the public one.
_leaf_check = leaf_check


# -- Public API ---------------------------------------------------------------------------------


def from_dict(data: Any) -> Report:
    """Build a :class:`Report` from a JSON-compatible dict, checking everything.

    Raises :class:`ReportError` listing every problem found, each with a JSON Pointer.
    """
    report = _fast(data)
    return report if report is not None else _diagnosed(data)


def _fast(data: Any) -> Report | None:
    if data.__class__ is dict:
        version = data.get("template_version")
        fast = _codecs().fast.get(version) if version.__class__ is str else None
        if fast is not None:
            try:
                return fast(data)
            except Exception:  # noqa: BLE001,S110 - the diagnostic path says what is wrong
                pass
    return None


def _diagnosed(data: Any) -> Report:
    report, problems = _diagnose(data)
    if report is None:
        raise ReportError(problems)
    return report


def to_dict(report: Report) -> dict[str, Any]:
    """Turn a :class:`Report` into a JSON-compatible dict: amounts and dates become strings."""
    return _codecs().dump()(report)


def _syntax_error(message_en: str, message_zh: str, rule: str = "json.syntax") -> ReportError:
    return ReportError(
        [
            Finding(
                rule=rule,
                severity="error",
                pointers=(),
                message_zh=message_zh,
                message_en=message_en,
            )
        ]
    )


def parse_json(text: str | bytes | bytearray | memoryview) -> Any:
    """Parse JSON text strictly, raising :class:`ReportError` on malformed or oversized input."""
    size = len(text)
    if size > MAX_DOCUMENT_BYTES:
        raise _syntax_error(
            f"document of {size} bytes exceeds the limit of {MAX_DOCUMENT_BYTES}",
            f"文档大小 {size} 字节，超过上限 {MAX_DOCUMENT_BYTES}",
            "json.too-large",
        )
    raw = _without_bom(bytes(text) if isinstance(text, memoryview) else text)
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError as e:
        # orjson refuses integers past 64 bits and numbers past a double's range, which are
        # valid JSON: the stdlib parser reads them so that the schema check can point at
        # the cell that is out of range. Anything else it reports is the answer.
        exact = _exact_json(raw)
        if exact is _UNREADABLE:
            return _raise_syntax(e)
        return exact


_UNREADABLE = object()
_BOM_BYTES, _BOM = b"\xef\xbb\xbf", "\ufeff"


def _without_bom(text: str | bytes | bytearray) -> str | bytes | bytearray:
    # RFC 8259 lets a parser ignore a byte order mark; files saved on Windows often have one.
    if isinstance(text, str):
        return text[1:] if text.startswith(_BOM) else text
    return text[3:] if text[:3] == _BOM_BYTES else text


def _exact_json(raw: str | bytes | bytearray) -> Any:
    """The stdlib's reading of ``raw``, with exact integers, or ``_UNREADABLE``."""
    try:
        data = json.loads(raw, parse_constant=_reject_constant)
        # The stdlib accepts escaped lone surrogates, which no UTF-8 writer can write back.
        json.dumps(data, ensure_ascii=False).encode()
    except (ValueError, TypeError, RecursionError):
        return _UNREADABLE
    return data


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def _raise_syntax(e: Exception) -> Any:
    raise _syntax_error(f"not valid JSON: {e}", f"不是有效的 JSON：{e}") from None


def loads(text: str | bytes | bytearray | memoryview) -> Report:
    """Read a report from JSON text.

    Raises :class:`ReportError` listing every problem: malformed JSON, a document over
    :data:`MAX_DOCUMENT_BYTES`, or any departure from the schema.
    """
    data = parse_json(text)
    report = _fast(data)
    if report is not None:
        return report
    # Diagnose the stdlib's reading: orjson turns a 20-digit count into a float, and the
    # finding should quote the number the document holds.
    exact = _exact_json(_without_bom(bytes(text) if isinstance(text, memoryview) else text))
    return _diagnosed(data if exact is _UNREADABLE else exact)


def dumps(report: Report, *, indent: bool = False) -> str:
    """Write a report as JSON text (UTF-8, Chinese characters unescaped).

    Raises :class:`ReportError` when the report holds what JSON cannot carry, such as a lone
    surrogate in a text or a value of the wrong type; :func:`govdisclosure.validate` with
    ``strict=True`` says where.
    """
    return dumpb(report, indent=indent).decode()


def dumpb(report: Report, *, indent: bool = False) -> bytes:
    """Write a report as UTF-8 JSON bytes: exactly ``dumps(report, indent=indent).encode()``.

    For writers of files and sockets: it skips building the ``str``. Raises :class:`ReportError`
    as :func:`dumps` does.
    """
    option = orjson.OPT_INDENT_2 if indent else 0
    try:
        return orjson.dumps(_codecs().write()(report), option=option)
    except (TypeError, ValueError, AttributeError, orjson.JSONEncodeError) as e:
        raise ReportError(
            [
                Finding(
                    rule="dump.invalid",
                    severity="error",
                    pointers=(),
                    message_zh=f"报告含有无法写成 JSON 的值：{e}",
                    message_en=f"the report holds a value that cannot be written as JSON: {e}",
                )
            ]
        ) from None


@contextlib.contextmanager
def bulk(*, freeze: bool = True) -> Iterator[None]:
    """Keep the cyclic garbage collector out of the way while many reports are loaded.

    Inside the block the collector is off: a loaded report holds no reference cycles, so
    reference counting frees whatever is dropped, and nothing rescans the growing heap of
    reports that are kept. On leaving, with ``freeze`` (the default), :func:`gc.freeze` moves
    every object alive then, the loaded reports included, to the permanent generation, so that
    later collections skip them too (:func:`gc.unfreeze` undoes it). The collector's previous
    state (on or off) is then restored, also when the block raises. See
    ``docs/performance.md`` for what it saves.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if enabled:
            gc.enable()
