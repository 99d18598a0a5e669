"""The ``govdisclosure`` command line.

Each command lives with its topic: this module gathers them. A command module exposes
``register(subparsers)``, which adds its sub-command with ``run`` set to a function taking the
parsed arguments and returning the exit status.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from .artifacts import ARTIFACTS, write_artifacts

__all__ = ["main"]


def _print_artifact(name: str) -> int:
    sys.stdout.write(ARTIFACTS[name]())
    return 0


def _generate(args: argparse.Namespace) -> int:
    changed = write_artifacts(Path(args.root))
    for path in changed:
        print(f"wrote {path}")
    if not changed:
        print("all generated files are up to date")
    return 0


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="govdisclosure",
        description="Typed data for annual government-information disclosure reports.",
    )
    sub = p.add_subparsers(dest="command", required=True)
    sub.add_parser("schema", help="print the report JSON Schema").set_defaults(
        run=lambda a: _print_artifact("schemas/report.schema.json")
    )
    sub.add_parser("catalogue", help="print the field catalogue").set_defaults(
        run=lambda a: _print_artifact("schemas/catalogue.json")
    )
    sub.add_parser("reference", help="print the model reference (Markdown)").set_defaults(
        run=lambda a: _print_artifact("docs/reference.md")
    )
    gen = sub.add_parser("generate", help="regenerate schemas/ and docs/reference.md")
    gen.add_argument("--root", default=".", help="the repository root (default: .)")
    gen.set_defaults(run=_generate)
    for register in _command_modules():
        register(sub)
    return p


def _command_modules() -> list[Callable[[Any], None]]:
    from . import _cli_parse, _cli_template, _cli_validate

    registers: list[Callable[[Any], None]] = [
        _cli_validate.register,
        _cli_parse.register,
        _cli_template.register,
    ]
    return registers


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status.

    Every failure ends in a message and a status, never a traceback: 2 when an input or
    output cannot be used.
    """
    for stream in (sys.stdout, sys.stderr):
        # A terminal that cannot show Chinese gets escapes rather than an error.
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    args = _parser().parse_args(argv)
    try:
        status: int = args.run(args)
    except BrokenPipeError:
        # The reader went away (``| head``): stop quietly, as other command-line tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except OSError as e:
        where = f": {e.filename}" if e.filename else ""
        sys.stderr.write(f"govdisclosure {args.command}: {e.strerror or e}{where}\n")
        return 2
    return status
