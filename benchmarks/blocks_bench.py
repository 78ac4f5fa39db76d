"""The aligner's first pass over a work, blocks (paragraphs), where a translator drops or adds one.

There is no published gold for paragraph alignment with left-out and added paragraphs, so
this benchmark makes it from real text: the paragraph pairs of the Traditional Chinese
translation of the Python documentation (../shared/corpora/python-docs-zh-tw; read for
measuring only, nothing from it is kept), in runs of 24 consecutive paragraphs, each run with
one English paragraph taken out (a paragraph the translator left out: 1-0), one Chinese
paragraph taken out (one the translator added: 0-1) and, in every other run, two English
paragraphs joined (two paragraphs translated as one: 2-1). It compares the block settings
``toolkit align`` uses with the sentence settings, scored strictly (every bead, the empty
ones included) and for the empty beads alone. Settings were chosen on faq/ and howto/;
tutorial/ is held out.
"""

from __future__ import annotations

import random
import re
import time
from dataclasses import dataclass, replace
from pathlib import Path

from toolkit.align import align_sentences
from toolkit.align.core import AlignOptions, estimate_ratio
from toolkit.align.work import BLOCK_OPTIONS

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "python-docs-zh-tw"
TUNED = ("faq", "howto")
HELD_OUT = ("tutorial",)
RUN = 24

Bead = tuple[tuple[int, ...], tuple[int, ...]]


@dataclass(frozen=True)
class Case:
    zh: list[str]
    en: list[str]
    gold: list[Bead]


def run() -> dict[str, object]:
    if not CORPUS.is_dir():
        print(f"blocks: {CORPUS} is absent; the block benchmark is skipped")
        return {"skipped": f"{CORPUS} is absent"}
    settings = {
        "sentence settings": AlignOptions(),
        "block settings (toolkit align)": BLOCK_OPTIONS,
    }
    result: dict[str, object] = {"corpus": str(CORPUS), "run": RUN, "tuned_on": list(TUNED)}
    for part, folders in (("tuned", TUNED), ("held_out", HELD_OUT)):
        cases = [c for folder in folders for c in _cases(CORPUS / folder)]
        figures: dict[str, object] = {"runs": len(cases)}
        for name, options in settings.items():
            start = time.perf_counter()
            scores = [_score(c, _align(c, options)) for c in cases]
            figures[name] = _pool(scores) | {"seconds": round(time.perf_counter() - start, 1)}
        result[part] = figures
    _print(result)
    return result


def _align(case: Case, options: AlignOptions) -> list[Bead]:
    ratio = estimate_ratio(case.zh, case.en)
    beads = align_sentences(case.zh, case.en, replace(options, length_ratio=ratio))
    return [(b.source, b.target) for b in beads]


def _score(case: Case, found: list[Bead]) -> tuple[int, int, int, int, int, int]:
    """(right, found, gold, right empty, found empty, gold empty)."""
    gold, got = set(case.gold), set(found)
    empty = {b for b in case.gold if not b[0] or not b[1]}
    got_empty = {b for b in found if not b[0] or not b[1]}
    return (
        len(gold & got),
        len(got),
        len(gold),
        len(empty & got_empty),
        len(got_empty),
        len(empty),
    )


def _pool(scores: list[tuple[int, int, int, int, int, int]]) -> dict[str, object]:
    right, found, gold, right_empty, found_empty, gold_empty = (
        sum(c) for c in zip(*scores, strict=True)
    )
    p, r = right / found, right / gold
    return {
        "strict_p": round(p, 4),
        "strict_r": round(r, 4),
        "strict_f1": round(2 * p * r / (p + r), 4),
        "empty_precision": round(right_empty / found_empty, 4) if found_empty else None,
        "empty_recall": round(right_empty / gold_empty, 4),
    }


def _cases(folder: Path) -> list[Case]:
    cases: list[Case] = []
    for path in sorted(folder.glob("*.po")):
        pairs = _pairs(path.read_text("utf-8"))
        for start in range(0, len(pairs) - RUN + 1, RUN):
            rng = random.Random(f"{path.name}:{start}")
            cases.append(_perturb(pairs[start : start + RUN], rng, join=len(cases) % 2 == 0))
    return cases


def _perturb(pairs: list[tuple[str, str]], rng: random.Random, join: bool) -> Case:
    """One English paragraph out (1-0), one Chinese out (0-1), maybe two English joined (2-1)."""
    n = len(pairs)
    dropped_en, dropped_zh = rng.sample(range(1, n - 1), 2)
    joined = -1
    if join:
        free = [k for k in range(1, n - 2) if {k, k + 1}.isdisjoint({dropped_en, dropped_zh})]
        joined = rng.choice(free)
    zh: list[str] = []
    en: list[str] = []
    gold: list[Bead] = []
    k = 0
    while k < n:
        source, target = pairs[k]
        if k == dropped_en:
            gold.append(((len(zh),), ()))
            zh.append(source)
        elif k == dropped_zh:
            gold.append(((), (len(en),)))
            en.append(target)
        elif k == joined:
            gold.append(((len(zh), len(zh) + 1), (len(en),)))
            zh += [source, pairs[k + 1][0]]
            en.append(target + " " + pairs[k + 1][1])
            k += 1
        else:
            gold.append(((len(zh),), (len(en),)))
            zh.append(source)
            en.append(target)
        k += 1
    return Case(zh, en, gold)


_ENTRY = re.compile(r'(#,[^\n]*\n)?(?:#[^\n]*\n)*msgid ((?:"[^\n]*"\n?)+)msgstr ((?:"[^\n]*"\n?)+)')


def _pairs(text: str) -> list[tuple[str, str]]:
    """(Chinese, English) for each translated, not fuzzy, entry with some words in it."""
    out = []
    for m in _ENTRY.finditer(text):
        if m.group(1) and "fuzzy" in m.group(1):
            continue
        english, chinese = _unquote(m.group(2)), _unquote(m.group(3))
        if len(english) >= 40 and chinese.strip():
            out.append((chinese, english))
    return out


def _unquote(block: str) -> str:
    parts = re.findall(r'"((?:[^"\\]|\\.)*)"', block)
    joined = "".join(parts)
    return joined.replace('\\"', '"').replace("\\n", " ").replace("\\\\", "\\").strip()


def _print(result: dict[str, object]) -> None:
    print(f"blocks: paragraph runs of {RUN} from {CORPUS} (tuned on {', '.join(TUNED)})")
    for part in ("tuned", "held_out"):
        figures = result[part]
        assert isinstance(figures, dict)
        print(f"  {part} ({figures['runs']} runs):")
        for name, values in figures.items():
            if isinstance(values, dict):
                print(
                    f"    {name:32} strict F1 {values['strict_f1']:.3f}  "
                    f"empty beads: precision {values['empty_precision']}, "
                    f"recall {values['empty_recall']:.3f}  ({values['seconds']} s)"
                )
