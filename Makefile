# The two commands of the README's quick start, and the checks behind them.
# Everything installs into .venv from the project's own requirement files.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO_EVENTS := $(addprefix tests/events/,inbound-alert.json \
	inbound-alert-redelivered.json inbound-unknown-sender.json \
	console-test-publish.json)
STAGES := dev prod
PACKAGE_INPUTS := app.py $(wildcard chalicelib/*.py) requirements.txt \
	.chalice/config.json $(wildcard .chalice/policy-*.json) infra/template.yaml \
	infra/pin_stage.py

.PHONY: demo test lint types package unit chromium report-demo bench clean
# A template that fails cfn-lint is removed, so the next run lints it again.
.DELETE_ON_ERROR:

demo: $(BIN)/wijkalert
	$(BIN)/wijkalert sandbox demo $(DEMO_EVENTS)

test: lint types package unit

lint: $(BIN)/wijkalert
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

types: $(BIN)/wijkalert
	$(BIN)/mypy

# build/<stage>/: the deployment zip and the merged template docs/deploy.md
# deploys. Rebuilt only when the code, requirements, policy or template change.
package: $(STAGES:%=build/%/sam.yaml)

# `chalice package` reaches no AWS service, but wants a region to name; the
# template itself uses the region it is deployed to. A developer's profile is
# kept out so it cannot point the packaging anywhere.
build/%/sam.yaml: $(PACKAGE_INPUTS) $(BIN)/wijkalert
	rm -rf build/$*
	env -u AWS_PROFILE AWS_DEFAULT_REGION=eu-west-1 $(BIN)/chalice package \
		--stage $* --merge-template infra/template.yaml build/$*
	$(BIN)/python infra/pin_stage.py $@ $*
	$(BIN)/cfn-lint $@

unit: chromium $(BIN)/wijkalert
	$(BIN)/pytest

# The report's test opens it in Debian's Chromium. As root (CI) it is installed
# here; elsewhere, or when the install fails, that one test says so and skips.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
			{ apt-get update -qq && \
				DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } \
				>/dev/null || echo "Could not install chromium; its test will skip." >&2; \
		else \
			echo "chromium is missing (install Debian's chromium as root); its test will skip." >&2; \
		fi; }

# The README's picture of the monthly report: a made-up November in Molenwijk,
# reported on the embedded backend as the API reports it, shot by Chromium.
report-demo: chromium $(BIN)/wijkalert
	mkdir -p build
	$(BIN)/wijkalert sandbox report --month 2026-11 --out build/report-demo.html
	chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--hide-scrollbars --user-data-dir=build/chromium-profile \
		--window-size=800,1500 --screenshot=docs/report-demo.png \
		file://$(CURDIR)/build/report-demo.html

bench: package
	$(BIN)/python bench/pipeline.py
	$(BIN)/python bench/encoding.py
	$(BIN)/python bench/package.py $(STAGES:%=build/%/deployment.zip)

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
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache .hypothesis *.egg-info build
