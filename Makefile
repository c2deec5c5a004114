# make run  : set up .venv, ingest examples/reports into trucewatch.db, print a summary and the
#             example agreement's ledger, then serve the dashboard (make run SERVE=0: don't)
# make serve: the dashboard on http://127.0.0.1:8000/ over that database
# make test : set up .venv with test tools, lint, run the whole test suite
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
DB ?= sqlite:///trucewatch.db
SERVE ?= 1
EXAMPLE_SPEC := examples/agreements/gaza-2025-phase1.yaml

.PHONY: run serve test lint format bench eval clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall only when the project metadata changes. The Ray extra is installed
# so that the Ray engine's tests run everywhere the suite runs.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,ray]'
	touch $@

run: $(VENV)/.installed
	$(BIN)/trucewatch ingest examples/reports --db $(DB)
	$(BIN)/trucewatch ledger $(EXAMPLE_SPEC) --db $(DB) --as-of 2025-03-01
ifeq ($(SERVE),1)
	$(BIN)/trucewatch serve --db $(DB)
endif

# The dashboard over the database make run filled (Ctrl-C to stop).
serve: $(VENV)/.installed
	$(BIN)/trucewatch serve --db $(DB)

test: $(VENV)/.installed
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/python -m pytest

lint: $(VENV)/.installed
	$(BIN)/ruff check src tests benchmarks

format: $(VENV)/.installed
	$(BIN)/ruff format src tests benchmarks
	$(BIN)/ruff check --fix src tests benchmarks

bench: $(VENV)/.installed
	$(BIN)/python benchmarks/throughput.py

clean:
	rm -rf $(VENV) trucewatch.db trucewatch.db-wal trucewatch.db-shm .pytest_cache .ruff_cache
