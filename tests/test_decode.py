"""Decoding imported files: byte-order marks, a page's meta charset, UTF-8, then Big5 against
GB18030 by how common the characters each reading gives are."""

from __future__ import annotations

import pytest

from toolkit.errors import FormatError
from toolkit.store.decode import decode

#: Short texts whose bytes both Big5 and GB18030 can decode: only one reading is Chinese.
BOTH_DECODE = [
    ("今天天氣很好。", "big5"),
    ("我們去公園散步。", "big5"),
    ("臺灣的總統選舉", "big5"),
    ("學生們在圖書館讀書。", "big5"),
    ("這是一個測試。", "big5"),
    ("東方美人茶", "big5"),
    ("今天天气很好。", "gb18030"),
    ("台湾的总统选举", "gb18030"),
    ("学生们在图书馆读书。", "gb18030"),
    ("这是一个测试。", "gb18030"),
]


@pytest.mark.parametrize(("text", "encoding"), BOTH_DECODE)
def test_big5_and_gb18030_are_told_apart(text: str, encoding: str) -> None:
    data = text.encode(encoding)
    for codec in ("big5", "gb18030"):
        data.decode(codec)  # the case is only worth having if both readings succeed
    decoded = decode(data, "in.txt")
    assert (decoded.text, decoded.encoding, decoded.how) == (text, encoding, "detected")


@pytest.mark.parametrize(
    ("data", "encoding", "how"),
    [
        ("甲".encode(), "utf-8", "detected"),
        (b"\xef\xbb\xbf" + "甲".encode(), "utf-8", "byte-order mark"),
        (b"\xff\xfe" + "甲".encode("utf-16-le"), "utf-16-le", "byte-order mark"),
        (b"\xfe\xff" + "甲".encode("utf-16-be"), "utf-16-be", "byte-order mark"),
    ],
)
def test_a_byte_order_mark_is_kept_in_the_text(data: bytes, encoding: str, how: str) -> None:
    decoded = decode(data, "in.txt")
    assert (decoded.encoding, decoded.how) == (encoding, how)
    assert decoded.text.encode(encoding) == data  # re-encoding gives the bytes back


def test_a_pages_meta_charset_comes_before_detection() -> None:
    page = '<html><head><meta charset="big5"></head><body>今天天氣很好</body></html>'
    decoded = decode(page.encode("big5"), "page.html", html=True)
    assert (decoded.encoding, decoded.how) == ("big5", "meta charset")
    old_style = page.replace(
        'charset="big5"', 'http-equiv="Content-Type" content="text/html; charset=GB2312"'
    )
    decoded = decode(
        old_style.replace("今天天氣很好", "今天天气很好").encode("gb18030"), "p.html", html=True
    )
    assert (decoded.encoding, decoded.how) == ("gb18030", "meta charset")


def test_a_named_encoding_is_used_as_given() -> None:
    decoded = decode("今天".encode("big5"), "in.txt", encoding="Big5")
    assert (decoded.text, decoded.how) == ("今天", "given")
    with pytest.raises(FormatError, match="--encoding 'latin-nine' is not an encoding Python"):
        decode(b"x", "in.txt", encoding="latin-nine")
    western = "The cafés and the crêpes.".encode("cp1252")
    assert decode(western, "in.txt", encoding="cp1252").text == "The cafés and the crêpes."


def test_western_text_in_a_legacy_encoding_is_not_taken_for_chinese() -> None:
    with pytest.raises(FormatError) as caught:
        decode("The cafés and the crêpes.".encode("cp1252"), "in.txt")
    assert "cannot tell this file's encoding" in caught.value.message
    assert "--encoding" in caught.value.fix and "cp1252" in caught.value.fix


def test_a_page_labelled_big5_is_read_with_the_extensions_browsers_read() -> None:
    page = '<meta charset="big5"><p>圍棋的碁，裏面。</p>'.encode("cp950")
    decoded = decode(page, "page.html", html=True)
    assert "碁" in decoded.text and "裏" in decoded.text
    assert (decoded.encoding, decoded.how) == ("cp950", "meta charset")


def test_undecodable_bytes_name_the_line_and_offset() -> None:
    with pytest.raises(FormatError) as caught:
        decode(b"one\ntwo \x80\xff\n", "in.txt")
    assert caught.value.where is not None and caught.value.where.line == 2
    assert "byte offset 8" in caught.value.message
    with pytest.raises(FormatError, match="cannot be read as big5"):
        decode(b"\x80\x80", "in.txt", encoding="big5")
