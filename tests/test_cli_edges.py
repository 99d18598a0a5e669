"""The command line at its edges: exit codes, bad file names, skipped files, connected commands."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from govdisclosure.cli import main

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "sources" / "muchang-2023.txt"
HTML = ROOT / "tests" / "fixtures" / "parse" / "html-2021-township" / "source.html"
GOOD = ROOT / "examples" / "report-2021.json"
PLANTED = ROOT / "examples" / "planted-inconsistency-2021.json"
GBK_NAME = b"\xc4\xea\xb1\xa8.txt"  # 「年报.txt」 in GBK, as unzip leaves it


def run_cli(
    *args: str, stdin: bytes = b"", env: dict[str, str] | None = None, cwd: Path = ROOT
) -> subprocess.CompletedProcess[bytes]:
    """The real command line in a subprocess."""
    return subprocess.run(
        [sys.executable, "-m", "govdisclosure", *args],
        input=stdin,
        capture_output=True,
        check=False,
        cwd=cwd,
        env={**os.environ, "LANG": "C.UTF-8", "LC_ALL": "", **(env or {})},
        timeout=120,
    )


@pytest.fixture
def planted_text(tmp_path: Path) -> Path:
    """The planted-inconsistency report rendered as text: it parses with 3 inconsistencies."""
    target = tmp_path / "planted.txt"
    assert main(["render", str(PLANTED), "--format", "text", "-o", str(target)]) == 0
    return target


# -- One exit-code scheme -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "status"),
    [
        (["schema"], 0),
        (["catalogue"], 0),
        (["reference"], 0),
        (["validate", str(GOOD)], 0),
        (["validate", str(PLANTED)], 1),
        (["validate", "no-such.json"], 2),
        (["parse", str(HTML)], 0),
        (["parse", "no-such.txt"], 2),
        (["render", str(GOOD), "--format", "text"], 0),
        (["render", "no-such.json"], 2),
        (["validate", "--no-such-option", str(GOOD)], 2),
        (["frobnicate"], 2),
    ],
)
def test_every_command_has_one_exit_code_scheme(
    args: list[str], status: int, capsys: pytest.CaptureFixture[str]
) -> None:
    """0 clean, 1 errors or inconsistencies, 2 unusable input or usage, in every command."""
    try:
        got = main(args)
    except SystemExit as exc:  # argparse's usage errors
        got = int(exc.code or 0)
    assert got == status
    capsys.readouterr()


def test_not_json_is_unusable_input(tmp_path: Path) -> None:
    """``validate`` on ``{not json`` exits 2 and still reports the syntax finding."""
    bad = tmp_path / "bad.json"
    bad.write_bytes(b"{not json")
    done = run_cli("validate", str(bad), "--format", "json")
    assert done.returncode == 2
    doc = json.loads(done.stdout)
    assert doc["files"][0]["findings"][0]["rule"] == "json.syntax"
    assert doc["summary"]["exit_status"] == 2


def test_a_file_with_no_report_exits_1(tmp_path: Path) -> None:
    """A readable file that holds no report (``parse.no-report``, an error) exits 1."""
    hello = tmp_path / "hello.txt"
    hello.write_text("hello world\n", encoding="utf-8")
    done = run_cli("parse", str(hello))
    assert done.returncode == 1
    assert json.loads(done.stdout)["findings"][0]["rule"] == "parse.no-report"


def test_parse_validate_with_inconsistencies_exits_1(planted_text: Path) -> None:
    """``parse --validate`` exits 1 when the validator finds inconsistencies."""
    done = run_cli("parse", str(planted_text), "--validate")
    assert done.returncode == 1
    severities = {f["severity"] for f in json.loads(done.stdout)["findings"]}
    assert "inconsistency" in severities
    assert run_cli("parse", str(planted_text)).returncode == 0


def test_ctrl_c_exits_130_without_a_traceback() -> None:
    """An interrupt ends with status 130 and one line, not a ``KeyboardInterrupt`` traceback."""
    # SIGINT arrives while ``validate -`` waits on its (never closed) standard input.
    code = (
        "import os, signal, sys\n"
        "from govdisclosure.cli import main\n"
        "signal.signal(signal.SIGALRM, lambda *a: os.kill(os.getpid(), signal.SIGINT))\n"
        "signal.alarm(1)\n"
        "sys.exit(main(['validate', '-']))\n"
    )
    with subprocess.Popen(
        [sys.executable, "-c", code],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "LANG": "C.UTF-8"},
    ) as proc:
        assert proc.stderr is not None
        err = proc.stderr.read()  # until the process ends; stdin stays open
        proc.wait(timeout=120)
    assert proc.returncode == 130
    assert b"Traceback" not in err
    assert b"interrupted" in err


# -- Folders: bad names, skipped files, missing paths --------------------------------------------


def test_a_gbk_file_name_does_not_stop_the_batch(tmp_path: Path) -> None:
    """A file name in GBK bytes is read, shown decoded (「年报.txt」), and noted on stderr."""
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a.html").write_bytes(HTML.read_bytes())
    with open(os.path.join(os.fsencode(folder), GBK_NAME), "wb") as f:
        f.write(SEED.read_bytes())
    done = run_cli("parse", str(folder), "--jsonl")
    assert done.returncode == 0, done.stderr
    records = [json.loads(line) for line in done.stdout.splitlines()]
    names = sorted(Path(r["file"]).name for r in records)
    assert names == ["a.html", "年报.txt"]
    assert "file name is not UTF-8: " in done.stderr.decode()
    assert "files read: 2 of 2" in done.stderr.decode()


def test_a_gbk_file_name_in_validate_json_output(tmp_path: Path) -> None:
    """``validate DIR --format json`` writes a GBK-named file's path as valid UTF-8."""
    folder = tmp_path / "json"
    folder.mkdir()
    with open(os.path.join(os.fsencode(folder), GBK_NAME[:-4] + b".json"), "wb") as f:
        f.write(GOOD.read_bytes())
    done = run_cli("validate", str(folder), "--format", "json")
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout.decode("utf-8"))
    assert Path(doc["files"][0]["path"]).name == "年报.json"


def test_an_undecodable_file_name_gets_replacement_characters(tmp_path: Path) -> None:
    """A name in neither UTF-8 nor GB18030 is shown with U+FFFD for the bad bytes."""
    from govdisclosure._cli_common import display_name

    assert display_name(os.fsdecode(b"\xff\xfe.txt")) == "\ufffd\ufffd.txt"
    assert display_name(os.fsdecode(GBK_NAME)) == "年报.txt"
    assert display_name("报告.txt") == "报告.txt"


def test_skipped_files_are_counted_and_named(tmp_path: Path) -> None:
    """Files in a folder that no reader takes are named on stderr, never skipped silently."""
    (tmp_path / "a.txt").write_bytes(SEED.read_bytes())
    (tmp_path / "b.html").write_bytes(HTML.read_bytes())
    for name in ("c.doc", "d.wps", "e.json"):
        (tmp_path / name).write_bytes(b"x")
    done = run_cli("parse", str(tmp_path), "--jsonl")
    assert done.returncode == 0
    err = done.stderr.decode()
    assert "skipped 3 of 5: c.doc, d.wps, e.json" in err
    assert len(done.stdout.splitlines()) == 2


@pytest.mark.parametrize(
    ("lang", "words"), [("en", "no such file or folder"), ("zh", "没有这个文件或文件夹")]
)
@pytest.mark.parametrize("command", ["parse", "validate", "render"])
def test_a_mistyped_name_is_no_such_file(
    tmp_path: Path, command: str, lang: str, words: str
) -> None:
    """A mistyped path says so (in the language asked for) and exits 2, writing no record."""
    done = run_cli(command, str(tmp_path / "reprots"), "--lang", lang)
    assert done.returncode == 2
    assert words in done.stderr.decode()
    if command == "parse":
        assert done.stdout == b""


def test_parse_refuses_a_json_file(capsys: pytest.CaptureFixture[str]) -> None:
    """``parse report.json`` says it is JSON (for validate or render) and exits 2."""
    assert main(["parse", str(GOOD)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "a JSON file, not a document to parse" in captured.err
    assert main(["--lang", "zh", "parse", str(GOOD), str(HTML), "--jsonl"]) == 2
    captured = capsys.readouterr()
    assert "这是 JSON 文件" in captured.err
    assert len(captured.out.splitlines()) == 1


def test_a_missing_extra_is_a_line_on_stderr(tmp_path: Path) -> None:
    """Without the pdf extra, a PDF gets a stderr line naming the extra, and exit 2."""
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%%EOF\n")
    code = (
        "import sys\n"
        "sys.modules['pypdfium2'] = None\n"  # the extra is not installed
        "from govdisclosure.cli import main\n"
        f"sys.exit(main(['parse', {str(pdf)!r}]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, check=False, timeout=120
    )
    assert done.returncode == 2
    assert "govdisclosure[pdf]" in done.stderr.decode()


@pytest.mark.skipif(not Path("/proc/self/mem").exists(), reason="needs Linux's /proc")
@pytest.mark.parametrize("command", ["parse", "validate"])
def test_an_unreadable_file_is_a_line_on_stderr(command: str) -> None:
    """A file that exists but cannot be read (``/proc/self/mem``: EIO) is said on stderr: 2."""
    done = run_cli(command, "/proc/self/mem")
    assert done.returncode == 2
    err = done.stderr.decode()
    assert "/proc/self/mem" in err
    assert "Input/output error" in err
    assert err.count("/proc/self/mem") == 1


def test_validate_strict_names_the_strict_extra() -> None:
    """``validate --strict`` without jsonschema names the runtime ``strict`` extra."""
    code = (
        "import sys\n"
        "sys.modules['jsonschema'] = None\n"
        "from govdisclosure.cli import main\n"
        f"sys.exit(main(['validate', '--strict', {str(GOOD)!r}]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, check=False, timeout=120
    )
    assert done.returncode == 2
    assert "pip install 'govdisclosure[strict]'" in done.stderr.decode()


# -- The commands connect ------------------------------------------------------------------------


def test_validate_reads_a_parse_array(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``validate`` reads ``parse -o`` output (a JSON array), one verdict per record."""
    target = tmp_path / "all.json"
    assert main(["parse", str(HTML), str(HTML), "-o", str(target), "-q"]) == 0
    capsys.readouterr()
    assert main(["validate", str(target), "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert [f["path"] for f in doc["files"]] == [
        f"{target}[0] ({HTML})",
        f"{target}[1] ({HTML})",
    ]
    assert doc["summary"]["files"] == 2


def test_validate_reads_json_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``validate`` reads ``parse --jsonl`` output, one verdict per line."""
    assert main(["parse", str(HTML), str(SEED), "--jsonl", "-q"]) == 0
    lines = tmp_path / "records.jsonl"
    lines.write_text(capsys.readouterr().out, encoding="utf-8")
    assert main(["validate", str(lines), "--format", "json"]) == 1
    doc = json.loads(capsys.readouterr().out)
    assert [f["ok"] for f in doc["files"]] == [True, False]


def test_a_damaged_json_line_does_not_hide_the_others(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """In JSON Lines, a line that is not JSON is reported on its own (2); the others are read."""
    assert main(["parse", str(HTML), str(HTML), "--jsonl", "-q"]) == 0
    first, second = capsys.readouterr().out.splitlines()
    lines = tmp_path / "records.jsonl"
    lines.write_text(f"{first}\n{{not json\n{second}\n", encoding="utf-8")
    assert main(["validate", str(lines), "--format", "json"]) == 2
    doc = json.loads(capsys.readouterr().out)
    assert [f["ok"] for f in doc["files"]] == [True, False, True]
    assert doc["files"][1]["findings"][0]["rule"] == "json.syntax"


def test_parse_into_render_through_a_pipe() -> None:
    """``parse FILE | render -`` renders the record's report."""
    parsed = run_cli("parse", str(HTML))
    done = run_cli("render", "-", "--format", "markdown", stdin=parsed.stdout)
    assert done.returncode == 0
    assert "镇康县白水镇人民政府" in done.stdout.decode()


def test_piping_parse_into_validate_keeps_the_parse_findings(planted_text: Path) -> None:
    """The parse findings reach validate's output; a record with no tables is not ok."""
    parsed = run_cli("parse", str(SEED))
    done = run_cli("validate", "-", "--format", "json", stdin=parsed.stdout)
    assert done.returncode == 1
    result = json.loads(done.stdout)["files"][0]
    rules = [f["rule"] for f in result["findings"]]
    assert rules.count("parse.table.missing") == 3
    assert "record.no-tables" in rules
    assert result["ok"] is False


def test_parse_validate_then_validate_does_not_repeat_findings(planted_text: Path) -> None:
    """Re-validating a ``parse --validate`` record lists each rule finding once."""
    parsed = run_cli("parse", str(planted_text), "--validate")
    done = run_cli("validate", "-", "--format", "json", stdin=parsed.stdout)
    rules = [f["rule"] for f in json.loads(done.stdout)["files"][0]["findings"]]
    assert rules.count("T3-3.natural_person") == 1
    assert done.returncode == 1


def test_render_accepts_a_parse_record(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``render`` takes the parse records that ``validate`` takes."""
    record = tmp_path / "record.json"
    assert main(["parse", str(HTML), "-o", str(record)]) == 0
    assert main(["render", str(record), "--format", "text"]) == 0
    assert "镇康县白水镇人民政府" in capsys.readouterr().out
    empty = tmp_path / "empty.json"
    empty.write_text(json.dumps({"file": "x", "format": None, "report": None, "findings": []}))
    assert main(["render", str(empty)]) == 2
    assert "no report" in capsys.readouterr().err


# -- Progress bars and tables --------------------------------------------------------------------


def test_the_progress_bar_fits_80_columns_with_chinese_names() -> None:
    """The bar is cut by display width: a long Chinese file name never wraps at 80 columns."""
    from rich.cells import cell_len
    from rich.console import Console

    from govdisclosure._cli_common import make_progress

    console = Console(file=io.StringIO(), width=80, record=True, force_terminal=True)
    bar = make_progress(console)
    task = bar.add_task("", total=400, name="")
    name = "某某县某某镇人民政府2023年政府信息公开工作年度报告（修订版）.txt"
    bar.update(task, advance=123, name=name)
    console.print(bar.get_renderable())
    lines = console.export_text().splitlines()
    assert len(lines) == 1
    assert cell_len(lines[0]) <= 80
    assert "123/400" in lines[0]
    assert "…" in lines[0]


class _Terminal(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def test_a_findings_table_fits_the_terminal_by_display_width(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """On an 80-column terminal the message column wraps by display width; to a pipe it does not."""
    from rich.cells import cell_len

    from govdisclosure._cli_common import table_lines

    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("NO_COLOR", "1")
    rows = [("不一致", "T3-3.natural_person", "/applications/outcomes/total", "表三" * 60)]
    head = ("级别", "规则", "位置", "说明")
    wrapped = [re.sub(r"\x1b\[[0-9;]*m", "", line) for line in table_lines(head, rows, _Terminal())]
    assert len(wrapped) > 3
    assert all(cell_len(line) <= 80 for line in wrapped)
    assert "".join(wrapped).count("表三") == 60
    plain = table_lines(head, rows, io.StringIO())
    assert len(plain) == 3  # header, rule, one row
    assert "表三" * 60 in plain[2]


def test_no_color_is_respected(monkeypatch: pytest.MonkeyPatch) -> None:
    """With ``NO_COLOR`` set, the bar on a terminal has no colour codes."""
    from rich.console import Console

    from govdisclosure._cli_common import make_progress

    monkeypatch.setenv("NO_COLOR", "1")
    buffer = io.StringIO()
    console = Console(file=buffer, width=80, force_terminal=True)
    bar = make_progress(console)
    task = bar.add_task("", total=4, name="a.txt")
    bar.update(task, advance=2)
    console.print(bar.get_renderable())
    assert "\x1b[3" not in buffer.getvalue()  # no foreground colour


def test_quiet_and_a_pipe_show_no_bar_and_no_summary() -> None:
    """Without a terminal there is no bar; ``--quiet`` also drops the summary."""
    done = run_cli("parse", str(SEED), str(HTML), "--jsonl")
    assert "━" not in done.stderr.decode()
    assert "files read" in done.stderr.decode()
    quiet = run_cli("parse", str(SEED), str(HTML), "--jsonl", "--quiet")
    assert quiet.stderr == b""


# -- Smaller -------------------------------------------------------------------------------------


def test_version() -> None:
    """``--version`` prints the package version."""
    import govdisclosure

    done = run_cli("--version")
    assert done.returncode == 0
    assert done.stdout.decode().strip() == f"govdisclosure {govdisclosure.__version__}"


def test_parse_format_is_the_output_format(capsys: pytest.CaptureFixture[str]) -> None:
    """``parse --format jsonl`` is JSON Lines; an input format there still works, with a note."""
    assert main(["parse", str(HTML), "--format", "jsonl"]) == 0
    out = capsys.readouterr().out
    assert len(out.splitlines()) == 1
    assert main(["parse", str(HTML), "--format", "html"]) == 0
    captured = capsys.readouterr()
    assert "deprecated: use --input-format html" in captured.err
    assert json.loads(captured.out)["format"] == "html"
    assert main(["parse", str(HTML), "--input-format", "text"]) in (0, 1)
    assert json.loads(capsys.readouterr().out)["format"] == "text"


def test_stdin_with_outdir_is_stdin_json(tmp_path: Path) -> None:
    """``parse - --outdir DIR`` writes ``DIR/stdin.json``."""
    done = run_cli("parse", "-", "--outdir", str(tmp_path), stdin=HTML.read_bytes())
    assert done.returncode == 0
    assert [p.name for p in tmp_path.iterdir()] == ["stdin.json"]


def test_generate_writes_into_its_project_not_the_current_folder(tmp_path: Path) -> None:
    """``generate`` without ``--root`` writes into the checkout it belongs to, not the cwd."""
    done = run_cli("generate", cwd=tmp_path)
    assert done.returncode == 0
    assert list(tmp_path.iterdir()) == []
    assert b"up to date" in done.stdout


def test_lang_follows_the_locale_and_covers_help() -> None:
    """``LANG=zh_CN`` makes the command line's own words Chinese, help included."""
    done = run_cli("parse", "--help", env={"LANG": "zh_CN.UTF-8"})
    assert "将报告读为带发现的 JSON 记录" in done.stdout.decode()
    done = run_cli("validate", "--help", "--lang", "en", env={"LANG": "zh_CN.UTF-8"})
    assert "Validate JSON report documents" in done.stdout.decode()
    assert "用法：" in run_cli("--help", env={"LANG": "zh_CN.UTF-8"}).stdout.decode()
    usage = run_cli("validate", "--bogus", "x", "--lang", "zh")
    assert usage.returncode == 2
    assert "错误" in usage.stderr.decode()
    missing = run_cli("render", "nope.json", env={"LANG": "zh_CN.UTF-8"})
    assert "没有这个文件或文件夹" in missing.stderr.decode()


def test_every_subcommand_takes_lang_and_quiet(capsys: pytest.CaptureFixture[str]) -> None:
    """``--lang`` and ``--quiet`` are accepted by every sub-command."""
    for command in ("schema", "catalogue", "reference"):
        assert main([command, "--lang", "zh", "--quiet"]) == 0
    capsys.readouterr()


def test_a_new_subcommand_gets_lang_and_quiet(monkeypatch: pytest.MonkeyPatch) -> None:
    """A command registered as ``register(subparsers)`` gets ``--lang`` and ``--quiet`` too."""
    from govdisclosure import cli

    seen: dict[str, object] = {}

    def register(subparsers: Any) -> None:
        p = subparsers.add_parser("extra")
        p.add_argument("-q", help="its own -q")
        p.set_defaults(run=lambda a: seen.update(lang=a.lang, quiet=a.quiet) or 0)

    original = cli._command_modules
    monkeypatch.setattr(cli, "_command_modules", lambda: [*original(), register])
    assert cli.main(["extra", "--lang", "zh", "--quiet"]) == 0
    assert seen == {"lang": "zh", "quiet": True}
