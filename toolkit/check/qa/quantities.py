"""unit-mismatch: a quantity with a unit (5 km, 5公里, 10 GB) that the translation states
with another number.

Only what can be read exactly is compared. A quantity is Arabic digits directly followed
by a unit of the table below (a space, or in English a hyphen, between them); amounts
are compared in the unit's base (5 km and 5,000 公尺 agree). A kind of unit (length,
mass…) is compared only when both sides state it in figures only: a unit after a number
word or a multiplier (五公里, five kilometres, 5萬公里, 5 million km) or a bare unit word
(per kilometre) leaves that kind alone. A source quantity is reported only when the
target has quantities of that kind, none of them the source's amount, and the source's
number appears nowhere in the target (a range 5至10公里 keeps its 5). Units are not
converted between systems (5 miles → 8 km is a translator's choice); the ambiguous are
left out (English m for metre or million, ton for a short or a metric ton, 兆瓦, 度).
Counting numbers in general is the numbers checks' work: this one only asks that a
quantity keep its amount.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator

from toolkit.check.qa.framework import Problem, Where, unit_check
from toolkit.check.qa.settings import Settings
from toolkit.check.qa.units import Unit
from toolkit.check.registry import Family, Severity, declare

UNIT_MISMATCH = declare(
    "unit-mismatch",
    Family.KEPT,
    Severity.WARNING,
    "A quantity with a unit has another amount in the translation.",
    "全長5公里。 → It is 6 km long.",
)

#: Each unit: its kind, its size in the kind's base unit, its symbols (case matters),
#: its English words (singular and plural, any case) and its Chinese names.
_TABLE: tuple[tuple[str, float, str, str, str], ...] = (
    ("length", 1e-9, "nm", "nanometre nanometer", "奈米 納米 纳米"),
    ("length", 1e-3, "mm", "millimetre millimeter", "毫米 公釐 公厘"),
    ("length", 1e-2, "cm", "centimetre centimeter", "厘米 釐米 公分"),
    ("length", 1, "", "metre meter", "公尺 米"),
    ("length", 1e3, "km", "kilometre kilometer", "公里 千米"),
    ("mile", 1, "", "mile", "英里 哩"),
    ("nautical mile", 1, "", "nautical_mile", "海里 浬"),
    ("foot", 1, "ft", "foot feet", "英尺 呎"),
    ("inch", 1, "", "inch", "英寸 吋"),
    ("mass", 1e-3, "mg", "milligram milligramme", "毫克"),
    ("mass", 1, "g", "gram gramme", "公克 克"),
    ("mass", 1e3, "kg", "kilogram kilogramme kilo", "公斤 千克"),
    ("mass", 1e6, "", "tonne metric_ton", "公噸 公吨 噸 吨"),  # a bare ton may be short
    ("carat", 1, "", "carat", "克拉"),
    ("volume", 1e-3, "ml mL", "millilitre milliliter", "毫升"),
    ("volume", 1, "L", "litre liter", "公升 升"),
    ("area", 1, "m2 m²", "square_metre square_meter", "平方公尺 平方米"),
    ("area", 1e4, "", "hectare", "公頃 公顷"),
    ("area", 1e6, "km2 km²", "square_kilometre square_kilometer", "平方公里 平方千米"),
    ("data", 1, "", "byte", "位元組 字節 字节"),
    ("data", 1e3, "kB KB", "kilobyte", ""),
    ("data", 1e6, "MB", "megabyte", ""),
    ("data", 1e9, "GB", "gigabyte", ""),
    ("data", 1e12, "TB", "terabyte", ""),
    ("data", 2**10, "KiB", "kibibyte", ""),
    ("data", 2**20, "MiB", "mebibyte", ""),
    ("data", 2**30, "GiB", "gibibyte", ""),
    ("power", 1, "W", "watt", "瓦特 瓦"),
    ("power", 1e3, "kW", "kilowatt", "千瓦 瓩"),
    ("power", 1e6, "MW", "megawatt", ""),
    ("power", 1e9, "GW", "gigawatt", ""),
    ("energy", 1e3, "kWh", "kilowatt-hour kilowatt_hour", "千瓦時 千瓦时 瓩時"),
)


def _forms() -> tuple[dict[str, tuple[str, float]], list[str], list[str], list[str]]:
    """Each written form's (kind, size), and the symbols, words and Chinese names."""
    size: dict[str, tuple[str, float]] = {}
    symbols: list[str] = []
    words: list[str] = []
    names: list[str] = []
    for kind, factor, sym, word, zh in _TABLE:
        for form in sym.split():
            symbols.append(form)
            size[form] = (kind, factor)
        for form in word.split():
            form = form.replace("_", " ")  # a unit of two words: nautical mile
            plural = form + ("es" if form.endswith("ch") else "s")
            forms = [form] if form in ("foot", "feet") else [form, plural]
            words += forms
            size.update((f, (kind, factor)) for f in forms)
        for form in zh.split():
            names.append(form)
            size[form] = (kind, factor)
    return size, symbols, words, names


_SIZE, _SYMBOLS, _WORDS, _NAMES = _forms()
#: The kinds with several units (5 km is also 5,000 m).
_SCALED = frozenset(kind for kind, *_ in _TABLE if sum(k == kind for k, *_ in _TABLE) > 1)


def _either(forms: list[str]) -> str:
    """An alternation that tries the longest form first (square metre before metre)."""
    return "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))


_WORD_SET = frozenset(_WORDS)


def _unit(after: str) -> str:
    """A unit; ``after``: what may not stand before a symbol (nothing, after a number)."""
    return (
        rf"{after}(?:{_either(_SYMBOLS)})(?![A-Za-z0-9])"
        rf"|(?<![A-Za-z])(?i:{_either(_WORDS)})(?![A-Za-z])"
        rf"|(?:{_either(_NAMES)})(?![級级斯])"  # not 升級 (upgrade), 瓦斯 (gas)
    )


#: A number in figures: thousands separated by commas, a decimal point.
_NUMBER = r"(?<![A-Za-z0-9_.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?!\d)(?![,.]\d)"
_QUANTITY = re.compile(
    rf"(?P<number>{_NUMBER})(?:[ \u00a0\u202f]|-(?=[A-Za-z]))?(?P<unit>{_unit('')})"
)
_ANY_UNIT = re.compile(_unit("(?<![A-Za-z0-9])"))
_ANY_NUMBER = re.compile(_NUMBER)
_DIGIT = re.compile(r"[0-9０-９]")
#: Full-width digits and point, read as ASCII ones (one character for one: offsets hold).
_HALF = str.maketrans("０１２３４５６７８９．", "0123456789.")
#: What before a unit makes it a quantity this check cannot read: a Chinese numeral or
#: multiplier (五公里, 5萬公里, 5多公里), or a word (five km, 5 million km).
_UNREAD_BEFORE = re.compile(
    r"(?:[〇零一二兩两三四五六七八九十百千萬万億亿幾几數数半多餘余來来]|[A-Za-z]+ ?)$"
)


def _value(number: str) -> float:
    return float(number.replace(",", ""))


def quantities(text: str) -> tuple[list[tuple[str, float, str]], set[str]]:
    """The quantities of ``text`` as (kind, amount in the kind's base unit, as written),
    and the kinds it also states in a way this check cannot read (looked for only when
    there are quantities)."""
    found: list[tuple[str, float, str]] = []
    if not _DIGIT.search(text):
        return found, set()
    text = text.translate(_HALF)
    units_read: set[int] = set()
    for m in _QUANTITY.finditer(text):
        unit = m.group("unit")
        kind, factor = _SIZE.get(unit) or _SIZE[unit.lower()]
        found.append((kind, _value(m.group("number")) * factor, m.group()))
        units_read.add(m.start("unit"))
    unread: set[str] = set()
    if not found:
        return found, unread  # nothing to compare: the slower search for units is not needed
    for m in _ANY_UNIT.finditer(text):
        if m.start() in units_read:
            continue
        unit = m.group()
        kind = (_SIZE.get(unit) or _SIZE[unit.lower()])[0]
        is_word = unit.lower() in _WORD_SET
        before = text[max(0, m.start() - 12) : m.start()]
        if is_word or _UNREAD_BEFORE.search(before) or before.rstrip()[-1:].isdigit():
            unread.add(kind)
    return found, unread


@unit_check
def unit_mismatch(unit: Unit, settings: Settings) -> Iterator[Problem]:
    if unit.source is None or unit.target is None:
        return
    ours, unread = quantities(unit.source.text)
    if not ours:
        return
    target = unit.target.text.translate(_HALF)  # one character for one: offsets hold
    theirs, unread_there = quantities(target)
    unread |= unread_there
    numbers = {_value(n) for n in _ANY_NUMBER.findall(target)}
    for kind, amount, written in ours:
        stated = [(a, w) for k, a, w in theirs if k == kind]
        if kind in unread or not stated or any(math.isclose(amount, a) for a, _ in stated):
            continue
        number = _ANY_NUMBER.search(written)
        if number is not None and _value(number.group()) in numbers:
            continue
        said = ", ".join(dict.fromkeys(w for _, w in stated))
        also = f" (or the same {kind} in another unit)" if kind in _SCALED else ""
        yield Problem(
            UNIT_MISMATCH,
            f"the source says {written}, the translation {said}",
            f"check the amount: the translation should say {written}{also}",
            where=Where.TARGET,
            offset=max(0, target.find(stated[0][1])),
        )
