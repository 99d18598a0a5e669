"""Chinese numbering as reports print it, declared once: the numerals and the ordinal forms.

:data:`NUMERALS` is the digit set every pattern that looks for a numbered heading, row or item
is built from; :func:`cn_number` reads a numeral from 一 to 九十九; :func:`numbering` splits a
label's numbering (「一、」, 「(一)」, 「1.」) from its words.
"""

from __future__ import annotations

import re
from typing import Literal

__all__ = ["NUMERAL", "NUMERALS", "Numbering", "cn_number", "numbering"]

#: The Chinese digits, one to ten, in order.
NUMERALS = "一二三四五六七八九十"
#: A regular-expression character class matching one of :data:`NUMERALS`.
NUMERAL = f"[{NUMERALS}]"

_CN_DIGITS = {c: i for i, c in enumerate(NUMERALS, start=1)}


def cn_number(text: str) -> int | None:
    """The value of a Chinese numeral from 一 to 九十九, or ``None``."""
    if not text or any(c not in _CN_DIGITS for c in text):
        return None
    if text == "十":
        return 10
    if "十" in text:
        head, _, tail = text.partition("十")
        tens = _CN_DIGITS[head] if head else 1
        ones = _CN_DIGITS[tail] if tail else 0
        if tens >= 10 or ones >= 10:
            return None
        return tens * 10 + ones
    return _CN_DIGITS[text] if len(text) == 1 else None


_NUMBERING = re.compile(
    rf"^(?:({NUMERAL}{{1,3}})[、.,]|\(({NUMERAL}{{1,3}})\)"
    r"|(\d{1,2})(?:[.、,](?!\d)|(?=[\u3400-\u9fff])))"
)

Numbering = tuple[Literal["top", "paren", "digit"], int]


def numbering(folded: str) -> tuple[Numbering | None, str]:
    """Split a folded label into its numbering (``一、``, ``(一)``, ``1.``) and the rest."""
    m = _NUMBERING.match(folded)
    if m is None:
        return None, folded
    top, paren, digit = m.groups()
    if top is not None:
        n = cn_number(top)
        return (("top", n) if n else None), folded[m.end() :]
    if paren is not None:
        n = cn_number(paren)
        return (("paren", n) if n else None), folded[m.end() :]
    return ("digit", int(digit)), folded[m.end() :]
