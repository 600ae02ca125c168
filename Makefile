# The two commands of the README's quick start, and the checks behind them.
# Everything installs into .venv from the project's own requirement files.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO_EVENTS := $(addprefix tests/events/,inbound-alert.json \
	inbound-alert-redelivered.json inbound-unknown-sender.json \
	console-test-publish.json)

.PHONY: demo test lint types unit bench clean

demo: $(BIN)/wijkalert
	$(BIN)/wijkalert sandbox demo $(DEMO_EVENTS)

test: lint types unit

lint: $(BIN)/wijkalert
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

types: $(BIN)/wijkalert
	$(BIN)/mypy

unit: $(BIN)/wijkalert
	$(BIN)/pytest

bench: $(BIN)/wijkalert
	$(BIN)/python bench/pipeline.py

# The installed command doubles as the marker that the environment is ready;
# it is rebuilt whenever a requirement file changes.
$(BIN)/wijkalert: requirements.txt requirements-dev.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { \
		echo "wijkalert needs Python 3.11 or newer: run 'make PYTHON=python3.12 ...'." >&2; \
		exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check \
		-r requirements-dev.txt -e .
	touch $@

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache .hypothesis *.egg-info
