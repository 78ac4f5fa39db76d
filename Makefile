# make build: set up .venv if needed, then build every work into build/
# make test:  lint, type-check and run the tests
# make test-fast: the same without the slow tests that build real editions
# make bench: run the benchmarks; figures are printed and written to build/bench/

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: build test test-fast lint bench check clean

build: $(STAMP)
	$(BIN)/toolkit build

check: $(STAMP)
	$(BIN)/toolkit check

test: $(STAMP) lint
	$(BIN)/python -m pytest -n 2 -q

test-fast: $(STAMP) lint
	$(BIN)/python -m pytest -n 2 -q -m "not slow"

lint: $(STAMP)
	$(BIN)/ruff check toolkit tests benchmarks
	$(BIN)/ruff format --check toolkit tests benchmarks
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python -m benchmarks

# The venv is rebuilt when pyproject.toml changes.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

clean:
	rm -rf build
