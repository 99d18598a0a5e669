"""Every regular expression in the package is checked for back-tracking, by its structure.

The patterns are collected twice: every ``re.Pattern`` a module of ``govdisclosure`` holds (at
module level or in a module-level tuple, list or dict), and every literal pattern given to
``re.compile``/``re.search``/… in the source (found by walking the syntax tree). Each is parsed
with the standard library's own regex parser and checked for the shapes that back-track
super-linearly, with character sets compared over a probe alphabet (every literal character
the patterns use, plus digits, blanks, pipes, letters and CJK):

* **nested**: an unbounded repeat inside an unbounded repeat, where the inner repeat's
  characters may also start what follows it inside the outer one (``(a+)+``, ``(\\s*x?)*``);
* **adjacent**: two unbounded repeats of one character class in a row, over overlapping
  characters, with nothing between them that the first could not absorb and something after
  the second that may fail (``[\\s|]*[|][\\s|]*$``): quadratic per start, cubic over a search;
* **alternation**: an unbounded repeat over alternatives that can start with the same
  character (``(?:\\d|\\d,)+``).

No timing is involved. A repeat bounded by at most :data:`BOUNDED` counts as bounded (its cost
is a constant factor). A flagged pattern must be rewritten or put on :data:`REVIEWED` with the
reason it is safe; :data:`KNOWN_SLOW` lists the ones found dangerous in files this audit could
not change, and the test fails once they are fixed, so that the list stays true.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import govdisclosure
from govdisclosure.parse import labels

# The standard library's own regex parser (no stubs; renamed in Python 3.11).
sre_p: Any = importlib.import_module("re._parser" if sys.version_info >= (3, 11) else "sre_parse")
sre_c: Any = importlib.import_module(
    "re._constants" if sys.version_info >= (3, 11) else "sre_constants"
)

#: A repeat with at most this many iterations counts as bounded.
BOUNDED = 100
SRC = Path(govdisclosure.__file__).resolve().parent

#: Flagged shapes reviewed as safe: pattern → reason.
REVIEWED: dict[str, str] = {
    labels._VALUE.pattern: "parse/labels.py is_value folds every run of blanks to one blank "
    "before its fullmatch (and caps the text at 400 characters), so its adjacent \\s* have one "
    "character to share; a regression test below",
}

#: Flagged shapes known to be dangerous and not fixed yet: pattern → where and why. Empty: the
#: last ones (prose.py's contact and fee patterns, parse/sections.py's trailing pipes) are
#: rewritten. The test fails when one stops being flagged or stops existing.
KNOWN_SLOW: dict[str, str] = {}


@dataclass(frozen=True)
class Found:
    """A pattern and where it was found."""

    pattern: str
    flags: int
    where: str


def _modules() -> Iterator[Any]:
    yield govdisclosure
    for info in pkgutil.walk_packages(govdisclosure.__path__, "govdisclosure."):
        if info.name.endswith("__main__"):  # importing it runs the command line
            continue
        try:
            yield importlib.import_module(info.name)
        except ImportError:  # an optional extra is not installed
            continue


def _held(value: Any, depth: int = 0) -> Iterator[re.Pattern[str]]:
    """The patterns ``value`` is or holds (in tuples, lists and dicts, three levels deep)."""
    if isinstance(value, re.Pattern):
        if isinstance(value.pattern, str):
            yield value
    elif depth < 3 and isinstance(value, (tuple, list)):
        for v in value:
            yield from _held(v, depth + 1)
    elif depth < 3 and isinstance(value, dict):
        for v in [*value.keys(), *value.values()]:
            yield from _held(v, depth + 1)


def _runtime() -> Iterator[Found]:
    for module in _modules():
        for name, value in vars(module).items():
            for v in _held(value):
                yield Found(v.pattern, v.flags, f"{module.__name__}.{name}")


_RE_CALLS = {"compile", "search", "match", "fullmatch", "sub", "subn", "findall", "finditer"}


def _literal_calls() -> Iterator[Found]:
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in _RE_CALLS | {"split"}
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "re"
                and node.args
            ):
                continue
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                where = f"{path.relative_to(SRC)}:{node.lineno}"
                yield Found(first.value, 0, where)


def patterns() -> list[Found]:
    """Every pattern of the package, once each (the first place it was found)."""
    seen: dict[str, Found] = {}
    for f in [*_runtime(), *_literal_calls()]:
        seen.setdefault(f.pattern, f)
    return sorted(seen.values(), key=lambda f: f.where)


# -- Character sets over a probe alphabet -----------------------------------------------------

_BASE = "az09 \t\n\u3000|｜-,.:;/()（）一二十年月日局市县区政府公开申请件xX中"
_CATEGORIES: dict[Any, Callable[[str], bool]] = {
    sre_c.CATEGORY_DIGIT: str.isdigit,
    sre_c.CATEGORY_NOT_DIGIT: lambda c: not c.isdigit(),
    sre_c.CATEGORY_SPACE: str.isspace,
    sre_c.CATEGORY_NOT_SPACE: lambda c: not c.isspace(),
    sre_c.CATEGORY_WORD: lambda c: c.isalnum() or c == "_",
    sre_c.CATEGORY_NOT_WORD: lambda c: not (c.isalnum() or c == "_"),
}


def _alphabet(found: list[Found]) -> str:
    chars = set(_BASE)
    for f in found:
        chars.update(c for c in f.pattern if not c.isascii() or c.isprintable())
    return "".join(sorted(chars))


def _in(items: list[Any], c: str, ignore_case: bool) -> bool:
    hit = False
    negate = False
    for op, av in items:
        if op is sre_c.NEGATE:
            negate = True
        elif op is sre_c.LITERAL:
            hit = hit or _eq(av, c, ignore_case)
        elif op is sre_c.RANGE:
            lo, hi = av
            hit = hit or lo <= ord(c) <= hi or (ignore_case and lo <= ord(c.swapcase()) <= hi)
        elif op is sre_c.CATEGORY:
            test = _CATEGORIES.get(av)
            hit = hit or test is None or test(c)
    return hit != negate


def _eq(code: int, c: str, ignore_case: bool) -> bool:
    return ord(c) == code or (ignore_case and chr(code).lower() == c.lower())


class Sets:
    """The characters of the probe alphabet each piece of a parsed pattern may match."""

    def __init__(self, alphabet: str, ignore_case: bool) -> None:
        self.alphabet = alphabet
        self.ignore_case = ignore_case

    def char(self, op: Any, av: Any) -> frozenset[str] | None:
        """The characters a one-character node matches, or ``None`` for another node."""
        if op is sre_c.LITERAL:
            return frozenset(c for c in self.alphabet if _eq(av, c, self.ignore_case))
        if op is sre_c.NOT_LITERAL:
            return frozenset(c for c in self.alphabet if not _eq(av, c, self.ignore_case))
        if op is sre_c.ANY:
            return frozenset(self.alphabet)
        if op is sre_c.IN:
            return frozenset(c for c in self.alphabet if _in(av, c, self.ignore_case))
        return None

    def chars(self, seq: Any) -> frozenset[str]:
        """Every character a match of ``seq`` may contain."""
        out: set[str] = set()
        for op, av in seq:
            one = self.char(op, av)
            if one is not None:
                out |= one
            elif op in _REPEATS:
                out |= self.chars(av[2])
            elif op is sre_c.SUBPATTERN:
                out |= self.chars(av[3])
            elif op is sre_c.BRANCH:
                for alt in av[1]:
                    out |= self.chars(alt)
            elif op is sre_c.ATOMIC_GROUP:
                out |= self.chars(av)
        return frozenset(out)

    def first(self, seq: Any) -> tuple[frozenset[str], bool]:
        """The characters a match of ``seq`` may start with, and whether it may be empty."""
        out: set[str] = set()
        for op, av in seq:
            one = self.char(op, av)
            if one is not None:
                return frozenset(out | one), False
            if op in _REPEATS:
                f, empty = self.first(av[2])
                out |= f
                if av[0] > 0 and not empty:
                    return frozenset(out), False
            elif op is sre_c.SUBPATTERN:
                f, empty = self.first(av[3])
                out |= f
                if not empty:
                    return frozenset(out), False
            elif op is sre_c.BRANCH:
                empty_any = False
                for alt in av[1]:
                    f, empty = self.first(alt)
                    out |= f
                    empty_any = empty_any or empty
                if not empty_any:
                    return frozenset(out), False
            elif op is sre_c.GROUPREF:
                return frozenset(self.alphabet), False
            # AT, ASSERT, ASSERT_NOT: zero-width
        return frozenset(out), True


_REPEATS = (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT)


def _unbounded(av: Any) -> bool:
    return bool(av[1] > BOUNDED)


def _nodes(seq: Any) -> Iterator[tuple[Any, Any]]:
    """Every node of a parsed pattern, depth first."""
    for op, av in seq:
        yield op, av
        if op in _REPEATS or op is sre_c.POSSESSIVE_REPEAT:
            yield from _nodes(av[2])
        elif op is sre_c.SUBPATTERN:
            yield from _nodes(av[3])
        elif op is sre_c.BRANCH:
            for alt in av[1]:
                yield from _nodes(alt)
        elif op in (sre_c.ASSERT, sre_c.ASSERT_NOT):
            yield from _nodes(av[1])
        elif op is sre_c.ATOMIC_GROUP:
            yield from _nodes(av)


def _flat(seq: Any) -> list[tuple[Any, Any]]:
    """``seq`` with groups opened (a capture does not change what matches)."""
    out: list[tuple[Any, Any]] = []
    for op, av in seq:
        if op is sre_c.SUBPATTERN:
            out.extend(_flat(av[3]))
        else:
            out.append((op, av))
    return out


def _nested(sets: Sets, body: Any) -> bool:
    """True when an unbounded repeat in ``body`` overlaps what may follow it (cyclically)."""
    items = _flat(body)
    for k, (op, av) in enumerate(items):
        if op in _REPEATS and _unbounded(av):
            inner = sets.chars(av[2])
            follow, _ = sets.first([*items[k + 1 :], *items])
            if inner & follow:
                return True
        if op is sre_c.BRANCH:
            for alt in av[1]:
                if _nested(sets, [*alt, *items[k + 1 :]]):
                    return True
    return False


def _single(op: Any, av: Any) -> bool:
    """True for an unbounded repeat of one character class (``[…]*``, ``\\d+``)."""
    return op in _REPEATS and _unbounded(av) and len(av[2]) == 1 and av[2][0][0] in _ONE_CHAR


_ONE_CHAR = (sre_c.LITERAL, sre_c.NOT_LITERAL, sre_c.ANY, sre_c.IN)


def _adjacent(sets: Sets, seq: Any) -> bool:
    """True when two repeats of overlapping classes follow each other with only absorbable
    pieces between them, and something after the second may fail (so back-tracking starts)."""
    items = _flat(seq)
    for k, (op, av) in enumerate(items):
        if not _single(op, av):
            continue
        a = sets.chars(av[2])
        for j in range(k + 1, len(items)):
            op2, av2 = items[j]
            if _single(op2, av2):
                if a & sets.chars(av2[2]) and j + 1 < len(items):
                    return True
                break
            if op2 is sre_c.AT or op2 in (sre_c.ASSERT, sre_c.ASSERT_NOT):
                continue
            between = sets.chars([(op2, av2)])
            # An optional piece may match nothing: the repeats are then next to each other.
            if sets.first([(op2, av2)])[1]:
                continue
            if not between or not between <= a:
                break
    return False


def _alternation(sets: Sets, body: Any) -> bool:
    """True when alternatives directly under a repeat may start with the same character."""
    for op, av in _flat(body):
        if op is sre_c.BRANCH:
            firsts = [sets.first(alt)[0] for alt in av[1]]
            for i, f in enumerate(firsts):
                if any(f & g for g in firsts[i + 1 :]):
                    return True
    return False


def dangers(pattern: str, flags: int, alphabet: str) -> list[str]:
    """The back-tracking shapes found in ``pattern`` (empty when it is linear)."""
    parsed = sre_p.parse(pattern, flags)
    ignore_case = bool(parsed.state.flags & re.IGNORECASE)
    sets = Sets(alphabet, ignore_case)
    out: list[str] = []
    seqs = [list(parsed)]
    for op, av in _nodes(parsed):
        if op is sre_c.SUBPATTERN:
            seqs.append(av[3])
        elif op is sre_c.BRANCH:
            seqs.extend(av[1])
        elif op in _REPEATS:
            seqs.append(av[2])
            if _unbounded(av):
                if _nested(sets, av[2]):
                    out.append("nested")
                if _alternation(sets, av[2]):
                    out.append("alternation")
    if any(_adjacent(sets, s) for s in seqs):
        out.append("adjacent")
    return sorted(set(out))


FOUND = patterns()
ALPHABET = _alphabet(FOUND)


def test_the_audit_finds_the_package_patterns() -> None:
    """Both collections find patterns, and the checks flag the textbook dangerous shapes."""
    assert len(FOUND) > 100
    assert dangers(r"(a+)+$", 0, ALPHABET) == ["nested"]
    assert dangers(r"(?:\s*x?)*y", 0, ALPHABET) == ["nested"]
    assert dangers(r"[\s|]*[|][\s|]*$", 0, ALPHABET) == ["adjacent"]
    assert dangers(r"\d+\d+x", 0, ALPHABET) == ["adjacent"]
    assert dangers(r"(?:\d|[0-5]x)+y", 0, ALPHABET) == ["alternation"]
    # And not the linear ones.
    assert dangers(r"(?:\d+,)*\d+", 0, ALPHABET) == []
    assert dangers(r"\s*(\d+)\s*件", 0, ALPHABET) == []
    assert dangers(r"[^。]{0,30}(?:申诉|收费)", 0, ALPHABET) == []


@pytest.mark.parametrize("found", FOUND, ids=lambda f: f.where)
def test_no_pattern_back_tracks(found: Found) -> None:
    """No pattern of the package has a super-linear shape, unless reviewed (with a reason)."""
    flagged = dangers(found.pattern, found.flags, ALPHABET)
    if found.pattern in KNOWN_SLOW:
        assert flagged, f"{found.where} is no longer flagged: drop it from KNOWN_SLOW"
        return
    if found.pattern in REVIEWED:
        assert flagged, f"{found.where} is no longer flagged: drop it from REVIEWED"
        return
    assert not flagged, f"{found.where}: {found.pattern!r} is {', '.join(flagged)}"


def test_the_lists_name_existing_patterns() -> None:
    """Every reviewed or known-slow pattern is still in the package, each with a reason."""
    present = {f.pattern for f in FOUND}
    for pattern, reason in {**REVIEWED, **KNOWN_SLOW}.items():
        assert pattern in present, pattern
        assert reason.strip()


def test_long_blank_runs_in_a_cell_are_no_value_at_once() -> None:
    """A cell of a number, 399 blanks and a letter is not a value (it took minutes to say)."""
    assert not labels.is_value("1" + " " * 399 + "x")
    assert labels.is_value("12" + " " * 300 + "件")
    assert labels.is_value("  3 余  万 元 （注：  两 处）")
