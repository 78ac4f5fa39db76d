"""The quantities of an English text (``numerals`` says what a quantity is).

Number words are read with their grammar ("two hundred and five", "240 billion", "a
dozen", "twenty-first"), so a run that is two numbers ("3 and 5", "in 2022 three people")
stays two. Words that only sometimes name a number ("one", "first", "second", "both",
"once", "twice", "half", "decade", a Roman numeral, "two" in "a day or two") are not
sure; "May" is a month only in a date or after "in", "of", "since"…; "a third" before a
noun is an ordinal (a third party), before "of" a fraction.
"""

from __future__ import annotations

import calendar
import re
import string
from collections.abc import Iterable, Iterator
from fractions import Fraction

from toolkit.check.qa.numerals import (
    _AR,
    _COMMON,
    _DIGITS,
    _DOLLAR,
    Kind,
    Quantity,
    _common,
    _sign,
)


def _list(words: str) -> list[str]:
    return words.split()


_ONES = _list(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
)
_TENS = _list("twenty thirty forty fifty sixty seventy eighty ninety")
_SCALE = {"hundred": 100, "dozen": 12, "thousand": 10**3, "million": 10**6, "billion": 10**9}
_SCALE |= {"trillion": 10**12}
_EV = {w: i for i, w in enumerate(_ONES)} | {w: 20 + 10 * i for i, w in enumerate(_TENS)}
_EV |= _SCALE
_ORD = _list(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth"
)
_ORDV = {w: i + 1 for i, w in enumerate(_ORD)} | {
    w[:-1] + "ieth": 20 + 10 * i for i, w in enumerate(_TENS)
}
_ORDV |= {"hundredth": 100, "thousandth": 1000, "millionth": 10**6}
_PARTS = {"half": 2, "halves": 2, "third": 3, "quarter": 4, "fourth": 4} | {
    w: i + 1 for i, w in enumerate(_ORD[4:10], 4)
}
#: Words that name a number only sometimes (never reported missing, but they match).
_LOOSE: dict[str, int | Fraction] = {"once": 1, "single": 1, "both": 2, "pair": 2}
_LOOSE |= {"couple": 2, "double": 2, "twin": 2}
_LOOSE |= {"triple": 3, "decade": 10, "century": 100, "centennial": 100, "centenary": 100}
_LOOSE |= {"bicentennial": 200, "millennium": 1000, "half": Fraction(1, 2)}
_MANY = {"tens": 10, "dozens": 12, "hundreds": 100, "thousands": 10**3, "millions": 10**6}
_MANY |= {"billions": 10**9, "decades": 10, "centuries": 100}
#: "the eighties": a decade (or an age) in words.
_DECADES = {w.removesuffix("y") + "ies": 20 + 10 * i for i, w in enumerate(_TENS)}
_ABBR = {"k": 10**3, "m": 10**6, "mn": 10**6, "bn": 10**9, "tn": 10**12}


def _words(words: Iterable[str]) -> str:
    return "|".join(sorted(words, key=lambda w: (-len(w), w)))


_EN_WORD = rf"(?:{_words(_EV)})(?![A-Za-z])"
_MONTH = {n: i for i, n in enumerate(calendar.month_name) if n}
_MON = {n: i for i, n in enumerate(calendar.month_abbr) if n} | {"Sept": 9}
_D = r"(?<![0-9.,])[0-9]{1,2}(?:st|nd|rd|th)?(?![0-9A-Za-z])"
_EN = re.compile(  # everything starts a word (a quick test at the other places)
    rf"(?<![A-Za-z])(?:{_COMMON}"
    rf"|(?P<edate>(?:(?P<d1>{_D})\s+(?:of\s+)?)?(?<![A-Za-z])"
    rf"(?P<mon>{_words(_MONTH)}|(?:{_words(_MON)})\.?)(?![A-Za-z])(?:\s+(?P<d2>{_D})(?!,?[0-9]))?(?:,?\s+(?P<ey>[0-9]{{4}})(?![0-9]))?)"
    rf"|(?P<decade>(?<![0-9.,])[0-9]{{3}}0s|(?<![0-9A-Za-z])'?[0-9]0s)(?![A-Za-z])"
    rf"|(?P<dord>(?<![0-9.,])[0-9]+(?:st|nd|rd|th)(?![A-Za-z]))"
    rf"|(?P<decw>(?<![A-Za-z])(?:{_words(_DECADES)})(?![A-Za-z]))"
    rf"|(?P<roman>(?<![A-Za-z])(?=[IVXLC]{{2,}}(?![A-Za-z]))C{{0,3}}(?:XC|XL|L?X{{0,3}})"
    rf"(?:IX|IV|V?I{{0,3}})(?![A-Za-z]))"
    rf"|(?i:(?P<frac>(?<![A-Za-z])(?P<fn>an?|{_words(_EV)}|[0-9]+)[\s-]"
    rf"(?P<fd>{_words(_PARTS)}|thirds|quarters|fourths|{'s|'.join(_ORD[4:10])}s)(?![A-Za-z]))"
    rf"|(?P<word>(?<![A-Za-z])(?:(?:{_words(_TENS)})-)?(?:{_words(_ORDV)})(?![A-Za-z]))"
    rf"|(?P<many>(?<![A-Za-z])(?:{_words(_MANY)})(?:\s+of\s+(?:thousands|millions|billions))?"
    rf"(?![A-Za-z]))"
    rf"|(?P<en>(?<![A-Za-z0-9.,])(?:an?\s+(?=(?:hundred|thousand|million|billion|dozen)\b))?"
    rf"(?:{_AR}(?![0-9])|{_EN_WORD})(?:(?:(?:(?<=hundred)|(?<=thousand)|(?<=million)"
    rf"|(?<=billion))\s+and\s+|[\s-]+){_EN_WORD})*(?-i:\s?(?:{_words(_ABBR)})(?![A-Za-z]))?)"
    rf"|(?P<loose>(?<![A-Za-z])(?:{_words(_LOOSE)}|twice|thrice)(?![A-Za-z])))"
    ")"
)
_EN_TOKEN = re.compile(rf"{_AR}|[A-Za-z]+")
_EN_AFTER = re.compile(
    r"(?P<pct>\s?%|(?i:\s?per\s?cent|\s+pct\b|\s+percentage\s+points?))?"
    r"(?P<more>-odd|\s+or\s+so|\+|-plus)?"
    r"(?:\s+(?P<cn>US|U\.S\.|NT|New Taiwan|Taiwan|Hong Kong|HK|Australian|Canadian)?\s?"
    r"(?P<cw>dollars?|yuan|renminbi|euros?|yen|pounds?\s+sterling)\b)?"
)
_EN_APPROX = re.compile(
    r"(?i:about|around|approximately|roughly|nearly|almost|some|over|more than|less than|"
    r"fewer than|up to|at least|close to|upwards of|under|below|above|just over|"
    r"just under)\s+$"
)
_EN_CUR = {"US": "USD", "U.S.": "USD", "NT": "TWD", "New Taiwan": "TWD", "Taiwan": "TWD"}
_EN_CUR |= {"Hong Kong": "HKD", "HK": "HKD", "Australian": "AUD", "Canadian": "CAD"}
_EN_CUR |= {"yuan": "CNY", "renminbi": "CNY", "euro": "EUR", "yen": "JPY", "pound": "GBP"}
JOINT = re.compile(r"(?i:\s?(?:-|–|—|to|or)\s?|\s+(?:to|or|and)\s+)")
_IN_MONTH = re.compile(r"(?i:\b(?:in|of|since|until|by|from|early|late|mid|last|next|this))[\s-]$")
_WORDS = frozenset(
    w.lower() for table in (_EV, _ORDV, _PARTS, _LOOSE, _MANY, _MONTH, _MON) for w in table
)
_WORDS |= {"twice", "thrice", "thirds", "quarters", "fourths", "a", "an"}
_WORDS |= set(_DECADES)
_WORDS |= {w + "s" for w in _ORD[4:10]} | {"usd", "ntd", "twd", "rmb", "cny", "eur", "gbp", "jpy"}
#: Where a quantity may start: a run of digits, a sign of a telephone number or a list
#: marker, a word ending in a digit (an ID), a number or month word, "a" or "an" before a
#: scale or a part (a hundred, a third), all found in the text lower-cased (ASCII only, so
#: offsets stay); a Roman numeral, found in the text as it is. The long pattern is tried
#: only there (and at the start, for a list marker): trying it everywhere, or finding
#: these places with one regex of all the words, is several times slower than a set.
_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
_TOKEN = re.compile(r"[a-z]+(?:[_-]?[0-9])?|[0-9]+|[+(]")
_STARTING = frozenset(_WORDS - {"a", "an"})
_A_SCALE = re.compile(
    rf"(?<![a-z])an?\s+(?:{_words({*_SCALE, *_PARTS, 'thirds', 'quarters'})})(?![a-z])"
)
_ROMAN_WORD = re.compile(r"(?<![A-Za-z])[IVXLC]{2,}(?![A-Za-z])")
_SPANS = re.compile(r"\s+(?i:(decades?|centur(?:y|ies)))(?![A-Za-z])")
_OR_TWO = re.compile(r"\b(?:an?|one|another)\s+[A-Za-z]+\s+or\s+$")
_NOUN = re.compile(r"\s+(?!of\b)[a-z]")


def _starts(text: str) -> list[int]:
    low = text.lower() if text.isascii() else text.translate(_LOWER)  # same offsets
    found = [
        m.start() for m in _TOKEN.finditer(low) if (w := m.group()) in _STARTING or not w.isalpha()
    ]
    if "a" in low:
        found += (m.start() for m in _A_SCALE.finditer(low))
    if "I" in text or "V" in text or "X" in text or "L" in text or "C" in text:
        found += (m.start() for m in _ROMAN_WORD.finditer(text))
    found.sort()
    return [0, *found]


def _matches(text: str) -> Iterator[re.Match[str]]:
    """The matches of the long pattern, tried only where a quantity may start."""
    done = 0
    for start in _starts(text):
        if start < done:
            continue
        m = _EN.match(text, start)
        if m:
            done = m.end()
            yield m


def english(text: str) -> Iterator[Quantity]:
    for m in _matches(text):
        group, s, t = m.lastgroup, m.start(), m.group()
        low = t.lower()
        if group == "edate":
            yield from _en_date(m, text)
        elif group == "decade":
            value = Fraction(int(t.strip("'s")))
            yield Quantity(t, s, m.end(), value, Kind.YEAR, (value + 1900,) if value < 100 else ())
        elif group == "decw":
            value = Fraction(_DECADES[low])
            yield Quantity(t, s, m.end(), value, Kind.YEAR, (value + 1900,), sure=False)
        elif group == "dord":
            yield Quantity(t, s, m.end(), Fraction(int(t[:-2])), Kind.ORDINAL)
        elif group == "roman":
            yield Quantity(t, s, m.end(), _roman(t), Kind.ORDINAL, sure=False)
        elif group == "frac":
            n = m["fn"].lower()
            nom = Fraction(1 if n in ("a", "an") else _EV[n] if n in _EV else int(n))
            den = Fraction(_PARTS.get(m["fd"].lower().removesuffix("s")) or _PARTS["half"])
            sure = den > 2 and m["fd"].lower() not in ("quarter", "quarters")
            if nom == 1 and den > 2 and _NOUN.match(text, m.end()):  # a third party
                yield Quantity(t, s, m.end(), den, Kind.ORDINAL, (1 / den,))
            else:
                yield Quantity(t, s, m.end(), nom / den, others=(nom, den), sure=sure)
        elif group == "word":
            head, _, tail = low.rpartition("-")
            value = Fraction(_ORDV[tail] + (_EV[head] if head else 0))
            yield Quantity(t, s, m.end(), value, Kind.ORDINAL, sure=value > 2)
        elif group == "many":
            head, tail = low.split()[0], low.split()[-1]
            value = Fraction(_MANY[head] * (_SCALE[tail[:-1]] if tail != head else 1))
            yield Quantity(t, s, m.end(), value, sure=False, approx=True)
        elif group == "loose":
            value = Fraction({"twice": 2, "thrice": 3}.get(low) or _LOOSE[low])
            yield Quantity(t, s, m.end(), value, sure=False)  # think twice, once more
        elif group == "en":
            yield from _en_numbers(m, text)
        else:
            yield from _common(m)


_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def _roman(numeral: str) -> Fraction:
    """II is 2, XIV 14: a numeral before a larger one is taken away."""
    values = [_ROMAN[c] for c in numeral]
    nexts = [*values[1:], 0]
    return Fraction(sum(-v if v < w else v for v, w in zip(values, nexts, strict=True)))


def _en_date(m: re.Match[str], text: str) -> Iterator[Quantity]:
    name = m["mon"].rstrip(".")
    alone = not (m["d1"] or m["d2"] or m["ey"])
    verb = name == "May" and not _IN_MONTH.search(text, max(0, m.start() - 7), m.start())
    if alone and (name not in _MONTH or verb):
        return  # "Jan" alone is a name; "May" alone a verb, unless "in May"
    month = _MONTH.get(name) or _MON[name]
    for group, kind in (("d1", Kind.DAY), ("mon", Kind.MONTH), ("d2", Kind.DAY), ("ey", Kind.YEAR)):
        if m[group]:
            value = month if kind is Kind.MONTH else int(_DIGITS.findall(m[group])[0])
            start, end = m.start(group), m.end(group)
            yield Quantity(m[group], start, end, Fraction(value), kind, date=m.start())


def _en_numbers(m: re.Match[str], text: str) -> Iterator[Quantity]:
    """The numbers of a run of number tokens: "two hundred and five", "240 billion", "1.2
    thousand", "a dozen" are one each; "five six", "3 and 5", "2022 three" two each."""
    total, current, start, last, words = Fraction(0), Fraction(0), -1, "", True
    end = m.start()
    for tok in _EN_TOKEN.finditer(m.group()):
        w = tok.group().lower()
        if w == "and":
            continue
        digits = w[0].isdigit()
        v = Fraction(1) if w in ("a", "an") else Fraction(w.replace(",", "")) if digits else None
        v = v if v is not None else Fraction(_EV[w] if w in _EV else _ABBR[w])
        scale = not digits and (w in _SCALE or w in _ABBR)
        if start >= 0 and (
            digits
            or (not scale and not (last in _SCALE or (last in _TENS and v < 10)))
            or (scale and last in _SCALE and v <= _SCALE[last])
        ):
            yield from _en_one(text, start, end, total + current, words, last)
            total, current, start, words = Fraction(0), Fraction(0), -1, True
        if start < 0:
            start = m.start() + tok.start()
        words = words and not digits
        if not scale:
            current += v
        elif v < 1000:
            current = (current or 1) * v
        else:
            total, current = total + (current or 1) * v, Fraction(0)
        last, end = w, m.start() + tok.end()
    yield from _en_one(text, start, end, total + current, words, last)


def _en_one(
    text: str, s: int, e: int, value: Fraction, words: bool, last: str
) -> Iterator[Quantity]:
    if s < 0:
        return
    after = _EN_AFTER.match(text, e)
    assert after is not None  # all its parts are optional
    p, currency = _sign(text, s)
    approx = bool(after["more"] or _EN_APPROX.search(text, max(0, p - 20), p))
    kind, others = Kind.NUMBER, tuple[Fraction, ...]()
    if after["pct"]:
        kind, others, e = Kind.PERCENT, (value / 100,), after.end("pct")
    elif last in ("k", "m"):
        others = (value / _ABBR[last],)  # 5m: five million, or five metres
    elif text[s:e].isdigit() and 1000 <= value < 2200:
        kind = Kind.YEAR
    elif span := _SPANS.match(text, e):  # four decades: 40 years
        others = (value * (100 if span[1].lower().startswith("centur") else 10),)
    if after["cw"] and not currency:
        name = after["cn"] or after["cw"].split()[0].removesuffix("s")
        code = _EN_CUR.get(name.strip())
        currency = frozenset({code} if code else _DOLLAR if name.startswith("dollar") else ())
    bare = words and (last in _SCALE and text[s:e].lower() == last)
    shouted = words and text[s:e].isupper()  # FOUR = 4 in code names a constant
    idiom = words and _OR_TWO.search(text, max(0, s - 40), s) is not None  # a day or two
    approx = approx or idiom
    sure = not bare and not shouted and not idiom and (not words or value > 1)
    yield Quantity(text[s:e], s, e, value, kind, others, sure, approx, currency)
