"""The small works the build tests make, and the session's one build of each."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from tests.conftest import ALIGN, ORIGINAL_YAML, TRANSLATION_YAML, write_tree
from toolkit import BuildOptions, build_work, load_work

# A small bilingual work with footnotes, emphasis, links and a block quote in both languages;
# the quote links to segments of its own text (#s1, #t1, and #t5 in a footnote).
SOURCE = """\
# 序 {#s1}

他說：「我們*必須*記得。」[^a] {#s2}
歷史不會**重演**，但會押韻。 {#s3}

> [引文](#s1)第一句。 {#s4}

![公園裡的三隻小鳥](images/birds.png "攝影：王小明") {#s6}

- 第一項。 {#s7}
  1. 巢狀的第一步。 {#s8}

| 年份 {#s9}
| 鳥 {#s10}
|===
| 2024 {#s11}
| 三隻 {#s12}

```python
print("小鳥")
```

[^a]: 見[原文](https://example.org/zh/1)。 {#s5}
"""
TRANSLATION = """\
# Preface {#t1}

He said: “We *must* remember.”[^a] {#t2}
History does not **repeat** itself, but it rhymes. {#t3}

> The first [quoted](#t1) sentence ([a note](#t5)). {#t4}

![Three little birds in the park](images/birds.png "Photo: Hsiao-ming Wang") {#t6}

- The first item. {#t7}
  1. The first nested step. {#t8}

| Year {#t9}
| Birds {#t10}
|===
| 2024 {#t11}
| Three {#t12}

```python
print("小鳥")
```

[^a]: See [the original](https://example.org/zh/1). {#t5}
"""

TRIAL_ALIGN = ALIGN + "".join(f"s{n}\tt{n}\t0.9\tauto\n" for n in range(4, 13))


def build_trial(root: Path) -> Path:
    """Write the trial work (SOURCE, TRANSLATION, aligned) under ``root``, build every
    edition, and return the folder of its editions."""
    files = {
        "source/trial/work.yaml": ORIGINAL_YAML,
        "source/trial/text.md": SOURCE,
        "translations/trial/en.yaml": TRANSLATION_YAML,
        "translations/trial/en.md": TRANSLATION,
        "translations/trial/en.align": TRIAL_ALIGN,
    }
    write_tree(root, files)
    # One image, beside the original; the translation finds it there too.
    (root / "source/trial/images").mkdir()
    Image.new("RGB", (40, 20), (200, 60, 40)).save(root / "source/trial/images/birds.png")
    build_work(load_work(root, "trial"), BuildOptions(out_dir=root / "build"))
    return root / "build" / "trial"
