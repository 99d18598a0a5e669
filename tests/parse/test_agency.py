"""The agency's name is never confidently wrong: ranked candidates, cross-checked, or no name."""

from __future__ import annotations

import pytest

from govdisclosure.parse import parse
from govdisclosure.parse.narrative.agency import (
    agency_kind,
    agency_level,
    name_from_title,
    plausible_name,
)

_TABLELESS = (
    "二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n"
    "四、政府信息公开行政复议、行政诉讼情况\n"
)


@pytest.mark.parametrize(
    ("name", "level", "kind"),
    [
        ("北京市人民政府办公厅", "provincial", "department"),
        ("交通运输部", "central", "department"),
        ("宁波市政府", "prefectural", "government"),
        ("龙泉里街", "township", "government"),
        ("和平路街道", "township", "government"),
        ("云岭省人民政府研究室", "provincial", "department"),
        ("白沙经济技术开发区管理委员会", None, "department"),
    ],
)
def test_level_and_kind_from_the_name(name: str, level: str | None, kind: str | None) -> None:
    """A provincial office, a ministry and a city government are told apart by their names."""
    assert (agency_level(name), agency_kind(name)) == (level, kind)


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("2021年解放路街道政府信息公开工作年度报告", "解放路街道"),
        ("龙泉里街2019年政府信息公开工作年度报告", "龙泉里街"),
        ("甘南州交通運(yùn)輸局2022年政府信息公開工作年度報告", "甘南州交通運輸局"),
        ("吉林省生態環境廳2022年政府信息公開工作年度報告", "吉林省生態環境廳"),
        ("某某服务署2023年政府信息公开工作年度报告", "某某服务署"),
        ("2022年政府信息公开工作年度报告", None),
    ],
)
def test_name_from_a_title(title: str, name: str | None) -> None:
    """Year-first, Traditional and pinyin-annotated titles give the body's name as printed."""
    assert name_from_title(title) == name


@pytest.mark.parametrize(
    "text",
    [
        "为认真做好钟祥市医疗保障局",
        "| 是否有效:",
        "县信访局  【字体:大 中 小】",
        "字体:[ ] 打印 分享至:",
        "2021年解放路街道",
        "管委会",
    ],
)
def test_fragments_and_widgets_are_not_names(text: str) -> None:
    """A prose fragment, a field label, widget text or a bare kind of body is not a name."""
    assert plausible_name(text) is None


def _report(preamble: str, tail: str = "") -> str:
    body = "本报告所列数据的统计期限自2023年1月1日起至2023年12月31日止。"
    five = "五、存在的主要问题及改进情况\n无。\n"
    return f"{preamble}\n一、总体情况\n{body}\n{_TABLELESS}{five}{tail}"


def test_the_first_sentence_names_the_body() -> None:
    """「现向社会公布2024年XX年度报告」 alone gives the name (the pronoun agrees)."""
    text = _report(
        "2024年度政府信息公开工作年度报告\n"
        "现向社会公布2024年宁波市公安局江北分局政府信息公开工作年度报告。"
        "2024年，我分局坚持以公开为常态。"
    )
    result = parse(text, format="text")
    assert result.report is not None
    assert result.report.agency.name == "宁波市公安局江北分局"


def test_disagreeing_names_give_no_name_and_list_the_candidates() -> None:
    """A title and a signature naming different bodies: no name, one finding naming both."""
    text = _report(
        "云溪县城市管理局2023年政府信息公开工作年度报告",
        "云溪县住房和城乡建设局\n2024年1月29日\n",
    )
    result = parse(text, format="text")
    assert result.report is not None
    assert result.report.agency.name == ""
    (doubt,) = [f for f in result.findings if f.rule == "parse.agency.ambiguous"]
    assert doubt.actual == ["云溪县城市管理局", "云溪县住房和城乡建设局"]
    assert "云溪县城市管理局（标题）" in doubt.message_zh
    assert "(signature)" in doubt.message_en


def test_a_short_source_field_alone_is_not_the_name() -> None:
    """Only a chrome 「信息来源」 short form: no name, and a finding that lists it."""
    text = _report("2021年度政府信息公开工作年度报告\n发布时间:2022-01-10  信息来源: 县信访局")
    result = parse(text, format="text")
    assert result.report is not None
    assert result.report.agency.name == ""
    assert [f.actual for f in result.findings if f.rule == "parse.agency.ambiguous"] == [
        ["县信访局"]
    ]


def test_betting_spam_is_a_finding_and_no_name() -> None:
    """A betting brand where the name should be is reported as spam, whatever the brand."""
    text = _report("xxbet(中国)官方网站2023年政府信息公开工作年度报告")
    result = parse(text, format="text")
    assert result.report is not None
    assert result.report.agency.name == ""
    assert "parse.mirror-spam" in {f.rule for f in result.findings}


def test_a_government_report_signed_by_its_office_is_the_governments() -> None:
    """Title 「XX县人民政府…」 and signature 「XX县人民政府办公室」 agree: the title's form."""
    text = _report(
        "云溪县人民政府2023年政府信息公开工作年度报告",
        "云溪县人民政府办公室\n2024年1月20日\n",
    )
    result = parse(text, format="text")
    assert result.report is not None
    assert result.report.agency.name == "云溪县人民政府"
    assert not [f for f in result.findings if f.rule.startswith("parse.agency")]


def test_a_short_form_in_the_opening_words_does_not_veto_the_title() -> None:
    """「2023年，县政府办认真贯彻…」 is a weak short form: the title's full name stands."""
    text = _report(
        "云溪县人民政府办公室2023年政府信息公开工作年度报告\n"
        "2023年，县政府办认真贯彻落实《中华人民共和国政府信息公开条例》。"
    )
    result = parse(text, format="text")
    assert result.report is not None
    assert result.report.agency.name == "云溪县人民政府办公室"


def test_a_portal_name_field_holding_the_title_gives_the_body() -> None:
    """「名称 | 2023年云溪县发展和改革局…年度报告 |」 in a portal grid names the body."""
    text = _report(
        "名称 | 云溪县发展和改革局2023年政府信息公开工作年度报告 | 发文日期 | 2024-01-19 |\n"
        "2023年度政府信息公开工作年度报告\n"
        "2023年，我局坚持以公开为常态。"
    )
    result = parse(text, format="text")
    assert result.report is not None
    assert result.report.agency.name == "云溪县发展和改革局"
