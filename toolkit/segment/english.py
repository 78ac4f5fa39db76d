"""English sentence rules (also the default for every language without Chinese rules).

A run of ``.``, ``!``, ``?`` or an ellipsis ends a sentence when white space follows it
(closing quotes and brackets first: ``?”``, ``.)``) and then something that can begin a
sentence: anything but a lower-case letter or punctuation such as ``,`` or ``)``. A lone
``.`` after an abbreviation is weighed further (``abbreviation_holds``), in this order:

1. ``NEVER_FINAL``: titles before a name, name suffixes and Latin connectives never end a
   sentence (``Mr.``, ``Dr.``, ``St.``, ``Jr.``, ``vs.``, ``e.g.``, ``i.e.``, ``cf.``).
2. A list marker at the paragraph's start or after a sentence: ``1.``, ``a.``, ``IV.``.
3. ``NUMBER_PREFIXES`` before a number: ``No. 5``, ``pp. 12``, ``Vol. II``, ``Jan. 5``.
   Before a word they end a sentence like any word (``I said no. Then``, ``I met Jan. She``).
4. Initials and initialisms (``J.``, ``W.``, ``U.S.``, ``a.m.``) and the ``CONDITIONAL``
   abbreviations (``etc.``, ``Inc.``, ``et al.``) end a sentence only before one of the
   ``SENTENCE_STARTERS`` (``The``, ``He``, ``In`` …): ``the U.S. Congress``, ``George W.
   Bush`` and ``apples, etc. 等`` go on; ``in the U.S. The next year`` and ``etc. The bus``
   end.

Decimals, versions, addresses and the inner dots of ``U.S.`` have no white space after
them, so they never end a sentence; neither does a ``.`` followed by a no-break space only
(``p.\u00a05``), which a writer puts there to keep two words together.
"""

from __future__ import annotations

import re

from toolkit.segment.candidates import Candidate
from toolkit.segment.chars import CLOSERS, NO_BREAK, NON_STARTERS, OPENERS, TERMINALS, is_cjk

#: Never a sentence end: titles before a name, name suffixes (a sentence rarely ends on
#: one), connectives that always introduce more, words before a quantity. Lower case,
#: inner dots kept (``e.g``).
NEVER_FINAL = frozenset(
    {
        # titles
        "mr", "mrs", "ms", "mx", "messrs", "mmes", "mme", "mlle", "dr", "prof", "rev",
        "st", "hon", "gen", "col", "maj", "capt", "cmdr", "lt", "sgt", "cpl", "adm",
        "sen", "rep", "gov", "pres", "supt", "insp", "mt", "ft", "dept", "univ",
        # name suffixes
        "jr", "sr",
        # connectives and quantities
        "vs", "v", "e.g", "eg", "i.e", "ie", "cf", "viz", "esp", "incl", "approx", "ca",
        "resp",
    }
)  # fmt: skip

#: Not a sentence end before a number (``No. 5``, ``pp. 12–15``, ``Dec. 25``).
NUMBER_PREFIXES = frozenset(
    {
        "no", "nos", "vol", "vols", "p", "pp", "fig", "figs", "ch", "chap", "sec", "sect",
        "art", "arts", "para", "paras", "eq", "eqs", "pt", "pts", "bk", "op", "tel", "ext",
        "ed", "eds", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
        "nov", "dec",
    }
)  # fmt: skip
#: The number prefixes that are no English word, so that a lone ``I``, ``V`` or ``X``
#: after them is a Roman numeral, not the pronoun (``Vol. I``, but ``art. I paint``).
ROMAN_PREFIXES = frozenset({"vol", "vols", "ch", "chap", "pt", "pts", "bk"})

#: A sentence end only before one of the ``SENTENCE_STARTERS``, like an initialism.
#: ``etc.`` is here: before a capitalised name or a Han character it most often goes on
#: (``pens, etc. Mr. Lee``, ``GPS etc. 等功能``), before ``The`` or ``But`` it ends.
CONDITIONAL = frozenset(
    {"etc", "inc", "ltd", "co", "corp", "llc", "plc", "bros", "al", "ph.d", "ed.d"}
)

#: Words that begin sentences and hardly ever continue a name, an initialism or a list:
#: after ``U.S.``, ``Inc.`` or ``etc.`` they mean a new sentence. Lower case.
SENTENCE_STARTERS = frozenset(
    {
        # articles, demonstratives, pronouns, possessives
        "a", "an", "the", "this", "that", "these", "those", "it", "its", "he", "she",
        "they", "we", "i", "you", "his", "her", "their", "our", "my", "your", "there",
        "here", "some", "many", "most", "all", "both", "each", "every", "several", "few",
        "no", "one", "such", "other", "another",
        # conjunctions and adverbs
        "but", "and", "or", "so", "yet", "however", "then", "now", "still", "also",
        "meanwhile", "moreover", "instead", "thus", "therefore", "indeed", "perhaps",
        "yes", "not", "later", "earlier", "finally", "first", "next", "today",
        "yesterday", "tomorrow",
        # prepositions and subordinators that open a sentence
        "in", "on", "at", "for", "as", "if", "when", "while", "after", "before", "since",
        "although", "though", "because", "despite", "during", "with", "without", "by",
        "from", "under", "unlike",
        # question words
        "what", "why", "how", "who", "where", "which",
    }
)  # fmt: skip

#: Initials and initialisms: single letters, each followed by a dot but the last (whose
#: dot is the candidate's): ``J``, ``U.S``, ``e.g``, ``a.m``.
_INITIALISM = re.compile(r"(?:[^\W\d_]\.)*[^\W\d_]")
#: A list marker: ``1``, ``a``, ``iv`` before its dot.
_LIST_MARKER = re.compile(r"\d{1,3}|[A-Za-z]|[IVXLCDM]{1,6}|[ivxlcdm]{1,6}")
_ROMAN = re.compile(r"[IVXLCDM]{2,}|[ivxlcdm]{2,}")
#: What a word before a dot may hold besides letters and digits (``US$240``, ``U.S``).
_WORD_PUNCT = frozenset(".'’-&$%/_")


def ends_sentence(c: Candidate) -> bool:
    """Does the sentence end at ``c`` by the English rules?"""
    if not c.gap or all(ch in NO_BREAK for ch in c.gap):
        return False  # '3.14', 'v2.0', 'U.S.-China', 'p.\u00a05'
    if not starts_sentence(c.text, c.next):
        return False
    if c.run == ".":
        return not abbreviation_holds(c)
    return True


def starts_sentence(text: str, k: int) -> bool:
    """May ``text[k:]`` begin a sentence? Not at a lower-case letter (after any opening
    quotes or brackets), nor at punctuation that never begins one. A Han character may:
    English quoting Chinese, or Chinese after a Latin word (``他說 OK. 然後``)."""
    while k < len(text) and text[k] in OPENERS:
        k += 1
    if k == len(text):
        return True
    ch = text[k]
    return not (ch.islower() or ch in NON_STARTERS)


def abbreviation_holds(c: Candidate) -> bool:
    """Does the word before the ``.`` at ``c`` make it an abbreviation's dot, not a full
    stop? The rules, in order, are in the module's docstring."""
    token = word_before(c.text, c.start)
    key = token.lower()
    if key in NEVER_FINAL:
        return True
    if _is_list_marker(c.text, c.start - len(token), token):
        return True
    following = word_at(c.text, c.next)
    if key in NUMBER_PREFIXES and _is_number(following, roman_letter=key in ROMAN_PREFIXES):
        return True
    if key in CONDITIONAL or _INITIALISM.fullmatch(token):
        return not is_starter(following)
    return False


def word_before(text: str, i: int) -> str:
    """The word that ends at ``i``: letters, digits and inner punctuation (``U.S``)."""
    j = i
    while j > 0 and _is_word_char(text[j - 1]):
        j -= 1
    return text[j:i]


def word_at(text: str, k: int) -> str:
    """The word that begins at ``k``, after any opening quotes or brackets, up to a dot."""
    while k < len(text) and text[k] in OPENERS:
        k += 1
    end = k
    while end < len(text) and text[end] != "." and _is_word_char(text[end]):
        end += 1
    return text[k:end]


def is_starter(word: str) -> bool:
    """Is ``word`` capitalised and one of the ``SENTENCE_STARTERS``?"""
    return word[:1].isupper() and word.lower() in SENTENCE_STARTERS


def _is_word_char(ch: str) -> bool:
    return (ch.isalnum() and not is_cjk(ch)) or ch in _WORD_PUNCT


def _is_list_marker(text: str, start: int, token: str) -> bool:
    """Is ``token``, at ``start``, a list marker: ``1``, ``a`` or ``iv`` at the paragraph's
    start, or a number right after a sentence's end (``things. 1. Money.``, ``誠實。2. 其次``)?
    """
    head = text[:start].rstrip()
    while head and head[-1] in OPENERS:
        head = head[:-1].rstrip()
    if not head:
        return bool(_LIST_MARKER.fullmatch(token))
    return token.isdigit() and len(token) <= 3 and _ends_sentence_plainly(head)


def _ends_sentence_plainly(head: str) -> bool:
    """Does ``head`` end with punctuation that surely ends a sentence: not the dot of an
    abbreviation or initial (``Vol. 2. 3``: the ``2`` is a volume, not a list marker)?"""
    last = head[-1]
    if last in CLOSERS or (last in TERMINALS and last != "."):
        return True
    if last != ".":
        return False
    word = word_before(head, len(head) - 1)
    key = word.lower()
    return not (
        key in NEVER_FINAL
        or key in NUMBER_PREFIXES
        or key in CONDITIONAL
        or _INITIALISM.fullmatch(word)
    )


def _is_number(word: str, *, roman_letter: bool) -> bool:
    """Is ``word`` a number: digits first, or a Roman numeral (one letter if allowed)?"""
    if word[:1].isdigit() or _ROMAN.fullmatch(word):
        return True
    return roman_letter and word in ("I", "V", "X")
