"""Numbers compared by value between a bead's source and its translation, in either
direction (a Chinese original and its English translation, or an English PO file's
Chinese targets).

Generic checkers compare digit strings, so 2400億 against "240 billion", 三艘 against
"three ships" or 2022年2月 against "February 2022" are false alarms on every Chinese
bead. Here both sides are read into values (``numerals``) and a source number is
"found" when any translation number has its value, however written (1.5萬 and 15,000,
百分之三十 and 30%, 民國111年 and 2022). A number marked approximate on either side (十多,
約, "about", "more than") matches within a quarter of its value; a rounded amount
(2,345萬 → "23 million") matches when it keeps two significant digits of a large
amount. Only *sure* numbers are reported: 一, "one", "first", 兩 in
兩岸, 八成 (probably) and the like only count when found.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator, Sequence
from dataclasses import replace
from decimal import Decimal
from fractions import Fraction

from toolkit.check.qa.framework import Problem, Where, unit_check
from toolkit.check.qa.numerals import Kind, Quantity, quantities
from toolkit.check.qa.settings import Settings
from toolkit.check.qa.units import Side, Unit
from toolkit.check.registry import Family, Severity, declare

NUMBER_MISSING = declare(
    "number-missing",
    Family.NUMBERS,
    Severity.WARNING,
    "A number in the source whose value is nowhere in the translation.",
    "他三次訪問東京。 → He visited Tokyo.",
)
NUMBER_MISMATCH = declare(
    "number-mismatch",
    Family.NUMBERS,
    Severity.WARNING,
    "The translation has another number where the source has one (the only number each "
    "side has unmatched).",
    "貿易額達2400億美元。 → Trade reached US$24 billion.",
)
NUMBER_EXTRA = declare(
    "number-extra",
    Family.NUMBERS,
    Severity.INFO,
    "A number in the translation whose value is nowhere in the source (often a year or "
    "a conversion the translator added for the reader).",
    "他去年來過。 → He came in 2021.",
)
DATE_PART_MISSING = declare(
    "date-part-missing",
    Family.NUMBERS,
    Severity.WARNING,
    "A date of which the translation keeps a part (the year) but drops another (the month "
    "or the day).",
    "2022年2月24日 → in 2022",
)
CURRENCY_MISMATCH = declare(
    "currency-mismatch",
    Family.NUMBERS,
    Severity.WARNING,
    "An amount the translation keeps but in another currency.",
    "2400億美元 → NT$240 billion",
)


def read(side: Side) -> list[Quantity]:
    """A side's quantities, each segment read alone (a list marker starts a segment),
    offsets into ``side.text``."""
    text, at, found = side.text, 0, []
    for segment in side.segments:
        if not segment.plain:
            continue
        at = text.index(segment.plain, at)
        if not at:
            found += quantities(segment.plain, side.chinese)
            at = len(segment.plain)
            continue
        for q in quantities(segment.plain, side.chinese):
            date = None if q.date is None else q.date + at
            found.append(replace(q, start=q.start + at, end=q.end + at, date=date))
        at += len(segment.plain)
    return found


def in_code_of(side: Side) -> list[Quantity]:
    """The quantities in a side's code spans and other objects (each read from its markup;
    offsets are not into ``side.text``)."""
    return [
        q
        for segment in side.segments
        if segment.markup != segment.plain
        for q in quantities(segment.markup, side.chinese)
    ]


def groups(found: Sequence[Quantity]) -> list[list[Quantity]]:
    """The quantities, a date's parts together, in order."""
    by: dict[tuple[str, int], list[Quantity]] = {}
    for n, q in enumerate(found):
        by.setdefault(("n", n) if q.date is None else ("d", q.date), []).append(q)
    return list(by.values())


@unit_check
def numbers(unit: Unit, settings: Settings) -> Iterator[Problem]:
    if unit.source is None or unit.target is None or unit.source.text == unit.target.text:
        return  # a translation the same as its source (code, a name) keeps every number
    source, target = read(unit.source), read(unit.target)
    if not source and not target:
        return
    in_target, in_source = _Pool(target), _Pool(source)
    missing: list[list[Quantity]] = []
    for group in groups(source):
        kept = [q for q in group if in_target.has(q)]
        if len(kept) == len(group) or _copied(unit, group):
            continue
        if not kept and any(q.sure for q in group):
            missing.append(group)
        elif kept:
            yield _date_part(unit, group, kept)
    unmatched = [g for g in groups(target) if not any(in_source.has(q) for q in g)]
    if unmatched:  # a number the source has as code (``1.2``) may be plain text here
        in_code = _Pool(in_code_of(unit.source))
        unmatched = [g for g in unmatched if not any(in_code.has(q) for q in g)]
    extra = [g for g in unmatched if any(q.sure for q in g)]
    # The one number the translation has instead: the one sure one (not "century" beside
    # "eighteenth"), else the one there is (兩個 for "three", though 兩 is soft).
    instead = extra if len(extra) == 1 else unmatched
    if len(missing) == len(instead) == 1 and _sort(missing[0]) == _sort(instead[0]):
        yield _mismatch(unit, missing[0], instead[0])
    else:
        yield from (_missing(unit, g, unit.target.chinese) for g in missing)
        yield from (_extra(unit, g) for g in extra)
    yield from _currencies(source, target, unit.target.chinese)


def _copied(unit: Unit, group: Sequence[Quantity]) -> bool:
    """Whether the translation has the source's words for the quantity as they are: a code
    example, a quoted title or a name kept in the source's language ('two' in
    ``['one', 'two']``, 2.0bN)."""
    assert unit.target is not None
    written, text = _span(unit.source, group), unit.target.text
    at = text.find(written) if written else -1
    while at >= 0:
        end = at + len(written)
        if not (at and text[at - 1].isalnum()) and not (end < len(text) and text[end].isalnum()):
            return True
        at = text.find(written, at + 1)
    return False


def same(a: Quantity, b: Quantity) -> bool:
    """Whether two quantities have one value, however written, rounded or approximated."""
    if a.values & b.values:
        return True
    loose = a.approx or b.approx
    if not loose and min(max(a.values), max(b.values)) < _ROUNDED:
        return False
    return any(_close(x, y, loose) for x in a.values for y in b.values)


def _close(a: Fraction, b: Fraction, loose: bool) -> bool:
    fa, fb = float(a), float(b)
    if fa <= 0 or fb <= 0 or abs(fa - fb) * 4 > max(fa, fb):
        return False  # neither rounded nor approximately the same (most pairs)
    if loose:
        return abs(a - b) * 4 <= max(a, b)
    for fine, coarse in ((a, b), (b, a)):
        place = _place(coarse)
        if place is None or place < 10**4:
            continue  # a count, a year, a decimal (3.10 is not 3.1 in a version) stays exact
        if len(str(coarse / place)) >= 2 and abs(fine - coarse) * 2 <= place:
            return True  # 2,345萬 → 23 million
    return False


def _place(v: Fraction) -> Fraction | None:
    """The place of the last significant digit: 2,400 → 100, 3.45 → 0.01; 1/3: None."""
    shift, place = 0, Fraction(1)
    while v.denominator != 1:
        v, shift = v * 10, shift + 1
        if shift > 12:
            return None
    n = v.numerator
    while not shift and n and n % 10 == 0:
        n //= 10
        place *= 10
    return place / Fraction(10) ** shift


_MONTHS = (Kind.MONTH, Kind.ORDINAL)
#: Below this, two values that differ are never one rounded (``_close``: a rounded amount
#: keeps a place of at least 10,000, so both are at least half that).
_ROUNDED = 5000


class _Pool:
    """One side's quantities, indexed by value, so that most lookups are one set test."""

    def __init__(self, quantities: Sequence[Quantity]) -> None:
        self.all = quantities
        self.values = frozenset(v for q in quantities for v in q.values)
        self.months = frozenset(v for q in quantities if q.kind in _MONTHS for v in q.values)
        self.loose = [q for q in quantities if q.approx or max(q.values) >= _ROUNDED]

    def has(self, q: Quantity) -> bool:
        """Whether the pool has ``q``'s value (a month: as a month or an ordinal), however
        written, rounded or approximated (``same``)."""
        month = q.kind is Kind.MONTH
        if q.values & (self.months if month else self.values):
            return True
        near = self.all if q.approx else self.loose
        return any(same(q, p) for p in near if not month or p.kind in _MONTHS)


def _sort(group: Sequence[Quantity]) -> str:
    """What a group is, for pairing a missing number with an extra one: a date, a year, or
    a number."""
    if len(group) > 1 or group[0].kind in (Kind.MONTH, Kind.DAY):
        return "date"
    return "year" if group[0].kind is Kind.YEAR else "number"


def _missing(unit: Unit, group: list[Quantity], chinese: bool) -> Problem:
    text = _span(unit.source, group)
    shown = _say(group, chinese)
    also = f" ({shown})" if shown != text else ""
    return Problem(
        NUMBER_MISSING,
        f"'{text}'{also} is in the source but nowhere in the translation",
        f"translate it ({shown}), unless the bead's translation is elsewhere",
        where=Where.SOURCE,
        offset=group[0].start,
        length=group[-1].end - group[0].start,
    )


def _extra(unit: Unit, group: list[Quantity]) -> Problem:
    text = _span(unit.target, group)
    return Problem(
        NUMBER_EXTRA,
        f"'{text}' is in the translation but not in the source",
        f"check '{text}' against the source: keep it if it was added for the reader, "
        "else delete or correct it",
        where=Where.TARGET,
        offset=group[0].start,
        length=group[-1].end - group[0].start,
    )


def _mismatch(unit: Unit, was: list[Quantity], now: list[Quantity]) -> Problem:
    assert unit.target is not None
    if len(was) == len(now) == 1 and now[0].kind is Kind.ORDINAL:  # 十九世紀: nineteenth
        was = [replace(was[0], kind=Kind.ORDINAL)]
    shown = _say(was, unit.target.chinese)
    text, there = _span(unit.source, was), _span(unit.target, now)
    return Problem(
        NUMBER_MISMATCH,
        f"the source says '{text}' but the translation says '{there}'",
        f"write {shown} for '{there}', or correct the source",
        where=Where.TARGET,
        offset=now[0].start,
        length=now[-1].end - now[0].start,
    )


def _date_part(unit: Unit, group: list[Quantity], kept: list[Quantity]) -> Problem:
    assert unit.target is not None
    lost = " and ".join(q.kind.value for q in group if q not in kept)
    text, shown = _span(unit.source, group), _say(group, unit.target.chinese)
    where = next(p for p in read(unit.target) if any(same(q, p) for q in kept))
    return Problem(
        DATE_PART_MISSING,
        f"the date '{text}' lost its {lost} in the translation",
        f"give the whole date: {shown}",
        where=Where.TARGET,
        offset=where.start,
        length=where.end - where.start,
    )


def _currencies(source: list[Quantity], target: list[Quantity], chinese: bool) -> Iterator[Problem]:
    for q in source:
        if not q.currency:
            continue
        matches = [t for t in target if same(q, t)]
        if matches and all(t.currency and not t.currency & q.currency for t in matches):
            t = matches[0]
            was, now = "/".join(sorted(q.currency)), "/".join(sorted(t.currency))
            yield Problem(
                CURRENCY_MISMATCH,
                f"'{q.text}' is in {was} in the source but '{t.text}' is in {now}",
                f"state the amount in {was}, as the source does",
                where=Where.TARGET,
                offset=t.start,
                length=t.end - t.start,
            )


def _span(side: Side | None, group: Sequence[Quantity]) -> str:
    return side.text[group[0].start : group[-1].end] if side else ""


def _say(group: Sequence[Quantity], chinese: bool) -> str:
    """The quantities as the translation's language would write them."""
    if len(group) > 1:
        parts = {q.kind: int(q.value) for q in group}
        y, m, d = parts.get(Kind.YEAR), parts.get(Kind.MONTH), parts.get(Kind.DAY)
        if chinese:
            return "".join(f"{v}{c}" for v, c in ((y, "年"), (m, "月"), (d, "日")) if v)
        return " ".join(str(v) for v in (d, calendar.month_name[m] if m else None, y) if v)
    q = group[0]
    v = q.value
    if q.kind is Kind.MONTH:
        return f"{v}月" if chinese else calendar.month_name[int(v)]
    if q.kind is Kind.ORDINAL:
        return f"第{_amount(v, chinese)}" if chinese else _ordinal(v)
    if q.kind is Kind.YEAR:
        return str(v)
    return _amount(v, chinese) + ("%" if q.kind is Kind.PERCENT else "")


_SCALES = {
    False: ((10**12, " trillion"), (10**9, " billion"), (10**6, " million")),
    True: ((10**8, "億"), (10**4, "萬")),
}


def _amount(v: Fraction, chinese: bool) -> str:
    for size, name in _SCALES[chinese]:
        if v >= size and (place := _place(v / size)) is not None and place >= Fraction(1, 100):
            return _decimal(v / size) + name
    return _decimal(v)


def _decimal(v: Fraction) -> str:
    if v.denominator == 1:
        return f"{v.numerator:,}"
    if _place(v) is None:
        return f"{v.numerator}/{v.denominator}"
    return str(Decimal(v.numerator) / Decimal(v.denominator))


def _ordinal(v: Fraction) -> str:
    n = int(v)
    suffix = "th" if n % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
