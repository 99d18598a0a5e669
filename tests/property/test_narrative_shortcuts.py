"""Property: the narrative and version stages' shortcuts give what the plain code gave.

Each shortcut is checked against the code it replaced, kept here as the reference: the patterns
that now start at a digit, the letter-spacing count, the version votes counted once per distinct
text, the agency's name chosen with each name's key worked out once; and each cheap word test
is checked never to pass over a text its pattern would match.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from govdisclosure import prose
from govdisclosure._layout import TABLES, column_specs, row_specs
from govdisclosure._normalize_text import aligned, simplify
from govdisclosure.parse import version
from govdisclosure.parse.labels import MAX_LABEL_CHARS, match_column, match_row
from govdisclosure.parse.narrative import agency, dates, figures
from govdisclosure.parse.narrative.agency import Candidate
from govdisclosure.readers.document import Location
from govdisclosure.template import VERSIONS, Version

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _words(*pieces: Iterable[str], max_size: int = 40) -> st.SearchStrategy[str]:
    """Texts made of the given words and characters, so that the patterns do match."""
    pool = sorted({p for ps in pieces for p in ps})
    return st.lists(st.sampled_from(pool), max_size=max_size).map("".join)


# -- Dates: the patterns that start at their first digit ----------------------------------------

_OLD_RANGE = re.compile(
    rf"(?<!\d)(?P<a>{dates._ONE_DATE})\s*(?:起\s*)?(?:[,，]\s*)?(?:[—\-–~～至到]+|起?至)\s*"
    rf"(?P<b>{dates._ONE_DATE})"
)
_OLD_FULL_DATE = re.compile(r"(?<!\d)(\d{4,6})\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})\s*日?")
_date_text = _words(list("0123456789") * 3, "年月日起至到—-–~～,，./ \u3000x自止", ["2023", "12"])


def _found(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], tuple[object, ...]]]:
    return [(m.span(), m.groups()) for m in pattern.finditer(text)]


@SETTINGS
@given(_date_text)
@example("自2022年1月1日起至2022年12月31日止")
@example("12023年1月1日至2023年12月31日")
@example("2021-01-01—2021-12-31")
def test_range_pattern_finds_what_the_look_behind_first_one_found(text: str) -> None:
    """The period pattern with its look-behind after the first digit finds the same spans and
    groups, at every place, as the one that looked behind first."""
    assert _found(dates._RANGE, text) == _found(_OLD_RANGE, text)
    assert _found(dates._FULL_DATE, text) == _found(_OLD_FULL_DATE, text)


def test_the_date_examples_match() -> None:
    """The property's examples are matches (it compares more than two empty lists)."""
    assert dates._RANGE.search("自2022年1月1日起至2022年12月31日止") is not None
    assert dates._FULL_DATE.search("2024年1月16日") is not None


# -- Contact details: letter spacing and the words each pattern needs ---------------------------

_OLD_SPACED = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef]) (?=[\u3000-\u9fff\uff00-\uffef\d])")


def _old_despaced(paragraphs: Sequence[str]) -> list[str]:
    out: list[str] = []
    for i, text in enumerate(paragraphs):
        chunk = text[:5000]
        if len(_OLD_SPACED.findall(chunk)) < 4:
            out.append("")
            continue
        joined = prose._SPACE_NEAR_CJK.sub("", prose._SPACED_DASH.sub("-", chunk))
        prev = paragraphs[i - 1][:5000] if i else ""
        if prev and prev.rstrip()[-1:] not in "。！？；":
            joined = prose._SPACE_NEAR_CJK.sub("", prose._SPACED_DASH.sub("-", prev)) + joined
            out[-1] = ""
        out.append(joined)
    return out


_spaced = _words(" " * 6, "邮编电话：，。号1-", ["\u3000", "\uff01", "a"], max_size=30)


@SETTINGS
@given(st.lists(_spaced, max_size=4))
@example(["号 ， 邮 编 ： 000000 ，", "电 话 ： 0736 - 5220099"])
def test_letter_spacing_is_read_as_before(paragraphs: list[str]) -> None:
    """Counting four spaces first and finding each blank from itself gives the same paragraphs."""
    assert prose._despaced(paragraphs) == _old_despaced(paragraphs)


_CONTACT_WORDS = [
    "请与",
    "请联系",
    "联系单位：",
    "联系部门:",
    "通讯地址：",
    "地址:",
    "邮编",
    "邮政编码：",
    "电话：",
    "联系电话",
    "传真：",
    "电子邮箱：",
    "E-MAIL:",
    "eMaıl",
    "网站",
    "门户网",
    "(",
    "（",
    "http://",
    "www.gov.cn",
    "a.b@c.cn",
    "@",
    ".",
    "0736-5220099",
    "123456",
    "办公室",
    "联系",
    "，",
    "。",
    " ",
]
_contact_text = _words(_CONTACT_WORDS, list("a1-"), max_size=25)


@SETTINGS
@given(_contact_text)
@example("如有疑问请与县政务服务中心联系。")
@example("联系地址：府前路6号；邮编：414000；联系电话：0736-5220099；传真：0736-5220098。")
@example("电子邮箱：gk@example.gov.cn；网站：http://www.example.gov.cn")
def test_contact_word_tests_never_pass_over_a_match(text: str) -> None:
    """A contact pattern that matches a folded paragraph finds the words it is said to need."""
    folded = aligned(text)
    for _name, pattern, word, other in prose._CONTACT_SEARCH:
        if pattern.search(folded) is not None:
            assert word in folded or other in folded
            assert prose._ANY_NEED.search(folded) is not None


def test_the_contact_examples_match() -> None:
    """Every contact pattern matches one of the property's examples."""
    texts = [
        "如有疑问请与县政务服务中心联系。",
        "联系地址：府前路6号；邮编：414000；联系电话：0736-5220099；传真：0736-5220098。",
        "电子邮箱：gk@example.gov.cn；网站：http://www.example.gov.cn",
    ]
    assert set(prose.contact_from_prose(texts)) == set(prose.CONTACT_FIELDS)


# -- Figures and the agency's first sentence: the words each pattern needs ----------------------

_figure_text = _words(
    ["没有", "未", "无", "收到", "受理", "接到", "新收", "申请", "申", "请"],
    ["行政复议", "行政诉讼", "案件", "共", "件", "起", "，", "。", "发生", "出现"],
    ["政府信息公开", "3", "12"],
    max_size=20,
)


@SETTINGS
@given(_figure_text)
@example("本年度未收到政府信息公开申请，未发生行政复议、行政诉讼。")
@example("全年共受理政府信息公开申请4件；行政复议案件6件。")
def test_figure_word_tests_never_pass_over_a_match(text: str) -> None:
    """A figure pattern that matches a folded paragraph finds the word it is said to need."""
    folded = aligned(text)
    for pattern, _ptr, _fixed, word in figures._FIGURES:
        if pattern.search(folded) is not None:
            assert word in folded


def test_the_figure_examples_match() -> None:
    """Every figure pattern matches one of the property's examples."""
    texts = [
        "本年度未收到政府信息公开申请，未发生行政复议、行政诉讼。",
        "全年共受理政府信息公开申请4件；行政复议案件6件。",
    ]
    for pattern, _ptr, _fixed, _word in figures._FIGURES:
        assert any(pattern.search(aligned(t)) for t in texts), pattern.pattern


_sentence_text = _words(
    ["现向社会公布", "本报告由", "负责", "编制", "2023", "1999", "年", "年度", "，", ",", " "],
    ["白水镇人民政府", "县信访局", "认真", "坚持", "政府信息公开", "19", "20", "x"],
    max_size=12,
)


@SETTINGS
@given(_sentence_text)
@example("现向社会公布2023年度白水镇人民政府政府信息公开工作年度报告")
@example("本报告由县信访局负责编制")
@example("2023年，白水镇人民政府认真贯彻")
def test_first_sentence_word_tests_never_pass_over_a_match(text: str) -> None:
    """A first-sentence pattern that matches a paragraph passes the test said to come first."""
    for pattern, needs in zip(agency._SENTENCES, agency._SENTENCE_NEEDS, strict=True):
        if pattern.search(text) is not None:
            assert text.startswith(agency._YEAR_START) if needs is None else needs[0] in text


# -- Version votes: one look per distinct text --------------------------------------------------


def _old_version_votes(texts: Iterable[str]) -> Counter[Version]:
    votes: Counter[Version] = Counter()
    for text in texts:
        if not text or len(text) > MAX_LABEL_CHARS:
            continue
        for m in match_column(text):
            if m.quality in ("exact", "annotated"):
                vs = version._versions_of_column(m)
                if len(vs) == 1:
                    votes[vs[0]] += 1
        for m in match_row(text):
            if m.quality in ("exact", "annotated"):
                vs = version._versions_of_row(m.ident)
                if len(vs) == 1:
                    votes[vs[0]] += 1
    return votes


_LABELS = sorted(
    {lab.zh for v in VERSIONS for t in TABLES for r in row_specs(v, t) for lab in r.labels}
    | {c.label.zh for t in TABLES for c in column_specs(t)}
)
_table_text = (
    st.sampled_from(_LABELS)
    | st.sampled_from(_LABELS).map(lambda s: s + "（注）")
    | st.sampled_from(_LABELS).map(lambda s: "1." + s)
    | st.text(alphabet="0123456789", min_size=1, max_size=5)
    | st.text(max_size=6)
)


@SETTINGS
@given(st.lists(_table_text, max_size=60))
def test_version_votes_count_as_one_text_at_a_time(texts: list[str]) -> None:
    """Votes counted per distinct text (counts skipped) are the votes counted text by text, in
    the same order of versions."""
    new, old = version.version_votes(texts), _old_version_votes(texts)
    assert new == old
    assert list(new) == list(old)


@SETTINGS
@given(st.text(alphabet="0123456789", min_size=1, max_size=12))
def test_a_count_casts_no_vote(text: str) -> None:
    """ASCII digits alone match no label exactly (none of the built-in labels is digits)."""
    assert version._digit_labels() == frozenset()
    assert version._label_votes.__wrapped__(text) == ()


def test_the_labels_vote() -> None:
    """Some labels vote (the property compares more than empty counts)."""
    assert sum(version.version_votes(_LABELS).values()) > 0


# -- The agency's name: each name's key worked out once -----------------------------------------

_OLD_OFFICE = re.compile(r"(?<=政府)(?:办公室|办公厅)$")
_OLD_GOVERNMENT = re.compile(r"(?<=[乡镇县市区旗州省])(?:人民)?政府$|(?<=街道)办事处$")


def _old_same_body(a: str, b: str) -> bool:
    x, y = (
        _OLD_GOVERNMENT.sub("", _OLD_OFFICE.sub("", simplify(n)).replace("管委会", "管理委员会"))
        for n in (a, b)
    )
    return x.endswith(y) or y.endswith(x)


def _old_choose(found: Sequence[Candidate], text: str) -> tuple[Candidate | None, bool]:
    if not found:
        return None, False
    firm = [x for x in found if x.strength >= 2]
    if not firm:
        own = [x for x in found if x.source in ("contact", "opening")]
        if (
            own
            and len(own) == len(found)
            and all(_old_same_body(a.name, b.name) for a in own for b in own)
            and agency._pronoun_fits(own[0].name, text)
        ):
            return max(own, key=lambda x: (len(x.name), x.location is not None)), False
        return None, True
    if any(not _old_same_body(a.name, b.name) for a in firm for b in firm):
        return None, True
    if not any(x.strength == 3 for x in firm) and not agency._pronoun_fits(firm[0].name, text):
        return None, True
    agreeing = [x for x in found if all(_old_same_body(x.name, f.name) for f in firm)]
    best = max(agreeing, key=lambda x: (len(x.name), x.strength, x.location is not None))
    titled = [x for x in agreeing if x.source == "title"]
    if (
        titled
        and best.source != "title"
        and _OLD_OFFICE.sub("", simplify(best.name)) == simplify(titled[0].name)
    ):
        return titled[0], False
    return best, False


_NAMES = [
    "白水镇",
    "白水镇人民政府",
    "镇康县白水镇人民政府",
    "云溪县信访局",
    "县信访局",
    "云溪县人民政府",
    "云溪县人民政府办公室",
    "云溪县政府办公厅",
    "高新区管委会",
    "高新区管理委员会",
    "龙泉街道",
    "龙泉街道办事处",
    "鎮康縣白水鎮人民政府",
    "白水镇人民政府\n",
    "木场乡",
    "木场乡政府",
]
_candidate = st.builds(
    lambda name, source, located: Candidate(
        name, source, agency._SOURCES[source][2], Location(line=1) if located else None
    ),
    st.sampled_from(_NAMES),
    st.sampled_from(sorted(agency._SOURCES)),
    st.booleans(),
)


@SETTINGS
@given(st.lists(_candidate, max_size=6), st.sampled_from(["", "我局认真", "我镇坚持", "我委"]))
def test_the_name_is_chosen_as_before(found: list[Candidate], text: str) -> None:
    """Comparing names by keys worked out once per name chooses the same candidate, with the
    same doubt, as comparing every pair from scratch."""
    assert agency.choose(found, text) == _old_choose(found, text)
    for a in found:
        for b in found:
            assert agency._same_body(a.name, b.name) == _old_same_body(a.name, b.name)
