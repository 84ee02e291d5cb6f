# Two commands: `make run` serves the dashboard, `make test` runs the whole suite.
# Both create .venv from the lock file on first use, with nothing but Python 3.11 on the machine.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: install run test lint chromium lock clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): requirements.lock pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	$(BIN)/frontline assets
	touch $@

install: $(STAMP)

run: install
	$(BIN)/frontline run

chromium:
	@[ -x /usr/bin/chromium ] || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null; }

lint: install
	$(BIN)/ruff check .

test: install chromium lint
	$(BIN)/python -m pytest

lock: install
	$(BIN)/uv pip compile pyproject.toml --extra test --extra dev --universal \
	  --python-version 3.11 --generate-hashes --quiet -o requirements.lock

clean:
	rm -rf $(VENV) static/vendor tests/artifacts
