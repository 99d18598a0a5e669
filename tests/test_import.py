"""Importing the package computes nothing: the codecs and converters are built on first use."""

from __future__ import annotations

import subprocess
import sys

from .conftest import EXAMPLES

_PROBE = """
import govdisclosure
from govdisclosure import serialize
assert not serialize._GENERATED, "codecs generated at import"
assert not serialize._CONVERTERS, "converters built at import"
report = govdisclosure.loads(open({path!r}, encoding="utf-8").read())
assert serialize._GENERATED and not serialize._CONVERTERS
assert govdisclosure.converter is serialize.converter
print(report.template_version)
"""


def test_import_builds_no_codec_or_converter() -> None:
    """A fresh interpreter imports govdisclosure with no codec or converter built yet."""
    code = _PROBE.format(path=str(EXAMPLES / "report-2021.json"))
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert out.stdout.strip() == "2021"
