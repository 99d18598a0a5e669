"""The declaration of every finding id the library emits outside the rule catalogue.

One :func:`~govdisclosure.findings.registry.declare` call per id, grouped by the stage that
emits it: reading a document (``parse.*``), reading JSON (``json.*``) and its schema
(``schema.*``), writing JSON (``dump.*``), validation itself (``validate.*``), normalization
(``normalize.*``) and the checks across reports (``series.*``, ``aggregate.*``). The rule
families (``T3-1`` …) are declared by :mod:`govdisclosure.rules` from its catalogue.
Placeholders name what the emitting code fills in; ``{detail}`` stands for a wording the
emitting code composes itself, and ``{name:zh}`` / ``{name:en}`` take one language of a
two-language value (:class:`govdisclosure.parse.collect.Bilingual`).
"""

from __future__ import annotations

from ..template import Label
from .registry import declare

__all__ = ["STRICT_WORDING"]

# -- parse.*: reading a document --------------------------------------------------------------

declare(
    "parse.unreadable",
    "error",
    "The input could not be read at all (format, size, encoding or a missing extra).",
    "{detail:zh}",
    "{detail:en}",
)
declare(
    "parse.internal",
    "error",
    "An unexpected error while reading one file of a batch; the batch went on.",
    "读取时发生内部错误：{detail}",
    "an internal error while reading: {detail}",
)
declare(
    "parse.crashed",
    "error",
    "The worker process died while reading one file of a batch; the batch went on.",
    "读取该文件时工作进程意外终止",
    "the worker process died while reading this file",
)
declare(
    "parse.path-as-text",
    "warning",
    "A str given to parse() names an existing file: a str is read as the document's text.",
    "传入的字符串「{text}」是一个现有文件的路径，但字符串按报告正文读取：请传入 Path(…)",
    "the str {text!r} names an existing file, but a str is read as the document's text: "
    "pass Path(...) to read the file",
)
declare(
    "parse.no-report",
    "error",
    "Nothing in the document looks like an annual report.",
    "未找到报告：未识别出任何章节标题、表格、报告标题或带标签的字段",
    "no report found: no section heading, table, title or labelled field was recognised",
)
declare(
    "parse.year.missing",
    "error",
    "The reporting year was not found, so no report was built.",
    "未能确定报告年度，因此未生成报告",
    "the reporting year could not be found, so no report was built",
)
declare(
    "parse.pre2019",
    "warning",
    "A report older than the first national format: narrative only, no tables read.",
    "{year}年度报告早于{first}年全国统一格式：仅保留文字部分，不读取表格，报告格式版本仅为占位",
    "a report for {year}, before the {first} national format: kept as narrative only, "
    "no table is read and template_version is only a placeholder",
    structure=Label(
        "{year}年度报告采用{first}年全国统一格式以前的结构：仅保留文字部分，不读取表格，"
        "报告格式版本仅为占位",
        "the report for {year} follows the structure used before the {first} national format: "
        "kept as narrative only, no table is read and template_version is only a placeholder",
    ),
)
declare(
    "parse.section.missing",
    "info",
    "A section heading of the format was not found.",
    "未找到第{number}部分的标题",
    "the heading of section {number} was not found",
)
declare(
    "parse.mirror-spam",
    "warning",
    "Text that looks like mirror-site spam was ignored.",
    "已忽略疑似镜像站垃圾信息的文字：「{text}」",
    "a line that looks like mirror-site spam was ignored: {text!r}",
    agency=Label(
        "发布机关名称疑似镜像站垃圾信息：「{text}」",
        "the agency's name looks like mirror-site spam: {text!r}",
    ),
)
declare(
    "parse.version.layout",
    "info",
    "The tables follow another version's layout than the reporting year suggests.",
    "报告年度为{year}年，但表格采用{version}年格式",
    "the tables follow the {version} layout although the report is for {year}",
)
declare(
    "parse.version.inferred",
    "info",
    "No table tells the template version; it is inferred from the reporting year.",
    "无表格可判断格式版本，按报告年度{year}年推定为{version}年格式",
    "no table tells the template version; {version} is inferred from the year {year}",
)
declare(
    "parse.date.unreadable",
    "warning",
    "A date field holds text that is not a date.",
    "无法识别的日期：「{text}」",
    "not a date: {text!r}",
)
declare(
    "parse.date.repaired",
    "warning",
    "A date with lost or doubled digits (or lost 年/月) was repaired.",
    "日期「{text}」有缺失或重复的数字，读作 {date}",
    "the date {text!r} had lost or doubled digits; read as {date}",
    period=Label(
        "统计期限「{text}」缺少“年”“月”，读作 {start} 至 {end}",
        "the period {text!r} had lost 年 and 月; read as {start} to {end}",
    ),
    period_digits=Label(
        "统计期限「{text}」有重复的数字，读作 {start} 至 {end}",
        "the period {text!r} had doubled digits; read as {start} to {end}",
    ),
)
declare(
    "parse.year.conflict",
    "warning",
    "The title's and the stated period's years disagree; the publication date decides.",
    "报告年度不一致：标题为{title}年，统计期限为{period}年；取{year}年",
    "the reporting year is contradictory: the title says {title}, the stated period {period}; "
    "{year} is taken",
)
declare(
    "parse.agency.missing",
    "warning",
    "The issuing agency's name was not found.",
    "未找到发布机关名称",
    "the issuing agency's name was not found",
)
declare(
    "parse.agency.ambiguous",
    "warning",
    "The places that name the agency disagree, or name it only weakly; no name is given.",
    "发布机关名称不能确定（各处所载不一致或仅有简称），不予填写；候选：{candidates:zh}",
    "the agency's name is uncertain (the places naming it disagree or give only a short form), "
    "so none is given; candidates: {candidates:en}",
)
declare(
    "parse.agency.division-code",
    "warning",
    "The stated administrative division code is not one.",
    "不是行政区划代码：「{code}」",
    "not a division code: {code!r}",
)
declare(
    "parse.prose-figure",
    "info",
    "A table is missing but the text states a figure for one of its cells; it is not used.",
    "表格缺失，但正文述及该项为 {value}：「{text}」；不据正文填写表格",
    "the table is missing, but the text states {value} for this cell: {text!r}; "
    "the table is not filled from prose",
)
declare(
    "parse.figure.mismatch",
    "warning",
    "A figure the text states differs from the table cell that holds it; the table is kept.",
    "正文所述为 {value}（「{text}」），而表格该项为 {cell}；以表格为准，不据正文修改",
    "the text states {value} ({text!r}) but the table cell holds {cell}; "
    "the table is kept, not changed from prose",
)
declare(
    "parse.table.missing",
    "warning",
    "One of the three tables was not found: it is null, not zeros.",
    "表{number}（{title:zh}）缺失：未找到带有其标签的表格，记为空（null），而非 0",
    "table {number} ({title:en}) is missing: no table with its labels was found, "
    "so it is null, not zeros",
)
declare(
    "parse.table.duplicate-cell",
    "warning",
    "A cell is printed twice with different values; the first is kept.",
    "该单元格出现两次且数值不同（「{first}」与「{second}」），保留前者",
    "the cell is printed twice with different values ({first!r} and {second!r}); the first is kept",
)
declare(
    "parse.table.unplaced",
    "warning",
    "A row's values could not be placed in cells without guessing.",
    "{width} 列只有 {count} 个数值，无法按标签对应：行「{label}」，数值 {raws}",
    "{count} values for {width} columns cannot be placed by label: row {label!r}, values {raws}",
    overflow=Label(
        "一行有 {count} 个数值，而该行只有 {width} 格：行「{label}」，数值 {raws}",
        "{count} values for {width} cells on one line: row {label!r}, values {raws}",
    ),
    before=Label(
        "行标签前另有一组数值：行「{label}」，数值 {raws}",
        "values before a row label that has values of its own: row {label!r}, values {raws}",
    ),
    extra=Label(
        "行末多出数值：行「{label}」，数值 {raws}",
        "extra values after a row: row {label!r}, values {raws}",
    ),
    no_row=Label(
        "没有行标签的数值：行「{label}」，数值 {raws}",
        "values with no row: row {label!r}, values {raws}",
    ),
    misfit=Label(
        "数值所在列与该行不符：行「{label}」，数值 {raws}",
        "a value under a header that does not fit the row: row {label!r}, values {raws}",
    ),
    no_header=Label(
        "数值所在列没有表头：行「{label}」，数值 {raws}",
        "values in columns without a header: row {label!r}, values {raws}",
    ),
)
declare(
    "parse.table.sparse-row",
    "warning",
    "A row of table 三 prints fewer values than columns; read by the columns named.",
    "行「{label}」只列出 {count} 个数值，按「{columns}」读取，其余留空",
    "row {label!r} prints {count} of 7 values; read as {columns}, the others left blank",
)
declare(
    "parse.table.cut",
    "warning",
    "The text ends inside a table: its last row is read up to the cut, the later cells blank.",
    "文本在表格中途截断：行「{label}」只印出 {count} 个数值（共 {width} 列），按列序读取，其余留空",
    "the text ends inside the table: row {label!r} prints {count} of {width} values, "
    "read in column order, the others left blank",
)
declare(
    "parse.table.too-large",
    "warning",
    "A table exceeds the reader's limits; only part of it was read.",
    "表格超出读取上限，只读取了一部分",
    "the table is larger than the reader's limits; only part of it was read",
)
declare(
    "parse.table.unknown-row",
    "warning",
    "A row label was not recognised; its values were not read.",
    "无法识别的行标签「{label}」，其数值 {raws} 未读取",
    "row label not recognised: {label!r}; its values {raws} were not read",
)
declare(
    "parse.table.group-values",
    "warning",
    "Values printed on a group row, which has none in the format, were not read.",
    "分组行「{label}」上的数值未读取：{raws}",
    "values on the group row {label!r} were not read: {raws}",
)
declare(
    "parse.table.label-approximate",
    "info",
    "A row label differs from the official one; read as that row by number and wording.",
    "行标签「{text}」与官方标签「{label}」不一致，按其序号和文字读作该行",
    "the row label {text!r} differs from the official {label!r}; "
    "read as that row by its number and wording",
)
declare(
    "parse.value.not-a-number",
    "warning",
    "A cell holds text that is not read as a value (never guessed).",
    "不是数字：「{text}」",
    "not a number: {text!r}",
    too_long=Label("文字过长，不是数值：「{text}」", "text too long for a value: {text!r}"),
    cell=Label(
        "{where} 的「{text}」不是{kind:zh}，未读取", "{where}: {text!r} is not {kind:en}; not read"
    ),
    word=Label(
        "文字而非数字，按空白处理，不记为 0：「{text}」",
        "a word, not a number; read as blank, not 0: {text!r}",
    ),
    text_after=Label(
        "数字后有文字，未读取：「{text}」", "a number followed by text, not read: {text!r}"
    ),
    percentage=Label("百分数，未读取：「{text}」", "a percentage, not read: {text!r}"),
    unit_unknown=Label(
        "金额单位不明，未读取：「{text}」", "an amount in an unknown unit, not read: {text!r}"
    ),
    negative_amount=Label(
        "金额为负数，未读取：「{text}」", "a negative amount, not read: {text!r}"
    ),
    amount_range=Label(
        "金额超出范围或位数过多：「{text}」", "an amount out of range or too precise: {text!r}"
    ),
    not_whole=Label("不是整数：「{text}」", "not a whole number: {text!r}"),
    negative_count=Label("计数为负数，未读取：「{text}」", "a negative count, not read: {text!r}"),
    count_range=Label("计数超出范围：「{text}」", "a count out of range: {text!r}"),
)
declare(
    "parse.value.approximate",
    "warning",
    "A cell holds an approximate or rounded figure, which is not read.",
    "约数，未读取：「{text}」",
    "an approximate figure, not read: {text!r}",
    rounded=Label("约数，未读取：「{text}」", "a rounded figure, not read: {text!r}"),
)
#: How a value read after a repair is worded; ``notes_*`` list the repairs (values.NOTES).
_READ_AS = Label("「{text}」读作 {value}：{notes:zh}", "{text!r} read as {value}: {notes:en}")
declare(
    "parse.value.unit",
    "info",
    "A value was read after removing or converting its unit (a warning with other repairs).",
    _READ_AS.zh,
    _READ_AS.en,
    also=("warning",),
)
declare(
    "parse.value.decorated",
    "warning",
    "A value was read after removing decoration (a sign, an explanation, decimals).",
    _READ_AS.zh,
    _READ_AS.en,
)

# -- json.*, schema.*, dump.*: the codec --------------------------------------------------------

declare(
    "json.syntax",
    "error",
    "The input is not JSON text.",
    "{detail}",
    "{detail}",
)
declare(
    "json.too-large",
    "error",
    "The document exceeds the size limit.",
    "文档大小 {size} 字节，超过上限 {limit}",
    "document of {size} bytes exceeds the limit of {limit}",
)
#: How strict validation words a failing JSON Schema keyword (``schema.<keyword>``).
STRICT_WORDING = Label(
    "不符合 JSON Schema（{keyword}）：{detail}",
    "does not match the JSON Schema ({keyword}): {detail}",
)
declare(
    "schema.type",
    "error",
    "A value has the wrong JSON type.",
    "应为{what}，实际为 {got}",
    "expected {what}, got {got}",
    strict=STRICT_WORDING,
)
declare(
    "schema.range",
    "error",
    "An integer is out of its range.",
    "应为 {low} 至 {high} 之间的整数，实际为 {got}",
    "must be an integer from {low} to {high}, got {got}",
)
declare(
    "schema.pattern",
    "error",
    "A string does not have the required form (an amount, a date, a code).",
    "「{text}」不是{what}",
    "{text!r} is not {what}",
    strict=STRICT_WORDING,
)
declare(
    "schema.enum",
    "error",
    "A value is not one of the allowed choices.",
    "应为以下之一：{choices}",
    "must be one of {choices}",
    strict=STRICT_WORDING,
)
declare(
    "schema.unknown-key",
    "error",
    "An object has a key the schema does not define.",
    "未知字段「{key}」",
    "unknown key {key!r}",
)
declare(
    "schema.missing-key",
    "error",
    "A required key is missing.",
    "缺少必填字段「{key}」",
    "required key {key!r} is missing",
)
declare(
    "schema.invalid",
    "error",
    "A value is invalid for another reason.",
    "无效值：{detail}",
    "invalid value: {detail}",
)
declare(
    "schema.object",
    "error",
    "A Report object cannot be written as JSON, so it cannot be validated.",
    "该 Report 对象无法写成 JSON：{error}",
    "the Report object cannot be written as JSON: {error}",
)
# The keywords of the published JSON Schema that only strict validation reports on its own.
for _keyword in (
    "additionalProperties",
    "anyOf",
    "const",
    "format",
    "maximum",
    "minimum",
    "required",
):
    declare(
        f"schema.{_keyword}",
        "error",
        f"Strict validation: the JSON Schema keyword {_keyword!r} does not hold.",
        strict=STRICT_WORDING,
    )
declare(
    "dump.invalid",
    "error",
    "The report holds a value that cannot be written as JSON.",
    "报告含有无法写成 JSON 的值：{error}",
    "the report holds a value that cannot be written as JSON: {error}",
)

# -- validate.*, normalize.*: one report ----------------------------------------------------------

declare(
    "validate.internal",
    "error",
    "The validator itself failed on the input (a bug): reported, never raised.",
    "校验器处理该输入时出错：{error}",
    "the validator failed on this input: {error}",
)
declare(
    "normalize.total",
    "info",
    "normalize filled a blank total with the sum of its parts.",
    "空白的合计单元格按各项之和（{rule}）填为 {expected}。",
    "blank total filled with the sum of its parts ({rule}): {expected}",
)
declare(
    "normalize.zero",
    "info",
    "normalize set a blank cell of a reported table to 0.",
    "空白单元格填为 0。",
    "blank cell set to 0",
)

# -- read.*: what a reader changed or doubted on the way -------------------------------------------

declare(
    "read.surrogate",
    "warning",
    "Lone surrogates in the input were replaced with U+FFFD.",
    "输入含 {count} 个孤立的代理码位（如 \\ud800），已替换为 U+FFFD",
    "the input holds {count} lone surrogate(s) (such as \\ud800): replaced with U+FFFD",
)
declare(
    "read.charset.unknown",
    "warning",
    "A page's <meta> charset names no usable text encoding; it was ignored.",
    "<meta> 声明的字符集「{name}」不存在或不是文本编码，已按常规方式识别编码",
    "the charset {name!r} a <meta> tag declares does not exist or is not a text encoding: "
    "the encoding was detected as usual",
)
declare(
    "read.html.flattened",
    "info",
    "Wrapper elements nested past the HTML parser's limit were removed before reading.",
    "网页元素嵌套达 {depth} 层，超过解析器上限：已去掉外层包装元素后读取",
    "the page nests elements {depth} deep, over the parser's limit: it was read with its "
    "wrapper elements removed",
)

# -- record.*: parse records read back by the command line ---------------------------------------

declare(
    "record.no-tables",
    "error",
    "A parse record holds none of the three tables: no statistics to check.",
    "三张统计表（二、三、四）均未找到：该记录没有统计数据",
    "none of the three tables (二, 三, 四) was found: no statistics",
)
declare(
    "record.finding.malformed",
    "warning",
    "A finding inside a parse record is not in the findings' JSON form; it was ignored.",
    "记录中的一项发现格式不正确，已忽略",
    "a finding in the record is not in the findings' JSON form: ignored",
)

# -- series.*, aggregate.*: across reports --------------------------------------------------------

declare(
    "series.duplicate-year",
    "warning",
    "Several reports of a series are for the same year; they are not compared.",
    "有 {count} 份报告的报告年度都是 {actual} 年，未作跨年度核对。",
    "{count} reports are for the year {actual}; they are not compared with other years.",
)
declare(
    "aggregate.mismatch",
    "warning",
    "A department's report is for another year than the summary's; it is still counted.",
    "部门报告的报告年度 {actual} 与汇总报告的 {expected} 不同。",
    "The department's report is for {actual}, the summary for {expected}.",
)
