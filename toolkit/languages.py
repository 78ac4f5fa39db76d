"""Language tags: a tag's language and script, and how its sentences are joined.

Kept apart from the metadata schema (which loads pydantic) so that what only needs to
know a language (the checks, the segmenter) loads quickly.
"""

from __future__ import annotations

from functools import cache

#: The script of Chinese written in a region, for tags that name a region but no script.
_ZH_REGION_SCRIPT = {"TW": "Hant", "HK": "Hant", "MO": "Hant", "CN": "Hans", "SG": "Hans"}


@cache
def language_script(tag: str) -> tuple[str, str | None]:
    """A tag's language and script: ``zh-Hant-TW`` and ``zh-TW`` are both ("zh", "Hant")."""
    language, *rest = tag.split("-")
    script = next((part for part in rest if len(part) == 4), None)
    if script is None and language == "zh":
        script = next((_ZH_REGION_SCRIPT[p] for p in rest if p in _ZH_REGION_SCRIPT), None)
    return language, script


def same_language(a: str, b: str) -> bool:
    """Whether two tags name one language in one script (``zh-TW`` is ``zh-Hant-TW``; a
    tag without a script matches any)."""
    (la, sa), (lb, sb) = language_script(a), language_script(b)
    return la.lower() == lb.lower() and (sa is None or sb is None or sa.lower() == sb.lower())


@cache
def sentence_separator(lang: str) -> str:
    """What stands between two sentences of a paragraph: nothing in Chinese or Japanese,
    a space in other languages."""
    return "" if language_script(lang)[0] in ("zh", "ja") else " "
