# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
REGISTRY ?= registry

.PHONY: run test readme lint schemas bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

## run: install bieb and show the network on the bundled registry
run: $(VENV)/.installed
	$(BIN)/bieb validate --registry $(REGISTRY)
	$(BIN)/bieb overview --registry $(REGISTRY)

$(VENV)/.installed-browser: $(VENV)/.installed-test
	sh tests/site/install_browser.sh $(VENV)
	touch $@

# The third-party checkers that must agree with bieb (tests/install_tools.sh says which).
$(VENV)/.installed-tools: $(VENV)/.installed-test tests/install_tools.sh
	sh tests/install_tools.sh $(VENV)
	touch $@

## test: install the test dependencies and run the whole suite
test: $(VENV)/.installed-browser $(VENV)/.installed-tools
	$(BIN)/ruff check innovatiebieb tests benchmarks
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/python -m pytest

## readme: replay the README's sessions and write bieb's real output into README.md
readme: $(VENV)/.installed
	$(BIN)/python -m tests.readme_replay --write

## schemas: regenerate schemas/ from the models
schemas: $(VENV)/.installed
	$(BIN)/bieb schema export --out schemas

## bench: time bieb and check-jsonschema on generated 1k and 10k registries
bench: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python benchmarks/run.py --write docs/benchmarks.md

clean:
	rm -rf $(VENV) benchmarks/generated .pytest_cache .mypy_cache .ruff_cache
