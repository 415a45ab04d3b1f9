# e-Performance warehouse. `make demo` and `make test` are all a newcomer needs.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export EPERF_DATA_DIR ?= $(CURDIR)/data
DAGSTER_PORT ?= 3000
DASHBOARD_PORT ?= 8501

.PHONY: install demo demo-data pipeline serve dev test test-slow test-spark lint dbt-unit clean screenshots bench-dashboard bench bench-load

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP) ## Create .venv and install the project with its dev tools

demo-data: $(STAMP) ## Generate the demo sources (about 2,000 employees x 3 months)
	$(BIN)/eperf demo-data

pipeline: $(STAMP) ## Ingest the sources, build every mart, publish (no server)
	$(BIN)/eperf run

serve: $(STAMP) ## Serve the dashboard on http://127.0.0.1:8501
	$(BIN)/eperf serve

demo: $(STAMP) ## Install, generate demo sources, run the pipeline, serve the dashboard
	@start=$$(date +%s); $(BIN)/eperf demo-data; t1=$$(date +%s); \
	$(BIN)/eperf run; t2=$$(date +%s); \
	echo "demo-data $$((t1-start)) s, pipeline $$((t2-t1)) s"
	@echo "Demo sign-in: menteri / menteri (see dashboards/README.md for the other roles)"
	EPERF_DEMO_LOGIN=1 $(BIN)/eperf serve

dev: $(STAMP) ## Dagster UI (http://127.0.0.1:3000) and the dashboard (http://127.0.0.1:8501) together
	export DAGSTER_HOME=$${DAGSTER_HOME:-$(EPERF_DATA_DIR)/dagster_home}; \
	$(BIN)/python -m orchestration.instance >/dev/null; \
	$(BIN)/dagster dev -m orchestration.definitions -h 127.0.0.1 -p $(DAGSTER_PORT) & dagster_pid=$$!; \
	trap 'kill $$dagster_pid 2>/dev/null; wait $$dagster_pid' EXIT INT TERM; \
	EPERF_DEMO_LOGIN=1 $(BIN)/eperf serve --port $(DASHBOARD_PORT)

# Two worker processes (pytest-xdist), a test file each at a time: most of a test's time is one
# Python process (Dagster, dbt's parse and its nodes, a browser session) on one core, so two
# cores finish the suites in about 60 % of the time. A file's tests share its module fixtures.
TEST_WORKERS ?= 2
PYTEST_PARALLEL := -n $(TEST_WORKERS) --dist loadfile

test: lint ## Lint, then the whole fast suite (unit, dbt unit tests, end-to-end)
	$(BIN)/pytest -m "not slow" $(PYTEST_PARALLEL) --durations=30

test-slow: $(STAMP) ## Long suites (run by .ci/run as a separate step)
	$(BIN)/pytest -m "slow and not spark" $(PYTEST_PARALLEL) --durations=30

SPARK_STAMP := $(VENV)/.installed-spark
$(SPARK_STAMP): $(STAMP) pyproject.toml
	$(BIN)/pip install --quiet -e ".[dev,spark]"
	touch $(SPARK_STAMP)

test-spark: $(SPARK_STAMP) ## The same dbt models and tests on Apache Spark (local, Java 17)
	$(BIN)/pytest -m spark

screenshots: $(STAMP) ## Browser walk-through (every role, every page, 1280 px) over a generated release; saves docs/screenshots/<page>.png
	EPERF_SCREENSHOT_DIR=docs/screenshots $(BIN)/pytest tests/browser -m browser

bench-dashboard: $(STAMP) ## First-render and drill-step seconds of the dashboard at 40,000 employees
	$(BIN)/eperf bench-dashboard --employees 40000 --months 3

bench: $(STAMP) ## Time every stage on generated sources (README "Performance"); BENCH_ARGS to change
	$(BIN)/eperf bench $(or $(BENCH_ARGS),--employees 10000 --months 3)

bench-load: $(STAMP) ## Dashboard under 20 browser sessions while a run publishes (system Chromium)
	$(BIN)/eperf bench-load --sessions 20

# sqlfluff compiles the models with dbt (.sqlfluff), which opens the warehouse: an in-memory
# one, so linting never reads or locks a real warehouse file.
lint: $(STAMP) ## ruff on the Python code, the import layers, sqlfluff (dbt templater) on the dbt models
	$(BIN)/ruff check .
	$(BIN)/lint-imports --no-cache
	EPERF_WAREHOUSE=:memory: $(BIN)/sqlfluff lint dbt_project/models

clean:
	rm -rf data dbt_project/target dbt_project/logs .pytest_cache
