"""``python -m tools.figures [--root DIR] [--only diagram|guide]``: draw the repository's
pictures (see the package's docstring), building the guide first when it has changed."""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from tools.figures.diagram import render_diagram_pdf
from tools.figures.pages import first_parallel_page
from tools.figures.raster import PngOptions, ink_fraction, rasterise, save_png

#: Where each picture goes, relative to the repository.
#: The diagram goes beside the guide's texts, from which `toolkit import` copies it into the
#: work (source/guide/images/, translations/guide/images/) with the texts.
PIPELINE_PNG = Path("docs/examples/guide/pipeline.png")
PARALLEL_PNG = Path("docs/images/guide-parallel.png")
GUIDE_PDF = Path("build/guide/guide.parallel.en.pdf")

#: The diagram has flat colours and text; the page, text on white with a grey frame.
DIAGRAM_PNG = PngOptions(width=1200, colours=64)
PAGE_PNG = PngOptions(width=1200, colours=64, frame=(200, 205, 210))


#: What brings a new diagram into the guide's work (the texts are unchanged: every ID stays).
REIMPORT = (
    "to bring it into the guide: toolkit import guide docs/examples/guide/zh.md "
    "--lang zh-Hant-TW --force; toolkit import guide docs/examples/guide/en.md --lang en --force"
)


@dataclass(frozen=True)
class Written:
    path: Path
    size: tuple[int, int]
    file_bytes: int
    note: str = ""

    def __str__(self) -> str:
        w, h = self.size
        extra = f", {self.note}" if self.note else ""
        return f"{self.path}: {w}×{h} px, {self.file_bytes // 1024} KB{extra}"


def draw_diagram(root: Path) -> Written:
    """The pipeline diagram, through a PDF, to ``docs/examples/guide/pipeline.png``."""
    with tempfile.TemporaryDirectory(prefix="figures-") as scratch:
        pdf = render_diagram_pdf(Path(scratch) / "pipeline.pdf")
        image = rasterise(pdf, 0, DIAGRAM_PNG.width)
    _not_blank(image, PIPELINE_PNG)
    out = root / PIPELINE_PNG
    return Written(PIPELINE_PNG, image.size, save_png(image, out, DIAGRAM_PNG))


def draw_guide_page(root: Path) -> Written:
    """The guide's parallel PDF (built when it has changed), its first page of Chinese
    beside English, to ``docs/images/guide-parallel.png``."""
    # `toolkit build` is incremental: it says "up to date" when nothing changed.
    subprocess.run(
        [sys.executable, "-m", "toolkit", "--root", str(root), "build", "guide", "--quiet"],
        check=True,
        cwd=root,
    )
    pdf = root / GUIDE_PDF
    index = first_parallel_page(pdf)
    image = rasterise(pdf, index, PAGE_PNG.width)
    _not_blank(image, PARALLEL_PNG)
    out = root / PARALLEL_PNG
    return Written(PARALLEL_PNG, image.size, save_png(image, out, PAGE_PNG), f"page {index + 1}")


def _not_blank(image: Image.Image, name: Path) -> None:
    if ink_fraction(image) < 0.002:
        raise SystemExit(f"figures: {name} would be blank: nothing was written")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.figures", description=__doc__)
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the repository")
    parser.add_argument("--only", choices=("diagram", "guide"), help="draw one picture")
    args = parser.parse_args(argv)
    root: Path = args.root.resolve()
    if args.only in (None, "diagram"):
        print(draw_diagram(root))
        print(REIMPORT)
    if args.only in (None, "guide"):
        print(draw_guide_page(root))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
