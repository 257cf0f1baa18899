# The course in two commands: `make lab` to learn, `make test` to check everything.
# Both build the environment .venv themselves on a machine that has only python3 (>= 3.11) and make.
# `make lab` installs what a learner needs (requirements.txt and the mlcourse package); `make test`
# adds the test tools (requirements-dev.txt). Either rebuilds what it needs when a file it was
# installed from changes.

PYTHON3 ?= python3
VENV    := .venv
PYTHON  := $(VENV)/bin/python
PIP     := $(PYTHON) -m pip --disable-pip-version-check
# One stamp per layer of the environment. A stamp records that its install finished and with which
# pins: it is newer than the files it depends on, so editing one of them (or an install that stopped
# half-way) triggers a fresh `pip install`; the test layer is rebuilt whenever the learner's is.
LEARNER_STAMP := $(VENV)/.installed-learner
DEV_STAMP     := $(VENV)/.installed-dev

# PINS=lock (the default) installs the exact versions of requirements-lock.txt: the ones CI tests and
# every printed number in the chapters comes from. PINS=ranges installs the newest releases that the
# ranges of requirements*.txt admit, as the weekly CI job does to catch a release that breaks a chapter.
PINS ?= lock
ifeq ($(PINS),lock)
CONSTRAINTS := -c requirements-lock.txt
else ifeq ($(PINS),ranges)
CONSTRAINTS :=
else
$(error PINS must be lock or ranges; got '$(PINS)')
endif
# A stamp written with the other pins does not count: the layer is installed again with these.
ifneq ($(shell cat $(LEARNER_STAMP) 2>/dev/null),$(PINS))
.PHONY: $(LEARNER_STAMP)
endif
ifneq ($(shell cat $(DEV_STAMP) 2>/dev/null),$(PINS))
.PHONY: $(DEV_STAMP)
endif

# Jupyter refuses to start as root without this flag; containers and CI machines often are root.
ALLOW_ROOT := $(if $(filter 0,$(shell id -u 2>/dev/null)),--allow-root)
# Extra JupyterLab options, e.g. make lab LAB_ARGS="--no-browser --port 8899"
LAB_ARGS ?=

.DEFAULT_GOAL := help
.PHONY: help lab test lint bench test-bench-extras notebooks clean check-python

help:
	@echo "mlcourse — make targets:"
	@echo "  make lab        build .venv if needed (requirements.txt + mlcourse, at the versions of"
	@echo "                  requirements-lock.txt), then open JupyterLab on chapters/00-start-here.ipynb"
	@echo "  make test       add the test tools (requirements-dev.txt) to .venv, then ruff, the library tests,"
	@echo "                  every chapter re-run by nbval (strict), the browser test"
	@echo "                  (PINS=ranges: install the newest releases the ranges admit instead of the lock)"
	@echo "  make lock       re-resolve requirements-lock.txt and binder/requirements.txt after a change to"
	@echo "                  requirements*.txt (LOCK_ARGS=--upgrade: move every pin to the newest release)"
	@echo "  make lint       ruff check only"
	@echo "  make bench      run the benchmarks (benchmarks/run_all.py). EXTRAS=1 first adds their optional"
	@echo "                  contenders to .venv: scikit-learn (requirements-bench.txt) and, with TORCH=<pip"
	@echo "                  arguments>, PyTorch's CPU build (how: requirements-bench.txt)"
	@echo "  make test-bench-extras  install those extras (scikit-learn; PyTorch with TORCH=...) and run their"
	@echo "                  tests, which then fail instead of skipping (CI runs it after make test)"
	@echo "  make links      print this clone's Binder and Colab links (from its GitHub origin) and write"
	@echo "                  them into README.md and chapter 00: how a fork gets its badge (then commit)"
	@echo "  make hub-chapters  copies of the chapters with outputs cleared, in build/hub-chapters/, for the"
	@echo "                  repository a JupyterHub's nbgitpuller pulls from (chapters/ is only read)"
	@echo "  make notebooks  re-execute every chapter in place, top to bottom, and strip widget state"
	@echo "  make book       the course website in build/book/html, from the committed outputs (offline;"
	@echo "                  BOOK_REPOSITORY_URL=https://github.com/<owner>/<name> or the clone's origin adds"
	@echo "                  Binder buttons). Publish: push to GitHub, whose workflow deploys it to Pages"
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
# The learner's layer: requirements.txt and the package, nothing for testing (no pytest, no Playwright).
$(LEARNER_STAMP): requirements.txt requirements-lock.txt pyproject.toml | check-python
	@if [ -x "$(PYTHON)" ] && ! "$(PYTHON)" -c "" >/dev/null 2>&1; then \
	    echo "$(VENV) is broken (its Python no longer runs): rebuilding it"; rm -rf "$(VENV)"; fi
	@if [ ! -x "$(PYTHON)" ]; then \
	    echo "Creating $(VENV) with $$($(PYTHON3) --version)"; \
	    $(PYTHON3) -m venv $(VENV) || { rm -rf "$(VENV)"; \
	        echo "error: could not create $(VENV). On Debian/Ubuntu: sudo apt install python3-venv" >&2; \
	        exit 1; }; fi
	@rm -f $(LEARNER_STAMP) $(DEV_STAMP)
	@echo "Installing requirements.txt ($(PINS)) and the mlcourse package into $(VENV) (a few minutes the first time)"
	$(PIP) install --quiet -r requirements.txt $(CONSTRAINTS) -e .
	@echo $(PINS) > $(LEARNER_STAMP)

# The test layer, on top of the learner's: requirements-dev.txt (which starts with -r requirements.txt).
$(DEV_STAMP): $(LEARNER_STAMP) requirements-dev.txt
	@echo "Installing the test tools of requirements-dev.txt ($(PINS)) into $(VENV)"
	$(PIP) install --quiet -r requirements-dev.txt $(CONSTRAINTS)
	@echo $(PINS) > $(DEV_STAMP)

# --- the lock -----------------------------------------------------------------------------------------
# requirements-lock.txt: the exact version of every package that requirements-dev.txt (and through it
# requirements.txt) pulls in, one resolution for Linux, macOS and Windows and Python 3.11-3.13 (uv's
# universal mode; "fewest" keeps one version of each package across Pythons wherever one fits all).
# binder/requirements.txt: the same versions for Binder (Linux, Python 3.11), plus binder/requirements.in's
# notebook release. uv keeps the existing pins unless a range forces a change: LOCK_ARGS=--upgrade moves
# all of them, LOCK_ARGS="--upgrade-package numpy" one. uv runs from its own environment in build/.
# The one extra constraint: argon2-cffi-bindings (under jupyter-server) publishes no wheel for Intel
# Macs from 26.0 on, and there it would need a C compiler.
LOCK_TOOLS := build/lock-tools
LOCK_ARGS  ?=
UV_COMPILE := $(LOCK_TOOLS)/bin/uv pip compile --quiet --custom-compile-command "make lock" $(LOCK_ARGS)
.PHONY: lock
lock: | check-python
	@[ -x $(LOCK_TOOLS)/bin/uv ] || { $(PYTHON3) -m venv $(LOCK_TOOLS) && \
	    $(LOCK_TOOLS)/bin/python -m pip --disable-pip-version-check install --quiet "uv~=0.13"; }
	@printf '%s\n' 'argon2-cffi-bindings<26' > build/lock-platform-constraints.txt
	$(UV_COMPILE) --universal --fork-strategy fewest --python-version 3.11 \
	    -c build/lock-platform-constraints.txt requirements-dev.txt -o requirements-lock.txt
	$(UV_COMPILE) --python-platform x86_64-manylinux_2_28 --python-version 3.11 \
	    -c requirements-lock.txt binder/requirements.in -o binder/requirements.txt
	@echo "Now update LOCKED in mlcourse/chapters/ch00_start_here.py if a course package moved" \
	    "(tests/test_ch00_start_here.py compares them)."

# The server's root is the repository, not chapters/: chapter 00 asks the learner to open
# mlcourse/network.py next to chapter 07, and the file browser must be able to reach it.
lab: $(LEARNER_STAMP)
	$(VENV)/bin/jupyter lab $(ALLOW_ROOT) $(LAB_ARGS) --ServerApp.root_dir=. chapters/00-start-here.ipynb

lint: $(DEV_STAMP)
	$(PYTHON) -m ruff check .

# pytest's testpaths (pyproject.toml) are tests/ and chapters/: --nbval turns every .ipynb into a test
# that re-runs the chapter in a fresh kernel and compares each output with the committed one; .py tests
# run as usual. nbval does not compare cells that were never run (no execution count), which is why
# tests/test_project.py requires every chapter to be committed executed top to bottom.
# Any non-zero pytest exit, including 5 ("no tests collected"), fails make.
test: lint
	$(PYTHON) -m pytest --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg

# --- the benchmarks -----------------------------------------------------------------------------------
# `make bench` times the library on this machine. Its optional contenders are never part of the course:
# `make bench EXTRAS=1` first adds requirements-bench.txt (scikit-learn) to .venv, and with TORCH=<pip
# arguments> PyTorch too. TORCH has no default because PyPI's torch for Linux is the CUDA build
# (gigabytes of nvidia-* packages); requirements-bench.txt gives the arguments for the CPU build, e.g.
#   make bench EXTRAS=1 TORCH="torch==2.13.0+cpu --extra-index-url https://download.pytorch.org/whl/cpu"
# The stamp records the pins and TORCH it installed with: other ones install the layer again.
EXTRAS ?= 0
TORCH  ?=
BENCH_STAMP := $(VENV)/.installed-bench
ifeq ($(filter $(or $(EXTRAS),0),0 1),)
$(error EXTRAS must be 0 or 1; got '$(EXTRAS)')
endif
ifneq ($(shell cat $(BENCH_STAMP) 2>/dev/null),$(strip $(PINS) $(TORCH)))
.PHONY: $(BENCH_STAMP)
endif

$(BENCH_STAMP): $(LEARNER_STAMP) requirements-bench.txt
	@rm -f $@
	@echo "Installing the benchmarks' optional contenders ($(PINS)) into $(VENV)"
	$(PIP) install --quiet -r requirements-bench.txt $(CONSTRAINTS)
	$(if $(strip $(TORCH)),$(PIP) install --quiet $(CONSTRAINTS) $(TORCH))
	@echo "$(strip $(PINS) $(TORCH))" > $@

.PHONY: check-bench-args
check-bench-args:
	@if [ -n "$(strip $(TORCH))" ] && [ "$(EXTRAS)" != 1 ]; then \
	    echo "error: TORCH is installed only with EXTRAS=1: make bench EXTRAS=1 TORCH=..." >&2; exit 1; fi

bench: check-bench-args $(LEARNER_STAMP) $(if $(filter 1,$(EXTRAS)),$(BENCH_STAMP))
	$(PYTHON) benchmarks/run_all.py

# What .ci/run adds after `make test`: the optional contenders installed, and their tests in
# tests/test_benchmarks.py required to run (a missing package fails them instead of skipping), so a
# contender CI never ran cannot pass. scikit-learn always; PyTorch when TORCH gives its pip arguments.
comma := ,
test-bench-extras: $(DEV_STAMP) $(BENCH_STAMP)
	MLCOURSE_REQUIRE_EXTRAS=sklearn$(if $(strip $(TORCH)),$(comma)torch) \
	    $(PYTHON) -m pytest -p no:cacheprovider tests/test_benchmarks.py

notebooks: $(LEARNER_STAMP)
	$(PYTHON) tools/execute_notebooks.py chapters

# Standard library only, so it runs before .venv exists; it fails, changing nothing, without a GitHub origin.
.PHONY: links
links: | check-python
	$(PYTHON3) tools/course_links.py --write

# What a hub serves through nbgitpuller: the chapters without outputs, so a teacher's re-executed outputs
# never meet a learner's own in the merge (README, "Teaching a class").
.PHONY: hub-chapters
hub-chapters: $(LEARNER_STAMP)
	$(PYTHON) tools/hub_chapters.py --out build/hub-chapters

# --- the course website ------------------------------------------------------------------------------
# `make book` renders every chapter from its committed outputs (nothing is executed) into build/book/html.
# Its tools live apart from the course's .venv: Jupyter Book in build/book-env (requirements-book.txt at
# the exact versions of book/requirements-lock.txt), MathJax from npm in build/book-tools
# (book/package-lock.json), so pages typeset with no CDN.
BOOK_VENV    := build/book-env
BOOK_STAMP   := $(BOOK_VENV)/.installed
BOOK_TOOLS   := build/book-tools
MATHJAX_STAMP := $(BOOK_TOOLS)/.installed
.PHONY: book

$(BOOK_STAMP): requirements-book.txt book/requirements-lock.txt | check-python
	@rm -rf $(BOOK_VENV)
	$(PYTHON3) -m venv $(BOOK_VENV)
	$(BOOK_VENV)/bin/python -m pip --disable-pip-version-check install --quiet -r requirements-book.txt \
	    -c book/requirements-lock.txt
	@touch $@

$(MATHJAX_STAMP): book/package.json book/package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "error: make book needs npm (Node.js) to install MathJax." \
	    "On Debian/Ubuntu: sudo apt-get install nodejs npm; on macOS: brew install node" >&2; exit 1; }
	@mkdir -p $(BOOK_TOOLS)
	cp book/package.json book/package-lock.json $(BOOK_TOOLS)/
	cd $(BOOK_TOOLS) && npm ci --ignore-scripts --no-audit --no-fund
	@touch $@

book: $(BOOK_STAMP) $(MATHJAX_STAMP)
	$(BOOK_VENV)/bin/python book/build_book.py --output build/book/html

# Only what make and the tools create; chapters/ (and its .ipynb_checkpoints) is never touched.
clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache build mlcourse.egg-info
	rm -rf mlcourse/__pycache__ tests/__pycache__ benchmarks/__pycache__ tools/__pycache__
