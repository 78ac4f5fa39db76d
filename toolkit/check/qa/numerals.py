"""The numeric quantities of a Chinese or an English text, each with its value and place.

The number checks compare a bead's two sides by value, so both scripts are read into one
form: 2400億 and "240 billion" are both 240,000,000,000; 百分之三十, 三成 and "thirty per
cent" are 30 percent; 第三 and "3rd" the ordinal 3; 2022年2月 and "February 2022" a year
and a month of one date. Values are exact fractions (1/3 stays 1/3).

A quantity is *sure* when it is almost surely a number a translation must keep: digits;
Chinese numerals with a measure word, a unit, a currency, a scale (兩萬, 三千) or 第;
English number words. 一 and "one" alone, "first", 兩 in 兩岸, 十 in 十分 (very), 萬一,
千萬 (by all means), 八成 (probably) are not sure: they count when found, and are never
reported missing. What is not a translatable number is not read at all: list markers,
versions (3.11.2), times (10:30), telephone numbers, URLs, placeholders ({0}, %d),
footnote marks ([1]); the digits of an ID (COVID-19, A320, G7) are read but not sure.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, replace
from enum import StrEnum
from fractions import Fraction
from functools import cached_property
from importlib.resources import files


class Kind(StrEnum):
    NUMBER = "number"
    PERCENT = "percent"
    ORDINAL = "ordinal"
    YEAR = "year"
    MONTH = "month"
    DAY = "day"


@dataclass(frozen=True)
class Quantity:
    text: str
    start: int
    end: int
    value: Fraction
    kind: Kind = Kind.NUMBER
    #: Other readings of the same words: a 民國 year's 111, a percent as a fraction, 兆 as
    #: a million (兆瓦 is a megawatt), 3 in 3至5萬 as 30,000.
    others: tuple[Fraction, ...] = ()
    sure: bool = True
    #: 十多, 約, "about", "more than": compared loosely.
    approx: bool = False
    #: The ISO codes the amount may be in; empty when it names none (or only 元).
    currency: frozenset[str] = frozenset()
    #: The parts of one date share this (the date's start); None outside dates.
    date: int | None = None

    @cached_property
    def values(self) -> frozenset[Fraction]:
        return frozenset((self.value, *self.others))


def quantities(text: str, chinese: bool) -> list[Quantity]:
    """Every quantity in ``text`` (one segment), in order; offsets are into ``text``."""
    if not text.isascii():
        text = text.translate(_WIDE)
    if any(c in text for c in _MASKED):  # most texts have nothing to mask
        text = _MASK.sub(lambda m: "\x01" * len(m.group()), text)
    if chinese:
        text = _ZH_WORDS.sub(lambda m: "\x01" * len(m.group()), text)
        return _ranges(list(_chinese(text)), text, _ZH_JOINT) if _ZH_ANY.search(text) else []
    from toolkit.check.qa.numerals_en import JOINT, english  # it reads this module's parts

    return _ranges(list(english(text)), text, JOINT)


def _simplified() -> dict[str, str]:
    """OpenCC's Traditional → Simplified characters (first choice): tables are written
    once, in Traditional."""
    text = (files("opencc") / "dictionary" / "TSCharacters.txt").read_text(encoding="utf-8")
    pairs = (line.split("\t") for line in text.splitlines() if "\t" in line)
    return {t: s.split()[0] for t, s in pairs}


_TS = _simplified()


def _both(words: str) -> str:
    """A regex alternation of the words (separated by spaces) in Traditional and Simplified,
    longest first."""
    forms = {f for w in words.split() for f in (w, "".join(_TS.get(c, c) for c in w))}
    return "|".join(re.escape(w) for w in sorted(forms, key=lambda w: (-len(w), w)))


# --- both languages ----------------------------------------------------------------------

_WIDE = str.maketrans("０１２３４５６７８９％＄．", "0123456789%$.")
_MASK = re.compile(
    r"https?://\S+|www\.\S+|[\w.+-]+@[\w-]+\.[\w.]+|\{[^{}\s]*\}|\[[0-9]+\]"
    r"|(?<![0-9A-Za-z])0[xX][0-9a-fA-F.]+(?:[pP][+-]?[0-9]+)?"  # hexadecimal: 0x1.9p+1
    r"|[0-9]+[ \t]?(?:\\?\*){2}[ \t]?[0-9]+"  # a power: 2**53, 2 \*\* 55
    r"|(?<![0-9.])%(?:\([a-z_]+\))?[#0+-]?[0-9]*(?:\.[0-9]+)?[sdifgeExXoucr]"
)
#: Every match of ``_MASK`` has one of these.
_MASKED = ("%", "{", "[", "@", "://", "www.", "0x", "0X", "*")
_AR = r"(?:[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)"
_COMMON = (
    r"(?P<list>^\s*(?:\(?[0-9]{1,2}[.)、](?![0-9])|[（(][一二三四五六七八九十]{1,3}[)）]"
    r"|[一二三四五六七八九十]{1,3}、))"
    r"|(?P<iso>(?<![0-9])(?:[0-9]{4}[-/.][0-9]{1,2}[-/.][0-9]{1,2}|[0-9]{1,2}/[0-9]{1,2}/"
    r"[0-9]{4})(?![0-9]))"
    r"|(?P<skip>(?<![0-9])[0-9]+(?:\.[0-9]+){2,}|(?<![0-9])[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?"
    r"|(?:\+[0-9]{1,3}[\s-]?\(?[0-9]{1,4}\)?|\(?0[0-9]{1,3}\)?)[\s-][0-9]{3,4}[\s-]?[0-9]{3,4})"
    r"|(?P<slash>(?<![0-9/])[0-9]{1,3}/[0-9]{1,3}(?![0-9/]))"
    r"|(?P<code>(?<![A-Za-z])(?:USD|NTD|TWD|RMB|CNY|EUR|GBP|JPY|HKD)(?=\s?[0-9]))"
    r"|(?P<id>(?<![A-Za-z0-9])[A-Za-z][A-Za-z_-]*[0-9][A-Za-z0-9_-]*"
    r"|(?<![A-Za-z0-9.,])[0-9]+(?!(?:st|nd|rd|th|s|k|m|mn|bn|tn)(?![A-Za-z]))[A-Za-z][\w-]*)"
)
_DIGITS = re.compile(r"[0-9]+")
_DOLLAR = {"USD", "TWD", "HKD", "AUD", "CAD", "SGD", "NZD"}
_SIGNS: dict[str, set[str]] = {"US$": {"USD"}, "NT$": {"TWD"}, "HK$": {"HKD"}, "$": _DOLLAR}
_SIGNS |= {"A$": {"AUD"}, "C$": {"CAD"}, "S$": {"SGD"}, "€": {"EUR"}, "£": {"GBP"}}
_SIGNS |= {"¥": {"JPY", "CNY"}, "RMB": {"CNY"}, "NTD": {"TWD"}}
_SIGNS |= {c: {c} for c in ("USD", "TWD", "CNY", "HKD", "EUR", "GBP", "JPY")}
_SIGN_BEFORE = re.compile(r"(?:U\.S\.\s?\$|[A-Z]{0,2}\$|€|£|¥|[A-Z]{3}\s?)$")


def _sign(text: str, start: int) -> tuple[int, frozenset[str]]:
    """The currency sign or code just before ``start`` (US$, €, USD), and where it starts."""
    m = _SIGN_BEFORE.search(text, max(0, start - 7), start)
    codes = _SIGNS.get(m.group().replace("U.S.", "US").replace(" ", ""), set()) if m else set()
    return (m.start(), frozenset(codes)) if m and codes else (start, frozenset())


def _common(m: re.Match[str]) -> Iterator[Quantity]:
    """A date in digits, a slash pair (1/3, 24/7) or an ID's digits; the rest: nothing."""
    group, s, t = m.lastgroup, m.start(), m.group()
    if group == "iso":
        parts = [int(p) for p in _DIGITS.findall(t)]
        if parts[0] >= 1000:
            kinds = [Kind.YEAR, Kind.MONTH, Kind.DAY]
        else:  # 24/2/2022 or 2/24/2022: a part up to 12 may be the month
            kinds = [Kind.MONTH if p <= 12 else Kind.DAY for p in parts[:2]] + [Kind.YEAR]
        for d, k in zip(_DIGITS.finditer(t), kinds, strict=True):
            yield Quantity(d.group(), s + d.start(), s + d.end(), Fraction(d.group()), k, date=s)
    elif group == "slash":
        a, b = (int(p) for p in t.split("/"))
        whole = (Fraction(a), Fraction(b))
        yield Quantity(t, s, m.end(), Fraction(a, b) if b else whole[0], others=whole, sure=False)
    elif group == "id":
        for d in _DIGITS.finditer(t):
            yield Quantity(d.group(), s + d.start(), s + d.end(), Fraction(d.group()), sure=False)


def _ranges(found: list[Quantity], text: str, joint: re.Pattern[str]) -> list[Quantity]:
    """3至5萬, "3 to 5 million": a range's first number shares the second's kind and
    currency, may share its scale, and is sure when the second is."""
    out = []
    for q, nxt in zip(found, [*found[1:], None], strict=False):
        if nxt and q.date is None and nxt.date is None and joint.fullmatch(text, q.end, nxt.start):
            scale = _SCALE_END.search(nxt.text)
            others = q.others
            if scale and not _SCALE_END.search(q.text):
                others += (q.value * _SCALES[scale[1].lower()],)
            if nxt.kind is Kind.PERCENT and q.kind is not Kind.PERCENT:
                others += (q.value / 100,)
            kind = Kind.PERCENT if nxt.kind is Kind.PERCENT else q.kind
            sure = q.sure or (nxt.sure and q.value > 1)
            q = replace(q, kind=kind, sure=sure, others=others, currency=nxt.currency)
        out.append(q)
    return out


_SCALES = {"百": 100, "千": 10**3, "萬": 10**4, "万": 10**4, "億": 10**8, "亿": 10**8}
_SCALES |= {"兆": 10**12, "hundred": 100, "thousand": 10**3, "million": 10**6, "m": 10**6}
_SCALES |= {"k": 10**3, "billion": 10**9, "bn": 10**9, "trillion": 10**12}
_SCALE_END = re.compile(
    r"([百千萬万億亿兆]|(?i:hundred|thousand|[mb]illion|trillion|bn|m|k))[^0-9百千萬万億亿兆]*$"
)


# --- Chinese -----------------------------------------------------------------------------

_ZD = "〇零一二兩两三四五六七八九"
_ZU = "十百千萬万億亿兆"
#: Each numeral's value, from the Unicode character database (两 is not in it: 兩's).
_ZV = {c: int(unicodedata.numeric(c.replace("两", "兩"))) for c in _ZD + _ZU}
#: Possessive: a run is never given back digit by digit (a long run of digits followed by
#: something else would otherwise be retried in exponentially many splits).
_ZRUN = rf"(?:{_AR}|[{_ZD}{_ZU}]|點(?=[{_ZD}]+[萬万億亿兆]))++"
#: Measure words and units after which a numeral counts something (not 分: 十分 is
#: "very"; not 點, 角, 手, 國, 岸, 樣: 兩點, 五角大廈, 二手, 兩國, 沒有兩樣 are words).
_MEASURES = (
    "個 位 名 人 次 回 遍 趟 屆 任 代 世 件 項 條 張 本 冊 卷 部 篇 章 節 段 句 首 頁 份 封 則 "
    "幅 家 間 座 棟 所 戶 層 樓 處 艘 架 輛 台 臺 列 班 隻 頭 匹 尾 棵 株 朵 顆 粒 片 塊 支 枝 根 "
    "把 枚 套 副 雙 對 組 批 群 隊 種 類 款 起 宗 樁 場 局 輪 波 期 級 票 席 杯 瓶 碗 盒 包 箱 袋 "
    "倍 度 歲 年 天 日 週 晚 夜 號 秒 小時 鐘頭 分鐘 星期 禮拜 世紀 年代 週年 週歲 個月 公里 "
    "公尺 公分 公斤 公克 公噸 公頃 公升 公畝 毫米 毫升 釐米 厘米 千米 千克 英里 英尺 英呎 英寸 "
    "英畝 平方公里 平方公尺 平方米 立方米 噸 磅 米 克 升 瓦 千瓦 兆瓦 位元 位元組 字節 元 圓"
)
#: Measures after which one or two counts something a translation must keep (a time, an
#: amount, a unit): 兩次, 兩年, 兩倍, 兩公里. After others, 兩 is as often "both" or
#: "they" (兩人, 兩個, 兩位), so one or two in words is never reported missing there.
_FIRM = (
    "次 回 遍 趟 倍 度 歲 年 天 日 週 晚 夜 號 秒 小時 分鐘 星期 禮拜 世紀 年代 週年 週歲 個月 "
    "公里 公尺 公分 公斤 公克 公噸 公頃 公升 毫米 毫升 釐米 厘米 千米 千克 英里 英尺 英呎 英寸 "
    "英畝 平方公里 平方公尺 平方米 立方米 噸 磅 米 克 升 瓦 千瓦 兆瓦 元 圓"
)
#: Words made with numerals that count nothing: 四處 (everywhere), 四周 (all around), 十足
#: (utter), 千方百計 (by every means), 三元運算 (ternary operation)…; they are not read.
_WORDS = (
    "四處 四周 四面 四方 八方 十足 百般 萬分 千方百計 一五一十 三心二意 九死一生 十有八九 "
    "七上八下 亂七八糟 五花八門 三番兩次 三番五次 一乾二淨 獨一無二 接二連三 "
    "一元論 二元論 多元 一元運算 二元運算 三元運算 二元組 三元組"
)
_CURRENCY = {"美元": "USD", "美金": "USD", "新台幣": "TWD", "新臺幣": "TWD", "台幣": "TWD"}
_CURRENCY |= {"臺幣": "TWD", "人民幣": "CNY", "港元": "HKD", "港幣": "HKD", "歐元": "EUR"}
_CURRENCY |= {"英鎊": "GBP", "日圓": "JPY", "日元": "JPY", "日幣": "JPY", "澳元": "AUD"}
_CURRENCY |= {"".join(_TS.get(c, c) for c in k): v for k, v in _CURRENCY.items()}
_Z_MONTH = r"1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九]"
_Z_DAY = rf"3[01]|[12][0-9]|0?[1-9]|三十一?|二?十[一二三四五六七八九]?|{_Z_MONTH}"
_Z_MD = rf"(?:\s?(?P<{{0}}m>{_Z_MONTH})\s?月(?:\s?(?P<{{0}}d>{_Z_DAY})\s?[日號号])?)"
_ZH = re.compile(  # a quick test of the first character first: most are not numerals
    rf"(?=[\s0-9A-Za-z(（+第民過过{_ZD}{_ZU}])(?:{_COMMON}"
    rf"|(?P<frac>(?P<den>{_ZRUN})\s?分之\s?(?P<nom>{_ZRUN}(?:[點点][{_ZD}]+)?))"
    rf"|(?P<date>(?<![0-9])(?P<y>[0-9]{{4}}|[{_ZD}]{{4}}|民[國国]\s?{_ZRUN})\s?年(?!代)"
    rf"{_Z_MD.format('y')}?|(?<![0-9])(?P<r>[0-9]{{2,3}})\s?年{_Z_MD.format('r')}"
    rf"|(?<![0-9{_ZD}{_ZU}]){_Z_MD.format('o')})"
    rf"|(?P<ord>第\s?(?P<ordinal>{_ZRUN}))|(?P<half>一半|半數|半数|過半|过半)"
    rf"|(?P<num>(?<![0-9.,]){_ZRUN}(?![0-9]))"
    ")"
)
_CUR = _both(" ".join(_CURRENCY))
_ZH_WORDS = re.compile(_both(_WORDS))
_ZH_FIRM = frozenset(f for w in _FIRM.split() for f in (w, "".join(_TS.get(c, c) for c in w)))
_ZH_AFTER = re.compile(
    rf"\s?(?P<more>[多餘余來来幾几])?\s?(?:(?P<pct>%|個百分點|个百分点)|(?P<cheng>成)"
    rf"|(?P<cur>{_CUR})|(?P<unit>{_both(_MEASURES)}))?"
)
_ZH_BEFORE = re.compile(rf"(?P<cur>{_CUR})?\s?$")
_ZH_APPROX = re.compile(rf"(?:{_both('約 近 逾 超過 多達 高達 至少 不到 不足 數 幾 上')})\s?$")
_ZH_SHARE = re.compile(rf"(?:{_both('佔 占 約 近 逾 達 有 僅 增 減 升 降 跌 漲')})\s?$")
_ZH_JOINT = re.compile(r"\s?[至到~～\-–—或、]\s?")
_SUFFIX = re.compile(r"\s?[年月日號号]")
_ZH_ANY = re.compile(rf"[0-9{_ZD}{_ZU}半]")
_ZH_TOKEN = re.compile(rf"{_AR}|[點点][{_ZD}]+|.")


def _zh_value(run: str) -> Fraction | None:
    """The value of a run of numerals: 2400億, 1.5萬, 三千五百, 兩萬五 (25,000), 一百零五,
    3億5000萬, 二〇二二 and 二四〇〇億 (digit by digit), 三點五億; None if it is not one number
    (三四十)."""
    tokens = _ZH_TOKEN.findall(run)
    if len(tokens) > 1 and all(t in _ZD for t in tokens):
        if len(tokens) == 2 and not set(run) & set("〇零"):
            return None  # 三四 (three or four), 九一 (a name)
        return Fraction("".join(str(_ZV[t]) for t in tokens))
    # 二四〇〇億 (2400億), 一〇〇萬: digit by digit with 〇, then a scale
    digits, scale = tokens[:-1], tokens[-1]
    by_digit = len(digits) > 1 and set(digits) & set("〇零") and all(t in _ZD for t in digits)
    if by_digit and scale in _ZU:
        return Fraction("".join(str(_ZV[t]) for t in digits)) * _ZV[scale]
    total, section, largest, num, prev = Fraction(0), Fraction(0), 0, None, ""
    for t in tokens:
        if t[0] in "點点":
            if num is None:
                return None
            num += Fraction("0." + "".join(str(_ZV[c]) for c in t[1:]))
        elif t[0].isdigit() or t in _ZD:
            if num is not None and prev not in "零〇":
                return None
            num = Fraction(t.replace(",", "")) if t[0].isdigit() else Fraction(_ZV[t])
        elif _ZV[t] < 10**4:
            section += (num if num is not None else 1) * _ZV[t]
            num = None
        else:
            part = section + (num if num is not None else 0)
            if part == 0:
                total = (total if total else Fraction(1)) * _ZV[t]
            elif _ZV[t] > largest:
                total = (total + part) * _ZV[t]
            else:
                total += part * _ZV[t]
            largest, section, num = max(largest, _ZV[t]), Fraction(0), None
        prev = t
    if num is not None and prev in _ZD and len(tokens) > 1 and tokens[-2] in _ZU[1:]:
        num *= _ZV[tokens[-2]] // 10  # 兩萬五 is 25,000, 一千五 1,500
    return total + section + (num or 0)


def _chinese(text: str) -> Iterator[Quantity]:
    done = 0  # 3個百分點: a quantity may read past its match
    for m in _ZH.finditer(text):
        group, s, e = m.lastgroup, m.start(), m.end()
        if s < done:
            continue
        if group == "frac":
            den, nom = _zh_value(m["den"]), _zh_value(m["nom"].replace("点", "點"))
            if den and nom is not None:
                kind = Kind.PERCENT if den == 100 else Kind.NUMBER
                value = nom if den == 100 else nom / den
                yield Quantity(m.group(), s, e, value, kind, others=(nom / den,))
        elif group == "date":
            yield from _zh_date(m)
        elif group == "half":
            yield Quantity(m.group(), s, e, Fraction(1, 2), sure=False)
        elif group in ("ord", "num"):
            for q in _zh_number(m, text):
                done = q.end
                yield q
        else:
            yield from _common(m)


def _zh_date(m: re.Match[str]) -> Iterator[Quantity]:
    for name in ("y", "r", "ym", "rm", "om", "yd", "rd", "od"):
        if m[name] is None:
            continue
        kind = Kind.YEAR if len(name) == 1 else Kind.MONTH if name[1] == "m" else Kind.DAY
        run = m[name].removeprefix("民國").removeprefix("民国").strip()
        value = _zh_value(run)
        if value is None:
            continue
        others: tuple[Fraction, ...] = ()
        if kind is Kind.YEAR and (value <= 200 or m[name].startswith("民")):
            value, others = value + 1911, (value,)  # a Republic of China year
        suffix = _SUFFIX.match(m.string, m.end(name))
        start, end = m.start(name), suffix.end() if suffix else m.end(name)
        yield Quantity(m.string[start:end], start, end, value, kind, others, date=m.start())


def _zh_number(m: re.Match[str], text: str) -> Iterator[Quantity]:
    run = m["ordinal"] or m["num"]
    value = _zh_value(run.replace("点", "點"))
    if value is None:
        return
    s, e = m.start(m.lastgroup or "num"), m.end()
    after = _ZH_AFTER.match(text, e)
    assert after is not None  # all its parts are optional
    unit, cur = after["unit"] or "", after["cur"]
    before = text[max(0, s - 3) : s]
    approx = bool(after["more"] or _ZH_APPROX.search(before))
    digits = any(c.isdigit() for c in run)
    scaled = run[0] not in _ZU and any(c in _ZU[1:] for c in run)  # 兩萬, 三千; not 萬一
    sure = digits or scaled or bool(unit or cur or after["pct"] or m["ordinal"])
    mega: tuple[Fraction, ...] = (value / 10**6, value / 10**12) if "兆" in run else ()
    # 三兆瓦: 3 megawatts
    kind, others = Kind.NUMBER, mega
    if m["ordinal"] or unit in ("週年", "周年"):
        kind = Kind.ORDINAL
    elif after["pct"]:
        kind, others = Kind.PERCENT, (value / 100,)
    elif after["cheng"]:  # 三成 is 30%, but 八成 is also "probably", 一成不變 "unchanging"
        kind, value, others = Kind.PERCENT, value * 10, (value / 10,)
        sure = bool(_ZH_SHARE.search(before) or after["more"]) and value > 10
    elif unit in ("年代",) and value < 100:
        others = (value + 1900,)
    elif unit in ("年",) and value <= 200 and digits:
        others = (value + 1911,)  # 111年: a Republic of China year, as Taiwan writes it
    if not digits and value <= 1 and not scaled:
        sure = False  # 一個 is "a", 第一 "first" or "top", 零 "retail" in 零售
    elif not digits and value <= 2 and not scaled and unit not in _ZH_FIRM and not cur:
        sure = False  # 兩人 is as often "they" or "both" as "the two"
    if run[0] in _ZU[1:]:
        sure = False  # 百姓, 千萬 (by all means), 萬一 (in case)
    currency = frozenset({_CURRENCY[cur]}) if cur in _CURRENCY else _sign(text, s)[1]
    pre = _ZH_BEFORE.search(text, max(0, s - 5), s)
    if pre and pre["cur"] and not currency:
        currency = frozenset({_CURRENCY[pre["cur"]]})
    end = after.end() if after.group().strip() else e  # 三次, 2400億美元, 百分之三十
    yield Quantity(text[s:end], s, end, value, kind, others, sure, approx, currency)
