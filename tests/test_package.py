"""The package as a user installs it: one version, the licence, the schemas and the type marker."""

from __future__ import annotations

import importlib.metadata
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import govdisclosure

ROOT = Path(__file__).resolve().parents[1]


def test_version_has_one_source() -> None:
    """The installed metadata's version is ``govdisclosure.__version__``, its only source."""
    assert importlib.metadata.version("govdisclosure") == govdisclosure.__version__
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'dynamic = ["version"]' in text
    assert "\nversion =" not in text


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("govdisclosure-*.whl")
    return zipfile.ZipFile(built)


def test_wheel_carries_licence_schemas_and_type_marker(wheel: zipfile.ZipFile) -> None:
    """The wheel holds the MIT licence, every committed schema and ``py.typed``."""
    names = set(wheel.namelist())
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    assert "govdisclosure/py.typed" in names
    for schema in (ROOT / "schemas").glob("*.json"):
        assert f"govdisclosure/schemas/{schema.name}" in names
        assert wheel.read(f"govdisclosure/schemas/{schema.name}") == schema.read_bytes()
    meta = next(n for n in names if n.endswith(".dist-info/METADATA"))
    text = wheel.read(meta).decode("utf-8")
    assert "License-Expression: MIT" in text
    assert f"Version: {govdisclosure.__version__}" in text
