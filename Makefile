# Court self-service API. `make run` serves the local stack; `make test` runs every test layer.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION := 20

.PHONY: help install run test test-unit test-functional test-integration test-e2e lint audit fmt token stats-rebuild clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(STAMP): requirements.txt requirements-dev.txt
	@test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade 'pip<26.3'
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	@touch $(STAMP)

install: $(STAMP)  ## create .venv and install the pinned requirements

run: $(STAMP)  ## moto_server + tables/topics/queues + demo data + chalice local on :8000
	$(BIN)/python -m devtools.run_local

test: $(STAMP) lint  ## lint, then every test layer (unit, functional, integration, e2e)
	$(BIN)/python -m pytest -q

test-unit: $(STAMP)  ## pure tests, no network
	$(BIN)/python -m pytest -q tests/unit

test-functional: $(STAMP)  ## routes through chalice.test.Client on in-process moto
	$(BIN)/python -m pytest -q tests/functional

test-integration: $(STAMP)  ## repository contract suite against a moto server
	$(BIN)/python -m pytest -q tests/integration

test-e2e: $(STAMP)  ## HTTP against chalice local + moto_server started by the tests
	$(BIN)/python -m pytest -q tests/e2e

lint: $(STAMP)  ## ruff, mypy --strict, bandit (make audit checks the dependencies)
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/bandit -q -r chalicelib app.py

audit: $(STAMP)  ## pip-audit of the Lambda's requirements (needs a vulnerability service)
	$(BIN)/pip-audit --strict --progress-spinner off -r requirements.txt

fmt: $(STAMP)  ## apply ruff's import sorting and fixes
	$(BIN)/ruff check --fix .

token: $(STAMP)  ## print a local token, e.g. make token ROLE=judge SUB=J001 COURT=沪0101
	@$(BIN)/python -m devtools.token $(ROLE) $(if $(SUB),--sub $(SUB)) $(if $(COURT),--court $(COURT)) $(if $(PHONE),--phone $(PHONE))

stats-rebuild: $(STAMP)  ## recompute a day's statistics from its tickets: make stats-rebuild DATE=2026-11-30 COURT=沪0101
	$(BIN)/python -m devtools.stats_rebuild --date $(DATE) --court $(COURT)

clean:  ## remove the venv and caches
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
