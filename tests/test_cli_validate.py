"""The ``govdisclosure validate`` command."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from govdisclosure.cli import main

ROOT = Path(__file__).resolve().parents[1]
PLANTED = ROOT / "examples" / "planted-inconsistency-2021.json"
GOOD = ROOT / "examples" / "report-2021.json"


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(["validate", *args])
    out, err = capsys.readouterr()
    return status, out, err


def test_planted_inconsistency_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _run(capsys, str(PLANTED), "--lang", "en")
    assert status == 1
    assert "failed (3 inconsistencies)" in out
    for rule in ("T3-1.natural_person", "T3-3.natural_person", "T3-4.outcomes.total"):
        assert rule in out
    assert "(7) Total is 42, but the outcome rows (1) to (6) add up to 41" in out
    assert "changing it from 42 to 41 would resolve all 3" in out
    assert "severity" in out
    assert "Summary: 1 files, 1 with errors or inconsistencies, 0 unreadable" in out


def test_planted_inconsistency_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _run(capsys, str(PLANTED), "--lang", "zh")
    assert status == 1
    assert "未通过 (3 不一致)" in out
    assert "表三「自然人」列：（七）总计为 42，但（一）至（六）各项办理结果之和为 41" in out
    assert "级别" in out
    assert "汇总" in out


def test_a_valid_file_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _run(capsys, str(GOOD), "--lang", "en")
    assert status == 0
    assert f"{GOOD}: ok" in out
    assert "No findings." in out


def test_unreadable_input_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, out, _ = _run(capsys, str(GOOD), str(tmp_path / "missing.json"), "--lang", "en")
    assert status == 2
    assert "missing.json: unreadable" in out


def test_invalid_json_is_a_finding_and_unusable_input(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Text that is not JSON at all is reported (json.syntax) and is unusable input: 2."""
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    status, out, _ = _run(capsys, str(bad), "--lang", "en")
    assert status == 2
    assert "json.syntax" in out


def test_a_directory_and_json_output(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    for name, source in (("a.json", GOOD), ("b.json", PLANTED)):
        (tmp_path / name).write_bytes(source.read_bytes())
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.json").write_bytes(PLANTED.read_bytes())
    (tmp_path / "notes.txt").write_text("ignored", encoding="utf-8")
    status, out, _ = _run(capsys, str(tmp_path), "--format", "json")
    assert status == 1
    doc = json.loads(out)
    assert [Path(f["path"]).name for f in doc["files"]] == ["a.json", "b.json", "c.json"]
    assert [f["ok"] for f in doc["files"]] == [True, False, False]
    summary = doc["summary"]
    assert (summary["files"], summary["failed"], summary["unreadable"]) == (3, 2, 0)
    assert {r["rule"]: r["count"] for r in summary["rules"]} == {
        "T3-1.natural_person": 2,
        "T3-3.natural_person": 2,
        "T3-4.outcomes.total": 2,
    }
    assert summary["exit_status"] == 1


def test_progress_bar_and_summary(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    for k in range(5):
        (tmp_path / f"{k}.json").write_bytes(GOOD.read_bytes())
    status, out, err = _run(capsys, str(tmp_path), "--progress", "--lang", "en")
    assert status == 0
    assert "5/5 (100%)" in err
    assert "Summary: 5 files, 0 with errors or inconsistencies, 0 unreadable" in out
    status, _, err = _run(capsys, str(tmp_path), "--no-progress")
    assert err == ""


def test_all_lists_the_not_checkable_rules(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    doc = json.loads(GOOD.read_text(encoding="utf-8"))
    doc["review_litigation"]["review"]["pending"] = None
    path = tmp_path / "blank.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    status, out, _ = _run(capsys, str(path), "--lang", "en")
    assert status == 0
    assert "T4-1.review" not in out
    assert "1 rules not checkable" in out
    status, out, _ = _run(capsys, str(path), "--lang", "en", "--all")
    assert "T4-1.review" in out
    assert "Not checkable" in out


def test_strict(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _run(capsys, str(GOOD), "--strict", "--lang", "en")
    assert status == 0
    assert "No findings." in out


def test_the_real_command_line() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "govdisclosure", "validate", str(PLANTED), "--lang", "zh"],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert done.returncode == 1
    assert "T3-3.natural_person" in done.stdout
    assert done.stderr == ""


def test_an_empty_directory_is_unreadable_input(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status, _, err = _run(capsys, str(tmp_path))
    assert status == 2
    assert "no JSON files" in err


def test_parse_records_are_validated_as_their_report(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    record = tmp_path / "record.json"
    page = ROOT / "tests" / "fixtures" / "parse" / "html-2021-township" / "source.html"
    assert main(["parse", str(page), "-o", str(record)]) == 0
    capsys.readouterr()
    status, out, _ = _run(capsys, str(record))
    assert status == 0
    assert f"{record}: ok" in out


def test_a_closed_pipe_is_not_a_traceback() -> None:
    # The catalogue is larger than a pipe's buffer, so its writer meets the closed pipe.
    proc = subprocess.run(
        f"{sys.executable} -m govdisclosure catalogue | head -c 10",
        shell=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.stdout == '{\n  "descr'
    assert proc.stderr == ""


def test_an_unusable_output_is_a_message(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["generate", "--root", str(ROOT / "README.md")]) == 2
    assert "Not a directory" in capsys.readouterr().err
