# The two commands a new user needs:
#   make demo   set everything up (.venv) and run newsgraph on the bundled example article
#   make test   run the whole test suite
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DB     ?= newsgraph.db

.PHONY: demo test lint typecheck check bench gates lock clean

$(STAMP): requirements/dev.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/dev.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/newsgraph ingest --db $(DB) examples/
	$(BIN)/newsgraph extract examples/23_2019-09-23_iran-s-president-rouhani-tells-foreign-powers-to-leave-persi.txt --pretty

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

check: lint typecheck test

bench: $(STAMP)
	$(BIN)/python benchmarks/throughput.py

# Accuracy and HTML-extraction figures against their pinned floors (needs ../shared).
gates: $(STAMP)
	$(BIN)/python benchmarks/html_extraction.py --min-f1 0.90
	$(BIN)/python benchmarks/accuracy.py --check

lock: $(STAMP)
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url \
	  --no-emit-find-links --extra dev --extra spark -o requirements/dev.lock pyproject.toml
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url \
	  --no-emit-find-links -o requirements/core.lock pyproject.toml

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm .pytest_cache .mypy_cache .ruff_cache
