"""The repository's pictures, made from the project's own output (``make figures``).

- ``docs/examples/guide/pipeline.png``: the pipeline diagram (``diagram``), the guide's
  figure, which ``toolkit import`` copies into the work with the guide's texts;
- ``docs/images/guide-parallel.png``: the README's picture of the parallel PDF, the
  first page of ``build/guide/guide.parallel.en.pdf`` with Chinese and English side by
  side (``pages``).

Both are drawn by PDFium from a PDF WeasyPrint wrote (``raster``) and committed; run
``make figures`` after changing the diagram or the guide to draw them again.
"""
