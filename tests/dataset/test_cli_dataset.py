"""The dataset command: the examples folder to Parquet, XLSX, CSV and a partitioned folder."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from govdisclosure.cli import main
from govdisclosure.dataset import read

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.mark.parametrize("name", ["out.parquet", "out.xlsx", "out.csv", "out.jsonl", "folder"])
def test_examples_to_every_format(tmp_path: Path, name: str) -> None:
    """The README's command works for every output, and the table reads back as reports."""
    out = tmp_path / name
    assert main(["dataset", str(EXAMPLES), "-o", str(out), "--jobs", "2"]) == 0
    reports = read(out)
    assert len(reports) == 5
    assert {r.template_version for r in reports} == {"2019", "2021"}


def test_pandas_reads_the_readme_outputs(tmp_path: Path) -> None:
    """The README snippet: pandas reads the Parquet and XLSX outputs, counts as integers."""
    main(["dataset", str(EXAMPLES), "-o", str(tmp_path / "out.parquet"), "--jobs", "1"])
    main(["dataset", str(EXAMPLES), "-o", str(tmp_path / "out.xlsx"), "--jobs", "1"])
    df = pd.read_parquet(tmp_path / "out.parquet", dtype_backend="numpy_nullable")
    col = "表三 › 一、本年新收政府信息公开申请数量 › 申请人情况 › 总计"
    assert str(df[col].dtype) == "Int64"
    assert df[col].isna().any()  # the 2023 report's tables are not reported
    xl = pd.read_excel(tmp_path / "out.xlsx", dtype_backend="numpy_nullable")
    assert list(xl.columns) == list(df.columns)
    assert str(xl[col].dtype) == "Int64"
    assert xl[col].tolist() == df[col].tolist()


def test_validate_and_findings_table(tmp_path: Path) -> None:
    """--validate fills the finding counts; --table findings writes one row per finding."""
    out = tmp_path / "f.csv"
    assert (
        main(
            [
                "dataset",
                str(EXAMPLES),
                "-o",
                str(out),
                "--validate",
                "--table",
                "findings",
                "--lang",
                "pointer",
                "--jobs",
                "1",
            ]
        )
        == 0
    )
    text = out.read_bytes()
    assert text.startswith(b"\xef\xbb\xbf")
    assert b"planted-inconsistency-2021.json" in text


def test_unreadable_input_does_not_stop_the_batch(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A broken JSON file is reported and the other reports are written; the status is 1."""
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    out = tmp_path / "out.parquet"
    status = main(
        ["dataset", str(EXAMPLES / "report-2019.json"), str(bad), "-o", str(out), "--jobs", "1"]
    )
    assert status == 1
    assert "bad.json" in capsys.readouterr().err
    assert len(read(out)) == 1
