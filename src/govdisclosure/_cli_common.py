"""What every command shares: one exit-code scheme, the language, file names, inputs, progress.

* Exit status (:data:`EXIT_OK` …): 0 clean, 1 a finding of severity ``error`` or
  ``inconsistency``, 2 unusable input or usage, 130 interrupted. :func:`status_of` derives it
  from findings, so every command agrees on what "clean" means.
* The language of the command line's own words is ``--lang``, else the locale (``LC_ALL``,
  ``LC_MESSAGES``, ``LANG`` starting with ``zh``), else English: :func:`default_lang`, :func:`say`.
* A file name that is not valid UTF-8 (a GBK name unpacked from a Chinese Windows archive) is
  shown decoded as GB18030 when it decodes so, else with U+FFFD for each undecodable byte:
  :func:`display_name`. It never reaches a JSON writer as a lone surrogate.
* :func:`expand` turns the given paths into files, naming what it skipped and what is missing.
* :func:`progress` is the one progress bar (rich), on stderr, only when wanted.
* :class:`ArrayWriter` writes a JSON array one element at a time, byte for byte what
  ``orjson.dumps(elements, option=OPT_INDENT_2)`` writes for the whole list, so that a batch's
  output never holds more than one record; :class:`Stdout` writes such bytes to stdout.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol, TextIO

import attrs
import orjson

__all__ = [
    "EXIT_FINDINGS",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_UNUSABLE",
    "ArrayWriter",
    "Expanded",
    "Progress",
    "Stdout",
    "default_lang",
    "display_name",
    "expand",
    "progress",
    "say",
    "status_of",
]

#: No finding of severity ``error`` or ``inconsistency``, every input usable.
EXIT_OK = 0
#: At least one finding of severity ``error`` or ``inconsistency`` (a file with no report too).
EXIT_FINDINGS = 1
#: Unusable input (missing, unreadable, not JSON, not a document) or a usage error.
EXIT_UNUSABLE = 2
#: Interrupted (Ctrl-C): 128 + SIGINT, as shells report it.
EXIT_INTERRUPTED = 130

_FAILING = frozenset(("error", "inconsistency"))

# The command line's own words, in both languages; {placeholders} are filled by say().
_WORDS: dict[str, tuple[str, str]] = {
    "missing": ("没有这个文件或文件夹：{path}", "no such file or folder: {path}"),
    "skipped": ("跳过 {n} 个（共 {total} 个）：{names}", "skipped {n} of {total}: {names}"),
    "skipped_more": ("等 {more} 个", "and {more} more"),
    "not_utf8": (
        "文件名不是 UTF-8：{shown}（输出中如此显示）",
        "file name is not UTF-8: {shown} (shown so in the output)",
    ),
    "interrupted": ("已中断", "interrupted"),
    "unreadable": ("{path}：无法读取：{reason}", "{path}: unreadable: {reason}"),
    "extra": ("{path}：{reason}", "{path}: {reason}"),
    "os_error": ("{reason}{where}", "{reason}{where}"),
    "deprecated_format": (
        "parse --format {value} 已弃用，请改用 --input-format {value}",
        "parse --format {value} is deprecated: use --input-format {value}",
    ),
    "strict_missing": (
        "--strict 需要 jsonschema：pip install 'govdisclosure[strict]'",
        "--strict needs jsonschema: pip install 'govdisclosure[strict]'",
    ),
}

# OS error messages (strerror) the CLI translates when the language is Chinese.
_OS_ZH = {
    "No such file or directory": "没有这个文件或文件夹",
    "Permission denied": "权限不足",
    "Not a directory": "不是文件夹",
    "Is a directory": "是一个文件夹",
    "File exists": "文件已存在",
    "No space left on device": "磁盘空间不足",
    "Read-only file system": "只读文件系统",
}


def default_lang() -> str:
    """``"zh"`` when the locale says Chinese (``LC_ALL``, ``LC_MESSAGES``, ``LANG``), else en."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def say(lang: str, key: str, **fields: Any) -> str:
    """One of the command line's messages in ``lang``, with its fields filled in."""
    zh, en = _WORDS[key]
    return (zh if lang == "zh" else en).format(**fields)


def os_reason(exc: OSError, lang: str) -> str:
    """An OS error's reason in ``lang`` (the system's English text when not translated)."""
    reason = exc.strerror or str(exc)
    return _OS_ZH.get(reason, reason) if lang == "zh" else reason


def status_of(severities: Iterable[str]) -> int:
    """1 when any severity is ``error`` or ``inconsistency``, else 0."""
    return EXIT_FINDINGS if any(s in _FAILING for s in severities) else EXIT_OK


def display_name(path: Path | str) -> str:
    """``path`` as text that any UTF-8 writer accepts (see the module documentation)."""
    text = str(path)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raw = os.fsencode(text)
        try:
            return raw.decode("gb18030")
        except UnicodeDecodeError:
            return raw.decode("utf-8", "replace")
    return text


def is_displayable(path: Path | str) -> bool:
    """Whether ``str(path)`` is valid UTF-8 (holds no surrogate-escaped byte)."""
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


@attrs.frozen
class Expanded:
    """The files to read, the files a folder held that are not read, and the missing paths."""

    files: tuple[Path, ...]
    skipped: tuple[Path, ...]
    missing: tuple[str, ...]


def expand(paths: Sequence[str], wanted: Iterable[str]) -> Expanded:
    """Each file as given; each folder as its files with a ``wanted`` suffix, sorted.

    ``-`` stays as itself (standard input). Other files in a folder are listed as skipped;
    hidden files (a leading dot) are neither read nor counted.
    """
    suffixes = frozenset(wanted)
    files: list[Path] = []
    skipped: list[Path] = []
    missing: list[str] = []
    for raw in paths:
        path = Path(raw)
        if raw == "-":
            files.append(path)
        elif path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
            for p in found:
                (files if p.suffix.lower() in suffixes else skipped).append(p)
        elif path.exists():
            files.append(path)
        else:
            missing.append(raw)
    return Expanded(tuple(files), tuple(skipped), tuple(missing))


def report_skipped(expanded: Expanded, lang: str, command: str) -> None:
    """Name the skipped files on stderr (the first five and a count), if any."""
    if not expanded.skipped:
        return
    n = len(expanded.skipped)
    names = ", ".join(display_name(p.name) for p in expanded.skipped[:5])
    if n > 5:
        names += " " + say(lang, "skipped_more", more=n - 5)
    total = n + len(expanded.files)
    err(command, say(lang, "skipped", n=n, total=total, names=names))


def report_missing(expanded: Expanded, lang: str, command: str) -> None:
    """Say "no such file or folder" on stderr for each missing path."""
    for raw in expanded.missing:
        err(command, say(lang, "missing", path=display_name(raw)))


def err(command: str, message: str) -> None:
    """Write ``govdisclosure <command>: <message>`` on stderr."""
    sys.stderr.write(f"govdisclosure {command}: {message}\n")
    sys.stderr.flush()


def table_lines(head: Sequence[str], rows: Sequence[Sequence[str]], stream: TextIO) -> list[str]:
    """A table in the one style (rich), as lines of text for ``stream``.

    To a terminal: its width, colours unless ``NO_COLOR``, the last column wrapped by display
    width. Otherwise: plain text, every row on one line.
    """
    import io

    from rich import box
    from rich.console import Console
    from rich.table import Table

    terminal = stream.isatty()
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=None if terminal else 100_000,
        force_terminal=terminal,
        color_system="auto" if terminal else None,
        highlight=False,
        emoji=False,
        markup=False,
    )
    if terminal:
        columns, lines = shutil.get_terminal_size()
        console.size = (max(20, columns - 2), lines)  # the lines are indented by two
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, header_style="bold")
    for k, name in enumerate(head):
        last = k == len(head) - 1
        table.add_column(name, no_wrap=not last, overflow="fold")
    for row in rows:
        table.add_row(*row)
    console.print(table)
    return ["  " + line.rstrip() for line in buffer.getvalue().splitlines() if line.strip()]


class Progress(Protocol):
    """What a command does with a progress bar: advance it by one file."""

    def step(self, name: str) -> None:
        """One more file done; ``name`` is the file being shown."""


class _Silent:
    def step(self, name: str) -> None:
        pass


class _Bar:
    def __init__(self, bar: Any, task: Any) -> None:
        self.bar, self.task = bar, task

    def step(self, name: str) -> None:
        self.bar.update(self.task, advance=1, name=display_name(name))


def progress_columns() -> tuple[Any, ...]:
    """The one style of progress bar: bar, count and percentage, rate, ETA, file name.

    The file name column takes the width that is left and is cut with an ellipsis by display
    width, so Chinese names never wrap a line.
    """
    from rich.progress import (
        BarColumn,
        ProgressColumn,
        Task,
        TextColumn,
        TimeRemainingColumn,
    )
    from rich.table import Column
    from rich.text import Text

    class _RateColumn(ProgressColumn):
        """Files per second."""

        def render(self, task: Task) -> Text:
            speed = task.finished_speed or task.speed
            return Text(f"{speed:.1f}/s" if speed else "", style="progress.data.speed")

    return (
        BarColumn(bar_width=24),
        TextColumn("{task.completed}/{task.total} ({task.percentage:>3.0f}%)"),
        _RateColumn(),
        TimeRemainingColumn(),
        TextColumn(
            "{task.fields[name]}",
            table_column=Column(no_wrap=True, overflow="ellipsis", ratio=1, min_width=4),
        ),
    )


def make_progress(console: Any) -> Any:
    """A rich ``Progress`` in the one style, writing to ``console``."""
    from rich.progress import Progress as RichProgress

    return RichProgress(*progress_columns(), console=console, expand=True)


@contextmanager
def progress(total: int, enabled: bool | None, quiet: bool) -> Iterator[Progress]:
    """A progress bar over ``total`` files on stderr.

    Shown when ``enabled`` is true, or when it is ``None``, not ``quiet``, there are several
    files and stderr is a terminal. rich honours ``NO_COLOR`` and ``TERM=dumb``.
    """
    want = enabled if enabled is not None else (not quiet and total > 1 and sys.stderr.isatty())
    if not want:
        yield _Silent()
        return
    from rich.console import Console

    # A bar asked for on a non-terminal stream is drawn once per step, not animated.
    console = Console(file=sys.stderr, force_terminal=sys.stderr.isatty() or None)
    bar = make_progress(console)
    with bar:
        task = bar.add_task("", total=total, name="")
        yield _Bar(bar, task)


class _Sink(Protocol):
    def write(self, data: bytes, /) -> Any: ...


class ArrayWriter:
    """A JSON array written element by element, as ``orjson.dumps(list, OPT_INDENT_2)`` would.

    ``depth`` is how deep the array sits in the enclosing document (0: the array is the
    document; 1: a member of the top-level object), which sets the indentation of its
    elements. Each element is encoded on its own when it is added and then dropped, so memory
    stays that of one element however long the array. :meth:`close` writes the closing
    bracket (``[]`` when nothing was added). Indenting an element's lines is safe because
    JSON strings never hold a raw newline.
    """

    def __init__(self, sink: _Sink, depth: int = 0) -> None:
        self._sink = sink
        self._pad = b"\n" + b"  " * (depth + 1)
        self._close = b"\n" + b"  " * depth + b"]"
        self._count = 0
        sink.write(b"[")

    def add(self, element: Any) -> None:
        """Encode ``element`` and write it, after a comma unless it is the first."""
        data = orjson.dumps(element, option=orjson.OPT_INDENT_2)
        self._sink.write((b"," if self._count else b"") + self._pad)
        self._sink.write(data.replace(b"\n", self._pad))
        self._count += 1

    def close(self) -> None:
        """Write the closing bracket."""
        self._sink.write(self._close if self._count else b"]")


class Stdout:
    """Bytes to stdout: straight to its byte buffer for a file or a pipe; text to a terminal.

    On a terminal the progress bar (rich) is live on the same screen, and rich keeps it below
    what is written through ``sys.stdout``, not through its byte buffer.
    """

    def __init__(self) -> None:
        self.terminal = sys.stdout.isatty()

    def write(self, data: bytes) -> None:
        """Write ``data`` (UTF-8)."""
        if self.terminal:
            sys.stdout.write(data.decode("utf-8"))
        else:
            sys.stdout.buffer.write(data)

    def flush(self) -> None:
        """Flush stdout."""
        sys.stdout.flush()
        if not self.terminal:
            sys.stdout.buffer.flush()
