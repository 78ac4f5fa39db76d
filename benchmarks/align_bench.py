"""The sentence aligner on real literary text, beside a length-only Gale–Church baseline.

Reads ../shared/corpora/mac-dev (six chapters of Chinese novels with their published English
translations and two-annotator gold beads; for measuring only, nothing from it is kept) and
scores both aligners with the corpus's metric: strict and lax precision, recall and F1,
pooled over all six chapters, over 001-003 (the aligner's settings were tuned on these) and
over 004-006 (held out: never looked at while tuning). Also: sentences per second, wall
time, peak memory, and how the aligner's memory grows with the length of the text.
"""

from __future__ import annotations

import math
import resource
import time
import tracemalloc
from collections.abc import Sequence
from pathlib import Path

from toolkit.align import align_sentences, default_encoder
from toolkit.align.core import estimate_ratio
from toolkit.align.mac import Pair, Score, read_beads, read_sentence_file, score_beads

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "mac-dev"
TUNED = ("001", "002", "003")
HELD_OUT = ("004", "005", "006")
TARGETS = {"held_out_strict_f1": 0.92, "held_out_lax_f1": 0.99, "seconds": 60.0}

Chapter = tuple[list[str], list[str], list[Pair]]


def run() -> dict[str, object]:
    if not (CORPUS / "gold").is_dir():
        print(f"align: {CORPUS} is absent; the aligner benchmark is skipped")
        return {"skipped": f"{CORPUS} is absent"}
    chapters = {
        path.stem: (
            read_sentence_file(CORPUS / "zh" / path.stem),
            read_sentence_file(CORPUS / "en" / path.stem),
            read_beads(path),
        )
        for path in sorted((CORPUS / "gold").glob("*.align"))
    }
    start = time.perf_counter()
    default_encoder().encode(["预热", "warm-up"])
    load_s = time.perf_counter() - start
    aligned: dict[str, Score] = {}
    confidence: list[tuple[float, bool]] = []
    align_start = time.perf_counter()
    for name, (zh, en, gold) in chapters.items():
        beads = align_sentences(zh, en)
        aligned[name] = score_beads(gold, beads)
        exact = set(gold)
        confidence += [(bead.score, (bead.source, bead.target) in exact) for bead in beads]
    align_s = time.perf_counter() - align_start
    wall_s = load_s + align_s
    baseline_start = time.perf_counter()
    baseline = {
        name: score_beads(gold, gale_church(zh, en)) for name, (zh, en, gold) in chapters.items()
    }
    baseline_s = time.perf_counter() - baseline_start
    sentences = sum(len(zh) + len(en) for zh, en, _ in chapters.values())
    growth = _memory_growth(list(chapters.values()))
    result: dict[str, object] = {
        "corpus": str(CORPUS),
        "tuned_on": list(TUNED),
        "held_out": list(HELD_OUT),
        "chapters": len(chapters),
        "sentences": sentences,
        "aligner": _figures(aligned),
        "gale_church": _figures(baseline),
        "per_chapter_strict_f1": {name: round(s.strict[2], 4) for name, s in aligned.items()},
        "confidence": _confidence(confidence),
        "model_load_s": round(load_s, 2),
        "align_s": round(align_s, 2),
        "wall_s": round(wall_s, 2),
        "sentences_per_s": round(sentences / align_s, 1),
        "gale_church_s": round(baseline_s, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "aligner_peak_mb_by_sentences": growth,
    }
    result["targets"] = _check(result)
    _print(result)
    return result


def _figures(scores: dict[str, Score]) -> dict[str, dict[str, float]]:
    groups = {"all": tuple(scores), "tuned": TUNED, "held_out": HELD_OUT}
    out = {}
    for group, names in groups.items():
        pooled = sum((scores[name] for name in names if name in scores), Score.empty())
        (sp, sr, sf), (lp, lr, lf) = pooled.strict, pooled.lax
        out[group] = {
            name: round(value, 4)
            for name, value in zip(
                ("strict_p", "strict_r", "strict_f1", "lax_p", "lax_r", "lax_f1"),
                (sp, sr, sf, lp, lr, lf),
                strict=True,
            )
        }
    return out


def _confidence(scored: list[tuple[float, bool]]) -> dict[str, float]:
    """How well the bead score separates right beads (identical to a gold bead) from wrong
    ones: the chance that a random right bead scores above a random wrong one (AUROC), the
    mean scores, and what a reviewer checking the beads under 0.5 would look at (their share
    of all beads) and find (the share of them that are wrong, the share of wrong beads
    among them)."""
    right = [score for score, ok in scored if ok]
    wrong = [score for score, ok in scored if not ok]
    if not right or not wrong:
        return {}
    above = sum((r > w) + 0.5 * (r == w) for r in right for w in wrong)
    low = [ok for score, ok in scored if score < 0.5]
    return {
        "auroc": round(above / (len(right) * len(wrong)), 3),
        "mean_right": round(sum(right) / len(right), 3),
        "mean_wrong": round(sum(wrong) / len(wrong), 3),
        "share_under_0.5": round(len(low) / len(scored), 3),
        "wrong_share_under_0.5": round(low.count(False) / len(low), 3) if low else 0.0,
        "wrong_beads_under_0.5": round(low.count(False) / len(wrong), 3),
        "wrong_share_overall": round(len(wrong) / len(scored), 3),
    }


def _memory_growth(chapters: list[Chapter]) -> dict[str, float]:
    """Peak memory allocated while aligning 1, 2 and 6 chapters joined into one text (the
    model and its weights, loaded before, are not counted): linear growth, not quadratic."""
    out = {}
    for count in (1, 2, len(chapters)):
        zh = [s for chapter in chapters[:count] for s in chapter[0]]
        en = [s for chapter in chapters[:count] for s in chapter[1]]
        tracemalloc.start()
        align_sentences(zh, en)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        out[str(len(zh) + len(en))] = round(peak / 1e6, 1)
    return out


def _check(result: dict[str, object]) -> dict[str, object]:
    figures = result["aligner"]
    assert isinstance(figures, dict)
    held = figures["held_out"]
    measured = {
        "held_out_strict_f1": held["strict_f1"],
        "held_out_lax_f1": held["lax_f1"],
        "seconds": result["wall_s"],
    }
    out: dict[str, object] = {}
    for name, target in TARGETS.items():
        value = float(measured[name])
        met = value <= target if name == "seconds" else value >= target
        entry: dict[str, object] = {"target": target, "measured": value, "met": met}
        if not met:
            entry["missed_by"] = round(abs(value - target), 4)
        out[name] = entry
    return out


def _print(result: dict[str, object]) -> None:
    print(f"align: MAC dev, {result['chapters']} chapters, {result['sentences']} sentences")
    print("  (settings tuned on 001-003; 004-006 held out)")
    print(f"  {'':34}{'strict P / R / F1':>22}{'lax P / R / F1':>29}")
    for label, key in (("aligner (USE)", "aligner"), ("Gale-Church (length)", "gale_church")):
        figures = result[key]
        assert isinstance(figures, dict)
        for group in ("all", "tuned", "held_out"):
            f = figures[group]
            print(
                f"  {label + ' ' + group:34}"
                f"{f['strict_p']:>8.3f}{f['strict_r']:>7.3f}{f['strict_f1']:>7.3f}"
                f"{f['lax_p']:>15.3f}{f['lax_r']:>7.3f}{f['lax_f1']:>7.3f}"
            )
    print(
        f"  time: model load {result['model_load_s']} s, aligning {result['align_s']} s "
        f"({result['sentences_per_s']} sentences/s), wall {result['wall_s']} s; "
        f"Gale-Church {result['gale_church_s']} s"
    )
    print(f"  confidence (bead score, right vs wrong beads): {result['confidence']}")
    print(
        f"  memory: process peak {result['peak_rss_mb']} MB; aligner peak by text size "
        f"(sentences: MB) {result['aligner_peak_mb_by_sentences']}"
    )
    targets = result["targets"]
    assert isinstance(targets, dict)
    for name, check in targets.items():
        if check["met"]:
            print(f"  target {name}: {check['measured']} (target {check['target']}) met")
        else:
            print(
                f"  target {name}: {check['measured']} (target {check['target']}) "
                f"MISSED by {check['missed_by']}"
            )


# --- the baseline: Gale & Church (1993), "A program for aligning sentences in bilingual
# corpora", Computational Linguistics 19(1). Lengths in characters; a bead's cost is
# -log P(shape) - log P(delta | match), delta = (l2 - c * l1) / sqrt(s2 * l1).

_GC_PRIORS = {
    (1, 1): 0.89,
    (1, 0): 0.0099,
    (0, 1): 0.0099,
    (2, 1): 0.089,
    (1, 2): 0.089,
    (2, 2): 0.011,
}
_GC_VARIANCE = 6.8  # per source character, for a ratio of 1 (scaled by the text's ratio below)


def gale_church(source: Sequence[str], target: Sequence[str]) -> list[Pair]:
    """Align by sentence lengths alone (the classic algorithm: full dynamic programming)."""
    n, m = len(source), len(target)
    ratio = estimate_ratio(source, target)
    variance = _GC_VARIANCE * ratio
    src = [0]
    for text in source:
        src.append(src[-1] + len(text.strip()))
    tgt = [0]
    for text in target:
        tgt.append(tgt[-1] + len(text.strip()))
    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int]]] = [[(0, 0)] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            for (a, b), prior in _GC_PRIORS.items():
                if a > i or b > j or cost[i - a][j - b] == inf:
                    continue
                c = cost[i - a][j - b] + _gc_cost(
                    src[i] - src[i - a], tgt[j] - tgt[j - b], ratio, variance, prior
                )
                if c < cost[i][j]:
                    cost[i][j], back[i][j] = c, (a, b)
    beads: list[Pair] = []
    i, j = n, m
    while i or j:
        a, b = back[i][j]
        beads.append((tuple(range(i - a, i)), tuple(range(j - b, j))))
        i, j = i - a, j - b
    return beads[::-1]


def _gc_cost(l1: int, l2: int, ratio: float, variance: float, prior: float) -> float:
    mean = (l1 + l2 / ratio) / 2
    delta = (l2 - ratio * l1) / math.sqrt(variance * max(mean, 1.0))
    tail = max(2 * (1 - _normal_cdf(abs(delta))), 1e-300)
    return -math.log(prior) - math.log(tail)


def _normal_cdf(x: float) -> float:
    return 0.5 * (1 + math.erf(x / math.sqrt(2)))
