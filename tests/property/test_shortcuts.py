"""Property: the shortcuts on the parser's hot paths decide as the full checks do."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import example, given
from hypothesis import strategies as st

from govdisclosure import _normalize_text
from govdisclosure.parse import labels
from govdisclosure.parse.tables.tokenize import _cells, tokenize
from govdisclosure.parse.values import _read_in_full, read_value
from govdisclosure.readers import encoding
from govdisclosure.readers.document import Location
from govdisclosure.readers.encoding import looks_binary

_digits = st.text(alphabet="0123456789", min_size=1, max_size=30) | st.text(
    alphabet="0123456789１２３٣", min_size=1, max_size=6
)


@given(_digits, st.sampled_from(["count", "signed_count"]))
def test_a_bare_count_reads_as_in_full(raw: str, kind: str) -> None:
    """Digits alone (leading zeros, past the largest count, wide digits) read the same."""
    assert read_value(raw, kind, "件") == _read_in_full.__wrapped__(raw, kind, "件", None)


@given(_digits | st.text(alphabet="0123456789 ,.元", max_size=8))
def test_is_value_takes_bare_counts_as_the_pattern_does(text: str) -> None:
    """The shortcut for digits agrees with the value pattern on digits and near-digits."""
    slow = len(text) <= 400 and (
        labels._VALUE.fullmatch(labels._BLANK_RUN.sub(" ", text.strip(labels._BLANK_CHARS)))
        is not None
    )
    assert labels.is_value(text) is slow


def test_a_very_long_run_of_digits_is_no_value() -> None:
    """401 digits are too long for a value, with or without the shortcut."""
    assert labels.is_value("1" * 401) is False
    assert labels.is_value("1" * 400) is True


_KEYS = sorted(chr(k) for k in _normalize_text._ALIGN)
# Texts made mostly of characters to fold, with the folded forms and plain text between them.
_foldable = st.lists(
    st.sampled_from(_KEYS)
    | st.sampled_from(sorted(set(_normalize_text._ALIGN.values())))
    | st.sampled_from(list("一二三公开情况 ,.()其它他\n")),
    max_size=60,
).map("".join) | st.text(max_size=30)


@given(_foldable)
@example("，")
@example("（一）總體情況：" * 8)  # more to fold than the replaces take on
def test_folding_by_replaces_is_translate(text: str) -> None:
    """Folding each distinct character found gives what one ``str.translate`` gives."""
    assert _normalize_text._fold_align(text) == text.translate(_normalize_text._ALIGN)
    assert _normalize_text._fold_t2s(text) == text.translate(_normalize_text._T2S)


_WIDTH_KEYS = sorted(chr(k) for k in _normalize_text._WIDTH)
# Width forms next to the combining marks they might compose with (half-width katakana's
# voiced marks among them), composed and decomposed letters, CJK and full-width punctuation.
_normalizable = st.lists(
    st.sampled_from(_WIDTH_KEYS)
    | st.sampled_from(list("\u0300\u0301\u0308\u3099\u309a\uff9e\uff9fe\u00e9\u0065\u30abカ"))
    | st.sampled_from(list("公开情况，。（）一①㈠⑩ﬁ"))
    | st.characters(),
    max_size=40,
).map("".join)


@given(_normalizable)
@example("ｶﾞ")  # half-width ka and voiced mark: one composed character in NFKC
def test_width_folding_before_nfkc_is_nfkc(text: str) -> None:
    """A character and its NFKC form have the same NFKD, so folding widths first changes
    nothing that NFKC gives."""
    assert unicodedata.normalize("NFKC", _normalize_text._fold_width(text)) == (
        unicodedata.normalize("NFKC", text)
    )


def _template_words() -> list[str]:
    from govdisclosure._layout import TABLES, column_specs, row_specs
    from govdisclosure.template import VERSIONS

    words = {r.label.zh for v in VERSIONS for t in TABLES for r in row_specs(v, t)}
    words |= {c.key for t in TABLES for c in column_specs(t)}
    return sorted(words)


_WORDS = _template_words()
_pieces = st.sampled_from(_WORDS) | st.sampled_from(
    ["12", "0", "/", "—", "约6500", "见附件", "（一）", "其他", "本年度", "。", "x" * 130]
)
_lines = st.lists(
    _pieces | st.sampled_from(_WORDS).map(lambda w: w[: len(w) // 2]) | st.text(max_size=8),
    min_size=1,
    max_size=4,
).map(lambda parts: "".join(parts)) | st.text(max_size=40)


@given(_lines)
def test_the_one_piece_shortcut_tokenizes_as_in_full(text: str) -> None:
    """A line of one piece is tokenized as the full reading of its cells tokenizes it."""
    s = text.strip().replace("｜", "|")
    if s and len(s) <= 4000:
        assert tokenize(text, Location(line=1)) == _cells(s, Location(line=1))


def _looks_binary_before(text: str) -> bool:
    """readers/encoding.py's looks_binary as it was before its prefix shortcut."""
    sample = text[:65536]
    if not sample or "".join(sample.split()).isprintable():
        return False
    sample = sample[:8192]
    bad = 0
    for ch in sample:
        if ch < " ":
            bad += ch not in "\t\n\r\f\x0b"
        elif ch == "\ufffd" or (
            ch > "\x7e" and unicodedata.category(ch) in ("Cc", "Cn", "Co", "Cs")
        ):
            bad += 1
    return bad > max(8, len(sample) // 10)


_junk_or_text = st.lists(
    st.sampled_from(list("\x00\x01\x1c\x7f\x85\x9f\ufffd\ue000\ud800\U000f0000\u0378\u200b"))
    | st.sampled_from(list("公开，。 \n\tabc（）\u3000"))
    | st.characters(),
    max_size=60,
).map("".join)


@given(_junk_or_text, st.integers(0, 9000))
def test_looks_binary_decides_as_before(text: str, padding: int) -> None:
    """The prefix shortcut gives the verdict the full check gives, junk near the 8192nd
    character included."""
    for candidate in (text, "文" * padding + text, text * 200):
        assert looks_binary(candidate) is _looks_binary_before(candidate)


def test_what_is_always_text_is_never_junk() -> None:
    """No character of the shortcut's always-text class counts as junk in the full check."""
    pattern = re.compile(f"[{encoding._ALWAYS_TEXT}]")
    for cp in range(0x30000):
        ch = chr(cp)
        if pattern.fullmatch(ch):
            assert not _looks_binary_before(ch * 20), hex(cp)
