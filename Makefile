# The whole story: `make build` (the warehouse) and `make test` (every check). Both set up .venv first.
PYTHON    ?= python3
VENV      := .venv
BIN       := $(VENV)/bin
STAMP     := $(VENV)/.installed
WAREHOUSE ?= warehouse/gba_tech_transfer.duckdb
RAW       ?=
INCREMENTAL ?=
REPLACE   ?=
LOAD      ?=
BENCH_ARGS ?=
SCRATCH   := .scratch
CJK_FONT  := /usr/share/fonts/truetype/wqy/wqy-microhei.ttc

# The user's values reach Python through the environment, exactly as typed: $(value) keeps make from expanding
# them (a `$(shell …)` in RAW stays text) and no recipe puts them on a shell command line, so an apostrophe, a
# space, `;`, `$` or a backtick in a path is just a character of it. Recipes that need one in the shell write
# "$$GBA_WAREHOUSE" (double-quoted parameter expansion: never re-read as code). `unexport` stops make from
# also exporting the originals, which it would expand first.
export GBA_RAW := $(value RAW)
export GBA_WAREHOUSE := $(value WAREHOUSE)
export GBA_INCREMENTAL := $(value INCREMENTAL)
export GBA_REPLACE := $(value REPLACE)
export GBA_LOAD := $(value LOAD)
export GBA_BENCH_ARGS := $(value BENCH_ARGS)
export GBA_RAW_SHEET := $(value RAW_SHEET)
export GBA_RAW_CONVERTED_DIR := $(value RAW_CONVERTED_DIR)
unexport RAW WAREHOUSE INCREMENTAL REPLACE LOAD BENCH_ARGS RAW_SHEET RAW_CONVERTED_DIR

export DBT_PROFILES_DIR := $(CURDIR)/profiles
export PYTHONUNBUFFERED := 1

.PHONY: build add rebuild withdraw restore loads test lint dbt-test pytest generate clean
.PHONY: docs report browser warehouse-if-missing
.PHONY: bench
.PHONY: test-postgres test-spark test-spark-cluster

# Rebuilt when missing or stale against the pinned requirements.
$(STAMP): requirements.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps -e .
	@touch $@

## The published warehouse is the set of its loads, each export kept as it came in schema raw; every command
## lands and builds into a temporary copy and renames it over WAREHOUSE only when every model and test passed
## (python/gba_tech_transfer/build/publish.py; docs/architecture.md#landing).
## build: a new warehouse whose one load is RAW (the bundled export without RAW); REPLACE=1 to drop other loads.
build: $(STAMP)
	$(BIN)/python -m gba_tech_transfer.build build

## add: RAW as one more load of the published warehouse (a file already in an active load changes nothing).
add: $(STAMP)
	$(BIN)/python -m gba_tech_transfer.build add

## rebuild: the published warehouse rebuilt from its own raw tables, no file needed (after upgrading the project).
rebuild: $(STAMP)
	$(BIN)/python -m gba_tech_transfer.build rebuild

## withdraw / restore LOAD=<id>: mark a load inactive (its rows stay in raw) or active again, and rebuild.
withdraw: $(STAMP)
	$(BIN)/python -m gba_tech_transfer.build withdraw

restore: $(STAMP)
	$(BIN)/python -m gba_tech_transfer.build restore

## loads: the published warehouse's load manifest.
loads: $(STAMP)
	@$(BIN)/python -m gba_tech_transfer.build loads

## test: lint, dbt build (models + data tests + unit tests) on a scratch database, then pytest.
test: $(STAMP) lint dbt-test pytest

# Python: ruff's lint rules and its formatting (pyproject.toml [tool.ruff]); SQL: sqlfluff; dbt metadata
# (descriptions, uniqueness tests, SQL length): dbt-score on the parsed manifest (pyproject.toml [tool.dbt-score]).
lint: $(STAMP)
	$(BIN)/ruff check python
	$(BIN)/ruff format --check python
	@mkdir -p $(SCRATCH)
	GBA_DUCKDB_PATH=$(SCRATCH)/lint.duckdb $(BIN)/sqlfluff lint models tests --processes 2
	GBA_DUCKDB_PATH=$(SCRATCH)/lint.duckdb $(BIN)/dbt parse --quiet
	$(BIN)/dbt-score lint --manifest target/manifest.json --show failing-items

dbt-test: $(STAMP)
	@mkdir -p $(SCRATCH)
	rm -f $(SCRATCH)/ci.duckdb
	GBA_DUCKDB_PATH=$(SCRATCH)/ci.duckdb $(BIN)/dbt build --target ci

# The report test drives a headless Chrome or Chromium: `browser` installs Debian's first where it can.
pytest: $(STAMP) browser
	$(BIN)/pytest

## generate: rewrite the bundled synthetic export (deterministic: same bytes every run).
generate: $(STAMP)
	$(BIN)/python -m gba_tech_transfer.synthetic

# The published warehouse, built when missing (docs and report read it; `make build` rebuilds it any time).
# Not a file target: a path with a space would be two targets to make.
warehouse-if-missing: $(STAMP)
	@test -f "$$GBA_WAREHOUSE" || $(BIN)/python -m gba_tech_transfer.build

## docs: the dbt docs site in target/ (lineage, every model and column, the overview page), catalogued from a
## copy of WAREHOUSE so the published file is never locked. Open target/static_index.html, or serve it.
docs: $(STAMP) warehouse-if-missing
	@mkdir -p $(SCRATCH)/docs
	cp "$$GBA_WAREHOUSE" $(SCRATCH)/docs/gba_tech_transfer.duckdb
	GBA_DUCKDB_PATH=$(SCRATCH)/docs/gba_tech_transfer.duckdb $(BIN)/dbt docs generate --static --target ci
	@echo "Docs site: target/static_index.html (one file, works offline); or: $(BIN)/dbt docs serve --port 8080"

## report: the offline HTML report of WAREHOUSE in report/index.html beside it, checked in headless Chromium
## (fails on a console error or an empty chart) with a full-page screenshot (report/screenshot.png).
report: $(STAMP) browser warehouse-if-missing
	$(BIN)/python -m gba_tech_transfer.report --screenshot

## browser: Debian's chromium, chromium-driver and a CJK font for the report's check, installed (apt-get, once) when
## missing and run as root on Debian/Ubuntu. Otherwise nothing is installed: the check uses an installed Chrome or
## Chromium with chromedriver (python/gba_tech_transfer/report/browser.py), or without one `make test` skips it and
## says why (`make report` fails). Prints which browser the check uses.
browser: $(STAMP)
	@if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 \
		&& ! { [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] && [ -f $(CJK_FONT) ]; }; then \
		echo "Installing chromium, chromium-driver and fonts-wqy-microhei (apt-get)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
			chromium chromium-driver fonts-wqy-microhei >/dev/null; \
	fi
	@$(BIN)/python -m gba_tech_transfer.report.browser || true

## bench: build exports of x1, x10 and x100 the bundled mix as `make build RAW=` does, against DuckDB's scan
## floor; prints the table and the slowest models and tests, then x1 and x10 on DuckDB, PostgreSQL and Spark side
## by side (BENCH_ARGS=--engines none skips those); writes warehouse/bench/*.json. Not in `make test`.
bench: $(STAMP) $(VENV)/.installed-postgres $(VENV)/.installed-spark
	$(BIN)/python -m gba_tech_transfer.engines.bench

# The other engines' adapters, on top of requirements.txt (constrained by it), only for the targets that use them.
$(VENV)/.installed-%: requirements-%.txt $(STAMP)
	$(BIN)/pip install --quiet -c requirements.txt -r $<
	@touch $@

## test-postgres / test-spark: the test export (a sample of the bundled mix + trap rows) built on DuckDB and on
## PostgreSQL 15 (a throwaway server on loopback, stopped afterwards) or Spark (local, throwaway warehouse), the
## dbt tests run on each, then every mart compared with DuckDB's, row for row (python/tests/test_engine_parity.py).
test-postgres: $(VENV)/.installed-postgres
	$(BIN)/python -m gba_tech_transfer.engines test postgres

test-spark: $(VENV)/.installed-spark
	$(BIN)/python -m gba_tech_transfer.engines test spark

## test-spark-cluster: the same on a Spark standalone cluster (a master, two one-core workers, the Thrift server;
## throwaway, on loopback, stopped afterwards: python/gba_tech_transfer/engines/spark_cluster.py) through dbt-spark's
## `thrift` method (target spark_cluster); then python/tests/test_spark_cluster.py interrupts a cluster run
## (SIGINT, SIGTERM, SIGKILL) and checks that nothing is left running. Not in `make test`.
test-spark-cluster: $(VENV)/.installed-spark
	$(BIN)/python -m gba_tech_transfer.engines test spark-cluster
	GBA_SPARK_CLUSTER_TESTS=1 $(BIN)/pytest -q -p no:cacheprovider python/tests/test_spark_cluster.py

clean:
	rm -rf target logs $(SCRATCH)
