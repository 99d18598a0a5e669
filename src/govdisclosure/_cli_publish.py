"""``govdisclosure rules`` and ``govdisclosure findings``: the published registries, printed.

Each prints the same bytes as the committed ``schemas/rules.json`` or ``schemas/findings.json``
(which an installed wheel also carries as ``govdisclosure/schemas/``), so a developer in another
language gets them from an install, without a clone.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from .artifacts import ARTIFACTS

__all__ = ["register"]

#: Each command, the artifact it prints, and its help in Chinese and English.
_COMMANDS = {
    "rules": (
        "schemas/rules.json",
        "输出规则目录（rules.json）",
        "print the rule catalogue (rules.json)",
    ),
    "findings": (
        "schemas/findings.json",
        "输出发现项目录（findings.json）",
        "print every finding id (findings.json)",
    ),
}


def _printer(artifact: str) -> Any:
    def run(args: argparse.Namespace) -> int:
        sys.stdout.write(ARTIFACTS[artifact]())
        return 0

    return run


def register(subparsers: Any, lang: str = "en") -> None:
    """Add ``rules`` and ``findings``."""
    for name, (artifact, zh, en) in _COMMANDS.items():
        help_text = zh if lang == "zh" else en
        p = subparsers.add_parser(name, help=help_text, description=help_text)
        p.set_defaults(run=_printer(artifact))
