# One command to set up and run the demo, one to set up and run the tests.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: setup system-tools demo test lint

$(BIN)/govcorpus: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

# Python packages in .venv, then the system tools (apt-get as root; says what it could not install).
setup: $(BIN)/govcorpus system-tools

system-tools:
	@bash deploy/system-tools.sh

demo: setup
	$(BIN)/govcorpus demo

lint: setup
	$(BIN)/ruff check .

test: lint
	$(BIN)/pytest -q -rs --durations=15
