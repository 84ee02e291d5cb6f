# Two commands: `make run` serves the dashboard, `make test` runs the whole suite.
# Both create .venv from the lock file on first use, with nothing but Python 3.11 on the machine.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: install run test lint chromium postgresql lock clean

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
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# The store tests start their own throwaway PostgreSQL (tests/postgres.py) from the server
# binaries; Debian's package is installed without the system cluster it would otherwise create
# and start (a drop-in that lives only for the install), so no server of ours is left running.
PG_NO_CLUSTER := /etc/postgresql-common/createcluster.d/zz-frontline-make-test.conf

postgresql:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || \
	[ -x "$$(pg_config --bindir 2>/dev/null)/initdb" ] || { \
	  echo "Installing Debian's postgresql for the store tests (no system cluster)"; \
	  $(SUDO) mkdir -p $(dir $(PG_NO_CLUSTER)) && \
	  echo "create_main_cluster = false" | $(SUDO) tee $(PG_NO_CLUSTER) >/dev/null && \
	  $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; \
	  status=$$?; $(SUDO) rm -f $(PG_NO_CLUSTER); exit $$status; }

lint: install
	$(BIN)/ruff check .

# One worker per core (pytest-xdist), each test file on one worker, so a module's shared
# dashboard server and its tests stay together.
test: install chromium postgresql lint
	FRONTLINE_TEST_POSTGRES=require $(BIN)/python -m pytest -n auto --dist loadfile --durations=15

lock: install
	$(BIN)/uv pip compile pyproject.toml --extra test --extra dev --universal \
	  --python-version 3.11 --generate-hashes --quiet -o requirements.lock

clean:
	rm -rf $(VENV) static/vendor tests/artifacts
