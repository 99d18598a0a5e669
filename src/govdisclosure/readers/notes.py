"""The findings a reader attaches to its document: each id declared once, here.

A reader that reads its input but changes or doubts something on the way (a lone surrogate
replaced, a declared charset that does not exist) says so with one of these findings in
:attr:`~govdisclosure.readers.document.Document.findings`, instead of raising or staying silent.
"""

from __future__ import annotations

import re

from ..findings import Finding

__all__ = ["CHARSET_UNKNOWN", "NESTING_FLATTENED", "SURROGATE", "charset_unknown", "scrub"]

#: A lone surrogate (``\ud800``-style, from a ``str`` input or a script's escapes) was replaced.
SURROGATE = "read.surrogate"
#: A ``<meta charset>`` names an encoding that does not exist or is not a text encoding.
CHARSET_UNKNOWN = "read.charset.unknown"
#: Wrapper elements nested deeper than the HTML parser's limit were flattened.
NESTING_FLATTENED = "read.html.flattened"

_SURROGATES = re.compile("[\ud800-\udfff]")


def scrub(text: str) -> tuple[str, list[Finding]]:
    """``text`` with every lone surrogate replaced by U+FFFD, and a finding if there were any.

    Python ``str`` holds a surrogate only when it is lone (a pair is one character), so no
    valid character is touched.
    """
    text, n = _SURROGATES.subn("\ufffd", text)
    if not n:
        return text, []
    return text, [
        Finding(
            rule=SURROGATE,
            severity="warning",
            pointers=(),
            message_zh=f"输入含 {n} 个孤立的代理码位（如 \\ud800），已替换为 U+FFFD",
            message_en=f"the input holds {n} lone surrogate(s) (such as \\ud800): "
            "replaced with U+FFFD",
        )
    ]


def charset_unknown(name: str) -> Finding:
    """The finding for a declared charset that was ignored."""
    return Finding(
        rule=CHARSET_UNKNOWN,
        severity="warning",
        pointers=(),
        message_zh=f"<meta> 声明的字符集「{name}」不存在或不是文本编码，已按常规方式识别编码",
        message_en=f"the charset {name!r} a <meta> tag declares does not exist or is not a "
        "text encoding: the encoding was detected as usual",
    )


def flattened(depth: int) -> Finding:
    """The finding for wrapper elements flattened because they nest too deeply."""
    return Finding(
        rule=NESTING_FLATTENED,
        severity="info",
        pointers=(),
        message_zh=f"网页元素嵌套达 {depth} 层，超过解析器上限：已去掉外层包装元素后读取",
        message_en=f"the page nests elements {depth} deep, over the parser's limit: it was read "
        "with its wrapper elements removed",
    )
