"""HTML pages for the HTML reader's tests and bench: portal pages and the reader's edge cases.

Every page is built in code from a seed, so the same call gives the same bytes on every run.

* :func:`portal_page`: a report (any HTML body) wrapped the way government portals wrap it:
  a head of styles and scripts, a top menu of ``menus`` nested ``ul`` lists of links, a
  breadcrumb, a side column laid out with a table, a footer of link lists and scripts.
* :data:`EDGE_CASES`: small pages, each exercising one rule of the reader (bold lead-ins,
  line breaks and blocks inside cells, spans, layout tables, skipped elements, scripts that
  hold HTML, comments, entities).
"""

from __future__ import annotations

import random

_WORDS = (
    "首页",
    "政务公开",
    "信息公开",
    "政策文件",
    "机构职能",
    "通知公告",
    "办事服务",
    "互动交流",
    "数据发布",
    "专题专栏",
    "人事信息",
    "财政资金",
    "规划计划",
    "应急管理",
)


def _link(rng: random.Random) -> str:
    word = rng.choice(_WORDS)
    href = f"/col/{rng.randrange(10**6)}/index.html"
    return f'<a href="{href}" title="{word}" class="nav-link">{word}</a>'


def _menu(rng: random.Random, items: int, depth: int) -> str:
    parts = ['<ul class="menu">']
    for _ in range(items):
        parts.append(f'<li class="item"><span class="icon"></span>{_link(rng)}')
        if depth > 1:
            parts.append(_menu(rng, max(2, items // 2), depth - 1))
        parts.append("</li>")
    parts.append("</ul>")
    return "".join(parts)


def portal_page(body: str, *, menus: int = 8, seed: int = 0) -> str:
    """``body`` inside a portal's chrome: ``menus`` menus of nested link lists, scripts, styles."""
    rng = random.Random(seed)
    style = "".join(f".c{i}{{margin:{i}px;color:#{i:06x}}}" for i in range(200))
    script = "".join(f"var m{i} = document.getElementById('m{i}');" for i in range(100))
    nav = "".join(f'<div class="nav" id="m{i}">{_menu(rng, 8, 3)}</div>' for i in range(menus))
    side = "".join(f"<tr><td>{_link(rng)}</td><td>{_link(rng)}</td></tr>" for _ in range(30))
    foot = "".join(f'<div class="links">{_menu(rng, 10, 1)}</div>' for _ in range(menus // 2 + 1))
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>年度报告</title>"
        f"<style>{style}</style><script>{script}</script></head><body>"
        f'<div class="header"><nav>{nav}</nav>'
        f'<div class="crumb">{_link(rng)} &gt; {_link(rng)} &gt; 正文</div></div>'
        '<table class="layout" width="100%"><tr>'
        f'<td class="side" width="200"><table class="sidelinks">{side}</table></td>'
        f'<td class="main"><div class="article">{body}</div></td></tr></table>'
        f'<div class="footer">{foot}<p>主办单位：某市人民政府办公室 版权所有</p>'
        f"<script>{script}</script><noscript>请启用脚本</noscript></div></body></html>"
    )


EDGE_CASES: dict[str, str] = {
    "bold-lead-ins": (
        "<html><body><p><strong>（一）主动公开情况</strong>本年度主动公开信息100条。</p>"
        "<p><b>一、总体情况</b>正文<b>加粗</b>其后。</p>"
        "<p>前文<strong>（二）不是开头</strong>后文</p>"
        "<div><b> </b><strong>二、依申请公开</strong><span>内容</span></div>"
        "<p><strong><b>（三）嵌套</b></strong>x</p></body></html>"
    ),
    "cells": (
        "<table><caption>表</caption><thead><tr><th rowspan='2'>项目</th>"
        "<th colspan=' 3x'>数</th><th colspan='999'>宽</th><th rowspan='5000'>高</th></tr></thead>"
        "<tbody><tr><td>第一行<br>第二行</td><td><p>段一</p><p>段二</p></td>"
        "<td>a<script>var x = '<td>1</td>';</script>b<style>.x{}</style>c</td>"
        "<td><select><option>选</option></select>后<!-- 注释 -->尾</td>"
        "<td>  多个   空白\t\n 合并 </td><td>&nbsp;1&nbsp;</td><td></td></tr>"
        "<tr><th>头</th><td><div><span>深</span><div>层</div></div>尾巴</td></tr></tbody>"
        "<tfoot><tr><td>脚</td></tr></tfoot><tr><td>直接行</td></tr></table>"
    ),
    "layout-tables": (
        "<html><body><table><tr><td><p>左栏</p><table><tr><td>内1</td><td>内2</td></tr>"
        "</table>尾</td><td>右栏<table><tr><td><table><tr><td>最深</td></tr></table>"
        "</td></tr></table></td></tr></table><table><tr><td>独立</td></tr></table></body></html>"
    ),
    "skipped": (
        "<html><head><title>标题</title><style>p{}</style></head><body>"
        "<p>可见<noscript>不见</noscript><template><p>模板</p></template>文字</p>"
        "<form><input value='x'><button>按钮</button><textarea>文本</textarea>表单文字</form>"
        "<svg><text>图</text></svg><iframe src='x'></iframe>"
        "<ul><li>一</li><li>二<br>三</li></ul><dl><dt>词</dt><dd>义</dd></dl>"
        "<h1>标题一</h1>正文<hr>后<span>内联</span>续<em>强调</em></body></html>"
    ),
    "scripts": (
        '<html><body><p>前</p><script>document.write("<table><tr><td>嵌\\u5165</td>'
        '<td>" + "值\\"引\\"</td></tr></table><p>段落\\n下行</p>");</script>'
        "<table><tr><td>后表</td></tr></table>"
        "<script>var s = '<div>单引号</div>'; var t = 'id';</script>"
        "<script>var x = 1;</script><p>后</p></body></html>"
    ),
    "text-and-tails": (
        "<body>开头文字<div>块</div>尾随<p>段</p>更多&amp;实体&lt;&gt;"
        "<br/>换行<br>再<span> </span><b>粗</b></body>"
    ),
    "no-body": "<p>只有段落</p><table><tr><td>1</td><td>2</td></tr></table>",
}
