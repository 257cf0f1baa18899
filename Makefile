# The course in two commands: `make lab` to learn, `make test` to check everything.
# Both build the environment .venv themselves on a machine that has only python3 (>= 3.11) and make,
# and rebuild it whenever requirements.txt, requirements-dev.txt or pyproject.toml changes.

PYTHON3 ?= python3
VENV    := .venv
PYTHON  := $(VENV)/bin/python
PIP     := $(PYTHON) -m pip --disable-pip-version-check
# The stamp records that the last install finished: it is newer than the three files it depends on,
# so editing any of them (or an install that stopped half-way) triggers a fresh `pip install`.
STAMP   := $(VENV)/.installed

# Jupyter refuses to start as root without this flag; containers and CI machines often are root.
ALLOW_ROOT := $(if $(filter 0,$(shell id -u 2>/dev/null)),--allow-root)
# Extra JupyterLab options, e.g. make lab LAB_ARGS="--no-browser --port 8899"
LAB_ARGS ?=

.DEFAULT_GOAL := help
.PHONY: help lab test lint bench notebooks clean check-python

help:
	@echo "mlcourse — make targets:"
	@echo "  make lab        build .venv if needed, then open JupyterLab on chapters/00-start-here.ipynb"
	@echo "  make test       ruff, the library tests, every chapter re-run by nbval (strict), the browser test"
	@echo "  make lint       ruff check only"
	@echo "  make bench      run the benchmarks (benchmarks/run_all.py)"
	@echo "  make notebooks  re-execute every chapter in place, top to bottom, and strip widget state"
	@echo "  make clean      remove .venv and caches (never chapters/ or anything you wrote)"

check-python:
	@command -v $(PYTHON3) >/dev/null 2>&1 || { \
	    echo "error: '$(PYTHON3)' not found. Install Python 3.11 or newer (https://www.python.org/downloads/)," \
	         "or point make at one: make lab PYTHON3=/path/to/python3.12" >&2; exit 1; }
	@$(PYTHON3) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else \
	    "error: the course needs Python 3.11 or newer; $(PYTHON3) is " + sys.version.split()[0] + \
	    ". Install a newer Python, or point make at one: make lab PYTHON3=/path/to/python3.12")'

# check-python is order-only: it runs first every time but never by itself forces a reinstall.
# A venv whose interpreter no longer runs (its Python was upgraded or removed) is rebuilt from scratch.
$(STAMP): requirements.txt requirements-dev.txt pyproject.toml | check-python
	@if [ -x "$(PYTHON)" ] && ! "$(PYTHON)" -c "" >/dev/null 2>&1; then \
	    echo "$(VENV) is broken (its Python no longer runs): rebuilding it"; rm -rf "$(VENV)"; fi
	@if [ ! -x "$(PYTHON)" ]; then \
	    echo "Creating $(VENV) with $$($(PYTHON3) --version)"; \
	    $(PYTHON3) -m venv $(VENV) || { rm -rf "$(VENV)"; \
	        echo "error: could not create $(VENV). On Debian/Ubuntu: sudo apt install python3-venv" >&2; \
	        exit 1; }; fi
	@echo "Installing requirements-dev.txt and the mlcourse package into $(VENV) (a few minutes the first time)"
	$(PIP) install --quiet -r requirements-dev.txt -e .
	@touch $(STAMP)

# The server's root is the repository, not chapters/: chapter 00 asks the learner to open
# mlcourse/network.py next to chapter 06, and the file browser must be able to reach it.
lab: $(STAMP)
	$(VENV)/bin/jupyter lab $(ALLOW_ROOT) $(LAB_ARGS) --ServerApp.root_dir=. chapters/00-start-here.ipynb

lint: $(STAMP)
	$(PYTHON) -m ruff check .

# pytest's testpaths (pyproject.toml) are tests/ and chapters/: --nbval turns every .ipynb into a test
# that re-runs the chapter in a fresh kernel and compares each output with the committed one; .py tests
# run as usual. nbval does not compare cells that were never run (no execution count), which is why
# tests/test_project.py requires every chapter to be committed executed top to bottom.
# Any non-zero pytest exit, including 5 ("no tests collected"), fails make.
test: lint
	$(PYTHON) -m pytest --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg

bench: $(STAMP)
	$(PYTHON) benchmarks/run_all.py

notebooks: $(STAMP)
	$(PYTHON) tools/execute_notebooks.py chapters

# Only what make and the tools create; chapters/ (and its .ipynb_checkpoints) is never touched.
clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache build mlcourse.egg-info
	rm -rf mlcourse/__pycache__ tests/__pycache__ benchmarks/__pycache__ tools/__pycache__
