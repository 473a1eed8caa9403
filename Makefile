# `make demo` builds the graph from seeds/ into out/; `make test` runs the whole suite.
# Both create .venv and install what they need: the demo only govkg's runtime dependencies, the tests also the
# test extras (Python packages from PyPI, Chromium and Virtuoso from Debian). Each install has its own stamp, so
# `make demo` after `make test` installs nothing, and `make test` after `make demo` adds only the extras.
# pip's own chatter goes to .venv/pip.log, which is printed only when an install fails.
VENV ?= .venv
PY := $(VENV)/bin/python
LOG := $(VENV)/pip.log
RUNTIME_STAMP := $(VENV)/.installed-runtime
TEST_STAMP := $(VENV)/.installed-test
PIP = $(PY) -m pip install --quiet --disable-pip-version-check

.PHONY: demo test install install-test assets browser system-deps clean

$(PY):
	@echo "Creating $(VENV) ..."
	@python3 -m venv $(VENV)
	@$(PIP) --upgrade pip >$(LOG) 2>&1 || { cat $(LOG); exit 1; }

$(RUNTIME_STAMP): pyproject.toml | $(PY)
	@echo "Installing govkg and its runtime dependencies into $(VENV) (pip's log: $(LOG)) ..."
	@$(PIP) -e . >>$(LOG) 2>&1 || { cat $(LOG); exit 1; }
	@touch $@

$(TEST_STAMP): pyproject.toml $(RUNTIME_STAMP) | system-deps
	@echo "Installing the test extras into $(VENV) (pip's log: $(LOG)) ..."
	@$(PIP) -e '.[test]' >>$(LOG) 2>&1 || { cat $(LOG); exit 1; }
	@touch $@

# The query page of `govkg serve` (YASGUI, from npm) goes into the git-ignored assets/ folder; served from
# there, so the page works offline. Keep the version in step with YASGUI_VERSION in graph/store/serve.py.
YASGUI_VERSION := 4.2.28
YASGUI := assets/node_modules/@triply/yasgui/build/yasgui.min.js
$(YASGUI):
	@command -v npm >/dev/null 2>&1 || { $(APT) update -qq && $(APT) install -y -qq npm >/dev/null; }
	@echo "Installing the query page (YASGUI $(YASGUI_VERSION), from npm) into assets/ ..."
	@npm install --prefix assets --no-audit --no-fund --no-save --silent @triply/yasgui@$(YASGUI_VERSION)
assets: $(YASGUI)

install: $(RUNTIME_STAMP) assets

install-test: $(TEST_STAMP) assets

# Debian packages the tests need: Chromium for the HTML view tests (Playwright's own browser download is not
# reachable), Virtuoso, the real SPARQL store the push tests start on loopback, and ICU's headers with a C++
# compiler, which the test extra followthemoney's PyICU builds from source (PyPI has no wheel of it). Installed
# only when missing, before the test extras.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT := DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get
system-deps:
	@missing=""; \
	  command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	  command -v virtuoso-t >/dev/null 2>&1 || missing="$$missing virtuoso-opensource"; \
	  pkg-config --exists icu-uc 2>/dev/null || missing="$$missing libicu-dev pkg-config"; \
	  command -v g++ >/dev/null 2>&1 || missing="$$missing g++"; \
	  if [ -n "$$missing" ]; then $(APT) update -qq && $(APT) install -y -qq $$missing >/dev/null; fi

browser: system-deps

demo: install
	@$(VENV)/bin/govkg build seeds --out out

test: install-test system-deps
	$(PY) -m pytest -q

clean:
	rm -rf out .pytest_cache
