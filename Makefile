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

.PHONY: run serve test lint format bench eval clean audit

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

# Dependency audit: pip-audit, in its own virtual environment, over the exact
# versions installed in .venv. It needs its advisory source (PyPI's JSON API by
# default, AUDIT_SERVICE=osv for api.osv.dev); --strict makes a package that
# could not be checked a failure, so an audit that cannot reach its source fails
# instead of reporting nothing found. Not in `make test`: see docs/RELIABILITY.md.
AUDIT_VENV := .venv-audit
AUDIT_SERVICE ?= pypi
audit: $(VENV)/.installed
	test -x $(AUDIT_VENV)/bin/pip-audit || ($(PYTHON) -m venv $(AUDIT_VENV) && \
		$(AUDIT_VENV)/bin/python -m pip install --quiet pip-audit==2.10.1)
	$(BIN)/python -m pip freeze --exclude-editable > $(AUDIT_VENV)/requirements.txt
	$(AUDIT_VENV)/bin/pip-audit --strict --no-deps --disable-pip --progress-spinner off \
		-s $(AUDIT_SERVICE) -r $(AUDIT_VENV)/requirements.txt

lint: $(VENV)/.installed
	$(BIN)/ruff check src tests benchmarks

format: $(VENV)/.installed
	$(BIN)/ruff format src tests benchmarks
	$(BIN)/ruff check --fix src tests benchmarks

bench: $(VENV)/.installed
	$(BIN)/python benchmarks/throughput.py

clean:
	rm -rf $(VENV) $(AUDIT_VENV) trucewatch.db trucewatch.db-wal trucewatch.db-shm .pytest_cache .ruff_cache
