# make build: set up .venv if needed, then build every work into build/
# make test:  lint, type-check and run the tests
# make test-fast: the same without the slow tests that build real editions
# make fuzz:  the property tests with twenty times the examples (not part of make test)
# make bench: run the benchmarks; figures are printed and written to build/bench/
# make figures: draw the committed pictures again (python -m tools.figures): the guide's
#   pipeline diagram (docs/examples/guide/pipeline.png) and the README's page of the guide's
#   parallel PDF (docs/images/guide-parallel.png), building the guide first if it changed

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: build test test-fast fuzz lint bench check figures clean

build: $(STAMP)
	$(BIN)/toolkit build

check: $(STAMP)
	$(BIN)/toolkit check

test: $(STAMP) lint
	$(BIN)/python -m pytest -n 2 -q

test-fast: $(STAMP) lint
	$(BIN)/python -m pytest -n 2 -q -m "not slow"

fuzz: $(STAMP)
	TOOLKIT_FUZZ=20 $(BIN)/python -m pytest -n 2 -q -m "not slow" \
		tests/test_fuzz.py tests/test_document.py tests/test_alignfile.py tests/test_import.py \
		tests/test_inline.py tests/test_segment.py tests/test_align_work.py tests/test_aligner.py \
		tests/test_import_formats.py tests/test_safety.py

lint: $(STAMP)
	$(BIN)/ruff check toolkit tests benchmarks tools
	$(BIN)/ruff format --check toolkit tests benchmarks tools
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python -m benchmarks

# PDFium (pypdfium2, in the test extra) draws the pages; installed here too should the
# venv lack it (one set up by hand, without the extra).
figures: $(STAMP)
	$(BIN)/python -c "import pypdfium2" 2>/dev/null || $(BIN)/python -m pip install --quiet 'pypdfium2>=4'
	$(BIN)/python -m tools.figures

# The venv is rebuilt when pyproject.toml changes.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

clean:
	rm -rf build
