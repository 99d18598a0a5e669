"""The wide table is lossless: every format reads back the reports it was written from."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govdisclosure import VERSIONS, Report, dumps
from govdisclosure.dataset import FORMATS, from_table, read, reports_table, write
from govdisclosure.strategies import reports

_SUFFIX = {"csv": ".csv", "xlsx": ".xlsx", "parquet": ".parquet", "jsonl": ".jsonl"}
_MIXED = st.lists(reports(), min_size=1, max_size=3)
_BY_VERSION = {v: st.lists(reports(v), min_size=1, max_size=3) for v in VERSIONS}


def _sorted(rs: list[Report]) -> list[str]:
    return sorted(dumps(r) for r in rs)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_MIXED, st.sampled_from(["pointer", "zh", "en"]))
def test_table_roundtrip(rs: list[Report], lang: str) -> None:
    """from_table(reports_table(rs)) == rs, for both versions mixed and every heading language."""
    assert from_table(reports_table(rs, lang=lang)) == rs  # type: ignore[arg-type]


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("fmt", FORMATS)
@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_format_roundtrip(fmt: str, version: str, data: st.DataObject) -> None:
    """Writing the wide table in any format and reading it back gives the same reports, for
    each template version.

    A partitioned folder groups the rows by year and template, so its order is not kept.
    """
    rs = data.draw(_BY_VERSION[version])
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / ("out" + _SUFFIX.get(fmt, ""))
        write(rs, path, fmt, batch=2)  # type: ignore[arg-type]
        back = read(path, fmt)  # type: ignore[arg-type]
    if fmt == "parquet-dir":
        assert _sorted(back) == _sorted(rs)
    else:
        assert back == rs
