"""Property: the loop that strips a line's trailing pipes does what the pattern it replaced did."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from govdisclosure.parse.sections import _strip_trailing_pipes, clean

# The pattern parse/sections.py used before (cubic on a long pipe run not at the line's end).
_OLD = re.compile(r"[\s|｜]*[|｜][\s|｜]*$")


@given(st.text(alphabet=" \t\n\u3000|｜a数", max_size=24))
def test_the_loop_strips_what_the_pattern_stripped(text: str) -> None:
    """On any mix of blanks, pipes and text, the loop gives the pattern's result."""
    assert _strip_trailing_pipes(text) == _OLD.sub("", text)


def test_a_long_pipe_run_inside_a_line_is_kept() -> None:
    """20,000 pipes followed by text (what took the pattern about a minute) are not a tail."""
    text = "表" + "|" * 20_000 + "x"
    assert _strip_trailing_pipes(text) == text
    assert clean(text).endswith("x")
