"""The parser's layering: what the renderer shares with it lies below both, and no version literal.

Checked on the source: the renderer and the shared modules (:mod:`govdisclosure.prose`, the
table layout, numbering and text folding) import nothing from :mod:`govdisclosure.parse`; the
parser's modules name no template version; the prose conventions name the model's fields.
"""

from __future__ import annotations

import ast
from pathlib import Path

import attrs

from govdisclosure import prose
from govdisclosure.model import Contact
from govdisclosure.template import VERSIONS

SRC = Path(__file__).resolve().parents[2] / "src" / "govdisclosure"
BELOW_PARSE = ["render.py", "prose.py", "_layout.py", "_numbering.py", "_normalize_text.py"]


def _imports(path: Path) -> set[str]:
    """The modules ``path`` imports, relative imports resolved against the package."""
    package = path.relative_to(SRC.parent).with_suffix("").parts[:-1]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = list(package[: len(package) - node.level + 1]) if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            out.add(module)
            out.update(f"{module}.{alias.name}" for alias in node.names)
    return out


def test_render_and_the_shared_modules_import_nothing_from_parse() -> None:
    """Data flows one way: parse and render both import the shared modules, render not parse."""
    for name in BELOW_PARSE:
        found = {m for m in _imports(SRC / name) if m.startswith("govdisclosure.parse")}
        assert found == set(), name


def test_the_parser_names_no_template_version() -> None:
    """No module of the parser spells a version string; versions come from the registry."""
    files = sorted((SRC / "parse").rglob("*.py")) + [SRC / n for n in BELOW_PARSE[1:]]
    for path in files:
        literals = {
            node.value
            for node in ast.walk(ast.parse(path.read_text("utf-8")))
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
        }
        assert literals.isdisjoint(VERSIONS), path


def test_contact_fields_are_the_models() -> None:
    """The prose conventions read exactly the model's contact fields, in the model's order."""
    assert tuple(f.name for f in attrs.fields(Contact)) == prose.CONTACT_FIELDS


def test_labelled_pointers_are_model_fields() -> None:
    """Every labelled line the renderer writes and the parser reads names a catalogued field."""
    keys = prose.labelled_keys()
    assert sorted(keys.values()) == sorted(prose.LABELLED_POINTERS)
    assert len(keys) == len(prose.LABELLED_POINTERS)
