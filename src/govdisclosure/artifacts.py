"""The generated artifacts committed in the repository, and how to regenerate them.

``schemas/``, ``docs/reference.md`` and the docs site's pages per rule and per finding
(``docs/rules/``, ``docs/findings/``) are generated from the code; a test regenerates them and
fails when the committed files differ, and :func:`write_artifacts` removes a page whose rule or
finding is gone.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .catalogue import catalogue_document, reference_markdown
from .docpages import PAGE_DIRS, pages
from .findings.catalogue import findings_document
from .record_schemas import finding_schema, parse_record_schema, validation_schema
from .rules import rules_document
from .schema import json_schema

__all__ = ["ARTIFACTS", "render_json", "write_artifacts"]


def render_json(document: Any) -> str:
    """Format a generated JSON artifact: two-space indent, Chinese unescaped, final newline."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


#: Each generated file, relative to the repository root, and the function that renders it.
ARTIFACTS: dict[str, Callable[[], str]] = {
    "schemas/report.schema.json": lambda: render_json(json_schema()),
    "schemas/catalogue.json": lambda: render_json(catalogue_document()),
    "schemas/rules.json": lambda: render_json(rules_document()),
    "schemas/findings.json": lambda: render_json(findings_document()),
    "schemas/finding.schema.json": lambda: render_json(finding_schema()),
    "schemas/parse-record.schema.json": lambda: render_json(parse_record_schema()),
    "schemas/validation.schema.json": lambda: render_json(validation_schema()),
    "docs/reference.md": reference_markdown,
    **pages(),
}


def write_artifacts(root: Path) -> list[Path]:
    """Regenerate every artifact under ``root``; return the files that changed or went."""
    changed = []
    for rel, render in ARTIFACTS.items():
        path = root / rel
        text = render()
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    for folder in PAGE_DIRS:
        for path in sorted((root / folder).glob("*.md")):
            if path.relative_to(root).as_posix() not in ARTIFACTS:
                path.unlink()
                changed.append(path)
    return changed
