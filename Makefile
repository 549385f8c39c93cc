# Rotawell: the two Quick start commands (`make run`, `make test`) and the developer helpers.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
export FLASK_APP := wellbeing:create_app

.PHONY: run test bench setup db seed clean

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

test: setup
	$(PY) -m pytest -q

bench: setup
	$(PY) -m bench.run

clean:
	rm -rf $(VENV) instance .pytest_cache .hypothesis
