# The two set-up commands are `make html` and `make test`: both create .venv and
# install the project when it is missing or pyproject.toml changed (and unpack the
# language-ID model once, so that builds memory-map it instead: digest/langscore.py).
PYTHON     ?= python3
VENV       ?= .venv
BIN        := $(VENV)/bin
STAMP      := $(VENV)/.installed
INPUTDIR   ?= content
OUTPUTDIR  ?= output
CONFFILE   ?= pelicanconf.py
PUBLISHCONF ?= publishconf.py
STRICT     ?=
PORT       ?= 8000
N          ?=
PELICANOPTS ?=

FATAL := $(if $(filter 1 yes true,$(STRICT)),--fatal warnings,)

.PHONY: html publish test e2e serve report new-issue-preview bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	$(BIN)/python -m digest.langscore --prepare
	touch $(STAMP)

html: $(STAMP)
	$(BIN)/pelican "$(INPUTDIR)" -o "$(OUTPUTDIR)" -s $(CONFFILE) --log-handler plain $(FATAL) $(PELICANOPTS)

publish: $(STAMP)
	$(BIN)/pelican "$(INPUTDIR)" -o "$(OUTPUTDIR)" -s $(PUBLISHCONF) --log-handler plain $(FATAL) $(PELICANOPTS)

test: $(STAMP)
	$(BIN)/python -m pytest

# Browser tests: Debian's Chromium (installed when root and missing), Playwright
# and axe-core (bundled by axe-playwright-python) from PyPI; never `playwright install`.
e2e: $(STAMP)
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) \
	      || echo "e2e: could not install chromium; the browser tests will skip"; \
	  else echo "e2e: /usr/bin/chromium is missing and this is not root; the browser tests will skip"; fi; \
	fi
	$(BIN)/python -m pip install --quiet -e '.[test,e2e]'
	$(BIN)/python -m pytest tests/test_browser.py

serve: $(STAMP)
	$(BIN)/pelican --listen -o "$(OUTPUTDIR)" -p $(PORT) -b 127.0.0.1 -s $(CONFFILE)

report: $(STAMP)
	$(BIN)/python -m digest.report "$(OUTPUTDIR).report.json"

new-issue-preview: $(STAMP)
	$(BIN)/python -m digest.preview "$(OUTPUTDIR).report.json"

bench: $(STAMP)
	$(BIN)/python bench/run.py $(if $(N),--n $(N),)

clean:
	rm -rf "$(OUTPUTDIR)" "$(OUTPUTDIR).report.json" __pycache__ .pytest_cache
