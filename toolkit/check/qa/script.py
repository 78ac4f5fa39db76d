"""The script of a Chinese text, and full-width Latin letters and digits in any text.

A Traditional Chinese text (``zh-Hant``, ``zh-TW``, ``zh-HK``…) should hold no
Simplified-only character, and a Simplified one (``zh-Hans``, ``zh-CN``) no
Traditional-only character. "Only" is read from OpenCC's character tables, not from a
hand list, and it is exact: a character is Simplified-only when OpenCC converts it to
Traditional as something else and never lists it as a Traditional character itself
(们 → 們, 这 → 這); 后, 台, 里, 面, 干, 只 convert to themselves among other forms
(后 is also a Traditional character), so they are never reported. The forms Taiwan and
Hong Kong write (OpenCC's TW and HK variant tables: 群, 床, 峰, 温) are Traditional too.
The reverse holds for Traditional-only characters (們, 後, 臺), while 乾, 於, 著, 徵
stay, since Simplified Chinese writes them too. A Chinese tag with neither script nor
region (``zh``) names no script, so the text is not checked. Japanese quoted in the text
(a run of Han characters with kana among them: 《日本の会社》) is not read either: its
kanji (会, 国) are Japanese forms, not Simplified ones.

Full-width Latin letters and digits (ＡＢＣ, １２３) belong half-width in both languages;
they are only a hint in Chinese text that has no half-width ones (some Taiwanese house
styles set digits full-width), a likely slip beside half-width ones or in English.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from importlib.resources import files

from toolkit.check.qa.framework import Problem, text_check
from toolkit.check.qa.settings import Settings
from toolkit.check.qa.units import Side
from toolkit.check.registry import Check, Family, Severity, declare

SIMPLIFIED_IN_TRADITIONAL = declare(
    "simplified-in-traditional",
    Family.SCRIPT,
    Severity.WARNING,
    "A Simplified-only character in a Traditional Chinese text (Japanese quoted in it, "
    "kanji with kana, is not read).",
    "我们走吧。 (们: 們) in a zh-Hant text",
)
TRADITIONAL_IN_SIMPLIFIED = declare(
    "traditional-in-simplified",
    Family.SCRIPT,
    Severity.WARNING,
    "A Traditional-only character in a Simplified Chinese text.",
    "我們走吧。 (們: 们) in a zh-Hans text",
)
FULLWIDTH_ALPHANUMERIC = declare(
    "fullwidth-alphanumeric",
    Family.SCRIPT,
    Severity.INFO,
    "Full-width Latin letters or digits, which belong half-width.",
    "第１２３頁 (１２３: 123)",
)

#: More distinct wrong-script characters than this in one text, and it is reported once:
#: the whole text is in the other script (or its language tag is wrong).
WHOLE_TEXT = 3

Table = dict[str, tuple[str, ...]]


def _table(name: str) -> Table:
    """An OpenCC dictionary: each line a character, a tab, its conversions."""
    text = (files("opencc") / "dictionary" / name).read_text(encoding="utf-8")
    table: Table = {}
    for line in text.splitlines():
        key, _, values = line.strip().partition("\t")
        if key:
            table[key] = tuple(values.split())
    return table


def _scripts() -> tuple[Table, Table]:
    """Simplified-only characters with their Traditional forms, and the reverse."""
    st, ts = _table("STCharacters.txt"), _table("TSCharacters.txt")
    regional = {
        ch
        for name in ("TWVariants.txt", "HKVariants.txt")
        for key, values in _table(name).items()
        for ch in (key, *values)
    }
    # Converting changes it (a key, not among its own forms: 后 → 後 or 后 stays), and
    # the other direction does not list it as a character of its own script.
    simplified_only = {
        c: forms for c, forms in st.items() if c not in forms and c not in ts and c not in regional
    }
    traditional_only = {c: forms for c, forms in ts.items() if c not in forms and c not in st}
    return simplified_only, traditional_only


SIMPLIFIED_ONLY, TRADITIONAL_ONLY = _scripts()


#: Hiragana and katakana, not the katakana middle dot ・ (約翰・史密斯 is Chinese too).
_KANA = re.compile("[\u3041-\u3096\u30a1-\u30fa]")
#: A run of Han characters and kana (々 is the kanji repeat mark, ー the long vowel's).
_KANJI_RUN = re.compile("[\u3005\u3041-\u3096\u30a1-\u30fa\u30fc\u3400-\u4dbf\u4e00-\u9fff]+")
_FULLWIDTH = re.compile(r"[０-９Ａ-Ｚａ-ｚ]+")
_HALFWIDTH = re.compile(r"[0-9A-Za-z]")
#: Full-width ０-９, Ａ-Ｚ, ａ-ｚ to ASCII: the block is ASCII shifted by 0xFEE0.
_TO_HALF = {code: code - 0xFEE0 for code in range(0xFF10, 0xFF5B)}


def script_of(lang: str) -> str | None:
    """``Hant`` or ``Hans`` for a Chinese tag that says which (by script or region), else
    None. Case and ``_`` are forgiven (``zh_tw`` from a PO header)."""
    language, *rest = lang.replace("_", "-").lower().split("-")
    if language != "zh":
        return None
    for part in rest:
        if part in ("hant", "hans"):
            return part.title()
    for part in rest:
        if part in ("tw", "hk", "mo"):
            return "Hant"
        if part in ("cn", "sg"):
            return "Hans"
    return None


@text_check
def wrong_script(side: Side, settings: Settings) -> Iterator[Problem]:
    script = script_of(side.lang)
    if script == "Hant":
        yield from _wrong(side.text, SIMPLIFIED_IN_TRADITIONAL, SIMPLIFIED_ONLY)
    elif script == "Hans":
        yield from _wrong(side.text, TRADITIONAL_IN_SIMPLIFIED, TRADITIONAL_ONLY)


def _wrong(text: str, check: Check, table: Table) -> Iterator[Problem]:
    """One problem per wrong character (at its first place), or one for the whole text."""
    found, wanted = (
        ("Simplified", "Traditional")
        if check is SIMPLIFIED_IN_TRADITIONAL
        else ("Traditional", "Simplified")
    )
    if table.keys().isdisjoint(text):
        return  # the common case, in one pass in C (a 4,000-character regex class is slow)
    japanese = _japanese(text)
    first: dict[str, int] = {}
    for offset, ch in enumerate(text):
        if ch in table and offset not in japanese:
            first.setdefault(ch, offset)
    if not first:
        return
    if len(first) > WHOLE_TEXT:
        listed = "".join(list(first)[:10]) + ("…" if len(first) > 10 else "")
        yield Problem(
            check,
            f"{len(first)} {found}-only characters ({listed}) in a {wanted} Chinese text: "
            f"it reads as {found} Chinese",
            f"convert the text to {wanted} characters, or correct its language tag",
            offset=min(first.values()),
        )
        return
    for ch, offset in first.items():
        forms = " or ".join(table[ch])
        around = text[max(0, offset - 3) : offset + 4]
        yield Problem(
            check,
            f"{ch} in '{around}' is a {found}-only character in a {wanted} Chinese text",
            f"write {forms} (by the sense) for {ch}" if len(table[ch]) > 1 else f"write {forms}",
            offset=offset,
        )


def _japanese(text: str) -> set[int]:
    """The offsets of the kanji of Japanese words quoted in the text: runs of Han
    characters with kana among them (日本の会社), whose 会 is Japanese, not Simplified."""
    if not _KANA.search(text):
        return set()
    runs = (m for m in _KANJI_RUN.finditer(text) if _KANA.search(m.group()))
    return {k for m in runs for k in range(m.start(), m.end())}


@text_check
def fullwidth_alphanumeric(side: Side, settings: Settings) -> Iterator[Problem]:
    text = side.text
    runs = list(_FULLWIDTH.finditer(text))
    if not runs:
        return
    mixed = not side.chinese or _HALFWIDTH.search(text) is not None
    for m in runs:
        half = m.group().translate(_TO_HALF)
        where = "beside half-width ones" if side.chinese and mixed else ""
        yield Problem(
            FULLWIDTH_ALPHANUMERIC,
            f"'{m.group()}' is written in full-width letters or digits {where}".rstrip(),
            f"write '{half}'",
            offset=m.start(),
            level=Severity.WARNING if mixed else None,
        )
