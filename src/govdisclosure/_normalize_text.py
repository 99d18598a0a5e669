"""Text normalisation for matching: width, Traditional characters, pinyin, spaces.

Published reports spell the same label in many ways: full- or half-width punctuation, Traditional
characters (sometimes with the pinyin of each ambiguous character inserted after it:
「國家機(jī)關(guān)」),
spaces and line breaks inside a label, 「其它」 for 「其他」. Matching is done on
a *key*: the text with all of that folded away. Keys are only ever compared; the text a report
holds is always kept as published.

The Traditional-to-Simplified table covers the characters that occur in section headings, table
labels and the narrative vocabulary the parser looks for (contact details, dates, fees). It is not
a general converter.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable

__all__ = ["aligned", "fold", "key", "simplify", "strip_pinyin"]

# Traditional → Simplified, for the characters of headings, labels and the parser's vocabulary.
_PAIRS = (
    "開开 報报 總总 體体 況况 動动 處处 請请 復复 議议 訴诉 訟讼 問问 題题 進进 項项 "
    "製制 發发 數数 廢废 現现 決决 許许 罰罚 強强 業业 費费 額额 單单 萬万 規规 範范 對对 "
    "務务 採采 購购 條条 組组 織织 機机 構构 會会 計计 結结 轉转 辦办 區区 這这 屬属 於于 "
    "國国 穩稳 護护 權权 類类 內内 過过 執执 詢询 無无 關关 沒没 補补 後后 確确 訪访 舉举 "
    "當当 認认 獲获 繳缴 納纳 繼继 續续 維维 糾纠 審审 經经 係系 門门 戶户 網网 郵邮 電电 "
    "話话 傳传 編编 聯联 繫系 佈布 時时 間间 來来 統统 鄉乡 鎮镇 縣县 廳厅 員员 說说 見见 "
    "為为 與与 從从 個个 兩两 實实 際际 還还 徵征 據据 並并 產产 頁页 號号 屆届 陽阳 雲云 "
    "亞亚 貴贵 廣广 東东 龍龙 灣湾 華华 漢汉 蘇苏 寧宁 遼辽 黑黑 慶庆 衛卫 營营 環环 "
    "資资 訊讯 準准 則则 責责 總总 務务 視视 聽听 職职 歸归 檔档 案案 卷卷 領领 導导 "
    "設设 級级 屬属 歲岁 餘余 億亿 點点 擊击 標标 載载 覽览 紙纸 書书 證证 據据 訂订 "
    "質质 線线 網网 頁页 稱称 礎础 報报 務务 蹤踪 價价 錄录 顯显 達达 選选 擇择 邊边 "
    "雙双 車车 軍军 輕轻 較较 預预 領领 頒颁 頭头 願愿 驗验 觀观 離离 難难 雜杂 雞鸡 "
    "戰战 懷怀 憑凭 應应 態态 愛爱 從从 復复 後后 徑径 懲惩 專专 尋寻 對对 導导 將将 "
    "屆届 層层 帶带 幫帮 廠厂 張张 彈弹 歷历 歸归 殘残 氣气 漁渔 溫温 滿满 濟济 災灾 "
    "為为 熱热 獨独 獎奖 產产 畫画 監监 盡尽 礦矿 禮礼 禦御 稅税 穩稳 窮穷 競竞 築筑 "
    "節节 範范 簡简 約约 紅红 納纳 紛纷 紙纸 級级 終终 給给 統统 絕绝 練练 總总 績绩 "
    "繁繁 縣县 聽听 聲声 腦脑 興兴 舉举 舊旧 莊庄 葉叶 藝艺 處处 號号 衛卫 補补 裝装 "
    "見见 規规 視视 親亲 覺觉 計计 訂订 記记 訪访 評评 試试 詳详 誤误 説说 調调 談谈 "
    "諮咨 講讲 謝谢 證证 識识 變变 讓让 負负 貢贡 財财 責责 賬账 貸贷 費费 資资 質质 "
    "購购 賽赛 趨趋 跡迹 車车 軟软 輔辅 輸输 辦办 農农 迴回 這这 連连 運运 遞递 遠远 "
    "適适 遷迁 選选 遺遗 還还 鄰邻 醫医 釋释 針针 鋪铺 錯错 鍵键 長长 開开 閉闭 閱阅 "
    "闊阔 關关 陸陆 陳陈 險险 隨随 隱隐 雖虽 電电 靈灵 響响 頃顷 項项 順顺 須须 預预 "
    "領领 頻频 題题 額额 類类 顧顾 風风 飛飞 養养 館馆 驅驱 體体 髮发 鬥斗 齊齐 "
    "麼么 黨党 樓楼 構构 權权 標标 樣样 檢检 橫横 機机 極极 術术 歡欢 僅仅 價价 優优 "
    "傳传 傷伤 債债 備备 們们 剛刚 創创 劃划 劑剂 勞劳 勢势 勵励 勸劝 區区 協协 參参 "
    "雙双 吳吴 員员 問问 啟启 嚴严 圍围 圖图 團团 壓压 壞坏 壯壮 夠够 夢梦 奪夺 婦妇 "
    "學学 寬宽 寫写 實实 審审 寶宝 將将 屬属 岡冈 島岛 峽峡 嶺岭 巖岩 帳帐 幣币 "
    "廢废 廣广 彙汇 徵征 憲宪 擁拥 擇择 擴扩 擾扰 攝摄 據据 數数 斷断 於于 時时 晉晋 "
    "曉晓 暢畅 書书 會会 東东 條条 棄弃 楊杨 業业 榮荣 槍枪 歐欧 歲岁 毀毁 決决 沒没 "
    "況况 準准 溝沟 滅灭 滬沪 漢汉 澤泽 濱滨 灣湾 烏乌 無无 燈灯 爭争 狀状 猶犹 獲获 "
    "現现 瑤瑶 環环 畢毕 當当 疊叠 發发 盜盗 碼码 確确 禁禁 種种 稱称 穀谷 窯窑 "
    "筆笔 築筑 簽签 糧粮 緊紧 線线 緣缘 編编 緩缓 縮缩 繳缴 續续 缺缺 網网 羅罗 義义 "
    "習习 聖圣 聯联 職职 肅肃 脅胁 腳脚 臺台 與与 興兴 艙舱 藥药 蘭兰 號号 蟲虫 衝冲 "
    "補补 製制 複复 襲袭 觀观 訊讯 託托 設设 訴诉 診诊 該该 詢询 話话 認认 誠诚 "
    "語语 誰谁 課课 請请 論论 諾诺 謀谋 議议 護护 讀读 豐丰 貝贝 賀贺 賦赋 賣卖 賤贱 "
    "賴赖 贊赞 趕赶 軌轨 載载 輪轮 轉转 辭辞 邊边 鄉乡 鄭郑 釣钓 鈔钞 鋼钢 錢钱 鎮镇 "
    "鐵铁 鑒鉴 門门 閃闪 閒闲 間间 閣阁 闆板 隊队 階阶 際际 隻只 雜杂 雞鸡 離离 難难 "
    "霧雾 靜静 頁页 頂顶 預预 頒颁 頓顿 頸颈 顏颜 飯饭 飲饮 餘余 饑饥 馬马 駐驻 騰腾 "
    "驗验 鬧闹 魚鱼 鳥鸟 鹽盐 麥麦 黃黄 齒齿 龍龙 綜综 經经 維维 紀纪 聞闻 諧谐 "
    "績绩 衆众 眾众 檢检 査查 擔担 鑑鉴 個个 億亿 傳传 齡龄 團团 鬆松 萬万 "
)
_T2S = {ord(p[0]): p[1] for p in _PAIRS.split()}
# Vocabulary that Traditional converters swap for a different word (Taiwan usage).
_WORDS = (
    ("資訊", "信息"),
    ("资讯", "信息"),
    ("入口網站", "门户网站"),
    ("入口网站", "门户网站"),
    ("網際網路", "互联网"),
    ("网际网路", "互联网"),
    ("最佳化", "优化"),
    ("其它", "其他"),
    ("電子郵件", "电子邮件"),
)
# A pinyin syllable with a tone mark in brackets right after a Chinese character: 「機(jī)」.
_PINYIN = re.compile(
    r"(?<=[\u3400-\u9fff])\((?=[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹ])[a-züāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹ]{1,7}\)"
)
# Everything that is not a letter, a digit or a CJK character: removed from keys.
_NOT_WORD = re.compile(r"[^0-9a-z\u3400-\u9fff]+")
_SPACES = re.compile(r"\s+")


def simplify(text: str) -> str:
    """Fold width (NFKC), Traditional characters, converter vocabulary and inserted pinyin.

    Spaces and punctuation are kept (half-width after NFKC): ``（一）`` becomes ``(一)``.
    """
    # Replacing the width forms first leaves most texts already in NFKC, which normalize()
    # then sees at once (10 µs → 0.2 µs for a line with full-width commas); the result is the
    # same, since a character and its NFKC form have the same NFKD.
    s = unicodedata.normalize("NFKC", _fold_width(text))
    for trad, simp in _WORDS:
        if trad in s:
            s = s.replace(trad, simp)
    s = _fold_t2s(s)
    if "(" in s:
        s = _PINYIN.sub("", s)
    if "其它" in s:  # the character table may have produced it
        s = s.replace("其它", "其他")
    return s


def strip_pinyin(text: str) -> str:
    """``text`` without the pinyin a converter inserts after characters (「運(yùn)」 → 「運」)."""
    return _PINYIN.sub("", text) if "(" in text else text


@functools.lru_cache(maxsize=1024)
def fold(text: str) -> str:
    """:func:`simplify`, then without any whitespace: for headings and label prefixes."""
    return _SPACES.sub("", simplify(text))


@functools.lru_cache(maxsize=8192)
def key(text: str) -> str:
    """The matching key: :func:`simplify`, lower-cased, with only letters, digits and CJK left."""
    return _NOT_WORD.sub("", simplify(text).lower())


# Width and compatibility forms whose NFKC form is one character (full-width ASCII, the
# ideographic space, Kangxi radicals, CJK compatibility ideographs, enclosed numerals), and
# the same merged with the Traditional table: one fold does them all.
_WIDTH: dict[int, str] = {}
for _lo, _hi in (
    (0x2460, 0x24FF),
    (0x2F00, 0x2FDF),
    (0x3000, 0x3000),
    (0x3200, 0x33FF),
    (0xF900, 0xFAFF),
    (0xFE30, 0xFE4F),
    (0xFF01, 0xFFEF),
):
    for _cp in range(_lo, _hi + 1):
        _n = unicodedata.normalize("NFKC", chr(_cp))
        if len(_n) == 1 and _n != chr(_cp):
            _WIDTH[_cp] = _n
_ALIGN: dict[int, str] = {cp: _T2S.get(ord(n), n) for cp, n in _WIDTH.items()}
_ALIGN.update({k: v for k, v in _T2S.items() if k not in _ALIGN})


def _folder(table: dict[int, str]) -> Callable[[str], str]:
    """``str.translate(table)`` for a table of one character to another, none of them a key.

    ``translate`` looks every character up in the table (about 60 ns a character for CJK
    text); a text usually holds a handful of distinct characters to fold (its full-width
    punctuation), found by one character-class scan and replaced one by one. Since no folded
    character is itself a key, the replacements never meet, and the result is the same.
    """
    chars = {chr(k): v for k, v in table.items()}
    finder: list[Callable[[str], list[str]]] = []  # compiled on first use: not at import

    def apply(text: str) -> str:
        if not finder:
            assert all(len(v) == 1 and table.get(ord(v), v) == v for v in table.values())
            finder.append(re.compile("[" + "".join(map(re.escape, sorted(chars))) + "]").findall)
        found = finder[0](text)
        if not found:
            return text
        if len(found) > 24:
            return text.translate(table)  # many to fold: one pass is cheaper
        for c in set(found):
            text = text.replace(c, chars[c])
        return text

    return apply


_fold_t2s = _folder(_T2S)
_fold_align = _folder(_ALIGN)
_fold_width = _folder(_WIDTH)


def aligned(text: str) -> str:
    """:func:`simplify` that keeps every character's position: for finding where a heading ends.

    Width and Traditional forms are folded character by character (a character whose NFKC
    form is longer is left alone), and inserted pinyin is overwritten with NUL characters
    rather than removed.
    """
    s = _fold_align(text)
    if "(" in s:
        s = _PINYIN.sub(lambda m: "\0" * len(m.group()), s)
    return s.replace("其它", "其他")
