"""Tools that maintain the repository's own files (``python -m tools.figures``).

Not part of the ``toolkit`` package: it is neither installed with it nor reachable from
its command line. Each tool is run by a Makefile target and reads the repository it
stands in.
"""
