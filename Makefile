# The whole story: `make build` (the warehouse) and `make test` (every check). Both set up .venv first.
PYTHON    ?= python3
VENV      := .venv
BIN       := $(VENV)/bin
STAMP     := $(VENV)/.installed
WAREHOUSE ?= warehouse/gba_tech_transfer.duckdb
RAW       ?=
SCRATCH   := .scratch

export DBT_PROFILES_DIR := $(CURDIR)/profiles
export PYTHONUNBUFFERED := 1

.PHONY: build test lint dbt-test pytest generate clean

# Rebuilt when missing or stale against the pinned requirements.
$(STAMP): requirements.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps -e .
	@touch $@

## build: dbt build into a temporary file; publish it to $(WAREHOUSE) only if every model and test passed.
build: $(STAMP)
	$(BIN)/python -m gba_tech_transfer.build --warehouse $(WAREHOUSE) --raw '$(RAW)'

## test: lint, dbt build (models + data tests + unit tests) on a scratch database, then pytest.
test: $(STAMP) lint dbt-test pytest

lint: $(STAMP)
	@mkdir -p $(SCRATCH)
	GBA_DUCKDB_PATH=$(SCRATCH)/lint.duckdb $(BIN)/sqlfluff lint models tests macros --processes 2

dbt-test: $(STAMP)
	@mkdir -p $(SCRATCH)
	rm -f $(SCRATCH)/ci.duckdb
	GBA_DUCKDB_PATH=$(SCRATCH)/ci.duckdb $(BIN)/dbt build --target ci

pytest: $(STAMP)
	$(BIN)/pytest

## generate: rewrite the bundled synthetic export (deterministic: same bytes every run).
generate: $(STAMP)
	$(BIN)/python -m gba_tech_transfer.generate

clean:
	rm -rf target logs $(SCRATCH)
