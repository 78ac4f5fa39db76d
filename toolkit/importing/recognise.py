"""What the document readers recognise in a line of text: image credits, bylines, dates,
read counters, tag lines, advertisements, related-post headings, a repeated title.

Each recogniser is a small table (a regular expression) with a test of its own; the web
page cleaner (``webpage``), the block mapper (``pandoc_blocks``) and the plain-text reader
(``plaintext``, which reads credits in its own, stricter way) use them.
"""

from __future__ import annotations

import re

#: A read or view counter: ``319 人閱讀``, ``閱讀 1,234``, ``1.2k views``, ``瀏覽次數：56``.
READ_COUNT = re.compile(
    r"(?:[^\w\s]\s*)?(?:"
    r"\d[\d.,]*\s*[kKmM萬万千]?\s*(?:人次|人|次)?\s*(?:閱讀|阅读|瀏覽|浏览|觀看|观看|點閱|点阅|views?|reads?)"
    r"|(?:閱讀|阅读|瀏覽|浏览|觀看|观看|點閱|点阅)(?:次數|次数|人次|數|数|量)?\s*[:：]?\s*"
    r"\d[\d.,]*\s*[kKmM萬万千]?\s*(?:人次|人|次)?"
    r"|(?:page\s*views?|views?|reads?)\s*[:：]?\s*\d[\d.,]*\s*[kKmM]?)",
    re.IGNORECASE,
)
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
#: A date line: ``2024-01-02``, ``2024年1月2日 (二) 10:30``, ``March 3, 2024``, with a label.
DATE = re.compile(
    r"(?:(?:發布時間|發佈時間|发布时间|發表時間|更新時間|更新时间|最後更新|日期|時間|"
    r"published(?:\s+on)?|posted(?:\s+on)?|updated(?:\s+on)?|last\s+updated|date)\s*[:：]?\s*)?"
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s*)?"
    r"(?:\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?"
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH},?\s+\d{{4}})"
    r"(?:\s*[（(]?(?:星期|週|周)?[一二三四五六日天][)）]?)?"
    r"(?:,?\s*(?:at\s+)?\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?)?",
    re.IGNORECASE,
)
#: A byline; it is furniture when the names after the lead (no digits: a date or a count
#: after them is another piece) include the metadata's.
BYLINE = re.compile(
    r"(?:(?:文|撰文|作者|記者|记者|編輯|编辑|譯|译|翻譯|翻译|譯者|译者)\s*[:：／/|｜]\s*"
    r"|(?:by|written\s+by|words\s+by|text\s+by|author|translated\s+by|translator)(?:\s*[:：]\s*|\s+))"
    r"(?P<names>[^\d\s][^\d]{0,79})",
    re.IGNORECASE,
)
#: An image credit line, alone or in parentheses: ``圖片來源：中央社``, ``圖／王小明``,
#: ``攝影：李大同``, ``Photo: Li Wei``, ``(Photo by Li Wei)``, ``Image credit: X``.
CREDIT = re.compile(
    r"[(（]?\s*(?:(?:圖片|图片|照片|影像)(?:來源|来源|提供)\s*[:：／/]|(?:攝影|摄影)\s*[:：／/]|[圖图]\s*[／/]"
    r"|(?:featured\s+)?(?:photo(?:graph)?|image|picture)s?(?:\s+credits?)?(?:\s*[:：]|\s+by\b)"
    r"|(?:image|photo)\s+courtesy\s+of\b)"
    r"\s*\S.{0,118}",
    re.IGNORECASE,
)
#: A line that lists the article's tags: ``標籤：小農、市集``, ``Tags: markets``.
TAGS_LINE = re.compile(
    r"(?:標籤|标签|關鍵字|关键字|關鍵詞|关键词|tags?|topics?|keywords?)\s*[:：]", re.I
)
#: An advertisement label or a newsletter prompt.
ADVERT_LINE = re.compile(
    r"(?:廣告|广告|贊助|赞助|advertisement|sponsored(?:\s+content)?|訂閱電子報.*|订阅电子报.*|"
    r"(?:sign\s+up|subscribe)(?:\s+now)?(?:\s+(?:for|to))?\s+(?:our|the)\s+newsletter.*)",
    re.IGNORECASE,
)
#: The heading of a list of related posts (the list after it goes with it).
RELATED_HEADING = re.compile(
    r"(?:延伸閱讀|延伸阅读|相關文章|相关文章|相關新聞|相关新闻|推薦閱讀|推荐阅读|推薦文章|推荐文章|"
    r"你可能也想看|related(?:\s+(?:articles|stories|posts|reading|coverage))?|more\s+stories|"
    r"read\s+more|recommended(?:\s+for\s+you|\s+reading|\s+stories)?|you\s+(?:may|might)\s+also\s+like)"
    r"\s*[:：]?",
    re.IGNORECASE,
)
#: What separates the pieces of a meta line (``文／王小明 | 2024-01-02 | 319 人閱讀``).
META_SEPARATOR = re.compile(r"\s*[|｜·•・]\s*|\s{2,}|\u3000+")
#: A subheading is at most this long, and does not end like a sentence.
SUBHEADING_MAX = 40
SENTENCE_END = tuple(".!?:;,…\"'”’」』。！？：；，、")


def credit_line(text: str) -> bool:
    """Is ``text`` (one line) an image credit as publishers print them?"""
    text = " ".join(text.split())
    return len(text) <= 130 and CREDIT.fullmatch(text) is not None


def split_credit(text: str) -> tuple[str, str] | None:
    """A caption that ends in a credit, as (caption, credit): ``市集。圖片來源：X``,
    ``Stalls at dusk. Photo: Li Wei``, ``Stalls (Photo by Li Wei)``; else None."""
    for i in range(1, len(text)):
        after = text[i:].strip()
        if (text[i - 1] in SENTENCE_END or after[:1] in "(（") and credit_line(after):
            return text[:i].rstrip(), " ".join(after.split())
    return None


def is_byline(text: str, names: tuple[str, ...]) -> bool:
    """A byline that names one of ``names`` (the metadata's authors or translators)."""
    m = BYLINE.fullmatch(" ".join(text.split()))
    found = m.group("names").casefold() if m else ""
    return any(name.strip() and name.casefold() in found for name in names)


def same_title(text: str, title: str) -> bool:
    """Does ``text`` repeat ``title`` (white space and case aside)?"""
    return (
        bool(title.strip())
        and "".join(text.split()).casefold() == "".join(title.split()).casefold()
    )
