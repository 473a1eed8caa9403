# `make demo` builds the graph from seeds/ into out/; `make test` runs the whole suite.
# Both create .venv and install what they need (Python packages from PyPI, Chromium and Virtuoso from Debian).
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: demo test install assets browser system-deps clean

$(PY):
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# The query page of `govkg serve` (YASGUI, from npm) goes into the git-ignored assets/ folder; served from
# there, so the page works offline. Keep the version in step with YASGUI_VERSION in graph/serve.py.
YASGUI_VERSION := 4.2.28
YASGUI := assets/node_modules/@triply/yasgui/build/yasgui.min.js
$(YASGUI):
	@command -v npm >/dev/null 2>&1 || { $(APT) update -qq && $(APT) install -y -qq npm >/dev/null; }
	@npm install --prefix assets --no-audit --no-fund --no-save --silent @triply/yasgui@$(YASGUI_VERSION)
assets: $(YASGUI)

install: $(STAMP) assets

# Debian packages the tests need: Chromium for the HTML view tests (Playwright's own browser download is not
# reachable) and Virtuoso, the real SPARQL store the push tests start on loopback. Installed only when missing.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT := DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get
system-deps:
	@missing=""; \
	  command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	  command -v virtuoso-t >/dev/null 2>&1 || missing="$$missing virtuoso-opensource"; \
	  if [ -n "$$missing" ]; then $(APT) update -qq && $(APT) install -y -qq $$missing >/dev/null; fi

browser: system-deps

demo: install
	$(VENV)/bin/govkg build seeds --out out

test: install system-deps
	$(PY) -m pytest -q

clean:
	rm -rf out .pytest_cache
