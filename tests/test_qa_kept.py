"""url-missing, email-missing, code-missing, placeholder-missing: what a translation keeps
as it is, in either direction."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import toolkit.check.qa.kept  # noqa: F401  (registers the checks)
from tests.conftest import examples
from tests.qa import unit
from toolkit.check.qa.framework import UNIT_CHECKS, Where
from toolkit.check.qa.kept import code_spans, normal_url, placeholders, urls
from toolkit.check.qa.settings import DEFAULT
from toolkit.check.qa.units import Side
from toolkit.segment.markup import Kind, pieces

IDS = {"url-missing", "email-missing", "code-missing", "placeholder-missing"}

#: (source language, source, target language, target, the IDs reported)
Case = tuple[str, str, str, str, list[str]]
Row = tuple[str, str, list[str]]


def rows(source_lang: str, target_lang: str, table: list[Row]) -> list[Case]:
    return [(source_lang, source, target_lang, target, found) for source, target, found in table]


# fmt: off
URL_CASES = rows("zh-Hant", "en", [
    ("報告全文見 https://example.org/report 。", "See https://example.org/report.", []),
    ("報告全文見 https://example.org/report 。", "The full report is online.", ["url-missing"]),
]) + rows("zh-Hans", "en", [
    ("详见 www.example.org/help 。", "See www.example.org/help for more.", []),
    ("详见 www.example.org/help 。", "See the help pages.", ["url-missing"]),
]) + rows("en", "zh-Hant", [
    ("The report is at https://example.org/report.", "報告在網上。", ["url-missing"]),
    # normalised: scheme and host case, www., a final slash
    ("Visit https://www.example.org/docs/.", "請造訪 HTTP://Example.org/docs。", []),
    # the address ends before Chinese text or full-width punctuation
    ("Download it from https://example.org/get.", "可從https://example.org/get下載。", []),
    ("See https://example.org/a.", "見 https://example.org/a，再看下文。", []),
    # brackets: the address's own pair stays, the sentence's is left out
    ("(see https://example.org/a_(b))", "（見 https://example.org/a_(b)）", []),
    # a link's address counts, bare or as a link on either side
    ("Read [the guide](https://example.org/g).", "請閱讀[指南](https://example.org/g)。", []),
    ("Read [the guide](https://example.org/guide).", "請閱讀指南：https://example.org/guide", []),
    ("Read [the guide](https://example.org/guide).", "請閱讀指南。", ["url-missing"]),
    # an address the translator added is not reported; a file name is no address
    ("See the help pages.", "見說明 https://example.org/help 。", []),
    ("The file is report.pdf.", "檔案是報告。", []),
    # an address with Chinese in its path, as typed or percent-encoded: the same page
    ("See https://zh.example.org/wiki/%E5%8F%B0%E7%81%A3.", "見 https://zh.example.org/wiki/台灣。",
     []),
    ("See https://zh.example.org/wiki/%E5%8F%B0%E7%81%A3.", "見 https://zh.example.org/wiki/",
     ["url-missing"]),
]) + rows("zh-Hant", "en", [
    ("見 https://zh.example.org/wiki/台灣 。", "See https://zh.example.org/wiki/%E5%8F%B0%E7%81%A3.",
     []),
    ("見 https://zh.example.org/wiki/台灣 。", "See https://zh.example.org/wiki/Taiwan.",
     ["url-missing"]),
])

EMAIL_CASES = rows("zh-Hant", "en", [
    ("來信請寄 editor@example.org。", "Write to Editor@Example.org.", []),
    ("來信請寄 editor@example.org。", "Write to the editor.", ["email-missing"]),
]) + rows("en", "zh-Hant", [
    ("Contact press@example.org for copies.", "索取副本請聯絡新聞處。", ["email-missing"]),
    ("[Write to us](mailto:desk@example.org).", "[來信](mailto:desk@example.org)。", []),
    ("[Write to us](mailto:desk@example.org).", "來信至 desk@example.org。", []),
    ("[Us](mailto:desk@example.org?subject=Hi), [site](https://example.org/a)",
     "[我們](mailto:desk@example.org)、[網站](https://example.org/a)", []),
    # an @ inside a web address is part of the address
    ("See https://lists.example.org/m?id=a1@b.example.org", "見郵件清單。", ["url-missing"]),
    # a handle is no address
    ("Follow @example on the site.", "在網站上追蹤我們。", []),
])

CODE_CASES = rows("en", "zh-Hant", [
    ("Call `open()` before `read()`.", "先呼叫 `open()`，再呼叫 `read()`。", []),
    ("Call `close()` when done.", "完成後請關閉檔案。", ["code-missing"]),
    # code translated is code lost
    ("Compare with `x is None`.", "與 `x 是 None` 比較。", ["code-missing"]),
    ("Import `sqlite3` first.", "先匯入 `sqllite3`。", ["code-missing"]),
    # kept as plain text, inside other code, or as a singular: kept
    ("The variable `a` holds a list.", "變數「a」存放一個串列。", []),
    ("Use `close` here.", "這裡用 `shutdown(); close()`。", []),
    ("Both `records` are kept.", "兩個 `record` 都保留。", []),
    ("Both `indices` are kept.", "兩個 `index` 都保留。", ["code-missing"]),  # no plural of it
    # a word in -ss is no plural: `clas` is a slip
    ("Define a `class`.", "定義一個 `clas`。", ["code-missing"]),
    ("Find the `address`.", "找出 `addres`。", ["code-missing"]),
    ("Both `boxes` are kept.", "兩個 `box` 都保留。", []),
    ("Use `bus`.", "使用 `b`。", ["code-missing"]),
    # but as a whole word: `cat` is not in "concat"
    ("Set `cat` first.", "先設定 concat。", ["code-missing"]),
    # each span once, whatever its count; code the translator added is not reported
    ("`f` calls `f` again.", "`f` 會再呼叫自己。", []),
    ("Close the file.", "關閉檔案（`close()`）。", []),
]) + rows("zh-Hant", "en", [
    ("執行 `make html` 產生網頁。", "Run make to build the pages.", ["code-missing"]),
    ("執行 `make html` 產生網頁。", "Run `make html` to build the pages.", []),
]) + rows("zh-Hans", "en", [
    ("运行 `make html` 生成网页。", "Run make html to build the pages.", []),
])

PLACEHOLDER_CASES = rows("en", "zh-Hant", [
    ("Deleted %d files.", "已刪除 %d 個檔案。", []),
    ("Deleted %d files.", "已刪除檔案。", ["placeholder-missing"]),
    # unnamed placeholders count; named ones may move and repeat
    ("%s of %s", "%s", ["placeholder-missing"]),
    ("%s and %d", "%d 和 %s", []),
    ("%(count)d items in %(place)s", "%(place)s 有 %(count)d 項", []),
    ("%(user)s left", "%(user)s 離開了（%(user)s）", []),
    ("{0} replaced {1}", "{1} 被 {0} 取代", []),
    ("Total: {0:>8.2f}", "總計：{0:>8.2f}", []),
    ("Hello {name}!", "你好，{名字}！", ["placeholder-missing"]),
    ("Hello {name!r}", "你好 {name!r}", []),
    ("Wrote %-5d lines", "寫了 %-5d 行", []),
    # added
    ("Saved.", "已儲存 %s。", ["placeholder-missing"]),
    ("Saved {}.", "已儲存 {} {}。", ["placeholder-missing"]),
    # escapes, and what only looks like a placeholder
    ("100%% done", "完成 100%%", []),
    ("100%% done", "已完成", []),
    ("Use {{braces}} here", "這裡用大括號", []),
    ("Prices rose 50% of the time.", "價格有一半時間上漲。", []),
    ("Avoid %-formatting today.", "今天避免使用百分號格式化。", []),
    ("A set such as {1, 2} is unordered.", "集合沒有順序。", []),
    ("A dict {key: value} maps.", "字典做對應。", []),
    ("See https://example.org/a%20b%2Fs", "見 https://example.org/a%20b%2Fs", []),
]) + rows("zh-Hant", "en", [
    ("共 %d 筆資料", "%d records in all", []),
    ("共 %d 筆資料", "records in all", ["placeholder-missing"]),
    ("增加了 50%的預算", "raised the budget by half", []),
]) + rows("zh-Hans", "en", [
    ("共 %d 条记录", "records in all", ["placeholder-missing"]),
])
# fmt: on


def ids(case: Case) -> list[str]:
    source_lang, source, target_lang, target = case[:4]
    bead = unit((source_lang, source), (target_lang, target))
    return [p.check.id for check in UNIT_CHECKS for p in check(bead, DEFAULT) if p.check.id in IDS]


CASES = URL_CASES + EMAIL_CASES + CODE_CASES + PLACEHOLDER_CASES


@pytest.mark.parametrize("case", CASES, ids=[f"{c[0]}>{c[2]} {c[1]}" for c in CASES])
def test_kept(case: Case) -> None:
    assert ids(case) == case[4]


def problems(source: tuple[str, str], target: tuple[str, str]) -> list[tuple[str, str, str]]:
    bead = unit(source, target)
    return [
        (p.check.id, (p.level or p.check.severity).label, p.message)
        for check in UNIT_CHECKS
        for p in check(bead, DEFAULT)
        if p.check.id in IDS
    ]


def test_an_address_replaced_by_another_is_only_information() -> None:
    found = problems(
        ("en", "See https://en.example.org/wiki/River."),
        ("zh-Hant", "見 https://zh.example.org/wiki/%E6%B2%B3。"),
    )
    assert [(c, level) for c, level, _ in found] == [("url-missing", "info")]
    assert "https://zh.example.org/wiki/%E6%B2%B3" in found[0][2]


def test_an_address_lost_is_a_warning_that_quotes_it() -> None:
    [(check, level, message)] = problems(
        ("en", "Data: https://example.org/data."), ("zh-Hant", "資料見網站。")
    )
    assert (check, level) == ("url-missing", "warning")
    assert "https://example.org/data" in message and "data." not in message


def test_a_placeholder_added_is_reported_where_it_is() -> None:
    bead = unit(("en", "Saved."), ("zh-Hant", "已儲存 %s。"))
    found = [
        (p.where, p.offset)
        for check in UNIT_CHECKS
        for p in check(bead, DEFAULT)
        if p.check.id in IDS
    ]
    assert found == [(Where.TARGET, 4)]


def test_placeholders_are_read_exactly() -> None:
    text = "%s %(n)d {0} {name} {} %% {{x}} 5% of %-formatting {1, 2}"
    assert [(p, named) for p, _, named in placeholders(text)] == [
        ("%s", False),
        ("%(n)d", True),
        ("{0}", True),
        ("{name}", True),
        ("{}", False),
    ]


def test_addresses_are_normalised() -> None:
    assert normal_url("HTTPS://WWW.Example.org/Path/") == "example.org/Path"
    assert normal_url("http://example.org/%E6%B2%B3") == normal_url("https://example.org/河")
    side = Side.of("en", "One https://example.org/a. Two [b](https://example.org/b/)")
    assert list(urls(side).values()) == ["https://example.org/a", "https://example.org/b/"]


def test_code_spans_are_read_from_the_markup() -> None:
    side = Side.of("en", "Call `open()` then `read(n)`, not \\`this\\`.")
    assert code_spans(side) == ["open()", "read(n)"]


@given(st.text(alphabet="`ab *[]()\\_ ", max_size=30))
@settings(max_examples=examples(200))
def test_code_spans_are_the_parsers(markup: str) -> None:
    parsed = [
        markup[p.start + 1 : p.end - 1].strip() for p in pieces(markup) if p.kind is Kind.CODE
    ]
    assert code_spans(Side.of("en", markup)) == parsed


def test_a_side_missing_is_not_checked() -> None:
    bead = unit(("en", "See https://example.org/x and `code` and %s."), None)
    assert [p for check in UNIT_CHECKS for p in check(bead, DEFAULT) if p.check.id in IDS] == []
