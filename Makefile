# Two commands do all the set-up: `make demo` (the main job, offline) and `make test` (the whole suite).
# Both install from requirements.lock (every package pinned with its hashes, CPython 3.11 on Linux x86_64);
# `make lock` refreshes it after a change to pyproject.toml (docs/development.md).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# `make lock LOCKFLAGS=--upgrade` moves every pin to the newest release the bounds in pyproject.toml allow.
LOCKFLAGS ?=

.PHONY: demo test install lint typecheck lock

# The project is installed editable as a path in a .pth file (setuptools' compat mode): the default
# editable finder is a meta-path hook imported by every Python start, ~0.03 s of each command.
$(BIN)/mediamon: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation --config-settings editable_mode=compat -e .
	touch $(BIN)/mediamon

install: $(BIN)/mediamon

demo: install
	$(BIN)/mediamon demo

test: install
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check .

typecheck: install
	$(BIN)/mypy

lock: install
	CUSTOM_COMPILE_COMMAND="make lock" $(BIN)/pip-compile --quiet $(LOCKFLAGS) --generate-hashes --allow-unsafe \
		--strip-extras --extra dev --build-deps-for editable --no-emit-index-url --no-emit-find-links \
		--no-emit-trusted-host -o requirements.lock pyproject.toml
