"""Run the command-line interface: ``python -m govdisclosure``."""

from .cli import main

raise SystemExit(main())
