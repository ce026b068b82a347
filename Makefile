# Two commands matter: `make demo` (set up and start the demo) and `make test` (run the suite).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install messages compile-messages demo serve test lint load prod-local prod-stop load-prod

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
	$(PY) tests/load/quiz_bench.py
	$(PY) tests/load/reach_bench.py

# The production topology on this machine: nginx (TLS with a self-signed certificate, static and media files)
# in front of $(PROCESSES) Daphne processes, on this machine's PostgreSQL and Redis, production settings.
PROCESSES ?= 2
HTTPS_PORT ?= 8443
HTTP_PORT ?= 8080
DAPHNE_BASE_PORT ?= 8001
PROD_DIR ?= $(CURDIR)/.cache/prod
# The database and Redis default in the shell: a make variable named DATABASE_URL (even target-specific) would
# stop make passing the environment's DATABASE_URL to every other recipe, `make test` included.
prod-local: install
	@command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || { echo "nginx is missing: sudo apt-get install nginx"; exit 1; }
	@command -v openssl >/dev/null || { echo "openssl is missing: sudo apt-get install openssl"; exit 1; }
	$(PY) -m deploy.topology --processes $(PROCESSES) --workdir $(PROD_DIR) \
		--https-port $(HTTPS_PORT) --http-port $(HTTP_PORT) --daphne-base-port $(DAPHNE_BASE_PORT) \
		--database-url "$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/bdhvs_prod}" \
		--redis-url "$${REDIS_URL:-redis://127.0.0.1:6379/2}"

# Stops what `make prod-local` started (from another terminal; Ctrl+C in its own does the same).
prod-stop:
	@if [ -f $(PROD_DIR)/topology.pid ]; then kill $$(cat $(PROD_DIR)/topology.pid) && echo "Đã gửi lệnh dừng."; \
	else echo "Không có hệ thống nào đang chạy ($(PROD_DIR)/topology.pid)."; fi

# Benchmarks through nginx: 1, 2 and 4 Daphne processes, then the failure drills (kill -9, Redis, PostgreSQL).
load-prod: install
	$(PY) tests/load/scale_out.py
	$(PY) tests/load/prod_drills.py
