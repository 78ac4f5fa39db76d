"""Reading translation files of other tools (PO, XLIFF 1.2 and 2, TMX) entry by entry."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.errors import ToolkitError
from toolkit.exchange import Entry, Languages, open_bitext
from toolkit.exchange.entry import CODE

PO = """\
# A catalogue written for this test.
msgid ""
msgstr ""
"Language: zh_TW\\n"
"Content-Type: text/plain; charset=UTF-8\\n"

# toolkit: ignore number-missing the count is implied
#: guide.rst:3
msgctxt "intro"
msgid "Three birds sang."
msgstr "三隻鳥在唱歌。"

#, fuzzy
msgid "The park was quiet."
msgstr "公園很安靜。"

msgid "Not yet."
msgstr ""

msgid "One bird"
msgid_plural "%d birds"
msgstr[0] "%d 隻鳥"

#~ msgid "Gone."
#~ msgstr "走了。"
"""

XLIFF1 = """\
<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file source-language="zh-Hant" target-language="en" datatype="plaintext" original="story">
    <body>
      <trans-unit id="s1">
        <source>他走了<x id="1"/>三步。</source>
        <target state="translated">He took <g id="2">three</g> steps.</target>
        <note>checked by the editor</note>
      </trans-unit>
      <trans-unit id="s2">
        <source>還沒有。</source>
        <target state="new">Not yet</target>
      </trans-unit>
      <trans-unit id="s3">
        <source>待審。</source>
        <target state="needs-review-translation">To review.</target>
      </trans-unit>
      <trans-unit id="s4" translate="no">
        <source>代碼</source>
      </trans-unit>
    </body>
  </file>
</xliff>
"""

XLIFF2 = """\
<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="en" trgLang="zh-Hant">
  <file id="f1">
    <unit id="u1">
      <notes><note>a note</note></notes>
      <segment id="a" state="translated">
        <source>Press <ph id="1"/> to go on.</source>
        <target>按 <ph id="1"/> 繼續。</target>
      </segment>
      <segment id="b" state="initial">
        <source>Then stop.</source>
        <target>然後停。</target>
      </segment>
    </unit>
  </file>
</xliff>
"""

TMX = """\
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
  <header srclang="zh-Hant" datatype="plaintext" segtype="sentence" adminlang="en"
          creationtool="test" creationtoolversion="1" o-tmf="none"/>
  <body>
    <tu tuid="t1">
      <tuv xml:lang="zh-Hant"
        ><seg>五次<bpt i="1">&lt;b&gt;</bpt>會議<ept i="1">&lt;/b&gt;</ept></seg></tuv>
      <tuv xml:lang="en"><seg>five <hi>meetings</hi></seg></tuv>
    </tu>
    <tu>
      <tuv xml:lang="zh-Hant"><seg>只有一邊</seg></tuv>
    </tu>
  </body>
</tmx>
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_po(tmp_path: Path) -> None:
    bitext = open_bitext(write(tmp_path, "a.po", PO))
    assert bitext.languages == Languages(None, "zh-TW")
    entries = list(bitext.entries)
    assert entries[0] == Entry(
        "intro",
        "Three birds sang.",
        "三隻鳥在唱歌。",
        7,
        False,
        ("toolkit: ignore number-missing the count is implied",),
    )
    assert [(e.source, e.translated) for e in entries] == [
        ("Three birds sang.", True),
        ("The park was quiet.", False),  # fuzzy
        ("Not yet.", False),  # untranslated
        ("One bird", True),  # msgstr[0] translates msgid; obsolete #~ entries are not read
    ]


def test_xliff_1_2(tmp_path: Path) -> None:
    bitext = open_bitext(write(tmp_path, "a.xlf", XLIFF1))
    assert bitext.languages == Languages("zh-Hant", "en")
    entries = list(bitext.entries)
    assert [e.key for e in entries] == ["s1", "s2", "s3"]  # translate="no" is not an entry
    first = entries[0]
    assert (first.source, first.target, first.line) == (
        f"他走了{CODE}三步。",
        "He took three steps.",
        5,
    )
    assert first.notes == ("checked by the editor",)
    assert (entries[1].target, entries[1].translated) == ("", False)  # state="new"
    assert (entries[2].fuzzy, entries[2].translated) == (True, False)  # needs-review


def test_xliff_2(tmp_path: Path) -> None:
    bitext = open_bitext(write(tmp_path, "a.xliff", XLIFF2))
    assert bitext.languages == Languages("en", "zh-Hant")
    entries = list(bitext.entries)
    assert [(e.key, e.source, e.target, e.translated) for e in entries] == [
        ("u1/a", f"Press {CODE} to go on.", f"按 {CODE} 繼續。", True),
        ("u1/b", "Then stop.", "然後停。", False),  # state initial: not yet translated
    ]
    assert entries[0].notes == ("a note",)


def test_tmx(tmp_path: Path) -> None:
    bitext = open_bitext(write(tmp_path, "a.tmx", TMX))
    assert bitext.languages.source == "zh-Hant"
    entries = list(bitext.entries)
    assert [(e.key, e.source, e.target, e.line) for e in entries] == [
        ("t1", f"五次{CODE}會議{CODE}", "five meetings", 7),
        (None, "只有一邊", "", 12),
    ]


BOMB = """\
<?xml version="1.0"?>
<!DOCTYPE tmx [
  <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
  <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
  <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
]>
<tmx version="1.4"><header srclang="en"/><body>
<tu><tuv xml:lang="en"><seg>&c;&c;&c;&c;</seg></tuv></tu></body></tmx>
"""

EXTERNAL = """\
<?xml version="1.0"?>
<!DOCTYPE xliff [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<xliff version="1.2"><file source-language="en" target-language="zh-Hant"><body>
<trans-unit id="1"><source>&secret;</source><target>x</target></trans-unit>
</body></file></xliff>
"""


@pytest.mark.parametrize(("name", "text"), [("bomb.tmx", BOMB), ("external.xlf", EXTERNAL)])
def test_declared_entities_are_refused(tmp_path: Path, name: str, text: str) -> None:
    with pytest.raises(ToolkitError) as caught:
        list(open_bitext(write(tmp_path, name, text)).entries)
    assert "declares entities" in caught.value.message
    assert "root:" not in str(caught.value)  # nothing of /etc/passwd


@pytest.mark.parametrize(
    ("name", "text", "line", "words"),
    [
        ("broken.xlf", '<xliff version="1.2"><file>\n<body>\n<trans-unit>\n</file>', 4, "XML"),
        ("wrong.xlf", "<?xml version='1.0'?>\n<html/>", 2, "<xliff>"),
        ("wrong.tmx", "<tmx><body/></tmx>", 1, "<header>"),
        ("broken.po", 'msgid "a"\nmsgstr "b"\nnonsense\n', 3, "PO"),
    ],
)
def test_broken_files_name_the_line(
    tmp_path: Path, name: str, text: str, line: int, words: str
) -> None:
    with pytest.raises(ToolkitError) as caught:
        list(open_bitext(write(tmp_path, name, text)).entries)
    assert words in caught.value.message
    assert caught.value.where is not None and caught.value.where.line == line
    assert caught.value.fix


def test_a_large_memory_is_read_lazily(tmp_path: Path) -> None:
    """Entries are produced while the file is read, and dropped elements are freed: the
    first entry arrives before the broken end of the file is reached."""
    units = "".join(
        f'<tu tuid="{n}"><tuv xml:lang="en"><seg>s{n}</seg></tuv>'
        f'<tuv xml:lang="zh-Hant"><seg>句{n}</seg></tuv></tu>\n'
        for n in range(2000)
    )
    path = write(
        tmp_path, "big.tmx", f'<tmx version="1.4"><header srclang="en"/><body>\n{units}<tu>'
    )
    entries = open_bitext(path).entries
    assert next(entries).source == "s0"
    with pytest.raises(ToolkitError):
        list(entries)


def test_a_tmx_target_language_is_read_from_the_first_unit_that_has_one(tmp_path: Path) -> None:
    tmx = tmp_path / "memory.tmx"
    tmx.write_text(
        '<tmx version="1.4"><header srclang="zh-Hant-TW"/><body>'
        '<tu tuid="s1"><tuv xml:lang="zh-Hant-TW"><seg>只有原文</seg></tuv></tu>'
        '<tu tuid="s2"><tuv xml:lang="zh-Hant-TW"><seg>也只有原文</seg></tuv></tu>'
        '<tu tuid="s3"><tuv xml:lang="zh-Hant-TW"><seg>有譯文</seg></tuv>'
        '<tuv xml:lang="en"><seg>Translated</seg></tuv></tu></body></tmx>'
    )
    bitext = open_bitext(tmx)
    assert bitext.languages.target == "en"
    assert [(e.key, e.target) for e in bitext.entries] == [
        ("s1", ""),
        ("s2", ""),
        ("s3", "Translated"),
    ]
