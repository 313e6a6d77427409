# The commands people type. `make demo` and `make test` are the README's two commands.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Debian packages: chromium for browser tests, Noto fonts for PDFs and screenshots, gettext to
# compile translations, poppler-utils to inspect PDFs, nginx for the hub test (two app servers
# behind it), wrk for bench/kolibri.py.
APT_PACKAGES := chromium fonts-noto-core gettext poppler-utils fonts-dejavu-core libxml2-utils nginx wrk

.PHONY: demo serve test test-fast lint check messages bench clean system-packages

$(VENV)/.installed-runtime: requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit("Python 3.11 or newer is needed" if sys.version_info < (3, 11) else 0)'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed-runtime requirements-dev.txt
	$(PY) -m pip install -q -r requirements-dev.txt
	touch $@

system-packages:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

# The worker logs only warnings and errors (ELEARNING_TASK_LOG_LEVEL=INFO shows every task); the
# logins print last, once the server answers.
demo: $(VENV)/.installed-runtime
	@mkdir -p "$${ELEARNING_DATA_DIR:-.}"  # a data directory of one's own may not exist yet
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py load_demo -v0
	@$(PY) manage.py db_worker --no-startup-delay & worker=$$!; \
	$(PY) manage.py runserver 127.0.0.1:$(PORT) & server=$$!; \
	trap 'kill $$worker $$server 2>/dev/null' EXIT INT TERM; \
	until $(PY) -c 'import socket; socket.create_connection(("127.0.0.1", $(PORT)), 1)' 2>/dev/null; do \
	  kill -0 $$server 2>/dev/null || exit 1; sleep 1; \
	done; \
	echo "Serving on http://127.0.0.1:$(PORT)/ with a task worker beside it (Ctrl-C stops both)"; \
	$(PY) manage.py load_demo --logins-only; \
	wait $$server

test: system-packages $(VENV)/.installed-dev
	$(PY) -m pytest $(PYTEST_ARGS)

test-fast: $(VENV)/.installed-dev
	$(PY) -m pytest -m "not browser" $(PYTEST_ARGS)

lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy
	$(PY) scripts/check_sizes.py

check: $(VENV)/.installed-dev
	DJANGO_SETTINGS_MODULE=elearning.settings.dev $(PY) manage.py check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=elearning.settings.dev $(PY) manage.py makemigrations --check --dry-run

messages: $(VENV)/.installed-dev
	$(PY) manage.py makemessages --all --no-obsolete --ignore=.venv --ignore=tests --ignore=bench
	$(PY) manage.py compilemessages --ignore=.venv

bench: system-packages $(VENV)/.installed-dev
	$(PY) bench/pages.py

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-* static_collected
