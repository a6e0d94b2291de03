# wennuan — the two commands of the quick start are `make run` and `make test`.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8000
PG_URL ?= postgresql://postgres@127.0.0.1:5432/postgres
# The PostgreSQL test pass names a database on that server; pytest-django creates and drops test_* ones.
PG_TEST_DB_URL ?= postgres://postgres@127.0.0.1:5432/wennuan
PYTEST_ARGS ?=
SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -c

.PHONY: install system-packages assets run serve test test-sqlite test-postgres lint format bench clean

install: $(VENV)/.installed system-packages assets

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(VENV)/bin/python
	@echo "installing Python packages into $(VENV)…"
	$(BIN)/pip install -q -e '.[dev]' 2>&1 | { grep -v '^WARNING: Location' || true; }
	touch $@

system-packages:
	@scripts/system-packages.sh

assets: node_modules/.package-lock.json

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

run: install
	$(BIN)/wennuan run --demo --port $(PORT)

test: install
	$(MAKE) --no-print-directory lint
	$(MAKE) --no-print-directory test-sqlite
	$(MAKE) --no-print-directory test-postgres

test-sqlite:
	@echo "== test suite on SQLite =="
	WENNUAN_DB= $(BIN)/python -m pytest $(PYTEST_ARGS)

test-postgres:
	@echo "== test suite on PostgreSQL =="
	@if WENNUAN_PG_URL=$(PG_URL) $(BIN)/python scripts/postgres_available.py; then \
		WENNUAN_DB=$(PG_TEST_DB_URL) $(BIN)/python -m pytest $(PYTEST_ARGS); \
	elif [ "$$CI" = "true" ]; then \
		echo "PostgreSQL is required under CI=true"; exit 1; \
	else \
		echo "WARNING: PostgreSQL unreachable; the PostgreSQL pass did not run (it is required under CI=true)"; \
	fi

# lint-imports checks the layers contract in pyproject.toml: an app importing an app above it fails.
lint:
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts
	$(BIN)/lint-imports

format:
	$(BIN)/ruff check --fix src tests bench scripts
	$(BIN)/ruff format src tests bench scripts

bench: install
	@for f in $(filter-out bench/support.py,$(wildcard bench/*.py)); do echo "== $$f"; $(BIN)/python $$f || exit 1; done

clean:
	rm -rf $(VENV) node_modules var/static .pytest_cache
