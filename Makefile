# DREAM — `make run` serves the system, `make test` runs every test.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
SAMPLE := data/seeds/2024-implementation-plan.txt
DIGITAL_SAMPLE := data/seeds/2023-digital-plan.txt

.DEFAULT_GOAL := help
.PHONY: help run test lint bench bench-data export serve fuzz

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e ".[test]"
	touch $(STAMP)

run: $(STAMP) ## set up SQLite, load both plans, seed agencies and pilot districts, propose links, demo accounts, serve on http://127.0.0.1:8000
	$(BIN)/dream migrate --noinput
	$(BIN)/dream collectstatic --noinput -v 0
	$(BIN)/dream import-plan $(SAMPLE)
	$(BIN)/dream import-plan $(DIGITAL_SAMPLE)
	$(BIN)/dream seed-agencies
	$(BIN)/dream seed-pilot-districts
	$(BIN)/dream propose-links
	$(BIN)/dream ensure-admin
	$(BIN)/dream demo-accounts
	$(BIN)/dream runserver 127.0.0.1:8000

serve: $(STAMP) ## production mode through gunicorn on http://127.0.0.1:8000 (see deploy/)
	deploy/serve-local

test: $(STAMP) ## run the whole test suite (DATABASE_URL picks the database)
	$(BIN)/pytest

lint: $(STAMP) ## ruff
	$(BIN)/ruff check .

# Sizes for benchmarks/scale.py (real, 100k, 1m) and timed requests per URL and concurrency;
# quick look: `make bench SIZES=real BENCH_REQUESTS=5`. BENCH_PG_URL adds PostgreSQL.
SIZES ?= real,100k,1m
BENCH_REQUESTS ?= 30
bench: $(STAMP) ## print the benchmark figures, DREAM beside Datasette at real, 100k and 1m tasks
	$(BIN)/pip install -q -e ".[bench]"
	$(BIN)/python benchmarks/import_plan.py
	$(BIN)/python benchmarks/pages.py
	$(BIN)/python benchmarks/cycle.py
	$(BIN)/python benchmarks/evaluation.py
	$(BIN)/python benchmarks/allocation.py
	$(BIN)/python benchmarks/scale.py --sizes $(SIZES) --requests $(BENCH_REQUESTS)

TASKS ?= 100000
bench-data: $(STAMP) ## benchmarks only: grow the database (DREAM_DATA_DIR or DATABASE_URL) to TASKS tasks
	$(BIN)/dream bench-data --tasks $(TASKS)

FUZZ_DOCUMENTS ?= 5000
FUZZ_UPLOADS ?= 5000
FUZZ_JOBS ?= $(shell nproc)
fuzz: $(STAMP) ## the long fuzz: 10,000 mutated documents and uploads on throw-away databases
	$(BIN)/python -m tests.fuzz.run --documents $(FUZZ_DOCUMENTS) --uploads $(FUZZ_UPLOADS) --jobs $(FUZZ_JOBS)

export: $(STAMP) ## write the open data package to var/opendata
	$(BIN)/dream export --format datapackage var/opendata
