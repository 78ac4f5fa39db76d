"""A small work that holds everything an exchange file must carry: Chinese punctuation,
emphasis, strong emphasis, links, code, footnotes, escapes, ``<`` and ``&``, a list and a
quote, and beads of every shape and state (1-1, 2-1 with its IDs out of order, 1-2, 1-0
omitted and untranslated, 0-1, locked, reviewed). Written for these tests."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import ORIGINAL_YAML, TRANSLATION_YAML, fingerprinted, write_tree

SOURCE = """\
# 第一章：茶與河 {#s1}

大稻埕在台北市西邊，緊鄰「淡水河」。 {#s2}
河邊茶行林立。 {#s12}
老闆說：*耐心*最要緊！ {#s3}
火太大，茶就苦；火太小，香氣出不來。 {#s4}
詳見[市府網站](https://example.org/a_(b))。 {#s5}

這一句只有中文讀者看得懂。 {#s6}
還沒翻譯的一句。 {#s7}

> 「茶要慢慢喝。」 {#s8}

- 烏龍茶 `oolong`，二〇二三年得獎[^1]。 {#s9}
- 包種茶，**清香**<淡 & 甜>。 {#s10}

[^1]: 得獎年份見官方紀錄。 {#s11}
"""

TRANSLATION = """\
# Chapter One: Tea and the River {#t1}

Dadaocheng lies west of Taipei, beside the “Tamsui River”, lined with tea shops. {#t2}
*Patience*, the owner says, matters most! {#t3}
Too much heat and the tea turns bitter. {#t4}
Too little and the fragrance never comes out. {#t5}
See the [city's site](https://example.org/a_(b)) for more; 2 * 3 is not \\*emphasis\\*. {#t6}
(Dadaocheng is an old district of Taipei.) {#t7}

> “Tea should be drunk slowly.” {#t8}

- Oolong `oolong`, awarded in 2023[^1]. {#t9}
- Pouchong, **fragrant** <light & sweet>. {#t10}

[^1]: The year is in the official record. {#t11}
"""

ALIGN = """\
# source\ttranslation\tscore\tstate\tfingerprint
s1\tt1\t0.95\treviewed
s2,s12\tt2\t0.9\tauto
s3\tt3\t0.9\treviewed
s4\tt4,t5\t0.8\tauto
s5\tt6\t0.7\tauto
-\tt7\t-\treviewed
# s6 only makes sense to a Chinese reader
s6\t-\t-\tomitted
s7\t-\t-\tauto
s8\tt8\t0.9\tlocked
s9\tt9\t0.9\treviewed
s10\tt10\t0.9\tauto
s11\tt11\t0.9\tauto
"""


def make_exchange_work(root: Path, work: str = "rich") -> Path:
    """Write the work into the repository at ``root``; returns ``root``."""
    return write_tree(
        root,
        {
            f"source/{work}/work.yaml": ORIGINAL_YAML,
            f"source/{work}/text.md": SOURCE,
            f"translations/{work}/en.yaml": TRANSLATION_YAML,
            f"translations/{work}/en.md": TRANSLATION,
            f"translations/{work}/en.align": fingerprinted(ALIGN, SOURCE, TRANSLATION),
        },
    )
