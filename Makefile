# Rotawell: the two Quick start commands (`make run`, `make test`) and the developer helpers.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
export FLASK_APP := wellbeing:create_app

.PHONY: run test bench bench-hr bench-web prod setup db seed clean browser

$(VENV)/installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

setup: $(VENV)/installed

db: setup
	$(PY) -m flask db upgrade

seed: db
	$(PY) -m flask demo seed --if-empty

run: seed
	$(PY) -m flask run --host 127.0.0.1 --port 5000

# Browser tests drive Debian's Chromium (never a downloaded browser); install it once if missing.
browser:
	@command -v chromium >/dev/null 2>&1 || { echo "Installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

# The suite runs in one process more than there are cores (pytest-xdist; every test has its own
# database, port and queue, and many wait on servers and subprocesses, so the extra one keeps the
# cores busy), then the few time-limited solver searches marked `alone` run one at a time on a quiet CPU.
TEST_PROCESSES ?= $(shell echo $$(( $$(nproc) + 1 )))
test: setup browser
	$(PY) -m ruff check .
	$(PY) -m pytest -q -n $(TEST_PROCESSES) -m "not alone"
	$(PY) -m pytest -q -m alone

bench: setup
	$(PY) -m bench.run

# HR dashboards and exports on 1,000 members, two years (SQLite, and PostgreSQL at BENCH_PG_URL).
bench-hr: setup
	$(PY) -m bench.hr

# The web app at organisation size on the local PostgreSQL and Redis (bench/web.py), loaded by Debian's wrk
# (installed once if missing); results in bench/results.md.
bench-web: setup
	@command -v wrk >/dev/null 2>&1 || { echo "Installing Debian's wrk for the web benchmark"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; }
	$(PY) -m bench.web

# Production on one machine: gunicorn (WEB_CONCURRENCY workers) and RQ_WORKERS solve workers from the
# Procfile, run by honcho. Needs DATABASE_URL (PostgreSQL), REDIS_URL and SECRET_KEY in the environment.
RQ_WORKERS ?= 2
prod: setup
	@test -n "$$DATABASE_URL" || { echo "make prod: set DATABASE_URL=postgresql://..." >&2; exit 2; }
	@test -n "$$REDIS_URL" || { echo "make prod: set REDIS_URL=redis://..." >&2; exit 2; }
	@test -n "$$SECRET_KEY" || { echo "make prod: set SECRET_KEY (python -c 'import secrets; print(secrets.token_hex())')" >&2; exit 2; }
	ROTAWELL_CONFIG=production $(PY) -m flask db upgrade
	ROTAWELL_CONFIG=production PATH="$(CURDIR)/$(VENV)/bin:$$PATH" \
	  PROMETHEUS_MULTIPROC_DIR="$${PROMETHEUS_MULTIPROC_DIR:-$(CURDIR)/instance/metrics}" \
	  $(VENV)/bin/honcho start -f Procfile -c worker=$(RQ_WORKERS)

clean:
	rm -rf $(VENV) instance .pytest_cache .hypothesis
