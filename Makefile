# Dân Vận — the two commands a newcomer needs:
#   make run    install everything, prepare the database and demo data, serve on http://127.0.0.1:8000
#   make test   install everything and run the whole test suite (lint, types, unit, integration, browser)
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
DANVAN := $(VENV)/bin/danvan
HOST ?= 127.0.0.1
PORT ?= 8000
DEMO_SIZE ?= small
PYTEST_ARGS ?=
export DANVAN_DATA_DIR ?= $(CURDIR)/var

.PHONY: run test lint typecheck pytest faults bench install static system-deps clean

$(VENV)/.installed: pyproject.toml
	@PYBIN=$$(scripts/find-python.sh) && { [ -x $(PY) ] || $$PYBIN -m venv $(VENV); }
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	@touch $@

install: $(VENV)/.installed static

node_modules/.installed: package.json
	@command -v npm >/dev/null || scripts/system-deps.sh
	npm install --no-audit --no-fund --loglevel=error
	@touch $@

static: node_modules/.installed

system-deps:
	@scripts/system-deps.sh

run: install
	$(DANVAN) compilemessages --ignore '.venv' --ignore 'node_modules' -v 0
	$(DANVAN) migrate --noinput -v 0
	$(DANVAN) territory load
	$(DANVAN) demo --size $(DEMO_SIZE)
	$(DANVAN) collectstatic --noinput -v 0
	$(DANVAN) notifications schedule
	@$(DANVAN) demo --print-logins
	@echo "Dân Vận: http://$(HOST):$(PORT)/  (data: $(DANVAN_DATA_DIR))"
	@# The petitions' analysis (field suggestion, duplicates) and the task worker (django.tasks: background
	@# imports) run in their own processes beside the web workers, and stop with them.
	$(DANVAN) petitions enrich --watch & watcher=$$!; \
	  $(DANVAN) db_worker --queue-name '*' & tasks=$$!; \
	  trap 'kill -TERM $$watcher $$tasks 2>/dev/null; wait $$watcher $$tasks' EXIT; \
	  $(VENV)/bin/gunicorn -c gunicorn.conf.py danvan.wsgi:application --bind $(HOST):$(PORT) --workers 2 --threads 4 \
	  --access-logfile - --graceful-timeout 10 --timeout 60

lint: install
	$(VENV)/bin/ruff check src bench gunicorn.conf.py
	$(VENV)/bin/ruff format --check src bench gunicorn.conf.py
	PYTHONPATH=src $(VENV)/bin/lint-imports

typecheck: install
	$(VENV)/bin/mypy src/danvan src/danvan_devtools

pytest: system-deps install
	$(DANVAN) compilemessages --ignore '.venv' --ignore 'node_modules' -v 0
	DANVAN_FAULTS=1 $(VENV)/bin/pytest -n 2 --dist loadgroup $(PYTEST_ARGS)

# The PostgreSQL restart fault test, alone (it restarts the server under everyone's feet).
faults: install
	DANVAN_FAULTS=1 DANVAN_FAULT_PG_RESTART=1 $(VENV)/bin/pytest -p no:xdist -q src/danvan/api/tests/test_faults.py

test: lint typecheck pytest

bench: install
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) node_modules var staticfiles
