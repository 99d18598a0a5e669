"""Streamed batch output: the bytes that encoding the whole output at once gives."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from govdisclosure.cli import main

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*.json"))
SOURCES = [
    ROOT / "examples" / "sources" / "muchang-2023.txt",
    ROOT / "tests" / "fixtures" / "parse" / "html-2021-township" / "source.html",
]


def _whole(data: bytes) -> bytes:
    """What the former writer wrote: the whole document encoded at once, indented."""
    return orjson.dumps(orjson.loads(data), option=orjson.OPT_INDENT_2) + b"\n"


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for path in EXAMPLES:
        (folder / path.name).write_bytes(path.read_bytes())
    (folder / "bad.json").write_bytes(b"{not json")
    if Path("/proc/self/mem").exists():
        (folder / "unreadable.json").symlink_to("/proc/self/mem")
    return folder


@pytest.mark.parametrize("which", ["one", "several", "folder"])
def test_validate_json_and_jsonl_stream_the_same_verdicts(
    which: str, tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    """``--format json`` is byte-identical to encoding it at once; jsonl has its verdicts."""
    args = {
        "one": [str(EXAMPLES[0])],
        "several": [str(p) for p in EXAMPLES],
        "folder": [str(_folder(tmp_path))],
    }[which]
    status = main(["validate", *args, "--format", "json", "-q"])
    out = capsysbinary.readouterr().out
    assert out == _whole(out)
    document = orjson.loads(out)
    assert status == document["summary"]["exit_status"]
    assert status == {"one": 0, "several": 1, "folder": 2}[which]
    assert main(["validate", *args, "--format", "jsonl", "-q"]) == status
    lines = capsysbinary.readouterr().out.splitlines()
    assert lines == [orjson.dumps(v) for v in document["files"]]


def test_parse_o_writes_a_json_array_validate_reads(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    """``parse -o`` streams a valid JSON array, byte-identical to encoding it at once."""
    out = tmp_path / "all.json"
    args = [str(p) for p in SOURCES]
    status = main(["parse", *args, "-o", str(out), "-q"])
    data = out.read_bytes()
    assert data == _whole(data)
    records = orjson.loads(data)
    assert main(["parse", *args, "--jsonl", "-q"]) == status
    lines = capsysbinary.readouterr().out.splitlines()
    assert records == [orjson.loads(line) for line in lines]
    assert main(["validate", str(out), "--format", "jsonl", "-q"]) in (0, 1)
    assert len(capsysbinary.readouterr().out.splitlines()) == len(records)
