"""Shared fixtures: the repository's paths and example documents."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


def load_json(path: Path) -> Any:
    """Read a JSON file as UTF-8."""
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def root() -> Path:
    """The repository root."""
    return ROOT


@pytest.fixture(scope="session")
def example_2021() -> Any:
    """The complete 2021-format example document."""
    return load_json(EXAMPLES / "report-2021.json")


@pytest.fixture(scope="session")
def example_2019() -> Any:
    """The 2019-format example document."""
    return load_json(EXAMPLES / "report-2019.json")
