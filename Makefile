# Two commands matter: `make demo` (set up and start the demo) and `make test` (run the suite).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install messages compile-messages demo serve test lint load

# A virtual environment with the pinned dependencies, rebuilt when pyproject.toml changes.
$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

install: $(BIN)/.installed compile-messages

compile-messages: $(BIN)/.installed
	@command -v msgfmt >/dev/null || { echo "msgfmt (GNU gettext) is missing: sudo apt-get install gettext"; exit 1; }
	$(PY) manage.py compilemessages --ignore=$(VENV) -v0

# Refresh the catalogues after changing user-facing text, then translate what is new in locale/vi.
messages: $(BIN)/.installed
	$(PY) manage.py makemessages -l vi -l en --no-location --no-obsolete --ignore=$(VENV)
	@msgattrib --untranslated locale/vi/LC_MESSAGES/django.po | grep -c '^msgid' || true

demo: install
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py demo_setup
	@$(MAKE) --no-print-directory serve

serve:
	@echo ""
	@echo "Mở http://$(HOST):$(PORT)/ (học viên) và http://$(HOST):$(PORT)/admin/ (cán bộ). Nhấn Ctrl+C để dừng."
	$(PY) -m config.serving $(HOST) $(PORT)

test: install
	$(PY) -m pytest

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Benchmarks with printed figures (budgets are tracked here, not asserted by timed unit tests).
load: install
	$(PY) tests/load/lesson_budget.py
	$(PY) tests/load/live_bench.py
