"""The ``govdisclosure`` command line: one exit-code scheme and one language for every command.

Each command lives with its topic: this module gathers them. A command module exposes
``register(subparsers)`` or ``register(subparsers, lang)``, which adds its sub-command with
``run`` set to a function taking the parsed arguments and returning the exit status. Every
sub-command also gets ``--lang`` and ``--quiet`` (added to each after they are all
registered), so a new one need not declare them.

Exit status (docs/cli.md): 0 clean, 1 a finding of severity error or inconsistency, 2 unusable
input or usage, 130 interrupted; never a traceback.
"""

from __future__ import annotations

import argparse
import inspect
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from . import _cli_common as common
from .artifacts import ARTIFACTS, write_artifacts

__all__ = ["main"]


def _print_artifact(name: str) -> int:
    sys.stdout.write(ARTIFACTS[name]())
    return 0


def project_root() -> Path | None:
    """The source checkout this package belongs to (holding its pyproject.toml), if any."""
    for folder in Path(__file__).resolve().parents:
        project = folder / "pyproject.toml"
        if project.is_file() and 'name = "govdisclosure"' in project.read_text("utf-8"):
            return folder
    return None


def _generate(args: argparse.Namespace) -> int:
    root = Path(args.root) if args.root is not None else project_root()
    if root is None:
        common.err(
            "generate",
            "未在源码目录中运行：请用 --root 指定项目根目录"
            if args.lang == "zh"
            else "not run from a source checkout: give the project root with --root",
        )
        return common.EXIT_UNUSABLE
    changed = write_artifacts(root)
    for path in changed:
        print(f"wrote {path}")
    if not changed:
        print("所有生成文件均为最新" if args.lang == "zh" else "all generated files are up to date")
    return 0


class _ZhFormatter(argparse.HelpFormatter):
    """argparse's help with its own words in Chinese."""

    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are in the command line's language."""

    lang = "en"

    def error(self, message: str) -> NoReturn:
        if self.lang != "zh":
            super().error(message)
        self.print_usage(sys.stderr)
        self.exit(common.EXIT_UNUSABLE, f"{self.prog}：错误：{message}\n")


def _translate(parser: argparse.ArgumentParser, lang: str) -> None:
    """Put argparse's own words (titles, ``-h``, usage, errors) in ``lang``."""
    if isinstance(parser, _Parser):
        parser.lang = lang
    if lang != "zh":
        return
    parser.formatter_class = _ZhFormatter
    parser._positionals.title = "位置参数"
    parser._optionals.title = "选项"
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction):
            action.help = "显示此帮助并退出"
        elif isinstance(action, argparse._VersionAction):
            action.help = "显示版本号并退出"


def _lang_of(argv: Sequence[str]) -> str:
    """``--lang`` as given anywhere on the command line, else the locale's language."""
    for k, arg in enumerate(argv):
        if arg == "--lang" and k + 1 < len(argv) and argv[k + 1] in ("zh", "en"):
            return argv[k + 1]
        if arg in ("--lang=zh", "--lang=en"):
            return arg[7:]
    return common.default_lang()


def _add_common(p: argparse.ArgumentParser, lang: str, *, top: bool) -> None:
    """``--lang`` and ``--quiet``, each unless declared already.

    On a sub-command they default to nothing, so that they do not overwrite the top level's.
    """
    zh = lang == "zh"
    taken = p._option_string_actions
    if "--lang" not in taken:
        p.add_argument(
            "--lang",
            choices=("zh", "en"),
            help="输出语言（默认：依据区域设置）" if zh else "output language (default: locale)",
            default=lang if top else argparse.SUPPRESS,
        )
    if "--quiet" not in taken:
        names = ("--quiet",) if "-q" in taken else ("-q", "--quiet")
        p.add_argument(
            *names,
            action="store_true",
            help="不显示进度条和汇总" if zh else "no progress bar and no summary on stderr",
            default=False if top else argparse.SUPPRESS,
        )


def _parser(lang: str = "en") -> argparse.ArgumentParser:
    from . import __version__

    zh = lang == "zh"
    p = _Parser(
        prog="govdisclosure",
        description="政府信息公开工作年度报告的类型化数据。"
        if zh
        else "Typed data for annual government-information disclosure reports.",
        epilog="退出状态：0 无问题，1 有错误或不一致，2 输入不可用或用法错误，130 中断。"
        if zh
        else "Exit status: 0 clean, 1 errors or inconsistencies found, "
        "2 unusable input or usage, 130 interrupted.",
    )
    p.add_argument("--version", action="version", version=f"govdisclosure {__version__}")
    _add_common(p, lang, top=True)
    sub = p.add_subparsers(dest="command", required=True)
    sub.add_parser(
        "schema", help="输出报告的 JSON Schema" if zh else "print the report JSON Schema"
    ).set_defaults(run=lambda a: _print_artifact("schemas/report.schema.json"))
    sub.add_parser(
        "catalogue", help="输出字段目录" if zh else "print the field catalogue"
    ).set_defaults(run=lambda a: _print_artifact("schemas/catalogue.json"))
    sub.add_parser(
        "reference",
        help="输出模型参考（Markdown）" if zh else "print the model reference (Markdown)",
    ).set_defaults(run=lambda a: _print_artifact("docs/reference.md"))
    gen = sub.add_parser(
        "generate",
        help="重新生成 schemas/ 和 docs/reference.md"
        if zh
        else "regenerate schemas/ and docs/reference.md",
    )
    gen.add_argument(
        "--root",
        default=None,
        help="项目根目录（默认：本包所在的源码目录）"
        if zh
        else "the project root (default: the source checkout this package belongs to)",
    )
    gen.set_defaults(run=_generate)
    for register in _command_modules():
        # ``register(subparsers)`` or ``register(subparsers, lang)``: either form is accepted,
        # so that a command written without translated help needs no change.
        if len(inspect.signature(register).parameters) >= 2:
            register(sub, lang)
        else:
            register(sub)
    for command in sub.choices.values():
        _add_common(command, lang, top=False)
        _translate(command, lang)
    _translate(p, lang)
    return p


def _command_modules() -> list[Callable[..., None]]:
    from . import _cli_dataset, _cli_parse, _cli_publish, _cli_template, _cli_validate

    registers: list[Callable[..., None]] = [
        _cli_validate.register,
        _cli_parse.register,
        _cli_dataset.register,
        _cli_template.register,
        _cli_publish.register,
    ]
    return registers


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status.

    Every failure ends in a message and a status, never a traceback: 2 when an input or
    output cannot be used, 130 when interrupted.
    """
    for stream in (sys.stdout, sys.stderr):
        # A terminal that cannot show Chinese gets escapes rather than an error.
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    argv = list(sys.argv[1:] if argv is None else argv)
    lang = _lang_of(argv)
    command = "?"
    try:
        args = _parser(lang).parse_args(argv)
        command = args.command
        status: int = args.run(args)
    except KeyboardInterrupt:
        sys.stderr.write(f"\ngovdisclosure: {common.say(lang, 'interrupted')}\n")
        return common.EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (``| head``): stop quietly, as other command-line tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except OSError as e:
        where = f": {common.display_name(e.filename)}" if e.filename else ""
        common.err(command, f"{common.os_reason(e, lang)}{where}")
        return common.EXIT_UNUSABLE
    return status
