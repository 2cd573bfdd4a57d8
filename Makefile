# The two commands in the README: `make run` and `make test`. Both start from nothing but Python.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install messages run test lint check migrate seed clean bench bench-scale bench-jobs bench-load audit

$(STAMP): requirements.txt requirements-dev.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed; set PYTHON=python3.11")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP) messages

# Translations: the .mo files are built from the committed .po files, never committed themselves.
messages: $(STAMP)
	$(BIN)/python manage.py compile_translations -v0

migrate: install
	$(BIN)/python manage.py migrate --noinput

seed: migrate
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py flag_overdue --no-email
	$(BIN)/python manage.py compute_risk
	$(BIN)/python manage.py validate_risk --save --companies 40 --seeds 1,2,3

run: seed
	@echo ""
	@echo "  Starting the site, a Celery worker and beat. Stop with Ctrl-C."
	@echo "  Public site:  http://$(HOST):$(PORT)/   (Vietnamese: /vi/, public API: /api/public/v1/)"
	@echo "  Admin:  http://$(HOST):$(PORT)/admin/   (logins above, password: demo)"
	@echo ""
	PATH="$(CURDIR)/$(BIN):$$PATH" HOST=$(HOST) WEB_PORT=$(PORT) $(BIN)/honcho --procfile Procfile start

# One test process a core (pytest-xdist), each on its own test database and Celery queues; tests marked
# with one xdist_group (the streaming-replica tests) run in one process.
test: install
	$(BIN)/python -m pytest --create-db --numprocesses auto --dist loadgroup $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .

check: install
	$(BIN)/python manage.py makemigrations --check --dry-run

# Not part of the suite. `make bench` builds, with `manage.py seed_scale`, a whole record of 100,000 commitments
# and one of BENCH_COMMITMENTS, each in a database of its own (kept and reused while it has that size), and
# prints every figure of the scale targets at both sizes, each the median of BENCH_REPEAT runs, ending with a
# table of figure | measured | target | ok? (tests/perf/bench_scale.py); then loads the public site on gunicorn
# with 20, 50 and 100 simulated citizens (tests/perf/load_public.py). `make bench-jobs` times the overdue job
# against hand-written SQL and the risk job at two sizes on a smaller world of their own (bench_overdue.py,
# bench_risk.py), and the CSV and JSON exports against psql \copy of the same rows (bench_exports.py).
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/amb_perf
BENCH_SCALE_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/amb_perf_scale
BENCH_COMMITMENTS ?= 1000000
BENCH_REPEAT ?= 5
bench: bench-scale bench-load

bench-scale: install
	BENCH_DATABASE_URL=$(BENCH_SCALE_DATABASE_URL)_100k $(BIN)/python tests/perf/bench_scale.py --commitments 100000 \
		--reuse --repeat $(BENCH_REPEAT)
	BENCH_DATABASE_URL=$(BENCH_SCALE_DATABASE_URL) $(BIN)/python tests/perf/bench_scale.py \
		--commitments $(BENCH_COMMITMENTS) --reuse --repeat $(BENCH_REPEAT)

bench-jobs: install
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python tests/perf/bench_overdue.py --commitments $(BENCH_COMMITMENTS)
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python tests/perf/bench_exports.py --reuse
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python tests/perf/bench_risk.py --commitments $(BENCH_COMMITMENTS)

bench-load: install
	$(BIN)/python tests/perf/load_public.py

# Known vulnerabilities in the pinned requirements (needs the advisory service at pypi.org).
audit: install
	$(BIN)/pip-audit --requirement requirements.txt --requirement requirements-dev.txt --no-deps --disable-pip --strict --progress-spinner off

clean:
	rm -rf $(VENV) var db.sqlite3 .pytest_cache .ruff_cache .hypothesis test-artifacts
	find ambassador -name '*.mo' -delete
