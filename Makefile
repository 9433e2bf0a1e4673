# Bank customer segmentation — run `make help` for the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON_BIN ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
export DBT_PROFILES_DIR := $(CURDIR)
# The demo's raw files: the only folder the project ever writes raw data into.
DEMO_DATA_PATH := $(abspath data/raw/demo)
BANKSEG_RAW_DATA_PATH ?= $(DEMO_DATA_PATH)
# absolute, so that every build of the same files (DuckDB, Spark) records the same file names
export BANKSEG_RAW_DATA_PATH := $(abspath $(BANKSEG_RAW_DATA_PATH))
# A bank's delivery: DELIVERY=deliveries/<name>.yml holds its settings (dbt vars: where the
# files are, their format, how they are written, the bank's codes), passed to dbt as --vars;
# its warehouse is warehouse/<name>.duckdb. Without it, the demo.
ifdef DELIVERY
export BANKSEG_DUCKDB_PATH ?= warehouse/$(basename $(notdir $(DELIVERY))).duckdb
DELIVERY_VARS = --vars "$$(cat $(DELIVERY))"
endif
export BANKSEG_DUCKDB_PATH ?= warehouse/bank_segmentation.duckdb
# The demo data is generated when the demo is built, never into a bank's folder.
DEMO_DATA := $(if $(DELIVERY),,$(if $(filter $(DEMO_DATA_PATH),$(BANKSEG_RAW_DATA_PATH)),data))

# BI tools read the snapshot a passing build publishes beside the warehouse, never the
# warehouse a build writes (bank_segmentation.publication says where; docs/publishing.md).
PUBLISHED_DUCKDB_PATH = $$($(BIN)/python -m bank_segmentation.publication $(BANKSEG_DUCKDB_PATH))
SHOW := $(BIN)/python -m bank_segmentation.show --database $(BANKSEG_DUCKDB_PATH)

DEMO_CUSTOMERS ?= 10000
DEMO_MONTHS ?= 6
DEMO_SEED ?= 42
DBT_FLAGS ?=
# The Czech bank (PKDD'99) files and the run on them: as-of 1994-03-30, 6-month lookback.
BANKSEG_BERKA_PATH ?= data/berka
BERKA_DUCKDB_PATH ?= warehouse/berka.duckdb
BERKA_FEATURES ?= transactions_per_month,recurring_income_amount,average_deposit_balance_amount,deposit_balance_trend_amount,online_share,cash_share,cash_withdrawal_per_month_amount,overdrawn_days_per_month
export BANKSEG_BERKA_PATH
# Month ends `make history` builds in order (3-month lookback fits the 6-month demo window).
HISTORY_AS_OF_DATES ?= 2025-04-30 2025-05-31 2025-06-30
HISTORY_LOOKBACK_MONTHS ?= 3

.PHONY: help setup browser data example-delivery build berka bench history export test lint format pytest segments \
	dashboard report quality docs clean lock spark-setup spark-build superset superset-down \
	superset-check superset-lock \
	spark-cluster-up spark-cluster-down spark-test spark-cluster-build bench-spark-cluster

help: ## Show this help
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  \033[36m%-10s\033[0m %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(INSTALLED): requirements.lock pyproject.toml
	@test -d $(VENV) || $(PYTHON_BIN) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	@touch $@

setup: $(INSTALLED) ## Create .venv and install the locked dependencies

# Spark extras (PySpark runs a local JVM: Java 17), kept out of requirements.lock for the
# plain DuckDB install: `make spark-test` installs them for the Spark tests.
SPARK_INSTALLED := $(VENV)/.spark-installed
$(SPARK_INSTALLED): requirements-spark.lock $(INSTALLED)
	@command -v java >/dev/null || { $(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq openjdk-17-jre-headless; }
	$(BIN)/python -m pip install --quiet -r requirements-spark.lock
	@touch $@

spark-setup: $(SPARK_INSTALLED) ## Install the Spark extras (PySpark, dbt-spark, Java 17 if missing)

# The same project on local Apache Spark (dbt-spark session method): the SQL layers run on
# Spark, the model fitted by the DuckDB build is imported, and every mart is compared with the
# DuckDB build. Spark's warehouse, metastore and logs live under SPARK_DIR.
SPARK_DIR ?= $(CURDIR)/warehouse/spark
SPARK_MODEL := $(SPARK_DIR)/segmentation_model.parquet
spark-build: spark-setup build ## Build on local Spark with the DuckDB-fitted model; compare marts
	$(BIN)/python -m bank_segmentation.export --database $(BANKSEG_DUCKDB_PATH) \
		--model-registry $(SPARK_MODEL)
	BANKSEG_TARGET=spark BANKSEG_SPARK_HOME=$(SPARK_DIR) SPARK_LOCAL_IP=127.0.0.1 \
		BANKSEG_SEGMENTATION_MODEL_PATH=$(SPARK_MODEL) \
		$(BIN)/dbt build $(DBT_FLAGS) --target-path target/spark
	$(BIN)/python -m bank_segmentation.engine_comparison --duckdb $(BANKSEG_DUCKDB_PATH) \
		--spark-tables $(SPARK_DIR)/warehouse/bank_segmentation.db --manifest target/spark/manifest.json

# The same build on a Spark cluster: a standalone master, two workers and the Spark Thrift
# Server started on this machine from the pinned PySpark distribution
# (bank_segmentation.spark_cluster), dbt connected through thrift (target spark_cluster), the
# model fitted on the driver from the cluster's own features (bank_segmentation.driver_fit: the
# layers, the fit, the rest), every mart and the registry compared with the DuckDB build, the
# cluster stopped whatever happened (no Spark process left).
SPARK_CLUSTER_DIR ?= $(CURDIR)/warehouse/spark-cluster
SPARK_THRIFT_PORT ?= 10000
SPARK_CLUSTER := $(BIN)/python -m bank_segmentation.spark_cluster
spark-cluster-up: spark-setup ## Start the local Spark cluster (master, 2 workers, Thrift server)
	$(SPARK_CLUSTER) up --home $(SPARK_CLUSTER_DIR) --thrift-port $(SPARK_THRIFT_PORT)

spark-cluster-down: ## Stop the local Spark cluster and every process it started
	$(SPARK_CLUSTER) down --home $(SPARK_CLUSTER_DIR)

spark-test: setup spark-setup ## The Spark tests: session build, PySpark models, cluster (~12 min; a CI step)
	$(BIN)/pytest -m spark

spark-cluster-build: spark-setup build ## Build on a local Spark cluster through thrift, its own fit; compare
	$(SPARK_CLUSTER) up --home $(SPARK_CLUSTER_DIR) --thrift-port $(SPARK_THRIFT_PORT) && \
	trap '$(SPARK_CLUSTER) down --home $(SPARK_CLUSTER_DIR)' EXIT && \
	BANKSEG_TARGET=spark_cluster BANKSEG_SPARK_PORT=$(SPARK_THRIFT_PORT) \
		$(BIN)/python -m bank_segmentation.driver_fit --exchange $(SPARK_CLUSTER_DIR)/driver_fit \
		$(DBT_FLAGS) --target-path target/spark-cluster && \
	$(BIN)/python -m bank_segmentation.engine_comparison --duckdb $(BANKSEG_DUCKDB_PATH) \
		--spark-tables $(SPARK_CLUSTER_DIR)/warehouse/bank_segmentation.db \
		--manifest target/spark-cluster/manifest.json

# The browser tests drive Debian's Chromium (no browser download); installed once per machine.
CHROMIUM := /usr/bin/chromium
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
browser: ## Install Debian's chromium + chromium-driver for the browser tests (apt)
	@test -x $(CHROMIUM) || { $(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium chromium-driver; }

$(DEMO_DATA_PATH)/customers.parquet: | $(INSTALLED)
	$(BIN)/python -m bank_segmentation.generate --customers $(DEMO_CUSTOMERS) \
		--months $(DEMO_MONTHS) --seed $(DEMO_SEED) --out $(DEMO_DATA_PATH)

data: $(DEMO_DATA_PATH)/customers.parquet ## Generate the demo bank data into data/raw/demo if missing

# The demo written as a bank delivers it (deliveries/example_bank.yml says how), to try the
# own-data command on: make example-delivery && make build DELIVERY=deliveries/example_bank.yml
EXAMPLE_DELIVERY_PATH := data/raw/example_bank
example-delivery: data ## Write the demo as a bank's delivery (cp1252, ';', monthly files) into data/raw/example_bank
	rm -rf $(EXAMPLE_DELIVERY_PATH)
	$(BIN)/python -m bank_segmentation.demo_data.delivery --source $(DEMO_DATA_PATH) \
		--out $(EXAMPLE_DELIVERY_PATH) --like deliveries/example_bank.yml --monthly transactions

build: setup $(DEMO_DATA) ## Install, dbt build (the demo, or DELIVERY=deliveries/<name>.yml), show the outcome
	@$(if $(DELIVERY),test -f $(DELIVERY) || { echo "no delivery file $(DELIVERY): copy deliveries/example_bank.yml and describe your files in it" >&2; exit 2; })
	@$(if $(DELIVERY),grep -qE '^raw_data_path: *[^ #]' $(DELIVERY) || { echo "$(DELIVERY) names no raw_data_path: add the folder of the bank's files (raw_data_path: /path/to/files)" >&2; exit 2; })
	@mkdir -p $(dir $(BANKSEG_DUCKDB_PATH))
	$(BIN)/dbt build $(DBT_FLAGS) $(DELIVERY_VARS) || { $(SHOW) --failed-build; exit 1; }
	@$(SHOW)

berka: setup ## Build everything on the real Czech bank data (Berka) and print the segments
	@mkdir -p $(dir $(BERKA_DUCKDB_PATH))
	BANKSEG_DUCKDB_PATH=$(BERKA_DUCKDB_PATH) $(BIN)/dbt build $(DBT_FLAGS) --vars \
		"{source_adapter: berka, currency: CZK, as_of_date: '1994-03-30', lookback_months: 6, segmentation_features: '$(BERKA_FEATURES)'}"
	@$(BIN)/python -m bank_segmentation.show --database $(BERKA_DUCKDB_PATH)

BENCH_SCALES ?= 10000,100000,1000000
BENCH_REPEATS ?= 3,3,1
BENCH_BASELINE_TIMEOUT ?= 900
BENCH_SPARK_SCALES ?= 10000,100000
bench: setup ## Benchmark (not in make test): ours vs the pandas notebook vs the DuckDB floor
	$(BIN)/python -m bank_segmentation.benchmark --scales $(BENCH_SCALES) \
		--repeats $(BENCH_REPEATS) --baseline-timeout $(BENCH_BASELINE_TIMEOUT) --workdir bench

bench-spark-cluster: setup spark-setup ## The 10k and 100k demo on the local Spark cluster beside DuckDB (~17 min)
	$(BIN)/python -m bank_segmentation.benchmark_spark --scales $(BENCH_SPARK_SCALES) --workdir bench

history: setup $(DEMO_DATA) ## Build consecutive month ends in order so history and migration fill up
	@mkdir -p $(dir $(BANKSEG_DUCKDB_PATH))
	@for as_of in $(HISTORY_AS_OF_DATES); do \
		echo "== as-of $$as_of"; \
		$(BIN)/dbt build $(DBT_FLAGS) --vars "{as_of_date: '$$as_of', lookback_months: $(HISTORY_LOOKBACK_MONTHS)}" \
			|| { $(SHOW) --failed-build; exit 1; }; \
	done
	@$(SHOW)

EXPORT_DIR ?= exports
export: setup ## Campaign lists (CSV + Parquet), BI marts and a manifest of the published snapshot into EXPORT_DIR (HASH_IDS=1 hashes ids)
	$(BIN)/python -m bank_segmentation.export --database $(PUBLISHED_DUCKDB_PATH) --out $(EXPORT_DIR) \
		$(if $(HASH_IDS),--hash-customer-ids)

# Lint renders the models against an empty scratch warehouse, so its answer does not depend on
# what a build left behind; it renders them three ways: as a first build, the models disabled
# by default with the vars that enable them, and the branches a build takes only on some data
# (var lint_data_dependent_branches: the incremental months, the currency conversion).
LINT_WAREHOUSE := target/lint/empty.duckdb
DISABLED_SQL := models/staging/berka models/adapters/berka \
	models/clustering/segmentation_model_imported.sql \
	tests/singular/berka_rows_reconcile_with_mapped_and_unmapped.sql
DATA_DEPENDENT_SQL = $(shell grep -rlE --include='*.sql' \
	'first_month_to_process\(\)|foreign_currencies\(\)' models)
SQLFLUFF_PASSES = \
	"models tests" \
	"--config .sqlfluff.disabled --disregard-sqlfluffignores $(DISABLED_SQL)" \
	"--config .sqlfluff.data_dependent $(DATA_DEPENDENT_SQL)"
lint: export BANKSEG_DUCKDB_PATH := $(LINT_WAREHOUSE)
lint: setup ## sqlfluff (SQL, each branch) and ruff (Python); violations fail
	@rm -rf $(dir $(LINT_WAREHOUSE)) && mkdir -p $(dir $(LINT_WAREHOUSE))
	@failed=0; for pass in $(SQLFLUFF_PASSES); do \
		echo "$(BIN)/sqlfluff lint $$pass"; $(BIN)/sqlfluff lint $$pass || failed=1; \
	done; exit $$failed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: export BANKSEG_DUCKDB_PATH := $(LINT_WAREHOUSE)
format: setup ## Fix what sqlfluff and ruff can fix
	@rm -rf $(dir $(LINT_WAREHOUSE)) && mkdir -p $(dir $(LINT_WAREHOUSE))
	@for pass in $(SQLFLUFF_PASSES); do \
		echo "$(BIN)/sqlfluff fix $$pass"; $(BIN)/sqlfluff fix $$pass; \
	done
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

pytest: setup browser ## pytest only (builds its own small warehouses; browser tests in Chromium)
	$(BIN)/pytest

test: lint pytest ## Everything CI checks: lint, pytest (incl. dbt build --warn-error on small data)

segments: setup ## Print the segments of the current warehouse
	@$(SHOW)

DASHBOARD_PORT ?= 8501
dashboard: setup ## Serve the segment dashboard of the published snapshot on http://localhost:8501
	$(BIN)/streamlit run bank_segmentation/presentation/dashboard.py \
		--server.port $(DASHBOARD_PORT) -- --database $(PUBLISHED_DUCKDB_PATH)

# Apache Superset reading the published snapshot, in its own virtual environment pinned by
# bi/superset/requirements.lock (never the product's); its state lives in .superset/.
SUPERSET_VENV := .superset-venv
SUPERSET_INSTALLED := $(SUPERSET_VENV)/.installed
SUPERSET_PORT ?= 8088
SUPERSET = $(BIN)/python -m bank_segmentation.superset --venv $(SUPERSET_VENV) --home .superset \
	--port $(SUPERSET_PORT) --snapshot $(PUBLISHED_DUCKDB_PATH)
$(SUPERSET_INSTALLED): bi/superset/requirements.lock
	@test -d $(SUPERSET_VENV) || $(PYTHON_BIN) -m venv $(SUPERSET_VENV)
	$(SUPERSET_VENV)/bin/python -m pip install --quiet -r bi/superset/requirements.lock
	@touch $@

superset: setup $(SUPERSET_INSTALLED) ## Serve a Superset dashboard of the published snapshot on 127.0.0.1:8088
	$(SUPERSET) up

superset-down: setup ## Stop the Superset `make superset` started
	$(SUPERSET) down

superset-check: setup browser $(SUPERSET_INSTALLED) ## Start Superset, check every chart's rows and screenshot the dashboard, stop it (a CI step)
	$(SUPERSET) check --screenshot artifacts/superset_dashboard.png

superset-lock: ## Re-resolve bi/superset/requirements.in into its lock file
	rm -rf /tmp/bankseg-superset-lock && $(PYTHON_BIN) -m venv /tmp/bankseg-superset-lock
	/tmp/bankseg-superset-lock/bin/pip install --quiet -r bi/superset/requirements.in
	{ echo '# Generated by `pip freeze --all` from requirements.in (make superset-lock). Installed by `make superset`.'; \
	  /tmp/bankseg-superset-lock/bin/pip freeze --all | grep -v "^pip=="; } > bi/superset/requirements.lock

REPORT_DIR ?= reports
report: setup ## Write reports/segment_report.html (self-contained) and reports/png/*.png of the published snapshot
	$(BIN)/python -m bank_segmentation.presentation.html_report --database $(PUBLISHED_DUCKDB_PATH) \
		--out $(REPORT_DIR)

quality: setup ## Segment quality on the demo data vs planted personas and the notebook baseline
	$(BIN)/python -m bank_segmentation.quality_report --database $(BANKSEG_DUCKDB_PATH) \
		--ground-truth $(BANKSEG_RAW_DATA_PATH)/ground_truth/customer_personas.parquet

docs: setup ## dbt docs generate (open target/index.html, or `dbt docs serve`)
	$(BIN)/dbt docs generate $(DELIVERY_VARS)

lock: ## Re-resolve requirements.in into requirements.lock
	rm -rf /tmp/bankseg-lock && $(PYTHON_BIN) -m venv /tmp/bankseg-lock
	/tmp/bankseg-lock/bin/pip install --quiet -r requirements.in
	{ echo '# Generated by `pip freeze --all` from requirements.in (make lock). Installed by `make setup`.'; \
	  /tmp/bankseg-lock/bin/pip freeze --all | grep -v "^pip=="; } > requirements.lock

clean: ## Remove dbt artefacts and the warehouse (keeps .venv and data)
	rm -rf target logs $(BANKSEG_DUCKDB_PATH) $(BANKSEG_DUCKDB_PATH).wal $(PUBLISHED_DUCKDB_PATH)
