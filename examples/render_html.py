"""Turn a report JSON document into an HTML page of the official layout and tables.

Usage::

    python examples/render_html.py examples/report-2021.json report.html

The page has the six sections under their official headings and the three tables with the
template's labels, rowspans and colspans; blank cells are left empty. The same page reads back
into the same report with ``govdisclosure.parse``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from govdisclosure import loads
from govdisclosure.render import render


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    source, target = Path(sys.argv[1]), Path(sys.argv[2])
    report = loads(source.read_bytes())
    target.write_text(render(report, "html"), encoding="utf-8")
    print(f"wrote {target}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
