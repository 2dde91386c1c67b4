# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test lint format bench bytecode clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Installed once per change of pyproject.toml; the stamp files remember it.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@ $(VENV)/.installed

# Our modules' bytecode, written ahead: pip compiles what it installs, but not an editable
# install's sources, and where PYTHONDONTWRITEBYTECODE is set each launch compiled them again
# (a tenth of the dashboard's start). Quick when nothing changed.
bytecode: $(VENV)/.installed
	$(BIN)/python -m compileall -q app storage

run: bytecode
	$(BIN)/tallywatch

test: $(VENV)/.installed-test bytecode
	$(BIN)/ruff check app storage tests bench
	$(BIN)/python -m pytest

lint: $(VENV)/.installed-test
	$(BIN)/ruff check app storage tests bench
	$(BIN)/ruff format --check app storage tests bench

format: $(VENV)/.installed-test
	$(BIN)/ruff format app storage tests bench
	$(BIN)/ruff check --fix app storage tests bench

bench: bytecode
	for script in bench/*.py; do $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache
