"""The check page: the tables as printed, each inconsistent cell marked, tested in a browser."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from lxml import html as lhtml

import govdisclosure as g
from govdisclosure.office.checkpage import cell_id, check_page
from govdisclosure.office.fix import best_fix

ROOT = Path(__file__).resolve().parents[2]
PLANTED = ROOT / "examples" / "planted-inconsistency-2021.json"
FIX = "/applications/outcomes/total/natural_person"


def _all(doc: Any, tag: str, cls: str | None = None) -> list[Any]:
    """The ``tag`` elements (with class ``cls``) under ``doc``, in document order."""
    test = f"[contains(concat(' ', @class, ' '), ' {cls} ')]" if cls else ""
    return list(doc.xpath(f".//{tag}{test}"))


def _by_id(doc: Any, ident: str) -> Any:
    """The element with this id."""
    (found,) = doc.xpath(f".//*[@id='{ident}']")
    return found


def _result() -> g.ValidationReport:
    return g.validate(g.loads(PLANTED.read_bytes()))


def test_the_page_marks_every_cell_of_a_failing_rule_and_the_fix() -> None:
    """Cells bound by failing rules are gd-bad and link to findings; the fix cell is gd-fix."""
    result = _result()
    page = check_page(result)
    doc = lhtml.fromstring(page)
    bad = {td.get("data-pointer") for td in _all(doc, "td", "gd-bad")}
    bound = {p for f in result.inconsistencies for p in f.pointers}
    assert bad == bound
    (fixed,) = _all(doc, "td", "gd-fix")
    assert fixed.get("data-pointer") == FIX
    assert fixed.get("id") == cell_id(FIX)
    assert "若由 42 改为 41，以上 3 条不一致将全部消除" in _by_id(doc, "fix").text_content()
    for a in [a for td in _all(doc, "td", "gd-bad") for a in _all(td, "a")]:
        assert _by_id(doc, a.get("href")[1:]).get("class") == "gd-finding"
    for li in _all(doc, "li", "gd-finding"):
        assert "表三" in li.text_content()
        assert _all(li, "span", "gd-words")  # the rule, in words


def test_the_page_is_self_contained() -> None:
    """No script, no external stylesheet, image or font: the page stands alone."""
    doc = lhtml.fromstring(check_page(_result()))
    assert not [e for t in ("script", "link", "img", "iframe") for e in _all(doc, t)]
    assert all(a.get("href", "#").startswith("#") for a in _all(doc, "a"))


def test_the_best_fix_resolves_the_most_findings() -> None:
    """The planted error: 42 → 41 at （七）总计 × 自然人 resolves all three findings."""
    result = _result()
    assert result.report is not None
    fix = best_fix(result.report, result.findings)
    assert fix is not None
    assert (fix.pointer, fix.value, fix.suggested, len(fix.resolves)) == (FIX, 42, 41, 3)
    clean = g.loads(PLANTED.read_bytes())
    assert clean.applications is not None
    assert clean.applications.outcomes.total is not None
    clean.applications.outcomes.total.natural_person = 41
    assert g.validate(clean).ok
    assert best_fix(clean, g.validate(clean).findings) is None


_BROWSER = next((b for b in ("chromium", "chromium-browser") if shutil.which(b)), None)
# Written into a copy of the page: each marked cell's box and colour, and the boxes of the
# header 「自然人」 and the row label 「（七）总计」, as attributes that --dump-dom shows.
_PROBE = """<script>
for (const el of document.querySelectorAll('td.gd-bad, th, td')) {
  const r = el.getBoundingClientRect();
  el.setAttribute('data-box', [r.left, r.top, r.right, r.bottom].map(Math.round).join(','));
  el.setAttribute('data-bg', getComputedStyle(el).backgroundColor);
}
</script>"""


def _chromium(*args: str, tmp: Path) -> subprocess.CompletedProcess[str]:
    assert _BROWSER is not None
    return subprocess.run(
        [
            _BROWSER,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            f"--user-data-dir={tmp / 'profile'}",
            "--window-size=1280,1800",
            *args,
        ],
        check=True,
        capture_output=True,
        text=True,
        timeout=180,
    )


def _box(el: object) -> tuple[int, ...]:
    return tuple(int(v) for v in el.get("data-box").split(","))  # type: ignore[attr-defined]


def test_in_a_browser_the_marked_cells_sit_where_the_table_says(tmp_path: Path) -> None:
    """Headless Chromium: the fix cell lies under 「自然人」 and beside 「（七）总计」, marked."""
    if _BROWSER is None:
        if os.environ.get("CI"):
            pytest.fail("CI must install Chromium (.ci/run installs Debian's chromium)")
        pytest.skip("Chromium is not installed")
    page = check_page(_result())
    shot = tmp_path / "check.png"
    (tmp_path / "check.html").write_text(page, encoding="utf-8")
    _chromium(f"--screenshot={shot}", (tmp_path / "check.html").as_uri(), tmp=tmp_path)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    probed = tmp_path / "probe.html"
    probed.write_text(page.replace("</body>", _PROBE + "</body>"), encoding="utf-8")
    dom = lhtml.fromstring(_chromium("--dump-dom", probed.as_uri(), tmp=tmp_path).stdout)
    fixed = _by_id(dom, cell_id(FIX))
    left, top, right, bottom = _box(fixed)
    table = fixed.getparent().getparent()
    (head,) = [th for th in _all(table, "th") if th.text_content() == "自然人"]
    (label,) = [td for td in _all(table, "td") if td.text_content() == "（七）总计"]
    h_left, _, h_right, h_bottom = _box(head)
    _, l_top, l_right, l_bottom = _box(label)
    assert (left, right) == (h_left, h_right)  # the column of 自然人
    assert top >= h_bottom
    assert (top, bottom) == (l_top, l_bottom)  # the row of （七）总计
    assert left >= l_right
    assert fixed.get("data-bg") == "rgb(255, 224, 138)"
    marked = _all(dom, "td", "gd-bad")
    assert len(marked) == len({p for f in _result().inconsistencies for p in f.pointers})
    for td in marked:
        if td is not fixed:
            assert td.get("data-bg") == "rgb(255, 214, 214)"
    # Every marked cell of 自然人 is in that column, below the header.
    for td in marked:
        if td.get("data-pointer", "").endswith("/natural_person"):
            assert _box(td)[0] == h_left
